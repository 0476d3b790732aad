//! `I` on the scoring screen: members' ballots into the session. The one
//! text field asks for a ballot file or a folder (every `ballot-*.json` in
//! it); each file is checked whole (`export::ballot::check`) against the
//! session's files as the record accepted them, then imported as one
//! recorded action. A member's second ballot replaces the first only after
//! the one confirmation.

use std::path::{Path, PathBuf};

use crate::domain::{BallotImport, BallotRefusalReason};
use crate::export::ballot::{self, BallotProblem};
use crate::procedure::Command;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::prompts::Confirm;
use crate::ui::widgets::text_field::TextField;

use super::ScoringState;

/// The ballot files at `path`: the file itself, or a folder's
/// `ballot-*.json` in name order.
fn files(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ballot-") && n.ends_with(".json"))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Enter in the field: check every file and ask for what passes. Files
/// that are refused are named with every reason: in the notice of the last
/// import (the footer holds one notice), or on their own when nothing was
/// imported.
pub fn import(app: &App, state: &mut ScoringState, field: &TextField) -> Vec<Effect> {
    let s = app.strings().scoring;
    let typed = field.text().trim();
    if typed.is_empty() {
        return Vec::new();
    }
    let path = PathBuf::from(typed);
    let list = match files(&path) {
        Ok(list) if list.is_empty() => {
            return vec![Effect::Notify(s.ballots_none.replace("{path}", &safe(typed)))];
        }
        Ok(list) => list,
        Err(e) => return vec![Effect::Notify(format!("{}: {e}", safe(typed)))],
    };
    let mut effects = Vec::new();
    let mut refused = Vec::new();
    for file in list {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                refused.push(format!("{}: {e}", safe(&name)));
                continue;
            }
        };
        let checked = match ballot::check(&bytes, app.session(), &app.state().meta.inputs) {
            Ok(c) => c,
            Err(problems) => {
                let why: Vec<String> = problems.iter().map(|p| problem(app, p)).collect();
                refused.push(format!("{}: {}", safe(&name), why.join("; ")));
                continue;
            }
        };
        let b = checked.ballot;
        let member = b.member.id.clone();
        let mut command = Command::ImportBallot {
            member: member.clone(),
            file: name,
            sha256: checked.sha256,
            signer: checked.signer,
            written_at: b.written_at,
            scores: b.scores,
            remarks: b.remarks,
            replace: false,
        };
        if app.state().proceedings.ballots.contains_key(&member) {
            if let Command::ImportBallot { replace, .. } = &mut command {
                *replace = true;
            }
            let who = crate::ui::describe::member_name(app.session(), &member);
            let question = s.ballots_replace.replace("{member}", &who);
            effects.push(Effect::Ask(Confirm { title: s.ballots_title, question, command }));
        } else {
            effects.push(Effect::Record(command));
        }
    }
    if !refused.is_empty() {
        let text = format!("{}: {}", s.ballots_refused, refused.join(" · "));
        if effects.iter().any(|e| matches!(e, Effect::Record(_))) {
            state.refused = Some(text);
        } else {
            effects.push(Effect::Notify(text));
        }
    }
    effects
}

/// The notice once an import is recorded: whose ballot, how many scores,
/// and the dossiers left out with the reason.
pub fn recorded(app: &App, state: &mut ScoringState, import: &BallotImport) -> String {
    let s = app.strings().scoring;
    let who = crate::ui::describe::member_name(app.session(), &import.member);
    let mut text =
        s.ballots_imported.replace("{member}", &who).replace("{count}", &import.scores.len().to_string());
    if !import.refused.is_empty() {
        let left: Vec<String> = import
            .refused
            .iter()
            .map(|r| {
                let why = match r.reason {
                    BallotRefusalReason::Conflict => s.ballots_left_out[0],
                    BallotRefusalReason::Revealed => s.ballots_left_out[1],
                    BallotRefusalReason::ScoredInSession => s.ballots_left_out[2],
                };
                format!("{} ({why})", safe(&r.dossier))
            })
            .collect();
        text.push_str(&format!("; {}: {}", s.ballots_not_taken, left.join(", ")));
    }
    if let Some(refused) = state.refused.take() {
        text.push_str(" · ");
        text.push_str(&refused);
    }
    text
}

/// A refusal reason in the screens' language.
fn problem(app: &App, p: &BallotProblem) -> String {
    match app.language() {
        crate::domain::Language::De => german(p),
        crate::domain::Language::En => safe(&p.to_string()),
    }
}

fn german(p: &BallotProblem) -> String {
    let text = match p {
        BallotProblem::NotJson(e) => format!("kein JSON: {e}"),
        BallotProblem::NotABallot(e) => format!("kein Stimmzettel (gremium.ballot/1): {e}"),
        BallotProblem::OtherSession { ballot, session } => {
            format!("für die Sitzung „{ballot}“ geschrieben, dies ist „{session}“")
        }
        BallotProblem::OtherInputs(changes) => {
            let files: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
            format!("gegen andere Sitzungsdateien geschrieben: {}", files.join(", "))
        }
        BallotProblem::UnknownMember(m) => format!("Mitglied „{m}“ gehört nicht zur Sitzung"),
        BallotProblem::NotVoting(m) => format!("Mitglied „{m}“ ist beratend und bewertet nicht"),
        BallotProblem::UnknownDossier(d) => format!("Dossier „{d}“ gehört nicht zur Sitzung"),
        BallotProblem::UnknownCriterion { dossier, criterion } => {
            format!("{dossier}: Kriterium „{criterion}“ gehört nicht zur Sitzung")
        }
        BallotProblem::OffScale { dossier, criterion, value, min, max, step } => {
            let n = |x: &f64| x.to_string().replace('.', ",");
            format!(
                "{dossier}, {criterion}: {} liegt nicht auf der Skala ({} bis {} in Schritten von {})",
                n(value),
                n(min),
                n(max),
                n(step)
            )
        }
        BallotProblem::Twice { dossier, criterion } => format!("{dossier}, {criterion}: doppelt bewertet"),
        BallotProblem::SignatureMissing(m) => {
            format!("nicht signiert, die Sitzung nennt aber einen Schlüssel für „{m}“")
        }
        BallotProblem::BadSignature(_) => {
            "Signatur ungültig: nach dem Signieren geändert oder nicht mit diesem Schlüssel signiert"
                .to_string()
        }
        BallotProblem::OtherKey { member, signed, listed } => {
            format!("mit dem Schlüssel {signed} signiert, die Sitzung nennt für „{member}“ {listed}")
        }
    };
    safe(&text)
}

fn safe(text: &str) -> String {
    crate::text::clean_line(text).into_owned()
}
