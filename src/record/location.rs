//! Where records live: `<data root>/records/<session id>/record.jsonl`.
//! The data root is `GREMIUM_DATA` when set, else the platform data
//! directory; `--record DIR` names a record folder directly.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::{RECORD_FILE, RecordError, io_err, read_only};
use crate::domain::{EventKind, is_valid_id};

/// Environment variable naming the data root.
pub const DATA_ENV: &str = "GREMIUM_DATA";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    #[error("no data directory: set {DATA_ENV} or use --record DIR")]
    NoDataDir,
    #[error("`{0}` is not a valid session id for a record folder")]
    BadSessionId(String),
}

/// The data root: `GREMIUM_DATA`, else the platform data directory.
pub fn data_root() -> Result<PathBuf, LocationError> {
    data_root_from(std::env::var_os(DATA_ENV))
}

fn data_root_from(env: Option<OsString>) -> Result<PathBuf, LocationError> {
    match env.filter(|v| !v.is_empty()) {
        Some(v) => Ok(PathBuf::from(v)),
        None => directories::ProjectDirs::from("", "", "gremium")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or(LocationError::NoDataDir),
    }
}

/// The folder holding one folder per session record.
pub fn records_root() -> Result<PathBuf, LocationError> {
    Ok(data_root()?.join("records"))
}

/// The record folder of a session: `explicit` when given (`--record DIR`),
/// else under [`records_root`].
pub fn default_dir(session_id: &str, explicit: Option<&Path>) -> Result<PathBuf, LocationError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    // The id names a folder: only ids that cannot climb out of the root.
    if !is_valid_id(session_id) || session_id.starts_with('.') {
        return Err(LocationError::BadSessionId(session_id.to_string()));
    }
    Ok(records_root()?.join(session_id))
}

/// A member's review record (PRODUCT.md §11): `explicit` when given, else
/// `reviews/<session id>/<member id>` under the data directory, apart from
/// any session record.
pub fn review_dir(session_id: &str, member: &str, explicit: Option<&Path>) -> Result<PathBuf, LocationError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    for id in [session_id, member] {
        if !is_valid_id(id) || id.starts_with('.') {
            return Err(LocationError::BadSessionId(id.to_string()));
        }
    }
    Ok(data_root()?.join("reviews").join(session_id).join(member))
}

/// State of a listed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordState {
    Open,
    SignedOff,
    /// The record does not check out; the message names the line.
    Damaged(String),
}

/// One line of `gremium sessions`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSummary {
    pub id: String,
    pub title: String,
    pub dir: PathBuf,
    /// Time of the last event.
    pub last_change: Option<DateTime<FixedOffset>>,
    pub state: RecordState,
    pub events: usize,
}

/// The records under `root` (one folder per session), by id. A damaged
/// record is listed as such, not skipped.
pub fn list_records(root: &Path) -> Result<Vec<RecordSummary>, RecordError> {
    let entries = match std::fs::read_dir(root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(root, "list")(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let dir = entry.map_err(io_err(root, "list"))?.path();
        if !dir.join(RECORD_FILE).is_file() {
            continue;
        }
        let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        out.push(summarise(dir, folder));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn summarise(dir: PathBuf, folder: String) -> RecordSummary {
    match read_only(&dir, None) {
        Ok(r) => {
            let (id, title) = match r.events.first().map(|e| &e.event) {
                Some(EventKind::SessionOpened { session_id, title, .. }) => {
                    (session_id.clone(), title.clone())
                }
                _ => (folder, String::new()),
            };
            let signed = r.events.iter().any(|e| matches!(e.event, EventKind::SignedOff { .. }));
            RecordSummary {
                id,
                title,
                dir,
                last_change: r.events.last().map(|e| e.at),
                state: if signed { RecordState::SignedOff } else { RecordState::Open },
                events: r.events.len(),
            }
        }
        Err(e) => RecordSummary {
            id: folder,
            title: String::new(),
            dir,
            last_change: None,
            state: RecordState::Damaged(e.to_string()),
            events: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_platform_directory() {
        assert_eq!(data_root_from(Some("/srv/gremium".into())), Ok(PathBuf::from("/srv/gremium")));
        // An empty value counts as unset.
        assert_ne!(data_root_from(Some("".into())), Ok(PathBuf::from("")));
    }

    #[test]
    fn an_explicit_folder_wins_and_bad_ids_are_refused() {
        let d = default_dir("x", Some(Path::new("/tmp/rec"))).unwrap();
        assert_eq!(d, PathBuf::from("/tmp/rec"));
        assert_eq!(default_dir("../etc", None), Err(LocationError::BadSessionId("../etc".into())));
        assert_eq!(default_dir("", None), Err(LocationError::BadSessionId("".into())));
    }
}
