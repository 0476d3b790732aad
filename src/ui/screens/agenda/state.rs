//! What the agenda screen keeps between keys: the search, the sort key, the
//! filtered order and the selection. No `App` here: the app holds it as data.

use std::cmp::Ordering;

use crate::domain::Session;
use crate::ui::action::Action;
use crate::ui::index::SessionIndex;
use crate::ui::widgets::list_cursor::ListCursor;
use crate::ui::widgets::text_field::{Edit, TextField};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The configured agenda order.
    Agenda,
    Id,
    Municipality,
    /// Largest request first.
    Requested,
    Region,
}

impl SortKey {
    pub const ALL: [SortKey; 5] =
        [SortKey::Agenda, SortKey::Id, SortKey::Municipality, SortKey::Requested, SortKey::Region];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    pub fn next(self) -> SortKey {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }
}

#[derive(Debug, Clone)]
pub struct AgendaState {
    query: TextField,
    editing: bool,
    sort: SortKey,
    /// Indices into `session.dossiers`, filtered and sorted.
    visible: Vec<usize>,
    /// The selection within `visible`, and the first row shown.
    cursor: ListCursor,
    /// Each dossier's place in the agenda as recorded (0-based), by index
    /// into `session.dossiers`.
    rank: Vec<usize>,
}

impl AgendaState {
    pub fn new(session: &Session, index: &SessionIndex) -> AgendaState {
        let mut state = AgendaState {
            query: TextField::new(),
            editing: false,
            sort: SortKey::Agenda,
            visible: Vec::new(),
            cursor: ListCursor::default(),
            rank: (0..session.dossiers.len()).collect(),
        };
        state.refresh(session, index);
        state
    }

    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// The search field (drawn with its cursor while it is typed).
    pub fn query_field(&self) -> &TextField {
        &self.query
    }

    /// The search field, for a paste.
    pub fn field_mut(&mut self) -> &mut TextField {
        &mut self.query
    }

    /// Filter again after the search text changed.
    pub fn refilter(&mut self, session: &Session, index: &SessionIndex) {
        self.refresh(session, index);
    }

    pub fn editing(&self) -> bool {
        self.editing
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn selected(&self) -> usize {
        self.cursor.selected()
    }

    pub fn offset(&self) -> usize {
        self.cursor.offset()
    }

    /// A dossier's place in the agenda, 0-based.
    pub fn rank(&self, dossier: usize) -> usize {
        self.rank.get(dossier).copied().unwrap_or(dossier)
    }

    /// Take the agenda order from the record; the selection stays on its
    /// dossier.
    pub fn set_order(&mut self, rank: Vec<usize>, session: &Session, index: &SessionIndex) {
        if rank != self.rank {
            self.rank = rank;
            self.refresh(session, index);
        }
    }

    /// The dossier (index into `session.dossiers`) under the selection.
    pub fn selected_dossier(&self) -> Option<usize> {
        self.visible.get(self.cursor.selected()).copied()
    }

    pub fn start_search(&mut self) {
        self.editing = true;
    }

    /// `Esc`: stop typing and clear the search. `false` when there was
    /// nothing to clear, so the app steps back a screen instead.
    pub fn back(&mut self, session: &Session, index: &SessionIndex) -> bool {
        if !self.editing && self.query.is_empty() {
            return false;
        }
        self.editing = false;
        if !self.query.is_empty() {
            self.query.clear();
            self.refresh(session, index);
        }
        true
    }

    /// Carry out an action; returns the dossier to open, if any.
    pub fn handle(
        &mut self,
        action: Action,
        session: &Session,
        index: &SessionIndex,
        page: usize,
    ) -> Option<usize> {
        let page = page.max(1);
        if self.editing && self.query.edit(action) == Edit::Changed {
            self.refresh(session, index);
            self.keep_visible(page);
            return None;
        }
        if self.cursor.step(action, self.visible.len(), page) {
            self.keep_visible(page);
            return None;
        }
        match action {
            Action::Open => {
                self.editing = false;
                return self.selected_dossier();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refresh(session, index);
            }
            _ => {}
        }
        self.keep_visible(page);
        None
    }

    /// Select the dossier at list position `row`.
    pub fn select_row(&mut self, row: usize) {
        self.cursor.select(row.min(self.visible.len().saturating_sub(1)));
    }

    /// Select a dossier if it is in the list.
    pub fn select_dossier(&mut self, dossier: usize) {
        if let Some(pos) = self.visible.iter().position(|d| *d == dossier) {
            self.cursor.select(pos);
        }
    }

    /// The dossier `delta` places from `dossier` in the list as shown, or in
    /// agenda order when the list does not contain it.
    pub fn neighbour(&self, dossier: usize, delta: isize, total: usize) -> Option<usize> {
        match self.visible.iter().position(|d| *d == dossier) {
            Some(pos) => pos.checked_add_signed(delta).and_then(|p| self.visible.get(p).copied()),
            None => dossier.checked_add_signed(delta).filter(|d| *d < total),
        }
    }

    /// Scroll so that the selection is on screen.
    pub fn keep_visible(&mut self, page: usize) {
        self.cursor.keep_visible(self.visible.len(), page);
    }

    /// Filter by the query and sort; the selected dossier stays selected
    /// when it is still listed.
    fn refresh(&mut self, session: &Session, index: &SessionIndex) {
        let keep = self.selected_dossier();
        let words: Vec<String> =
            self.query.text().to_lowercase().split_whitespace().map(str::to_string).collect();
        self.visible = (0..session.dossiers.len()).filter(|i| index.matches(session, *i, &words)).collect();
        let rank = &self.rank;
        let place = |d: usize| rank.get(d).copied().unwrap_or(d);
        let by = |a: &usize, b: &usize| -> Ordering {
            let (da, db) = (&session.dossiers[*a], &session.dossiers[*b]);
            let keys = || index.keys(session);
            match self.sort {
                SortKey::Agenda => place(*a).cmp(&place(*b)),
                SortKey::Id => da.id.cmp(&db.id),
                SortKey::Municipality => keys()[*a].municipality_key.cmp(&keys()[*b].municipality_key),
                SortKey::Requested => db.funding.requested_eur.cmp(&da.funding.requested_eur),
                SortKey::Region => keys()[*a].region_key.cmp(&keys()[*b].region_key),
            }
            .then(a.cmp(b))
        };
        self.visible.sort_by(by);
        self.cursor.select(keep.and_then(|d| self.visible.iter().position(|v| *v == d)).unwrap_or(0));
    }
}
