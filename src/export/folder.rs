//! Writing the export folder: every file through a temporary file and a
//! rename, owner-only permissions, `SHA256SUMS` last.
//!
//! A folder is written into when it does not exist yet, when it is empty,
//! or when it holds a previous export and nothing else (every file in it is
//! listed in its `SHA256SUMS`); the previous export's files are then
//! replaced and those the new one no longer has are removed. A folder with
//! anything else in it is refused, so an export never mixes with, or
//! deletes, files gremium did not write.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use serde_json::Value;

use super::canonical::sha256_hex;
use super::integrity::{IntegrityError, SealWith, document_bytes, seal};
use super::sums::{SUMS_FILE, sums_text};

/// The results document's file name in the folder.
pub const RESULTS_FILE: &str = "results.json";
/// Names of gremium's temporary files start with this.
use crate::files::{TEMP_PREFIX, private_dir, write_private_file};

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{}: cannot {op}: {source}", path.display())]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error(
        "{}: holds {entry:?}, which is not part of a gremium export; export into a new or empty folder",
        dir.display()
    )]
    Foreign { dir: PathBuf, entry: String },
    #[error("{0:?} is not a plain file name for an export file")]
    BadName(String),
    #[error(transparent)]
    Seal(#[from] IntegrityError),
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub dir: PathBuf,
    /// SHA-256 of every file (without `SHA256SUMS` itself), by name.
    pub digests: BTreeMap<String, String>,
}

/// Seal `results` (digests of `companions`, record hash, signature when
/// `key` is given) and write it as `results.json` with the companions and
/// `SHA256SUMS` into `dir`.
pub fn write_sealed_export(
    dir: &Path,
    results: Value,
    companions: Vec<(String, Vec<u8>)>,
    record_last_hash: &str,
    key: Option<&SigningKey>,
) -> Result<Written, FolderError> {
    let files: BTreeMap<String, String> =
        companions.iter().map(|(name, bytes)| (name.clone(), sha256_hex(bytes))).collect();
    let sealed = seal(results, &SealWith { record_last_hash: record_last_hash.to_string(), files, key })?;
    let mut all = companions;
    all.push((RESULTS_FILE.to_string(), document_bytes(&sealed)?));
    write_export(dir, &all)
}

/// Write `files` into `dir` and then `SHA256SUMS` over them.
pub fn write_export(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Written, FolderError> {
    let mut digests = BTreeMap::new();
    for (name, bytes) in files {
        if !is_plain_name(name) || name == SUMS_FILE || digests.contains_key(name) {
            return Err(FolderError::BadName(name.clone()));
        }
        digests.insert(name.clone(), sha256_hex(bytes));
    }
    let previous = prepare(dir)?;
    let (Some(parent), Some(name)) =
        (dir.parent(), dir.file_name().map(|n| n.to_string_lossy().into_owned()))
    else {
        return write_in_place(dir, files, &digests, &previous);
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    // The whole export is written into a folder beside the target and put
    // in place by renames: an export cut short (killed, disk full) leaves
    // the previous export or none, and at most a staging folder that the
    // next export clears away — never a half-written folder that blocks it.
    remove_leftovers(parent, &name)?;
    let staging = parent.join(format!(".{name}{STAGING}{}", std::process::id()));
    private_dir(&staging).map_err(io_err(&staging, "create the folder"))?;
    let written = write_files(&staging, files, &digests);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if dir.exists() {
        let old = parent.join(format!(".{name}{OLD}{}", std::process::id()));
        fs::rename(dir, &old).map_err(io_err(dir, "move the previous export aside"))?;
        if let Err(e) = fs::rename(&staging, dir) {
            let _ = fs::rename(&old, dir);
            return Err(io_err(dir, "put the export in place")(e));
        }
        fs::remove_dir_all(&old).map_err(io_err(&old, "remove the previous export"))?;
    } else {
        fs::rename(&staging, dir).map_err(io_err(dir, "put the export in place"))?;
    }
    let _ = File::open(parent).and_then(|d| d.sync_all());
    Ok(Written { dir: dir.to_path_buf(), digests })
}

/// Names of the folders beside the target while an export is written
/// (`.<target><STAGING><pid>`) and of the previous export while it is
/// replaced (`.<target><OLD><pid>`).
const STAGING: &str = ".gremium-new-";
const OLD: &str = ".gremium-old-";

/// Clear what an export cut short left beside `name` in `parent`.
fn remove_leftovers(parent: &Path, name: &str) -> Result<(), FolderError> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    let prefixes = [format!(".{name}{STAGING}"), format!(".{name}{OLD}")];
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| {
            entry_name
                .strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(io_err(&path, "remove what an interrupted export left"))?;
        }
    }
    Ok(())
}

/// The files and then `SHA256SUMS` into `dir`.
fn write_files(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    digests: &BTreeMap<String, String>,
) -> Result<(), FolderError> {
    for (name, bytes) in files {
        let path = dir.join(name);
        write_private_file(&path, bytes).map_err(io_err(&path, "write"))?;
    }
    let sums = dir.join(SUMS_FILE);
    write_private_file(&sums, sums_text(digests).as_bytes()).map_err(io_err(&sums, "write"))
}

/// An export into a folder without a name of its own (`.`): file by file.
fn write_in_place(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    digests: &BTreeMap<String, String>,
    previous: &[String],
) -> Result<Written, FolderError> {
    private_dir(dir).map_err(io_err(dir, "create the folder"))?;
    write_files(dir, files, digests)?;
    for stale in previous.iter().filter(|n| !digests.contains_key(*n)) {
        let path = dir.join(stale);
        fs::remove_file(&path).or_else(ignore_missing).map_err(io_err(&path, "remove"))?;
    }
    Ok(Written { dir: dir.to_path_buf(), digests: digests.clone() })
}

fn io_err(path: &Path, op: &'static str) -> impl FnOnce(io::Error) -> FolderError {
    let path = path.to_path_buf();
    move |source| FolderError::Io { path, op, source }
}

/// Check that `dir` may be written into; answer the files of a previous
/// export in it. Temporary files of an interrupted export are removed.
fn prepare(dir: &Path) -> Result<Vec<String>, FolderError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(_) if dir.exists() && !dir.is_dir() => return Err(FolderError::NotAFolder(dir.to_path_buf())),
        Err(source) => return Err(FolderError::Io { path: dir.to_path_buf(), op: "read", source }),
    };
    let listed: Vec<String> = match fs::read_to_string(dir.join(SUMS_FILE)) {
        Ok(text) => text.lines().filter_map(|l| l.get(66..)).map(str::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let mut temps = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| FolderError::Io { path: dir.to_path_buf(), op: "read", source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            temps.push(entry.path());
        } else if !is_file || (name != SUMS_FILE && !listed.contains(&name)) {
            return Err(FolderError::Foreign { dir: dir.to_path_buf(), entry: name });
        }
    }
    for temp in temps {
        fs::remove_file(&temp).or_else(ignore_missing).map_err(|source| FolderError::Io {
            path: temp,
            op: "remove",
            source,
        })?;
    }
    Ok(listed)
}

fn ignore_missing(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::NotFound { Ok(()) } else { Err(e) }
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        v.sort();
        v
    }

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect()
    }

    #[test]
    fn what_an_interrupted_export_left_never_blocks_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("export");
        // Killed while writing: a staging folder with part of the files;
        // killed while replacing: the previous export moved aside.
        let staging = tmp.path().join(".export.gremium-new-4242");
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("minutes.md"), "halb").unwrap();
        let old = tmp.path().join(".export.gremium-old-4242");
        fs::create_dir(&old).unwrap();
        fs::write(old.join("results.json"), "{}").unwrap();
        // Not ours: left alone.
        let other = tmp.path().join(".export.gremium-new-notes");
        fs::create_dir(&other).unwrap();
        write_export(&dir, &files(&[("a.md", "a")])).unwrap();
        assert_eq!(names(&dir), ["SHA256SUMS", "a.md"]);
        assert_eq!(names(tmp.path()), [".export.gremium-new-notes", "export"]);
        // Replacing a previous export leaves nothing beside it.
        write_export(&dir, &files(&[("b.md", "b")])).unwrap();
        assert_eq!(names(&dir), ["SHA256SUMS", "b.md"]);
        assert_eq!(names(tmp.path()), [".export.gremium-new-notes", "export"]);
    }

    #[test]
    fn writes_files_and_sums_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out/2027");
        let written = write_export(&dir, &files(&[("b.csv", "b"), ("a.md", "a")])).unwrap();
        assert_eq!(names(&dir), ["SHA256SUMS", "a.md", "b.csv"]);
        let sums = fs::read_to_string(dir.join(SUMS_FILE)).unwrap();
        assert_eq!(sums, format!("{}  a.md\n{}  b.csv\n", sha256_hex(b"a"), sha256_hex(b"b")));
        assert_eq!(written.digests.len(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            for name in names(&dir) {
                assert_eq!(mode(&dir.join(&name)), 0o600, "{name}");
            }
        }
    }

    #[test]
    fn a_previous_export_is_replaced_and_anything_else_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        write_export(&dir, &files(&[("a.md", "a"), ("old.csv", "o")])).unwrap();
        fs::write(dir.join(".gremium-a.md.99.tmp"), "torn").unwrap();
        write_export(&dir, &files(&[("a.md", "A")])).unwrap();
        assert_eq!(names(&dir), ["SHA256SUMS", "a.md"]);
        assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), "A");

        fs::write(dir.join("notes.txt"), "mine").unwrap();
        let err = write_export(&dir, &files(&[("a.md", "B")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: holds \"notes.txt\", which is not part of a gremium export; export into a new or empty folder",
                dir.display()
            )
        );
        assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), "A", "nothing written");

        let other = tmp.path().join("other");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("x"), "").unwrap();
        assert!(matches!(write_export(&other, &files(&[("a", "")])), Err(FolderError::Foreign { .. })));
        let plain = tmp.path().join("plain");
        fs::write(&plain, "").unwrap();
        assert!(matches!(write_export(&plain, &files(&[("a", "")])), Err(FolderError::NotAFolder(_))));
    }

    #[test]
    fn names_must_be_plain() {
        let tmp = tempfile::tempdir().unwrap();
        for bad in ["", ".hidden", "a/b", "..", "SHA256SUMS", "a\nb"] {
            let err = write_export(tmp.path(), &files(&[(bad, "")])).unwrap_err();
            assert!(matches!(err, FolderError::BadName(n) if n == bad), "{bad:?}");
        }
        assert!(matches!(
            write_export(tmp.path(), &files(&[("a", ""), ("a", "")])),
            Err(FolderError::BadName(n)) if n == "a"
        ));
    }
}
