//! The minutes as Markdown (CommonMark with GFM tables), for `minutes.md`.
//!
//! Every piece of text is neutralised (`text::clean_line`: no control
//! characters, one line) and escaped, so that nothing from a dossier or a
//! note can start a heading, a list, a table cell, emphasis, a link or raw
//! HTML.

use super::{Block, Inline, Minutes, Signatures, Table};
use crate::text::clean_line;

/// The minutes as a Markdown document.
pub fn markdown(m: &Minutes) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape(&m.heading)));
    out.push_str(&format!("**{}**\n\n", escape(&m.title)));
    if m.draft {
        out.push_str(&format!("> **{}** – {}\n\n", escape(&m.draft_mark), escape(&m.status)));
    } else {
        out.push_str(&format!("{}\n\n", escape_start(&m.status)));
    }
    for section in &m.sections {
        let hashes = "#".repeat(usize::from(section.level.clamp(1, 4)) + 1);
        out.push_str(&format!("{hashes} {}\n\n", escape(&section.heading)));
        for block in &section.blocks {
            write_block(&mut out, block);
            out.push('\n');
        }
    }
    if m.draft {
        out.push_str(&format!("---\n\n**{}** – {}\n", escape(&m.draft_mark), escape(&m.status)));
    }
    out
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(inlines) => {
            out.push_str(&inline(inlines, true));
            out.push('\n');
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                out.push_str(&format!("- **{}:** {}\n", escape(label), escape(value)));
            }
        }
        Block::Table(table) => write_table(out, table),
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", inline(item, true)));
            }
        }
        Block::Note(note) => {
            out.push_str(&format!("**{}** – {}\n", escape(&note.lead), escape(&note.text)));
        }
        Block::Signatures(s) => write_signatures(out, s),
    }
}

/// Inline text; `starts_block` when it begins a paragraph or list item,
/// where a leading "-" or "1." would start a block of its own.
fn inline(inlines: &[Inline], starts_block: bool) -> String {
    inlines
        .iter()
        .enumerate()
        .map(|(i, x)| match x {
            Inline::Text(s) if i == 0 && starts_block => escape_start(s),
            Inline::Text(s) => escape(s),
            Inline::Strong(s) => format!("**{}**", escape(s)),
        })
        .collect()
}

fn write_table(out: &mut String, t: &Table) {
    let numeric = |i: usize| t.numeric.get(i).copied().unwrap_or(false);
    let row = |cells: &[String]| {
        let cells: Vec<String> = (0..t.header.len())
            .map(|i| cells.get(i).map(|c| escape(c)).filter(|c| !c.is_empty()).unwrap_or_else(|| " ".into()))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.header));
    let rule: Vec<&str> = (0..t.header.len()).map(|i| if numeric(i) { "---:" } else { "---" }).collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for r in &t.rows {
        out.push_str(&row(r));
    }
}

fn write_signatures(out: &mut String, s: &Signatures) {
    for (i, signer) in s.signers.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("**{}:** {}\n\n", escape(&signer.role), escape(&signer.name)));
        let line = |n: usize| "_".repeat(n);
        out.push_str(&format!(
            "{}: {}  {}: {}\n",
            escape(&s.place_date),
            line(24),
            escape(&s.signature),
            line(32)
        ));
    }
}

/// Untrusted text made inert inside a line of Markdown: one line without
/// control characters, every character that could mean something escaped.
pub fn escape(s: &str) -> String {
    let clean = clean_line(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`] for text that begins a block: leading spaces (an indented
/// code block) go, and a leading list marker ("-", "+", "1.", "1)") or
/// setext underline ("=") is escaped too.
pub fn escape_start(s: &str) -> String {
    let escaped = escape(clean_line(s).trim_start());
    let digits = escaped.len() - escaped.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match escaped[digits..].chars().next() {
        Some('-' | '+' | '=') if digits == 0 => format!("\\{escaped}"),
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &escaped[..digits], &escaped[digits..]),
        _ => escaped,
    }
}
