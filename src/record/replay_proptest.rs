//! Replay equals the live path: for random runs of commands (undo and redo
//! included), every prefix of the record's bytes replays to exactly the
//! state the live path had at that point; undo restores exactly what was
//! there before the action, redo exactly what was there after it.

use crate::domain::DeferralReason;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};
use proptest::prelude::*;

use super::line;
use crate::domain::{
    Actor, Ballot, Event, EventKind, Outcome, Proceedings, Proposal, SessionState, VoteSubject, fixture,
};
use crate::procedure::Command;

pub(crate) type Op = (u8, usize, usize, usize, u8);

fn command(op: Op, at: DateTime<FixedOffset>) -> Command {
    let (kind, a, b, c, v) = op;
    let dossier = format!("D{:04}", a % 4);
    let member = if b == 4 { "adv".to_string() } else { format!("m{:02}", b % 4) };
    let criterion = format!("c{}", c % 2);
    match kind % 22 {
        0 | 1 => Command::MarkPresent { member, at },
        2 => Command::Leave { member, at },
        3 => Command::Arrive { member, at },
        4..=6 => Command::EnterScore { dossier, member, criterion, value: f64::from(v % 5) },
        7 => Command::RevealScores { dossier },
        8 => Command::OpenRound { dossier },
        9 => Command::OpenItem { dossier },
        10 => Command::CloseItem,
        11 => Command::MoveItem { dossier, to: c },
        12 => Command::DeferItem { dossier, reason: None },
        13 => Command::DeclareConflict { member, dossier, reason: Some("live".into()) },
        14 => vote(
            VoteSubject::Dossier { dossier, outcome: outcome(v) },
            v,
            (v % 3 == 1).then_some(Ballot::Yes),
        ),
        15 if v % 2 == 0 => vote(
            VoteSubject::EnBloc {
                items: vec![
                    Proposal { dossier, outcome: outcome(v) },
                    Proposal { dossier: format!("D{:04}", (a + 1) % 4), outcome: Outcome::NotAdmitted },
                ],
            },
            v,
            None,
        ),
        15 => Command::RecordDecision {
            dossier,
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        },
        19 => Command::ConfirmDulyInvited,
        20 => Command::SignOff { by: "m00".into() },
        21 => Command::Amend {
            reason: "Nachtrag".into(),
            command: Box::new(vote(VoteSubject::Dossier { dossier, outcome: outcome(v) }, v, None)),
        },
        16 | 17 => Command::Undo,
        18 => Command::Redo,
        _ => Command::AddNote { text: format!("Notiz {v}"), dossier: Some(dossier) },
    }
}

fn outcome(v: u8) -> Outcome {
    match v % 4 {
        0 => Outcome::Admitted,
        1 => Outcome::WaitingList { position: 1 },
        2 => Outcome::NotAdmitted,
        _ => Outcome::Deferred,
    }
}

fn vote(subject: VoteSubject, v: u8, tie_choice: Option<Ballot>) -> Command {
    Command::RecordVote {
        subject,
        motion: None,
        yes: u32::from(v % 3),
        no: 1,
        abstain: 0,
        ballots: BTreeMap::new(),
        tie_choice,
        rationale: (!v.is_multiple_of(5)).then(|| "weil".into()),
    }
}

fn opened() -> EventKind {
    EventKind::SessionOpened {
        session_id: "test-session".into(),
        title: "Test".into(),
        app_version: "test".into(),
        inputs: Default::default(),
    }
}

/// Run the commands of `ops` as the live path would, after the opening
/// line: each one the state accepts becomes events, handed to `take` in
/// order (which applies them).
pub(crate) fn drive(
    state: &mut SessionState,
    ops: Vec<Op>,
    mut take: impl FnMut(&mut SessionState, Event) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let start = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    let mut seq = 0;
    for (i, op) in std::iter::once(None).chain(ops.into_iter().map(Some)).enumerate() {
        let at = start + TimeDelta::seconds(37 * i as i64);
        let kinds = match op {
            None => vec![opened()],
            Some(op) => match crate::procedure::decide(state, &command(op, at)) {
                Ok(k) => k,
                Err(_) => continue,
            },
        };
        for kind in kinds {
            take(state, Event { v: 1, seq, at, actor: Actor::Chair, prev: Default::default(), event: kind })?;
            seq += 1;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn replay_of_every_prefix_equals_the_live_state(ops in prop::collection::vec(
        (0u8..22, 0usize..4, 0usize..5, 0usize..4, 0u8..20), 1..80)
    ) {
        let session = Arc::new(fixture::session(4, 4, 2));
        let mut state = SessionState::new(session.clone());
        let mut bytes = Vec::new();
        let mut hash = line::sha256(line::genesis("test-session").as_bytes());
        // (length of the record, state) after each event.
        let mut snapshots = vec![(0usize, state.clone())];
        let mut before: BTreeMap<u64, Proceedings> = BTreeMap::new();
        let mut after: BTreeMap<u64, Proceedings> = BTreeMap::new();
        drive(&mut state, ops, |state, mut event| {
            event.prev = hex::encode(hash).into();
            hash = line::encode(&event, &mut bytes).unwrap();
            let was = state.proceedings.clone();
            state.apply(&event).unwrap();
            match &event.event {
                EventKind::Undo { target } => prop_assert_eq!(&state.proceedings, &before[target]),
                EventKind::Redo { target } => prop_assert_eq!(&state.proceedings, &after[target]),
                k if k.is_undoable() => {
                    before.insert(event.seq, was);
                    after.insert(event.seq, state.proceedings.clone());
                }
                _ => {}
            }
            snapshots.push((bytes.len(), state.clone()));
            Ok(())
        })?;
        for (len, expected) in &snapshots {
            let scan = line::scan(&bytes[..*len], Some("test-session")).unwrap();
            prop_assert!(scan.torn.is_none());
            let replayed = SessionState::replay(session.clone(), scan.events).unwrap();
            prop_assert_eq!(&replayed, expected);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A ranking that keeps totals across changes (`TotalsCache`) is the
    /// ranking computed afresh, after every event of random runs (undo,
    /// redo, attendance, conflicts, amendments included).
    #[test]
    fn a_ranking_with_kept_totals_is_the_fresh_one(ops in prop::collection::vec(
        (0u8..22, 0usize..4, 0usize..5, 0usize..4, 0u8..20), 1..80)
    ) {
        let session = Arc::new(fixture::session(4, 4, 2));
        let mut state = SessionState::new(session.clone());
        let mut cache = crate::rules::TotalsCache::default();
        drive(&mut state, ops, |state, event| {
            state.apply(&event).unwrap();
            let kept = crate::rules::ranking_cached(state, &mut cache);
            prop_assert_eq!(kept, crate::rules::ranking(state));
            Ok(())
        })?;
    }
}
