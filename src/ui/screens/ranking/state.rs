//! What the ranking screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use crate::rules::{Place, Ranking};

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `ranking.ranked[i]`.
    Ranked(usize),
    /// `ranking.unscored[i]`.
    Unscored(usize),
    /// The budget line, after the proposed list.
    BudgetLine,
    /// Below the budget line when a tie group straddles it.
    TieAtLine,
    Heading(Section),
    /// A section without dossiers.
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Waiting,
    NotAdmitted,
    Unscored,
}

impl Entry {
    pub(super) fn selectable(self) -> bool {
        matches!(self, Entry::Ranked(_) | Entry::Unscored(_))
    }
}

/// The rows in order: proposed, budget line, waiting list, not admitted,
/// unscored. Every section is there, with an "Empty" row when it has no
/// dossiers, so the table reads the same however far the session is.
pub fn entries(ranking: &Ranking) -> Vec<Entry> {
    let mut rows = Vec::with_capacity(ranking.ranked.len() + ranking.unscored.len() + 8);
    let section = |rows: &mut Vec<Entry>, wanted: fn(&Place) -> bool| {
        let before = rows.len();
        rows.extend(
            ranking
                .ranked
                .iter()
                .enumerate()
                .filter(|(_, r)| wanted(&r.place))
                .map(|(i, _)| Entry::Ranked(i)),
        );
        if rows.len() == before {
            rows.push(Entry::Empty);
        }
    };
    section(&mut rows, |p| *p == Place::Proposed);
    rows.push(Entry::BudgetLine);
    if ranking.line.tie_at_line {
        rows.push(Entry::TieAtLine);
    }
    rows.push(Entry::Heading(Section::Waiting));
    section(&mut rows, |p| matches!(p, Place::WaitingList { .. }));
    rows.push(Entry::Heading(Section::NotAdmitted));
    section(&mut rows, |p| *p == Place::NotAdmitted);
    rows.push(Entry::Heading(Section::Unscored));
    if ranking.unscored.is_empty() {
        rows.push(Entry::Empty);
    }
    rows.extend((0..ranking.unscored.len()).map(Entry::Unscored));
    rows
}

/// The dossier a row shows.
pub fn dossier_of(ranking: &Ranking, entry: Entry) -> Option<&str> {
    match entry {
        Entry::Ranked(i) => ranking.ranked.get(i).map(|r| r.dossier.as_str()),
        Entry::Unscored(i) => ranking.unscored.get(i).map(String::as_str),
        _ => None,
    }
}

/// Selection and scroll position. The selection is a dossier id, so it
/// stays on its dossier when the ranking changes under it.
#[derive(Debug, Clone, Default)]
pub struct RankingState {
    pub(super) selected: Option<String>,
    /// First row shown.
    pub(super) offset: usize,
}

impl RankingState {
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The row of the selection: the selected dossier's, else the first
    /// dossier's; `None` when there are no dossiers at all.
    pub fn selected_row(&self, ranking: &Ranking, rows: &[Entry]) -> Option<usize> {
        let wanted = self.selected.as_deref();
        let found = wanted.and_then(|d| rows.iter().position(|e| dossier_of(ranking, *e) == Some(d)));
        found.or_else(|| rows.iter().position(|e| e.selectable()))
    }

    /// Scroll so that the selection is on screen; the first dossier shows
    /// the top of the table, the last one its end.
    pub(super) fn keep_visible(&mut self, ranking: &Ranking, rows: &[Entry], page: usize) {
        let page = page.max(1);
        let max = rows.len().saturating_sub(page);
        if let Some(row) = self.selected_row(ranking, rows) {
            let first = rows.iter().position(|e| e.selectable());
            let last = rows.iter().rposition(|e| e.selectable());
            if Some(row) == first {
                self.offset = 0;
            } else if Some(row) == last {
                self.offset = max;
            } else if row < self.offset {
                self.offset = row;
            } else if row >= self.offset + page {
                self.offset = row + 1 - page;
            }
        }
        self.offset = self.offset.min(max);
    }
}
