//! The session as it stands: the replay of the record over the loaded
//! [`Session`]. Pure: no I/O, no clock; every time comes from an event.
//!
//! The same [`SessionState::apply`] serves the live path
//! (`procedure::decide` → append → apply) and the replay of a record, so both reach the same state.

mod apply;
mod names;
mod undo;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::Session;
use super::event::{Event, EventKind, InputsDigest, Outcome, Vote};

pub use names::{Name, Names};
pub use undo::Prior;

/// The state of a session: the definition it runs on, what the committee
/// did (the proceedings), the undo history and facts about the record.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionState {
    pub session: Arc<Session>,
    pub proceedings: Proceedings,
    pub history: History,
    pub meta: RecordMeta,
    /// The ids behind the [`Name`]s in [`ScoreKey`]s.
    pub names: Names,
    /// When what totals are computed from last changed.
    pub revisions: Revisions,
}

/// When what a dossier's totals are computed from (its scores, rounds,
/// reveals, conflicts; attendance and ballots for all) last changed: the
/// seq + 1 of the event, for one dossier or for all. A ranking keeps a
/// dossier's total until one of the two moves (`rules::TotalsCache`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Revisions {
    pub all: u64,
    pub dossier: foldhash::HashMap<String, u64>,
}

impl Revisions {
    /// The dossier's revision, and the one for all.
    pub fn of(&self, dossier: &str) -> (u64, u64) {
        (self.dossier.get(dossier).copied().unwrap_or(0), self.all)
    }

    /// Event `seq` changed what `kind` changes (`None`: not known, so
    /// everything).
    fn note(&mut self, seq: u64, kind: Option<&EventKind>) {
        use EventKind as E;
        let now = seq + 1;
        let Some(kind) = kind else {
            self.all = now;
            return;
        };
        match kind {
            // what one dossier's totals are computed from
            E::ScoreEntered { dossier, .. }
            | E::ScoreCorrected { dossier, .. }
            | E::ScoringRoundOpened { dossier, .. }
            | E::ScoresRevealed { dossier, .. }
            | E::ConflictDeclared { dossier, .. }
            | E::ConflictDecided { dossier, .. } => {
                // most events are on a dossier already noted: no new key
                match self.dossier.get_mut(dossier.as_str()) {
                    Some(revision) => *revision = now,
                    None => {
                        self.dossier.insert(dossier.clone(), now);
                    }
                }
            }
            // nothing totals are computed from
            E::SessionResumed { .. }
            | E::InputsAccepted { .. }
            | E::DulyInvitedConfirmed {}
            | E::AgendaItemMoved { .. }
            | E::AgendaItemDeferred { .. }
            | E::AgendaItemOpened { .. }
            | E::AgendaItemClosed { .. }
            | E::VoteRecorded(_)
            | E::DecisionRecorded { .. }
            | E::ConflictSuggestionDismissed { .. }
            | E::ReinvitationConfirmed { .. }
            | E::LotsDrawn { .. }
            | E::ResultConfirmed { .. }
            | E::NoteAdded { .. }
            | E::SignedOff { .. }
            | E::ReviewNoteWritten { .. } => {}
            // attendance, ballots, and anything added later: every dossier
            // (undo, redo and amendments come here as what they change)
            _ => self.all = now,
        }
    }
}

/// What the committee did; undo restores exactly this part.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proceedings {
    pub duly_invited: bool,
    pub attendance: BTreeMap<String, Attendance>,
    /// Conflicts declared live, by (member, dossier); the pre-declared ones
    /// are in the session definition.
    pub live_conflicts: BTreeMap<(String, String), LiveConflict>,
    pub agenda: Agenda,
    /// Current scoring round per dossier, when past round 1.
    pub rounds: BTreeMap<String, u32>,
    /// Every score that counts, latest correction winning.
    pub scores: BTreeMap<ScoreKey, f64>,
    /// Revealed rounds by (dossier, round).
    pub reveals: BTreeMap<(String, u32), Reveal>,
    pub votes: Vec<VoteEntry>,
    pub decisions: BTreeMap<String, DecisionEntry>,
    pub notes: Vec<NoteEntry>,
    /// Why a result stands although a conflict came to light after the
    /// vote, by dossier.
    pub confirmations: BTreeMap<String, Confirmation>,
    /// Items whose second invitation (§ 90 Abs. 2 VwVfG) the chair
    /// confirmed, with the line and time.
    pub reinvitations: BTreeMap<String, (u64, DateTime<FixedOffset>)>,
    /// Doubtful conflicts the committee decided (§ 20 Abs. 4 VwVfG), by
    /// (member, dossier): excluded or not, the line and time. An exclusion
    /// is also a live conflict.
    pub conflict_decisions: BTreeMap<(String, String), ConflictDecision>,
    /// Conflict suggestions the chair dismissed, by (member, dossier).
    pub dismissed: BTreeSet<(String, String)>,
    /// Lots drawn to order tied dossiers, in record order.
    pub lots: Vec<LotEntry>,
    pub signed_off: Option<SignOff>,
    pub amendments: Vec<AmendmentEntry>,
    /// Imported ballots by member (the latest; PRODUCT.md §11).
    pub ballots: BTreeMap<String, BallotEntry>,
    /// Scores whose value came from a ballot and was not corrected since.
    pub from_ballot: BTreeSet<ScoreKey>,
    /// A member's review before the session (PRODUCT.md §11): this record
    /// is then the member's, not the session's.
    pub review: Option<Review>,
}

/// What a member gave in their review: scores by (dossier, criterion),
/// private notes and remarks to share, by dossier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pub member: String,
    pub scores: BTreeMap<(String, String), f64>,
    pub notes: BTreeMap<String, String>,
    pub remarks: BTreeMap<String, String>,
}

/// A member's imported ballot: the line and time of the import.
#[derive(Debug, Clone, PartialEq)]
pub struct BallotEntry {
    pub import: crate::domain::BallotImport,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

/// A member's presence: the periods present, and a roll-call absence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attendance {
    pub periods: Vec<Presence>,
    pub marked_absent: Option<DateTime<FixedOffset>>,
}

impl Attendance {
    pub fn is_present(&self) -> bool {
        self.periods.last().is_some_and(|p| p.until.is_none())
    }
    /// First arrival.
    pub fn arrived(&self) -> Option<DateTime<FixedOffset>> {
        self.periods.first().map(|p| p.from)
    }
    /// Last departure, if the member is gone.
    pub fn left(&self) -> Option<DateTime<FixedOffset>> {
        self.periods.last().and_then(|p| p.until)
    }
}

/// One period of presence.
#[derive(Debug, Clone, PartialEq)]
pub struct Presence {
    pub from: DateTime<FixedOffset>,
    pub until: Option<DateTime<FixedOffset>>,
    /// Arrived after the roll call rather than marked present in it.
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictDecision {
    pub excluded: bool,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LotEntry {
    /// The dossiers in the order drawn.
    pub order: Vec<String>,
    pub seed: String,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirmation {
    pub reason: String,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LiveConflict {
    pub reason: Option<String>,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agenda {
    /// Dossier ids in the order the committee deals with them.
    pub order: Vec<String>,
    pub current: Option<CurrentItem>,
    pub deferred: BTreeSet<String>,
    /// Time spent per item over its closed openings.
    pub time_spent: BTreeMap<String, TimeDelta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CurrentItem {
    pub dossier: String,
    pub since: DateTime<FixedOffset>,
}

/// Where a score sits: ordered so that one dossier's rounds are adjacent.
/// The ids are numbers from [`SessionState::names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScoreKey {
    pub dossier: Name,
    pub round: u32,
    pub member: Name,
    pub criterion: Name,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reveal {
    pub early: bool,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VoteEntry {
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    pub vote: Vote,
}

/// The decision on a dossier: by a carried vote (`vote` is its seq, also
/// `seq`), or a deferral without a vote.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionEntry {
    pub outcome: Outcome,
    pub rationale: Option<String>,
    /// The outcome differs from what the ranking proposed at the time.
    pub departs_from_ranking: bool,
    pub vote: Option<u64>,
    /// Why a deferral: set for every `deferred` outcome (a carried vote to
    /// defer is the committee's resolution).
    pub deferral: Option<crate::domain::DeferralReason>,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEntry {
    pub text: String,
    pub dossier: Option<String>,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

impl SessionState {
    /// The score came from the member's ballot and was not corrected in
    /// the session.
    pub fn is_from_ballot(&self, dossier: &str, round: u32, member: &str, criterion: &str) -> bool {
        let n = &self.names;
        let (Some(dossier), Some(member), Some(criterion)) =
            (n.get(dossier), n.get(member), n.get(criterion))
        else {
            return false;
        };
        self.proceedings.from_ballot.contains(&ScoreKey { dossier, round, member, criterion })
    }

    /// The ballots imported and not undone, in record order (a replaced
    /// one too): line, time, what was imported.
    pub fn ballot_imports(&self) -> Vec<(u64, DateTime<FixedOffset>, &crate::domain::BallotImport)> {
        // Only undoing an import takes a member's ballot out again: with
        // none standing there is none among the actions done (whose walk
        // costs milliseconds in a long session).
        if self.proceedings.ballots.is_empty() {
            return Vec::new();
        }
        self.history
            .done
            .iter()
            .filter_map(|d| match &d.kind {
                EventKind::BallotImported(i) => Some((d.seq, d.at, &**i)),
                _ => None,
            })
            .collect()
    }

    /// Whether a score counts (PRODUCT.md §11): a score entered in the
    /// session always does (the member was present to give it); a score
    /// from a ballot only while its member is present — at the reveal for
    /// a revealed round, now for a blind one.
    pub fn ballot_score_counts(&self, dossier: &str, round: u32, member: &str) -> bool {
        let Some(attendance) = self.proceedings.attendance.get(member) else { return false };
        match self.proceedings.reveals.get(&(dossier.to_string(), round)) {
            Some(reveal) => attendance
                .periods
                .iter()
                .any(|p| p.from <= reveal.at && p.until.is_none_or(|u| u > reveal.at)),
            None => attendance.is_present(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignOff {
    pub by: String,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AmendmentEntry {
    pub reason: String,
    pub change: EventKind,
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
}

/// Undo and redo, as in an editor: a new action clears the redo chain.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// Actions that count, oldest first, with what each one replaced.
    pub done: Vec<Done>,
    /// Undone actions, the next to redo last.
    pub undone: Vec<Undone>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub prior: Prior,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
}

/// Facts about the record itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordMeta {
    /// Opening and each resumption.
    pub openings: Vec<Opening>,
    /// The inputs last accepted.
    pub inputs: InputsDigest,
    /// Number of events applied.
    pub events: u64,
    pub last_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub seq: u64,
    pub at: DateTime<FixedOffset>,
    pub app_version: String,
    pub resumed: bool,
}

/// A record that does not replay: an undo or redo that names another
/// action than the one due. Only a buggy writer produces this.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApplyError {
    #[error("seq {seq}: undo of {target}, but the latest action is {expected:?}")]
    UndoMismatch { seq: u64, target: u64, expected: Option<u64> },
    #[error("seq {seq}: redo of {target}, but the next to redo is {expected:?}")]
    RedoMismatch { seq: u64, target: u64, expected: Option<u64> },
}

impl SessionState {
    /// The state before any event: the session's agenda, nobody present.
    pub fn new(session: Arc<Session>) -> Self {
        let order = session.dossiers.iter().map(|d| d.id.clone()).collect();
        let names = Names::of(&session);
        SessionState {
            session,
            proceedings: Proceedings {
                agenda: Agenda { order, ..Agenda::default() },
                ..Proceedings::default()
            },
            history: History::default(),
            meta: RecordMeta::default(),
            names,
            revisions: Revisions::default(),
        }
    }

    /// The state after `events`, in order.
    pub fn replay(session: Arc<Session>, events: Vec<Event>) -> Result<Self, ApplyError> {
        let mut state = SessionState::new(session);
        state.apply_all(events)?;
        Ok(state)
    }

    /// Take recorded events into the state, in order (a record read in
    /// parts is replayed part by part).
    pub fn apply_all(&mut self, events: Vec<Event>) -> Result<(), ApplyError> {
        for e in events {
            self.apply_parts(e.seq, e.at, e.event)?;
        }
        Ok(())
    }

    /// Take one recorded event into the state.
    pub fn apply(&mut self, event: &Event) -> Result<(), ApplyError> {
        self.apply_parts(event.seq, event.at, event.event.clone())
    }

    pub fn is_signed_off(&self) -> bool {
        self.proceedings.signed_off.is_some()
    }

    /// The current scoring round of a dossier (1 until another is opened).
    pub fn round(&self, dossier: &str) -> u32 {
        self.proceedings.rounds.get(dossier).copied().unwrap_or(1)
    }

    pub fn is_present(&self, member: &str) -> bool {
        self.proceedings.attendance.get(member).is_some_and(Attendance::is_present)
    }

    /// Pre-declared or declared live.
    /// The committee is quorate for `dossier` whatever the number present:
    /// a second invitation the chair confirmed at the item.
    pub fn reinvited(&self, dossier: &str) -> bool {
        self.proceedings.reinvitations.contains_key(dossier)
    }

    /// Who chairs now, for the items `dossiers` (none: the session as a
    /// whole): the chair when present and not conflicted on any of them,
    /// else the deputy when present and not conflicted; else nobody.
    pub fn acting_chair(&self, dossiers: &[String]) -> Option<&crate::domain::Member> {
        let d = &self.session.definition;
        [d.chair(), d.deputy()].into_iter().flatten().find(|m| {
            self.is_present(&m.id) && !dossiers.iter().any(|dossier| self.is_conflicted(&m.id, dossier))
        })
    }

    pub fn is_conflicted(&self, member: &str, dossier: &str) -> bool {
        self.session.definition.conflicts.iter().any(|c| c.member == member && c.dossier == dossier)
            || self.proceedings.live_conflicts.contains_key(&(member.to_string(), dossier.to_string()))
    }

    /// Present voting members without a conflict on any of `dossiers`: those
    /// who score and vote on them.
    pub fn eligible_members(&self, dossiers: &[String]) -> Vec<&str> {
        self.session
            .definition
            .voting_members()
            .filter(|m| self.is_present(&m.id))
            .filter(|m| !dossiers.iter().any(|d| self.is_conflicted(&m.id, d)))
            .map(|m| m.id.as_str())
            .collect()
    }

    /// The scores of one round of a dossier; the key's ids are numbers
    /// from [`SessionState::names`] (members and criteria in session order).
    pub fn round_scores<'a>(
        &'a self,
        dossier: &'a str,
        round: u32,
    ) -> impl Iterator<Item = (&'a ScoreKey, f64)> + 'a {
        let dossier = self.names.get(dossier);
        let start =
            dossier.map(|d| ScoreKey { dossier: d, round, member: Names::FIRST, criterion: Names::FIRST });
        start
            .into_iter()
            .flat_map(move |start| self.proceedings.scores.range(start..))
            .take_while(move |(k, _)| Some(k.dossier) == dossier && k.round == round)
            .map(|(k, v)| (k, *v))
    }

    /// The score `member` gave `criterion` on `dossier` in `round`.
    pub fn score(&self, dossier: &str, round: u32, member: &str, criterion: &str) -> Option<f64> {
        let key = ScoreKey {
            dossier: self.names.get(dossier)?,
            round,
            member: self.names.get(member)?,
            criterion: self.names.get(criterion)?,
        };
        self.proceedings.scores.get(&key).copied()
    }

    /// (eligible scorer, criterion) pairs without a score in the current
    /// round: what blind scoring shows as "missing".
    pub fn missing_scores(&self, dossier: &str) -> Vec<(String, String)> {
        let round = self.round(dossier);
        let mut missing = Vec::new();
        for member in self.eligible_members(&[dossier.to_string()]) {
            for c in &self.session.definition.criteria {
                if self.score(dossier, round, member, &c.id).is_none() {
                    missing.push((member.to_string(), c.id.clone()));
                }
            }
        }
        missing
    }

    /// Time spent on an item, counting an open item up to `now`.
    pub fn time_spent(&self, dossier: &str, now: DateTime<FixedOffset>) -> TimeDelta {
        let agenda = &self.proceedings.agenda;
        let closed = agenda.time_spent.get(dossier).copied().unwrap_or_default();
        match &agenda.current {
            Some(c) if c.dossier == dossier => closed + (now - c.since).max(TimeDelta::zero()),
            _ => closed,
        }
    }

    /// The action the next undo would take back.
    pub fn next_undo(&self) -> Option<&Done> {
        self.history.done.last()
    }

    /// The action the next redo would restore.
    pub fn next_redo(&self) -> Option<&Undone> {
        self.history.undone.last()
    }
}
