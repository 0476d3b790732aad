//! What the chair asks for. A [`Command`] is checked against the state by
//! `SessionState::decide`, which answers with the events to record or a
//! [`DomainError`] saying why not.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::event::{Ballot, Outcome, VoteSubject};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    ConfirmDulyInvited,
    MarkPresent {
        member: String,
        at: DateTime<FixedOffset>,
    },
    MarkAbsent {
        member: String,
        at: DateTime<FixedOffset>,
    },
    Arrive {
        member: String,
        at: DateTime<FixedOffset>,
    },
    Leave {
        member: String,
        at: DateTime<FixedOffset>,
    },
    DeclareConflict {
        member: String,
        dossier: String,
        reason: Option<String>,
    },
    /// Move an agenda item to a 0-based position.
    MoveItem {
        dossier: String,
        to: usize,
    },
    DeferItem {
        dossier: String,
        reason: Option<String>,
    },
    OpenItem {
        dossier: String,
    },
    /// Close the current item.
    CloseItem,
    /// Open the next scoring round on a dossier.
    OpenRound {
        dossier: String,
    },
    /// Enter (or correct) a score in the dossier's current round.
    EnterScore {
        dossier: String,
        member: String,
        criterion: String,
        value: f64,
    },
    /// Reveal the current round of a dossier.
    RevealScores {
        dossier: String,
    },
    RecordVote {
        subject: VoteSubject,
        motion: Option<String>,
        yes: u32,
        no: u32,
        abstain: u32,
        ballots: BTreeMap<String, Ballot>,
        tie_choice: Option<Ballot>,
    },
    RecordDecision {
        dossier: String,
        outcome: Outcome,
        rationale: Option<String>,
        departs_from_ranking: bool,
    },
    AddNote {
        text: String,
        dossier: Option<String>,
    },
    SignOff {
        by: String,
    },
    /// A change after sign-off, with its reason.
    Amend {
        reason: String,
        command: Box<Command>,
    },
    Undo,
    Redo,
}

/// Why a command was refused. Every variant names what the chair needs to
/// see; the UI words it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("unknown member `{0}`")]
    UnknownMember(String),
    #[error("unknown dossier `{0}`")]
    UnknownDossier(String),
    #[error("unknown criterion `{0}`")]
    UnknownCriterion(String),
    #[error("{value} is not on the scale {min}–{max} (step {step})")]
    OffScale { value: f64, min: f64, max: f64, step: f64 },
    #[error("member `{0}` does not score or vote (advisory or non-voting)")]
    NotVoting(String),
    #[error("member `{0}` is not present")]
    NotPresent(String),
    #[error("member `{0}` is already present")]
    AlreadyPresent(String),
    #[error("{} for `{member}` is before their last recorded change at {}", at.format("%H:%M"), last.format("%H:%M"))]
    AttendanceOutOfOrder { member: String, at: DateTime<FixedOffset>, last: DateTime<FixedOffset> },
    #[error("member `{member}` has a conflict of interest on `{dossier}`")]
    Conflicted { member: String, dossier: String },
    #[error("member `{member}` already has a conflict declared on `{dossier}`")]
    AlreadyConflicted { member: String, dossier: String },
    #[error("the duly-invited confirmation is already recorded")]
    AlreadyConfirmed,
    #[error("position {to} is outside the agenda of {len} items")]
    OutOfAgenda { to: usize, len: usize },
    #[error("`{0}` is already at that position")]
    NothingToMove(String),
    #[error("`{0}` is already deferred")]
    AlreadyDeferred(String),
    #[error("`{0}` is already the current item")]
    AlreadyOpen(String),
    #[error("no agenda item is open")]
    NoCurrentItem,
    #[error("round {round} of `{dossier}` is not revealed yet")]
    RoundNotRevealed { dossier: String, round: u32 },
    #[error("round {round} of `{dossier}` is already revealed")]
    AlreadyRevealed { dossier: String, round: u32 },
    #[error("round {round} of `{dossier}` has no scores")]
    NoScores { dossier: String, round: u32 },
    #[error("the score is already {0}")]
    SameScore(f64),
    #[error("{cast} votes cast but only {eligible} eligible voters present")]
    TooManyVotes { cast: u32, eligible: u32 },
    #[error("no votes cast")]
    NoVotes,
    #[error("the ballots by name do not add up to the counts")]
    BallotsDisagree,
    #[error("a tie choice is only recorded for a tie")]
    TieChoiceWithoutTie,
    #[error("an en-bloc vote needs at least one dossier")]
    EmptyEnBloc,
    #[error("a departure from the ranking needs a written rationale")]
    RationaleRequired,
    #[error("waiting-list position must be 1 or more")]
    BadWaitingPosition,
    #[error("the text is empty")]
    EmptyText,
    #[error("the session is signed off; changes need an amendment")]
    SignedOff,
    #[error("the session is not signed off; no amendment needed")]
    NotSignedOff,
    #[error("this cannot be part of an amendment")]
    NotAmendable,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}
