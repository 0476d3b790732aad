//! The entry points of the fuzz targets (`fuzz/`, run with cargo-fuzz on
//! nightly) and of the corpus replay in `cargo test`
//! (`tests/cli/fuzz_corpus.rs`): each takes arbitrary bytes as a file would
//! hold them, must never panic or hang, and returns every message a user
//! would see, so the replay can check that none quotes input raw.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::{Source, load_session, validate_paths};

/// One file in memory, at `path`.
struct OneFile<'a> {
    path: &'a Path,
    bytes: &'a [u8],
}

impl Source for OneFile<'_> {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        if path == self.path { Ok(Cow::Borrowed(self.bytes)) } else { Err(io::ErrorKind::NotFound.into()) }
    }

    fn read_dir(&self, _path: &Path) -> io::Result<Vec<PathBuf>> {
        Err(io::ErrorKind::NotFound.into())
    }

    fn is_dir(&self, _path: &Path) -> bool {
        false
    }
}

/// `bytes` as a session or dossier file: what `validate` prints (text and
/// JSON) and what `open` says when it refuses.
pub fn input_file(bytes: &[u8]) -> String {
    let path = Path::new("input.json");
    let src = OneFile { path, bytes };
    let report = validate_paths(&src, &[path.to_path_buf()], false);
    let mut out = report.to_text();
    out.push_str(&report.to_json());
    if let Err(e) = load_session(&src, path, false) {
        out.push_str(&e.report());
    }
    out
}

/// `bytes` as a session record: what `verify` prints for it.
pub fn record_file(bytes: &[u8]) -> String {
    match crate::record::read_bytes(Path::new("record.jsonl"), bytes, None) {
        Ok(ro) => {
            format!("{} events, last hash {}, torn line {:?}", ro.events.len(), ro.last_hash, ro.torn_line)
        }
        Err(e) => crate::text::clean_message(&e.to_string()),
    }
}

/// `bytes` as a results document: what `verify` prints for it.
pub fn results_file(bytes: &[u8]) -> String {
    let mut out = String::new();
    if crate::export::looks_like_results(bytes) {
        for line in crate::export::verify_results(bytes, None, None).lines {
            let text = match line {
                crate::export::ReportLine::Holds(s) => s,
                crate::export::ReportLine::Finding(f) => f.to_string(),
            };
            out.push_str(&crate::text::clean_line(&text));
            out.push('\n');
        }
    }
    out
}
