//! What happened in a session, as data: one [`Event`] per line of the
//! session record.
//!
//! The shapes here are the record format (docs/record.md). They only ever
//! grow: new fields come with `#[serde(default)]`, unknown fields are ignored
//! on reading, so a record written by a newer build still replays.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

mod prev;
mod read;

pub use prev::Prev;

/// Version of the record line format; the `v` field of every line.
pub const RECORD_FORMAT_VERSION: u32 = 1;

/// One line of the record: the envelope and the event it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Format version of this line ([`RECORD_FORMAT_VERSION`]).
    pub v: u32,
    /// 0-based position of the line in the record.
    pub seq: u64,
    /// When the event was recorded, with the local UTC offset.
    #[serde(deserialize_with = "read::rfc3339")]
    pub at: DateTime<FixedOffset>,
    /// Who caused it.
    pub actor: Actor,
    /// Hex SHA-256 of the previous line's bytes (without its newline); for
    /// the first line, of the genesis string naming the session.
    pub prev: Prev,
    pub event: EventKind,
}

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Chair,
    Secretary,
    /// The program itself (opening, resuming).
    System,
}

/// Everything that can happen in a session. Read by `event/read.rs`, which
/// must list the same fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The record was created for a session.
    SessionOpened {
        session_id: String,
        #[serde(default)]
        title: String,
        app_version: String,
        inputs: Box<InputsDigest>,
    },
    /// The record was opened again by the program.
    SessionResumed {
        app_version: String,
        inputs_digest: String,
    },
    /// The chair continued with input files that differ from the ones last
    /// accepted; `inputs` is the new baseline.
    InputsAccepted {
        inputs: Box<InputsDigest>,
        #[serde(default)]
        changes: Vec<InputChange>,
    },
    /// All members were duly invited (§ 90 VwVfG).
    DulyInvitedConfirmed {},
    /// Marked present at roll call; `at` is when the member was there.
    MemberMarkedPresent {
        member: String,
        at: DateTime<FixedOffset>,
    },
    /// Marked absent at roll call.
    MemberMarkedAbsent {
        member: String,
        at: DateTime<FixedOffset>,
    },
    /// Arrived after the roll call (or came back).
    MemberArrived {
        member: String,
        at: DateTime<FixedOffset>,
    },
    /// Left the session.
    MemberLeft {
        member: String,
        at: DateTime<FixedOffset>,
    },
    /// A conflict of interest declared during the session.
    ConflictDeclared {
        member: String,
        dossier: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// An agenda item moved to a 0-based position.
    AgendaItemMoved {
        dossier: String,
        to: usize,
    },
    /// An item put back for later in the session; closes it if it was open.
    AgendaItemDeferred {
        dossier: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// An item became the current one; closes the previous current item.
    AgendaItemOpened {
        dossier: String,
    },
    /// The current item was closed; its time is counted from the opening.
    AgendaItemClosed {
        dossier: String,
    },
    /// A further scoring round on a dossier (round 1 is open from the start).
    ScoringRoundOpened {
        dossier: String,
        round: u32,
    },
    ScoreEntered {
        dossier: String,
        round: u32,
        member: String,
        criterion: String,
        value: f64,
    },
    /// A score replaced; `previous` is what it replaced.
    ScoreCorrected {
        dossier: String,
        round: u32,
        member: String,
        criterion: String,
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous: Option<f64>,
    },
    /// Values of a round made visible; `early` when scores were missing.
    ScoresRevealed {
        dossier: String,
        round: u32,
        early: bool,
    },
    /// A vote; when carried, it is the decision on every item it names.
    VoteRecorded(Box<Vote>),
    /// A decision without a vote: only a deferral (`outcome` `deferred`),
    /// with why (`deferral`; absent in records written before reasons,
    /// read as `committee`).
    DecisionRecorded {
        dossier: String,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rationale: Option<String>,
        #[serde(default)]
        departs_from_ranking: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deferral: Option<DeferralReason>,
    },
    /// Where a conflict is in doubt, the committee decides without the
    /// member concerned (§ 20 Abs. 4 VwVfG): the counts, and whether the
    /// member is excluded (the motion to exclude carried).
    ConflictDecided {
        member: String,
        dossier: String,
        yes: u32,
        no: u32,
        abstain: u32,
        excluded: bool,
    },
    /// The chair dismissed a suggested conflict of interest (the member's
    /// organisation or an earlier reason named the dossier's municipality
    /// or county).
    ConflictSuggestionDismissed {
        member: String,
        dossier: String,
    },
    /// The chair confirms at the item that the invitation pointed out the
    /// second invitation after a deferral for lack of quorum (§ 90 Abs. 2
    /// VwVfG): the committee is quorate for it whatever the number present.
    ReinvitationConfirmed {
        dossier: String,
    },
    /// Lots drawn to order tied dossiers (the waiting list needs an order,
    /// PRODUCT.md §3): `dossiers` in the order drawn; `seed` is the
    /// record's last hash at the draw (the `prev` of this line), so anyone
    /// can repeat it (`rules::draw`).
    LotsDrawn {
        dossiers: Vec<String>,
        seed: String,
    },
    /// A member's ballot imported (PRODUCT.md §11, docs/ballots.md).
    BallotImported(Box<crate::domain::BallotImport>),
    /// This record is a member's review before the session (PRODUCT.md
    /// §11), not a session: it takes only the member's scores and notes.
    ReviewStarted {
        member: String,
    },
    /// The reviewing member's score; a later one for the same dossier and
    /// criterion replaces it.
    ReviewScoreGiven {
        dossier: String,
        criterion: String,
        value: f64,
    },
    /// The reviewing member's note on a dossier: private, or `shared` with
    /// the committee (it goes into the ballot). Empty text removes it.
    ReviewNoteWritten {
        dossier: String,
        text: String,
        #[serde(default)]
        shared: bool,
    },
    /// A conflict came to light after a vote on `dossier`: the committee
    /// records why the result stands (PRODUCT.md §3).
    ResultConfirmed {
        dossier: String,
        reason: String,
    },
    NoteAdded {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dossier: Option<String>,
    },
    /// The chair signed the session off; later changes need an amendment.
    SignedOff {
        by: String,
    },
    /// A change after sign-off: the reason and the change itself.
    Amendment {
        reason: String,
        change: Box<EventKind>,
    },
    /// The action recorded at `target` no longer counts.
    Undo {
        target: u64,
    },
    /// The undone action recorded at `target` counts again.
    Redo {
        target: u64,
    },
}

/// What a vote was about: the motion's outcome for one dossier, or for a
/// whole list at once. A carried vote is the decision on every item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteSubject {
    Dossier {
        dossier: String,
        outcome: Outcome,
    },
    /// One vote on a whole list (usually the proposed admission list with
    /// its waiting list).
    EnBloc {
        items: Vec<Proposal>,
    },
}

/// One item of a motion: this dossier gets this outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Proposal {
    pub dossier: String,
    pub outcome: Outcome,
}

impl VoteSubject {
    /// The items of the motion, in the order put.
    pub fn items(&self) -> Vec<Proposal> {
        match self {
            VoteSubject::Dossier { dossier, outcome } => {
                vec![Proposal { dossier: dossier.clone(), outcome: *outcome }]
            }
            VoteSubject::EnBloc { items } => items.clone(),
        }
    }

    /// The dossiers the motion is about, in the order put.
    pub fn dossiers(&self) -> Vec<String> {
        match self {
            VoteSubject::Dossier { dossier, .. } => vec![dossier.clone()],
            VoteSubject::EnBloc { items } => items.iter().map(|p| p.dossier.clone()).collect(),
        }
    }

    /// Whether the motion is about `dossier` (without a list made).
    pub fn concerns(&self, dossier: &str) -> bool {
        match self {
            VoteSubject::Dossier { dossier: d, .. } => d == dossier,
            VoteSubject::EnBloc { items } => items.iter().any(|p| p.dossier == dossier),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    Yes,
    No,
    Abstain,
}

/// A recorded vote: the counts, optionally who voted how, the chair's
/// ballot when it decided a tie, and what the chair saw when it was taken
/// (quorum, the result, whether it departs from the ranking or goes over
/// the budget). A carried vote is the decision on every item of its subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    pub subject: VoteSubject,
    /// The motion put to the vote, if worded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion: Option<String>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Per-member ballots when the vote was taken by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ballots: BTreeMap<String, Ballot>,
    /// The chair's ballot that decided a tie (`tie: chair_decides`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_choice: Option<Ballot>,
    /// The motion was carried under the session's majority and tie rules.
    pub carried: bool,
    /// Why the committee decided so; required when a carried vote departs
    /// from the ranking or goes over the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// Some item's outcome differs from what the ranking proposed.
    #[serde(default)]
    pub departs_from_ranking: bool,
    /// The items whose outcome differs from the ranking's proposal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departing: Vec<String>,
    /// Carried, and the admitted list after it exceeds the available budget
    /// or the maximum number of admissions.
    #[serde(default)]
    pub over_budget: bool,
    /// Quorum when the vote was taken.
    pub quorum: VoteQuorum,
}

impl Vote {
    pub fn cast(&self) -> u32 {
        self.yes + self.no + self.abstain
    }
}

/// Quorum at a vote: eligible voters present (voting members present
/// without a conflict on any item of the vote) and how many were required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteQuorum {
    pub present: u32,
    pub required: u32,
}

impl VoteQuorum {
    pub fn held(&self) -> bool {
        self.present >= self.required
    }
}

/// Why an item is deferred to a later session (*vertagt*, PRODUCT.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeferralReason {
    /// The committee was not quorate for it: no resolution was possible.
    NotQuorate,
    /// The committee resolved to deal with it later.
    Committee,
    /// The application was withdrawn.
    Withdrawn,
}

/// The outcome of a decision on a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Admitted,
    WaitingList { position: u32 },
    NotAdmitted,
    Deferred,
}

/// The digest of the input files a session was run with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputsDigest {
    /// Hex SHA-256 over all files (paths and bytes, in path order).
    pub sha256: String,
    /// Each file with its own hash, sorted by path.
    #[serde(default)]
    pub files: Vec<InputFile>,
}

/// One input file: its path relative to the session folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
}

/// How one input file differs from the accepted baseline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InputChange {
    pub path: String,
    pub change: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

impl EventKind {
    /// Actions the chair can undo: everything that changes the proceedings,
    /// except sign-off and amendments (sealed by design).
    pub fn is_undoable(&self) -> bool {
        !matches!(
            self,
            EventKind::SessionOpened { .. }
                | EventKind::SessionResumed { .. }
                | EventKind::InputsAccepted { .. }
                | EventKind::SignedOff { .. }
                | EventKind::Amendment { .. }
                | EventKind::Undo { .. }
                | EventKind::Redo { .. }
        )
    }

    /// The dossier an event concerns, if exactly one.
    pub fn dossier(&self) -> Option<&str> {
        match self {
            EventKind::ConflictDeclared { dossier, .. }
            | EventKind::ReinvitationConfirmed { dossier }
            | EventKind::ConflictSuggestionDismissed { dossier, .. }
            | EventKind::ConflictDecided { dossier, .. }
            | EventKind::ResultConfirmed { dossier, .. }
            | EventKind::AgendaItemMoved { dossier, .. }
            | EventKind::AgendaItemDeferred { dossier, .. }
            | EventKind::AgendaItemOpened { dossier }
            | EventKind::AgendaItemClosed { dossier }
            | EventKind::ScoringRoundOpened { dossier, .. }
            | EventKind::ScoreEntered { dossier, .. }
            | EventKind::ScoreCorrected { dossier, .. }
            | EventKind::ScoresRevealed { dossier, .. }
            | EventKind::DecisionRecorded { dossier, .. } => Some(dossier),
            EventKind::VoteRecorded(v) => match &v.subject {
                VoteSubject::Dossier { dossier, .. } => Some(dossier),
                VoteSubject::EnBloc { .. } => None,
            },
            EventKind::NoteAdded { dossier, .. } => dossier.as_deref(),
            EventKind::Amendment { change, .. } => change.dossier(),
            _ => None,
        }
    }
}
