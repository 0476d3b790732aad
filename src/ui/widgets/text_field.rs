//! The one text field of the UI: every note, rationale, reason, search,
//! typed time and dossier id is typed into a [`TextField`]. It keeps a
//! cursor that moves by character, by word (Ctrl) and to either end, takes
//! a paste as text, and shows all of itself, wrapped, with the cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::ui::action::Action;

/// Text being typed, with a cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
}

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed (or the key was a no-op at an end).
    Changed,
    /// The key is not an editing key: the owner decides.
    NotMine,
}

impl TextField {
    pub fn new() -> TextField {
        TextField::default()
    }

    /// A field holding `text`, the cursor at its end.
    pub fn with(text: &str) -> TextField {
        let mut field = TextField::new();
        field.insert_str(text);
        field
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cursor as a char index (for tests and rendering).
    pub fn cursor(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// One typed character at the cursor; control characters are dropped.
    pub fn insert(&mut self, c: char) {
        if let Some(c) = clean_char(c) {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        }
    }

    /// A paste at the cursor: line breaks and tabs become spaces, other
    /// control characters are dropped, so the field stays one line of text.
    pub fn insert_str(&mut self, text: &str) {
        let cleaned = clean_paste(text);
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
    }

    /// Apply an editing key; anything else is [`Edit::NotMine`].
    pub fn edit(&mut self, action: Action) -> Edit {
        match action {
            Action::Insert(c) => self.insert(c),
            Action::DeleteChar => {
                if let Some(prev) = self.prev_boundary() {
                    self.text.replace_range(prev..self.cursor, "");
                    self.cursor = prev;
                }
            }
            Action::DeleteForward => {
                if let Some(next) = self.next_boundary() {
                    self.text.replace_range(self.cursor..next, "");
                }
            }
            Action::Left => self.cursor = self.prev_boundary().unwrap_or(self.cursor),
            Action::Right => self.cursor = self.next_boundary().unwrap_or(self.cursor),
            Action::Home => self.cursor = 0,
            Action::End => self.cursor = self.text.len(),
            Action::WordLeft => self.cursor = self.word_left(),
            Action::WordRight => self.cursor = self.word_right(),
            _ => return Edit::NotMine,
        }
        Edit::Changed
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor].char_indices().next_back().map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..].chars().next().map(|c| self.cursor + c.len_utf8())
    }

    /// The start of the word before the cursor (spaces first, then the word).
    fn word_left(&self) -> usize {
        let before: Vec<(usize, char)> = self.text[..self.cursor].char_indices().collect();
        let mut i = before.len();
        while i > 0 && before[i - 1].1.is_whitespace() {
            i -= 1;
        }
        while i > 0 && !before[i - 1].1.is_whitespace() {
            i -= 1;
        }
        before.get(i).map_or(0, |(at, _)| *at)
    }

    /// The end of the word after the cursor.
    fn word_right(&self) -> usize {
        let mut at = self.cursor;
        let mut chars = self.text[self.cursor..].chars().peekable();
        while let Some(c) = chars.next_if(|c| c.is_whitespace()) {
            at += c.len_utf8();
        }
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            at += c.len_utf8();
        }
        at
    }

    /// The text wrapped into rows of at most `width` cells, and the row and
    /// column of the cursor. Rows break after a space where there is one,
    /// inside a word only when it is longer than a row; every character is
    /// shown (nothing is cut). The cursor may sit one cell past the last
    /// character of a row.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let chars: Vec<(usize, char, usize)> = self
            .text
            .char_indices()
            .map(|(at, c)| {
                let shown = shown_char(c);
                (at, shown, shown.width().unwrap_or(1))
            })
            .collect();
        // Char indices where a new row starts.
        let mut starts = vec![0usize];
        let mut col = 0;
        let mut after_space: Option<usize> = None;
        for (i, &(_, c, w)) in chars.iter().enumerate() {
            let row_start = starts.last().copied().unwrap_or(0);
            if col + w > width && i > row_start {
                let brk = after_space.filter(|k| *k > row_start && *k <= i).unwrap_or(i);
                starts.push(brk);
                col = chars[brk..i].iter().map(|x| x.2).sum();
                after_space = None;
            }
            col += w;
            if c == ' ' {
                after_space = Some(i + 1);
            }
        }
        let mut rows: Vec<String> = starts
            .iter()
            .enumerate()
            .map(|(r, &start)| {
                let end = starts.get(r + 1).copied().unwrap_or(chars.len());
                chars[start..end].iter().map(|x| x.1).collect()
            })
            .collect();
        let at = chars.iter().position(|x| x.0 >= self.cursor).unwrap_or(chars.len());
        let row = starts.iter().rposition(|&start| start <= at).unwrap_or(0);
        let col: usize = chars[starts[row]..at].iter().map(|x| x.2).sum();
        let cursor = if col >= width {
            rows.push(String::new());
            (rows.len() - 1, 0)
        } else {
            (row, col)
        };
        (rows, cursor)
    }

    /// The field as lines of `width` cells, for a paragraph.
    pub fn lines(&self, width: usize, style: Style) -> Vec<Line<'static>> {
        self.wrapped(width).0.into_iter().map(|row| Line::from(Span::styled(row, style))).collect()
    }

    /// Draw the field into `area` (wrapped; the last rows when it is taller
    /// than the area) and put the terminal's cursor where typing goes.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (rows, (row, col)) = self.wrapped(usize::from(area.width));
        let height = usize::from(area.height);
        let skip = (row + 1).saturating_sub(height);
        for (i, text) in rows.iter().skip(skip).take(height).enumerate() {
            let y = area.y + i as u16;
            frame.buffer_mut().set_stringn(area.x, y, text, usize::from(area.width), style);
        }
        let x = area.x + (col as u16).min(area.width.saturating_sub(1));
        let y = area.y + (row - skip) as u16;
        frame.set_cursor_position(Position::new(x, y));
    }

    /// Rows the field needs at `width`.
    pub fn height(&self, width: usize) -> usize {
        self.wrapped(width).0.len()
    }
}

/// A typed character as it may stand in a field.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        c if c.is_control() || is_bidi_control(c) => None,
        c => Some(c),
    }
}

/// A paste as one line of text: CR LF, CR, LF and tabs become one space.
pub fn clean_paste(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        if let Some(c) = clean_char(c) {
            out.push(c);
        }
    }
    out
}

/// Characters that reorder text on screen (Trojan-source style).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What a character looks like in the field (wide and zero-width ones as
/// they are; nothing here can move the terminal's cursor).
fn shown_char(c: char) -> char {
    if c.width().is_none() { '\u{FFFD}' } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextField {
        let mut f = TextField::new();
        for c in text.chars() {
            f.edit(Action::Insert(c));
        }
        f
    }

    #[test]
    fn cursor_moves_and_edits_in_place() {
        let mut f = typed("Antrag Stadt");
        assert_eq!(f.cursor(), 12);
        f.edit(Action::WordLeft);
        assert_eq!(f.cursor(), 7);
        f.edit(Action::Insert('X'));
        assert_eq!(f.text(), "Antrag XStadt");
        f.edit(Action::DeleteChar);
        f.edit(Action::Home);
        f.edit(Action::DeleteForward);
        assert_eq!(f.text(), "ntrag Stadt");
        f.edit(Action::WordRight);
        assert_eq!(f.cursor(), 5);
        f.edit(Action::End);
        f.edit(Action::Left);
        f.edit(Action::DeleteChar);
        assert_eq!(f.text(), "ntrag Stat");
        assert_eq!(f.edit(Action::Up), Edit::NotMine);
    }

    #[test]
    fn umlauts_move_by_character() {
        let mut f = typed("Bürgerbüro");
        f.edit(Action::Home);
        f.edit(Action::Right);
        f.edit(Action::Right);
        f.edit(Action::DeleteChar);
        assert_eq!(f.text(), "Brgerbüro");
        assert_eq!(f.cursor(), 1);
    }

    #[test]
    fn a_paste_is_one_line_of_text() {
        let mut f = TextField::with("Notiz: ");
        f.insert_str("Stellungnahme der Stadt\r\n344\n\u{1b}[2J\u{202E}x\t");
        assert_eq!(f.text(), "Notiz: Stellungnahme der Stadt 344 [2Jx ");
    }

    #[test]
    fn wrapping_keeps_every_character_and_places_the_cursor() {
        let f = TextField::with("abcdefghij");
        let (rows, cursor) = f.wrapped(4);
        assert_eq!(rows, vec!["abcd", "efgh", "ij"]);
        assert_eq!(cursor, (2, 2));
        let mut f = TextField::with("Wort Wort Wort");
        assert_eq!(f.wrapped(7), (vec!["Wort ".to_string(), "Wort ".into(), "Wort".into()], (2, 4)));
        f.edit(Action::Home);
        f.edit(Action::WordRight);
        f.edit(Action::Right);
        assert_eq!(f.wrapped(7).1, (1, 0));
        let f = TextField::with("abcd");
        assert_eq!(f.wrapped(4), (vec!["abcd".to_string(), String::new()], (1, 0)));
        let mut f = TextField::with("abcdef");
        f.edit(Action::Home);
        assert_eq!(f.wrapped(4).1, (0, 0));
    }
}
