//! A neutral description of an event, for the UI to put into words
//! ("Rückgängig: Punktzahl 3 für …") in the screen language. No strings for
//! people live here; the UI maps [`Action`] to its own text table.

use chrono::{DateTime, FixedOffset};

use super::event::{EventKind, Outcome, VoteSubject};

/// What kind of action an event was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    SessionOpened,
    SessionResumed,
    InputsAccepted,
    DulyInvitedConfirmed,
    MarkedPresent,
    MarkedAbsent,
    Arrived,
    Left,
    ConflictDeclared,
    ItemMoved,
    ItemDeferred,
    ItemOpened,
    ItemClosed,
    RoundOpened,
    ScoreEntered,
    ScoreCorrected,
    ScoresRevealed,
    VoteRecorded,
    DecisionRecorded,
    ResultConfirmed,
    LotsDrawn,
    ReinvitationConfirmed,
    SuggestionDismissed,
    ConflictDecided,
    BallotImported,
    ReviewStarted,
    ReviewScoreGiven,
    ReviewNoteWritten,
    NoteAdded,
    SignedOff,
    Amendment,
    Undo,
    Redo,
}

impl Action {
    /// How many kinds of action there are: the length of a table of names.
    pub const COUNT: usize = 33;

    /// The position of this action in a table of names, in declaration
    /// order (the language tables list the event names in this order).
    pub const fn index(self) -> usize {
        self as usize
    }
}

// `Redo` is the last action: the count follows it.
const _: () = assert!(Action::Redo as usize + 1 == Action::COUNT);

/// The facts of an event the UI needs to name it; fields that do not apply
/// are `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Description {
    pub action: Option<Action>,
    pub member: Option<String>,
    pub dossier: Option<String>,
    /// Several dossiers (an en-bloc vote).
    pub dossiers: Vec<String>,
    pub criterion: Option<String>,
    pub round: Option<u32>,
    pub value: Option<f64>,
    pub previous_value: Option<f64>,
    /// When it happened, for attendance changes.
    pub at: Option<DateTime<FixedOffset>>,
    pub outcome: Option<Outcome>,
    /// Why a deferral.
    pub deferral: Option<crate::domain::DeferralReason>,
    /// Free text: a note, a reason, a rationale, the signer.
    pub text: Option<String>,
    /// Target position (agenda move) or target seq (undo/redo).
    pub position: Option<u64>,
    /// Whether a reveal was early (before all scores were in).
    pub early: Option<bool>,
    /// Whether a vote carried its motion.
    pub carried: Option<bool>,
    /// How many things changed (input files accepted).
    pub count: Option<usize>,
    /// For an amendment: the change it makes.
    pub inner: Option<Box<Description>>,
}

impl EventKind {
    /// Name this event in neutral form.
    pub fn describe(&self) -> Description {
        let mut d = Description::default();
        let action = match self {
            EventKind::SessionOpened { session_id, title, .. } => {
                d.text = Some(if title.is_empty() { session_id.clone() } else { title.clone() });
                Action::SessionOpened
            }
            EventKind::SessionResumed { .. } => Action::SessionResumed,
            EventKind::InputsAccepted { changes, .. } => {
                d.count = Some(changes.len());
                Action::InputsAccepted
            }
            EventKind::DulyInvitedConfirmed {} => Action::DulyInvitedConfirmed,
            EventKind::MemberMarkedPresent { member, at } => {
                attendance(&mut d, member, at, Action::MarkedPresent)
            }
            EventKind::MemberMarkedAbsent { member, at } => {
                attendance(&mut d, member, at, Action::MarkedAbsent)
            }
            EventKind::MemberArrived { member, at } => attendance(&mut d, member, at, Action::Arrived),
            EventKind::MemberLeft { member, at } => attendance(&mut d, member, at, Action::Left),
            EventKind::ConflictDeclared { member, dossier, reason } => {
                d.member = Some(member.clone());
                d.dossier = Some(dossier.clone());
                d.text = reason.clone();
                Action::ConflictDeclared
            }
            EventKind::AgendaItemMoved { dossier, to } => {
                d.dossier = Some(dossier.clone());
                d.position = Some(*to as u64);
                Action::ItemMoved
            }
            EventKind::AgendaItemDeferred { dossier, reason } => {
                d.dossier = Some(dossier.clone());
                d.text = reason.clone();
                Action::ItemDeferred
            }
            EventKind::AgendaItemOpened { dossier } => {
                d.dossier = Some(dossier.clone());
                Action::ItemOpened
            }
            EventKind::AgendaItemClosed { dossier } => {
                d.dossier = Some(dossier.clone());
                Action::ItemClosed
            }
            EventKind::ScoringRoundOpened { dossier, round } => {
                d.dossier = Some(dossier.clone());
                d.round = Some(*round);
                Action::RoundOpened
            }
            EventKind::ScoreEntered { dossier, round, member, criterion, value } => {
                score(&mut d, dossier, *round, member, criterion, *value);
                Action::ScoreEntered
            }
            EventKind::ScoreCorrected { dossier, round, member, criterion, value, previous } => {
                score(&mut d, dossier, *round, member, criterion, *value);
                d.previous_value = *previous;
                Action::ScoreCorrected
            }
            EventKind::ScoresRevealed { dossier, round, early } => {
                d.dossier = Some(dossier.clone());
                d.round = Some(*round);
                d.early = Some(*early);
                Action::ScoresRevealed
            }
            EventKind::VoteRecorded(vote) => {
                match &vote.subject {
                    VoteSubject::Dossier { dossier, outcome } => {
                        d.dossier = Some(dossier.clone());
                        d.outcome = Some(*outcome);
                    }
                    VoteSubject::EnBloc { items } => {
                        d.dossiers = items.iter().map(|i| i.dossier.clone()).collect();
                    }
                }
                d.carried = Some(vote.carried);
                d.text = vote.motion.clone();
                Action::VoteRecorded
            }
            EventKind::DecisionRecorded { dossier, outcome, rationale, deferral, .. } => {
                d.dossier = Some(dossier.clone());
                d.outcome = Some(*outcome);
                d.deferral = *deferral;
                d.text = rationale.clone();
                Action::DecisionRecorded
            }
            EventKind::ConflictDecided { member, dossier, excluded, .. } => {
                d.member = Some(member.clone());
                d.dossier = Some(dossier.clone());
                d.carried = Some(*excluded);
                Action::ConflictDecided
            }
            EventKind::ConflictSuggestionDismissed { member, dossier } => {
                d.member = Some(member.clone());
                d.dossier = Some(dossier.clone());
                Action::SuggestionDismissed
            }
            EventKind::ReinvitationConfirmed { dossier } => {
                d.dossier = Some(dossier.clone());
                Action::ReinvitationConfirmed
            }
            EventKind::LotsDrawn { dossiers, .. } => {
                d.dossiers = dossiers.clone();
                Action::LotsDrawn
            }
            EventKind::ResultConfirmed { dossier, reason } => {
                d.dossier = Some(dossier.clone());
                d.text = Some(reason.clone());
                Action::ResultConfirmed
            }
            EventKind::BallotImported(import) => {
                d.member = Some(import.member.clone());
                d.count = Some(import.scores.len());
                Action::BallotImported
            }
            EventKind::ReviewStarted { member } => {
                d.member = Some(member.clone());
                Action::ReviewStarted
            }
            EventKind::ReviewScoreGiven { dossier, criterion, value } => {
                d.dossier = Some(dossier.clone());
                d.criterion = Some(criterion.clone());
                d.value = Some(*value);
                Action::ReviewScoreGiven
            }
            EventKind::ReviewNoteWritten { dossier, text, .. } => {
                d.dossier = Some(dossier.clone());
                d.text = Some(text.clone());
                Action::ReviewNoteWritten
            }
            EventKind::NoteAdded { text, dossier } => {
                d.dossier = dossier.clone();
                d.text = Some(text.clone());
                Action::NoteAdded
            }
            EventKind::SignedOff { by } => {
                d.member = Some(by.clone());
                Action::SignedOff
            }
            EventKind::Amendment { reason, change } => {
                d.text = Some(reason.clone());
                d.inner = Some(Box::new(change.describe()));
                Action::Amendment
            }
            EventKind::Undo { target } => {
                d.position = Some(*target);
                Action::Undo
            }
            EventKind::Redo { target } => {
                d.position = Some(*target);
                Action::Redo
            }
        };
        d.action = Some(action);
        d
    }
}

fn attendance(d: &mut Description, member: &str, at: &DateTime<FixedOffset>, action: Action) -> Action {
    d.member = Some(member.to_string());
    d.at = Some(*at);
    action
}

fn score(d: &mut Description, dossier: &str, round: u32, member: &str, criterion: &str, value: f64) {
    d.dossier = Some(dossier.to_string());
    d.round = Some(round);
    d.member = Some(member.to_string());
    d.criterion = Some(criterion.to_string());
    d.value = Some(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_names_member_dossier_criterion_and_value() {
        let k = EventKind::ScoreEntered {
            dossier: "DA-NORD".into(),
            round: 1,
            member: "lag".into(),
            criterion: "social".into(),
            value: 3.0,
        };
        let d = k.describe();
        assert_eq!(d.action, Some(Action::ScoreEntered));
        assert_eq!(d.member.as_deref(), Some("lag"));
        assert_eq!(d.dossier.as_deref(), Some("DA-NORD"));
        assert_eq!(d.criterion.as_deref(), Some("social"));
        assert_eq!(d.value, Some(3.0));
    }

    #[test]
    fn an_amendment_describes_its_change() {
        let k = EventKind::Amendment {
            reason: "Schreibfehler".into(),
            change: Box::new(EventKind::NoteAdded { text: "x".into(), dossier: None }),
        };
        let d = k.describe();
        assert_eq!(d.action, Some(Action::Amendment));
        assert_eq!(d.inner.and_then(|i| i.action), Some(Action::NoteAdded));
    }
}
