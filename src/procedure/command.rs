//! What the chair asks for. A [`Command`] is checked against the state by
//! [`super::decide`], which answers with the events to record or a
//! [`DomainError`] saying why not.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::{Ballot, BallotRemark, BallotScore, DeferralReason, Outcome, VoteSubject};
use crate::rules::{Check, CheckDetail};

/// Every command has a JSON form (`gremium.commands/1`, PRODUCT.md §10;
/// docs/commands.md): an object whose `command` names it, with its fields;
/// members, dossiers and criteria by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
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
    /// Record a vote on a motion; carried, it is the decision on every
    /// item of `subject`. `tie_choice` is the chair's ballot on a tie when
    /// the vote is not taken by name.
    RecordVote {
        subject: VoteSubject,
        motion: Option<String>,
        yes: u32,
        no: u32,
        #[serde(default)]
        abstain: u32,
        /// Ballots by name (a vote taken by roll call); they must add up
        /// to the counts.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        ballots: BTreeMap<String, Ballot>,
        tie_choice: Option<Ballot>,
        rationale: Option<String>,
    },
    /// A decision without a vote: only a deferral, with why. `not_quorate`
    /// only when the committee is not quorate for the item (no resolution
    /// is possible); `committee` only when it is (it is a resolution).
    RecordDecision {
        dossier: String,
        outcome: Outcome,
        rationale: Option<String>,
        deferral: DeferralReason,
    },
    AddNote {
        text: String,
        dossier: Option<String>,
    },
    /// Where a conflict is in doubt, the committee decides without the
    /// member concerned (§ 20 Abs. 4 VwVfG): the counts on the motion to
    /// exclude them from the item. Carried, the member is conflicted on it.
    DecideConflict {
        member: String,
        dossier: String,
        yes: u32,
        no: u32,
        #[serde(default)]
        abstain: u32,
    },
    /// Dismiss a suggested conflict of interest (`rules::conflict_suggestions`).
    DismissSuggestion {
        member: String,
        dossier: String,
    },
    /// Confirm at the item that its invitation pointed out the second
    /// invitation after a deferral for lack of quorum (§ 90 Abs. 2 VwVfG):
    /// only for an item the session names under `reinvited`.
    ConfirmReinvitation {
        dossier: String,
    },
    /// Draw lots to order dossiers tied in the ranking (for the waiting
    /// list). The seed is the record's last hash at the draw.
    DrawLots {
        dossiers: Vec<String>,
    },
    /// A conflict came to light after a vote on `dossier`: the committee
    /// records why the result stands (instead of voting again).
    ConfirmResult {
        dossier: String,
        reason: String,
    },
    /// Take a member's checked ballot into the session (PRODUCT.md §11):
    /// its scores into the current round of each dossier, except where the
    /// member has a conflict, the round is revealed, or the member scored
    /// in the session. `gremium import-ballots` checks the file (session,
    /// inputs, signature) and gives this command; `replace` takes a newer
    /// ballot in place of the member's earlier one.
    ImportBallot {
        member: String,
        /// The file's name.
        file: String,
        /// SHA-256 (hex) of the file.
        sha256: String,
        /// Fingerprint of the key that signed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signer: Option<String>,
        written_at: DateTime<FixedOffset>,
        scores: Vec<BallotScore>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        remarks: Vec<BallotRemark>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        replace: bool,
    },
    /// Make this record a member's review before the session (PRODUCT.md
    /// §11): only on a record with nothing done yet; afterwards it takes
    /// only review commands.
    StartReview {
        member: String,
    },
    /// The reviewing member's score on one criterion of a dossier (a second
    /// one replaces it).
    ReviewScore {
        dossier: String,
        criterion: String,
        value: f64,
    },
    /// The reviewing member's note on a dossier; `shared` notes go into the
    /// ballot as remarks to the committee, the others never leave the
    /// record. Empty text removes the note.
    ReviewNote {
        dossier: String,
        text: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        shared: bool,
    },
    SignOff {
        by: String,
    },
    /// A change after sign-off, with its reason.
    Amend {
        reason: String,
        /// The command the amendment carries out.
        #[serde(rename = "change")]
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
    #[error(
        "a ballot of `{member}` is imported already (line {seq}); a newer one replaces it only when confirmed"
    )]
    BallotImportedAlready { member: String, seq: u64 },
    #[error("this is a member's review record: it takes only the member's scores and notes")]
    ReviewRecord,
    #[error("not a member's review record: start one with start_review on a new record")]
    NoReview,
    #[error("`{dossier}`, `{criterion}`: scored twice in one ballot")]
    ScoredTwice { dossier: String, criterion: String },
    #[error("member `{member}` already has a conflict declared on `{dossier}`")]
    AlreadyConflicted { member: String, dossier: String },
    #[error("the duly-invited confirmation is already recorded")]
    AlreadyConfirmed,
    #[error("position {to} is outside the agenda of {len} items")]
    OutOfAgenda { to: usize, len: usize },
    #[error("`{0}` is already at that position")]
    NothingToMove(String),
    #[error("`{0}` is already deferred to a later session")]
    AlreadyDeferred(String),
    #[error("`{0}` is already moved later on today's agenda")]
    AlreadyPostponed(String),
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
    #[error("under these rules the chair does not decide a tie")]
    ChairDoesNotDecideTies,
    #[error("the tie choice differs from the chair's ballot by name")]
    TieChoiceDisagrees,
    #[error("the chair `{0}` does not vote on this (absent, conflicted or not voting)")]
    ChairNotEligible(String),
    #[error(
        "a tie the chair decides, and every eligible member voted: the chair's vote (yes, no or abstain) is needed"
    )]
    ChairVoteMissing,
    #[error("the chair abstained, but no abstention is counted")]
    ChairAbstentionNotCounted,
    #[error("`{member}` does not chair now: sign-off is by the chair present, or by the deputy when the chair has left{}", acting.as_ref().map_or(String::new(), |a| format!(" (chairing: `{a}`)")))]
    NotChairing { member: String, acting: Option<String> },
    #[error("an en-bloc vote needs at least one dossier")]
    EmptyEnBloc,
    #[error("`{0}` appears more than once in the vote")]
    DuplicateInVote(String),
    #[error("`{0}` is already decided")]
    AlreadyDecided(String),
    #[error("the due invitation of all members is not confirmed")]
    NotDulyInvited,
    #[error("not quorate: {present} eligible voters present, {required} required")]
    NotQuorate { present: u32, required: u32 },
    #[error("only a deferral is decided without a vote")]
    VoteRequired,
    #[error("the committee is quorate for `{0}`: a deferral for lack of quorum does not apply")]
    DeferralQuorate(String),
    #[error("a departure from the ranking or the budget needs a written rationale")]
    RationaleRequired,
    #[error("sign-off is not possible yet: {}", describe_check(.0))]
    SignOffIncomplete(Box<Check>),
    #[error("waiting-list position must be 1 or more")]
    BadWaitingPosition,
    #[error("the text is empty")]
    EmptyText,
    #[error("the committee has already decided whether `{member}` is conflicted on `{dossier}`")]
    ConflictAlreadyDecided { member: String, dossier: String },
    #[error("nothing suggests a conflict of `{member}` on `{dossier}`")]
    NoSuggestion { member: String, dossier: String },
    #[error("`{0}` is not taken up on a second invitation (the session's `reinvited` does not name it)")]
    NotReinvited(String),
    #[error("the second invitation for `{0}` is already confirmed")]
    AlreadyReinvited(String),
    #[error("lots are drawn among two or more dossiers tied in the ranking: {0}")]
    NotTied(String),
    #[error("lots were drawn for these dossiers already; a draw is not repeated")]
    AlreadyDrawn,
    #[error("a draw needs the record: its seed is the record's last hash")]
    DrawNeedsRecord,
    #[error(
        "two dossiers in the motion share waiting-list position {0}: order the tie first (draw lots or vote the positions)"
    )]
    SamePosition(u32),
    #[error("no vote on `{0}` is marked by a conflict declared after it")]
    NothingToConfirm(String),
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

/// The first failing check in a line, with ids.
fn describe_check(check: &Check) -> String {
    match &check.detail {
        CheckDetail::Open { undecided } => format!("items without a decision: {}", undecided.join(", ")),
        CheckDetail::Quorum { without } => {
            let lines: Vec<String> = without.iter().map(|seq| (seq + 1).to_string()).collect();
            format!("votes without quorum (record lines {})", lines.join(", "))
        }
        CheckDetail::Budget { admitted, admitted_eur, available_eur, max_admissions, .. } => {
            let max = max_admissions.map_or(String::new(), |m| format!(", at most {m} admissions"));
            format!(
                "the list of {admitted} ({admitted_eur} EUR) exceeds the budget ({available_eur} EUR{max}) without a rationale"
            )
        }
        CheckDetail::Place { .. } => "the session names no place (`place`); the minutes need it".to_string(),
        CheckDetail::LateConflicts { open } => {
            let votes: Vec<String> =
                open.iter().map(|(seq, d, m)| format!("line {} on `{d}` (`{m}`)", seq + 1)).collect();
            format!(
                "a conflict came to light after the vote: {}; vote again or record why the result stands",
                votes.join(", ")
            )
        }
    }
}
