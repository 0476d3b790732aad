//! The inputs digest: which files, with which bytes, a session ran on. On
//! resume the current files are compared with the accepted ones, so the
//! chair learns when a dossier changed between two sittings.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::domain::{ChangeKind, InputChange, InputFile, InputsDigest};
use crate::load::Source;

#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a session definition with a `dossiers` list", .0.display())]
    NotASession(PathBuf),
}

/// Digest the session file and every dossier file it references (the same
/// files the loader reads), in path order. Each file counts with its path
/// relative to the session's folder and its bytes.
pub fn inputs_digest(src: &dyn Source, session_file: &Path) -> Result<InputsDigest, DigestError> {
    let definition = read(src, session_file)?;
    let paths = listed(src, session_file, &definition)?;
    let mut files: Vec<(PathBuf, Cow<'_, [u8]>)> = Vec::with_capacity(paths.len());
    let mut definition = Some(definition);
    for p in paths {
        let bytes = match definition.take_if(|_| p == session_file) {
            Some(d) => d,
            None => read(src, &p)?,
        };
        files.push((p, bytes));
    }
    Ok(digest_of(session_file, files))
}

/// The inputs digest of files already read: the session file and every
/// file [`input_files`] listed for it, with their bytes.
pub fn digest_of<B: AsRef<[u8]> + Sync>(session_file: &Path, read: Vec<(PathBuf, B)>) -> InputsDigest {
    let base = session_file.parent().unwrap_or(Path::new(""));
    let mut files: Vec<(String, B)> =
        read.into_iter().map(|(p, bytes)| (relative(base, &p), bytes)).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    // Two passes over the bytes, one per core: the hash of all files and
    // each file's own.
    let (all, listed) = rayon::join(
        || {
            let mut all = Sha256::new();
            for (path, bytes) in &files {
                let bytes = bytes.as_ref();
                all.update(path.as_bytes());
                all.update([0]);
                all.update((bytes.len() as u64).to_le_bytes());
                all.update(bytes);
            }
            hex::encode(all.finalize())
        },
        || {
            let each = |(path, bytes): &(String, B)| InputFile {
                path: path.clone(),
                sha256: hex::encode(Sha256::digest(bytes.as_ref())),
            };
            files.iter().map(each).collect()
        },
    );
    InputsDigest { sha256: all, files: listed }
}

/// The files an inputs digest covers, the session file first: what an
/// open reads ahead for the loader and the digest ([`crate::load::ReadAhead`]).
pub fn input_files(src: &dyn Source, session_file: &Path) -> Result<Vec<PathBuf>, DigestError> {
    listed(src, session_file, &read(src, session_file)?)
}

/// The session file and the files its `dossiers` list names.
fn listed(src: &dyn Source, session_file: &Path, definition: &[u8]) -> Result<Vec<PathBuf>, DigestError> {
    let base = session_file.parent().unwrap_or(Path::new(""));
    let value: serde_json::Value = serde_json::from_slice(definition)
        .map_err(|_| DigestError::NotASession(session_file.to_path_buf()))?;
    let Some(refs) = value.get("dossiers").and_then(|d| d.as_array()) else {
        return Err(DigestError::NotASession(session_file.to_path_buf()));
    };
    let mut paths = vec![session_file.to_path_buf()];
    for r in refs.iter().filter_map(|r| r.as_str()) {
        collect(src, &base.join(r), &mut paths)?;
    }
    Ok(paths)
}

/// How `current` differs from `accepted`, by path.
pub fn compare_inputs(accepted: &InputsDigest, current: &InputsDigest) -> Vec<InputChange> {
    let mut changes = Vec::new();
    for old in &accepted.files {
        match current.files.iter().find(|f| f.path == old.path) {
            None => changes.push(InputChange { path: old.path.clone(), change: ChangeKind::Removed }),
            Some(new) if new.sha256 != old.sha256 => {
                changes.push(InputChange { path: old.path.clone(), change: ChangeKind::Modified })
            }
            Some(_) => {}
        }
    }
    for new in &current.files {
        if !accepted.files.iter().any(|f| f.path == new.path) {
            changes.push(InputChange { path: new.path.clone(), change: ChangeKind::Added });
        }
    }
    changes.sort();
    changes
}

/// The files the loader would read at `path`: the file itself, or the
/// `.json` files of a folder, recursively in name order.
fn collect(src: &dyn Source, path: &Path, out: &mut Vec<PathBuf>) -> Result<(), DigestError> {
    if src.is_dir(path) {
        let entries = src
            .read_dir(path)
            .map_err(|source| DigestError::Unreadable { path: path.to_path_buf(), source })?;
        for entry in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            collect(src, entry, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn read<'s>(src: &'s dyn Source, path: &Path) -> Result<Cow<'s, [u8]>, DigestError> {
    src.read(path).map_err(|source| DigestError::Unreadable { path: path.to_path_buf(), source })
}

/// `path` relative to `base`, `/`-separated, with `.` and `..` resolved
/// lexically so the same file always gets the same name.
fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir if parts.pop().is_none() => parts.push("..".into()),
            _ => {}
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::load::FsSource;

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "session.json", r#"{"id":"s","dossiers":["dossiers/","extra.json"]}"#);
        write(dir.path(), "dossiers/a.json", r#"{"id":"A"}"#);
        write(dir.path(), "dossiers/b.json", r#"{"id":"B"}"#);
        write(dir.path(), "dossiers/readme.txt", "not an input");
        write(dir.path(), "extra.json", r#"{"id":"X"}"#);
        dir
    }

    #[test]
    fn digest_lists_the_files_the_loader_reads_in_path_order() {
        let dir = fixture();
        let d = inputs_digest(&FsSource, &dir.path().join("session.json")).unwrap();
        let paths: Vec<_> = d.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["dossiers/a.json", "dossiers/b.json", "extra.json", "session.json"]);
        assert_eq!(d.sha256.len(), 64);
        let again = inputs_digest(&FsSource, &dir.path().join("session.json")).unwrap();
        assert_eq!(d, again);
    }

    /// The digest is recorded and compared across versions: its definition
    /// (each file's path, a zero byte, its length as 8 bytes little-endian
    /// and its bytes, in path order) must not move. Computed apart with
    /// Python's hashlib.
    #[test]
    fn the_digest_is_the_one_defined() {
        let dir = fixture();
        let d = inputs_digest(&FsSource, &dir.path().join("session.json")).unwrap();
        assert_eq!(d.sha256, "68bb2bc444241458905aeac82a463d62b64cc502c739bde5e4b74632616709c6");
        assert_eq!(d.files[0].sha256, "f23671a25949da080ca9ddaad13ba79e19bfd6f13818b1dfef04c35d75400e3e");
    }

    fn apply() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apply/session.json")
    }

    #[test]
    fn the_input_files_are_the_session_file_and_its_dossier_files() {
        let files = input_files(&FsSource, &apply()).unwrap();
        let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_str().unwrap()).collect();
        assert_eq!(names, ["session.json", "dossiers.json"]);
    }

    #[test]
    fn changes_are_named_by_file() {
        let dir = fixture();
        let session = dir.path().join("session.json");
        let before = inputs_digest(&FsSource, &session).unwrap();
        write(dir.path(), "dossiers/a.json", r#"{"id":"A","changed":true}"#);
        std::fs::remove_file(dir.path().join("dossiers/b.json")).unwrap();
        write(dir.path(), "dossiers/c.json", r#"{"id":"C"}"#);
        write(dir.path(), "dossiers/notes.txt", "ignored");
        let after = inputs_digest(&FsSource, &session).unwrap();
        assert_ne!(before.sha256, after.sha256);
        let changes = compare_inputs(&before, &after);
        let expected = [
            ("dossiers/a.json", ChangeKind::Modified),
            ("dossiers/b.json", ChangeKind::Removed),
            ("dossiers/c.json", ChangeKind::Added),
        ];
        let got: Vec<_> = changes.iter().map(|c| (c.path.as_str(), c.change)).collect();
        assert_eq!(got, expected);
        assert!(compare_inputs(&after, &after).is_empty());
    }

    #[test]
    fn a_renamed_file_changes_the_digest_even_with_the_same_bytes() {
        let dir = fixture();
        let session = dir.path().join("session.json");
        let before = inputs_digest(&FsSource, &session).unwrap();
        std::fs::rename(dir.path().join("dossiers/b.json"), dir.path().join("dossiers/bb.json")).unwrap();
        let after = inputs_digest(&FsSource, &session).unwrap();
        assert_ne!(before.sha256, after.sha256);
    }
}
