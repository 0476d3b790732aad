//! The record file: create, open with recovery, append with fsync.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::anchor::{self, Anchor, AnchorWriter, Mismatch, anchor_path};
use super::history::History;
use super::line;
use super::lock::WriterLock;
use super::stream::{PART_BYTES, read_in_parts};
use super::{
    Changed, LOCK_FILE, RECORD_FILE, RecordError, TornLine, create_dir_owner_only, io_err, owner_only,
    sync_dir,
};
use crate::domain::{Actor, Event, EventKind, RECORD_FORMAT_VERSION};

/// A record open for writing. Only one exists per record at a time, across
/// processes (see [`WriterLock`]).
#[derive(Debug)]
pub struct Record {
    path: PathBuf,
    file: File,
    lock: WriterLock,
    next_seq: u64,
    last_hash: [u8; 32],
    /// Length of the file up to the last acknowledged line.
    file_len: u64,
    /// A failed write could not be taken back; refuse further appends.
    poisoned: bool,
    /// The record's folder was made for it: the folder above is fsynced
    /// with the first line.
    dir_made: bool,
    buf: Vec<u8>,
    /// Every acknowledged byte, as written, kept apart from the record
    /// file: what can be saved elsewhere when the file is changed under
    /// the session (deleted, replaced, truncated).
    history: History,
    session_id: String,
    /// Writes the anchor beside the record after each append.
    anchor: AnchorWriter,
}

/// Lock the record file itself too: the lock file beside it only says who
/// writes, and may be deleted under a running session (it stays on disk
/// and looks stale); the record file cannot be written by a second gremium
/// while this lock is held.
fn lock_record(file: &File, path: &Path, lock: &WriterLock) -> Result<(), RecordError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => {
            // The lock file may be our own new one (the old was deleted):
            // then who holds the record is not known.
            let pid = lock.holder_pid().filter(|p| *p != std::process::id());
            Err(RecordError::Locked { record: path.to_path_buf(), pid })
        }
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path, "lock")(e)),
    }
}

/// A record opened for writing, with what it held.
#[derive(Debug)]
pub struct Opened {
    pub record: Record,
    pub events: Vec<Event>,
    /// A torn last line that was moved aside; the UI must say so.
    pub torn: Option<TornLine>,
    /// The record held events but no anchor lay beside it (deleted, or a
    /// record of a build before anchors); a new one is written with the
    /// next append. The UI says so.
    pub anchor_missing: bool,
}

impl Record {
    /// Create the record in `dir` (made if missing). Fails if one exists.
    pub fn create(dir: &Path, session_id: &str) -> Result<Record, RecordError> {
        let dir_made = create_dir_owner_only(dir)?;
        let path = dir.join(RECORD_FILE);
        let lock = WriterLock::acquire(&dir.join(LOCK_FILE), &path)?;
        // An anchor without its record: the record was deleted or moved.
        // Never start a new session over it.
        let anchor_at = anchor_path(&path);
        if let Some(a) = anchor::read(&anchor_at, &path)? {
            let mismatch = Mismatch::Missing { events: a.events, hash: a.last_hash };
            return Err(RecordError::Anchor { record: path, anchor: anchor_at, mismatch });
        }
        let file = owner_only().append(true).create_new(true).open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                RecordError::Exists(path.clone())
            } else {
                io_err(&path, "create")(e)
            }
        })?;
        lock_record(&file, &path, &lock)?;
        // The folder is fsynced with the first line (`append`): an empty
        // record that did not survive a crash held nothing.
        Ok(Record {
            path,
            file,
            lock,
            next_seq: 0,
            last_hash: line::sha256(line::genesis(session_id).as_bytes()),
            file_len: 0,
            poisoned: false,
            dir_made,
            buf: Vec::with_capacity(512),
            history: History::new(dir),
            session_id: session_id.to_string(),
            anchor: AnchorWriter::start(anchor_at),
        })
    }

    /// Open the record in `dir` for writing: lock it, check every line and
    /// the chain, and move a torn last line aside.
    pub fn open(dir: &Path, session_id: &str) -> Result<Opened, RecordError> {
        let mut events = Vec::new();
        let (record, torn, anchor_missing) = Record::open_in_parts(dir, session_id, &mut |mut part| {
            events.append(&mut part);
            true
        })?;
        Ok(Opened { record, events, torn, anchor_missing })
    }

    /// [`Record::open`], handing the events to `take` part by part as they
    /// are checked (`take` answers whether to go on): the events are never
    /// all in memory at once. Answers the record, its torn line moved aside,
    /// and whether the anchor was missing.
    pub fn open_in_parts(
        dir: &Path,
        session_id: &str,
        take: &mut dyn FnMut(Vec<Event>) -> bool,
    ) -> Result<(Record, Option<TornLine>, bool), RecordError> {
        let path = dir.join(RECORD_FILE);
        let lock = WriterLock::acquire(&dir.join(LOCK_FILE), &path)?;
        let anchor_at = anchor_path(&path);
        let mut history = History::new(dir);
        let found = read_in_parts(&path, Some(session_id), PART_BYTES, take, Some(&mut history))?;
        let anchor_missing = found.anchor.is_none() && found.events > 0;
        let file = owner_only().append(true).open(&path).map_err(io_err(&path, "open"))?;
        lock_record(&file, &path, &lock)?;
        let mut file_len = history.len();
        let torn = match (found.torn_line, found.torn_offset) {
            (Some(line), Some(offset)) => {
                let torn_bytes = history.tail(offset).map_err(io_err(&path, "read the torn line"))?;
                let backup = set_aside(dir, &path, &torn_bytes)?;
                file.set_len(offset).map_err(io_err(&path, "truncate"))?;
                file.sync_all().map_err(io_err(&path, "fsync"))?;
                history.truncate(offset);
                file_len = offset;
                Some(TornLine { line, bytes: torn_bytes.len(), backup })
            }
            _ => None,
        };
        let record = Record {
            path,
            file,
            lock,
            next_seq: found.events,
            last_hash: found.last_hash,
            file_len,
            poisoned: false,
            dir_made: false,
            buf: Vec::with_capacity(512),
            history,
            session_id: session_id.to_string(),
            anchor: AnchorWriter::start(anchor_at),
        };
        Ok((record, torn, anchor_missing))
    }

    /// Append events as lines and fsync before returning: once this is Ok
    /// they survive a crash. All lines go out in one write.
    pub fn append(
        &mut self,
        actor: Actor,
        at: DateTime<FixedOffset>,
        kinds: Vec<EventKind>,
    ) -> Result<Vec<Event>, RecordError> {
        if self.poisoned {
            // Once the disk takes writes again (space freed, a medium back),
            // the partial line is cut off and recording goes on.
            if self.file.set_len(self.file_len).and_then(|()| self.file.sync_data()).is_err() {
                return Err(RecordError::Poisoned(self.path.clone()));
            }
            self.poisoned = false;
        }
        self.check_file()?;
        if self.anchor.has_failed() && self.next_seq > 0 {
            // The anchor lags behind a write that failed (disk full, …):
            // bring it up to date before more is recorded.
            self.anchor.post(self.current_anchor());
            self.anchor.settle().map_err(io_err(self.anchor.path(), "write the anchor"))?;
        }
        self.buf.clear();
        let mut hash = self.last_hash;
        let mut events = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.into_iter().enumerate() {
            let event = Event {
                v: RECORD_FORMAT_VERSION,
                seq: self.next_seq + i as u64,
                at,
                actor,
                prev: hex::encode(hash).into(),
                event: kind,
            };
            hash = line::encode(&event, &mut self.buf).map_err(RecordError::Encode)?;
            events.push(event);
        }
        let written = self.file.write_all(&self.buf).and_then(|()| self.file.sync_data());
        if let Err(e) = written {
            // Take back a partial line so the file stays a valid record.
            if self.file.set_len(self.file_len).and_then(|()| self.file.sync_data()).is_err() {
                self.poisoned = true;
            }
            return Err(io_err(&self.path, "append")(e));
        }
        if self.file_len == 0 {
            // The first line makes the file's existence matter: the
            // folder's entry for it, and the folder's own entry in the one
            // above when it was made for this record.
            if let Some(dir) = self.path.parent() {
                sync_dir(dir)?;
                if self.dir_made
                    && let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty())
                {
                    sync_dir(parent)?;
                }
                self.dir_made = false;
            }
        }
        self.file_len += self.buf.len() as u64;
        self.history.push(&self.buf);
        self.next_seq += events.len() as u64;
        self.last_hash = hash;
        self.anchor.post(self.current_anchor());
        Ok(events)
    }

    fn current_anchor(&self) -> Anchor {
        Anchor::new(&self.session_id, self.next_seq, hex::encode(self.last_hash))
    }

    /// Wait until the anchor is written for every append so far.
    pub fn settle_anchor(&self) -> Result<(), RecordError> {
        self.anchor.settle().map_err(io_err(self.anchor.path(), "write the anchor"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write every acknowledged line, as written, to a new file beside the
    /// record (`record.jsonl.saved-<UTC time>`, owner only, synced): the
    /// way out when the record file was changed under the session. The
    /// copy verifies as a record of its own.
    pub fn save_history(&self) -> Result<PathBuf, RecordError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        save_beside(dir, &self.path, "saved", &|out| self.history.write_to(out))
    }

    /// The path still names the file this record holds (device and inode),
    /// and the file has exactly the length written: else an editor, a sync
    /// tool or another program changed it, and appending to the held file
    /// would record into nowhere.
    fn check_file(&self) -> Result<(), RecordError> {
        let changed = |what| RecordError::Changed { path: self.path.clone(), what };
        let held = self.file.metadata().map_err(io_err(&self.path, "check"))?;
        let at_path = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(changed(Changed::Deleted)),
            Err(e) => return Err(io_err(&self.path, "check")(e)),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if (held.dev(), held.ino()) != (at_path.dev(), at_path.ino()) {
                return Err(changed(Changed::Replaced));
            }
        }
        let (written, found) = (self.file_len, held.len());
        match found.cmp(&written) {
            std::cmp::Ordering::Less => Err(changed(Changed::Truncated { written, found })),
            std::cmp::Ordering::Greater => Err(changed(Changed::Grown { written, found })),
            std::cmp::Ordering::Equal => Ok(()),
        }
    }

    pub fn lock_path(&self) -> &Path {
        self.lock.path()
    }

    /// Number of lines in the record.
    pub fn len(&self) -> u64 {
        self.next_seq
    }

    pub fn is_empty(&self) -> bool {
        self.next_seq == 0
    }

    /// Hex SHA-256 of the last line (what exports quote).
    pub fn last_hash(&self) -> String {
        hex::encode(self.last_hash)
    }
}

/// Keep a torn last line in `record.jsonl.torn-<UTC time>` beside the record.
fn set_aside(dir: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf, RecordError> {
    save_beside(dir, path, "torn", &|out| out.write_all(bytes))
}

/// A new file `<record>.<what>-<UTC time>` in `dir`, filled by `fill`.
fn save_beside(
    dir: &Path,
    path: &Path,
    what: &str,
    fill: &dyn Fn(&mut File) -> std::io::Result<()>,
) -> Result<PathBuf, RecordError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    let name = path.file_name().map_or(RECORD_FILE.into(), |n| n.to_string_lossy());
    let backup = dir.join(format!("{name}.{what}-{stamp}"));
    let mut f = owner_only().write(true).create_new(true).open(&backup).map_err(io_err(&backup, "create"))?;
    if let Err(e) = fill(&mut f).and_then(|()| f.sync_all()) {
        // no file that looks like a copy and is not one
        drop(f);
        let _ = std::fs::remove_file(&backup);
        return Err(io_err(&backup, "write")(e));
    }
    sync_dir(dir)?;
    Ok(backup)
}
