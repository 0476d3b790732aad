//! The ranking (PRODUCT.md §2 step 7): every scored dossier by weighted
//! total, ties marked, the budget line, the proposed admission list above
//! it, the waiting list below it, the rest not admitted, and the balance of
//! the proposal. Pure: computed from the state each time.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::domain::{Dossier, Outcome, SessionState};
use crate::rules::{Total, Totals};

/// Totals closer than this are equal: they tie.
pub const TIE_EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Scored dossiers, best first; ties in agenda order.
    pub ranked: Vec<Ranked>,
    /// Dossiers without a revealed total in their counting round, in agenda
    /// order.
    pub unscored: Vec<String>,
    pub line: BudgetLine,
    pub balance: Balance,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub dossier: String,
    pub total: Total,
    /// Competition ranking: 1, 2, 2, 4.
    pub rank: u32,
    /// Shares its total with another dossier.
    pub tied: bool,
    pub requested_eur: u64,
    /// Requested funding of this dossier and all ranked above it.
    pub cumulative_eur: u64,
    pub place: Place,
    /// Every declared formal check is met.
    pub eligible: bool,
    /// Ids of the declared checks not met (false or not answered).
    pub failed_checks: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Above the budget line.
    Proposed,
    /// Below the line, on the waiting list; tied dossiers share a position.
    WaitingList {
        position: u32,
    },
    NotAdmitted,
}

/// Where the line falls and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    /// Dossiers proposed for admission.
    pub proposed: usize,
    /// Their requested funding.
    pub proposed_eur: u64,
    pub available_eur: u64,
    pub max_admissions: Option<u32>,
    /// What stopped the list; `None` when every ranked dossier fits.
    pub binds: Option<Binding>,
    /// The group that did not fit is a tie, and one of its dossiers alone
    /// would have fitted: only a committee decision can break it.
    pub tie_at_line: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Budget,
    MaxAdmissions,
}

/// Urban/rural and regional balance of the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balance {
    pub rural: u32,
    pub urban: u32,
    /// Per region (Regierungsbezirk), "" for none, sorted by name.
    pub regions: Vec<(String, u32)>,
}

impl Ranking {
    pub fn get(&self, dossier: &str) -> Option<&Ranked> {
        self.ranked.iter().find(|r| r.dossier == dossier)
    }

    /// The outcome the ranking proposes for a dossier; `None` when it is
    /// not ranked.
    pub fn proposed_outcome(&self, dossier: &str) -> Option<Outcome> {
        Some(match self.get(dossier)?.place {
            Place::Proposed => Outcome::Admitted,
            Place::WaitingList { position } => Outcome::WaitingList { position },
            Place::NotAdmitted => Outcome::NotAdmitted,
        })
    }

    /// The ranked dossiers in groups of equal total, best first.
    pub fn groups(&self) -> impl Iterator<Item = &[Ranked]> {
        self.ranked.chunk_by(|a, b| a.rank == b.rank)
    }
}

/// The ranking as the record stands.
pub fn ranking(state: &SessionState) -> Ranking {
    ranking_cached(state, &mut TotalsCache::default())
}

/// Each dossier's weighted total as last computed, with the revisions of
/// what it was computed from (`SessionState::revisions`): a ranking after
/// a score recomputes that dossier's total only. A total is taken from the
/// cache only while neither revision moved, so it is never stale.
#[derive(Debug, Default)]
pub struct TotalsCache {
    totals: foldhash::HashMap<String, Kept>,
}

/// A total, the round it is of, and the revisions it was computed at.
#[derive(Debug)]
struct Kept {
    revision: (u64, u64),
    round: u32,
    total: Option<Total>,
}

/// From this many totals to compute at once (a first ranking, a new
/// record) they are computed on every core; one or a few after a key are
/// computed where they are asked for.
const PARALLEL_FROM: usize = 64;

/// A dossier on the agenda as a ranking takes it: its place on the
/// agenda, id, current round and the revisions of what its total is
/// computed from.
type Entry<'a> = (usize, &'a String, u32, (u64, u64));

impl TotalsCache {
    /// The total of each entry, in order: kept ones from the cache, the
    /// others computed (on rayon's pool when there are [`PARALLEL_FROM`]
    /// or more, as after opening a record) and kept.
    fn totals_for(&mut self, totals: &Totals<'_>, entries: &[Entry<'_>]) -> Vec<Option<Total>> {
        let mut out: Vec<Option<Option<Total>>> = entries
            .iter()
            .map(|(_, d, round, revision)| {
                let kept = self.totals.get(d.as_str());
                kept.filter(|k| k.revision == *revision && k.round == *round).map(|k| k.total)
            })
            .collect();
        let missing: Vec<usize> = (0..out.len()).filter(|&i| out[i].is_none()).collect();
        let compute = |&i: &usize| totals.total(entries[i].1, entries[i].2);
        let computed: Vec<Option<Total>> = if missing.len() >= PARALLEL_FROM {
            missing.par_iter().map(compute).collect()
        } else {
            missing.iter().map(compute).collect()
        };
        for (i, total) in missing.into_iter().zip(computed) {
            let (_, d, round, revision) = entries[i];
            self.totals.insert(d.clone(), Kept { revision, round, total });
            out[i] = Some(total);
        }
        out.into_iter().map(Option::flatten).collect()
    }
}

/// [`ranking`], with the totals that have not changed taken from `cache`.
/// The cache belongs to one session's state as it goes on (a view that
/// switches to another record starts a new one).
pub fn ranking_cached(state: &SessionState, cache: &mut TotalsCache) -> Ranking {
    let session = &state.session;
    let def = &session.definition;
    let dossiers: foldhash::HashMap<&str, &Dossier> =
        session.dossiers.iter().map(|d| (d.id.as_str(), d)).collect();
    // looked up once per dossier: by reference, not by a key cloned for it
    let revealed: foldhash::HashSet<(&str, u32)> =
        state.proceedings.reveals.keys().map(|(d, round)| (d.as_str(), *round)).collect();
    let totals = Totals::new(state);
    let entries: Vec<Entry<'_>> = state
        .proceedings
        .agenda
        .order
        .iter()
        .enumerate()
        .filter(|(_, d)| dossiers.contains_key(d.as_str()))
        .map(|(i, d)| (i, d, state.round(d), state.revisions.of(d)))
        .collect();
    let computed = cache.totals_for(&totals, &entries);
    let mut scored: Vec<(usize, &String, Total)> = Vec::new();
    let mut unscored = Vec::new();
    for (&(i, d, round, _), total) in entries.iter().zip(computed) {
        match total {
            Some(total) if revealed.contains(&(d.as_str(), round)) => scored.push((i, d, total)),
            _ => unscored.push(d.clone()),
        }
    }
    // A strict order first (a comparison with a tolerance is not one),
    // then groups of totals within the tolerance of the group's best, each
    // in agenda order.
    scored.sort_by(|a, b| b.2.value.total_cmp(&a.2.value).then(a.0.cmp(&b.0)));
    let mut groups: Vec<Vec<(usize, &String, Total)>> = Vec::new();
    for item in scored {
        match groups.last_mut() {
            Some(g) if (g[0].2.value - item.2.value).abs() <= TIE_EPSILON => g.push(item),
            _ => groups.push(vec![item]),
        }
    }
    for g in &mut groups {
        g.sort_by_key(|x| x.0);
    }

    let requested = |d: &str| dossiers.get(d).map_or(0, |x| x.funding.requested_eur);
    let budget = &def.budget;
    let mut line = BudgetLine {
        proposed: 0,
        proposed_eur: 0,
        available_eur: budget.available_eur,
        max_admissions: budget.max_admissions,
        binds: None,
        tie_at_line: false,
    };
    let fits_count = |n: usize| budget.max_admissions.is_none_or(|max| n <= max as usize);
    let mut ranked = Vec::new();
    let mut cumulative = 0u64;
    let mut above = 0u32;
    let mut proposing = true;
    let mut waiting = 0usize;
    let mut waiting_open = true;
    let mut waiting_above = 0u32;
    for g in &groups {
        let group_eur: u64 = g.iter().map(|x| requested(x.1)).sum();
        let place = if proposing
            && line.proposed_eur.saturating_add(group_eur) <= budget.available_eur
            && fits_count(line.proposed + g.len())
        {
            line.proposed += g.len();
            line.proposed_eur += group_eur;
            Place::Proposed
        } else {
            if proposing {
                proposing = false;
                line.binds = Some(binding(g.iter().map(|x| requested(x.1)), &line, budget));
                line.tie_at_line = g.len() > 1
                    && fits_count(line.proposed + 1)
                    && g.iter()
                        .any(|x| line.proposed_eur.saturating_add(requested(x.1)) <= budget.available_eur);
            }
            if waiting_open && waiting + g.len() <= budget.waiting_list as usize {
                waiting += g.len();
                let position = waiting_above + 1;
                waiting_above += g.len() as u32;
                Place::WaitingList { position }
            } else {
                waiting_open = false;
                Place::NotAdmitted
            }
        };
        let rank = above + 1;
        // Tied on the waiting list: a lot drawn for them gives the order.
        let ids: Vec<&str> = g.iter().map(|x| x.1.as_str()).collect();
        let lot = match place {
            Place::WaitingList { .. } if g.len() > 1 => crate::rules::lot_order(state, &ids),
            _ => None,
        };
        // In the drawn order, so that the list reads as the places go.
        let mut members: Vec<&(usize, &String, Total)> = g.iter().collect();
        if let Some(order) = &lot {
            members.sort_by_key(|x| order.iter().position(|o| o == x.1));
        }
        for &&(_, d, total) in &members {
            let place = match (place, &lot) {
                (Place::WaitingList { position }, Some(order)) => {
                    let i = order.iter().position(|o| o == d).unwrap_or(0) as u32;
                    Place::WaitingList { position: position + i }
                }
                _ => place,
            };
            let dossier = dossiers.get(d.as_str());
            cumulative = cumulative.saturating_add(requested(d));
            let failed_checks: Vec<String> = dossier
                .map(|x| x.failed_checks(&def.eligibility).map(|c| c.id.clone()).collect())
                .unwrap_or_default();
            ranked.push(Ranked {
                dossier: d.clone(),
                total,
                rank,
                tied: g.len() > 1,
                requested_eur: requested(d),
                cumulative_eur: cumulative,
                place,
                eligible: failed_checks.is_empty(),
                failed_checks,
            });
        }
        above += g.len() as u32;
    }

    let mut balance = Balance::default();
    let mut regions: BTreeMap<String, u32> = BTreeMap::new();
    for r in ranked.iter().filter(|r| r.place == Place::Proposed) {
        let Some(d) = dossiers.get(r.dossier.as_str()) else { continue };
        if d.rural {
            balance.rural += 1;
        } else {
            balance.urban += 1;
        }
        *regions.entry(d.region.clone().unwrap_or_default()).or_default() += 1;
    }
    balance.regions = regions.into_iter().collect();
    Ranking { ranked, unscored, line, balance }
}

/// Which limit the first group that does not fit runs into: walking down
/// its dossiers one by one, the first limit exceeded; the number of
/// admissions when one dossier exceeds both (docs/decisions.md).
fn binding(eur: impl Iterator<Item = u64>, line: &BudgetLine, budget: &crate::domain::Budget) -> Binding {
    let (mut count, mut sum) = (line.proposed, line.proposed_eur);
    for e in eur {
        count += 1;
        sum = sum.saturating_add(e);
        if budget.max_admissions.is_some_and(|max| count > max as usize) {
            return Binding::MaxAdmissions;
        }
        if sum > budget.available_eur {
            return Binding::Budget;
        }
    }
    // Unreachable for a group that did not fit; the budget is the safe name.
    Binding::Budget
}

#[cfg(test)]
mod tests;
