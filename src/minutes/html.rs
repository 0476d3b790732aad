//! The minutes as one self-contained HTML5 file, for `minutes.html`: an
//! embedded stylesheet for A4 print — page margins with a running header
//! (the document and session title, and the draft mark while the session is
//! not signed off) and "Seite x von y" in the margin boxes, headings kept
//! with what follows, table headers repeated on each page, no row split
//! across pages, the signature block on one page.
//!
//! The markup is also well-formed XML (every element closed, attributes
//! quoted), and every piece of text is neutralised and escaped.

use super::{Block, Inline, Minutes, Section, Signatures, Table};
use crate::text::clean_line;

const STYLE: &str = r#"
html { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 170mm; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 0.5mm; border-bottom: 0.75pt solid #000; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
p:has(+ table) { break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
.title { font-size: 12pt; font-weight: 600; margin-top: 0; }
.status { font-weight: 600; }
.status.draft { color: #a00000; border: 1pt solid #a00000; padding: 1mm 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; }
th, td { border: 0.5pt solid #555; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
table.fields th { width: 32%; font-weight: 600; background: none; }
.note { margin-left: 4mm; padding-left: 2mm; border-left: 1.5pt solid #777; }
.signatures { display: flex; flex-wrap: wrap; gap: 12mm; margin-top: 10mm; break-inside: avoid; page-break-inside: avoid; }
.signature { flex: 1 1 70mm; }
.signature .role { font-weight: 600; margin-bottom: 0; }
.signature .line { border-top: 0.75pt solid #000; margin-top: 14mm; padding-top: 0.5mm; font-size: 8.5pt; }
.signature .name { margin-top: 0; }
@media screen { body { padding: 12mm 8mm; } }
@media print { body { max-width: none; } }
"#;

/// The page box: A4 with its margins, the running header and the page
/// numbers in the margin boxes. Text from the session (its title) goes in as
/// CSS strings, escaped so that it cannot end the string or the style.
fn page_style(m: &Minutes) -> String {
    let header = css_string(&format!("{} – {}", m.heading, m.title));
    let mark = if m.draft {
        format!(
            "  @top-right {{ content: {}; color: #a00000; font-weight: 700; letter-spacing: 0.2em; font-size: 9pt; vertical-align: bottom; padding-bottom: 4mm; }}\n",
            css_string(&m.draft_mark)
        )
    } else {
        String::new()
    };
    format!(
        "@page {{\n  size: A4; margin: 24mm 18mm 22mm 22mm;\n  @top-left {{ content: {header}; font-size: 8.5pt; color: #333; vertical-align: bottom; padding-bottom: 4mm; }}\n{mark}  @bottom-right {{ content: {}; font-size: 8.5pt; color: #333; vertical-align: top; padding-top: 4mm; }}\n}}\n",
        page_counter(&m.page_of)
    )
}

/// "Seite {page} von {pages}" as a CSS `content` value with the counters.
fn page_counter(template: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (before, after) = rest.split_at(at);
        if !before.is_empty() {
            parts.push(css_string(before));
        }
        if let Some(tail) = after.strip_prefix("{pages}") {
            parts.push("counter(pages)".to_string());
            rest = tail;
        } else if let Some(tail) = after.strip_prefix("{page}") {
            parts.push("counter(page)".to_string());
            rest = tail;
        } else {
            parts.push(css_string("{"));
            rest = &after[1..];
        }
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    parts.join(" ")
}

/// A CSS string literal: control characters dropped as on every line of the
/// minutes, and everything but letters, digits, space and plain punctuation
/// written as a hexadecimal escape, so no quote, backslash or `</style>` gets
/// through.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in clean_line(text).chars() {
        if c.is_alphanumeric()
            || matches!(c, ' ' | '.' | ',' | ':' | ';' | '-' | '–' | '(' | ')' | '/' | '!' | '?')
        {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// The minutes as an HTML document.
pub fn html(m: &Minutes) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", m.language.code()));
    out.push_str("<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    let title = if m.draft {
        format!("{} – {} – {}", m.draft_mark, m.heading, m.title)
    } else {
        format!("{} – {}", m.heading, m.title)
    };
    out.push_str(&format!("<title>{}</title>\n", escape(&title)));
    out.push_str(&format!("<style>\n{}{STYLE}</style>\n</head>\n<body>\n", page_style(m)));
    out.push_str("<header>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(&m.heading)));
    out.push_str(&format!("<p class=\"title\">{}</p>\n", escape(&m.title)));
    out.push_str(&status(m));
    out.push_str("</header>\n<main>\n");
    for section in &m.sections {
        write_section(&mut out, section);
    }
    out.push_str("</main>\n");
    if m.draft {
        out.push_str(&format!("<footer>\n{}</footer>\n", status(m)));
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn status(m: &Minutes) -> String {
    if m.draft {
        format!(
            "<p class=\"status draft\"><strong>{}</strong> – {}</p>\n",
            escape(&m.draft_mark),
            escape(&m.status)
        )
    } else {
        format!("<p class=\"status\">{}</p>\n", escape(&m.status))
    }
}

fn write_section(out: &mut String, s: &Section) {
    let (class, tag) = if s.level <= 1 { ("part", "h2") } else { ("item", "h3") };
    let id = s.anchor.as_deref().map(|a| format!(" id=\"item-{}\"", escape(a))).unwrap_or_default();
    out.push_str(&format!("<section class=\"{class}\"{id}>\n<{tag}>{}</{tag}>\n", escape(&s.heading)));
    for block in &s.blocks {
        write_block(out, block);
    }
    out.push_str("</section>\n");
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(inlines) => out.push_str(&format!("<p>{}</p>\n", inline(inlines))),
        Block::Fields(fields) => {
            out.push_str("<table class=\"fields\">\n<tbody>\n");
            for (label, value) in fields {
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                    escape(label),
                    escape(value)
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Table(table) => write_table(out, table),
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", inline(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Note(note) => out.push_str(&format!(
            "<p class=\"note\" id=\"note-{}\"><strong>{}</strong> – {}</p>\n",
            note.seq,
            escape(&note.lead),
            escape(&note.text)
        )),
        Block::Signatures(s) => write_signatures(out, s),
    }
}

fn inline(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(s) => escape(s),
            Inline::Strong(s) => format!("<strong>{}</strong>", escape(s)),
        })
        .collect()
}

fn write_table(out: &mut String, t: &Table) {
    let class = |i: usize| if t.numeric.get(i).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
    out.push_str("<table>\n<thead>\n<tr>");
    for (i, h) in t.header.iter().enumerate() {
        out.push_str(&format!("<th scope=\"col\"{}>{}</th>", class(i), escape(h)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for i in 0..t.header.len() {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            out.push_str(&format!("<td{}>{}</td>", class(i), escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn write_signatures(out: &mut String, s: &Signatures) {
    out.push_str("<div class=\"signatures\">\n");
    for signer in &s.signers {
        out.push_str("<div class=\"signature\">\n");
        out.push_str(&format!("<p class=\"role\">{}</p>\n", escape(&signer.role)));
        out.push_str(&format!("<p class=\"line\">{}</p>\n", escape(&s.place_date)));
        out.push_str(&format!("<p class=\"line\">{}</p>\n", escape(&s.signature)));
        out.push_str(&format!("<p class=\"name\">{}</p>\n", escape(&signer.name)));
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

/// Untrusted text made inert in HTML: one line without control
/// characters, the five markup characters as entities.
pub fn escape(s: &str) -> String {
    let clean = clean_line(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
