//! Beschlüsse: every agenda dossier with its rank, total, the ranking's
//! proposal, the decision and the vote that made it; votes item by item
//! or en bloc on the proposal through a dialog and a confirmation,
//! deferral with a reason, and the decided lists beside them. Everything
//! shown comes from the record; the dialog holds only what is typed.

pub mod dialog;
mod list;
pub mod state;
mod view;
pub mod words;
pub use state::{DecisionState, DeferPrompt};

use super::Hint;
use crate::domain::{Command, Outcome};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe::refusal;
use crate::ui::keymap::Scope;
use crate::ui::screens::Screen;
use crate::ui::widgets::text_field::{Edit, TextField};
use dialog::{Step, VoteDialog};
pub use list::page_height;

/// The dossier on row `i` of the agenda.
fn dossier_at(app: &App, i: usize) -> Option<String> {
    app.state().proceedings.agenda.order.get(i).cloned()
}

/// The selected dossier.
pub fn selected_dossier(app: &App) -> Option<String> {
    dossier_at(app, app.decision.selected)
}

/// `v` from anywhere: the screen, on the current agenda item if one is open.
pub fn show(app: &mut App) {
    jump_to_current(app);
    app.go(Screen::Decision);
}

pub(crate) fn jump_to_current(app: &mut App) {
    let agenda = &app.state().proceedings.agenda;
    if let Some(i) = agenda.current.as_ref().and_then(|c| agenda.order.iter().position(|d| *d == c.dossier)) {
        app.decision.selected = i;
    }
}

/// Keys that belong to an open dialog or reason come here first (the
/// layer stack puts them on top); `true` when the key was used up.
pub fn intercept(app: &mut App, action: Action) -> bool {
    if matches!(action, Action::Resize(..)) {
        return false;
    }
    if let Some(mut prompt) = app.decision.defer.take() {
        if prompt.reason.edit(action) == Edit::Changed {
            app.decision.defer = Some(prompt);
            return true;
        }
        match action {
            Action::Back => return true,
            Action::Quit => app.request_quit(),
            Action::Open => ask_defer(app, &prompt),
            _ => {}
        }
        app.decision.defer = Some(prompt);
        return true;
    }
    let Some(mut dialog) = app.decision.dialog.take() else { return false };
    if action == Action::Quit {
        app.decision.dialog = Some(dialog);
        app.request_quit();
        return true;
    }
    let step = dialog.key(action, app.journal.state(), app.ranking());
    match step {
        Step::Cancel => return true,
        Step::Stay => {}
        Step::Submit => ask_vote(app, &dialog),
    }
    app.decision.dialog = Some(dialog);
    true
}

/// Ask for confirmation when the domain would record the vote; else say
/// why not, and keep the dialog with its values.
fn ask_vote(app: &mut App, dialog: &VoteDialog) {
    let s = app.strings();
    let Some(command) = dialog.command() else {
        app.notify(format!("{}: {}", s.record.refused, s.decision.position_missing));
        return;
    };
    if dialog.chair_vote_missing() {
        app.notify(format!("{}: {}", s.record.refused, s.decision.chair_vote_missing));
        return;
    }
    let mut question = words::confirm_question(dialog, s);
    let rationale = dialog.rationale.text().trim();
    if !rationale.is_empty() {
        question.push_str(&format!("\n{}: „{}“", s.decision.f_rationale, crate::text::clean_line(rationale)));
    }
    app.ask(s.decision.confirm_title, question, command);
}

fn ask_defer(app: &mut App, prompt: &DeferPrompt) {
    let s = app.strings();
    let reason = Some(prompt.reason.text().trim().to_string()).filter(|r| !r.is_empty());
    let shown = reason
        .as_deref()
        .map_or_else(|| s.decision.no_reason.to_string(), |r| format!("„{}“", crate::text::clean_line(r)));
    let command = Command::RecordDecision {
        dossier: prompt.dossier.clone(),
        outcome: Outcome::Deferred,
        rationale: reason,
    };
    let question = s
        .decision
        .confirm_defer
        .replace("{dossier}", &crate::text::clean_line(&prompt.dossier))
        .replace("{reason}", &shown);
    app.ask(s.decision.confirm_title, question, command);
}

pub fn handle(app: &mut App, action: Action) {
    let rows = app.state().proceedings.agenda.order.len();
    let last = rows.saturating_sub(1);
    let page = page_height(app.size).max(1);
    let state = &mut app.decision;
    let i = state.selected;
    state.selected = match action {
        Action::Up => i.saturating_sub(1),
        Action::Down => (i + 1).min(last),
        Action::PageUp => i.saturating_sub(page),
        Action::PageDown => (i + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => i,
    };
    match action {
        Action::JumpToCurrent => jump_to_current(app),
        Action::Open => open_vote(app),
        Action::EnBloc => match VoteDialog::en_bloc(app.journal.state(), app.ranking()) {
            Some(dialog) => app.decision.dialog = Some(dialog),
            None => app.notify(app.strings().decision.nothing_en_bloc),
        },
        Action::Defer => {
            let Some(dossier) = selected_dossier(app) else { return };
            let probe = Command::RecordDecision {
                dossier: dossier.clone(),
                outcome: Outcome::Deferred,
                rationale: None,
            };
            match app.state().decide(&probe) {
                // After sign-off the deferral becomes an amendment once its
                // reason is typed.
                Ok(_) | Err(crate::domain::DomainError::SignedOff) => {
                    app.decision.defer = Some(DeferPrompt { dossier, reason: TextField::new() })
                }
                Err(e) => {
                    let s = app.strings();
                    app.notify(format!("{}: {}", s.record.refused, refusal(&e, s, app.session())));
                }
            }
        }
        _ => {}
    }
}

/// Enter: the vote dialog on the selected dossier, unless it is decided
/// (a deferred one can be voted on).
fn open_vote(app: &mut App) {
    let Some(dossier) = selected_dossier(app) else { return };
    let decided = app.state().proceedings.decisions.get(&dossier).map(|e| e.outcome);
    // After sign-off a decided item can be voted on again: the vote goes
    // through the amendment prompt and replaces the decision with a reason.
    if decided.is_some_and(|o| o != Outcome::Deferred) && !app.state().is_signed_off() {
        let text =
            app.strings().decision.already_decided.replace("{dossier}", &crate::text::clean_line(&dossier));
        return app.notify(text);
    }
    app.decision.dialog = Some(VoteDialog::item(app.journal.state(), app.ranking(), &dossier));
}

pub fn render(app: &App, frame: &mut ratatui::Frame, body: ratatui::layout::Rect) {
    list::render(app, frame, body);
    view::render(app, frame, body);
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let d = s.decision;
    let scope = app.decision.dialog.as_ref().map(|x| x.scope());
    if let Some(scope) = scope {
        let mut hints =
            vec![Hint::new(Action::Open, d.submit), Hint::pair(Action::Down, Action::Up, d.next_field)];
        if scope == Scope::Ballots {
            hints.push(Hint::new(Action::BallotYes, d.ballot_yes));
            hints.push(Hint::new(Action::BallotNo, d.ballot_no));
            hints.push(Hint::new(Action::BallotAbstain, d.ballot_abstain));
        } else if scope == Scope::Vote {
            if app.decision.dialog.as_ref().is_some_and(|x| !x.is_en_bloc()) {
                hints.push(Hint {
                    actions: vec![Action::MotionAdmit, Action::MotionWaiting, Action::MotionNotAdmit],
                    keys: None,
                    label: d.f_motion,
                });
            }
            hints.push(Hint { actions: vec![], keys: Some("0–9"), label: d.col_vote });
        }
        if scope != Scope::VoteText {
            hints.push(Hint::new(Action::ByName, d.by_name));
        }
        hints.push(Hint::new(Action::Back, d.cancel));
        return hints;
    }
    vec![
        Hint::new(Action::Open, d.vote),
        Hint::new(Action::EnBloc, d.en_bloc),
        Hint::new(Action::Defer, d.defer),
        Hint::new(Action::ToggleDecided, d.toggle_decided),
        Hint::new(Action::Undo, s.actions.undo),
        Hint::new(Action::JumpToCurrent, s.att.jump_current),
    ]
}

/// The agenda row under a click on `row` of the list.
pub fn row_at(app: &App, body: ratatui::layout::Rect, row: u16) -> Option<usize> {
    let first = body.y + 2;
    let line = usize::from(row.checked_sub(first)?);
    if line >= page_height(app.size) {
        return None;
    }
    let i = app.decision.offset() + line;
    (i < app.state().proceedings.agenda.order.len()).then_some(i)
}
