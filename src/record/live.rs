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
    /// The opening or resumption is not recorded yet
    /// ([`Prepared::defer`]): nothing else can be.
    #[error("{}: the session's opening is not recorded yet; nothing was recorded", .0.display())]
    NotBegun(std::path::PathBuf),
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
    /// The opening or resumption is recorded: until then nothing else is.
    begun: bool,
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
        LiveSession::prepare(session, dir, app_version)?.begin(inputs, now)
    }

    /// Open (or create) and check the record and replay it, holding the
    /// lock, without recording anything yet: [`Prepared::begin`] records
    /// the opening or the resumption. Dropped instead, nothing is recorded.
    pub fn prepare(session: Arc<Session>, dir: &Path, app_version: &str) -> Result<Prepared, LiveError> {
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
        let live = LiveSession { record, state, inputs: InputsDigest::default(), begun: false };
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
        if !self.begun {
            return Err(LiveError::NotBegun(self.record.path().to_path_buf()));
        }
        self.append_any(actor, now, kinds)
    }

    fn append_any(
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
    /// Record the opening (a new record) or the resumption, with the
    /// digest of the inputs as they are now, and go on.
    pub fn begin(
        self,
        inputs: InputsDigest,
        now: DateTime<FixedOffset>,
    ) -> Result<(LiveSession, OpenReport), LiveError> {
        let (mut live, deferred) = self.defer();
        let report = live.begin(deferred, inputs, now)?;
        Ok((live, report))
    }

    /// The session as replayed, to be shown before its opening or
    /// resumption is recorded: nothing can be recorded on it until
    /// [`LiveSession::begin`] has recorded that (every other change is
    /// refused with [`LiveError::NotBegun`]). The screens draw the session
    /// first and record its opening before they read the first key.
    pub fn defer(self) -> (LiveSession, Deferred) {
        let Prepared { live, session, torn, anchor_missing, app_version } = self;
        (live, Deferred { session, torn, anchor_missing, app_version })
    }
}

/// What [`LiveSession::begin`] needs besides the inputs' digest: taken
/// once, so a session begins once.
#[derive(Debug)]
pub struct Deferred {
    session: Arc<Session>,
    torn: Option<TornLine>,
    anchor_missing: bool,
    app_version: String,
}

impl Deferred {
    /// A torn last line moved aside on opening.
    pub fn torn(&self) -> Option<&TornLine> {
        self.torn.as_ref()
    }

    /// The record held events but no anchor lay beside it.
    pub fn anchor_missing(&self) -> bool {
        self.anchor_missing
    }
}

impl LiveSession {
    /// Record the opening (a new record) or the resumption of a session
    /// [`Prepared::defer`] handed on, with the digest of the inputs as they
    /// are now. From then on commands are recorded.
    pub fn begin(
        &mut self,
        deferred: Deferred,
        inputs: InputsDigest,
        now: DateTime<FixedOffset>,
    ) -> Result<OpenReport, LiveError> {
        let Deferred { session, torn, anchor_missing, app_version } = deferred;
        self.inputs = inputs;
        let created = self.record.is_empty();
        let (kind, inputs_changed) = if created {
            let kind = EventKind::SessionOpened {
                session_id: session.definition.id.clone(),
                title: session.definition.title.clone(),
                app_version,
                inputs: Box::new(self.inputs.clone()),
            };
            (kind, Vec::new())
        } else {
            let changes = compare_inputs(&self.state.meta.inputs, &self.inputs);
            let kind = EventKind::SessionResumed { app_version, inputs_digest: self.inputs.sha256.clone() };
            (kind, changes)
        };
        self.append_any(Actor::System, now, vec![kind])?;
        self.begun = true;
        Ok(OpenReport { created, torn, inputs_changed, anchor_missing })
    }

    /// Whether the opening or resumption is recorded.
    pub fn is_begun(&self) -> bool {
        self.begun
    }
}
