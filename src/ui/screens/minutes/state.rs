//! What the minutes screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use super::view::{Layout, View};
use crate::minutes::Builder;
use crate::ui::theme::ThemeKind;

#[derive(Default)]
pub struct MinutesState {
    pub(super) scroll: usize,
    /// The laid-out document and what it was laid out for.
    pub(super) cached: Option<(Key, View)>,
    /// The document being built, a stretch per key or idle turn.
    pub(super) job: Option<Job>,
    /// Where to go once the document being built is there.
    pub(super) pending: Option<Target>,
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

impl Key {
    /// The same document but for the minute it counts time to.
    pub(super) fn same_record(&self, other: &Key) -> bool {
        Key { minute: other.minute, ..*self } == *other
    }
}

/// The document for `key` under way: built and laid out piece by piece.
pub(super) struct Job {
    pub(super) key: Key,
    pub(super) builder: Builder,
    pub(super) layout: Layout,
}

/// A place in the document to show once it is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A note just recorded, by its record seq.
    Note(u64),
    /// The current agenda item.
    Current,
}
