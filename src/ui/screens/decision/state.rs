//! What the decision screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use super::dialog::{self, VoteDialog};
use crate::domain::DeferralReason;
use crate::ui::action::Action;
use crate::ui::widgets::list_cursor::ListCursor;
use crate::ui::widgets::text_field::TextField;

/// A deferral's reason being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeferPrompt {
    pub dossier: String,
    pub reason: TextField,
    /// Why: not quorate is a fact (offered only then), the committee's
    /// resolution needs quorum, a withdrawal is always possible.
    pub kind: DeferralReason,
    pub kinds: Vec<DeferralReason>,
}

impl DeferPrompt {
    /// The prompt for `dossier`, its kinds as the quorum allows.
    pub fn new(dossier: String, quorate: bool) -> DeferPrompt {
        let first = if quorate { DeferralReason::Committee } else { DeferralReason::NotQuorate };
        DeferPrompt {
            dossier,
            reason: TextField::new(),
            kind: first,
            kinds: vec![first, DeferralReason::Withdrawn],
        }
    }

    /// The next (`delta` 1) or previous (-1) kind.
    pub fn cycle(&mut self, delta: i32) {
        let n = self.kinds.len() as i32;
        let i = self.kinds.iter().position(|k| *k == self.kind).unwrap_or(0) as i32;
        self.kind = self.kinds[(i + delta).rem_euclid(n) as usize];
    }
}

#[derive(Debug, Clone, Default)]
pub struct DecisionState {
    /// The row of the agenda order selected, and the first row shown.
    pub(super) cursor: ListCursor,
    pub(super) dialog: Option<VoteDialog>,
    pub(super) defer: Option<DeferPrompt>,
    /// Why a result stands, being typed: the dossier and the text.
    pub(super) confirm: Option<(String, TextField)>,
    /// The decided lists shown over any screen.
    pub(super) overlay: bool,
    /// First line of the decided lists shown in the overlay.
    pub(super) overlay_scroll: usize,
}

impl DecisionState {
    pub fn selected(&self) -> usize {
        self.cursor.selected()
    }

    pub fn offset(&self) -> usize {
        self.cursor.offset()
    }

    pub fn dialog(&self) -> Option<&VoteDialog> {
        self.dialog.as_ref()
    }

    pub fn confirm_prompt(&self) -> Option<&(String, TextField)> {
        self.confirm.as_ref()
    }

    pub fn defer(&self) -> Option<&DeferPrompt> {
        self.defer.as_ref()
    }

    /// Select row `i` of the agenda order (a click).
    pub fn select(&mut self, i: usize) {
        self.cursor.select(i);
    }

    /// Close the vote dialog and the prompts (their decision has been
    /// recorded).
    pub fn close_dialogs(&mut self) {
        self.dialog = None;
        self.defer = None;
        self.confirm = None;
    }

    /// The text being typed in a prompt (why a result stands, a deferral's
    /// reason), for a paste.
    pub fn defer_field_mut(&mut self) -> Option<&mut TextField> {
        match &mut self.confirm {
            Some((_, reason)) => Some(reason),
            None => self.defer.as_mut().map(|d| &mut d.reason),
        }
    }

    /// The vote dialog's rationale when it has the focus, for a paste.
    pub fn rationale_field_mut(&mut self) -> Option<&mut TextField> {
        self.dialog.as_mut().filter(|d| d.focus == dialog::Field::Rationale).map(|d| &mut d.rationale)
    }

    pub fn overlay(&self) -> bool {
        self.overlay
    }

    pub fn toggle_overlay(&mut self) {
        self.overlay = !self.overlay;
        self.overlay_scroll = 0;
    }

    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }

    /// Scroll the overlay; `max` is the last useful position at this size.
    pub fn scroll_overlay(&mut self, action: Action, max: usize, page: usize) {
        if let Some(to) = crate::ui::widgets::list_cursor::scroll(self.overlay_scroll, action, max, page) {
            self.overlay_scroll = to;
        }
    }

    pub fn close_overlay(&mut self) {
        self.overlay = false;
    }

    /// Scroll so that the selected row is on a page of `page` rows.
    pub fn keep_visible(&mut self, rows: usize, page: usize) {
        self.cursor.keep_visible(rows, page);
    }
}
