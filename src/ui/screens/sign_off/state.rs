//! What the sign-off screen keeps between keys. No `App` here: the app holds it
//! as data, the screen reads and changes it.

use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct SignOffState {
    /// What the last export did, until the next one.
    pub export: Option<Result<ExportSummary, String>>,
}

/// What an export wrote, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub dir: PathBuf,
    /// File names, `SHA256SUMS` last.
    pub files: Vec<String>,
    pub digest: String,
    pub draft: bool,
    /// The fingerprint of the key it was signed with.
    pub signed_by: Option<String>,
}
