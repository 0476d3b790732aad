//! Ids as scores are keyed by: one small number per dossier, member and
//! criterion id, so that the scores of a long session compare and copy as
//! integers instead of three strings each (most of the time of replaying
//! a long record went into comparing and cloning those strings).

use foldhash::HashMap;

use crate::domain::Session;

/// A dossier, member or criterion id, as a number (see [`Names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(u32);

/// The ids behind [`Name`]s. The session's own ids come first, in its
/// order (dossiers, members, criteria); ids that only events name follow
/// in order of first mention, so replay and the live path number alike.
/// Numbers are never taken back, also not by undo.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names {
    ids: Vec<Box<str>>,
    index: HashMap<Box<str>, Name>,
}

impl Names {
    pub fn of(session: &Session) -> Names {
        let mut names = Names::default();
        let d = &session.definition;
        let ids = session.dossiers.iter().map(|x| &x.id).chain(d.members.iter().map(|m| &m.id));
        for id in ids.chain(d.criteria.iter().map(|c| &c.id)) {
            names.intern(id);
        }
        names
    }

    /// The number of `id`, if it has one.
    pub fn get(&self, id: &str) -> Option<Name> {
        self.index.get(id).copied()
    }

    /// The number of `id`, given one if it is new.
    pub fn intern(&mut self, id: &str) -> Name {
        if let Some(&n) = self.index.get(id) {
            return n;
        }
        // More than 4 billion distinct ids cannot come from a record that
        // fits in memory; saturating keeps this total all the same.
        let n = Name(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.ids.push(id.into());
        self.index.insert(id.into(), n);
        n
    }

    /// The id a number stands for.
    pub fn id(&self, name: Name) -> &str {
        self.ids.get(name.0 as usize).map_or("", |s| s)
    }

    /// The lowest number, to start ranges at.
    pub(super) const FIRST: Name = Name(0);
}
