//! The score sheet of one dossier's current round as the record stands:
//! who is listed, who scores, what is entered. Built from the state for
//! that dossier only (no scan of other dossiers), by the key handler and by
//! the renderer alike.

use std::collections::HashMap;

use crate::domain::{Member, Reveal, SessionState};
use crate::rules::{Quorum, item_quorum};

/// Why a listed member does or does not score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Present, voting, no conflict: scores.
    Scores,
    /// Conflict of interest on this dossier (shown before absence).
    Conflicted,
    Absent,
    /// Not yet in the roll call: neither present nor recorded absent.
    Unrecorded,
}

/// One row: a voting member. Advisory members are not listed (they never
/// score; docs/decisions.md).
#[derive(Debug, Clone)]
pub struct SheetRow<'a> {
    pub member: &'a Member,
    pub standing: Standing,
    /// Per criterion, in the session's order.
    pub cells: Vec<Option<f64>>,
    /// Per criterion: the score came from the member's ballot.
    pub from_ballot: Vec<bool>,
}

impl SheetRow<'_> {
    pub fn scores(&self) -> bool {
        self.standing == Standing::Scores
    }
}

#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    pub dossier: &'a str,
    pub round: u32,
    pub rows: Vec<SheetRow<'a>>,
    pub reveal: Option<&'a Reveal>,
    /// Values are hidden: blind scoring and the round not revealed.
    pub blind: bool,
    /// Scores entered by members who score now.
    pub entered: usize,
    /// Scores expected from them.
    pub expected: usize,
    pub quorum: Quorum,
}

impl<'a> Sheet<'a> {
    pub fn new(state: &'a SessionState, dossier: &'a str) -> Sheet<'a> {
        let def = &state.session.definition;
        let round = state.round(dossier);
        let criteria = def.criteria.len();
        let mut rows: Vec<SheetRow<'a>> = def
            .voting_members()
            .map(|member| {
                let standing = if state.is_conflicted(&member.id, dossier) {
                    Standing::Conflicted
                } else if state.is_present(&member.id) {
                    Standing::Scores
                } else if state.proceedings.attendance.contains_key(&member.id) {
                    Standing::Absent
                } else {
                    Standing::Unrecorded
                };
                SheetRow { member, standing, cells: vec![None; criteria], from_ballot: vec![false; criteria] }
            })
            .collect();
        let row_of: HashMap<&str, usize> =
            rows.iter().enumerate().map(|(i, r)| (r.member.id.as_str(), i)).collect();
        let col_of: HashMap<&str, usize> =
            def.criteria.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        for (key, value) in state.round_scores(dossier, round) {
            if let (Some(&r), Some(&c)) =
                (row_of.get(state.names.id(key.member)), col_of.get(state.names.id(key.criterion)))
                && let Some(row) = rows.get_mut(r)
                && let Some(cell) = row.cells.get_mut(c)
            {
                *cell = Some(value);
                if let Some(mark) = row.from_ballot.get_mut(c) {
                    *mark = state.proceedings.from_ballot.contains(key);
                }
            }
        }
        let scoring = rows.iter().filter(|r| r.scores());
        let entered = scoring.clone().map(|r| r.cells.iter().filter(|c| c.is_some()).count()).sum();
        let expected = scoring.count() * criteria;
        let reveal = state.proceedings.reveals.get(&(dossier.to_string(), round));
        Sheet {
            dossier,
            round,
            blind: def.rules.blind_scoring && reveal.is_none(),
            reveal,
            entered,
            expected,
            rows,
            quorum: item_quorum(state, dossier),
        }
    }

    /// Some score on the sheet came from a ballot.
    pub fn any_from_ballot(&self) -> bool {
        self.rows.iter().any(|r| r.from_ballot.contains(&true))
    }

    pub fn complete(&self) -> bool {
        self.expected > 0 && self.entered == self.expected
    }

    pub fn revealed(&self) -> bool {
        self.reveal.is_some()
    }

    pub fn columns(&self) -> usize {
        self.rows.first().map_or(0, |r| r.cells.len())
    }

    pub fn value(&self, row: usize, col: usize) -> Option<f64> {
        self.rows.get(row).and_then(|r| r.cells.get(col)).copied().flatten()
    }

    /// The first cell of a scoring member without a score, in reading
    /// order (member by member).
    pub fn first_missing(&self) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scores())
            .find_map(|(i, r)| r.cells.iter().position(Option::is_none).map(|c| (i, c)))
    }

    /// Where the cursor goes after a score at (`row`, `col`): the next
    /// criterion of the same member, then the next scoring member; past the
    /// last cell, the first one still missing (or stay).
    pub fn advance(&self, row: usize, col: usize) -> (usize, usize) {
        let cols = self.columns();
        if col + 1 < cols {
            return (row, col + 1);
        }
        if let Some(next) = (row + 1..self.rows.len()).find(|&r| self.rows[r].scores()) {
            return (next, 0);
        }
        self.first_missing().unwrap_or((row, col))
    }

    /// Where the cursor starts on a sheet shown afresh.
    pub fn start(&self) -> (usize, usize) {
        self.first_missing()
            .or_else(|| self.rows.iter().position(SheetRow::scores).map(|r| (r, 0)))
            .unwrap_or((0, 0))
    }
}
