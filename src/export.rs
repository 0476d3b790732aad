//! What leaves the session: the results document with its integrity block,
//! the CSV lists, the export folder with `SHA256SUMS`, and the checks that
//! `gremium verify` runs on them. See docs/results.md and docs/security.md.
//!
//! No terminal code here. Sealing and checking work on `serde_json::Value`,
//! so they do not depend on how the results model is built; the model
//! (`results.rs`) and the lists are built from the session state.

pub mod ballot;
mod canonical;
mod consistency;
pub mod dialect;
mod folder;
mod integrity;
pub mod keys;
mod lists;
pub mod results;
#[doc(hidden)]
pub mod sample;
mod session;
mod sums;
mod text;
mod verify;

#[cfg(test)]
mod tests;

pub use canonical::{CanonicalError, canonical_bytes, document_digest, sha256_hex};
pub use consistency::{Inconsistency, check_consistency};
pub use dialect::{Cell, CsvError, CsvTable, Dialect};
pub use folder::{FolderError, RESULTS_FILE, Written, write_export, write_sealed_export};
pub use integrity::{
    BlockProblem, DIGEST_ALGORITHM, INTEGRITY, IntegrityBlock, IntegrityError, SIGNATURE_ALGORITHM, SealWith,
    SignatureBlock, check_signature, document_bytes, read_block, seal, signed_message,
};
pub use keys::{KeyError, PublicKey, fingerprint};
pub use lists::{ADMISSION_LIST_FILE, SCORES_FILE, admission_list_csv, scores_csv};
pub use results::{ExportMeta, Results};
pub use session::{
    ExportError, ExportFiles, ExportOptions, Exported, MINUTES_HTML_FILE, MINUTES_MD_FILE, export_files,
    export_session,
};
pub use sums::{SUMS_FILE, SumProblem, SumsCheck, check_sums, sums_text};
pub use verify::{Finding, ReportLine, ResultsReport, looks_like_results, verify_results};

/// The `format` of a results document.
pub const RESULTS_FORMAT: &str = "gremium.results/1";
