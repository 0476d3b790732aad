//! Freigabe und Export: the sign-off checklist (PRODUCT.md §2 step 10)
//! with ✓/✗ and words, sign-off through a confirmation naming the chair,
//! the seal once signed off, and the export step (`e`), which writes the
//! folder beside the record (`<record folder>/export`) and shows what it
//! wrote and the digest. An export error is shown here, never a crash.
pub mod state;
pub use state::{ExportSummary, SignOffState};

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Hint;
use crate::export::{self, ExportOptions, SUMS_FILE};
use crate::format;
use crate::procedure::{Command, DomainError};
use crate::rules::{Check, CheckDetail, CheckItem, sign_off_checklist};
use crate::text::clean_line;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::prompts::Confirm;

/// How many undecided items the checklist names before "…".
const NAMED: usize = 8;

/// Where the export step writes: a folder `export` beside the record.
pub fn export_dir(app: &App) -> Option<PathBuf> {
    app.journal().path().and_then(|p| p.parent()).map(|dir| dir.join("export"))
}

pub fn handle(app: &App, state: &mut SignOffState, action: Action) -> Vec<Effect> {
    match action {
        Action::SignOff => ask_sign_off(app),
        Action::Export => {
            state.export = Some(run_export(app));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Ask for the chair's yes when every check holds; else say what is open.
fn ask_sign_off(app: &App) -> Vec<Effect> {
    let s = app.strings();
    let refuse = |why: String| vec![Effect::Notify(format!("{}: {why}", s.record.refused))];
    if app.state().is_signed_off() {
        return refuse(s.sign_off.already.to_string());
    }
    let checks = sign_off_checklist(app.state());
    if let Some(open) = checks.into_iter().find(|c| !c.ok) {
        return refuse(crate::ui::describe::refusal(
            &DomainError::SignOffIncomplete(Box::new(open)),
            s,
            app.session(),
        ));
    }
    // The chair present signs, or the deputy when the chair has left.
    let Some((id, name)) = app.state().acting_chair(&[]).map(|m| (m.id.clone(), m.name.clone())) else {
        let chair = app.session().definition.chair().map(|m| m.id.clone()).unwrap_or_default();
        let nobody = DomainError::NotChairing { member: chair, acting: None };
        return refuse(crate::ui::describe::refusal(&nobody, s, app.session()));
    };
    vec![Effect::Ask(Confirm {
        title: s.sign_off.confirm_title,
        question: s.sign_off.confirm_question.replace("{name}", &clean_line(&name)),
        command: Command::SignOff { by: id },
    })]
}

/// Write the export folder now; the outcome stays on screen.
fn run_export(app: &App) -> Result<ExportSummary, String> {
    let s = app.strings().sign_off;
    let Some(dir) = export_dir(app) else { return Err(s.no_record.to_string()) };
    (|| {
        let last_hash = app.journal().last_hash().map_err(|e| e.to_string())?;
        let key = crate::config::chair_key().map_err(|e| e.to_string())?;
        let options = ExportOptions {
            dialect: app.export_csv,
            exported_at: app.now,
            generator_version: env!("CARGO_PKG_VERSION").to_string(),
            key: key.as_ref(),
        };
        let done = export::export_session(app.state(), &last_hash, &dir, &options).map_err(|e| match e {
            // The folder holds files that are not gremium's: say which and
            // what to do, in the screen language.
            export::ExportError::Folder(export::FolderError::Foreign { dir, entry }) => s
                .foreign_file
                .replace("{dir}", &clean_line(&dir.display().to_string()))
                .replace("{entry}", &clean_line(&entry)),
            other => clean_line(&other.to_string()).into_owned(),
        })?;
        let mut files: Vec<String> = done.written.digests.keys().cloned().collect();
        files.push(SUMS_FILE.to_string());
        Ok(ExportSummary {
            dir: done.written.dir,
            files,
            digest: done.digest,
            draft: done.draft,
            signed_by: key.map(|k| export::fingerprint(&k.verifying_key())),
        })
    })()
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let mut hints = Vec::new();
    if !app.state().is_signed_off() {
        hints.push(Hint::new(Action::SignOff, s.sign_off.sign_off));
    }
    hints.push(Hint::new(Action::Export, s.sign_off.export));
    hints.push(Hint::new(Action::ShowMinutes, s.minutes.show));
    hints
}

fn check_label(app: &App, item: CheckItem) -> &'static str {
    let s = app.strings().sign_off;
    match item {
        CheckItem::AllDecided => s.all_decided,
        CheckItem::QuorumAtEveryVote => s.quorum,
        CheckItem::WithinBudget => s.budget,
        CheckItem::PlaceNamed => s.place,
        CheckItem::NoLateConflict => s.late_conflict,
    }
}

/// What a check found, in words.
fn check_detail(app: &App, check: &Check) -> String {
    let s = app.strings().sign_off;
    let lang = app.language();
    let lines = |seqs: &[u64]| seqs.iter().map(|q| (q + 1).to_string()).collect::<Vec<_>>().join(", ");
    match &check.detail {
        CheckDetail::Open { undecided } if undecided.is_empty() => s.none_undecided.to_string(),
        CheckDetail::Open { undecided } => {
            let mut named: Vec<String> =
                undecided.iter().take(NAMED).map(|d| clean_line(d).into_owned()).collect();
            if undecided.len() > NAMED {
                named.push(format!("… (+{})", undecided.len() - NAMED));
            }
            s.undecided.replace("{}", &named.join(", "))
        }
        CheckDetail::Quorum { without } if without.is_empty() => s.quorum_held.to_string(),
        CheckDetail::Quorum { without } => s.without_quorum.replace("{}", &lines(without)),
        CheckDetail::Budget { admitted, admitted_eur, available_eur, max_admissions, over, unjustified } => {
            let mut text = s
                .within
                .replace("{admitted}", &admitted.to_string())
                .replace("{eur}", &format::money(*admitted_eur, lang))
                .replace("{available}", &format::money(*available_eur, lang));
            if let Some(max) = max_admissions {
                text.push_str(&s.max_admissions.replace("{max}", &max.to_string()));
            }
            if !unjustified.is_empty() {
                text = format!("{text}; {}", s.over_unjustified.replace("{}", &lines(unjustified)));
            } else if *over {
                text = format!("{text}; {}", s.over_justified);
            }
            text
        }
        CheckDetail::Place { place: Some(place) } => clean_line(place).into_owned(),
        CheckDetail::Place { place: None } => s.no_place.to_string(),
        CheckDetail::LateConflicts { open } => {
            let votes: Vec<String> = open
                .iter()
                .map(|(seq, d, m)| {
                    s.late_vote
                        .replace("{line}", &(seq + 1).to_string())
                        .replace("{dossier}", &clean_line(d))
                        .replace("{member}", &crate::ui::describe::member_name(app.session(), m))
                })
                .collect();
            format!("{} {}", votes.join(", "), s.late_hint)
        }
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let s = app.strings();
    let so = s.sign_off;
    let t = &app.theme;
    let state = app.state();
    let checks = sign_off_checklist(state);
    let mut lines = vec![Line::styled(so.checklist, t.heading)];
    for check in &checks {
        let (mark, style) = if check.ok { (so.ok, t.ok) } else { (so.open, t.bad) };
        let mut head =
            vec![Span::styled(format!(" {mark} "), style), Span::raw(check_label(app, check.item))];
        // A named place fits beside its label; after sign-off the checks
        // that hold need no detail (they held when it was given).
        let beside = check.ok && check.item == CheckItem::PlaceNamed;
        if beside {
            head.push(Span::styled(format!(": {}", check_detail(app, check)), t.muted));
        }
        lines.push(Line::from(head));
        // Nothing to say about late conflicts while there are none.
        let quiet = check.ok && check.item == CheckItem::NoLateConflict;
        if !beside && !quiet && (!state.is_signed_off() || !check.ok) {
            lines.push(Line::styled(format!("     {}", check_detail(app, check)), t.muted));
        }
    }
    lines.push(Line::raw(""));
    match &state.proceedings.signed_off {
        Some(sealed) => {
            let name = app.session().member(&sealed.by).map_or(sealed.by.as_str(), |m| m.name.as_str());
            let when = format!(
                "{}, {}",
                format::date(sealed.at.date_naive(), app.language()),
                format::time(sealed.at, app.language())
            );
            let text = so.sealed.replace("{when}", &when).replace("{name}", &clean_line(name));
            lines.push(Line::styled(text, t.ok));
            lines.push(Line::raw(so.sealed_hint));
            let amendments = state.proceedings.amendments.len();
            if amendments > 0 {
                lines.push(Line::raw(so.amendments.replace("{}", &amendments.to_string())));
            }
        }
        None if checks.iter().all(|c| c.ok) => lines.push(Line::styled(so.ready, t.ok)),
        None => lines.push(Line::styled(so.not_ready, t.warn)),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(so.export_heading, t.heading));
    match export_dir(app) {
        Some(dir) => {
            lines.push(Line::raw(so.export_to.replace("{}", &clean_line(&dir.display().to_string()))))
        }
        None => lines.push(Line::styled(so.no_record, t.warn)),
    }
    lines.push(Line::styled(so.export_hint, t.muted));
    if !state.is_signed_off() {
        lines.push(Line::styled(so.export_draft, t.warn));
    }
    match &app.sign_off.export {
        None => {}
        Some(Ok(done)) => {
            let draft = if done.draft { format!(" ({})", s.minutes.draft) } else { String::new() };
            lines.push(Line::styled(
                format!("{} {}{draft}:", so.written, clean_line(&done.dir.display().to_string())),
                t.ok,
            ));
            lines.push(Line::raw(format!("  {}", done.files.join(", "))));
            lines.push(Line::raw(format!("{}: {}", so.digest, done.digest)));
            lines.push(Line::raw(match &done.signed_by {
                Some(fp) => format!("{} {fp}", so.signed_with),
                None => so.unsigned.to_string(),
            }));
        }
        Some(Err(e)) => {
            lines.push(Line::styled(format!("{}: {}", so.export_failed, clean_line(e)), t.bad));
        }
    }
    let area = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
