//! The session definition (`gremium.session/1`): who sits on the committee,
//! what is scored and how, the budget and the rules.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const SESSION_FORMAT: &str = "gremium.session/1";

/// The session definition prepared by the secretariat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "gremium session definition", extend("$id" = "https://gremium.invalid/schema/session-1.json"))]
pub struct SessionDefinition {
    /// Always `gremium.session/1`.
    #[schemars(extend("const" = "gremium.session/1"))]
    pub format: String,
    /// Identifier of the session; also names the folder of its record.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))]
    pub id: String,
    /// Title as it appears on screen, in the minutes and in the exports.
    pub title: String,
    /// Name of the funding programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// Date of the meeting (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Place of the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The recording secretary (Protokollführung), if one is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    /// Language of the session: screens by default, minutes and exports.
    #[serde(default)]
    pub language: Language,
    /// Relative paths to dossier files (one dossier or a collection) or
    /// folders of such files.
    pub dossiers: Vec<String>,
    /// Dossier ids in the order the committee deals with them; dossiers not
    /// named here follow by id.
    #[serde(default)]
    pub agenda: Vec<String>,
    pub budget: Budget,
    #[serde(default)]
    pub scale: Scale,
    /// The weighted scoring criteria (at least one).
    #[schemars(length(min = 1))]
    pub criteria: Vec<Criterion>,
    /// The formal-eligibility checks the secretariat applies to each dossier.
    #[serde(default)]
    pub eligibility: Vec<EligibilityCheck>,
    /// Committee members, exactly one of them with role `chair`.
    #[schemars(length(min = 1))]
    pub members: Vec<Member>,
    /// Conflicts of interest declared before the session.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Items taken up again after a deferral for lack of quorum, with an
    /// invitation that said so (§ 90 Abs. 2 VwVfG): once the chair confirms
    /// the notice at the item, the committee is quorate for it whatever the
    /// number present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reinvited: Vec<Reinvited>,
    #[serde(default)]
    pub rules: Rules,
}

impl SessionDefinition {
    pub fn chair(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == Role::Chair)
    }

    /// The deputy who chairs when the chair cannot, if one is named.
    pub fn deputy(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.deputy && m.role != Role::Chair && m.is_voting())
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn total_weight(&self) -> f64 {
        self.criteria.iter().map(|c| c.weight).sum()
    }

    /// Members who score and vote: role chair or member, and `voting`.
    pub fn voting_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_voting())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

/// The money available and how many sites can be admitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Budget {
    /// Funding available for new admissions, in whole euros.
    #[schemars(range(max = 9_007_199_254_740_991.0))]
    pub available_eur: u64,
    /// Maximum number of admissions; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_admissions: Option<u32>,
    /// Length of the waiting list (Nachrückerliste).
    #[serde(default)]
    pub waiting_list: u32,
}

/// The scoring scale: every score is `min + k × step` and at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scale {
    #[serde(default = "Scale::default_min")]
    pub min: f64,
    #[serde(default = "Scale::default_max")]
    pub max: f64,
    #[serde(default = "Scale::default_step")]
    #[schemars(extend("exclusiveMinimum" = 0.0))]
    pub step: f64,
}

impl Scale {
    fn default_min() -> f64 {
        0.0
    }
    fn default_max() -> f64 {
        4.0
    }
    fn default_step() -> f64 {
        1.0
    }

    /// True when `value` lies on the scale: within bounds and on a step.
    pub fn accepts(&self, value: f64) -> bool {
        if !value.is_finite() || value < self.min - 1e-9 || value > self.max + 1e-9 {
            return false;
        }
        let steps = (value - self.min) / self.step;
        (steps - steps.round()).abs() < 1e-6
    }
}

impl Default for Scale {
    fn default() -> Self {
        Scale { min: Self::default_min(), max: Self::default_max(), step: Self::default_step() }
    }
}

/// One weighted scoring criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Criterion {
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))]
    pub id: String,
    /// Label in the session language.
    pub label: String,
    /// English label, used when the screens are in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Relative weight, greater than zero.
    #[schemars(extend("exclusiveMinimum" = 0.0))]
    pub weight: f64,
    /// What the members should look at when scoring this criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
}

/// A formal-eligibility check declared for all dossiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EligibilityCheck {
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))]
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Chair,
    Member,
    Advisory,
}

/// A committee member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Member {
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"))]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub role: Role,
    /// Whether the member scores and votes. Defaults to true for `chair` and
    /// `member`; an `advisory` member never votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting: Option<bool>,
    /// The deputy (*Stellvertretung*): chairs an item the chair cannot
    /// (absent or conflicted), decides a tie there, and signs off when the
    /// chair has left. At most one, a voting member other than the chair.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deputy: bool,
    /// The member's Ed25519 public key (PEM, or `ed25519:` and the base64
    /// of the 32 key bytes): the member's ballots must then be signed with
    /// it (PRODUCT.md §11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}

impl Member {
    /// Scores and votes: role chair or member, and not declared non-voting.
    pub fn is_voting(&self) -> bool {
        self.role != Role::Advisory && self.voting.unwrap_or(true)
    }
}

/// An item taken up again after a deferral for lack of quorum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reinvited {
    /// Id of the dossier.
    pub dossier: String,
    /// What the invitation said, for the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A declared conflict of interest (Befangenheit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// Id of the member concerned.
    pub member: String,
    /// Id of the dossier concerned.
    pub dossier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The rules of procedure; every field has the legal default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rules {
    #[serde(default)]
    pub quorum: QuorumRule,
    #[serde(default)]
    pub majority: Majority,
    #[serde(default)]
    pub tie: TieRule,
    #[serde(default)]
    pub aggregate: Aggregate,
    /// Hide score values until all are entered or the chair reveals.
    #[serde(default = "default_true")]
    pub blind_scoring: bool,
    /// Spread (max − min) of a criterion's scores at which it is flagged for
    /// discussion.
    #[serde(default = "Rules::default_spread")]
    #[schemars(range(min = 0.0))]
    pub disagreement_spread: f64,
}

fn default_true() -> bool {
    true
}

impl Rules {
    fn default_spread() -> f64 {
        2.0
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            quorum: QuorumRule::default(),
            majority: Majority::default(),
            tie: TieRule::default(),
            aggregate: Aggregate::default(),
            blind_scoring: true,
            disagreement_spread: Self::default_spread(),
        }
    }
}

/// Quorum (§ 90 VwVfG): more than `min_present_share` of the voting members
/// and at least `min_present` voting members present.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuorumRule {
    #[serde(default = "QuorumRule::default_share")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub min_present_share: f64,
    #[serde(default = "QuorumRule::default_min")]
    pub min_present: u32,
}

impl QuorumRule {
    fn default_share() -> f64 {
        0.5
    }
    fn default_min() -> u32 {
        3
    }
}

impl Default for QuorumRule {
    fn default() -> Self {
        QuorumRule { min_present_share: Self::default_share(), min_present: Self::default_min() }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More yes than no.
    #[default]
    Simple,
    /// Yes from more than half of the eligible voters present.
    Absolute,
    /// Yes from at least two thirds of the votes cast (abstentions excluded).
    TwoThirds,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TieRule {
    /// The chair's vote decides when the chair votes.
    #[default]
    ChairDecides,
    /// A tie rejects the motion.
    Rejected,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    #[default]
    Mean,
    Median,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_accepts_only_steps_within_bounds() {
        let s = Scale { min: 1.0, max: 10.0, step: 0.5 };
        assert!(s.accepts(7.5));
        assert!(s.accepts(1.0));
        assert!(s.accepts(10.0));
        assert!(!s.accepts(7.25));
        assert!(!s.accepts(0.5));
        assert!(!s.accepts(10.5));
        assert!(!s.accepts(f64::NAN));
    }

    #[test]
    fn advisory_members_never_vote() {
        let m = Member {
            id: "ha".into(),
            name: "B. Muster".into(),
            organisation: None,
            role: Role::Advisory,
            voting: Some(true),
            deputy: false,
            public_key: None,
        };
        assert!(!m.is_voting());
        let m = Member { role: Role::Member, voting: None, ..m };
        assert!(m.is_voting());
        let m = Member { voting: Some(false), ..m };
        assert!(!m.is_voting());
    }
}
