use std::sync::Arc;

use chrono::DateTime;

use super::*;
use crate::domain::{EligibilityCheck, EventKind, Session, fixture};

/// A state on `session` where each `(dossier, total)` was scored by m02 on
/// the one criterion and revealed.
fn state(session: Session, totals: &[(&str, f64)]) -> SessionState {
    let mut s = SessionState::new(Arc::new(session));
    for (d, v) in totals {
        scored(&mut s, d, 1, *v);
        apply(&mut s, EventKind::ScoresRevealed { dossier: d.to_string(), round: 1, early: false });
    }
    s
}

fn scored(s: &mut SessionState, d: &str, round: u32, v: f64) {
    let member = "m02".to_string();
    let (dossier, criterion) = (d.to_string(), "c0".to_string());
    apply(s, EventKind::ScoreEntered { dossier, round, member, criterion, value: v });
}

fn apply(s: &mut SessionState, kind: EventKind) {
    let at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    let seq = s.meta.events;
    s.apply(&crate::domain::Event {
        v: 1,
        seq,
        at,
        actor: crate::domain::Actor::Chair,
        prev: Default::default(),
        event: kind,
    })
    .unwrap();
}

/// Six dossiers D0000 … D0005 asking 600,000 € … 1,100,000 €; one criterion.
fn session(available_eur: u64, max_admissions: Option<u32>, waiting_list: u32) -> Session {
    let mut s = fixture::session(6, 4, 1);
    s.definition.budget = crate::domain::Budget { available_eur, max_admissions, waiting_list };
    s
}

fn places(r: &Ranking) -> Vec<(&str, u32, bool, Place)> {
    r.ranked.iter().map(|x| (x.dossier.as_str(), x.rank, x.tied, x.place)).collect()
}

#[test]
fn a_tie_at_the_line_goes_below_it_whole_and_onto_the_waiting_list() {
    let s = state(
        session(2_000_000, None, 2),
        &[("D0000", 2.0), ("D0001", 3.0), ("D0002", 1.0), ("D0003", 4.0), ("D0004", 3.0)],
    );
    let r = ranking(&s);
    use Place::*;
    assert_eq!(
        places(&r),
        [
            ("D0003", 1, false, Proposed),
            ("D0001", 2, true, WaitingList { position: 1 }),
            ("D0004", 2, true, WaitingList { position: 1 }),
            ("D0000", 4, false, NotAdmitted),
            ("D0002", 5, false, NotAdmitted),
        ]
    );
    let cumulative: Vec<u64> = r.ranked.iter().map(|x| x.cumulative_eur).collect();
    assert_eq!(cumulative, [900_000, 1_600_000, 2_600_000, 3_200_000, 4_000_000]);
    assert_eq!(r.ranked[0].total, Total { value: 4.0, percent: 100.0 });
    assert_eq!(
        r.line,
        BudgetLine {
            proposed: 1,
            proposed_eur: 900_000,
            available_eur: 2_000_000,
            max_admissions: None,
            binds: Some(Binding::Budget),
            tie_at_line: true,
        }
    );
    assert_eq!(r.unscored, ["D0005"]);
    // D0003 is rural (every third fixture dossier), without a region.
    assert_eq!(r.balance, Balance { rural: 1, urban: 0, regions: vec![(String::new(), 1)] });
    assert_eq!(r.proposed_outcome("D0003"), Some(Outcome::Admitted));
    assert_eq!(r.proposed_outcome("D0004"), Some(Outcome::WaitingList { position: 1 }));
    assert_eq!(r.proposed_outcome("D0000"), Some(Outcome::NotAdmitted));
    assert_eq!(r.proposed_outcome("D0005"), None);
    let groups: Vec<usize> = r.groups().map(<[Ranked]>::len).collect();
    assert_eq!(groups, [1, 2, 1, 1]);
}

#[test]
fn the_number_of_admissions_binds_and_waiting_positions_are_shared_by_ties() {
    let s = state(
        session(100_000_000, Some(2), 3),
        &[("D0000", 4.0), ("D0001", 4.0), ("D0002", 3.0), ("D0003", 2.0), ("D0004", 2.0), ("D0005", 1.0)],
    );
    let r = ranking(&s);
    use Place::*;
    assert_eq!(
        places(&r),
        [
            ("D0000", 1, true, Proposed),
            ("D0001", 1, true, Proposed),
            ("D0002", 3, false, WaitingList { position: 1 }),
            ("D0003", 4, true, WaitingList { position: 2 }),
            ("D0004", 4, true, WaitingList { position: 2 }),
            ("D0005", 6, false, NotAdmitted),
        ]
    );
    assert_eq!((r.line.proposed, r.line.proposed_eur), (2, 1_300_000));
    assert_eq!((r.line.binds, r.line.tie_at_line), (Some(Binding::MaxAdmissions), false));
    assert!(r.unscored.is_empty());
}

#[test]
fn the_limit_reached_first_walking_down_the_group_is_the_one_that_binds() {
    // D0002 (800,000 €) first, then a tie of D0000, D0001, D0003
    // (600,000, 700,000, 900,000 €).
    let totals = [("D0002", 4.0), ("D0000", 3.0), ("D0001", 3.0), ("D0003", 3.0)];
    // 1,400,000 € with two, 2,100,000 € with three: the budget first.
    let r = ranking(&state(session(2_000_000, Some(3), 0), &totals));
    assert_eq!((r.line.proposed, r.line.binds, r.line.tie_at_line), (1, Some(Binding::Budget), true));
    // The third would exceed both; the count is reached at the second.
    let r = ranking(&state(session(2_000_000, Some(2), 0), &totals));
    assert_eq!((r.line.proposed, r.line.binds, r.line.tie_at_line), (1, Some(Binding::MaxAdmissions), true));
    // One more exceeds both at once: the number of admissions binds.
    let r = ranking(&state(session(1_000_000, Some(1), 0), &totals));
    assert_eq!((r.line.proposed, r.line.binds, r.line.tie_at_line), (1, Some(Binding::MaxAdmissions), false));
    // None of the tie fits alone: the line is not at a tie.
    let r = ranking(&state(session(1_300_000, None, 0), &totals));
    assert_eq!((r.line.proposed, r.line.binds, r.line.tie_at_line), (1, Some(Binding::Budget), false));
    assert!(r.ranked.iter().skip(1).all(|x| x.place == Place::NotAdmitted));
    // Everything fits: nothing binds.
    let r = ranking(&state(session(4_000_000, Some(4), 0), &totals));
    assert_eq!((r.line.proposed, r.line.proposed_eur, r.line.binds), (4, 3_000_000, None));
}

#[test]
fn only_a_revealed_counting_round_ranks() {
    let mut s = state(session(9_000_000, None, 0), &[("D0000", 3.0), ("D0001", 2.0)]);
    // Scored but not revealed.
    scored(&mut s, "D0002", 1, 4.0);
    // Revealed, then a second round opened: the counting round is open.
    apply(&mut s, EventKind::ScoringRoundOpened { dossier: "D0001".into(), round: 2 });
    scored(&mut s, "D0001", 2, 4.0);
    let r = ranking(&s);
    assert_eq!(r.ranked.iter().map(|x| x.dossier.as_str()).collect::<Vec<_>>(), ["D0000"]);
    assert_eq!(r.unscored, ["D0001", "D0002", "D0003", "D0004", "D0005"]);
    apply(&mut s, EventKind::ScoresRevealed { dossier: "D0001".into(), round: 2, early: false });
    let r = ranking(&s);
    let ranked: Vec<(&str, f64)> = r.ranked.iter().map(|x| (x.dossier.as_str(), x.total.value)).collect();
    assert_eq!(ranked, [("D0001", 4.0), ("D0000", 3.0)]);
}

#[test]
fn formal_checks_are_flagged_and_the_balance_counts_the_proposal() {
    let mut session = session(3_000_000, None, 0);
    session.definition.eligibility = ["isek", "fin"]
        .iter()
        .map(|id| EligibilityCheck { id: id.to_string(), label: id.to_string(), label_en: None })
        .collect();
    let regions = [Some("Darmstadt"), Some("Kassel"), None, Some("Darmstadt")];
    for (d, region) in session.dossiers.iter_mut().zip(regions) {
        d.region = region.map(str::to_string);
    }
    session.dossiers[0].eligibility = [("isek".to_string(), true), ("fin".to_string(), true)].into();
    session.dossiers[1].eligibility = [("isek".to_string(), false)].into();
    let s = state(session, &[("D0000", 4.0), ("D0001", 3.0), ("D0002", 2.0), ("D0003", 1.0), ("D0004", 0.0)]);
    let r = ranking(&s);
    let flags: Vec<(&str, bool, Vec<&str>)> = r
        .ranked
        .iter()
        .take(2)
        .map(|x| (x.dossier.as_str(), x.eligible, x.failed_checks.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(flags, [("D0000", true, vec![]), ("D0001", false, vec!["isek", "fin"])]);
    // D0000 … D0003 fit (3,000,000 €); D0004 does not.
    assert_eq!(r.line.proposed, 4);
    assert_eq!(
        r.balance,
        Balance {
            rural: 2,
            urban: 2,
            regions: vec![(String::new(), 1), ("Darmstadt".into(), 2), ("Kassel".into(), 1)],
        }
    );
}

/// Undo and redo of a correction move only that dossier's revision (not
/// everyone's); the kept ranking follows them exactly.
#[test]
fn undo_and_redo_move_only_their_dossiers_total() {
    let mut s = state(session(5_000_000, None, 0), &[("D0000", 2.0), ("D0001", 3.0), ("D0002", 1.0)]);
    let mut cache = TotalsCache::default();
    let mut kept = |s: &SessionState| -> Vec<(String, u32)> {
        let r = ranking_cached(s, &mut cache);
        assert_eq!(r, ranking(s), "kept and fresh agree");
        places(&r).into_iter().map(|(d, rank, ..)| (d.to_string(), rank)).collect()
    };
    let ranks = |list: [&str; 3]| -> Vec<(String, u32)> {
        list.iter().zip(1..).map(|(d, r)| (d.to_string(), r)).collect()
    };
    assert_eq!(kept(&s), ranks(["D0001", "D0000", "D0002"]));
    let others = |s: &SessionState| (s.revisions.of("D0000"), s.revisions.of("D0001"));
    let before = others(&s);
    // D0002 corrected to the top, the correction undone, then redone.
    apply(
        &mut s,
        EventKind::ScoreCorrected {
            dossier: "D0002".into(),
            round: 1,
            member: "m02".into(),
            criterion: "c0".into(),
            value: 5.0,
            previous: Some(1.0),
        },
    );
    assert_eq!(kept(&s), ranks(["D0002", "D0001", "D0000"]));
    let target = s.meta.events - 1;
    apply(&mut s, EventKind::Undo { target });
    assert_eq!(kept(&s), ranks(["D0001", "D0000", "D0002"]));
    apply(&mut s, EventKind::Redo { target });
    assert_eq!(kept(&s), ranks(["D0002", "D0001", "D0000"]));
    assert_eq!(others(&s), before, "no other dossier's revision moved, nor everyone's");
}

/// A first ranking of many dossiers computes their totals on rayon's pool:
/// each is the one the per-dossier result gives, to the bit, and they rank
/// in the order those totals give; a later score recomputes one total.
#[test]
fn totals_computed_on_every_core_are_the_per_dossier_results() {
    let n = 3 * PARALLEL_FROM;
    let mut session = fixture::session(n, 4, 1);
    session.definition.budget =
        crate::domain::Budget { available_eur: u64::MAX / 2, max_admissions: None, waiting_list: 0 };
    // Totals 1.0, 1.5, … 4.0, 1.0, … in steps that repeat every seven dossiers
    let ids: Vec<String> = (0..n).map(|i| format!("D{i:04}")).collect();
    let values: Vec<(&str, f64)> =
        ids.iter().enumerate().map(|(i, d)| (d.as_str(), 1.0 + (i % 7) as f64 * 0.5)).collect();
    let mut s = state(session, &values);
    let mut cache = TotalsCache::default();
    let r = ranking_cached(&s, &mut cache);
    assert_eq!(r.ranked.len(), n);
    for x in &r.ranked {
        let reference = crate::rules::current_result(&s, &x.dossier).total.map(|t| t.value);
        assert_eq!(Some(x.total.value.to_bits()), reference.map(f64::to_bits), "{}", x.dossier);
    }
    // 4.0 first: D0006, D0013, … in agenda order, all tied at rank 1
    assert_eq!((r.ranked[0].dossier.as_str(), r.ranked[0].rank, r.ranked[0].tied), ("D0006", 1, true));
    assert_eq!(r.ranked[1].dossier, "D0013");
    assert_eq!(r.ranked.last().map(|x| (x.dossier.as_str(), x.total.value)), Some(("D0189", 1.0)));
    // one more score: the kept totals and a fresh ranking agree
    scored(&mut s, "D0000", 1, 4.0);
    let again = ranking_cached(&s, &mut cache);
    assert_eq!(again, ranking(&s));
    assert_eq!(again.ranked[0].dossier, "D0000");
}
