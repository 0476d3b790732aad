//! How the app holds the session record: open for writing, or viewed only.
//!
//! Every change the chair makes goes through [`Journal::execute`]: the domain
//! checks it, the record appends and fsyncs it, and only then does the state
//! (and so the screen) change.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::{Actor, Event, Session, SessionState};
use crate::procedure::Command;
use crate::record::{self, LiveError, LiveSession};

pub enum Journal {
    /// The record open for writing, with the writer lock held.
    Live(Box<LiveSession>),
    /// Looking only: a record opened read-only (another gremium holds it),
    /// or no record at all (headless use). Changes are refused.
    View { state: Box<SessionState>, path: Option<PathBuf> },
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("read-only view: nothing can be recorded")]
    ReadOnly,
    #[error(transparent)]
    Live(#[from] LiveError),
}

impl Journal {
    /// A view of a session with nothing recorded and no record behind it.
    pub fn detached(session: Arc<Session>) -> Journal {
        Journal::View { state: Box::new(SessionState::new(session)), path: None }
    }

    pub fn state(&self) -> &SessionState {
        match self {
            Journal::Live(live) => live.state(),
            Journal::View { state, .. } => state,
        }
    }

    /// Where the record is, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Journal::Live(live) => Some(live.record_path()),
            Journal::View { path, .. } => path.as_deref(),
        }
    }

    /// The hash of the record's last line as of the state shown: what an
    /// export is sealed with. A viewed record may have grown since it was
    /// read; then the next line's `prev` names the line the view ends at.
    pub fn last_hash(&self) -> Result<String, String> {
        match self {
            Journal::Live(live) => Ok(live.last_hash()),
            Journal::View { path: None, .. } => Err("no session record".into()),
            Journal::View { state, path: Some(path) } => {
                let read = record::verify_record(path).map_err(|e| e.to_string())?;
                let shown = usize::try_from(state.meta.events).unwrap_or(usize::MAX);
                match read.events.get(shown) {
                    _ if read.events.len() == shown => Ok(read.last_hash),
                    Some(next) => Ok(next.prev.to_string()),
                    None => Err(format!("{}: shorter than when it was opened", path.display())),
                }
            }
        }
    }

    /// Save the recorded history to a new file beside the record (after
    /// the record file was changed under the session).
    pub fn save_history(&self) -> Result<std::path::PathBuf, JournalError> {
        match self {
            Journal::Live(live) => Ok(live.save_history()?),
            Journal::View { .. } => Err(JournalError::ReadOnly),
        }
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self, Journal::View { .. })
    }

    /// The chair continues with changed input files (recorded).
    pub fn accept_inputs(&mut self) -> Result<(), JournalError> {
        match self {
            Journal::Live(live) => live.accept_inputs(record::now()).map(|_| ()).map_err(JournalError::from),
            Journal::View { .. } => Err(JournalError::ReadOnly),
        }
    }

    /// Check, record (fsync) and apply a command of the chair's.
    pub fn execute(&mut self, command: &Command) -> Result<Vec<Event>, JournalError> {
        self.execute_at(command, record::now())
    }

    /// The same, recorded as of `at` (the app's clock: the moment of the key
    /// press, or a held clock in tests).
    pub fn execute_at(
        &mut self,
        command: &Command,
        at: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Vec<Event>, JournalError> {
        match self {
            Journal::Live(live) => Ok(live.execute(Actor::Chair, command, at)?),
            Journal::View { .. } => Err(JournalError::ReadOnly),
        }
    }
}
