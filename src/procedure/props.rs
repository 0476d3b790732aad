//! Property tests of the rules over states reached by commands: whoever is absent,
//! advisory or conflicted is never counted, whatever happened before.
// A member's index runs across the plan's parallel vectors; iterating one of
// them would hide that.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};
use proptest::prelude::*;

use crate::domain::{Actor, Aggregate, Event, SessionState, fixture};
use crate::procedure::Command;
use crate::rules::{self, item_quorum, round_result, session_quorum};

const MEMBERS: usize = 6;
const CRITERIA: usize = 3;
const DOSSIER: &str = "D0000";

struct Run {
    state: SessionState,
    seq: u64,
    clock: DateTime<FixedOffset>,
}

impl Run {
    /// Carry out a command as the live path does; refused ones change nothing.
    fn run(&mut self, c: Command) -> bool {
        let Ok(kinds) = crate::procedure::decide(&self.state, &c) else { return false };
        for event in kinds {
            let e = Event {
                v: 1,
                seq: self.seq,
                at: self.clock,
                actor: Actor::Chair,
                prev: Default::default(),
                event,
            };
            self.state.apply(&e).expect("a decided event applies");
            self.seq += 1;
        }
        self.clock += TimeDelta::minutes(1);
        true
    }
}

fn member(i: usize) -> String {
    format!("m{i:02}")
}

#[derive(Debug, Clone)]
struct Plan {
    present: Vec<bool>,
    advisory_present: bool,
    conflicted_before: Vec<bool>,
    scores: Vec<Vec<u8>>,
    conflicted_after: Vec<bool>,
    leaves_after: Vec<bool>,
    median: bool,
}

fn plan() -> impl Strategy<Value = Plan> {
    let flags = || prop::collection::vec(any::<bool>(), MEMBERS);
    (
        flags(),
        any::<bool>(),
        prop::collection::vec(prop::bool::weighted(0.2), MEMBERS),
        prop::collection::vec(prop::collection::vec(0u8..=4, CRITERIA), MEMBERS),
        prop::collection::vec(prop::bool::weighted(0.2), MEMBERS),
        prop::collection::vec(prop::bool::weighted(0.2), MEMBERS),
        any::<bool>(),
    )
        .prop_map(
            |(
                present,
                advisory_present,
                conflicted_before,
                scores,
                conflicted_after,
                leaves_after,
                median,
            )| {
                Plan {
                    present,
                    advisory_present,
                    conflicted_before,
                    scores,
                    conflicted_after,
                    leaves_after,
                    median,
                }
            },
        )
}

proptest! {
    #[test]
    fn only_present_voting_unconflicted_members_count(p in plan()) {
        let mut session = fixture::session(1, MEMBERS, CRITERIA);
        // The fixture declares some conflicts before the session.
        let declared: Vec<bool> = (0..MEMBERS)
            .map(|i| session.definition.conflicts.iter().any(|c| c.member == member(i) && c.dossier == DOSSIER))
            .collect();
        prop_assume!(declared.iter().any(|d| *d), "the fixture has a pre-declared conflict to exercise");
        session.definition.rules.aggregate = if p.median { Aggregate::Median } else { Aggregate::Mean };
        let clock = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").expect("time");
        let mut run = Run { state: SessionState::new(Arc::new(session)), seq: 0, clock };
        run.run(Command::ConfirmDulyInvited);
        for i in 0..MEMBERS {
            if p.present[i] {
                let at = run.clock;
                run.run(Command::MarkPresent { member: member(i), at });
            }
        }
        if p.advisory_present {
            let at = run.clock;
            run.run(Command::MarkPresent { member: "adv".into(), at });
        }
        let conflict = |run: &mut Run, i: usize| {
            run.run(Command::DeclareConflict { member: member(i), dossier: DOSSIER.into(), reason: None })
        };
        for i in 0..MEMBERS {
            if p.conflicted_before[i] {
                conflict(&mut run, i);
            }
        }
        // Everyone tries to score, the advisory member too; the domain
        // refuses the absent, conflicted and advisory.
        let mut given: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for i in 0..MEMBERS {
            for c in 0..CRITERIA {
                let value = f64::from(p.scores[i][c]);
                let cmd = Command::EnterScore {
                    dossier: DOSSIER.into(), member: member(i), criterion: format!("c{c}"), value,
                };
                if run.run(cmd) {
                    prop_assert!(p.present[i] && !p.conflicted_before[i] && !declared[i]);
                    given.insert((i, c), value);
                }
            }
            let adv = Command::EnterScore {
                dossier: DOSSIER.into(), member: "adv".into(), criterion: "c0".into(), value: 1.0,
            };
            prop_assert!(!run.run(adv));
        }
        for i in 0..MEMBERS {
            if p.conflicted_after[i] {
                conflict(&mut run, i);
            }
            if p.leaves_after[i] && p.present[i] {
                let at = run.clock;
                run.run(Command::Leave { member: member(i), at });
            }
        }

        let conflicted = |i: usize| declared[i] || p.conflicted_before[i] || p.conflicted_after[i];
        let result = round_result(&run.state, DOSSIER, 1);
        for (c, cr) in result.criteria.iter().enumerate() {
            let expected: Vec<(String, f64)> = (0..MEMBERS)
                .filter(|i| !conflicted(*i))
                .filter_map(|i| given.get(&(i, c)).map(|v| (member(i), *v)))
                .collect();
            let counted: Vec<(String, f64)> = cr.scores.iter().map(|(m, v)| (m.clone(), *v)).collect();
            prop_assert_eq!(&counted, &expected);
            prop_assert!(!cr.scores.contains_key("adv"));
            let values: Vec<f64> = expected.iter().map(|(_, v)| *v).collect();
            let how = if p.median { Aggregate::Median } else { Aggregate::Mean };
            prop_assert_eq!(cr.aggregate, rules::aggregate(&values, how));
        }

        let still_present = |i: usize| p.present[i] && !p.leaves_after[i];
        let session_present = (0..MEMBERS).filter(|i| still_present(*i)).count() as u32;
        let item_present = (0..MEMBERS).filter(|i| still_present(*i) && !conflicted(*i)).count() as u32;
        let sq = session_quorum(&run.state);
        let iq = item_quorum(&run.state, DOSSIER);
        prop_assert_eq!(sq.present, session_present);
        prop_assert_eq!(iq.present, item_present);
        prop_assert_eq!(sq.voting_members, MEMBERS as u32);
        prop_assert!(iq.present <= sq.present);
        prop_assert_eq!(iq.reached(), item_present >= iq.required);
    }
}

/// A scored session for the ranking: `DOSSIERS` dossiers with random
/// requests, scored by four members on two criteria (small values, so
/// ties are common), some rounds revealed; a random budget.
#[derive(Debug, Clone)]
struct Field {
    requested: Vec<u64>,
    scores: Vec<Vec<Vec<u8>>>,
    revealed: Vec<bool>,
    available: u64,
    max_admissions: Option<u32>,
    waiting_list: u32,
    /// A conflict declared after scoring: (member, dossier).
    late_conflict: Option<(usize, usize)>,
}

const DOSSIERS: usize = 8;
const SCORERS: usize = 4;

fn field() -> impl Strategy<Value = Field> {
    (
        prop::collection::vec(1u64..=12, DOSSIERS),
        prop::collection::vec(prop::collection::vec(prop::collection::vec(0u8..=4, 2), SCORERS), DOSSIERS),
        prop::collection::vec(prop::bool::weighted(0.85), DOSSIERS),
        0u64..=60,
        prop::option::of(0u32..=6),
        0u32..=4,
        prop::option::of((0..SCORERS, 0..DOSSIERS)),
    )
        .prop_map(
            |(requested, scores, revealed, available, max_admissions, waiting_list, late_conflict)| Field {
                requested: requested.into_iter().map(|r| r * 100_000).collect(),
                scores,
                revealed,
                available: available * 100_000,
                max_admissions,
                waiting_list,
                late_conflict,
            },
        )
}

fn scored_run(f: &Field) -> Run {
    let mut session = fixture::session(DOSSIERS, SCORERS, 2);
    for (d, eur) in session.dossiers.iter_mut().zip(&f.requested) {
        d.funding.requested_eur = *eur;
    }
    session.definition.budget = crate::domain::Budget {
        available_eur: f.available,
        max_admissions: f.max_admissions,
        waiting_list: f.waiting_list,
    };
    let clock = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").expect("time");
    let mut run = Run { state: SessionState::new(Arc::new(session)), seq: 0, clock };
    run.run(Command::ConfirmDulyInvited);
    for i in 0..SCORERS {
        let at = run.clock;
        run.run(Command::MarkPresent { member: member(i), at });
    }
    for d in 0..DOSSIERS {
        let dossier = format!("D{d:04}");
        for i in 0..SCORERS {
            for c in 0..2 {
                let value = f64::from(f.scores[d][i][c]);
                let criterion = format!("c{c}");
                run.run(Command::EnterScore {
                    dossier: dossier.clone(),
                    member: member(i),
                    criterion,
                    value,
                });
            }
        }
        if f.revealed[d] {
            run.run(Command::RevealScores { dossier });
        }
    }
    if let Some((m, d)) = f.late_conflict {
        run.run(Command::DeclareConflict { member: member(m), dossier: format!("D{d:04}"), reason: None });
    }
    run
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_ranking_is_sorted_and_the_line_keeps_every_limit(f in field()) {
        let run = scored_run(&f);
        let r = rules::ranking(&run.state);
        prop_assert_eq!(r.ranked.len() + r.unscored.len(), DOSSIERS);
        prop_assert_eq!(r.ranked.len(), f.revealed.iter().filter(|x| **x).count());
        // The ranking's totals are the scoring screen's, to the bit.
        for x in &r.ranked {
            prop_assert_eq!(Some(x.total), rules::current_result(&run.state, &x.dossier).total);
        }

        // Sorted by total; equal totals share the rank; ranks count those above.
        for (i, pair) in r.ranked.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.total.value >= b.total.value - rules::TIE_EPSILON);
            if (a.total.value - b.total.value).abs() <= rules::TIE_EPSILON {
                prop_assert_eq!(a.rank, b.rank);
                prop_assert!(a.tied && b.tied);
                prop_assert_eq!(a.place, b.place, "a tie group is never split");
            } else {
                prop_assert_eq!(b.rank as usize, i + 2);
            }
        }

        // The proposal keeps the budget and the number of admissions.
        let proposed: Vec<_> = r.ranked.iter().filter(|x| x.place == rules::Place::Proposed).collect();
        let eur: u64 = proposed.iter().map(|x| x.requested_eur).sum();
        prop_assert_eq!((r.line.proposed, r.line.proposed_eur), (proposed.len(), eur));
        prop_assert!(eur <= f.available);
        prop_assert!(f.max_admissions.is_none_or(|m| proposed.len() <= m as usize));
        // It is a prefix, and stops only where the next group does not fit.
        prop_assert!(r.ranked.iter().take(proposed.len()).all(|x| x.place == rules::Place::Proposed));
        match r.ranked.get(proposed.len()) {
            None => prop_assert_eq!(r.line.binds, None),
            Some(next) => {
                let group: Vec<_> = r.ranked.iter().filter(|x| x.rank == next.rank).collect();
                let over_budget = eur + group.iter().map(|x| x.requested_eur).sum::<u64>() > f.available;
                let over_count = f.max_admissions.is_some_and(|m| proposed.len() + group.len() > m as usize);
                prop_assert!(over_budget || over_count);
                prop_assert!(r.line.binds.is_some());
            }
        }

        // The waiting list follows the ranking and keeps its length.
        let waiting: Vec<_> =
            r.ranked.iter().filter(|x| matches!(x.place, rules::Place::WaitingList { .. })).collect();
        prop_assert!(waiting.len() <= f.waiting_list as usize);
        for w in &waiting {
            prop_assert!(proposed.iter().all(|p| p.rank < w.rank));
            prop_assert!(r.ranked.iter().filter(|x| x.place == rules::Place::NotAdmitted).all(|n| w.rank < n.rank));
            let rules::Place::WaitingList { position } = w.place else { unreachable!() };
            let above = waiting.iter().filter(|o| o.rank < w.rank).count() as u32;
            prop_assert_eq!(position, above + 1);
        }
    }

    #[test]
    fn a_vote_never_counts_more_than_the_eligible_voters(
        present in prop::collection::vec(any::<bool>(), MEMBERS),
        conflicted in prop::collection::vec(prop::bool::weighted(0.2), MEMBERS),
        counts in (0u32..8, 0u32..8, 0u32..8),
        en_bloc in any::<bool>(),
    ) {
        let session = fixture::session(2, MEMBERS, 1);
        let clock = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").expect("time");
        let mut run = Run { state: SessionState::new(Arc::new(session)), seq: 0, clock };
        run.run(Command::ConfirmDulyInvited);
        for i in 0..MEMBERS {
            if present[i] {
                let at = run.clock;
                run.run(Command::MarkPresent { member: member(i), at });
            }
            if conflicted[i] {
                run.run(Command::DeclareConflict { member: member(i), dossier: "D0001".into(), reason: None });
            }
        }
        let item = |d: &str| crate::domain::Proposal { dossier: d.into(), outcome: crate::domain::Outcome::NotAdmitted };
        let (subject, dossiers) = if en_bloc {
            (crate::domain::VoteSubject::EnBloc { items: vec![item("D0000"), item("D0001")] }, vec!["D0000".to_string(), "D0001".to_string()])
        } else {
            (crate::domain::VoteSubject::Dossier { dossier: "D0001".into(), outcome: crate::domain::Outcome::NotAdmitted }, vec!["D0001".to_string()])
        };
        let eligible = run.state.eligible_members(&dossiers).len() as u32;
        let (yes, no, abstain) = counts;
        let cmd = Command::RecordVote {
            subject, motion: None, yes, no, abstain,
            ballots: BTreeMap::new(), tie_choice: None, rationale: Some("Begründung".into()),
        };
        let decided = crate::procedure::decide(&run.state, &cmd);
        if yes + no + abstain > eligible {
            prop_assert!(decided.is_err());
        }
        if let Ok(kinds) = decided {
            let [crate::domain::EventKind::VoteRecorded(v)] = &kinds[..] else {
                return Err(TestCaseError::fail("one vote"));
            };
            prop_assert!(v.cast() >= 1 && v.cast() <= eligible);
            prop_assert_eq!(v.quorum.present, eligible);
            prop_assert!(v.quorum.held());
        }
    }
}
