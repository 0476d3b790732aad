//! What the attendance screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use chrono::{DateTime, FixedOffset};

use crate::ui::widgets::list_cursor::ListCursor;
use crate::ui::widgets::text_field::TextField;

/// Text being typed on the attendance screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The time of the next change, HH:MM.
    Time(TextField),
    /// A conflict of `member`: the dossier, by id or municipality; for the
    /// committee's decision on a doubtful one when `decide`.
    Dossier { member: String, text: TextField, decide: bool },
    /// A conflict of `member` on `dossier`: the reason.
    Reason { member: String, dossier: String, text: TextField },
    /// The committee's vote, without `member`, on excluding them from
    /// `dossier` (§ 20 Abs. 4 VwVfG): "yes no abstain".
    Counts { member: String, dossier: String, text: TextField },
}

impl Entry {
    pub fn text(&self) -> &str {
        self.field().text()
    }

    pub fn field(&self) -> &TextField {
        match self {
            Entry::Time(text)
            | Entry::Dossier { text, .. }
            | Entry::Reason { text, .. }
            | Entry::Counts { text, .. } => text,
        }
    }

    pub(super) fn field_mut(&mut self) -> &mut TextField {
        match self {
            Entry::Time(text)
            | Entry::Dossier { text, .. }
            | Entry::Reason { text, .. }
            | Entry::Counts { text, .. } => text,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AttendanceState {
    /// The member selected (index into the session's members) and the
    /// first line of the list shown (members take a line each, plus one
    /// per conflict).
    pub(super) cursor: ListCursor,
    /// A time typed for the next change; used once.
    pub(super) pending_time: Option<DateTime<FixedOffset>>,
    pub(super) entry: Option<Entry>,
}

impl AttendanceState {
    pub fn selected(&self) -> usize {
        self.cursor.selected()
    }

    pub fn offset(&self) -> usize {
        self.cursor.offset()
    }

    pub fn pending_time(&self) -> Option<DateTime<FixedOffset>> {
        self.pending_time
    }

    /// Close the entry (its decision has been recorded).
    pub fn close_entry(&mut self) {
        self.entry = None;
    }

    pub fn entry(&self) -> Option<&Entry> {
        self.entry.as_ref()
    }

    /// The field being typed, if any (a paste goes there).
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        self.entry.as_mut().map(Entry::field_mut)
    }

    /// Select member `i` (a click).
    pub fn select(&mut self, i: usize) {
        self.cursor.select(i);
    }

    /// Whether a time or a conflict is being typed.
    pub fn typing(&self) -> bool {
        self.entry.is_some()
    }

    /// Scroll so that the selected member's line (and its conflicts, where
    /// there is room) is on screen.
    pub fn keep_visible(&mut self, app_lines: &[usize], page: usize) {
        let selected = self.cursor.selected();
        let Some(&line) = app_lines.get(selected) else { return };
        let end = app_lines.get(selected + 1).copied().unwrap_or(line + 1);
        self.cursor.keep_lines_visible(line, end, page);
    }
}
