//! Files only their owner may read, written so that a crash leaves the old
//! content or the new, never half: the one place the record, the anchor,
//! exports and keys get their files and folders from; and whole input
//! files read at once ([`read_whole`]). No knowledge of what is in them.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What temporary files begin with; a folder of gremium's may hold
/// leftovers of an interrupted write under this prefix.
pub const TEMP_PREFIX: &str = ".gremium-";

/// Options for a file only its owner may read (0600 on unix).
pub fn owner_only() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o
}

/// Create `dir` and missing parents, owner-only (0700 on unix); an existing
/// `dir` is made owner-only too.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// fsync a folder so that entries created or renamed in it survive a
/// crash (a no-op where folders cannot be synced).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all())?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The temporary file [`write_private_file`] writes before the rename.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{TEMP_PREFIX}{name}.{}.tmp", std::process::id()))
}

/// Write `bytes` to a fresh 0600 file beside `path`, sync it, rename it
/// over `path` and sync the folder: a crash leaves either the old file or
/// the new one.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        // A leftover of this pid's earlier life would block create_new.
        match fs::remove_file(&tmp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut file = owner_only().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => sync_dir(parent),
        _ => Ok(()),
    }
}

/// From this size on, a file is read into memory the kernel is asked to
/// back with huge pages (2 MiB on x86-64).
const HUGE_FROM: usize = 4 << 20;

/// The whole file at `path`, as `std::fs::read` gives it. A large file is
/// read into memory advised for huge pages: the kernel then backs it with
/// a few hundred faults instead of thousands, which a 20 MB dossier file
/// pays on every read (docs/performance.md, "Huge pages").
pub fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    // opened once: a pipe or a FIFO is read as it comes, as `fs::read`
    // reads it
    let mut file = File::open(path)?;
    let len = file.metadata().map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
    // one byte more, so that the read that finds the end needs no room; a
    // file too large for memory is an error, as with `fs::read`, not an
    // abort
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len.saturating_add(1))
        .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e))?;
    if len >= HUGE_FROM {
        advise_huge(&bytes);
    }
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Ask for huge pages under the whole 2 MiB pages of `v`'s capacity;
/// advice only: where the kernel has none, nothing changes.
#[cfg(target_os = "linux")]
fn advise_huge(v: &Vec<u8>) {
    const HUGE: usize = 2 << 20;
    let at = v.as_ptr() as usize;
    let start = at.next_multiple_of(HUGE);
    let end = (at + v.capacity()) / HUGE * HUGE;
    if end > start {
        // SAFETY: the range lies within the allocation `v` owns, and
        // MADV_HUGEPAGE neither frees nor changes memory: it only says how
        // to back it. Its failure (no transparent huge pages) is harmless.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge(_: &Vec<u8>) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small or large (huge pages advised), a file reads as `fs::read`
    /// reads it; a missing one is the same error.
    #[test]
    fn a_whole_file_reads_as_fs_read_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0, 1, 4095, HUGE_FROM - 1, HUGE_FROM, HUGE_FROM + (3 << 20) + 17] {
            let path = dir.path().join(format!("f{len}"));
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            fs::write(&path, &bytes).unwrap();
            assert_eq!(read_whole(&path).unwrap(), bytes, "{len} bytes");
        }
        let missing = read_whole(&dir.path().join("nope")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }

    /// A FIFO is opened once and read to its end, as `fs::read` reads it
    /// (`gremium validate <(…)` and named pipes).
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_read_as_it_comes() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::write(fifo, b"{\"x\": 1}").unwrap())
        };
        assert_eq!(read_whole(&fifo).unwrap(), b"{\"x\": 1}");
        writer.join().unwrap();
    }
}
