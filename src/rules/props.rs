//! Property tests of the rules over recorded states: whoever is absent,
//! advisory or conflicted is never counted, whatever happened before.
// A member's index runs across the plan's parallel vectors; iterating one of
// them would hide that.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};
use proptest::prelude::*;

use super::{item_quorum, round_result, session_quorum};
use crate::domain::{Actor, Aggregate, Command, Event, SessionState, fixture};

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
        let Ok(kinds) = self.state.decide(&c) else { return false };
        for event in kinds {
            let e = Event {
                v: 1,
                seq: self.seq,
                at: self.clock,
                actor: Actor::Chair,
                prev: String::new(),
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
            prop_assert_eq!(cr.aggregate, super::aggregate(&values, how));
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
