//! The decisions as they stand: the admission list, the waiting list, not
//! admitted, deferred and what is still open, with the money admitted.

use std::collections::HashMap;

use crate::domain::{Outcome, Proposal, SessionState};
use crate::rules::{Ranking, ranking};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecidedList {
    /// Admitted, in ranking order, then agenda order for unranked ones.
    pub admitted: Vec<String>,
    /// Waiting list by position, then ranking order.
    pub waiting: Vec<(u32, String)>,
    /// In ranking order, then agenda order.
    pub not_admitted: Vec<String>,
    /// In agenda order.
    pub deferred: Vec<String>,
    /// Requested funding of the admitted dossiers.
    pub admitted_eur: u64,
    /// Available budget minus `admitted_eur`; negative when over.
    pub remaining_eur: i64,
    /// No decision yet, in agenda order.
    pub undecided: Vec<String>,
}

/// The decisions as the record stands.
pub fn decided(state: &SessionState) -> DecidedList {
    decided_with(state, &ranking(state))
}

/// [`decided`] with a ranking already at hand.
pub fn decided_with(state: &SessionState, ranking: &Ranking) -> DecidedList {
    let session = &state.session;
    let eur: HashMap<&str, u64> =
        session.dossiers.iter().map(|d| (d.id.as_str(), d.funding.requested_eur)).collect();
    let decisions = &state.proceedings.decisions;
    let by_rank = ranking.ranked.iter().map(|r| &r.dossier).chain(&ranking.unscored);
    let mut list = DecidedList::default();
    let mut waiting: Vec<(u32, usize, String)> = Vec::new();
    for (i, d) in by_rank.enumerate() {
        match decisions.get(d).map(|e| e.outcome) {
            Some(Outcome::Admitted) => {
                list.admitted_eur += eur.get(d.as_str()).copied().unwrap_or(0);
                list.admitted.push(d.clone());
            }
            Some(Outcome::WaitingList { position }) => waiting.push((position, i, d.clone())),
            Some(Outcome::NotAdmitted) => list.not_admitted.push(d.clone()),
            Some(Outcome::Deferred) | None => {}
        }
    }
    waiting.sort();
    list.waiting = waiting.into_iter().map(|(p, _, d)| (p, d)).collect();
    for d in state.proceedings.agenda.order.iter().filter(|d| eur.contains_key(d.as_str())) {
        match decisions.get(d).map(|e| e.outcome) {
            Some(Outcome::Deferred) => list.deferred.push(d.clone()),
            None => list.undecided.push(d.clone()),
            Some(_) => {}
        }
    }
    let available = i64::try_from(session.definition.budget.available_eur).unwrap_or(i64::MAX);
    list.remaining_eur = available.saturating_sub(i64::try_from(list.admitted_eur).unwrap_or(i64::MAX));
    list
}

/// The admitted list once `items` are decided: how many dossiers and how
/// much requested funding.
pub fn admitted_after(state: &SessionState, items: &[Proposal]) -> (usize, u64) {
    let session = &state.session;
    let eur = |d: &str| session.dossier(d).map_or(0, |x| x.funding.requested_eur);
    let mut count = 0;
    let mut sum = 0u64;
    for (d, e) in &state.proceedings.decisions {
        let known = session.dossier(d).is_some();
        if known && e.outcome == Outcome::Admitted && !items.iter().any(|p| &p.dossier == d) {
            count += 1;
            sum = sum.saturating_add(eur(d));
        }
    }
    for p in items.iter().filter(|p| p.outcome == Outcome::Admitted) {
        count += 1;
        sum = sum.saturating_add(eur(&p.dossier));
    }
    (count, sum)
}
