//! Scrollable documents: a tab or a screen built as pre-wrapped lines, so
//! the app knows how long it is (for scrolling limits) without rendering.
//!
//! Every piece of text that enters a `Doc` or goes through [`fit`] is passed
//! through `text::clean_line`, so untrusted dossier text cannot reach the
//! terminal with control characters in it.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::{clean_line, clean_lines};
use crate::ui::theme::Theme;

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Untrusted text made safe for one line.
pub fn safe(s: &str) -> Cow<'_, str> {
    clean_line(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Cleaned text cut to `w` cells (with "…" when cut) and padded to exactly `w`.
pub fn fit(s: &str, w: usize, align: Align) -> String {
    let s = safe(s);
    let mut out = String::new();
    let mut used = 0;
    if width(&s) > w {
        for c in s.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw + 1 > w {
                break;
            }
            out.push(c);
            used += cw;
        }
        if w > 0 {
            out.push('…');
            used += 1;
        }
    } else {
        out.push_str(&s);
        used = width(&s);
    }
    let pad = " ".repeat(w.saturating_sub(used));
    match align {
        Align::Left => out + &pad,
        Align::Right => pad + &out,
    }
}

/// Greedy word wrap to `w` cells; words longer than a line are split.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ').filter(|x| !x.is_empty()) {
        let ww = width(word);
        if used > 0 && used + 1 + ww <= w {
            line.push(' ');
            line.push_str(word);
            used += 1 + ww;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if ww <= w {
            line.push_str(word);
            used = ww;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A document of lines built for a given width.
pub struct Doc<'t> {
    width: usize,
    label_width: usize,
    theme: &'t Theme,
    lines: Vec<Line<'static>>,
}

impl<'t> Doc<'t> {
    pub fn new(width: u16, theme: &'t Theme) -> Doc<'t> {
        let width = usize::from(width);
        let label_width = if width >= 100 { 24 } else { 21 };
        Doc { width, label_width, theme, lines: Vec::new() }
    }

    /// Go on writing after `lines` (a document laid out a piece at a time).
    pub fn resume(width: u16, theme: &'t Theme, lines: Vec<Line<'static>>) -> Doc<'t> {
        Doc { lines, ..Doc::new(width, theme) }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Lines so far: where the next line will be.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn theme(&self) -> &'t Theme {
        self.theme
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub fn heading(&mut self, text: &str) {
        if !self.lines.is_empty() {
            self.blank();
        }
        self.lines.push(Line::styled(fit(text, self.width, Align::Left), self.theme.heading));
    }

    /// A line assembled by the caller; its spans must already be cleaned
    /// (built with [`fit`] or [`safe`]).
    pub fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// `label  value`, the value wrapped with a hanging indent; multi-line
    /// values keep their line breaks.
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_styled(label, value, self.theme.base);
    }

    pub fn field_styled(&mut self, label: &str, value: &str, style: Style) {
        let lw = self.label_width;
        let vw = self.width.saturating_sub(lw).max(1);
        let mut first = true;
        for raw in clean_lines(value) {
            for part in wrap(&raw, vw) {
                let label_cell =
                    if first { fit(label, lw.saturating_sub(1), Align::Left) + " " } else { " ".repeat(lw) };
                first = false;
                self.lines.push(Line::from(vec![
                    Span::styled(label_cell, self.theme.label),
                    Span::styled(part, style),
                ]));
            }
        }
    }

    /// Free text (untrusted), wrapped to the full width, line breaks kept.
    pub fn paragraph(&mut self, text: &str) {
        self.indented(text, "", "");
    }

    /// A bullet point with a hanging indent.
    pub fn bullet(&mut self, text: &str) {
        self.indented(text, "• ", "  ");
    }

    /// Wrapped text whose first line starts with `first` and the rest with `rest`.
    pub fn indented(&mut self, text: &str, first: &str, rest: &str) {
        let w = self.width.saturating_sub(width(first)).max(1);
        let mut prefix = first;
        for raw in clean_lines(text) {
            for part in wrap(&raw, w) {
                self.lines.push(Line::from(vec![Span::raw(prefix.to_string()), Span::raw(part)]));
                prefix = rest;
            }
        }
    }

    pub fn into_lines(self) -> Vec<Line<'static>> {
        self.lines
    }
}

/// Labels shortened as [`short_label`] does, and where two would read
/// alike ("Part." and "Part."), those by the initials of their longer words
/// instead ("PNM", "PCPF"), so that columns stay told apart.
pub fn short_labels(labels: &[&str], w: usize) -> Vec<String> {
    let mut out: Vec<String> = labels.iter().map(|l| short_label(l, w)).collect();
    let clashes: Vec<bool> = out.iter().map(|x| out.iter().filter(|y| *y == x).count() > 1).collect();
    for (i, clash) in clashes.into_iter().enumerate() {
        if clash {
            let initials: String = safe(labels[i])
                .split([' ', '-', '/'])
                .filter(|word| word.chars().count() > 3)
                .filter_map(|word| word.chars().next())
                .flat_map(char::to_uppercase)
                .take(w)
                .collect();
            if !initials.is_empty() {
                out[i] = initials;
            }
        }
    }
    out
}

/// A label shortened sensibly to `w` cells: whole if it fits, else an
/// acronym it gives in parentheses ("… (ISEK)"), else its first word, else
/// the first word cut with a full stop ("Städteb."). Never an id, never cut
/// without a mark.
pub fn short_label(label: &str, w: usize) -> String {
    let label = safe(label);
    if width(&label) <= w {
        return label.into_owned();
    }
    if let Some(acronym) = label
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .filter(|a| !a.is_empty() && width(a) <= w && a.chars().all(|c| c.is_alphanumeric() || c == '-'))
    {
        return acronym.to_string();
    }
    let first = label.split([' ', '-', '/']).find(|p| !p.is_empty()).unwrap_or(&label);
    if width(first) <= w {
        return first.to_string();
    }
    let keep: String = first
        .chars()
        .scan(0, |used, c| {
            *used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
            (*used < w).then_some(c)
        })
        .collect();
    format!("{keep}.")
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_are_shortened_with_a_mark_and_told_apart() {
        assert_eq!(super::short_label("Soziale Problemdichte", 6), "Sozia.");
        assert_eq!(super::short_label("Qualität des Konzepts (ISEK)", 6), "ISEK");
        assert_eq!(super::short_label("Städtebauliche Missstände", 14), "Städtebauliche");
        assert_eq!(super::short_label("Kosten", 6), "Kosten");
        let labels =
            ["Participation and neighbourhood management", "Partner commitment and pooling of funds"];
        assert_eq!(super::short_labels(&labels, 5), ["PNM", "PCPF"]);
    }

    use super::*;

    #[test]
    fn fit_cuts_and_pads_by_display_width() {
        assert_eq!(fit("Gießen", 8, Align::Left), "Gießen  ");
        assert_eq!(fit("Großwohnsiedlung", 6, Align::Left), "Großw…");
        assert_eq!(fit("12", 4, Align::Right), "  12");
        assert_eq!(fit("abc", 0, Align::Left), "");
        assert_eq!(fit("a\u{1b}[2J", 6, Align::Left), "a\u{241B}[2J ");
    }

    #[test]
    fn wrap_breaks_at_words_and_splits_long_ones() {
        assert_eq!(wrap("eins zwei drei", 9), vec!["eins zwei", "drei"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("a  b", 10), vec!["a b"]);
    }
}
