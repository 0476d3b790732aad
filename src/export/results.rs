//! The results document (`gremium.results/1`, PRODUCT.md §6): what the
//! committee did and decided, as the record stands, for whoever receives
//! the export. docs/results.md explains every field; `gremium schema
//! results` prints the JSON Schema generated from these types.
//!
//! Ids refer to the session definition (members, criteria, dossiers) and
//! `vote` numbers to the votes' lines in the record (0-based `seq`), so a
//! reader can follow every reference inside the document.

mod build;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::{Budget, Criterion, EligibilityCheck, Language, Role, Rules, Scale};

pub use build::ExportMeta;

type At = DateTime<FixedOffset>;

/// The whole document. `integrity` is added when it is sealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "gremium results document",
    extend("$id" = "https://gremium.invalid/schema/results-1.json")
)]
pub struct Results {
    /// Always `gremium.results/1`.
    #[schemars(extend("const" = "gremium.results/1"))]
    pub format: String,
    /// True while the session is not signed off: the document is a draft.
    pub draft: bool,
    pub session: SessionInfo,
    /// Which record the results come from, independent of where it lies.
    pub record: RecordIdentity,
    pub generator: Generator,
    /// When the export was made.
    pub exported_at: At,
    /// The chair confirmed that all members were duly invited (§ 90 VwVfG).
    pub duly_invited: bool,
    /// Every member of the committee, in the order of the session file.
    pub members: Vec<MemberResult>,
    /// Conflicts of interest: pre-declared ones first (session file order),
    /// then those declared in the session (record order).
    pub conflicts: Vec<ConflictResult>,
    /// Every dossier, in the order of the agenda as it stood at the end.
    pub dossiers: Vec<DossierResult>,
    /// Votes on several dossiers at once, in record order. Votes on one
    /// dossier are in that dossier's `votes`.
    pub en_bloc_votes: Vec<VoteResult>,
    /// Admitted dossiers, in ranking order (unranked ones after, in agenda order).
    pub admission_list: Vec<String>,
    /// The waiting list by position.
    pub waiting_list: Vec<WaitingEntry>,
    /// Not admitted, in ranking order (unranked ones after, in agenda order).
    pub not_admitted: Vec<String>,
    /// Deferred, in agenda order.
    pub deferred: Vec<String>,
    /// Dossiers without a decision yet, in agenda order (only in a draft).
    pub undecided: Vec<String>,
    /// Requested funding of the admitted dossiers, whole euros.
    pub admission_eur: u64,
    /// The available budget (`session.budget.available_eur`).
    pub available_eur: u64,
    /// `available_eur − admission_eur`; negative when the list goes over.
    pub remaining_eur: i64,
    /// The chair's notes, in record order.
    pub notes: Vec<NoteResult>,
    /// The members' ballots imported, in record order (a replaced one
    /// too); absent when there were none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<BallotResult>,
    /// Who signed the session off and when; absent in a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<SignOffResult>,
    /// Changes made after sign-off, each with its reason, in record order.
    pub amendments: Vec<AmendmentResult>,
    /// The seal: digest, record hash, the other files' digests, signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<crate::export::IntegrityBlock>,
}

/// The session's particulars and rules, as in the session definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SessionInfo {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub language: Language,
    /// The chair's member id.
    pub chair: String,
    /// The recording secretary, when the session names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    pub rules: Rules,
    pub budget: Budget,
    pub scale: Scale,
    pub criteria: Vec<Criterion>,
    /// The formal checks declared for every dossier.
    pub eligibility: Vec<EligibilityCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecordIdentity {
    pub session_id: String,
    /// SHA-256 (hex) of the record's last line: `gremium verify` on the
    /// record prints the same.
    pub last_hash: String,
    /// Number of lines (events) in the record.
    pub events: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MemberResult {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub role: Role,
    /// Scores and votes (chair or member, voting).
    pub voting: bool,
    /// Periods present, in order; empty when never present.
    pub present: Vec<PresenceResult>,
    /// Marked absent at the roll call, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marked_absent_at: Option<At>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PresenceResult {
    pub from: At,
    /// Absent when the member stayed to the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<At>,
    /// Arrived after the roll call.
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConflictResult {
    pub member: String,
    pub dossier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `in_advance` (session file) or `live` (declared in the session).
    pub declared: Declared,
    /// When it was declared (live only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<At>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Declared {
    InAdvance,
    Live,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DossierResult {
    pub id: String,
    pub municipality: String,
    /// The funding area's name.
    pub area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub rural: bool,
    /// The amount counted against the budget, whole euros.
    pub requested_eur: u64,
    /// 1-based place on the agenda as it stood at the end.
    pub agenda_position: u32,
    /// Seconds the committee spent on the item.
    pub time_spent_seconds: i64,
    /// Every declared formal check is met.
    pub eligible: bool,
    /// Declared checks not met (false or not answered).
    pub failed_checks: Vec<String>,
    /// Scoring rounds, first to last.
    pub rounds: Vec<RoundResult>,
    /// The round that counts (the last one), when it is revealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_round: Option<u32>,
    /// Weighted total of the counting round, on the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// The same as percent of the scale's maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// Competition rank (1, 2, 2, 4) among the ranked dossiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Shares its total with another dossier.
    pub tied: bool,
    /// What the ranking with its budget line proposes (ranked dossiers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed: Option<DecisionPlace>,
    /// Requested funding of this dossier and all ranked above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative_eur: Option<u64>,
    /// Votes on this dossier alone, in record order.
    pub votes: Vec<VoteResult>,
    /// The `vote` numbers of the en-bloc votes that named it.
    pub en_bloc_votes: Vec<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoundResult {
    pub round: u32,
    /// When the values were revealed; absent while scoring is blind, and
    /// then `scores` and the aggregates are left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revealed: Option<RevealResult>,
    /// Scores entered so far (also while blind).
    pub entered: u32,
    /// Every score that counts, by criterion (session order) and member
    /// (session order); corrections replace what they corrected.
    pub scores: Vec<ScoreResult>,
    /// Per criterion, in session order (revealed rounds only).
    pub criteria: Vec<CriterionAggregate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RevealResult {
    pub at: At,
    /// Revealed by the chair before every score was in.
    pub early: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreResult {
    pub member: String,
    pub criterion: String,
    pub value: f64,
    /// The score came from the member's ballot (PRODUCT.md §11) and was not
    /// corrected in the session.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_ballot: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CriterionAggregate {
    pub criterion: String,
    /// Mean or median (`session.rules.aggregate`) of the counted scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<f64>,
    /// Highest minus lowest score.
    pub spread: f64,
    /// The spread reaches `session.rules.disagreement_spread`.
    pub disagreement: bool,
}

/// An outcome, with the waiting-list position where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionPlace {
    pub outcome: OutcomeName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeName {
    Admitted,
    WaitingList,
    NotAdmitted,
    Deferred,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionResult {
    pub outcome: OutcomeName,
    /// Waiting-list position (waiting list only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// The outcome differs from what the ranking proposed.
    pub departs_from_ranking: bool,
    /// The carried vote that decided it; absent for a deferral without a vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<u64>,
    /// Why a deferral: `not_quorate` (no resolution was possible),
    /// `committee` (the committee resolved so), `withdrawn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferral: Option<crate::domain::DeferralReason>,
    pub at: At,
    /// Decided by an amendment after sign-off.
    pub amended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VoteResult {
    /// The vote's line in the record (0-based `seq`): decisions refer to it.
    pub vote: u64,
    pub at: At,
    /// What the motion proposes for each dossier, in the order put.
    pub items: Vec<VoteItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion: Option<String>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// How each member voted, when the vote was taken by name.
    pub ballots: BTreeMap<String, BallotName>,
    /// The chair's ballot that decided a tie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_choice: Option<BallotName>,
    /// The majority rule applied (`session.rules.majority`).
    pub majority: crate::domain::Majority,
    /// The smallest number of yes votes that would have carried it.
    pub needed: u32,
    /// Why it was carried or not.
    pub result: VoteReasonName,
    pub carried: bool,
    pub quorum: QuorumResult,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// Dossiers whose proposed outcome differs from the ranking.
    pub departing: Vec<String>,
    /// Carried, and the admission list after it exceeds the budget or the
    /// maximum number of admissions.
    pub over_budget: bool,
    /// Recorded as an amendment after sign-off.
    pub amended: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BallotName {
    Yes,
    No,
    Abstain,
}

impl From<crate::domain::Ballot> for BallotName {
    fn from(b: crate::domain::Ballot) -> Self {
        match b {
            crate::domain::Ballot::Yes => BallotName::Yes,
            crate::domain::Ballot::No => BallotName::No,
            crate::domain::Ballot::Abstain => BallotName::Abstain,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VoteItem {
    pub dossier: String,
    pub outcome: OutcomeName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteReasonName {
    MajorityReached,
    MajorityMissed,
    TieChairDecidedYes,
    TieChairDecidedNo,
    TieRejected,
    NoVotesForOrAgainst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QuorumResult {
    /// Eligible voters present (voting, present, no conflict on any item).
    pub present: u32,
    pub required: u32,
    pub held: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WaitingEntry {
    pub position: u32,
    pub id: String,
}

/// One imported ballot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BallotResult {
    /// When it was imported.
    pub at: At,
    pub member: String,
    /// The file's name and SHA-256 (hex).
    pub file: String,
    pub sha256: String,
    /// Fingerprint of the key that signed it; absent when unsigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// How many scores were taken.
    pub scores: u32,
    /// Dossiers left out, each with `conflict`, `revealed` or
    /// `scored_in_session`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<BallotRefusedResult>,
    /// The remarks the member shared, by dossier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<crate::domain::BallotRemark>,
    /// The time of the member's earlier ballot this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<At>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BallotRefusedResult {
    pub dossier: String,
    /// `conflict`, `revealed` or `scored_in_session`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NoteResult {
    pub at: At,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SignOffResult {
    /// The name of who signed off.
    pub by: String,
    /// Their member id.
    pub member: String,
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AmendmentResult {
    pub at: At,
    pub reason: String,
    /// The change, as the record holds it (docs/record.md).
    pub change: serde_json::Value,
}
