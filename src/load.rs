//! Reading and validating input files: session definitions and dossiers.
//!
//! Files come through a [`Source`] so that the embedded demo session and the
//! file system are read the same way.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
        std::fs::read(path).map(Cow::Owned)
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
        write!(
            f,
            "{}:{}:{}: {}: {}{}",
            self.file.display(),
            self.line,
            self.column,
            self.path,
            warn,
            self.message
        )
    }
}

/// A session that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub session: Session,
    pub warnings: Vec<Diagnostic>,
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

/// Load a session definition and every dossier it references.
pub fn load_session(src: &dyn Source, path: &Path, strict: bool) -> Result<Loaded, LoadError> {
    let _ = strict;
    let bytes = read(src, path)?;
    let definition: SessionDefinition = parse(path, &bytes)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut dossiers = Vec::new();
    for reference in &definition.dossiers {
        collect_dossiers(src, &base.join(reference), &mut dossiers)?;
    }
    dossiers.sort_by(|a, b| a.id.cmp(&b.id));
    let mut ordered = Vec::with_capacity(dossiers.len());
    for id in &definition.agenda {
        if let Some(pos) = dossiers.iter().position(|d| &d.id == id) {
            ordered.push(dossiers.remove(pos));
        }
    }
    ordered.extend(dossiers);
    Ok(Loaded { session: Session { definition, dossiers: ordered }, warnings: Vec::new() })
}

fn collect_dossiers(src: &dyn Source, path: &Path, out: &mut Vec<Dossier>) -> Result<(), LoadError> {
    if src.is_dir(path) {
        let entries = src
            .read_dir(path)
            .map_err(|source| LoadError::Unreadable { path: path.to_path_buf(), source })?;
        for entry in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            collect_dossiers(src, entry, out)?;
        }
        return Ok(());
    }
    let bytes = read(src, path)?;
    let value: serde_json::Value = parse(path, &bytes)?;
    if value.get("dossiers").is_some() {
        let c: DossierCollection = parse(path, &bytes)?;
        out.extend(c.dossiers);
    } else {
        out.push(parse(path, &bytes)?);
    }
    Ok(())
}

fn read<'a>(src: &'a dyn Source, path: &Path) -> Result<Cow<'a, [u8]>, LoadError> {
    src.read(path).map_err(|source| LoadError::Unreadable { path: path.to_path_buf(), source })
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| {
        LoadError::Invalid(vec![Diagnostic {
            file: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            path: "$".into(),
            message: e.to_string(),
            severity: Severity::Error,
        }])
    })
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

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
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
    let mut report = Report::default();
    for p in paths {
        match load_session(src, &session_file(p), strict) {
            Ok(l) => report.diagnostics.extend(l.warnings),
            Err(LoadError::Invalid(d)) => report.diagnostics.extend(d),
            Err(LoadError::Unreadable { path, source }) => {
                report.unreadable = true;
                report.diagnostics.push(Diagnostic {
                    file: path,
                    line: 0,
                    column: 0,
                    path: "$".into(),
                    message: format!("cannot read: {source}"),
                    severity: Severity::Error,
                });
            }
        }
    }
    report
}
