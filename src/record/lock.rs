//! One writer per record: an OS lock on a file beside the record that
//! holds the writer's pid, so a second writer can be told who has it.
//!
//! The lock goes with the process (closing the file releases it, also on a
//! crash), so a stale lock file never blocks. The file itself stays.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{RecordError, io_err, owner_only};

/// Held while a [`super::Record`] is open for writing.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    path: PathBuf,
}

impl WriterLock {
    /// Take the lock at `lock_path` for the record at `record_path`.
    pub fn acquire(lock_path: &Path, record_path: &Path) -> Result<WriterLock, RecordError> {
        let mut file = owner_only()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path)
            .map_err(io_err(lock_path, "open lock file"))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // The pid is for the message only; an unreadable one is None.
                let pid = file.read_to_string(&mut text).ok().and_then(|_| text.trim().parse::<u32>().ok());
                return Err(RecordError::Locked { record: record_path.to_path_buf(), pid });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(lock_path, "lock")(e)),
        }
        let pid = std::process::id();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(format!("{pid}\n").as_bytes()))
            .map_err(io_err(lock_path, "write lock file"))?;
        Ok(WriterLock { _file: file, path: lock_path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The pid written in the lock file now (another gremium's, when the
    /// record file is locked by one that recreated it).
    pub fn holder_pid(&self) -> Option<u32> {
        std::fs::read_to_string(&self.path).ok().and_then(|t| t.trim().parse().ok())
    }
}
