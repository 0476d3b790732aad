//! Ballots in the session (PRODUCT.md §11): the scores go into the current
//! rounds, marked; conflicted, revealed and session-scored dossiers are left
//! out and named; a second ballot needs `replace`; a correction in the
//! session wins; one undo takes back one import; a ballot score counts only
//! while its member is present.

use super::{Run, score, t};
use crate::domain::{BallotRefusal, BallotRefusalReason, BallotRemark, BallotScore, EventKind};
use crate::procedure::{Command, DomainError};
use crate::rules::round_result;

/// m02's ballot: D0000..D0002 on c0 and c1 (m01 is conflicted on D0000 in
/// the fixture, m02 is not).
fn ballot(member: &str, values: &[(&str, &str, f64)], replace: bool) -> Command {
    Command::ImportBallot {
        member: member.into(),
        file: format!("ballot-{member}.json"),
        sha256: "ab".repeat(32),
        signer: None,
        written_at: t(8, 0),
        scores: values
            .iter()
            .map(|(d, c, v)| BallotScore { dossier: (*d).into(), criterion: (*c).into(), value: *v })
            .collect(),
        remarks: vec![BallotRemark { dossier: "D0001".into(), text: "Kostenplan prüfen".into() }],
        replace,
    }
}

fn import_of(kinds: &[EventKind]) -> &crate::domain::BallotImport {
    match kinds {
        [EventKind::BallotImported(i)] => i,
        other => panic!("not one import: {other:?}"),
    }
}

#[test]
fn scores_go_into_the_current_round_and_count_by_hand() {
    let mut r = Run::new();
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03"]);
    let kinds = r.ok(ballot("m02", &[("D0001", "c0", 4.0), ("D0001", "c1", 2.0)], false));
    let import = import_of(&kinds);
    assert_eq!(import.scores.len(), 2);
    assert!(import.refused.is_empty());
    assert!(r.state.is_from_ballot("D0001", 1, "m02", "c0"));
    // The others score in the session: m00 3/3, m01 2/4, m03 1/1.
    for (m, c0, c1) in [("m00", 3.0, 3.0), ("m01", 2.0, 4.0), ("m03", 1.0, 1.0)] {
        r.ok(score("D0001", m, "c0", c0));
        r.ok(score("D0001", m, "c1", c1));
    }
    r.ok(Command::RevealScores { dossier: "D0001".into() });
    // By hand: c0 mean (4+3+2+1)/4 = 2.5, c1 mean (2+3+4+1)/4 = 2.5;
    // weights 10 and 11: (10·2.5 + 11·2.5)/21 = 2.5.
    let result = round_result(&r.state, "D0001", 1);
    assert_eq!(result.criteria[0].aggregate, Some(2.5));
    assert_eq!(result.criteria[0].scores.get("m02"), Some(&4.0));
    assert_eq!(result.total.map(|t| t.value), Some(2.5));
}

#[test]
fn conflicted_revealed_and_session_scored_dossiers_are_left_out_and_named() {
    let mut r = Run::new();
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m01", "m02", "m03"]);
    // D0002 revealed with m00's score; m01 scored D0001 in the session.
    r.ok(score("D0002", "m00", "c0", 2.0));
    r.ok(Command::RevealScores { dossier: "D0002".into() });
    r.ok(score("D0001", "m01", "c0", 1.0));
    let kinds = r.ok(ballot(
        "m01",
        &[("D0000", "c0", 4.0), ("D0001", "c0", 3.0), ("D0001", "c1", 3.0), ("D0002", "c0", 3.0)],
        false,
    ));
    let import = import_of(&kinds);
    assert!(import.scores.is_empty());
    assert_eq!(
        import.refused,
        vec![
            BallotRefusal { dossier: "D0000".into(), reason: BallotRefusalReason::Conflict },
            BallotRefusal { dossier: "D0001".into(), reason: BallotRefusalReason::ScoredInSession },
            BallotRefusal { dossier: "D0002".into(), reason: BallotRefusalReason::Revealed },
        ]
    );
    assert_eq!(r.state.score("D0001", 1, "m01", "c0"), Some(1.0), "the session's score stands");
}

#[test]
fn the_whole_ballot_is_refused_for_a_bad_member_dossier_criterion_or_value() {
    let r = Run::new();
    assert_eq!(r.err(ballot("zz", &[], false)), DomainError::UnknownMember("zz".into()));
    assert_eq!(r.err(ballot("adv", &[], false)), DomainError::NotVoting("adv".into()));
    assert_eq!(r.err(ballot("m02", &[("D9", "c0", 1.0)], false)), DomainError::UnknownDossier("D9".into()));
    assert_eq!(
        r.err(ballot("m02", &[("D0001", "c9", 1.0)], false)),
        DomainError::UnknownCriterion("c9".into())
    );
    assert!(matches!(r.err(ballot("m02", &[("D0001", "c0", 0.5)], false)), DomainError::OffScale { .. }));
    assert_eq!(
        r.err(ballot("m02", &[("D0001", "c0", 1.0), ("D0001", "c0", 2.0)], false)),
        DomainError::ScoredTwice { dossier: "D0001".into(), criterion: "c0".into() }
    );
}

#[test]
fn a_second_ballot_needs_replace_and_then_replaces_the_first() {
    let mut r = Run::new();
    r.present(&["m02"]);
    let first = r.ok(ballot("m02", &[("D0001", "c0", 4.0), ("D0002", "c0", 4.0)], false));
    let seq = r.state.proceedings.ballots["m02"].seq;
    assert_eq!(import_of(&first).scores.len(), 2);
    assert_eq!(
        r.err(ballot("m02", &[("D0001", "c0", 1.0)], false)),
        DomainError::BallotImportedAlready { member: "m02".into(), seq }
    );
    // m02 corrects D0002 in the session: that score is the session's now.
    r.ok(score("D0002", "m02", "c0", 2.0));
    assert!(!r.state.is_from_ballot("D0002", 1, "m02", "c0"));
    let second = r.ok(ballot("m02", &[("D0001", "c0", 1.0)], true));
    assert_eq!(import_of(&second).replaces, Some(seq));
    assert_eq!(r.state.score("D0001", 1, "m02", "c0"), Some(1.0));
    assert_eq!(r.state.score("D0002", 1, "m02", "c0"), Some(2.0), "the correction stands");

    // One undo takes back the second import: the first ballot's score is back.
    r.ok(Command::Undo);
    assert_eq!(r.state.score("D0001", 1, "m02", "c0"), Some(4.0));
    assert!(r.state.is_from_ballot("D0001", 1, "m02", "c0"));
    assert_eq!(r.state.proceedings.ballots["m02"].seq, seq);
}

#[test]
fn one_undo_takes_back_one_import() {
    let mut r = Run::new();
    r.ok(ballot("m02", &[("D0001", "c0", 4.0), ("D0001", "c1", 3.0)], false));
    r.ok(Command::Undo);
    assert_eq!(r.state.score("D0001", 1, "m02", "c0"), None);
    assert!(r.state.proceedings.ballots.is_empty());
    assert!(r.state.proceedings.from_ballot.is_empty());
    r.ok(Command::Redo);
    assert_eq!(r.state.score("D0001", 1, "m02", "c1"), Some(3.0));
}

#[test]
fn a_ballot_score_counts_only_while_its_member_is_present() {
    let mut r = Run::new();
    r.ok(Command::ConfirmDulyInvited);
    r.present(&["m00", "m03"]);
    r.ok(ballot("m02", &[("D0001", "c0", 4.0)], false));
    r.ok(score("D0001", "m00", "c0", 2.0));
    // m02 is not here: the ballot's 4 does not count.
    assert_eq!(round_result(&r.state, "D0001", 1).criteria[0].aggregate, Some(2.0));
    // The clock ticks a minute a command: this is 09:05.
    r.ok(Command::Arrive { member: "m02".into(), at: t(9, 5) });
    assert_eq!(round_result(&r.state, "D0001", 1).criteria[0].aggregate, Some(3.0));
    r.ok(Command::RevealScores { dossier: "D0001".into() });
    // Leaving after the reveal changes nothing revealed.
    r.ok(Command::Leave { member: "m02".into(), at: t(9, 7) });
    assert_eq!(round_result(&r.state, "D0001", 1).criteria[0].aggregate, Some(3.0));
    assert_eq!(
        crate::rules::Totals::new(&r.state).aggregates("D0001", 1)[0],
        Some(3.0),
        "the ranking agrees"
    );
}

#[test]
fn a_review_record_takes_only_the_members_scores_and_notes() {
    let mut r = Run::new();
    // Review commands are refused on a session's record.
    assert_eq!(
        r.err(Command::ReviewScore { dossier: "D0001".into(), criterion: "c0".into(), value: 3.0 }),
        DomainError::NoReview
    );
    assert_eq!(r.err(Command::StartReview { member: "adv".into() }), DomainError::NotVoting("adv".into()));
    r.ok(Command::StartReview { member: "m01".into() });
    assert_eq!(r.err(Command::StartReview { member: "m02".into() }), DomainError::ReviewRecord);
    assert_eq!(r.err(Command::ConfirmDulyInvited), DomainError::ReviewRecord);
    assert_eq!(r.err(score("D0001", "m01", "c0", 3.0)), DomainError::ReviewRecord);
    // m01 is conflicted on D0000 (pre-declared): no score there.
    assert_eq!(
        r.err(Command::ReviewScore { dossier: "D0000".into(), criterion: "c0".into(), value: 3.0 }),
        DomainError::Conflicted { member: "m01".into(), dossier: "D0000".into() }
    );
    r.ok(Command::ReviewScore { dossier: "D0001".into(), criterion: "c0".into(), value: 3.0 });
    r.ok(Command::ReviewScore { dossier: "D0001".into(), criterion: "c0".into(), value: 4.0 });
    r.ok(Command::ReviewNote { dossier: "D0001".into(), text: "nur für mich".into(), shared: false });
    r.ok(Command::ReviewNote { dossier: "D0001".into(), text: "Kostenplan?".into(), shared: true });
    let review = r.state.proceedings.review.clone().expect("review");
    assert_eq!(review.scores.get(&("D0001".to_string(), "c0".to_string())), Some(&4.0));
    assert_eq!(review.notes.get("D0001").map(String::as_str), Some("nur für mich"));
    assert_eq!(review.remarks.get("D0001").map(String::as_str), Some("Kostenplan?"));
    // Undo takes back the shared remark, then the note, then the correction.
    r.ok(Command::Undo);
    let review = r.state.proceedings.review.clone().expect("review");
    assert!(review.remarks.is_empty());
    assert_eq!(review.notes.get("D0001").map(String::as_str), Some("nur für mich"));
    r.ok(Command::Undo);
    r.ok(Command::Undo);
    let review = r.state.proceedings.review.clone().expect("review");
    assert!(review.notes.is_empty());
    assert_eq!(review.scores.get(&("D0001".to_string(), "c0".to_string())), Some(&3.0));
    // An empty note removes a note; with none there, it is refused.
    r.ok(Command::ReviewNote { dossier: "D0001".into(), text: "Ortstermin".into(), shared: false });
    r.ok(Command::ReviewNote { dossier: "D0001".into(), text: "  ".into(), shared: false });
    assert!(r.state.proceedings.review.as_ref().is_some_and(|r| r.notes.is_empty()));
    assert_eq!(
        r.err(Command::ReviewNote { dossier: "D0001".into(), text: "".into(), shared: false }),
        DomainError::EmptyText
    );
}
