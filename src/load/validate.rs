//! `gremium validate`: every path given, whatever it holds.

use std::io;
use std::path::{Path, PathBuf};

use super::dossier::{DossierScope, check_parsed_dossier_file, read_clean};
use super::session::{check_session, is_session};
use super::{Diagnostic, Report, Severity, Source, json};

/// Check each path: a session file, a folder holding `session.json`, a
/// dossier file, a collection, or a folder of dossier files. Dossier files
/// given outside a session share one scope, so an id used in two of them is
/// reported.
///
/// Dossier files are read on the fast path first (`fast.rs`); when one of
/// them is not clean, every path is checked again on the spanned path, so
/// that what it reports is located as before.
pub(super) fn validate(src: &dyn Source, paths: &[PathBuf]) -> Report {
    // The files given are read once for both runs: a pipe
    // (`gremium validate <(…)`) gives its bytes only once.
    let given = paths.iter().filter(|p| !src.is_dir(p)).cloned();
    let src = super::ReadAhead::new(src, given);
    let (report, fast_failed) = validate_once(&src, paths, true);
    if fast_failed { validate_once(&src, paths, false).0 } else { report }
}

fn validate_once(src: &dyn Source, paths: &[PathBuf], fast: bool) -> (Report, bool) {
    let mut report = Report::default();
    let mut loose = DossierScope::new(None);
    loose.keep = false;
    loose.fast = fast;
    for path in paths {
        if !src.is_dir(path) {
            validate_file(src, path, &mut loose, &mut report);
            continue;
        }
        let entries = match src.read_dir(path) {
            Ok(e) => e,
            Err(e) => {
                unreadable(&mut report, path, &e);
                continue;
            }
        };
        if entries.iter().any(|e| e.file_name().is_some_and(|n| n == "session.json")) {
            validate_file(src, &path.join("session.json"), &mut loose, &mut report);
            continue;
        }
        let json: Vec<&PathBuf> =
            entries.iter().filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        if json.is_empty() {
            report.diagnostics.push(Diagnostic {
                file: path.clone(),
                line: 0,
                column: 0,
                path: "$".into(),
                message: "the folder holds no .json files: nothing to check".into(),
                severity: Severity::Error,
            });
        }
        for file in json {
            validate_file(src, file, &mut loose, &mut report);
        }
    }
    (report, loose.fast_failed)
}

fn validate_file(src: &dyn Source, path: &Path, loose: &mut DossierScope, report: &mut Report) {
    let bytes = match src.read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(report, path, &e),
    };
    if loose.fast && (loose.fast_failed || read_clean(&bytes, loose)) {
        return;
    }
    let parsed = json::parse(&bytes);
    if parsed.doc.as_ref().is_some_and(is_session) {
        // session files are small: parsing again keeps `check_session` simple
        report.diagnostics.extend(check_session(src, path, &bytes, false).diagnostics);
    } else if loose.fast {
        // not clean: the spanned run says what and where
        loose.fast_failed = true;
    } else {
        report.diagnostics.extend(check_parsed_dossier_file(path, &bytes, parsed, loose));
    }
}

fn unreadable(report: &mut Report, path: &Path, e: &io::Error) {
    report.unreadable = true;
    report.diagnostics.push(Diagnostic {
        file: path.to_path_buf(),
        line: 0,
        column: 0,
        path: "$".into(),
        message: format!("cannot read: {e}"),
        severity: Severity::Error,
    });
}
