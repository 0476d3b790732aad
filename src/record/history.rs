//! A writer's history: every byte of its record acknowledged so far, kept
//! apart from the record file so that it can be saved when that file is
//! deleted, replaced, cut short or written to under the session.
//!
//! It is kept in a file of its own without a name, in the record's folder
//! (made with [`tempfile::tempfile_in`], owner only, gone when the session
//! ends): an open of a large record then does not take the whole record in
//! as fresh memory (docs/performance.md, "The history apart"). Where no such
//! file can be made or written (a folder that refuses it, a full disk), the
//! history is held in memory from then on, with what the file held read
//! back; only if that reading fails too is it lost, and saving it says so.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

#[derive(Debug)]
pub(super) struct History {
    kept: Kept,
    len: u64,
}

#[derive(Debug)]
enum Kept {
    Apart(File),
    Memory(Vec<u8>),
    /// Neither the file nor memory holds it: why.
    Lost(String),
}

impl History {
    /// An empty history beside the record in `dir`.
    pub(super) fn new(dir: &Path) -> History {
        let kept = match tempfile::tempfile_in(dir).and_then(owner_only) {
            Ok(file) => Kept::Apart(file),
            Err(_) => Kept::Memory(Vec::new()),
        };
        History { kept, len: 0 }
    }

    /// An empty history held in memory.
    #[cfg(test)]
    pub(super) fn in_memory() -> History {
        History { kept: Kept::Memory(Vec::new()), len: 0 }
    }

    /// Bytes held, acknowledged or not yet cut off.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// Add bytes at the end. A file that no longer takes them is read back
    /// into memory, and the history goes on there.
    pub(super) fn push(&mut self, bytes: &[u8]) {
        if let Kept::Apart(file) = &self.kept {
            let mut f = file;
            let wrote = f.seek(SeekFrom::Start(self.len)).and_then(|_| f.write_all(bytes));
            if wrote.is_ok() {
                self.len += bytes.len() as u64;
                return;
            }
            self.kept = match read_range(file, 0, self.len) {
                Ok(held) => Kept::Memory(held),
                Err(e) => Kept::Lost(format!("its file could not be written or read back: {e}")),
            };
        }
        if let Kept::Memory(held) = &mut self.kept {
            held.extend_from_slice(bytes);
        }
        self.len += bytes.len() as u64;
    }

    /// Drop everything from `len` on.
    pub(super) fn truncate(&mut self, len: u64) {
        let len = len.min(self.len);
        match &mut self.kept {
            Kept::Apart(file) => {
                // Bytes past `len` are written over by the next push; the
                // file is cut too so that it holds no more than it says.
                let _ = file.set_len(len);
            }
            Kept::Memory(held) => held.truncate(usize::try_from(len).unwrap_or(held.len())),
            Kept::Lost(_) => {}
        }
        self.len = len;
    }

    /// The bytes from `from` to the end.
    pub(super) fn tail(&self, from: u64) -> io::Result<Vec<u8>> {
        let from = from.min(self.len);
        match &self.kept {
            Kept::Apart(file) => read_range(file, from, self.len),
            Kept::Memory(held) => {
                let from = usize::try_from(from).unwrap_or(held.len()).min(held.len());
                Ok(held[from..].to_vec())
            }
            Kept::Lost(why) => Err(io::Error::other(format!("the recorded history is lost: {why}"))),
        }
    }

    /// Write the whole history to `out`.
    pub(super) fn write_to(&self, out: &mut File) -> io::Result<()> {
        match &self.kept {
            Kept::Apart(file) => {
                let mut f = file;
                f.seek(SeekFrom::Start(0))?;
                let copied = io::copy(&mut f.take(self.len), out)?;
                if copied != self.len {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("the recorded history holds {copied} of {} bytes", self.len),
                    ));
                }
                Ok(())
            }
            Kept::Memory(held) => out.write_all(held),
            Kept::Lost(why) => Err(io::Error::other(format!("the recorded history is lost: {why}"))),
        }
    }

    /// Whether the history is kept apart from memory (for tests).
    #[cfg(test)]
    pub(super) fn is_apart(&self) -> bool {
        matches!(self.kept, Kept::Apart(_))
    }
}

/// The file for its owner only: without a name it cannot be opened by a
/// path, but its mode still says whose it is (`O_TMPFILE` takes the
/// process's umask).
fn owner_only(file: File) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Bytes `from..to` of `file`.
fn read_range(file: &File, from: u64, to: u64) -> io::Result<Vec<u8>> {
    let mut f = file;
    f.seek(SeekFrom::Start(from))?;
    let want = to.saturating_sub(from);
    let mut bytes = Vec::with_capacity(usize::try_from(want).unwrap_or(0));
    f.take(want).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < want {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("the recorded history holds {} of {want} bytes", bytes.len()),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(h: &History) -> Vec<u8> {
        h.tail(0).unwrap()
    }

    #[test]
    fn a_history_apart_holds_what_was_pushed_and_cut() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::new(dir.path());
        assert!(h.is_apart());
        #[cfg(unix)]
        if let Kept::Apart(file) = &h.kept {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600, "owner only");
        }
        h.push(b"one\n");
        h.push(b"two\n");
        h.push(b"torn");
        assert_eq!(h.len(), 12);
        assert_eq!(h.tail(8).unwrap(), b"torn");
        h.truncate(8);
        h.push(b"three\n");
        assert_eq!(all(&h), b"one\ntwo\nthree\n");
        let mut out = tempfile::tempfile().unwrap();
        h.write_to(&mut out).unwrap();
        out.seek(SeekFrom::Start(0)).unwrap();
        let mut saved = String::new();
        out.read_to_string(&mut saved).unwrap();
        assert_eq!(saved, "one\ntwo\nthree\n");
        // nothing of it is left in the folder
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_that_refuses_the_file_keeps_the_history_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::new(&dir.path().join("missing"));
        assert!(!h.is_apart());
        h.push(b"one\n");
        h.push(b"two\n");
        assert_eq!(all(&h), b"one\ntwo\n");
        h.truncate(4);
        assert_eq!(all(&h), b"one\n");
    }

    /// A file that stops taking bytes (a full disk): what it held is read
    /// back, and nothing pushed is lost.
    #[test]
    fn a_file_that_stops_taking_bytes_moves_the_history_into_memory() {
        let mut h = History::in_memory();
        h.push(b"one\n");
        // a file that reads but refuses every write
        let path = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(path.path(), b"one\n").unwrap();
        h.kept = Kept::Apart(File::open(path.path()).unwrap());
        h.push(b"two\n");
        assert!(!h.is_apart());
        assert_eq!(all(&h), b"one\ntwo\n");
    }
}
