//! Reading and validating input files: session definitions and dossiers.
//!
//! Files come through a [`Source`] so that the embedded demo session and the
//! file system are read the same way.
//!
//! A dossier file is first read in one pass (`fast`): serde straight into
//! the domain types, then every check on those types. That path only
//! decides whether the file is clean; when any file is not, the whole run is
//! made again on the spanned path, which says what and where. There each
//! file goes through three stages: a spanned parse (`json`), a check
//! against the JSON Schema generated from the domain types (`check`), and the
//! semantic cross-checks (`session`, `dossier`); values that passed the first
//! two are then deserialized into the domain types with serde. Every problem is
//! collected with its byte offset and located (line, column) only at the end.
//! Session files are small and always take the spanned path.

mod check;
mod dossier;
mod fast;
mod json;
mod position;
mod sample;
mod session;
mod suggest;
mod tree;
mod validate;

#[doc(hidden)]
pub use sample::sample_collection;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::Serialize;

use crate::domain::{Dossier, DossierCollection, Session, SessionDefinition};

/// Where input files come from.
pub trait Source {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>>;
    /// The entries of a folder, sorted by name.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
    fn is_dir(&self, path: &Path) -> bool;
}

/// The real file system.
pub struct FsSource;

impl Source for FsSource {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        crate::files::read_whole(path).map(Cow::Owned)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut entries =
            std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<io::Result<Vec<_>>>()?;
        entries.sort();
        Ok(entries)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
}

/// The session file for a path given on the command line: the path itself,
/// or `session.json` inside it when it is a folder.
pub fn session_file(path: &Path) -> PathBuf {
    if path.is_dir() { path.join("session.json") } else { path.to_path_buf() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in an input file, located by line, column and JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// JSON path of the value concerned, `$` for the document.
    pub path: String,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warn = if self.severity == Severity::Warning { "warning: " } else { "" };
        // The path and the message quote the file: one line, neutralised.
        write!(
            f,
            "{}:{}:{}: {}: {}{}",
            crate::text::clean_line(&self.file.display().to_string()),
            self.line,
            self.column,
            crate::text::clean_line(&self.path),
            warn,
            crate::text::clean_line(&self.message)
        )
    }
}

/// A session that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    pub warnings: Vec<Diagnostic>,
}

/// Files read ahead, each once, and kept: the loader and the inputs digest
/// of an open read the same bytes from here, at the same time on the two
/// cores; `validate`'s second, spanned run reads what its first run read
/// (a pipe gives its bytes only once). A file that was not read ahead (or
/// could not be) is read from `inner` when asked for, so its reader
/// reports what is wrong with it.
pub struct ReadAhead<'a, S: Source + ?Sized> {
    inner: &'a S,
    files: HashMap<PathBuf, Vec<u8>>,
}

impl<'a, S: Source + ?Sized> ReadAhead<'a, S> {
    pub fn new(inner: &'a S, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        ReadAhead { inner, files: HashMap::new() }.and(paths)
    }

    /// Read ahead `paths` too, those not held already.
    pub fn and(mut self, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        for p in paths {
            if !self.files.contains_key(&p)
                && let Ok(bytes) = self.inner.read(&p)
            {
                self.files.insert(p, bytes.into_owned());
            }
        }
        self
    }
}

impl<'a, S: Source + ?Sized> ReadAhead<'a, S> {
    /// The bytes of `paths`, in that order (a path named twice once), when
    /// every one was read ahead; else the reading as it was.
    pub fn take(mut self, paths: &[PathBuf]) -> Result<Vec<(PathBuf, Vec<u8>)>, Self> {
        if !paths.iter().all(|p| self.files.contains_key(p)) {
            return Err(self);
        }
        Ok(paths.iter().filter_map(|p| self.files.remove(p).map(|bytes| (p.clone(), bytes))).collect())
    }
}

impl<S: Source + ?Sized> Source for ReadAhead<'_, S> {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        match self.files.get(path) {
            Some(bytes) => Ok(Cow::Borrowed(bytes)),
            None => self.inner.read(path),
        }
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        self.inner.read_dir(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.inner.is_dir(path)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} problem(s) in the input", .0.len())]
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// The lines to show the user, one per problem.
    pub fn report(&self) -> String {
        match self {
            LoadError::Unreadable { .. } => format!("{self}\n"),
            LoadError::Invalid(diags) => diags.iter().map(|d| format!("{d}\n")).collect(),
        }
    }

    /// 2 when a file could not be read, 1 when the input is invalid.
    pub fn exit_code(&self) -> u8 {
        match self {
            LoadError::Unreadable { .. } => 2,
            LoadError::Invalid(_) => 1,
        }
    }
}

/// Load a session definition and every dossier it references, checking
/// everything; with `strict`, warnings count as errors.
pub fn load_session(src: &dyn Source, path: &Path, strict: bool) -> Result<Loaded, LoadError> {
    let bytes =
        src.read(path).map_err(|source| LoadError::Unreadable { path: path.to_path_buf(), source })?;
    let outcome = session::check_session(src, path, &bytes, true);
    let mut diagnostics = outcome.diagnostics;
    in_reading_order(&mut diagnostics);
    if strict {
        make_strict(&mut diagnostics);
    }
    match outcome.session {
        Some(session) if !diagnostics.iter().any(|d| d.severity == Severity::Error) => {
            Ok(Loaded { session, warnings: diagnostics })
        }
        _ => Err(LoadError::Invalid(diagnostics)),
    }
}

/// Order problems as a reader meets them: files in the order they were
/// first reported, and within a file by line and column.
pub fn in_reading_order(diagnostics: &mut [Diagnostic]) {
    let mut first_seen: Vec<&Path> = Vec::new();
    let ranks: Vec<usize> = diagnostics
        .iter()
        .map(|d| match first_seen.iter().position(|f| *f == d.file.as_path()) {
            Some(i) => i,
            None => {
                first_seen.push(&d.file);
                first_seen.len() - 1
            }
        })
        .collect();
    let mut keyed: Vec<(usize, Diagnostic)> = ranks.into_iter().zip(diagnostics.iter().cloned()).collect();
    keyed.sort_by_key(|(rank, d)| (*rank, d.line, d.column));
    for (slot, (_, d)) in diagnostics.iter_mut().zip(keyed) {
        *slot = d;
    }
}

/// Turn warnings into errors (`--strict`).
pub fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

/// A problem located by byte offset, before line and column are known.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub offset: usize,
    pub path: String,
    pub message: String,
    pub severity: Severity,
}

impl Finding {
    pub fn error(offset: usize, path: String, message: String) -> Self {
        Finding { offset, path, message, severity: Severity::Error }
    }

    pub fn warning(offset: usize, path: String, message: String) -> Self {
        Finding { offset, path, message, severity: Severity::Warning }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Locate a file's findings, in the order they occur in the file.
fn locate(file: &Path, bytes: &[u8], mut findings: Vec<Finding>) -> Vec<Diagnostic> {
    findings.sort_by_key(|f| f.offset);
    let locator = position::Locator::new(bytes);
    findings
        .into_iter()
        .map(|f| {
            let (line, column) = locator.position(f.offset);
            Diagnostic {
                file: file.to_path_buf(),
                line,
                column,
                path: f.path,
                message: f.message,
                severity: f.severity,
            }
        })
        .collect()
}

/// The schemas generated from the domain types, compiled once.
/// The checkers compiled from the domain's schemas, each on first use: a
/// clean dossier file never needs its own (`fast.rs`).
struct Schemas {
    session: LazyLock<check::Schema>,
    dossier: LazyLock<check::Schema>,
    collection: LazyLock<check::Schema>,
}

fn compile(s: schemars::Schema) -> check::Schema {
    check::Schema::compile(s.as_value())
}

static SCHEMAS: Schemas = Schemas {
    session: LazyLock::new(|| compile(schemars::schema_for!(SessionDefinition))),
    dossier: LazyLock::new(|| compile(schemars::schema_for!(Dossier))),
    collection: LazyLock::new(|| compile(schemars::schema_for!(DossierCollection))),
};

/// Order dossiers for the agenda: the configured agenda first, then the rest
/// by id.
pub fn agenda_order(dossiers: &mut [Dossier], agenda: &[String]) {
    let mut rank: HashMap<&str, usize> = HashMap::with_capacity(agenda.len());
    for (i, id) in agenda.iter().enumerate() {
        rank.entry(id.as_str()).or_insert(i);
    }
    let rank_of = |d: &Dossier| rank.get(d.id.as_str()).copied().unwrap_or(usize::MAX);
    dossiers.sort_by(|a, b| rank_of(a).cmp(&rank_of(b)).then_with(|| a.id.cmp(&b.id)));
}

/// The outcome of `gremium validate`.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// True when a file could not be read at all.
    pub unreadable: bool,
}

impl Report {
    pub fn to_text(&self) -> String {
        self.diagnostics.iter().map(|d| format!("{d}\n")).collect()
    }

    /// The report as JSON; messages and paths are neutralised as in the
    /// text form (JSON escapes C0 controls, not C1, DEL or bidi controls).
    pub fn to_json(&self) -> String {
        let clean = Report {
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| Diagnostic {
                    path: crate::text::clean_line(&d.path).into_owned(),
                    message: crate::text::clean_line(&d.message).into_owned(),
                    ..d.clone()
                })
                .collect(),
            unreadable: self.unreadable,
        };
        serde_json::to_string_pretty(&clean).unwrap_or_default()
    }

    pub fn exit_code(&self) -> u8 {
        if self.unreadable {
            2
        } else if self.diagnostics.iter().any(|d| d.severity == Severity::Error) {
            1
        } else {
            0
        }
    }
}

/// Validate each path: a session definition (with everything it references),
/// a dossier file, a collection, or a folder of such files.
pub fn validate_paths(src: &dyn Source, paths: &[PathBuf], strict: bool) -> Report {
    let mut report = validate::validate(src, paths);
    in_reading_order(&mut report.diagnostics);
    if strict {
        make_strict(&mut report.diagnostics);
    }
    report
}

#[cfg(test)]
mod tests;
