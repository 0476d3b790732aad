//! What the scoring screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use super::sheet::Sheet;

/// Where the dossier on the sheet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The agenda item the chair has opened: it always wins.
    CurrentItem,
    /// No item open: the dossier selected on the agenda or dossier screen.
    Selected,
}

#[derive(Debug, Clone, Default)]
pub struct ScoringState {
    /// The dossier chosen when no agenda item is open.
    pub(super) selected: Option<usize>,
    pub(super) cursor: (usize, usize),
    /// The dossier and round the cursor belongs to; another one starts
    /// the cursor afresh at the first missing score.
    pub(super) cursor_for: Option<(usize, u32)>,
    pub(super) typed: String,
    /// Where the cursor goes once the score being recorded is in, when a
    /// move committed it (else on along the member's criteria).
    pub(super) then: Option<(usize, usize)>,
    /// The ballot file or folder being typed (`I`).
    pub(super) import: Option<crate::ui::widgets::text_field::TextField>,
    /// Ballot files refused in an import that also took others: said
    /// with the last import's notice.
    pub(super) refused: Option<String>,
}

impl ScoringState {
    /// Put dossier `i` on the sheet when no agenda item is open.
    pub fn select(&mut self, i: usize) {
        self.selected = Some(i);
    }

    /// A ballot file or folder is being typed.
    pub fn importing(&self) -> Option<&crate::ui::widgets::text_field::TextField> {
        self.import.as_ref()
    }

    pub fn import_field_mut(&mut self) -> Option<&mut crate::ui::widgets::text_field::TextField> {
        self.import.as_mut()
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
