//! The anchor beside the record: the number of events and the hash of the
//! last one, rewritten (atomically, synced) after every append. The hash
//! chain shows an edit of a line that has lines after it; the anchor shows
//! what the chain cannot: a record cut back by whole lines, emptied,
//! deleted, or with its last line changed.
//!
//! The anchor is written by a thread of its own after the record's line is
//! on disk, so a recorded action waits for one fsync, not three (PRODUCT.md
//! §9). It may therefore lag behind the record by the actions of the last
//! moment before a crash, never run ahead of it: a record *longer* than its
//! anchor is whole, one that does not reach it is not.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use super::{RECORD_FILE, RecordError, io_err};
use crate::domain::Event;

/// The anchor's file name beside `record.jsonl`.
pub const ANCHOR_FILE: &str = "record.anchor";
/// The `format` an anchor carries.
pub const ANCHOR_FORMAT: &str = "gremium.anchor/1";
/// An anchor is one short line; anything larger is not one.
const MAX_ANCHOR_BYTES: u64 = 4096;

/// What the anchor file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub format: String,
    pub session_id: String,
    /// Number of events (lines) the record held.
    pub events: u64,
    /// Lowercase hex SHA-256 of the last of them.
    pub last_hash: String,
}

impl Anchor {
    pub fn new(session_id: &str, events: u64, last_hash: String) -> Anchor {
        Anchor { format: ANCHOR_FORMAT.to_string(), session_id: session_id.to_string(), events, last_hash }
    }
}

/// The anchor of the record at `record`: `record.anchor` beside
/// `record.jsonl`; `<name>.anchor` beside any other file name (a copy
/// elsewhere has none unless it was copied too).
pub fn anchor_path(record: &Path) -> PathBuf {
    let name = record.file_name().map_or_else(|| RECORD_FILE.into(), |n| n.to_string_lossy());
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    record.with_file_name(format!("{stem}.anchor"))
}

/// How a record does not reach its anchor (or the results it was exported
/// to). Hashes are lowercase hex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("the anchor cannot be read: {0}")]
    Unreadable(String),
    #[error("the anchor belongs to session `{anchored}`, the record to session `{found}`")]
    OtherSession { anchored: String, found: String },
    #[error("the record file is missing; the anchor says it held {events} events, the last with hash {hash}")]
    Missing { events: u64, hash: String },
    #[error("the record holds no events; the anchor says it held {events}, the last with hash {hash}")]
    Emptied { events: u64, hash: String },
    #[error(
        "the record is shorter than its anchor: {found} events (last hash {found_hash}); the anchor says {events} (last hash {hash})"
    )]
    Shorter { found: u64, found_hash: String, events: u64, hash: String },
    #[error(
        "event {events} of the record is not the one anchored: its hash is {found_hash}, the anchor says {hash}"
    )]
    Differs { events: u64, found_hash: String, hash: String },
}

/// The record reaches the anchor: its event `events` has the anchored
/// hash; `after` more events follow it (the anchor lagged behind, as it
/// may after a crash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub events: u64,
    pub after: u64,
}

/// Does the record (`events`, the hash of its last line, the session it
/// belongs to when it has a first line) reach `anchor`?
pub fn check(
    anchor: &Anchor,
    session_id: Option<&str>,
    events: &[Event],
    last_hash: &str,
) -> Result<Reached, Mismatch> {
    let next = usize::try_from(anchor.events).ok().and_then(|i| events.get(i)).map(|e| e.prev.as_str());
    check_count(anchor, session_id, events.len() as u64, next, last_hash)
}

/// [`check`] from what a reading in parts keeps: how many events there
/// are, the `prev` of the event after the anchored ones (if there is one),
/// and the hash of the last line.
pub fn check_count(
    anchor: &Anchor,
    session_id: Option<&str>,
    found: u64,
    prev_after_anchored: Option<&str>,
    last_hash: &str,
) -> Result<Reached, Mismatch> {
    if let Some(found) = session_id.filter(|s| *s != anchor.session_id) {
        return Err(Mismatch::OtherSession { anchored: anchor.session_id.clone(), found: found.to_string() });
    }
    let (n, hash) = (anchor.events, anchor.last_hash.clone());
    if found == 0 {
        return Err(Mismatch::Emptied { events: n, hash });
    }
    if found < n {
        return Err(Mismatch::Shorter { found, found_hash: last_hash.to_string(), events: n, hash });
    }
    // The hash of event n is the `prev` of the event after it.
    let found_hash = prev_after_anchored.unwrap_or(last_hash);
    if found_hash != hash {
        return Err(Mismatch::Differs { events: n, found_hash: found_hash.to_string(), hash });
    }
    Ok(Reached { events: n, after: found - n })
}

/// Read the anchor at `path`: `None` when there is none; a file that is
/// not an anchor is [`Mismatch::Unreadable`].
pub fn read(path: &Path, record: &Path) -> Result<Option<Anchor>, RecordError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, "read")(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_ANCHOR_BYTES + 1).read_to_end(&mut bytes).map_err(io_err(path, "read"))?;
    let unreadable = |why: String| RecordError::Anchor {
        record: record.to_path_buf(),
        anchor: path.to_path_buf(),
        mismatch: Mismatch::Unreadable(why),
    };
    if bytes.len() as u64 > MAX_ANCHOR_BYTES {
        return Err(unreadable(format!("larger than {MAX_ANCHOR_BYTES} bytes")));
    }
    let anchor: Anchor = serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))?;
    if anchor.format != ANCHOR_FORMAT {
        return Err(unreadable(format!("`format` is {:?}, not {ANCHOR_FORMAT:?}", anchor.format)));
    }
    let is_hash = anchor.last_hash.len() == 64
        && anchor.last_hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if anchor.events == 0 || !is_hash {
        return Err(unreadable("no event count or no SHA-256 in it".to_string()));
    }
    Ok(Some(anchor))
}

/// Write `anchor` to `path` so that the file is always either the old
/// anchor or the new one (see [`crate::files::write_private_file`]).
fn write_atomic(path: &Path, anchor: &Anchor) -> io::Result<()> {
    let mut line = serde_json::to_vec(anchor).map_err(io::Error::other)?;
    line.push(b'\n');
    crate::files::write_private_file(path, &line)
}

#[derive(Debug, Default)]
struct Slot {
    /// The newest anchor not yet written (older ones are superseded).
    pending: Option<Anchor>,
    busy: bool,
    /// Why the last write failed; cleared by a write that succeeds.
    failed: Option<io::Error>,
    closing: bool,
}

type Shared = Arc<(Mutex<Slot>, Condvar)>;

fn slot(shared: &Shared) -> MutexGuard<'_, Slot> {
    // The writer thread never panics while holding the lock; if it did,
    // the slot is still plain data.
    shared.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes anchors on a thread of its own, newest first: a burst of appends
/// writes the anchor once for the last of them. Dropping it writes what is
/// pending and waits for it.
#[derive(Debug)]
pub struct AnchorWriter {
    path: PathBuf,
    shared: Shared,
    thread: Option<JoinHandle<()>>,
}

impl AnchorWriter {
    pub fn start(path: PathBuf) -> AnchorWriter {
        let shared: Shared = Arc::default();
        let thread = {
            let (shared, path) = (shared.clone(), path.clone());
            std::thread::Builder::new().name("record-anchor".into()).spawn(move || run(&path, &shared)).ok()
        };
        AnchorWriter { path, shared, thread }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hand over the anchor after an append; it is written soon.
    pub fn post(&self, anchor: Anchor) {
        if self.thread.is_none() {
            // No thread could be started: write it here.
            let result = write_atomic(&self.path, &anchor);
            slot(&self.shared).failed = result.err();
            return;
        }
        slot(&self.shared).pending = Some(anchor);
        self.shared.1.notify_all();
    }

    /// Wait until every posted anchor is written; the error of the last
    /// write if it failed.
    pub fn settle(&self) -> io::Result<()> {
        let mut s = slot(&self.shared);
        while s.pending.is_some() || s.busy {
            s = self.shared.1.wait(s).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        match s.failed.take() {
            Some(e) => {
                let again = io::Error::new(e.kind(), e.to_string());
                s.failed = Some(e);
                Err(again)
            }
            None => Ok(()),
        }
    }

    /// Did the last write fail?
    pub fn has_failed(&self) -> bool {
        slot(&self.shared).failed.is_some()
    }
}

impl Drop for AnchorWriter {
    fn drop(&mut self) {
        slot(&self.shared).closing = true;
        self.shared.1.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(path: &Path, shared: &Shared) {
    loop {
        let anchor = {
            let mut s = slot(shared);
            while s.pending.is_none() && !s.closing {
                s = shared.1.wait(s).unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            match s.pending.take() {
                Some(a) => {
                    s.busy = true;
                    a
                }
                None => return,
            }
        };
        let result = write_atomic(path, &anchor);
        let mut s = slot(shared);
        s.busy = false;
        s.failed = result.err();
        drop(s);
        shared.1.notify_all();
    }
}
