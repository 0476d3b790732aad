//! `gremium import-ballots PATH BALLOT…`: members' ballots into the
//! session's record (PRODUCT.md §11, docs/ballots.md). Each file is checked
//! whole by `export::ballot::check` (form, session, input files, member,
//! scale, signature) and then imported by the procedure, which takes the
//! scores into the current rounds and names the dossiers it leaves out.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::domain::{Actor, BallotRefusalReason, EventKind, Language};
use crate::export::ballot;
use crate::procedure::Command;
use crate::record::LiveError;

pub struct ImportRequest {
    pub path: PathBuf,
    pub files: Vec<PathBuf>,
    pub record: Option<PathBuf>,
    pub replace: bool,
    pub lang: Option<Language>,
}

/// 0 every ballot imported; 1 any refused (the others stay imported); 2
/// the session or the record cannot be read or written.
pub fn import(req: ImportRequest) -> color_eyre::Result<ExitCode> {
    let read = match super::apply::load_session(&req.path, true) {
        Ok(read) => read,
        Err(code) => return Ok(code),
    };
    let now = match super::export::export_time(None) {
        Ok(t) => t,
        Err(e) => {
            crate::say_err!("gremium: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let super::apply::Writing { session, mut live, strings, inputs } = match super::apply::open_for_writing(
        read.loaded.session,
        &read.session_path,
        read.inputs,
        req.record.as_deref(),
        req.lang,
        now,
        "import the ballots",
    ) {
        Ok(w) => w,
        Err(code) => return Ok(code),
    };

    let (mut imported, mut refused) = (0usize, 0usize);
    for file in &req.files {
        let shown = crate::text::clean_line(&file.display().to_string()).into_owned();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                refused += 1;
                crate::say!("{shown}: cannot read: {e}");
                continue;
            }
        };
        let checked = match ballot::check(&bytes, &session, &inputs) {
            Ok(c) => c,
            Err(problems) => {
                refused += 1;
                for p in problems {
                    crate::say!("{shown}: refused: {}", crate::text::clean_line(&p.to_string()));
                }
                continue;
            }
        };
        let name =
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
        let b = checked.ballot;
        let command = Command::ImportBallot {
            member: b.member.id.clone(),
            file: name,
            sha256: checked.sha256,
            signer: checked.signer,
            written_at: b.written_at,
            scores: b.scores,
            remarks: b.remarks,
            replace: req.replace,
        };
        match live.execute(Actor::Chair, &command, now) {
            Ok(events) => {
                imported += 1;
                for event in events {
                    if let EventKind::BallotImported(import) = event.event {
                        crate::say!("{shown}: {}", crate::text::clean_line(&summary(&import, &session)));
                    }
                }
            }
            Err(LiveError::Domain(e)) => {
                refused += 1;
                let why = crate::ui::describe::refusal(&e, strings, &session);
                crate::say!("{shown}: refused: {}", crate::text::clean_line(&why));
            }
            Err(e) => {
                crate::say_err!("gremium: {shown}: {e}");
                crate::say_err!("gremium: {imported} ballots imported before it; nothing after it");
                return Ok(ExitCode::from(2));
            }
        }
    }
    let record_path = live.record_path().display().to_string();
    let s = if imported == 1 { "" } else { "s" };
    crate::say!("{imported} ballot{s} imported into {record_path}; {refused} refused");
    Ok(ExitCode::from(if refused == 0 { 0 } else { 1 }))
}

/// One line on what an import took: whose ballot, how many scores, the
/// signer, and the dossiers left out with the reason.
pub fn summary(import: &crate::domain::BallotImport, session: &crate::domain::Session) -> String {
    let name = session.member(&import.member).map_or(import.member.as_str(), |m| m.name.as_str());
    let s = if import.scores.len() == 1 { "" } else { "s" };
    let signed = match &import.signer {
        Some(fp) => format!("signed by key {fp}"),
        None => "not signed".to_string(),
    };
    let mut line = format!("imported {} score{s} of {name} ({signed})", import.scores.len());
    if import.replaces.is_some() {
        line.push_str(", replacing the earlier ballot");
    }
    if !import.refused.is_empty() {
        let left: Vec<String> = import
            .refused
            .iter()
            .map(|r| {
                let why = match r.reason {
                    BallotRefusalReason::Conflict => "conflict of interest",
                    BallotRefusalReason::Revealed => "round revealed already",
                    BallotRefusalReason::ScoredInSession => "scored in the session",
                };
                format!("{} ({why})", r.dossier)
            })
            .collect();
        line.push_str(&format!("; not taken: {}", left.join(", ")));
    }
    line
}

/// `gremium ballot PATH --member ID`: the member's ballot from their review
/// record. 0 written, 1 nothing to write (no review, or files changed since
/// it), 2 unreadable or unwritable.
pub fn write(
    path: &std::path::Path,
    member: &str,
    out: Option<PathBuf>,
    record: Option<PathBuf>,
) -> color_eyre::Result<ExitCode> {
    use crate::export::ballot::{BallotFile, BallotInputs, BallotMember};
    let fail = |code: u8, message: &str| {
        crate::say_err!("gremium: {}", crate::text::clean_line(message));
        Ok(ExitCode::from(code))
    };
    let read = match super::apply::load_session(path, true) {
        Ok(read) => read,
        Err(code) => return Ok(code),
    };
    let session_path = read.session_path;
    let session = std::sync::Arc::new(read.loaded.session);
    let id = session.definition.id.clone();
    let Some(m) = session.member(member) else {
        return fail(1, &format!("member {member:?} is not in session {id}"));
    };
    let name = m.name.clone();
    let dir = match crate::record::review_dir(&id, member, record.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(2, &e.to_string()),
    };
    let ro = match crate::record::read_only(&dir, Some(&id)) {
        Ok(ro) => ro,
        Err(crate::record::RecordError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return fail(1, &format!("no review of {member} for session {id} in {}", dir.display()));
        }
        Err(e) => return fail(2, &e.to_string()),
    };
    let state = match crate::domain::SessionState::replay(session.clone(), ro.events) {
        Ok(s) => s,
        Err(e) => return fail(2, &format!("{}: {e}", dir.join(crate::record::RECORD_FILE).display())),
    };
    let Some(review) = state.proceedings.review.as_ref().filter(|r| r.member == member) else {
        return fail(1, &format!("{} is not {member}'s review record", dir.display()));
    };
    // The ballot names the files the member reviewed; they must still be
    // the session's.
    match read.inputs.unwrap_or_else(|| crate::record::inputs_digest(&crate::load::FsSource, &session_path)) {
        Ok(now) => {
            let changes = crate::record::compare_inputs(&state.meta.inputs, &now);
            if !changes.is_empty() {
                let list: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
                return fail(
                    1,
                    &format!(
                        "the session files changed since the review: {}; review the changed dossiers again before writing the ballot",
                        list.join(", ")
                    ),
                );
            }
        }
        Err(e) => return fail(2, &e.to_string()),
    }
    let written_at = match super::export::export_time(state.meta.last_at.map(|t| *t.offset())) {
        Ok(t) => t,
        Err(e) => return fail(2, &e),
    };
    let mut ballot = BallotFile {
        schema: None,
        format: crate::export::ballot::BALLOT_FORMAT.into(),
        session_id: id.clone(),
        inputs: BallotInputs::from(&state.meta.inputs),
        member: BallotMember { id: member.to_string(), name },
        written_at,
        scores: review
            .scores
            .iter()
            .map(|((dossier, criterion), value)| crate::domain::BallotScore {
                dossier: dossier.clone(),
                criterion: criterion.clone(),
                value: *value,
            })
            .collect(),
        remarks: review
            .remarks
            .iter()
            .map(|(dossier, text)| crate::domain::BallotRemark {
                dossier: dossier.clone(),
                text: text.clone(),
            })
            .collect(),
        signature: None,
    };
    let key = match crate::config::member_key(member) {
        Ok(k) => k,
        Err(e) => return fail(2, &format!("the member's key: {e}")),
    };
    if let Some(key) = &key
        && let Err(e) = ballot::sign(&mut ballot, key)
    {
        return fail(2, &format!("cannot sign the ballot: {e}"));
    }
    let target = out.unwrap_or_else(|| PathBuf::from(ballot::file_name(member)));
    let written = ballot::ballot_bytes(&ballot)
        .map_err(std::io::Error::other)
        .and_then(|bytes| crate::files::write_private_file(&target, &bytes));
    if let Err(e) = written {
        return fail(2, &format!("{}: cannot write: {e}", target.display()));
    }
    let signed = match &key {
        Some(k) => format!("signed with key {}", crate::export::fingerprint(&k.verifying_key())),
        None => "not signed (no key: gremium keygen --member)".to_string(),
    };
    crate::say!(
        "Ballot written: {} ({} scores, {} remarks; {signed})",
        target.display(),
        ballot.scores.len(),
        ballot.remarks.len()
    );
    Ok(ExitCode::SUCCESS)
}
