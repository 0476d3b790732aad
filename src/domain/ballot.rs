//! A member's ballot as the record keeps it (PRODUCT.md §11): what was
//! imported from `ballot-<member>.json`, into which rounds, and what was
//! refused and why. The file format itself is `export::ballot`.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One score of a ballot: the member's score on one criterion of a dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotScore {
    /// The dossier's id.
    pub dossier: String,
    /// The criterion's id.
    pub criterion: String,
    /// On the session's scale and step.
    pub value: f64,
}

/// A remark the member shares with the committee on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotRemark {
    pub dossier: String,
    pub text: String,
}

/// A score taken from a ballot into a dossier's round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedScore {
    pub dossier: String,
    pub round: u32,
    pub criterion: String,
    pub value: f64,
}

/// Why the scores of a ballot for one dossier were not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotRefusalReason {
    /// The member has a conflict of interest on the dossier (pre-declared
    /// or declared in the session).
    Conflict,
    /// The dossier's current round is revealed already.
    Revealed,
    /// The member scored the dossier in the session already; the session's
    /// scores stand.
    ScoredInSession,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRefusal {
    pub dossier: String,
    pub reason: BallotRefusalReason,
}

/// The `ballot_imported` event: a checked ballot taken into the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BallotImport {
    pub member: String,
    /// The file's name as given to the import.
    pub file: String,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    /// Fingerprint of the key that signed it; absent when unsigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    pub written_at: DateTime<FixedOffset>,
    /// The scores taken, each into the current round of its dossier.
    pub scores: Vec<ImportedScore>,
    /// Dossiers whose scores were not taken, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<BallotRefusal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<BallotRemark>,
    /// The line of the member's earlier ballot this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<u64>,
}
