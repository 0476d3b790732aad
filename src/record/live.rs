//! A session being run: the record open for writing and the state it
//! replays to. Every change goes decide → append (fsync) → apply, so what
//! the screen shows as done is on disk.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::{RECORD_FILE, Record, RecordError, TornLine, compare_inputs};
use crate::domain::{Actor, ApplyError, Event, EventKind, InputChange, InputsDigest, Session, SessionState};
use crate::procedure::{Command, DomainError};

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// The command was refused; nothing was recorded.
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Record(#[from] RecordError),
    /// The record checks out but does not replay (written by a faulty build).
    #[error("{}: {source}", path.display())]
    Replay {
        path: std::path::PathBuf,
        #[source]
        source: ApplyError,
    },
}

/// What opening found, for the UI to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// The record was new.
    pub created: bool,
    /// A torn last line was moved aside.
    pub torn: Option<TornLine>,
    /// Input files that differ from the accepted ones; empty when none do.
    /// The chair continues with [`LiveSession::accept_inputs`].
    pub inputs_changed: Vec<InputChange>,
    /// The record held events but had no anchor beside it; a new one was
    /// written (see [`super::Opened::anchor_missing`]).
    pub anchor_missing: bool,
}

#[derive(Debug)]
pub struct LiveSession {
    record: Record,
    state: SessionState,
    /// The digest of the inputs as they are now.
    inputs: InputsDigest,
}

impl LiveSession {
    /// Open the record in `dir`, or create it; record the opening or the
    /// resumption.
    pub fn open(
        session: Arc<Session>,
        dir: &Path,
        inputs: InputsDigest,
        app_version: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<(LiveSession, OpenReport), LiveError> {
        LiveSession::prepare(session, dir, inputs, app_version)?.begin(now)
    }

    /// Open (or create) and check the record and replay it, holding the
    /// lock, without recording anything yet: [`Prepared::begin`] records
    /// the opening or the resumption. Dropped instead, nothing is recorded.
    pub fn prepare(
        session: Arc<Session>,
        dir: &Path,
        inputs: InputsDigest,
        app_version: &str,
    ) -> Result<Prepared, LiveError> {
        let id = session.definition.id.clone();
        let exists = dir.join(RECORD_FILE).exists();
        // Read, checked and replayed part by part: the record's events are
        // never all in memory at once (docs/performance.md).
        let mut state = SessionState::new(session.clone());
        let (record, torn, anchor_missing) = if exists {
            let mut replayed = Ok(());
            let opened = Record::open_in_parts(dir, &id, &mut |events| {
                replayed = state.apply_all(events);
                replayed.is_ok()
            })?;
            replayed.map_err(|source| LiveError::Replay { path: opened.0.path().to_path_buf(), source })?;
            opened
        } else {
            (Record::create(dir, &id)?, None, false)
        };
        let live = LiveSession { record, state, inputs };
        Ok(Prepared { live, session, torn, anchor_missing, app_version: app_version.to_string() })
    }

    /// Carry out a command: check it, record its events (fsync), then
    /// change the state. A refused command records nothing.
    pub fn execute(
        &mut self,
        actor: Actor,
        command: &Command,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Event>, LiveError> {
        let last_hash = self.record.last_hash();
        let kinds = crate::procedure::decide_at(&self.state, command, Some(&last_hash))?;
        self.append(actor, now, kinds)
    }

    /// The chair continues with changed inputs: they become the baseline.
    pub fn accept_inputs(&mut self, now: DateTime<FixedOffset>) -> Result<Vec<Event>, LiveError> {
        let changes = compare_inputs(&self.state.meta.inputs, &self.inputs);
        let kind = EventKind::InputsAccepted { inputs: Box::new(self.inputs.clone()), changes };
        self.append(Actor::Chair, now, vec![kind])
    }

    fn append(
        &mut self,
        actor: Actor,
        now: DateTime<FixedOffset>,
        kinds: Vec<EventKind>,
    ) -> Result<Vec<Event>, LiveError> {
        let events = self.record.append(actor, now, kinds)?;
        for e in &events {
            self.state
                .apply(e)
                .map_err(|source| LiveError::Replay { path: self.record.path().to_path_buf(), source })?;
        }
        Ok(events)
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// Where the record is (the UI shows it).
    pub fn record_path(&self) -> &Path {
        self.record.path()
    }

    /// Hex SHA-256 of the last line.
    pub fn last_hash(&self) -> String {
        self.record.last_hash()
    }

    /// Wait until the anchor beside the record is written for every
    /// recorded action.
    pub fn settle_anchor(&self) -> Result<(), LiveError> {
        Ok(self.record.settle_anchor()?)
    }

    /// Save every acknowledged line to a new file beside the record; see
    /// [`crate::record::Record::save_history`].
    pub fn save_history(&self) -> Result<std::path::PathBuf, LiveError> {
        Ok(self.record.save_history()?)
    }
}

/// A record opened, checked and replayed, the lock held, nothing recorded
/// yet (see [`LiveSession::prepare`]).
#[derive(Debug)]
pub struct Prepared {
    live: LiveSession,
    session: Arc<Session>,
    torn: Option<TornLine>,
    anchor_missing: bool,
    app_version: String,
}

impl Prepared {
    /// Record the opening (a new record) or the resumption, and go on.
    pub fn begin(self, now: DateTime<FixedOffset>) -> Result<(LiveSession, OpenReport), LiveError> {
        let Prepared { mut live, session, torn, anchor_missing, app_version } = self;
        let created = live.record.is_empty();

        let (kind, inputs_changed) = if created {
            let kind = EventKind::SessionOpened {
                session_id: session.definition.id.clone(),
                title: session.definition.title.clone(),
                app_version: app_version.clone(),
                inputs: Box::new(live.inputs.clone()),
            };
            (kind, Vec::new())
        } else {
            let changes = compare_inputs(&live.state.meta.inputs, &live.inputs);
            let kind = EventKind::SessionResumed {
                app_version: app_version.clone(),
                inputs_digest: live.inputs.sha256.clone(),
            };
            (kind, changes)
        };
        live.append(Actor::System, now, vec![kind])?;
        Ok((live, OpenReport { created, torn, inputs_changed, anchor_missing }))
    }
}
