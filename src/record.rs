//! The session record: one JSON line per event, hash-chained, appended and
//! fsynced before the state changes; replayed on open, with a torn last
//! line recovered and any other damage refused. See docs/record.md.
//!
//! No terminal code here: the UI calls [`LiveSession`] and shows what it
//! reports.

pub mod anchor;
mod digest;
mod file;
mod follow;
mod history;
mod line;
mod live;
mod location;
mod lock;
mod stream;

#[cfg(test)]
mod anchor_tests;
#[cfg(test)]
pub(crate) mod replay_proptest;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

pub use anchor::{ANCHOR_FILE, ANCHOR_FORMAT, Anchor, Mismatch, Reached, anchor_path};
pub use digest::{DigestError, compare_inputs, digest_of, input_files, inputs_digest};
pub use file::{Opened, Record};
pub use follow::{FollowError, Follower};
pub use line::{Damage, genesis};
pub use live::{Deferred, LiveError, LiveSession, OpenReport, Prepared};
pub use location::{
    DATA_ENV, LocationError, RecordState, RecordSummary, data_root, default_dir, list_records, records_root,
    review_dir,
};
pub use lock::WriterLock;
pub use stream::{Streamed, read_only_in_parts};

use crate::domain::Event;

/// The record's file name inside its folder.
pub const RECORD_FILE: &str = "record.jsonl";
/// The writer lock beside it.
pub const LOCK_FILE: &str = "record.lock";

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{}: cannot {op}: {source}", path.display())]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: the record is in use by another gremium (pid {})", record.display(), pid.map_or("unknown".to_string(), |p| p.to_string()))]
    Locked { record: PathBuf, pid: Option<u32> },
    #[error("{}: a record exists already", .0.display())]
    Exists(PathBuf),
    #[error("{}: line {line}: {damage}", path.display())]
    Damaged { path: PathBuf, line: usize, damage: Damage },
    #[error("cannot encode an event: {0}")]
    Encode(#[source] serde_json::Error),
    #[error("{}: a failed write could not be taken back yet; nothing is recorded until it can be", .0.display())]
    Poisoned(PathBuf),
    /// The file the record was written to is no longer the one at its path
    /// with the length written: nothing more is appended to it.
    #[error("{}: {what}; nothing was recorded. The recorded history is in the session still open: save it before quitting", path.display())]
    Changed { path: PathBuf, what: Changed },
    /// The record does not reach the anchor beside it: cut back, emptied,
    /// deleted or its last line changed since the anchor was written.
    #[error("{}: does not match its anchor {}: {mismatch}", record.display(), anchor.display())]
    Anchor { record: PathBuf, anchor: PathBuf, mismatch: Mismatch },
}

/// What happened to a record file under a running session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Changed {
    #[error("the record file was deleted")]
    Deleted,
    #[error("the record file was replaced by another file")]
    Replaced,
    #[error("the record file was cut short ({found} of {written} bytes)")]
    Truncated { written: u64, found: u64 },
    #[error("another program wrote to the record file ({found} bytes, {written} written here)")]
    Grown { written: u64, found: u64 },
}

/// A torn last line moved aside on open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornLine {
    /// 1-based line number it had.
    pub line: usize,
    /// How many bytes it had.
    pub bytes: usize,
    /// Where its bytes are kept.
    pub backup: PathBuf,
}

/// A record read without the lock and without changing anything.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOnly {
    pub events: Vec<Event>,
    pub session_id: Option<String>,
    /// 1-based line number of a torn last line, left in place.
    pub torn_line: Option<usize>,
    pub last_hash: String,
    /// The anchor beside the record, when there is one, and how far the
    /// record reaches past it.
    pub anchor: Option<Reached>,
}

/// Read the record in `dir` for viewing: no lock, no recovery, nothing
/// written. `session_id` checks whose record it is when given.
pub fn read_only(dir: &Path, session_id: Option<&str>) -> Result<ReadOnly, RecordError> {
    read_path(&dir.join(RECORD_FILE), session_id)
}

/// Check a record file line by line: `Ok` with what it holds, or the first
/// bad line. A torn last line is reported in `torn_line`, not as an error.
pub fn verify_record(path: &Path) -> Result<ReadOnly, RecordError> {
    read_path(path, None)
}

fn read_path(path: &Path, session_id: Option<&str>) -> Result<ReadOnly, RecordError> {
    // The anchor first: a writer appends to the record before it moves
    // the anchor, so a record read after its anchor always reaches it.
    let anchor_at = anchor_path(path);
    let anchor = anchor::read(&anchor_at, path)?;
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, &anchor_at, anchor.as_ref(), e))?;
    let mut ro = read_bytes(path, &bytes, session_id)?;
    if let Some(a) = anchor {
        let reached =
            anchor::check(&a, ro.session_id.as_deref(), &ro.events, &ro.last_hash).map_err(|mismatch| {
                RecordError::Anchor { record: path.to_path_buf(), anchor: anchor_at, mismatch }
            })?;
        ro.anchor = Some(reached);
    }
    Ok(ro)
}

/// A record that cannot be read: when it is gone and an anchor says what
/// it held, that is what the chair learns.
fn unreadable(path: &Path, anchor_at: &Path, anchor: Option<&Anchor>, e: io::Error) -> RecordError {
    match anchor {
        Some(a) if e.kind() == io::ErrorKind::NotFound => RecordError::Anchor {
            record: path.to_path_buf(),
            anchor: anchor_at.to_path_buf(),
            mismatch: Mismatch::Missing { events: a.events, hash: a.last_hash.clone() },
        },
        _ => io_err(path, "read")(e),
    }
}

/// Check a record's bytes as [`verify_record`] checks a file (`path` only
/// names it in errors). The entry point the record fuzz target and its
/// corpus replay use.
pub fn read_bytes(path: &Path, bytes: &[u8], session_id: Option<&str>) -> Result<ReadOnly, RecordError> {
    let scan = line::scan(bytes, session_id).map_err(|d| RecordError::Damaged {
        path: path.to_path_buf(),
        line: d.line,
        damage: d.damage,
    })?;
    Ok(ReadOnly {
        events: scan.events,
        session_id: scan.session_id,
        torn_line: scan.torn.map(|t| t.line),
        last_hash: hex::encode(scan.last_hash),
        anchor: None,
    })
}

/// The local time with its UTC offset, as events carry it.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn io_err(path: &Path, op: &'static str) -> impl FnOnce(io::Error) -> RecordError {
    let path = path.to_path_buf();
    move |source| RecordError::Io { path, op, source }
}

use crate::files::owner_only;

/// Create `dir` and missing parents, owner-only (0700 on unix), and make
/// the new entries durable.
/// Make `dir` (owner only) when it is missing; answers whether it was
/// made. The folder above a made one is fsynced with the record's first
/// line ([`Record::append`]): until then nothing in it counts.
fn create_dir_owner_only(dir: &Path) -> Result<bool, RecordError> {
    if dir.is_dir() {
        return Ok(false);
    }
    crate::files::private_dir(dir).map_err(io_err(dir, "create folder"))?;
    Ok(true)
}

/// fsync a directory so that entries created in it survive a crash.
fn sync_dir(dir: &Path) -> Result<(), RecordError> {
    crate::files::sync_dir(dir).map_err(io_err(dir, "fsync folder"))
}
