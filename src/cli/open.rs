//! Opening a session for the chair: the record found or created, locked,
//! replayed, recovered; then the UI.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::reading::Inputs;
use crate::domain::{Language, Session, SessionState};
use crate::load::Source;
use crate::record::{self, LiveError, LiveSession, Mismatch, RecordError};
use crate::ui::strings::RecordStrings;
use crate::ui::{self, Journal, Opening};

/// Where the session came from and how to open its record.
pub struct OpenRequest<'a> {
    pub session: Session,
    pub source: &'a dyn Source,
    pub session_file: &'a Path,
    /// The inputs digest of the files as they were loaded (read once for
    /// both, [`super::reading::read_session_for_open`]), made or to be made
    /// once the first frame is drawn; made here from `source` when not given.
    pub inputs: Option<Inputs>,
    /// `--record DIR`
    pub record_dir: Option<PathBuf>,
    pub read_only: bool,
    pub lang: Option<Language>,
    /// `gremium review --member ID`: the member's review record instead of
    /// the session's (PRODUCT.md §11).
    pub review: Option<String>,
}

pub fn open(req: OpenRequest<'_>) -> color_eyre::Result<ExitCode> {
    let session = Arc::new(req.session);
    let id = session.definition.id.clone();
    let dir = match &req.review {
        Some(member) => {
            match session.member(member) {
                None => return fail(&format!("member {member:?} is not in session {id}")),
                Some(m) if !m.is_voting() => {
                    return fail(&format!("member {member:?} is advisory and does not score"));
                }
                Some(_) => {}
            }
            record::review_dir(&id, member, req.record_dir.as_deref())
        }
        None => record::default_dir(&id, req.record_dir.as_deref()),
    };
    let dir = match dir {
        Ok(d) => d,
        Err(e) => return fail(&e.to_string()),
    };
    if req.read_only {
        return view(session, &dir, req.lang);
    }
    let inputs = match req.inputs {
        Some(Inputs::Made(Err(e))) => return fail(&e.to_string()),
        Some(inputs) => inputs,
        None => match record::inputs_digest(req.source, req.session_file) {
            Ok(d) => Inputs::Made(Ok(d)),
            Err(e) => return fail(&e.to_string()),
        },
    };
    // Checked and locked, nothing recorded yet: without a terminal the
    // session cannot be run, and no resumption is recorded for it.
    let opened = LiveSession::prepare(session.clone(), &dir, env!("CARGO_PKG_VERSION"))
        .map(|p| has_terminal().then_some(p));
    match opened {
        Ok(None) => {
            let lang = req.lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
            crate::say_err!("gremium: {}", crate::ui::strings::strings(lang).record.no_terminal);
            Ok(ExitCode::from(2))
        }
        Ok(Some(prepared)) => {
            // The session is drawn first; its opening or resumption is
            // recorded (with the digest, made now) before the first key is
            // read (decisions.md, "The first frame before the digest").
            let (mut live, deferred) = prepared.defer();
            let torn = deferred.torn().cloned();
            let anchor_missing =
                deferred.anchor_missing().then(|| record::anchor_path(&dir.join(record::RECORD_FILE)));
            let reviewing = req.review.is_some();
            let mut begin: Option<ui::Begin> = Some(Box::new(move |live: &mut LiveSession| {
                let inputs = inputs.make().map_err(|e| e.to_string())?;
                let report = live.begin(deferred, inputs, record::now()).map_err(|e| e.to_string())?;
                if let Some(member) = &req.review {
                    start_review(live, member)?;
                }
                Ok(report.inputs_changed)
            }));
            let mut inputs_changed = Vec::new();
            // A member's review is begun before it is drawn: its first
            // frame already shows whose review it is.
            if reviewing && let Some(now) = begin.take() {
                match now(&mut live) {
                    Ok(changed) => inputs_changed = changed,
                    Err(why) => return fail(&why),
                }
            }
            let journal = Journal::Live(Box::new(live));
            let opening = Opening { journal, torn, inputs_changed, anchor_missing, begin };
            run_ui(session, opening, req.lang)
        }
        Err(LiveError::Record(RecordError::Locked { record, pid })) => {
            // In the language the screens would have: --lang, the config,
            // else the session's.
            let lang = req.lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
            let r = &crate::ui::strings::strings(lang).record;
            let who = pid.map_or_else(
                || r.locked_unknown.to_string(),
                |p| r.locked_pid.replace("{pid}", &p.to_string()),
            );
            let path = crate::text::clean_line(&record.display().to_string()).into_owned();
            crate::say_err!("gremium: {}", r.locked.replace("{record}", &path).replace("{who}", &who));
            if offer_read_only(r.locked_offer, &r.yes_answers) {
                view(session, &dir, req.lang)
            } else {
                crate::say_err!("{}", r.locked_hint);
                Ok(ExitCode::from(1))
            }
        }
        // A record folder that cannot be written or a record that cannot
        // be read: say so, and how to look at the session anyway.
        Err(LiveError::Record(e @ RecordError::Io { .. })) => {
            let lang = req.lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
            crate::say_err!("gremium: {e}");
            crate::say_err!("{}", crate::ui::strings::strings(lang).record.locked_hint);
            Ok(ExitCode::from(1))
        }
        // The record does not reach its anchor: never open it, never start
        // a new session over it.
        Err(LiveError::Record(RecordError::Anchor { record, anchor, mismatch })) => {
            let lang = req.lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
            let r = &crate::ui::strings::strings(lang).record;
            crate::say_err!("gremium: {}", anchor_refusal(r, &record, &anchor, &mismatch));
            crate::say_err!("{}", r.anchor_hint);
            Ok(ExitCode::from(1))
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// A new review record becomes the member's review (recorded); an existing
/// one must be that member's.
fn start_review(live: &mut LiveSession, member: &str) -> Result<(), String> {
    match &live.state().proceedings.review {
        Some(r) if r.member == member => Ok(()),
        Some(r) => Err(format!(
            "{}: the review record of {}, not of {member}",
            live.record_path().display(),
            r.member
        )),
        None => live
            .execute(
                crate::domain::Actor::Chair,
                &crate::procedure::Command::StartReview { member: member.to_string() },
                record::now(),
            )
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", live.record_path().display())),
    }
}

/// Why a record was refused against its anchor, in the session language.
pub fn anchor_refusal(r: &RecordStrings, record: &Path, anchor: &Path, mismatch: &Mismatch) -> String {
    let what = match mismatch {
        Mismatch::Unreadable(why) => r.anchor_unreadable.replace("{why}", why),
        Mismatch::OtherSession { anchored, found } => {
            r.anchor_other_session.replace("{anchored}", anchored).replace("{found}", found)
        }
        Mismatch::Missing { events, hash } => {
            r.anchor_record_missing.replace("{events}", &events.to_string()).replace("{hash}", hash)
        }
        Mismatch::Emptied { events, hash } => {
            r.anchor_emptied.replace("{events}", &events.to_string()).replace("{hash}", hash)
        }
        Mismatch::Shorter { found, found_hash, events, hash } => r
            .anchor_shorter
            .replace("{found_hash}", found_hash)
            .replace("{found}", &found.to_string())
            .replace("{events}", &events.to_string())
            .replace("{hash}", hash),
        Mismatch::Differs { events, found_hash, hash } => r
            .anchor_differs
            .replace("{events}", &events.to_string())
            .replace("{found_hash}", found_hash)
            .replace("{hash}", hash),
    };
    let text = r
        .anchor_refused
        .replace("{record}", &record.display().to_string())
        .replace("{anchor}", &anchor.display().to_string())
        .replace("{what}", &what);
    crate::text::clean_line(&text).into_owned()
}

/// The screens need a terminal on both ends.
fn has_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Look at the record without the lock; nothing can be recorded. Without
/// a record (a member reading the dossiers before the session) the session
/// is shown as it stands before anything was done, and no record is made.
fn view(session: Arc<Session>, dir: &Path, lang: Option<Language>) -> color_eyre::Result<ExitCode> {
    let record_file = dir.join(record::RECORD_FILE);
    // The record is read and replayed in parts: never all of its bytes and
    // all of its events in memory at once (docs/performance.md).
    let mut state = SessionState::new(session.clone());
    let mut replayed = Ok(());
    let read = record::read_only_in_parts(dir, Some(&session.definition.id), &mut |events| {
        replayed = state.apply_all(events);
        replayed.is_ok()
    });
    match read {
        Ok(_) => {}
        Err(RecordError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound && !record_file.exists() =>
        {
            state = SessionState::new(session.clone());
        }
        Err(RecordError::Anchor { record, anchor, mismatch }) => {
            let lang = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
            let r = &crate::ui::strings::strings(lang).record;
            crate::say_err!("gremium: {}", anchor_refusal(r, &record, &anchor, &mismatch));
            crate::say_err!("{}", r.anchor_hint);
            return Ok(ExitCode::from(1));
        }
        Err(e) => return fail(&e.to_string()),
    }
    if let Err(e) = replayed {
        return fail(&format!("{}: {e}", record_file.display()));
    }
    if !has_terminal() {
        let lang = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
        crate::say_err!("gremium: {}", crate::ui::strings::strings(lang).record.no_terminal);
        return Ok(ExitCode::from(2));
    }
    let path = record_file.exists().then_some(record_file);
    let journal = Journal::View { state: Box::new(state), path };
    let opening =
        Opening { journal, torn: None, inputs_changed: Vec::new(), anchor_missing: None, begin: None };
    run_ui(session, opening, lang)
}

/// The screens until the chair quits. A terminal that fails under them (an
/// I/O error: the window closed, the connection dropped) is no bug: one
/// line in the screens' language, exit 2. Anything else is a crash report.
fn run_ui(session: Arc<Session>, opening: Opening, lang: Option<Language>) -> color_eyre::Result<ExitCode> {
    let lang_then = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
    ended(ui::run(session, opening, lang), lang_then)
}

/// How the screens ended: a terminal I/O error in one line, exit 2; any
/// other error is a bug and goes on as a crash report.
fn ended(result: color_eyre::Result<()>, lang: Language) -> color_eyre::Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(report) if report.downcast_ref::<ui::BeginFailed>().is_some() => fail(&report.to_string()),
        Err(report) => match report.downcast_ref::<std::io::Error>() {
            Some(io) => {
                let text = crate::ui::strings::strings(lang).record.terminal_failed;
                crate::say_err!("gremium: {}", text.replace("{error}", &io.to_string()));
                Ok(ExitCode::from(2))
            }
            None => Err(report),
        },
    }
}

/// Ask on the terminal whether to open read-only instead; no when there is
/// no one to ask.
fn offer_read_only(question: &str, yes: &[&str]) -> bool {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return false;
    }
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if stdin.lock().read_line(&mut answer).is_err() {
        return false;
    }
    let answer = answer.trim().to_lowercase();
    yes.contains(&answer.as_str())
}

fn fail(message: &str) -> color_eyre::Result<ExitCode> {
    crate::say_err!("gremium: {message}");
    Ok(ExitCode::from(1))
}

/// `gremium follow`: the room's view of the session's record. 1 when there
/// is no record to follow (yet) or it does not check out, 2 without a
/// terminal.
pub fn follow(
    session: Session,
    record_dir: Option<PathBuf>,
    lang: Option<Language>,
) -> color_eyre::Result<ExitCode> {
    let session = Arc::new(session);
    let id = session.definition.id.clone();
    let dir = match record::default_dir(&id, record_dir.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(&e.to_string()),
    };
    if !dir.join(record::RECORD_FILE).exists() {
        return fail(&format!(
            "no record of session {id} in {}: the chair opens the session first, then the room's view follows it",
            dir.display()
        ));
    }
    let follower = match record::Follower::open(session.clone(), &dir) {
        Ok(f) => f,
        Err(e) => return fail(&e.to_string()),
    };
    if !has_terminal() {
        let lang = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
        crate::say_err!("gremium: {}", crate::ui::strings::strings(lang).record.no_terminal);
        return Ok(ExitCode::from(2));
    }
    let lang_then = lang.or(crate::config::load().0.language).unwrap_or(session.definition.language);
    ended(ui::follow(follower, lang), lang_then)
}
