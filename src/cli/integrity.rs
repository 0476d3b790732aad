//! `gremium keygen` and `gremium verify` (results documents; records go on
//! to `records::verify_record`).

use std::path::Path;
use std::process::ExitCode;

use crate::export::keys::{self, KeyError};
use crate::export::{self, PublicKey, ReportLine};
use crate::text::clean_line;

/// Write a new signing key into the config directory (the chair's, or a
/// member's for ballots); print where and its fingerprint. 0 written, 1
/// refused (a key exists), 2 anything else.
pub fn keygen(force: bool, member: Option<&str>) -> color_eyre::Result<ExitCode> {
    let dir = match member {
        Some(m) => crate::config::member_keys_dir(m),
        None => crate::config::keys_dir(),
    };
    let written = dir.and_then(|dir| {
        let key = keys::generate()?;
        keys::write_keypair(&dir, &key, force)
    });
    match written {
        Ok(files) if member.is_some() => {
            crate::say!("Ballot signing key (private, keep it so): {}", files.private.display());
            crate::say!(
                "Public key (give it to the secretariat for the session's `public_key`): {}",
                files.public.display()
            );
            crate::say!("Fingerprint: {}", files.fingerprint);
            crate::say!("Your ballots are signed with it from now on.");
            Ok(ExitCode::SUCCESS)
        }
        Ok(files) => {
            crate::say!("Signing key (private, keep it so): {}", files.private.display());
            crate::say!("Public key (give it to whoever checks the exports): {}", files.public.display());
            crate::say!("Fingerprint: {}", files.fingerprint);
            crate::say!(
                "Exports are signed with it from now on; check one with `gremium verify results.json --public-key {}`.",
                files.public.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ KeyError::Exists(_)) => {
            crate::say_err!("gremium: {e}");
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            crate::say_err!("gremium: {e}");
            Ok(ExitCode::from(2))
        }
    }
}

/// Check a results document or a session record. 0 intact, 1 altered,
/// 2 unreadable or neither kind of file.
pub fn verify(path: &Path, public_key: Option<&str>, record: Option<&Path>) -> color_eyre::Result<ExitCode> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            crate::say_err!("gremium: {}: cannot read: {e}", path.display());
            return Ok(ExitCode::from(2));
        }
    };
    if !export::looks_like_results(&bytes) {
        if !looks_like_record(path, &bytes) {
            crate::say_err!(
                "gremium: {}: neither a results document (\"format\": \"{}\") nor a session record (record.jsonl)",
                path.display(),
                export::RESULTS_FORMAT
            );
            return Ok(ExitCode::from(2));
        }
        if public_key.is_some() {
            crate::say_err!(
                "gremium: --public-key is for results documents; a record is checked by its hash chain"
            );
        }
        if record.is_some() {
            crate::say_err!("gremium: --record is for results documents: it names the record they came from");
            return Ok(ExitCode::from(2));
        }
        return super::records::verify_record(path);
    }
    let expected = match public_key.map(PublicKey::from_arg).transpose() {
        Ok(k) => k,
        Err(e) => {
            crate::say_err!("gremium: --public-key: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let folder = path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    let report = export::verify_results(&bytes, folder, expected.as_ref());
    let name = path.display();
    let mut failed = 0;
    for line in &report.lines {
        match line {
            ReportLine::Holds(s) => crate::say!("{name}: {}", clean_line(s)),
            ReportLine::Finding(f) => {
                failed += 1;
                crate::say!("{name}: {}", clean_line(&f.to_string()));
            }
        }
    }
    if let Some(record) = record {
        match reaches(&bytes, record) {
            Ok(holds) => crate::say!("{name}: {}", clean_line(&holds)),
            Err(finding) => {
                failed += 1;
                crate::say!("{name}: {}", clean_line(&finding));
            }
        }
    }
    if failed == 0 {
        crate::say!("{name}: intact");
        Ok(ExitCode::SUCCESS)
    } else {
        let s = if failed == 1 { "" } else { "s" };
        crate::say!("{name}: does not hold: {failed} finding{s}");
        Ok(ExitCode::from(1))
    }
}

/// A record's lines are JSON objects; a damaged one is still a record when
/// the file carries the record's name.
fn looks_like_record(path: &Path, bytes: &[u8]) -> bool {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    serde_json::from_slice::<serde_json::Value>(first).is_ok_and(|v| v.is_object())
        || path.extension().is_some_and(|e| e == "jsonl")
}

/// Does the record at `record` reach the results in `bytes`: is the
/// exported `record.last_hash` the hash of its event number
/// `record.events`? The answer is one line for the report.
fn reaches(bytes: &[u8], record: &Path) -> Result<String, String> {
    let shown = record.display();
    let doc: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
    let block = &doc["record"];
    let (Some(session), Some(events), Some(hash)) =
        (block["session_id"].as_str(), block["events"].as_u64(), block["last_hash"].as_str())
    else {
        return Err(format!(
            "cannot be compared with the record {shown}: the results name no record (`record.session_id`, `record.events`, `record.last_hash`)"
        ));
    };
    let ro = match crate::record::verify_record(record) {
        Ok(ro) => ro,
        Err(e) => return Err(format!("the record does not check out: {e}")),
    };
    let exported = crate::record::Anchor::new(session, events, hash.to_string());
    match crate::record::anchor::check(&exported, ro.session_id.as_deref(), &ro.events, &ro.last_hash) {
        Ok(r) if r.after == 0 => Ok(format!(
            "the record {shown} reaches these results: event {events} has hash {hash}, and it is the last"
        )),
        Ok(r) => {
            let more =
                if r.after == 1 { "1 more event".to_string() } else { format!("{} more events", r.after) };
            Ok(format!(
                "the record {shown} reaches these results: event {events} has hash {hash}; {more} came after the export"
            ))
        }
        Err(m) => Err(format!("the record {shown} does not reach these results: {}", results_mismatch(&m))),
    }
}

/// A mismatch worded for results (the anchor module words it for an
/// anchor).
fn results_mismatch(m: &crate::record::Mismatch) -> String {
    use crate::record::Mismatch;
    match m {
        Mismatch::OtherSession { anchored, found } => {
            format!("it belongs to session `{found}`, the results to session `{anchored}`")
        }
        Mismatch::Emptied { events, hash } | Mismatch::Missing { events, hash } => {
            format!("it holds no events; the results were exported at event {events} (hash {hash})")
        }
        Mismatch::Shorter { found, found_hash, events, hash } => format!(
            "it holds {found} events (last hash {found_hash}); the results were exported at event {events} (hash {hash})"
        ),
        Mismatch::Differs { events, found_hash, hash } => {
            format!("its event {events} has hash {found_hash}; the results were exported with hash {hash}")
        }
        Mismatch::Unreadable(why) => why.clone(),
    }
}
