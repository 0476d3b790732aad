//! `gremium export`: the session and its record read (never locked, so a
//! running session keeps its writer), the results folder written.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::domain::SessionState;
use crate::export::{self, Dialect, ExportOptions, RESULTS_FILE, SUMS_FILE};
use crate::load::{self, FsSource};
use crate::record::{self, RecordError};

pub struct ExportRequest {
    pub path: PathBuf,
    pub record: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub dialect: Dialect,
}

/// The folder `gremium export` writes into without `--out`.
pub fn default_out(session_id: &str) -> PathBuf {
    PathBuf::from(format!("{session_id}-export"))
}

/// When the export is made: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, shown with `offset` (the
/// record's, so that the minutes state the session's local time), else UTC;
/// without it the local time now.
pub fn export_time(offset: Option<FixedOffset>) -> Result<DateTime<FixedOffset>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .map(|t| match offset {
                Some(o) => t.with_timezone(&o),
                None => t.fixed_offset(),
            })
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds since 1970")),
        Err(_) => Ok(record::now()),
    }
}

/// 0 written; 1 the record, the inputs, the key or the folder stand in the
/// way; 2 the session files cannot be read (as `validate`).
pub fn export(req: ExportRequest) -> color_eyre::Result<ExitCode> {
    // `demo` is the embedded demo session, from any directory (unless a
    // folder of that name is there).
    let demo = crate::demo::named(&req.path);
    let source: &(dyn load::Source + Sync) = if demo { &crate::demo::EmbeddedSource } else { &FsSource };
    let session_path =
        if demo { PathBuf::from(crate::demo::SESSION_PATH) } else { load::session_file(&req.path) };
    // the digest compared with the record's is of the bytes loaded
    let read = match super::reading::read_session(source, session_path, true) {
        Ok(read) => read,
        Err(e) => {
            eprint!("{}", crate::text::clean_message(&e.report()));
            return Ok(ExitCode::from(e.exit_code()));
        }
    };
    for w in &read.loaded.warnings {
        crate::say_err!("{w}");
    }
    let session_path = read.session_path;
    let session = Arc::new(read.loaded.session);
    let id = session.definition.id.clone();
    let dir = match record::default_dir(&id, req.record.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(&e.to_string()),
    };
    let ro = match record::read_only(&dir, Some(&id)) {
        Ok(ro) => ro,
        Err(RecordError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return fail(&format!(
                "no record of session {id} in {}; open the session first (gremium open {}), or name the record with --record DIR",
                dir.display(),
                req.path.display()
            ));
        }
        Err(e) => return fail(&e.to_string()),
    };
    if let Some(line) = ro.torn_line {
        crate::say_err!(
            "gremium: warning: line {line} of {} is torn (a write that did not finish); exported without it. Opening the session sets it aside.",
            dir.join(record::RECORD_FILE).display()
        );
    }
    let last_hash = ro.last_hash.clone();
    let state = match SessionState::replay(session.clone(), ro.events) {
        Ok(s) => s,
        Err(e) => return fail(&format!("{}: {e}", dir.join(record::RECORD_FILE).display())),
    };
    match read.inputs.unwrap_or_else(|| record::inputs_digest(source, &session_path)) {
        Ok(now) => {
            let changes = record::compare_inputs(&state.meta.inputs, &now);
            if !changes.is_empty() {
                let list: Vec<String> =
                    changes.iter().map(|c| format!("{} ({:?})", c.path, c.change).to_lowercase()).collect();
                return fail(&format!(
                    "the session files differ from those the record was run with: {}; open the session to accept the changes (recorded), then export",
                    list.join(", ")
                ));
            }
        }
        Err(e) => return fail(&e.to_string()),
    }
    let key = match crate::config::chair_key() {
        Ok(k) => k,
        Err(e) => return fail(&format!("the signing key: {e}")),
    };
    let exported_at = match export_time(state.meta.last_at.map(|t| *t.offset())) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let out = req.out.unwrap_or_else(|| default_out(&id));
    let options = ExportOptions {
        dialect: req.dialect,
        exported_at,
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        key: key.as_ref(),
    };
    match export::export_session(&state, &last_hash, &out, &options) {
        Ok(done) => {
            let what = if done.draft { "a draft (the session is not signed off)" } else { "signed off" };
            crate::say!("Exported {id}, {what}, to {}:", out.display());
            for (name, sha) in &done.written.digests {
                crate::say!("  {name}  {sha}");
            }
            crate::say!("  {SUMS_FILE}");
            crate::say!("results.json digest (SHA-256, RFC 8785): {}", done.digest);
            match &key {
                Some(k) => crate::say!("Signed with the key {}", export::fingerprint(&k.verifying_key())),
                None => crate::say!("Not signed: no signing key (gremium keygen makes one)"),
            }
            crate::say!("Check it with: gremium verify {}", out.join(RESULTS_FILE).display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> color_eyre::Result<ExitCode> {
    crate::say_err!("gremium: {message}");
    Ok(ExitCode::from(1))
}
