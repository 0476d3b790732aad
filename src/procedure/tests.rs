mod ballots;
mod votes;

use crate::domain::DeferralReason;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::*;
use crate::domain::{Action, Actor, Ballot, Event, EventKind, Outcome, VoteSubject, fixture};
use crate::procedure::{Command, DomainError};

/// Drives a state the way the live path does, with a clock ticking a
/// minute per command.
pub(super) struct Run {
    pub(super) state: SessionState,
    seq: u64,
    clock: DateTime<FixedOffset>,
}

impl Run {
    pub(super) fn new() -> Run {
        Run::with(fixture::session(3, 4, 2))
    }

    pub(super) fn with(session: crate::domain::Session) -> Run {
        Run { state: SessionState::new(Arc::new(session)), seq: 0, clock: t(9, 0) }
    }

    pub(super) fn ok(&mut self, c: Command) -> Vec<EventKind> {
        let kinds = crate::procedure::decide(&self.state, &c).unwrap();
        for k in &kinds {
            let e = Event {
                v: 1,
                seq: self.seq,
                at: self.clock,
                actor: Actor::Chair,
                prev: Default::default(),
                event: k.clone(),
            };
            self.state.apply(&e).unwrap();
            self.seq += 1;
        }
        self.clock += TimeDelta::minutes(1);
        kinds
    }

    pub(super) fn err(&self, c: Command) -> DomainError {
        crate::procedure::decide(&self.state, &c).unwrap_err()
    }

    pub(super) fn present(&mut self, members: &[&str]) {
        for m in members {
            let at = self.clock;
            self.ok(Command::MarkPresent { member: m.to_string(), at });
        }
    }
}

pub(super) fn t(h: u32, m: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:{m:02}:00+01:00")).unwrap()
}

pub(super) fn score(d: &str, m: &str, c: &str, v: f64) -> Command {
    Command::EnterScore { dossier: d.into(), member: m.into(), criterion: c.into(), value: v }
}

#[test]
fn a_score_then_a_correction_then_undo_restores_the_first_value() {
    let mut r = Run::new();
    r.present(&["m00", "m02"]);
    assert!(matches!(r.ok(score("D0001", "m02", "c0", 3.0))[..], [EventKind::ScoreEntered { .. }]));
    let corrected = r.ok(score("D0001", "m02", "c0", 2.0));
    assert!(matches!(corrected[..], [EventKind::ScoreCorrected { previous: Some(3.0), value: 2.0, .. }]));
    // The UI names what undo will take back.
    let next = r.state.next_undo().unwrap().kind.describe();
    assert_eq!(
        (next.action, next.value, next.previous_value),
        (Some(Action::ScoreCorrected), Some(2.0), Some(3.0))
    );
    assert_eq!(r.ok(Command::Undo), [EventKind::Undo { target: 3 }]);
    assert_eq!(r.state.round_scores("D0001", 1).map(|(_, v)| v).collect::<Vec<_>>(), [3.0]);
    assert_eq!(r.ok(Command::Undo), [EventKind::Undo { target: 2 }]);
    assert_eq!(r.state.round_scores("D0001", 1).count(), 0);
    assert_eq!(r.ok(Command::Redo), [EventKind::Redo { target: 2 }]);
    assert_eq!(r.state.round_scores("D0001", 1).map(|(_, v)| v).collect::<Vec<_>>(), [3.0]);
    assert_eq!(r.ok(Command::Redo), [EventKind::Redo { target: 3 }]);
    assert_eq!(r.state.round_scores("D0001", 1).map(|(_, v)| v).collect::<Vec<_>>(), [2.0]);
    assert_eq!(r.err(Command::Redo), DomainError::NothingToRedo);
}

#[test]
fn a_new_action_after_undo_clears_the_redo_chain() {
    let mut r = Run::new();
    r.present(&["m00"]);
    r.ok(Command::AddNote { text: "eins".into(), dossier: None });
    r.ok(Command::Undo);
    assert_eq!(r.state.next_redo().map(|u| u.seq), Some(1));
    r.ok(Command::AddNote { text: "zwei".into(), dossier: None });
    assert_eq!(r.err(Command::Redo), DomainError::NothingToRedo);
    let notes: Vec<_> = r.state.proceedings.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes, ["zwei"]);
    // Undo walks back past the note to the roll call.
    r.ok(Command::Undo);
    assert_eq!(r.ok(Command::Undo), [EventKind::Undo { target: 0 }]);
    assert!(!r.state.is_present("m00"));
    assert_eq!(r.err(Command::Undo), DomainError::NothingToUndo);
}

#[test]
fn undo_of_opening_an_item_reopens_the_previous_one_with_its_time() {
    let mut r = Run::new();
    r.ok(Command::OpenItem { dossier: "D0000".into() }); // 9:00
    r.ok(Command::OpenItem { dossier: "D0001".into() }); // 9:01, D0000 got 1 min
    assert_eq!(r.state.proceedings.agenda.time_spent.get("D0000"), Some(&TimeDelta::minutes(1)));
    r.ok(Command::Undo);
    assert_eq!(r.state.proceedings.agenda.current.as_ref().map(|c| c.dossier.as_str()), Some("D0000"));
    assert_eq!(r.state.proceedings.agenda.time_spent.get("D0000"), None);
    assert_eq!(r.state.time_spent("D0000", t(9, 10)), TimeDelta::minutes(10));
    r.ok(Command::CloseItem); // 9:03
    assert_eq!(r.state.time_spent("D0000", t(10, 0)), TimeDelta::minutes(3));
}

#[test]
fn moving_and_deferring_items() {
    let mut r = Run::new();
    r.ok(Command::MoveItem { dossier: "D0002".into(), to: 0 });
    assert_eq!(r.state.proceedings.agenda.order, ["D0002", "D0000", "D0001"]);
    assert_eq!(
        r.err(Command::MoveItem { dossier: "D0002".into(), to: 3 }),
        DomainError::OutOfAgenda { to: 3, len: 3 }
    );
    r.ok(Command::OpenItem { dossier: "D0002".into() });
    r.ok(Command::DeferItem { dossier: "D0002".into(), reason: None });
    assert!(r.state.proceedings.agenda.current.is_none());
    assert!(r.state.proceedings.agenda.deferred.contains("D0002"));
    r.ok(Command::Undo);
    r.ok(Command::Undo);
    r.ok(Command::Undo);
    assert_eq!(r.state.proceedings.agenda.order, ["D0000", "D0001", "D0002"]);
    assert!(r.state.proceedings.agenda.deferred.is_empty());
}

#[test]
fn scoring_is_refused_to_the_conflicted_absent_advisory_and_off_scale() {
    let mut r = Run::new();
    r.present(&["m01", "m02", "adv"]);
    // m01 has a pre-declared conflict on D0000 (fixture).
    assert_eq!(
        r.err(score("D0000", "m01", "c0", 2.0)),
        DomainError::Conflicted { member: "m01".into(), dossier: "D0000".into() }
    );
    r.ok(Command::DeclareConflict {
        member: "m02".into(),
        dossier: "D0001".into(),
        reason: Some("Wohnort".into()),
    });
    assert_eq!(
        r.err(score("D0001", "m02", "c0", 2.0)),
        DomainError::Conflicted { member: "m02".into(), dossier: "D0001".into() }
    );
    assert_eq!(r.err(score("D0001", "m03", "c0", 2.0)), DomainError::NotPresent("m03".into()));
    assert_eq!(r.err(score("D0001", "adv", "c0", 2.0)), DomainError::NotVoting("adv".into()));
    assert!(matches!(r.err(score("D0001", "m01", "c0", 2.5)), DomainError::OffScale { .. }));
    assert_eq!(r.err(score("D0001", "m01", "c9", 2.0)), DomainError::UnknownCriterion("c9".into()));
    assert_eq!(r.err(score("NOPE", "m01", "c0", 2.0)), DomainError::UnknownDossier("NOPE".into()));
}

#[test]
fn reveal_is_early_while_scores_are_missing_and_a_second_round_follows_it() {
    let mut r = Run::new();
    r.present(&["m00", "m02"]);
    r.ok(score("D0001", "m00", "c0", 1.0));
    assert!(matches!(
        r.err(Command::OpenRound { dossier: "D0001".into() }),
        DomainError::RoundNotRevealed { .. }
    ));
    assert_eq!(
        r.ok(Command::RevealScores { dossier: "D0001".into() }),
        [EventKind::ScoresRevealed { dossier: "D0001".into(), round: 1, early: true }]
    );
    assert_eq!(
        r.ok(Command::OpenRound { dossier: "D0001".into() }),
        [EventKind::ScoringRoundOpened { dossier: "D0001".into(), round: 2 }]
    );
    r.ok(score("D0001", "m00", "c0", 4.0));
    assert_eq!(r.state.round_scores("D0001", 1).map(|(_, v)| v).collect::<Vec<_>>(), [1.0]);
    assert_eq!(r.state.round_scores("D0001", 2).map(|(_, v)| v).collect::<Vec<_>>(), [4.0]);
    assert_eq!(r.state.missing_scores("D0001").len(), 3);
}

#[test]
fn votes_never_exceed_eligible_voters_and_ballots_must_add_up() {
    let mut r = Run::new();
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03", "adv"]);
    let vote = |yes, no, ballots: &[(&str, Ballot)]| Command::RecordVote {
        subject: VoteSubject::Dossier { dossier: "D0000".into(), outcome: Outcome::NotAdmitted },
        motion: None,
        yes,
        no,
        abstain: 0,
        ballots: ballots.iter().map(|(m, b)| (m.to_string(), *b)).collect(),
        tie_choice: None,
        rationale: None,
    };
    // m01 is conflicted on D0000 and adv is advisory: three eligible.
    assert_eq!(r.err(vote(3, 1, &[])), DomainError::TooManyVotes { cast: 4, eligible: 3 });
    assert_eq!(r.err(vote(1, 0, &[("m00", Ballot::No)])), DomainError::BallotsDisagree);
    assert_eq!(
        r.err(vote(1, 0, &[("m01", Ballot::Yes)])),
        DomainError::Conflicted { member: "m01".into(), dossier: "D0000".into() }
    );
    r.ok(vote(1, 1, &[("m00", Ballot::Yes), ("m02", Ballot::No)]));
    assert_eq!(r.state.proceedings.votes.len(), 1);
}

#[test]
fn after_sign_off_changes_need_an_amendment() {
    let mut r = Run::new();
    for d in ["D0000", "D0001", "D0002"] {
        r.ok(Command::RecordDecision {
            dossier: d.into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        });
    }
    assert_eq!(
        r.err(Command::SignOff { by: "m00".into() }),
        DomainError::NotChairing { member: "m00".into(), acting: None },
        "the chair is not present"
    );
    r.present(&["m00"]);
    r.ok(Command::SignOff { by: "m00".into() });
    let note = Command::AddNote { text: "spät".into(), dossier: None };
    assert_eq!(r.err(note.clone()), DomainError::SignedOff);
    assert_eq!(r.err(Command::Undo), DomainError::SignedOff);
    let kinds = r.ok(Command::Amend { reason: "Nachtrag".into(), command: Box::new(note) });
    assert!(
        matches!(&kinds[..], [EventKind::Amendment { change, .. }] if matches!(**change, EventKind::NoteAdded { .. }))
    );
    assert_eq!(r.state.proceedings.notes.len(), 1);
    assert_eq!(r.state.proceedings.amendments.len(), 1);
}

#[test]
fn attendance_keeps_arrival_and_departure_times() {
    let mut r = Run::new();
    r.ok(Command::MarkAbsent { member: "m03".into(), at: t(9, 0) });
    r.ok(Command::Arrive { member: "m03".into(), at: t(9, 40) });
    r.ok(Command::Leave { member: "m03".into(), at: t(11, 5) });
    let a = &r.state.proceedings.attendance["m03"];
    assert_eq!((a.arrived(), a.left(), a.is_present()), (Some(t(9, 40)), Some(t(11, 5)), false));
    assert_eq!(a.marked_absent, Some(t(9, 0)));
    assert_eq!(
        r.err(Command::Leave { member: "m03".into(), at: t(12, 0) }),
        DomainError::NotPresent("m03".into())
    );
    r.ok(Command::ConfirmDulyInvited);
    assert_eq!(r.err(Command::ConfirmDulyInvited), DomainError::AlreadyConfirmed);
}

#[test]
fn attendance_changes_follow_one_another_in_time() {
    let mut r = Run::new();
    r.ok(Command::MarkPresent { member: "m02".into(), at: t(9, 30) });
    assert_eq!(
        r.err(Command::Leave { member: "m02".into(), at: t(9, 10) }),
        DomainError::AttendanceOutOfOrder { member: "m02".into(), at: t(9, 10), last: t(9, 30) }
    );
    r.ok(Command::Leave { member: "m02".into(), at: t(10, 15) });
    let err = r.err(Command::Arrive { member: "m02".into(), at: t(10, 0) });
    assert_eq!(err.to_string(), "10:00 for `m02` is before their last recorded change at 10:15");
    r.ok(Command::Arrive { member: "m02".into(), at: t(10, 40) });
    assert!(r.state.is_present("m02"));
}
