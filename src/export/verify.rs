//! `gremium verify` on a results document: digest, layout, signature,
//! internal consistency, the companion files and `SHA256SUMS`.
//!
//! Every check that can run does, so the report names everything that was
//! altered, not only the first thing.

use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::RESULTS_FORMAT;
use super::canonical::{CanonicalError, document_digest, sha256_hex};
use super::consistency::{Inconsistency, check_consistency};
use super::integrity::{BlockProblem, INTEGRITY, check_signature, document_bytes, read_block};
use super::keys::PublicKey;
use super::sums::{SUMS_FILE, SumProblem, check_sums};

/// Something that does not hold: `verify` exits 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    NotJson(String),
    NotAnObject,
    Format(String),
    NoIntegrity,
    Block(BlockProblem),
    Canonical(CanonicalError),
    Digest { sealed: String, actual: String },
    Layout,
    NotSigned,
    OtherKey { signed_by: String, expected: String },
    Inconsistent(Inconsistency),
    Companion(String),
    Sums(SumProblem),
    SumsUnreadable(String),
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(e) => write!(f, "altered or truncated: not complete JSON any more ({e})"),
            Self::NotAnObject => write!(f, "altered: not a JSON object any more"),
            Self::Format(found) => write!(f, "altered: `format` is {found}, not \"{RESULTS_FORMAT}\""),
            Self::NoIntegrity => {
                write!(f, "no integrity block: not sealed by gremium, or the block was removed")
            }
            Self::Block(p) => write!(f, "altered: {p}"),
            Self::Canonical(e) => write!(f, "altered: {e}"),
            Self::Digest { sealed, actual } => write!(
                f,
                "altered: digest mismatch: the content is not what was sealed (sealed sha256 {sealed}, content now {actual})"
            ),
            Self::Layout => write!(
                f,
                "altered: the content matches its digest, but the bytes are not the ones gremium wrote (spaces, line breaks, escapes or member order were changed)"
            ),
            Self::NotSigned => write!(f, "not signed, but --public-key asks for a signature"),
            Self::OtherKey { signed_by, expected } => write!(
                f,
                "signed by another key: {signed_by}, not the key given with --public-key ({expected})"
            ),
            Self::Inconsistent(i) => write!(f, "inconsistent: {i}"),
            Self::Companion(name) => {
                write!(f, "{name}: altered: its SHA-256 differs from the one in the integrity block")
            }
            Self::Sums(p) => write!(f, "{p}"),
            Self::SumsUnreadable(e) => write!(f, "{SUMS_FILE}: cannot read: {e}"),
        }
    }
}

/// One line of the report: a check that held, or a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportLine {
    Holds(String),
    Finding(Finding),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultsReport {
    pub lines: Vec<ReportLine>,
}

impl ResultsReport {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.lines.iter().filter_map(|l| match l {
            ReportLine::Finding(f) => Some(f),
            ReportLine::Holds(_) => None,
        })
    }

    pub fn is_intact(&self) -> bool {
        self.findings().next().is_none()
    }

    fn holds(&mut self, s: impl Into<String>) {
        self.lines.push(ReportLine::Holds(s.into()));
    }

    fn finding(&mut self, f: Finding) {
        self.lines.push(ReportLine::Finding(f));
    }
}

/// Whether `bytes` are (or were, before damage) a results document rather
/// than a session record. A record's first line is a JSON object on its
/// own; a results document is one pretty-printed object that carries its
/// `format` and an `integrity` block, so one changed byte leaves at least
/// one of the two marks.
pub fn looks_like_results(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => {
            map.contains_key(INTEGRITY)
                || map.get("format").and_then(Value::as_str).is_some_and(|f| f.starts_with("gremium.results"))
        }
        Ok(_) => false,
        Err(_) => {
            let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
            let record_like = serde_json::from_slice::<Value>(first_line).is_ok_and(|v| v.is_object());
            !record_like
                && (contains(bytes, b"\"gremium.results/1\"")
                    || contains(bytes, b"\"integrity\"")
                    || begins_like_results(bytes))
        }
    }
}

/// Whether `bytes` begin as every results document does: its keys are
/// written in sorted order, so it opens with `{` and `"admission_eur"`. A
/// file cut short anywhere after that is a results document cut short.
fn begins_like_results(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes.get(..bytes.len().min(64)).unwrap_or(bytes));
    let rest = text.trim_start().strip_prefix('{').map(str::trim_start);
    // Compared as bytes: the first 15 may end inside a character.
    let key = b"\"admission_eur\"";
    rest.map(str::as_bytes).is_some_and(|r| !r.is_empty() && key.starts_with(&r[..r.len().min(key.len())]))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Check a results document given as its file bytes. `folder` is where it
/// lies, for the companion files and `SHA256SUMS`; `expected` the key the
/// signature must be made with.
pub fn verify_results(bytes: &[u8], folder: Option<&Path>, expected: Option<&PublicKey>) -> ResultsReport {
    let mut report = ResultsReport::default();
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            report.finding(Finding::NotJson(e.to_string()));
            sums(&mut report, folder);
            return report;
        }
    };
    if !doc.is_object() {
        report.finding(Finding::NotAnObject);
        return report;
    }
    match doc.get("format") {
        Some(Value::String(f)) if f == RESULTS_FORMAT => {}
        other => report.finding(Finding::Format(other.map_or("missing".into(), Value::to_string))),
    }
    integrity(&mut report, &doc, bytes, folder, expected);
    let problems = check_consistency(&doc);
    if problems.is_empty() {
        report.holds(summary(&doc));
    }
    for p in problems {
        report.finding(Finding::Inconsistent(p));
    }
    sums(&mut report, folder);
    report
}

fn integrity(
    report: &mut ResultsReport,
    doc: &Value,
    bytes: &[u8],
    folder: Option<&Path>,
    expected: Option<&PublicKey>,
) {
    let Some(block_value) = doc.get(INTEGRITY) else {
        report.finding(Finding::NoIntegrity);
        return;
    };
    let block = match read_block(block_value) {
        Ok(b) => b,
        Err(p) => {
            report.finding(Finding::Block(p));
            return;
        }
    };
    match document_digest(doc) {
        Err(e) => report.finding(Finding::Canonical(e)),
        Ok(actual) if actual != block.sha256 => {
            report.finding(Finding::Digest { sealed: block.sha256.clone(), actual })
        }
        Ok(actual) => {
            report.holds(format!("content digest holds: sha256 {actual} (RFC 8785 canonical form)"));
            match document_bytes(doc) {
                Ok(written) if written == bytes => {}
                _ => report.finding(Finding::Layout),
            }
        }
    }
    match (&block.signature, expected) {
        (None, None) => report.holds("not signed (the chair had no key): integrity rests on the digest alone"),
        (None, Some(_)) => report.finding(Finding::NotSigned),
        (Some(signature), _) => match check_signature(&block, signature) {
            Err(p) => report.finding(Finding::Block(p)),
            Ok(key) => match expected {
                Some(e) if e != &key => report.finding(Finding::OtherKey {
                    signed_by: key.fingerprint(),
                    expected: e.fingerprint(),
                }),
                Some(_) => report.holds(format!("signature holds, by the given key {}", key.fingerprint())),
                None => report.holds(format!(
                    "signature holds, by the key it names: {} (compare with the chair's, or pass --public-key)",
                    key.fingerprint()
                )),
            },
        },
    }
    report.holds(format!("record last hash {}", block.record_last_hash));
    let Some(folder) = folder else { return };
    for (name, sealed) in &block.files {
        match std::fs::read(folder.join(name)) {
            Ok(content) if &sha256_hex(&content) == sealed => {
                report.holds(format!("{name}: matches the seal"))
            }
            Ok(_) => report.finding(Finding::Companion(name.clone())),
            Err(_) => report.holds(format!("{name}: not beside the document, not checked")),
        }
    }
}

fn sums(report: &mut ResultsReport, folder: Option<&Path>) {
    let Some(folder) = folder else { return };
    match check_sums(folder) {
        Ok(None) => {}
        Ok(Some(check)) => {
            if check.problems.is_empty() {
                report.holds(format!("{SUMS_FILE}: {} files match", check.matched.len()));
            }
            for p in check.problems {
                report.finding(Finding::Sums(p));
            }
        }
        Err(e) => report.finding(Finding::SumsUnreadable(e.to_string())),
    }
}

fn summary(doc: &Value) -> String {
    let count = |key: &str| doc.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let draft = if doc.get("draft") == Some(&Value::Bool(true)) {
        "a draft (not signed off)".to_string()
    } else {
        let by = doc.pointer("/sign_off/by").and_then(Value::as_str).unwrap_or_default();
        let at = doc.pointer("/sign_off/at").and_then(Value::as_str).unwrap_or_default();
        format!("signed off by {by} at {at}")
    };
    format!(
        "consistent: {} dossiers; {} admitted, {} on the waiting list, {} not admitted, {} deferred; {draft}",
        count("dossiers"),
        count("admission_list"),
        count("waiting_list"),
        count("not_admitted"),
        count("deferred")
    )
}
