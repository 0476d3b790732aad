//! What the minutes screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use super::view::View;
use crate::ui::theme::ThemeKind;

#[derive(Default)]
pub struct MinutesState {
    pub(super) scroll: usize,
    pub(super) cached: Option<(Key, View)>,
}

impl MinutesState {
    pub fn scroll(&self) -> usize {
        self.scroll
    }
}

/// What the laid-out lines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    pub(super) events: u64,
    pub(super) width: u16,
    pub(super) theme: ThemeKind,
    /// Time spent on an open item counts to now, in whole minutes.
    pub(super) minute: i64,
}
