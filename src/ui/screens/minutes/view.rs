//! The minutes document laid out as terminal lines for a width: headings,
//! fields, wrapped paragraphs, tables whose widest columns give way and
//! wrap, notes, signature lines. Every piece of text goes through
//! `text::clean_line` (via `Doc`, `fit` and `wrap`), like everywhere else
//! on screen.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::minutes::{Block, Inline, Minutes, Piece, Section, Signatures, Table};
use crate::ui::theme::Theme;
use crate::ui::widgets::doc::{Align, Doc, fit, safe, width, wrap};

/// The laid-out document and where things are in it.
pub struct View {
    pub lines: Vec<Line<'static>>,
    /// First line of each chair's note, by its record seq.
    pub notes: HashMap<u64, usize>,
    /// First line of each agenda item's section, by dossier id.
    pub items: HashMap<String, usize>,
}

/// Narrowest a table column gets before it wraps.
const MIN_COLUMN: usize = 4;
const GAP: &str = "  ";

/// The document laid out a piece at a time, as the builder gives them
/// (`crate::minutes::Piece`): the head first, then each section.
pub struct Layout {
    width: u16,
    view: View,
}

impl Layout {
    pub fn new(width: u16) -> Layout {
        Layout { width, view: View { lines: Vec::new(), notes: HashMap::new(), items: HashMap::new() } }
    }

    /// Lay out what the builder gave next.
    pub fn piece(&mut self, piece: &Piece, theme: &Theme) {
        let lines = std::mem::take(&mut self.view.lines);
        let mut doc = Doc::resume(self.width, theme, lines);
        match piece {
            Piece::Head(m) => head(&mut doc, m, theme),
            Piece::Section(section) => self.section(&mut doc, section, theme),
        }
        self.view.lines = doc.into_lines();
    }

    fn section(&mut self, doc: &mut Doc, section: &Section, theme: &Theme) {
        let w = doc.width();
        let heading =
            if section.level > 1 { format!("▸ {}", section.heading) } else { section.heading.clone() };
        doc.blank();
        if let Some(anchor) = &section.anchor {
            self.view.items.insert(anchor.clone(), doc.len());
        }
        for line in wrap(&safe(&heading), w) {
            doc.line(Line::styled(line, theme.heading));
        }
        for block in &section.blocks {
            if let Block::Note(note) = block {
                doc.blank();
                self.view.notes.insert(note.seq, doc.len());
            }
            write_block(doc, block, theme);
        }
    }

    pub fn finish(self) -> View {
        self.view
    }
}

/// Heading, title and status (draft or signed off).
fn head(doc: &mut Doc, m: &Minutes, theme: &Theme) {
    let w = doc.width();
    for line in wrap(&safe(&m.heading).to_uppercase(), w) {
        doc.line(Line::styled(line, theme.heading));
    }
    for line in wrap(&safe(&m.title), w) {
        doc.line(Line::styled(line, Style::new().add_modifier(Modifier::BOLD)));
    }
    let status_style = if m.draft { theme.bad } else { theme.ok };
    let status = if m.draft { format!("{} – {}", m.draft_mark, m.status) } else { m.status.clone() };
    for line in wrap(&safe(&status), w) {
        doc.line(Line::styled(line, status_style));
    }
}

/// The whole document at once.
#[cfg(test)]
pub fn layout(m: &Minutes, width: u16, theme: &Theme) -> View {
    let mut layout = Layout::new(width);
    let head = Minutes { sections: Vec::new(), ..m.clone() };
    layout.piece(&Piece::Head(head), theme);
    for section in &m.sections {
        layout.piece(&Piece::Section(section.clone()), theme);
    }
    layout.finish()
}

fn write_block(doc: &mut Doc, block: &Block, theme: &Theme) {
    match block {
        Block::Paragraph(inlines) => {
            let text: String = inlines.iter().map(Inline::text).collect();
            let bold = inlines.iter().all(|i| matches!(i, Inline::Strong(_)));
            let style = if bold { Style::new().add_modifier(Modifier::BOLD) } else { theme.base };
            doc.blank();
            for line in wrap(&safe(&text), doc.width()) {
                doc.line(Line::styled(line, style));
            }
        }
        Block::Fields(fields) => write_fields(doc, fields, theme),
        Block::Table(table) => {
            doc.blank();
            write_table(doc, table, theme);
        }
        Block::List(items) => {
            for item in items {
                doc.bullet(&item.iter().map(Inline::text).collect::<String>());
            }
        }
        Block::Note(note) => {
            let lead = format!("✎ {} – ", safe(&note.lead));
            let text = format!("{lead}{}", safe(&note.text));
            // Lines after the first are indented by two cells.
            for (i, part) in wrap(&text, doc.width().saturating_sub(2)).into_iter().enumerate() {
                let line = if i == 0 {
                    let (head, tail) = split_at_width(&part, width(&lead));
                    Line::from(vec![Span::styled(head, theme.label), Span::raw(tail)])
                } else {
                    Line::raw(format!("  {part}"))
                };
                doc.line(line);
            }
        }
        Block::Signatures(s) => write_signatures(doc, s),
    }
}

/// Labels in a column as wide as the longest (up to two fifths of the
/// width), values wrapped beside them.
fn write_fields(doc: &mut Doc, fields: &[(String, String)], theme: &Theme) {
    let w = doc.width();
    let longest = fields.iter().map(|(l, _)| width(&safe(l))).max().unwrap_or(0);
    let label_width = (longest + 2).min(w * 2 / 5).max(1);
    let value_width = w.saturating_sub(label_width).max(1);
    for (label, value) in fields {
        let label = fit(label, label_width - 1, Align::Left) + " ";
        for (i, part) in wrap(&safe(value), value_width).into_iter().enumerate() {
            let head = if i == 0 { label.clone() } else { " ".repeat(label_width) };
            doc.line(Line::from(vec![Span::styled(head, theme.label), Span::raw(part)]));
        }
    }
}

/// `s` cut after `w` cells (never inside a character).
fn split_at_width(s: &str, w: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= w {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += width(c.encode_utf8(&mut [0; 4]));
    }
    (s.to_string(), String::new())
}

/// Column widths for `available` cells: the natural widths, the widest
/// column giving way first.
fn column_widths(t: &Table, available: usize) -> Vec<usize> {
    let n = t.header.len();
    let mut widths: Vec<usize> = (0..n)
        .map(|i| {
            let cells = t.rows.iter().filter_map(|r| r.get(i));
            cells.chain(std::iter::once(&t.header[i])).map(|c| width(&safe(c))).max().unwrap_or(0)
        })
        .collect();
    let room = available.saturating_sub(GAP.len() * n.saturating_sub(1));
    // The longest word of each column: columns give way down to it first,
    // so that words are not broken while some column has room to spare.
    let words: Vec<usize> = (0..n)
        .map(|i| {
            let cells = t.rows.iter().filter_map(|r| r.get(i)).chain(std::iter::once(&t.header[i]));
            cells.flat_map(|c| safe(c).split(' ').map(width).collect::<Vec<_>>()).max().unwrap_or(0)
        })
        .collect();
    // When the longest words cannot all stand whole, a word longer than an
    // even share of the room is broken.
    let whole: Vec<usize> = words.iter().map(|w| (*w).max(MIN_COLUMN)).collect();
    let share = (room / n.max(1)).max(MIN_COLUMN);
    let first = if whole.iter().sum::<usize>() <= room {
        whole
    } else {
        words.iter().map(|w| (*w).clamp(MIN_COLUMN, share)).collect()
    };
    for floor in [first, vec![MIN_COLUMN; n]] {
        // The widest column that can give way comes down to the next widest
        // (or as far as needed), then the two share the cut.
        loop {
            let sum: usize = widths.iter().sum();
            let candidate =
                widths.iter().enumerate().filter(|(j, w)| **w > floor[*j]).max_by_key(|(_, w)| **w);
            let Some((i, &w)) = candidate else { break };
            if sum <= room {
                break;
            }
            let second =
                widths.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, w)| *w).max().unwrap_or(0);
            widths[i] = w.saturating_sub(sum - room).max(second).max(floor[i]).min(w - 1);
        }
    }
    widths
}

fn write_table(doc: &mut Doc, t: &Table, theme: &Theme) {
    if t.header.is_empty() {
        return;
    }
    let widths = column_widths(t, doc.width());
    write_row(doc, t, &widths, &t.header, theme.label.add_modifier(Modifier::BOLD));
    let rule = widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join(GAP);
    doc.line(Line::styled(rule, theme.muted));
    for cells in &t.rows {
        write_row(doc, t, &widths, cells, theme.base);
    }
}

/// One row of a table, its cells wrapped within their columns.
fn write_row(doc: &mut Doc, t: &Table, widths: &[usize], cells: &[String], style: Style) {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| wrap(&safe(cells.get(i).map(String::as_str).unwrap_or("")), *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        let text: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let part = wrapped[i].get(k).map(String::as_str).unwrap_or("");
                let numeric = t.numeric.get(i).copied().unwrap_or(false);
                fit(part, *w, if numeric { Align::Right } else { Align::Left })
            })
            .collect();
        doc.line(Line::styled(text.join(GAP).trim_end().to_string(), style));
    }
}

fn write_signatures(doc: &mut Doc, s: &Signatures) {
    let w = doc.width();
    for signer in &s.signers {
        doc.blank();
        doc.line(Line::raw(fit(&format!("{}: {}", signer.role, signer.name), w, Align::Left)));
        doc.blank();
        let place = safe(&s.place_date).into_owned();
        let signature = safe(&s.signature).into_owned();
        let blank = |label: &str, cells: usize| format!("{label}: {}", "_".repeat(cells));
        let both = format!("{}   {}", blank(&place, 20), blank(&signature, 28));
        if width(&both) <= w {
            doc.line(Line::raw(both));
        } else {
            doc.line(Line::raw(fit(&blank(&place, 20), w, Align::Left)));
            doc.blank();
            doc.line(Line::raw(fit(&blank(&signature, 28), w, Align::Left)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::minutes::{Inline, Note, Section, Signer};

    #[test]
    fn untrusted_text_never_reaches_the_terminal_raw() {
        let x = "a\u{1b}[2J\u{9b}31m\u{7}\u{202E}b\nc".to_string();
        let m = Minutes {
            language: Language::De,
            heading: x.clone(),
            title: x.clone(),
            draft: true,
            draft_mark: x.clone(),
            page_of: x.clone(),
            status: x.clone(),
            sections: vec![Section {
                level: 2,
                heading: x.clone(),
                anchor: Some(x.clone()),
                blocks: vec![
                    Block::Paragraph(vec![Inline::Text(x.clone())]),
                    Block::Fields(vec![(x.clone(), x.clone())]),
                    Block::Table(Table {
                        header: vec![x.clone()],
                        rows: vec![vec![x.clone()]],
                        numeric: vec![true],
                    }),
                    Block::List(vec![vec![Inline::Strong(x.clone())]]),
                    Block::Note(Note { seq: 1, lead: x.clone(), text: x.clone() }),
                    Block::Signatures(Signatures {
                        place_date: x.clone(),
                        signature: x.clone(),
                        signers: vec![Signer { role: x.clone(), name: x.clone() }],
                    }),
                ],
            }],
        };
        let view = layout(&m, 60, &crate::ui::ThemeKind::Default.theme());
        let text: String =
            view.lines.iter().flat_map(|l| l.spans.iter().map(|s| s.content.to_string())).collect();
        assert!(!text.chars().any(|c| c.is_control() || c == '\u{202E}'), "{text:?}");
        assert!(text.contains("a\u{241B}[2J\u{FFFD}31m\u{2407}\u{FFFD}b c"), "{text:?}");
        assert_eq!(view.notes.get(&1).map(|&l| view.lines[l].to_string().starts_with("✎ ")), Some(true));
    }

    #[test]
    fn the_widest_column_gives_way_first() {
        let t = Table {
            header: vec!["Name".into(), "Organisation".into(), "Anwesenheit".into()],
            rows: vec![vec!["B. Muster".into(), "x".repeat(60), "ab 09:00 Uhr".into()]],
            numeric: vec![false; 3],
        };
        assert_eq!(column_widths(&t, 80), [9, 55, 12]);
        assert_eq!(column_widths(&t, 40), [9, 15, 12]);
        // Words are kept whole while another column can give way.
        let t = Table {
            header: vec!["Name".into(), "Organisation".into(), "Stimmberechtigte".into()],
            rows: vec![vec![
                "T. Marquardt".into(),
                "Landesarbeitsgemeinschaft Soziale Brennpunkte".into(),
                "8".into(),
            ]],
            numeric: vec![false; 3],
        };
        assert_eq!(column_widths(&t, 60), [12, 28, 16]);
        // Nothing is squeezed below the minimum, even if it does not fit.
        assert_eq!(column_widths(&t, 10), [4, 4, 4]);
    }
}
