//! Exporting a session: the results document built from the state, the
//! CSV lists and the minutes beside it, sealed, written as one folder
//! with `SHA256SUMS` (PRODUCT.md §6).

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use ed25519_dalek::SigningKey;
use serde_json::Value;

use super::canonical::sha256_hex;
use super::consistency::{Inconsistency, check_consistency};
use super::dialect::{CsvError, Dialect};
use super::folder::{FolderError, RESULTS_FILE, Written, write_export};
use super::integrity::{INTEGRITY, IntegrityError, SealWith, document_bytes, seal};
use super::lists::{ADMISSION_LIST_FILE, SCORES_FILE, admission_list_csv, scores_csv};
use super::results::{ExportMeta, Results};
use crate::domain::SessionState;

/// The minutes (*Niederschrift*) as Markdown.
pub const MINUTES_MD_FILE: &str = "minutes.md";
/// The minutes as HTML with an A4 print stylesheet.
pub const MINUTES_HTML_FILE: &str = "minutes.html";

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions<'a> {
    pub dialect: Dialect,
    /// When the export is made (held still in tests).
    pub exported_at: DateTime<FixedOffset>,
    /// The generator's version written into the document.
    pub generator_version: String,
    /// The chair's signing key; the export is not signed without one.
    pub key: Option<&'a SigningKey>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error(transparent)]
    Seal(#[from] IntegrityError),
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("cannot encode the results: {0}")]
    Encode(String),
    /// A bug, never the chair's doing: nothing is written.
    #[error("the results contradict themselves, nothing was written: {}", list(.0))]
    Inconsistent(Vec<Inconsistency>),
}

fn list(problems: &[Inconsistency]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// What an export produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub written: Written,
    /// The results document's digest (`integrity.sha256`).
    pub digest: String,
    /// The session was not signed off.
    pub draft: bool,
    /// The document carries a signature.
    pub signed: bool,
}

/// The files of an export before they are written.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFiles {
    /// The sealed results document.
    pub sealed: Value,
    /// Every file but `SHA256SUMS` with its bytes, `results.json` last.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Every file of the export but `SHA256SUMS`.
pub fn export_files(
    state: &SessionState,
    record_last_hash: &str,
    options: &ExportOptions<'_>,
) -> Result<ExportFiles, ExportError> {
    let meta = ExportMeta {
        record_last_hash: record_last_hash.to_string(),
        exported_at: options.exported_at,
        generator_version: options.generator_version.clone(),
    };
    let results = Results::build(state, &meta);
    let minutes = crate::minutes::build(state, options.exported_at);
    let companions = vec![
        (ADMISSION_LIST_FILE.to_string(), admission_list_csv(&results, options.dialect)?),
        (SCORES_FILE.to_string(), scores_csv(&results, options.dialect)?),
        (MINUTES_MD_FILE.to_string(), crate::minutes::markdown(&minutes).into_bytes()),
        (MINUTES_HTML_FILE.to_string(), crate::minutes::html(&minutes).into_bytes()),
    ];
    let document = serde_json::to_value(&results).map_err(|e| ExportError::Encode(e.to_string()))?;
    let problems = check_consistency(&document);
    if !problems.is_empty() {
        return Err(ExportError::Inconsistent(problems));
    }
    let files = companions.iter().map(|(name, bytes)| (name.clone(), sha256_hex(bytes))).collect();
    let sealed = seal(
        document,
        &SealWith { record_last_hash: record_last_hash.to_string(), files, key: options.key },
    )?;
    let mut all = companions;
    all.push((RESULTS_FILE.to_string(), document_bytes(&sealed)?));
    Ok(ExportFiles { sealed, files: all })
}

/// Export the session into `dir` (see `folder.rs` for which folders are
/// written into).
pub fn export_session(
    state: &SessionState,
    record_last_hash: &str,
    dir: &Path,
    options: &ExportOptions<'_>,
) -> Result<Exported, ExportError> {
    let ExportFiles { sealed, files } = export_files(state, record_last_hash, options)?;
    let written = write_export(dir, &files)?;
    let block = sealed.get(INTEGRITY);
    Ok(Exported {
        written,
        digest: block.and_then(|b| b.get("sha256")).and_then(Value::as_str).unwrap_or_default().to_string(),
        draft: !state.is_signed_off(),
        signed: block.is_some_and(|b| b.get("signature").is_some()),
    })
}
