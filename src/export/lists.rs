//! `admission-list.csv` and `scores.csv`, written from the results
//! document so that the lists and `results.json` cannot disagree.
//!
//! Every row starts with a status column: `ENTWURF`/`DRAFT` while the
//! session is not signed off, `freigegeben`/`signed off` after. The layout
//! is the same either way, so a spreadsheet or a program reads a draft like
//! the final lists and still sees on each row what it is (docs/results.md).

use super::dialect::{Cell, CsvError, CsvTable, Dialect};
use super::results::{DossierResult, OutcomeName, Results, VoteResult};
use super::text::{ExportText, text};
use crate::domain::Aggregate;
use crate::domain::DeferralReason;

pub const ADMISSION_LIST_FILE: &str = "admission-list.csv";
pub const SCORES_FILE: &str = "scores.csv";

fn status(r: &Results, t: &ExportText) -> Cell {
    Cell::text(if r.draft { t.draft } else { t.signed_off })
}

/// The session's id and date, the first columns after the status on every
/// row, so that a row filed on its own still says where it comes from.
fn session_cells(r: &Results) -> [Cell; 2] {
    [Cell::text(&r.session.id), r.session.date.map_or(Cell::Empty, Cell::Date)]
}

fn yes_no(b: bool, t: &ExportText) -> Cell {
    Cell::text(if b { t.yes } else { t.no })
}

fn outcome_word(o: OutcomeName, t: &ExportText) -> &'static str {
    match o {
        OutcomeName::Admitted => t.admitted,
        OutcomeName::WaitingList => t.waiting_list,
        OutcomeName::NotAdmitted => t.not_admitted,
        OutcomeName::Deferred => t.deferred,
    }
}

fn deferral_word(kind: DeferralReason, t: &ExportText) -> &'static str {
    match kind {
        DeferralReason::NotQuorate => t.deferral_kinds[0],
        DeferralReason::Committee => t.deferral_kinds[1],
        DeferralReason::Withdrawn => t.deferral_kinds[2],
    }
}

fn opt_int(n: Option<u32>) -> Cell {
    n.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)))
}

fn money(eur: u64) -> Cell {
    Cell::Money(i64::try_from(eur).unwrap_or(i64::MAX))
}

/// The admission list: admitted (ranking order, with the running sum of
/// requested funding), the waiting list by position, not admitted,
/// deferred and, in a draft, the dossiers still open.
pub fn admission_list_csv(r: &Results, dialect: Dialect) -> Result<Vec<u8>, CsvError> {
    let t = text(r.session.language);
    let mut table = CsvTable::new(dialect);
    table.row(&t.admission_header.map(Cell::text))?;
    let groups: [Vec<&str>; 5] = [
        r.admission_list.iter().map(String::as_str).collect(),
        r.waiting_list.iter().map(|w| w.id.as_str()).collect(),
        r.not_admitted.iter().map(String::as_str).collect(),
        r.deferred.iter().map(String::as_str).collect(),
        r.undecided.iter().map(String::as_str).collect(),
    ];
    let mut cumulative = 0u64;
    for (group, ids) in groups.iter().enumerate() {
        for id in ids {
            let Some(d) = r.dossiers.iter().find(|d| d.id == *id) else { continue };
            let cumulative_cell = if group == 0 {
                cumulative = cumulative.saturating_add(d.requested_eur);
                money(cumulative)
            } else {
                Cell::Empty
            };
            let decision = d.decision.as_ref();
            let outcome = decision.map_or(t.undecided, |x| match x.deferral {
                Some(kind) if x.outcome == OutcomeName::Deferred => deferral_word(kind, t),
                _ => outcome_word(x.outcome, t),
            });
            let vote = decision.and_then(|x| x.vote).and_then(|n| find_vote(r, d, n));
            let count = |f: fn(&VoteResult) -> u32| vote.map_or(Cell::Empty, |v| Cell::Int(i64::from(f(v))));
            let [session, date] = session_cells(r);
            table.row(&[
                status(r, t),
                session,
                date,
                opt_int(d.rank),
                if d.rank.is_some() { yes_no(d.tied, t) } else { Cell::Empty },
                Cell::text(&d.id),
                Cell::text(&d.municipality),
                Cell::text(&d.area),
                Cell::text(d.region.clone().unwrap_or_default()),
                yes_no(d.rural, t),
                d.total.map_or(Cell::Empty, |value| Cell::Decimal { value, places: 2 }),
                money(d.requested_eur),
                cumulative_cell,
                Cell::text(outcome),
                opt_int(decision.and_then(|x| x.position)),
                decision.map_or(Cell::Empty, |x| yes_no(x.departs_from_ranking, t)),
                Cell::text(decision.and_then(|x| x.rationale.clone()).unwrap_or_default()),
                count(|v| v.yes),
                count(|v| v.no),
                count(|v| v.abstain),
            ])?;
        }
    }
    table.finish()
}

fn find_vote<'a>(r: &'a Results, d: &'a DossierResult, n: u64) -> Option<&'a VoteResult> {
    d.votes.iter().chain(&r.en_bloc_votes).find(|v| v.vote == n)
}

/// Every revealed score: one row per dossier, round, criterion and member,
/// each carrying the criterion's aggregate and spread and the round's
/// weighted total, so that a filter on any column keeps them at hand.
/// Rounds still blind are left out.
pub fn scores_csv(r: &Results, dialect: Dialect) -> Result<Vec<u8>, CsvError> {
    let t = text(r.session.language);
    let aggregate = match r.session.rules.aggregate {
        Aggregate::Mean => t.mean,
        Aggregate::Median => t.median,
    };
    let header: Vec<Cell> =
        t.scores_header.iter().map(|h| Cell::text(if *h == "{aggregate}" { aggregate } else { h })).collect();
    let mut table = CsvTable::new(dialect);
    table.row(&header)?;
    let places = score_places(r.session.scale.step);
    for d in &r.dossiers {
        for round in d.rounds.iter().filter(|x| x.revealed.is_some()) {
            let counts = d.counting_round == Some(round.round);
            for c in &r.session.criteria {
                let agg = round.criteria.iter().find(|a| a.criterion == c.id);
                for s in round.scores.iter().filter(|s| s.criterion == c.id) {
                    let name = r.members.iter().find(|m| m.id == s.member).map_or("", |m| m.name.as_str());
                    let [session, date] = session_cells(r);
                    table.row(&[
                        status(r, t),
                        session,
                        date,
                        Cell::text(&d.id),
                        Cell::text(&d.municipality),
                        Cell::text(&d.area),
                        Cell::Int(i64::from(round.round)),
                        yes_no(counts, t),
                        Cell::text(&c.id),
                        Cell::Decimal { value: c.weight, places: weight_places(c.weight) },
                        Cell::text(&s.member),
                        Cell::text(name),
                        Cell::Decimal { value: s.value, places },
                        agg.and_then(|a| a.aggregate)
                            .map_or(Cell::Empty, |value| Cell::Decimal { value, places: 2 }),
                        agg.map_or(Cell::Empty, |a| Cell::Decimal { value: a.spread, places }),
                        agg.map_or(Cell::Empty, |a| yes_no(a.disagreement, t)),
                        round.total.map_or(Cell::Empty, |value| Cell::Decimal { value, places: 2 }),
                    ])?;
                }
            }
        }
    }
    table.finish()
}

/// Decimal places that show every value on a scale with this step: 0 for
/// whole steps, else as many as the step has (at most 3).
fn score_places(step: f64) -> usize {
    (0..3).find(|p| is_whole(step * 10f64.powi(*p as i32))).unwrap_or(3)
}

fn weight_places(weight: f64) -> usize {
    score_places(weight)
}

fn is_whole(x: f64) -> bool {
    (x - x.round()).abs() < 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_the_step() {
        assert_eq!(score_places(1.0), 0);
        assert_eq!(score_places(0.5), 1);
        assert_eq!(score_places(0.25), 2);
        assert_eq!(score_places(0.125), 3);
        assert_eq!(score_places(1.0 / 3.0), 3);
    }
}
