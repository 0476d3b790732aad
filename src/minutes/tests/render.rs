//! Markdown and HTML: exact output for a small document, untrusted text
//! escaped, and HTML that an XML parser reads to the end.

use quick_xml::Reader;
use quick_xml::events::Event as Xml;

use super::super::*;
use super::{t, under_way};
use crate::domain::{Language, Outcome, VoteSubject};
use crate::procedure::Command;

fn small(text: &str) -> Minutes {
    Minutes {
        language: Language::De,
        heading: "Niederschrift".into(),
        title: format!("Sitzung {text}"),
        draft: true,
        draft_mark: "ENTWURF".into(),
        page_of: "Seite {page} von {pages}".into(),
        status: "nicht freigegeben, Stand 26.11.2026".into(),
        sections: vec![
            Section {
                level: 1,
                heading: format!("Teil {text}"),
                anchor: None,
                blocks: vec![
                    Block::Fields(vec![("Ort".into(), text.into())]),
                    Block::Paragraph(vec![
                        Inline::Strong("Runde 1".into()),
                        Inline::Text(format!(" – {text}")),
                    ]),
                    Block::Table(Table {
                        header: vec!["Mitglied".into(), "K1".into()],
                        rows: vec![vec![text.into(), "2,5".into()]],
                        numeric: vec![false, true],
                    }),
                    Block::List(vec![vec![Inline::Text(text.into())]]),
                ],
            },
            Section {
                level: 2,
                heading: "TOP 1".into(),
                anchor: Some("D-1".into()),
                blocks: vec![Block::Note(Note {
                    seq: 7,
                    lead: "Notiz, 10:30 Uhr".into(),
                    text: text.into(),
                })],
            },
            Section {
                level: 1,
                heading: "Unterschriften".into(),
                anchor: None,
                blocks: vec![Block::Signatures(Signatures {
                    place_date: "Ort, Datum".into(),
                    signature: "Unterschrift".into(),
                    signers: vec![Signer { role: "Vorsitz".into(), name: text.into() }],
                })],
            },
        ],
    }
}

#[test]
fn markdown_of_a_small_document() {
    let expected = "\
# Niederschrift

**Sitzung Wiesbaden**

> **ENTWURF** – nicht freigegeben, Stand 26.11.2026

## Teil Wiesbaden

- **Ort:** Wiesbaden

**Runde 1** – Wiesbaden

| Mitglied | K1 |
| --- | ---: |
| Wiesbaden | 2,5 |

- Wiesbaden

### TOP 1

**Notiz, 10:30 Uhr** – Wiesbaden

## Unterschriften

**Vorsitz:** Wiesbaden

Ort, Datum: ________________________  Unterschrift: ________________________________

---

**ENTWURF** – nicht freigegeben, Stand 26.11.2026
";
    assert_eq!(markdown(&small("Wiesbaden")), expected);
}

#[test]
fn html_of_a_small_document() {
    let html = html(&small("Wiesbaden"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\" />\n"));
    let page = "<style>
@page {
  size: A4; margin: 24mm 18mm 22mm 22mm;
  @top-left { content: \"Niederschrift – Sitzung Wiesbaden\"; font-size: 8.5pt; color: #333; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: \"ENTWURF\"; color: #a00000; font-weight: 700; letter-spacing: 0.2em; font-size: 9pt; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-right { content: \"Seite \" counter(page) \" von \" counter(pages); font-size: 8.5pt; color: #333; vertical-align: top; padding-top: 4mm; }
}
";
    assert!(html.contains(page), "{html}");
    for rule in [
        "h2, h3 { break-after: avoid; page-break-after: avoid; }",
        "p:has(+ table) { break-after: avoid; page-break-after: avoid; }",
        "thead { display: table-header-group; }",
        "tr { break-inside: avoid; page-break-inside: avoid; }",
        ".signatures { display: flex; flex-wrap: wrap; gap: 12mm; margin-top: 10mm; break-inside: avoid;",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
    assert!(html.contains("<title>ENTWURF – Niederschrift – Sitzung Wiesbaden</title>"));
    let body = html.split("<body>\n").nth(1).unwrap_or_default();
    let expected = "\
<header>
<h1>Niederschrift</h1>
<p class=\"title\">Sitzung Wiesbaden</p>
<p class=\"status draft\"><strong>ENTWURF</strong> – nicht freigegeben, Stand 26.11.2026</p>
</header>
<main>
<section class=\"part\">
<h2>Teil Wiesbaden</h2>
<table class=\"fields\">
<tbody>
<tr><th scope=\"row\">Ort</th><td>Wiesbaden</td></tr>
</tbody>
</table>
<p><strong>Runde 1</strong> – Wiesbaden</p>
<table>
<thead>
<tr><th scope=\"col\">Mitglied</th><th scope=\"col\" class=\"num\">K1</th></tr>
</thead>
<tbody>
<tr><td>Wiesbaden</td><td class=\"num\">2,5</td></tr>
</tbody>
</table>
<ul>
<li>Wiesbaden</li>
</ul>
</section>
<section class=\"item\" id=\"item-D-1\">
<h3>TOP 1</h3>
<p class=\"note\" id=\"note-7\"><strong>Notiz, 10:30 Uhr</strong> – Wiesbaden</p>
</section>
<section class=\"part\">
<h2>Unterschriften</h2>
<div class=\"signatures\">
<div class=\"signature\">
<p class=\"role\">Vorsitz</p>
<p class=\"line\">Ort, Datum</p>
<p class=\"line\">Unterschrift</p>
<p class=\"name\">Wiesbaden</p>
</div>
</div>
</section>
</main>
<footer>
<p class=\"status draft\"><strong>ENTWURF</strong> – nicht freigegeben, Stand 26.11.2026</p>
</footer>
</body>
</html>
";
    assert_eq!(body, expected);
}

const NASTY: &str =
    "<script>alert('x')</script> a | b *fett* _k_ [l](javascript:x) &amp; \u{1b}[2J\u{7}\n# h";

#[test]
fn markdown_escapes_untrusted_text() {
    assert_eq!(
        markdown::escape(NASTY),
        "\\<script\\>alert('x')\\</script\\> a \\| b \\*fett\\* \\_k\\_ \\[l\\](javascript:x) \\&amp; \
         \u{241B}\\[2J\u{2407} \\# h"
    );
    assert_eq!(markdown::escape_start("- kein Punkt"), "\\- kein Punkt");
    assert_eq!(markdown::escape_start("12) kein Punkt"), "12\\) kein Punkt");
    assert_eq!(markdown::escape_start("2026-11-26 +3"), "2026-11-26 +3");
    assert_eq!(markdown::escape("1. mitten im Satz"), "1. mitten im Satz");
    // A list item that would otherwise nest a list or a heading.
    let mut m = small("x");
    m.sections[0].blocks = vec![Block::List(vec![vec![Inline::Text("- # 1. y".into())]])];
    assert!(markdown(&m).contains("\n- \\- \\# 1. y\n"));
    let md = markdown(&small(NASTY));
    // Every markup character in it is escaped.
    for c in ['<', '*', '|', '[', '#'] {
        let unescaped = md.match_indices(c).filter(|(i, _)| !md[..*i].ends_with('\\')).count();
        let ours = match c {
            '*' => md.matches("**").count() * 2,
            '|' => md.lines().filter(|l| l.starts_with('|')).map(|l| l.matches(" | ").count() + 2).sum(),
            '#' => md.lines().map(|l| l.len() - l.trim_start_matches('#').len()).sum(),
            _ => 0,
        };
        assert_eq!(unescaped, ours, "{c} in {md}");
    }
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'));
    // The table keeps its two columns: the bar in the text is escaped.
    assert!(md.contains("| \\<script\\>alert('x')\\</script\\> a \\| b "), "{md}");
}

#[test]
fn html_escapes_untrusted_text() {
    assert_eq!(
        html::escape(NASTY),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; a | b *fett* _k_ [l](javascript:x) &amp;amp; \
         \u{241B}[2J\u{2407} # h"
    );
    let page = html(&small(NASTY));
    assert!(!page.contains("<script"));
    assert!(!page.chars().any(|c| c.is_control() && c != '\n'));
    assert_eq!(well_formed(&page).iter().filter(|e| *e == "td").count(), 3);
}

/// Read the page as XML to the end; the elements in document order.
fn well_formed(page: &str) -> Vec<String> {
    let mut reader = Reader::from_str(page);
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Xml::Start(e)) => {
                let name = e.name().as_ref().to_string();
                elements.push(name.clone());
                open.push(name);
            }
            Ok(Xml::Empty(e)) => elements.push(e.name().as_ref().to_string()),
            Ok(Xml::End(e)) => assert_eq!(open.pop().as_deref(), Some(e.name().as_ref())),
            Ok(Xml::GeneralRef(r)) => {
                assert!(["amp", "lt", "gt", "quot", "#39"].contains(&r.as_ref()), "entity {r:?}")
            }
            Ok(Xml::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    elements
}

#[test]
fn the_minutes_of_a_session_are_well_formed_html() {
    let m = build(&under_way(Language::De).state, t(11, 0));
    let elements = well_formed(&html(&m));
    assert_eq!(elements[..4], ["html", "head", "meta", "meta"]);
    assert_eq!(elements.iter().filter(|e| *e == "h3").count(), 2);
    assert_eq!(elements.iter().filter(|e| *e == "section").count(), 13);
}

/// The session under way, then a vote at 10:45 on an item not ranked:
/// carried, departing from the ranking, with its rationale.
fn with_a_vote(lang: Language) -> Minutes {
    let mut r = under_way(lang);
    let vote = Command::RecordVote {
        subject: VoteSubject::Dossier { dossier: "D0002".into(), outcome: Outcome::Admitted },
        motion: None,
        yes: 2,
        no: 0,
        abstain: 1,
        ballots: Default::default(),
        tie_choice: None,
        rationale: Some("Dringender Bedarf".into()),
    };
    r.at(t(10, 45), vote);
    build(&r.state, t(11, 0))
}

#[test]
fn the_minutes_of_a_session_as_documents() {
    insta::assert_snapshot!("minutes_de_md", markdown(&with_a_vote(Language::De)));
    insta::assert_snapshot!("minutes_en_md", markdown(&with_a_vote(Language::En)));
    let page = html(&with_a_vote(Language::De));
    well_formed(&page);
    // From the item voted on to the result, before the sign-off.
    let start = page.find("<section class=\"item\" id=\"item-D0002\"").unwrap_or(0);
    let end = page.find("<section class=\"part\">\n<h2>Freigabe").unwrap_or(page.len());
    insta::assert_snapshot!("minutes_de_vote_html", &page[start..end]);
}

/// The session's title reaches the page header as a CSS string that cannot
/// be ended early: quotes, backslashes and `</style>` come out as escapes.
#[test]
fn a_hostile_title_stays_inside_its_css_string() {
    let mut m = small("Wiesbaden");
    m.title = "A\" } body { display: none } </style><script>x</script>\\".into();
    m.draft = false;
    m.language = crate::domain::Language::En;
    m.page_of = "Page {page} of {pages}".into();
    let html = html(&m);
    let style = html.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap_or_default();
    assert!(style.contains(
        "  @top-left { content: \"Niederschrift – A\\22  \\7d  body \\7b  display: none \\7d  \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\5c \";"
    ), "{style}");
    assert!(!style.contains("@top-right"), "no draft mark once signed off");
    assert!(style.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"));
    assert_eq!(html.matches("</style>").count(), 1);
}
