//! What the scoring screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use super::entry::ScaleEntry;
use super::sheet::Sheet;
use crate::domain::Session;

/// Where the dossier on the sheet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The agenda item the chair has opened: it always wins.
    CurrentItem,
    /// No item open: the dossier selected on the agenda or dossier screen.
    Selected,
}

#[derive(Debug, Clone)]
pub struct ScoringState {
    pub(super) entry: ScaleEntry,
    /// The dossier chosen when no agenda item is open.
    pub(super) selected: Option<usize>,
    pub(super) cursor: (usize, usize),
    /// The dossier and round the cursor belongs to; another one starts
    /// the cursor afresh at the first missing score.
    pub(super) cursor_for: Option<(usize, u32)>,
    pub(super) typed: String,
}

impl ScoringState {
    pub fn new(session: &Session) -> ScoringState {
        ScoringState {
            entry: ScaleEntry::new(session.definition.scale),
            selected: None,
            cursor: (0, 0),
            cursor_for: None,
            typed: String::new(),
        }
    }

    /// Text typed for a score that is not committed yet.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// The cursor on `sheet` of dossier `index`.
    pub fn cursor(&self, index: usize, sheet: &Sheet) -> (usize, usize) {
        if self.cursor_for == Some((index, sheet.round)) {
            let (r, c) = self.cursor;
            (r.min(sheet.rows.len().saturating_sub(1)), c.min(sheet.columns().saturating_sub(1)))
        } else {
            sheet.start()
        }
    }
}
