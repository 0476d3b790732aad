//! The demo session, embedded in the binary so that `gremium` with no
//! arguments works from any directory.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::Session;
use crate::load::{self, LoadError, Source};

/// Path of the demo's session file inside the embedded tree.
pub const SESSION_PATH: &str = "hessen-2027/session.json";

/// Every file of `sessions/` that the demo needs, by its path below `sessions/`.
pub const FILES: &[(&str, &str)] = &[
    ("hessen-2027/session.json", include_str!("../sessions/hessen-2027/session.json")),
    ("hessen-2027/dossiers/darmstadt.json", include_str!("../sessions/hessen-2027/dossiers/darmstadt.json")),
    ("hessen-2027/dossiers/giessen.json", include_str!("../sessions/hessen-2027/dossiers/giessen.json")),
    ("hessen-2027/dossiers/kassel.json", include_str!("../sessions/hessen-2027/dossiers/kassel.json")),
];

/// The embedded files as a [`Source`].
pub struct EmbeddedSource;

impl Source for EmbeddedSource {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        FILES
            .iter()
            .find(|(p, _)| Path::new(p) == path)
            .map(|(_, text)| Cow::Borrowed(text.as_bytes()))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not part of the demo session"))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut entries: Vec<PathBuf> = FILES
            .iter()
            .map(|(p, _)| Path::new(p))
            .filter(|p| p.parent() == Some(path))
            .map(Path::to_path_buf)
            .collect();
        entries.sort();
        Ok(entries)
    }

    fn is_dir(&self, path: &Path) -> bool {
        FILES.iter().any(|(p, _)| Path::new(p).parent() == Some(path))
    }
}

/// Load the embedded demo session.
/// Whether a command's PATH means the embedded demo: the word `demo`, when
/// no file or folder of that name is there.
pub fn named(path: &Path) -> bool {
    path == Path::new("demo") && !path.exists()
}

pub fn session() -> Result<Session, LoadError> {
    load::load_session(&EmbeddedSource, Path::new(SESSION_PATH), false).map(|l| l.session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_match_the_sessions_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.join("hessen-2027")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    on_disk.push(path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
        for (p, text) in FILES {
            assert_eq!(&std::fs::read_to_string(root.join(p)).unwrap(), text, "{p}");
        }
    }

    #[test]
    fn demo_loads() {
        let s = session().unwrap();
        assert!(!s.dossiers.is_empty());
    }
}
