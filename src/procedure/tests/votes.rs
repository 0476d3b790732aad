//! Votes are decisions: quorum and counts checked, a carried vote decides
//! every item, one undo takes it all back, departures and going over the
//! budget need a rationale, and sign-off waits for the checklist.

use crate::domain::DeferralReason;
use std::collections::BTreeMap;

use super::{Run, score};
use crate::domain::{
    Ballot, EventKind, Outcome, Proposal, Session, TieRule, VoteQuorum, VoteSubject, fixture,
};
use crate::procedure::{Command, DomainError};
use crate::rules::{Check, CheckDetail, CheckItem};

/// Five dossiers (D0000 600,000 € … D0004 1,000,000 €), five voting
/// members (m01 conflicted on D0000), one criterion; 1,500,000 € for at
/// most two admissions and a waiting list of one.
fn session() -> Session {
    let mut s = fixture::session(5, 5, 1);
    s.definition.budget.available_eur = 1_500_000;
    s.definition.budget.max_admissions = Some(2);
    s.definition.budget.waiting_list = 1;
    s
}

/// Everyone present and invited; D0001 scores 4, D0002 3, D0000 2, D0003 1,
/// all revealed; D0004 unscored. The ranking proposes D0001 and D0002,
/// puts D0000 on the waiting list and D0003 not admitted.
fn scored() -> Run {
    let mut r = Run::with(session());
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03", "m04"]);
    for (d, v) in [("D0001", 4.0), ("D0002", 3.0), ("D0000", 2.0), ("D0003", 1.0)] {
        for m in ["m00", "m01", "m02", "m03", "m04"] {
            if !(m == "m01" && d == "D0000") {
                r.ok(score(d, m, "c0", v));
            }
        }
        r.ok(Command::RevealScores { dossier: d.into() });
    }
    r
}

fn on(dossier: &str, outcome: Outcome) -> VoteSubject {
    VoteSubject::Dossier { dossier: dossier.into(), outcome }
}

fn vote(subject: VoteSubject, yes: u32, no: u32, abstain: u32) -> Command {
    Command::RecordVote {
        subject,
        motion: None,
        yes,
        no,
        abstain,
        ballots: BTreeMap::new(),
        tie_choice: None,
        rationale: None,
    }
}

fn with_rationale(c: Command, text: &str) -> Command {
    match c {
        Command::RecordVote { subject, motion, yes, no, abstain, ballots, tie_choice, .. } => {
            Command::RecordVote {
                subject,
                motion,
                yes,
                no,
                abstain,
                ballots,
                tie_choice,
                rationale: Some(text.into()),
            }
        }
        other => other,
    }
}

fn with_tie_choice(c: Command, choice: Ballot) -> Command {
    match c {
        Command::RecordVote { subject, motion, yes, no, abstain, ballots, rationale, .. } => {
            Command::RecordVote {
                subject,
                motion,
                yes,
                no,
                abstain,
                ballots,
                tie_choice: Some(choice),
                rationale,
            }
        }
        other => other,
    }
}

fn outcome(r: &Run, d: &str) -> Option<Outcome> {
    r.state.proceedings.decisions.get(d).map(|e| e.outcome)
}

fn proposed_list() -> VoteSubject {
    let item = |d: &str, outcome| Proposal { dossier: d.into(), outcome };
    VoteSubject::EnBloc {
        items: vec![
            item("D0001", Outcome::Admitted),
            item("D0002", Outcome::Admitted),
            item("D0000", Outcome::WaitingList { position: 1 }),
            item("D0003", Outcome::NotAdmitted),
        ],
    }
}

#[test]
fn a_vote_without_quorum_is_refused_and_the_item_can_be_deferred() {
    let mut r = Run::with(session());
    r.present(&["m00", "m01", "m02"]);
    assert_eq!(r.err(vote(on("D0001", Outcome::Admitted), 2, 0, 0)), DomainError::NotDulyInvited);
    r.ok(Command::ConfirmDulyInvited);
    // m01 is conflicted on D0000: two of the three required remain.
    assert_eq!(
        r.err(vote(on("D0000", Outcome::Admitted), 2, 0, 0)),
        DomainError::NotQuorate { present: 2, required: 3 }
    );
    r.ok(Command::RecordDecision {
        dossier: "D0000".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: DeferralReason::Withdrawn,
    });
    let entry = &r.state.proceedings.decisions["D0000"];
    assert_eq!((entry.outcome, entry.vote, entry.departs_from_ranking), (Outcome::Deferred, None, false));
}

#[test]
fn an_en_bloc_vote_counts_only_who_is_free_of_conflict_on_every_item() {
    let r = scored();
    // m01 is conflicted on D0000, one of the items: four eligible.
    assert_eq!(r.err(vote(proposed_list(), 5, 0, 0)), DomainError::TooManyVotes { cast: 5, eligible: 4 });
    assert_eq!(r.err(vote(proposed_list(), 0, 0, 0)), DomainError::NoVotes);
    let twice = VoteSubject::EnBloc {
        items: vec![
            Proposal { dossier: "D0001".into(), outcome: Outcome::Admitted },
            Proposal { dossier: "D0001".into(), outcome: Outcome::NotAdmitted },
        ],
    };
    assert_eq!(r.err(vote(twice, 3, 0, 0)), DomainError::DuplicateInVote("D0001".into()));
    assert_eq!(r.err(vote(VoteSubject::EnBloc { items: vec![] }, 3, 0, 0)), DomainError::EmptyEnBloc);
    assert_eq!(
        r.err(vote(on("D0000", Outcome::WaitingList { position: 0 }), 3, 0, 0)),
        DomainError::BadWaitingPosition
    );
    assert_eq!(
        r.err(vote(on("NOPE", Outcome::Admitted), 3, 0, 0)),
        DomainError::UnknownDossier("NOPE".into())
    );
}

#[test]
fn a_carried_vote_is_the_decision_and_a_rejected_one_decides_nothing() {
    let mut r = scored();
    let kinds = r.ok(vote(on("D0001", Outcome::Admitted), 1, 2, 2));
    let [EventKind::VoteRecorded(v)] = &kinds[..] else { panic!("one vote: {kinds:?}") };
    assert!(!v.carried);
    assert_eq!(v.quorum, VoteQuorum { present: 5, required: 3 });
    assert_eq!(outcome(&r, "D0001"), None);

    let kinds = r.ok(vote(on("D0001", Outcome::Admitted), 4, 0, 1));
    let [EventKind::VoteRecorded(v)] = &kinds[..] else { panic!("one vote: {kinds:?}") };
    assert!(v.carried && !v.departs_from_ranking && !v.over_budget);
    let seq = r.state.proceedings.votes.last().map(|e| e.seq);
    let entry = &r.state.proceedings.decisions["D0001"];
    assert_eq!((entry.outcome, entry.vote, entry.departs_from_ranking), (Outcome::Admitted, seq, false));
    assert_eq!(
        r.err(vote(on("D0001", Outcome::NotAdmitted), 4, 0, 0)),
        DomainError::AlreadyDecided("D0001".into())
    );
    assert_eq!(
        r.err(Command::RecordDecision {
            dossier: "D0001".into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        }),
        DomainError::AlreadyDecided("D0001".into())
    );
}

#[test]
fn an_en_bloc_vote_decides_every_item_and_one_undo_takes_them_all_back() {
    let mut r = scored();
    // A deferral may be replaced by a vote.
    r.ok(Command::RecordDecision {
        dossier: "D0003".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: DeferralReason::Withdrawn,
    });
    let before = r.state.proceedings.clone();
    r.ok(vote(proposed_list(), 3, 0, 1));
    let decided: Vec<_> =
        ["D0001", "D0002", "D0000", "D0003", "D0004"].iter().map(|d| outcome(&r, d)).collect();
    assert_eq!(
        decided,
        [
            Some(Outcome::Admitted),
            Some(Outcome::Admitted),
            Some(Outcome::WaitingList { position: 1 }),
            Some(Outcome::NotAdmitted),
            None
        ]
    );
    assert_eq!(
        crate::rules::decided(&r.state),
        crate::rules::DecidedList {
            admitted: vec!["D0001".into(), "D0002".into()],
            waiting: vec![(1, "D0000".into())],
            not_admitted: vec!["D0003".into()],
            deferred: vec![],
            admitted_eur: 1_500_000,
            remaining_eur: 0,
            undecided: vec!["D0004".into()],
        }
    );
    let after = r.state.proceedings.clone();
    r.ok(Command::Undo);
    assert_eq!(r.state.proceedings, before);
    assert_eq!(outcome(&r, "D0003"), Some(Outcome::Deferred));
    r.ok(Command::Redo);
    assert_eq!(r.state.proceedings, after);
}

#[test]
fn admitting_without_a_vote_is_refused() {
    let mut r = scored();
    for o in [Outcome::Admitted, Outcome::NotAdmitted, Outcome::WaitingList { position: 1 }] {
        assert_eq!(
            r.err(Command::RecordDecision {
                dossier: "D0001".into(),
                outcome: o,
                rationale: None,
                deferral: DeferralReason::Withdrawn
            }),
            DomainError::VoteRequired
        );
    }
    r.ok(Command::RecordDecision {
        dossier: "D0001".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: DeferralReason::Withdrawn,
    });
    assert_eq!(
        r.err(Command::RecordDecision {
            dossier: "D0001".into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        }),
        DomainError::AlreadyDeferred("D0001".into())
    );
}

#[test]
fn departing_from_the_ranking_needs_a_rationale() {
    let mut r = scored();
    // D0003 is ranked not admitted; D0004 is not ranked at all.
    let admit = vote(on("D0003", Outcome::Admitted), 3, 1, 0);
    assert_eq!(r.err(admit.clone()), DomainError::RationaleRequired);
    assert_eq!(
        r.err(vote(on("D0004", Outcome::WaitingList { position: 1 }), 3, 1, 0)),
        DomainError::RationaleRequired
    );
    // A rejected motion decides nothing and needs no rationale.
    r.ok(vote(on("D0000", Outcome::Admitted), 1, 3, 0));
    // The ranking's own proposal, a deferral, or not admitting an unranked
    // dossier do not depart.
    let kinds = r.ok(vote(on("D0004", Outcome::NotAdmitted), 3, 1, 0));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if v.carried && !v.departs_from_ranking));
    let kinds = r.ok(with_rationale(admit, "Ländlicher Raum unterrepräsentiert"));
    let [EventKind::VoteRecorded(v)] = &kinds[..] else { panic!("one vote: {kinds:?}") };
    assert_eq!(
        (v.departs_from_ranking, &v.departing[..], v.over_budget),
        (true, &["D0003".to_string()][..], false)
    );
    let entry = &r.state.proceedings.decisions["D0003"];
    assert_eq!(entry.rationale.as_deref(), Some("Ländlicher Raum unterrepräsentiert"));
    assert!(entry.departs_from_ranking);
}

#[test]
fn going_over_the_budget_needs_a_rationale() {
    let mut r = scored();
    let kinds = r.ok(with_rationale(vote(on("D0003", Outcome::Admitted), 3, 1, 0), "Sonderfall"));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.over_budget && v.departs_from_ranking));
    // D0003 + D0001: 1,600,000 € of 1,500,000 €, though D0001 is proposed.
    let admit = vote(on("D0001", Outcome::Admitted), 4, 0, 0);
    assert_eq!(r.err(admit.clone()), DomainError::RationaleRequired);
    let kinds = r.ok(with_rationale(admit, "Mittel aus Restmitteln"));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if v.over_budget && !v.departs_from_ranking));
    // Not admitting while over the budget adds nothing to it.
    let kinds = r.ok(vote(on("D0004", Outcome::NotAdmitted), 4, 0, 0));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.over_budget && !v.departs_from_ranking));
    // Nor does a motion that is not carried.
    let kinds = r.ok(vote(on("D0002", Outcome::Admitted), 1, 3, 0));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried && !v.over_budget));
}

#[test]
fn the_chair_decides_a_tie_when_the_rules_say_so() {
    let mut r = scored();
    let tie = vote(on("D0001", Outcome::Admitted), 2, 2, 1);
    assert_eq!(
        r.err(with_tie_choice(vote(on("D0001", Outcome::Admitted), 3, 1, 0), Ballot::Yes)),
        DomainError::TieChoiceWithoutTie
    );
    // Everyone eligible voted, so the chair did: the chair's vote is needed.
    assert_eq!(r.err(tie.clone()), DomainError::ChairVoteMissing);
    // The chair abstained: the tie rejects.
    let kinds = r.ok(with_tie_choice(tie.clone(), Ballot::Abstain));
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried && v.tie_choice.is_none()));
    r.ok(Command::Undo);
    // Not everyone voted: the chair may not have, and the tie rejects.
    let short = vote(on("D0001", Outcome::Admitted), 2, 2, 0);
    assert_eq!(
        r.err(with_tie_choice(short.clone(), Ballot::Abstain)),
        DomainError::ChairAbstentionNotCounted
    );
    let kinds = r.ok(short);
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried && v.tie_choice.is_none()));
    r.ok(Command::Undo);
    let kinds = r.ok(with_tie_choice(tie.clone(), Ballot::Yes));
    assert!(
        matches!(&kinds[..], [EventKind::VoteRecorded(v)] if v.carried && v.tie_choice == Some(Ballot::Yes))
    );
    assert_eq!(outcome(&r, "D0001"), Some(Outcome::Admitted));
    r.ok(Command::Undo);

    // By name, the chair's ballot is the choice.
    let ballots: BTreeMap<String, Ballot> = [
        ("m00", Ballot::No),
        ("m01", Ballot::Yes),
        ("m02", Ballot::Yes),
        ("m03", Ballot::No),
        ("m04", Ballot::Abstain),
    ]
    .into_iter()
    .map(|(m, b)| (m.to_string(), b))
    .collect();
    let by_name = Command::RecordVote {
        subject: on("D0001", Outcome::Admitted),
        motion: None,
        yes: 2,
        no: 2,
        abstain: 1,
        ballots,
        tie_choice: None,
        rationale: None,
    };
    assert_eq!(r.err(with_tie_choice(by_name.clone(), Ballot::Yes)), DomainError::TieChoiceDisagrees);
    let kinds = r.ok(by_name);
    assert!(
        matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried && v.tie_choice == Some(Ballot::No))
    );

    // The chair who has left cannot decide.
    let at = super::t(12, 0);
    r.ok(Command::Leave { member: "m00".into(), at });
    let tie = vote(on("D0001", Outcome::Admitted), 2, 2, 0);
    assert_eq!(r.err(with_tie_choice(tie, Ballot::Yes)), DomainError::ChairNotEligible("m00".into()));
}

/// `m02` is the deputy.
fn with_deputy() -> Run {
    let mut s = session();
    s.definition.members.iter_mut().find(|m| m.id == "m02").expect("m02").deputy = true;
    let mut r = Run::with(s);
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03", "m04"]);
    r
}

#[test]
fn the_deputy_decides_a_tie_on_an_item_the_chair_cannot_vote_on() {
    let mut r = with_deputy();
    r.ok(Command::DeclareConflict { member: "m00".into(), dossier: "D0001".into(), reason: None });
    // Four eligible (m00 conflicted), all voted 2:2: the deputy's vote decides.
    let tie = vote(on("D0001", Outcome::Admitted), 2, 2, 0);
    assert_eq!(r.err(tie.clone()), DomainError::ChairVoteMissing);
    let kinds = r.ok(with_tie_choice(tie, Ballot::No));
    assert!(
        matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried && v.tie_choice == Some(Ballot::No))
    );
    assert_eq!(r.state.acting_chair(&["D0001".into()]).map(|m| m.id.as_str()), Some("m02"));
    assert_eq!(r.state.acting_chair(&["D0002".into()]).map(|m| m.id.as_str()), Some("m00"));
}

#[test]
fn sign_off_is_by_the_chair_present_or_the_deputy_when_the_chair_has_left() {
    let mut r = with_deputy();
    for d in ["D0000", "D0001", "D0002", "D0003", "D0004"] {
        r.ok(Command::RecordDecision {
            dossier: d.into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        });
    }
    let refused = r.err(Command::SignOff { by: "m02".into() });
    assert_eq!(refused, DomainError::NotChairing { member: "m02".into(), acting: Some("m00".into()) });
    assert_eq!(
        r.err(Command::SignOff { by: "m01".into() }),
        DomainError::NotChairing { member: "m01".into(), acting: Some("m00".into()) }
    );
    r.ok(Command::Leave { member: "m00".into(), at: super::t(12, 0) });
    assert_eq!(
        r.err(Command::SignOff { by: "m00".into() }),
        DomainError::NotChairing { member: "m00".into(), acting: Some("m02".into()) }
    );
    r.ok(Command::Leave { member: "m02".into(), at: super::t(12, 1) });
    assert_eq!(
        r.err(Command::SignOff { by: "m02".into() }),
        DomainError::NotChairing { member: "m02".into(), acting: None }
    );
    r.ok(Command::Arrive { member: "m02".into(), at: super::t(12, 30) });
    let kinds = r.ok(Command::SignOff { by: "m02".into() });
    assert_eq!(kinds, [EventKind::SignedOff { by: "m02".into() }]);
}

#[test]
fn sign_off_closes_an_item_still_open_at_its_own_time() {
    let mut r = with_deputy();
    for d in ["D0000", "D0001", "D0002", "D0003"] {
        r.ok(Command::RecordDecision {
            dossier: d.into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        });
    }
    r.ok(Command::OpenItem { dossier: "D0004".into() });
    r.ok(Command::RecordDecision {
        dossier: "D0004".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: DeferralReason::Withdrawn,
    });
    assert!(r.state.proceedings.agenda.current.is_some());
    let kinds = r.ok(Command::SignOff { by: "m00".into() });
    assert_eq!(
        kinds,
        [EventKind::AgendaItemClosed { dossier: "D0004".into() }, EventKind::SignedOff { by: "m00".into() }]
    );
    assert_eq!(r.state.proceedings.agenda.current, None);
    // Its time ends at sign-off, however late the minutes are read.
    let signed = r.state.proceedings.signed_off.as_ref().expect("signed").at;
    let spent = r.state.time_spent("D0004", signed + chrono::TimeDelta::hours(5));
    assert_eq!(spent, r.state.time_spent("D0004", signed));
}

#[test]
fn under_the_rejected_rule_the_chair_does_not_decide_a_tie() {
    let mut s = session();
    s.definition.rules.tie = TieRule::Rejected;
    let mut r = Run::with(s);
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03", "m04"]);
    let tie = vote(on("D0001", Outcome::NotAdmitted), 2, 2, 0);
    assert_eq!(r.err(with_tie_choice(tie.clone(), Ballot::Yes)), DomainError::ChairDoesNotDecideTies);
    let kinds = r.ok(tie);
    assert!(matches!(&kinds[..], [EventKind::VoteRecorded(v)] if !v.carried));
}

#[test]
fn sign_off_waits_for_every_item_then_an_amended_vote_replaces_a_decision() {
    let mut r = scored();
    r.ok(vote(proposed_list(), 4, 0, 0));
    let refused = r.err(Command::SignOff { by: "m00".into() });
    let open = Check {
        item: CheckItem::AllDecided,
        ok: false,
        detail: CheckDetail::Open { undecided: vec!["D0004".into()] },
    };
    assert_eq!(refused, DomainError::SignOffIncomplete(Box::new(open)));
    assert_eq!(refused.to_string(), "sign-off is not possible yet: items without a decision: D0004");
    r.ok(Command::RecordDecision {
        dossier: "D0004".into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral: DeferralReason::Withdrawn,
    });
    assert!(crate::rules::sign_off_checklist(&r.state).iter().all(|c| c.ok));
    r.ok(Command::SignOff { by: "m00".into() });

    assert_eq!(r.err(vote(on("D0000", Outcome::Admitted), 4, 0, 0)), DomainError::SignedOff);
    let amended = Command::Amend {
        reason: "Nachträglich: Mittel frei geworden".into(),
        command: Box::new(with_rationale(vote(on("D0000", Outcome::Admitted), 4, 0, 0), "Rückzug DA")),
    };
    let kinds = r.ok(amended);
    assert!(matches!(&kinds[..], [EventKind::Amendment { change, .. }]
        if matches!(&**change, EventKind::VoteRecorded(v) if v.carried && v.over_budget)));
    let entry = &r.state.proceedings.decisions["D0000"];
    assert_eq!((entry.outcome, entry.rationale.as_deref()), (Outcome::Admitted, Some("Rückzug DA")));
    assert_eq!(r.state.proceedings.votes.len(), 2);
    let list = crate::rules::decided(&r.state);
    assert_eq!(
        (&list.admitted[..], list.admitted_eur, list.remaining_eur),
        (&["D0001".to_string(), "D0002".into(), "D0000".into()][..], 2_100_000, -600_000)
    );
    assert!(list.waiting.is_empty());
    // Over the budget, but the vote that went over says why.
    assert!(crate::rules::sign_off_checklist(&r.state).iter().all(|c| c.ok));
}

#[test]
fn the_checklist_finds_a_vote_without_quorum_and_an_unjustified_excess_in_an_edited_record() {
    let mut r = scored();
    let admitted = |d: &str| Proposal { dossier: d.into(), outcome: Outcome::Admitted };
    // What no decide lets through, written by hand into the record.
    let edited = crate::domain::Vote {
        subject: VoteSubject::EnBloc { items: vec![admitted("D0001"), admitted("D0002"), admitted("D0003")] },
        motion: None,
        yes: 2,
        no: 0,
        abstain: 0,
        ballots: BTreeMap::new(),
        tie_choice: None,
        carried: true,
        rationale: None,
        departs_from_ranking: true,
        departing: vec!["D0003".into()],
        over_budget: true,
        quorum: VoteQuorum { present: 2, required: 3 },
    };
    let seq = r.seq;
    let event = crate::domain::Event {
        v: 1,
        seq,
        at: super::t(11, 0),
        actor: crate::domain::Actor::Chair,
        prev: Default::default(),
        event: EventKind::VoteRecorded(Box::new(edited)),
    };
    r.state.apply(&event).unwrap();
    r.seq += 1;
    for d in ["D0000", "D0004"] {
        r.ok(Command::RecordDecision {
            dossier: d.into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        });
    }
    let checks = crate::rules::sign_off_checklist(&r.state);
    let found: Vec<(CheckItem, bool)> = checks.iter().map(|c| (c.item, c.ok)).collect();
    assert_eq!(
        found,
        [
            (CheckItem::AllDecided, true),
            (CheckItem::QuorumAtEveryVote, false),
            (CheckItem::WithinBudget, false),
            (CheckItem::PlaceNamed, true),
            (CheckItem::NoLateConflict, true),
        ]
    );
    assert_eq!(checks[1].detail, CheckDetail::Quorum { without: vec![seq] });
    assert_eq!(
        checks[2].detail,
        CheckDetail::Budget {
            admitted: 3,
            admitted_eur: 2_400_000,
            available_eur: 1_500_000,
            max_admissions: Some(2),
            over: true,
            unjustified: vec![seq],
        }
    );
    assert_eq!(
        r.err(Command::SignOff { by: "m00".into() }),
        DomainError::SignOffIncomplete(Box::new(checks[1].clone()))
    );
}

#[test]
fn a_conflict_declared_after_a_vote_marks_it_until_a_new_vote_or_a_reason() {
    let mut r = scored();
    let admit = |yes| vote(on("D0001", Outcome::Admitted), yes, 0, 0);
    r.ok(admit(5));
    assert_eq!(
        r.err(Command::ConfirmResult { dossier: "D0001".into(), reason: "x".into() }),
        DomainError::NothingToConfirm("D0001".into())
    );
    r.ok(Command::DeclareConflict {
        member: "m02".into(),
        dossier: "D0001".into(),
        reason: Some("Gutachter".into()),
    });
    let late = crate::rules::late_conflicts(&r.state);
    assert_eq!(late.len(), 1);
    assert_eq!(
        (late[0].dossier.as_str(), late[0].member.as_str(), late[0].is_open()),
        ("D0001", "m02", true)
    );
    let check = crate::rules::sign_off_checklist(&r.state).pop().expect("checks");
    assert_eq!(check.item, CheckItem::NoLateConflict);
    assert_eq!(
        check.detail,
        CheckDetail::LateConflicts { open: vec![(late[0].vote, "D0001".into(), "m02".into())] }
    );
    assert!(!check.ok);

    // Recording why the result stands clears it; undoing that marks it again.
    assert_eq!(
        r.err(Command::ConfirmResult { dossier: "D0001".into(), reason: " ".into() }),
        DomainError::EmptyText
    );
    r.ok(Command::ConfirmResult {
        dossier: "D0001".into(),
        reason: "Ohne die Stimme 4:0, Ergebnis unverändert".into(),
    });
    assert!(crate::rules::sign_off_checklist(&r.state).last().is_some_and(|c| c.ok));
    r.ok(Command::Undo);
    assert!(crate::rules::late_conflicts(&r.state)[0].is_open());

    // Or the committee votes again, without the member; the decided item
    // may be voted on because its vote is marked.
    assert_eq!(r.err(admit(5)), DomainError::TooManyVotes { cast: 5, eligible: 4 });
    r.ok(admit(4));
    let late = crate::rules::late_conflicts(&r.state);
    assert!(matches!(late[0].resolution, Some(crate::rules::Resolution::Revoted(_))));
    assert!(crate::rules::sign_off_checklist(&r.state).last().is_some_and(|c| c.ok));
    // Cleared, the item is decided again and a third vote is refused.
    assert_eq!(r.err(admit(4)), DomainError::AlreadyDecided("D0001".into()));
}

#[test]
fn a_conflict_declared_by_a_member_absent_at_the_vote_marks_nothing() {
    let mut r = scored();
    // The run's clock stands at about 09:30; the vote is recorded then.
    r.ok(Command::Leave { member: "m04".into(), at: super::t(9, 10) });
    r.ok(vote(on("D0001", Outcome::Admitted), 4, 0, 0));
    r.ok(Command::Arrive { member: "m04".into(), at: super::t(9, 50) });
    r.ok(Command::DeclareConflict { member: "m04".into(), dossier: "D0001".into(), reason: None });
    assert_eq!(crate::rules::late_conflicts(&r.state), []);
}
