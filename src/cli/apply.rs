//! `gremium apply PATH COMMANDS.jsonl`: the chair's commands from a file
//! (PRODUCT.md §10, docs/commands.md). It takes the record's lock, runs each
//! command through the same check the screens use (`procedure::decide`,
//! via `LiveSession::execute`), records the accepted ones and prints each
//! refusal as `file:line: message`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::reading::SessionRead;
use crate::domain::Language;
use crate::load::{self, FsSource};
use crate::procedure::script::{self, Entry};
use crate::record::{self, LiveError, LiveSession};

pub struct ApplyRequest {
    pub path: PathBuf,
    pub commands: PathBuf,
    pub record: Option<PathBuf>,
    pub lang: Option<Language>,
}

/// 0 every command accepted; 1 some refused (the accepted ones stay
/// recorded); 2 the session, the commands file or the record cannot be
/// read or written.
pub fn apply(req: ApplyRequest) -> color_eyre::Result<ExitCode> {
    let read = match load_session(&req.path, true) {
        Ok(read) => read,
        Err(code) => return Ok(code),
    };
    let shown = req.commands.display().to_string();
    let text = match std::fs::read(&req.commands) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => return fail(&format!("{shown}: not UTF-8 text ({e})")),
        },
        Err(e) => return fail(&format!("{shown}: cannot read: {e}")),
    };
    // The time of lines without `at`: SOURCE_DATE_EPOCH when set (with the
    // offset of the first time given), else now.
    let offset = text.lines().find_map(first_offset);
    let now = match super::export::export_time(offset) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let entries = match script::parse(&text, now) {
        Ok(e) => e,
        Err(e) => return fail(&format!("{shown}:{}: {}", e.line, e.message)),
    };

    let Writing { session, mut live, strings, .. } = match open_for_writing(
        read.loaded.session,
        &read.session_path,
        read.inputs,
        req.record.as_deref(),
        req.lang,
        now,
        "apply",
    ) {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };

    let (mut accepted, mut refused) = (0usize, 0usize);
    for entry in entries {
        match entry {
            Entry::Error(e) => {
                refused += 1;
                crate::say!("{shown}:{}: {}", e.line, e.message);
            }
            Entry::Command(line) => {
                match live.execute(line.actor, &line.command, line.at.unwrap_or(now)) {
                    Ok(_) => accepted += 1,
                    Err(LiveError::Domain(e)) => {
                        refused += 1;
                        let why = crate::ui::describe::refusal(&e, strings, &session);
                        crate::say!("{shown}:{}: {why}", line.line);
                    }
                    // The record cannot be written: stop, nothing after
                    // this line is recorded.
                    Err(e) => {
                        crate::say_err!("gremium: {shown}:{}: {e}", line.line);
                        crate::say_err!("gremium: {accepted} commands recorded before it; nothing after it");
                        return Ok(ExitCode::from(2));
                    }
                }
            }
        }
    }
    let record_path = live.record_path().display().to_string();
    let s = if accepted == 1 { "" } else { "s" };
    crate::say!("{accepted} command{s} recorded in {record_path}; {refused} refused");
    Ok(ExitCode::from(if refused == 0 { 0 } else { 1 }))
}

/// The session at `path` (a folder or its session file), its warnings
/// printed, with the digest of the bytes loaded when `digest`
/// ([`super::reading::read_session`]); a session that cannot be read is
/// reported, exit 2.
pub(super) fn load_session(path: &std::path::Path, digest: bool) -> Result<SessionRead, ExitCode> {
    match super::reading::read_session(&FsSource, load::session_file(path), digest) {
        Ok(read) => {
            for w in &read.loaded.warnings {
                crate::say_err!("{w}");
            }
            Ok(read)
        }
        Err(e) => {
            eprint!("{}", crate::text::clean_message(&e.report()));
            Err(ExitCode::from(2))
        }
    }
}

/// A session's record opened for writing from the command line.
pub(super) struct Writing {
    pub session: Arc<crate::domain::Session>,
    pub live: LiveSession,
    pub strings: &'static crate::ui::strings::Strings,
    /// The digest of the session's files as they are now.
    pub inputs: crate::domain::InputsDigest,
}

/// Take the record's lock and replay it, for `apply` and `import-ballots`
/// (`what`, in the message when the session files changed), with `inputs`
/// the digest of the files as they were loaded. Errors are printed; the
/// exit code comes back.
pub(super) fn open_for_writing(
    session: crate::domain::Session,
    session_path: &std::path::Path,
    inputs: Option<Result<crate::domain::InputsDigest, record::DigestError>>,
    record: Option<&std::path::Path>,
    lang: Option<Language>,
    now: chrono::DateTime<chrono::FixedOffset>,
    what: &str,
) -> Result<Writing, ExitCode> {
    let session = Arc::new(session);
    let lang = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
    let strings = crate::ui::strings::strings(lang);
    let failed = |message: &str| {
        crate::say_err!("gremium: {message}");
        ExitCode::from(2)
    };
    let dir = record::default_dir(&session.definition.id, record).map_err(|e| failed(&e.to_string()))?;
    let inputs = match inputs {
        Some(digest) => digest,
        None => record::inputs_digest(&FsSource, session_path),
    }
    .map_err(|e| failed(&e.to_string()))?;
    let (live, report) =
        match LiveSession::open(session.clone(), &dir, inputs.clone(), env!("CARGO_PKG_VERSION"), now) {
            Ok(opened) => opened,
            Err(LiveError::Record(record::RecordError::Anchor { record, anchor, mismatch })) => {
                crate::say_err!(
                    "gremium: {}",
                    super::open::anchor_refusal(&strings.record, &record, &anchor, &mismatch)
                );
                return Err(ExitCode::from(2));
            }
            Err(e) => return Err(failed(&e.to_string())),
        };
    if !report.inputs_changed.is_empty() {
        // The chair accepts changed files on screen, where they are shown.
        return Err(failed(&format!(
            "{}: the session files changed since the record last accepted them; open the session, accept the changes, then {what}",
            session_path.display()
        )));
    }
    Ok(Writing { session, live, strings, inputs })
}

/// The offset of the first `at` in the file, for times the file leaves out.
fn first_offset(line: &str) -> Option<chrono::FixedOffset> {
    let value: serde_json::Value = serde_json::from_str(line.trim()).ok()?;
    let at = value.get("at")?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(at).ok().map(|t| *t.offset())
}

fn fail(message: &str) -> color_eyre::Result<ExitCode> {
    crate::say_err!("gremium: {message}");
    Ok(ExitCode::from(2))
}
