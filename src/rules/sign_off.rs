//! The sign-off checklist (PRODUCT.md §2 step 10): every item decided or
//! deferred, quorum held at every vote, the list within the budget or the
//! decisions that go over it justified, the place of the meeting named.
//! Sign-off is refused until all hold.

use std::collections::BTreeSet;

use crate::domain::{Outcome, SessionState};
use crate::rules::{LateConflict, decided};

/// What the checklist checks, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckItem {
    /// Every agenda item has a decision (a deferral counts).
    AllDecided,
    /// Every vote that counts was taken with quorum.
    QuorumAtEveryVote,
    /// The admitted list is within the budget and the maximum number of
    /// admissions, or every decision that goes over it has a rationale.
    WithinBudget,
    /// The session names the place it met (§ 93 Nr. 1 VwVfG).
    PlaceNamed,
    /// No vote is marked by a conflict declared after it, unless voted
    /// again or confirmed with a reason.
    NoLateConflict,
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckDetail {
    /// Items without a decision, in agenda order.
    Open { undecided: Vec<String> },
    /// The `seq` of the votes taken without quorum.
    Quorum { without: Vec<u64> },
    Budget {
        admitted: u32,
        admitted_eur: u64,
        available_eur: u64,
        max_admissions: Option<u32>,
        /// The list exceeds the budget or the number of admissions.
        over: bool,
        /// The `seq` of standing over-budget votes without a rationale.
        unjustified: Vec<u64>,
    },
    /// The place from the session definition, if any.
    Place { place: Option<String> },
    /// Votes still marked: (vote `seq`, dossier, member).
    LateConflicts { open: Vec<(u64, String, String)> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub item: CheckItem,
    pub ok: bool,
    pub detail: CheckDetail,
}

/// The checklist as the record stands.
pub fn sign_off_checklist(state: &SessionState) -> Vec<Check> {
    let list = decided(state);
    let p = &state.proceedings;
    let undecided = list.undecided.clone();
    let all_decided = Check {
        item: CheckItem::AllDecided,
        ok: undecided.is_empty(),
        detail: CheckDetail::Open { undecided },
    };

    let without: Vec<u64> = p.votes.iter().filter(|v| !v.vote.quorum.held()).map(|v| v.seq).collect();
    let quorum = Check {
        item: CheckItem::QuorumAtEveryVote,
        ok: without.is_empty(),
        detail: CheckDetail::Quorum { without },
    };

    let budget = &state.session.definition.budget;
    let admitted = list.admitted.len() as u32;
    let over =
        list.admitted_eur > budget.available_eur || budget.max_admissions.is_some_and(|m| admitted > m);
    // The votes behind admissions that stand.
    let standing: BTreeSet<u64> =
        p.decisions.values().filter(|e| e.outcome == Outcome::Admitted).filter_map(|e| e.vote).collect();
    let over_votes: Vec<_> = p
        .votes
        .iter()
        .filter(|v| standing.contains(&v.seq) && v.vote.carried && v.vote.over_budget)
        .collect();
    let unjustified: Vec<u64> =
        over_votes.iter().filter(|v| v.vote.rationale.is_none()).map(|v| v.seq).collect();
    let ok = !over || (!over_votes.is_empty() && unjustified.is_empty());
    let within = Check {
        item: CheckItem::WithinBudget,
        ok,
        detail: CheckDetail::Budget {
            admitted,
            admitted_eur: list.admitted_eur,
            available_eur: budget.available_eur,
            max_admissions: budget.max_admissions,
            over,
            unjustified,
        },
    };
    let place = state.session.definition.place.clone().filter(|p| !p.trim().is_empty());
    let place =
        Check { item: CheckItem::PlaceNamed, ok: place.is_some(), detail: CheckDetail::Place { place } };
    let open: Vec<(u64, String, String)> = crate::rules::late_conflicts(state)
        .into_iter()
        .filter(LateConflict::is_open)
        .map(|c| (c.vote, c.dossier, c.member))
        .collect();
    let late = Check {
        item: CheckItem::NoLateConflict,
        ok: open.is_empty(),
        detail: CheckDetail::LateConflicts { open },
    };
    vec![all_decided, quorum, within, place, late]
}
