//! Reading an [`EventKind`] fast. serde's derived reader for an internally
//! tagged enum buffers every event into an intermediate map first; reading
//! into one flat struct of optional fields and then picking by `type` does
//! the same job in one pass, which is most of the time of opening a long
//! record. The written form is the derived one; the round trip is tested by
//! the replay property test.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::de::{Deserialize, Deserializer, Error};

use super::{Ballot, EventKind, InputChange, InputsDigest, Outcome, Vote, VoteSubject};

type At = DateTime<FixedOffset>;

/// Every field any event has; unknown fields are skipped.
#[derive(serde::Deserialize)]
struct Flat {
    #[serde(rename = "type")]
    kind: String,
    session_id: Option<String>,
    title: Option<String>,
    app_version: Option<String>,
    inputs: Option<InputsDigest>,
    inputs_digest: Option<String>,
    changes: Option<Vec<InputChange>>,
    member: Option<String>,
    at: Option<At>,
    dossier: Option<String>,
    reason: Option<String>,
    to: Option<usize>,
    round: Option<u32>,
    criterion: Option<String>,
    value: Option<f64>,
    previous: Option<f64>,
    early: Option<bool>,
    subject: Option<VoteSubject>,
    motion: Option<String>,
    yes: Option<u32>,
    no: Option<u32>,
    abstain: Option<u32>,
    ballots: Option<BTreeMap<String, Ballot>>,
    tie_choice: Option<Ballot>,
    outcome: Option<Outcome>,
    rationale: Option<String>,
    departs_from_ranking: Option<bool>,
    text: Option<String>,
    by: Option<String>,
    change: Option<Box<EventKind>>,
    target: Option<u64>,
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Flat::deserialize(d)?;
        let kind = f.kind.as_str();
        let need = |name: &'static str| D::Error::custom(format!("missing field `{name}` in `{kind}`"));
        macro_rules! req {
            ($field:ident) => {
                f.$field.ok_or_else(|| need(stringify!($field)))?
            };
        }
        Ok(match kind {
            "session_opened" => EventKind::SessionOpened {
                session_id: req!(session_id),
                title: f.title.unwrap_or_default(),
                app_version: req!(app_version),
                inputs: req!(inputs),
            },
            "session_resumed" => EventKind::SessionResumed {
                app_version: req!(app_version),
                inputs_digest: req!(inputs_digest),
            },
            "inputs_accepted" => {
                EventKind::InputsAccepted { inputs: req!(inputs), changes: f.changes.unwrap_or_default() }
            }
            "duly_invited_confirmed" => EventKind::DulyInvitedConfirmed {},
            "member_marked_present" => EventKind::MemberMarkedPresent { member: req!(member), at: req!(at) },
            "member_marked_absent" => EventKind::MemberMarkedAbsent { member: req!(member), at: req!(at) },
            "member_arrived" => EventKind::MemberArrived { member: req!(member), at: req!(at) },
            "member_left" => EventKind::MemberLeft { member: req!(member), at: req!(at) },
            "conflict_declared" => {
                EventKind::ConflictDeclared { member: req!(member), dossier: req!(dossier), reason: f.reason }
            }
            "agenda_item_moved" => EventKind::AgendaItemMoved { dossier: req!(dossier), to: req!(to) },
            "agenda_item_deferred" => {
                EventKind::AgendaItemDeferred { dossier: req!(dossier), reason: f.reason }
            }
            "agenda_item_opened" => EventKind::AgendaItemOpened { dossier: req!(dossier) },
            "agenda_item_closed" => EventKind::AgendaItemClosed { dossier: req!(dossier) },
            "scoring_round_opened" => {
                EventKind::ScoringRoundOpened { dossier: req!(dossier), round: req!(round) }
            }
            "score_entered" => EventKind::ScoreEntered {
                dossier: req!(dossier),
                round: req!(round),
                member: req!(member),
                criterion: req!(criterion),
                value: req!(value),
            },
            "score_corrected" => EventKind::ScoreCorrected {
                dossier: req!(dossier),
                round: req!(round),
                member: req!(member),
                criterion: req!(criterion),
                value: req!(value),
                previous: f.previous,
            },
            "scores_revealed" => {
                EventKind::ScoresRevealed { dossier: req!(dossier), round: req!(round), early: req!(early) }
            }
            "vote_recorded" => EventKind::VoteRecorded(Vote {
                subject: req!(subject),
                motion: f.motion,
                yes: req!(yes),
                no: req!(no),
                abstain: req!(abstain),
                ballots: f.ballots.unwrap_or_default(),
                tie_choice: f.tie_choice,
            }),
            "decision_recorded" => EventKind::DecisionRecorded {
                dossier: req!(dossier),
                outcome: req!(outcome),
                rationale: f.rationale,
                departs_from_ranking: f.departs_from_ranking.unwrap_or_default(),
            },
            "note_added" => EventKind::NoteAdded { text: req!(text), dossier: f.dossier },
            "signed_off" => EventKind::SignedOff { by: req!(by) },
            "amendment" => EventKind::Amendment { reason: req!(reason), change: req!(change) },
            "undo" => EventKind::Undo { target: req!(target) },
            "redo" => EventKind::Redo { target: req!(target) },
            other => return Err(D::Error::custom(format!("unknown event type `{other}`"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_what_was_written() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T09:30:00+01:00").unwrap();
        let kinds = vec![
            EventKind::DulyInvitedConfirmed {},
            EventKind::MemberLeft { member: "m".into(), at },
            EventKind::ConflictDeclared { member: "m".into(), dossier: "d".into(), reason: None },
            EventKind::AgendaItemMoved { dossier: "d".into(), to: 3 },
            EventKind::VoteRecorded(Vote {
                subject: VoteSubject::EnBloc { dossiers: vec!["a".into(), "b".into()] },
                motion: Some("Liste".into()),
                yes: 3,
                no: 3,
                abstain: 1,
                ballots: BTreeMap::from([("m".to_string(), Ballot::Yes)]),
                tie_choice: Some(Ballot::Yes),
            }),
            EventKind::DecisionRecorded {
                dossier: "d".into(),
                outcome: Outcome::WaitingList { position: 2 },
                rationale: Some("r".into()),
                departs_from_ranking: true,
            },
            EventKind::Amendment {
                reason: "x".into(),
                change: Box::new(EventKind::ScoreCorrected {
                    dossier: "d".into(),
                    round: 2,
                    member: "m".into(),
                    criterion: "c".into(),
                    value: 2.5,
                    previous: Some(1.0),
                }),
            },
            EventKind::SessionResumed { app_version: "1".into(), inputs_digest: "ab".into() },
        ];
        for k in kinds {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(serde_json::from_str::<EventKind>(&json).unwrap(), k, "{json}");
        }
    }

    #[test]
    fn missing_and_unknown_are_named_and_extra_fields_ignored() {
        let e = serde_json::from_str::<EventKind>(r#"{"type":"member_left","member":"m"}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `at` in `member_left`"), "{e}");
        let e = serde_json::from_str::<EventKind>(r#"{"type":"teleported"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown event type `teleported`"), "{e}");
        let k = serde_json::from_str::<EventKind>(r#"{"type":"undo","target":4,"future":{"x":1}}"#).unwrap();
        assert_eq!(k, EventKind::Undo { target: 4 });
    }
}
