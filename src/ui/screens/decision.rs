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
use crate::domain::DeferralReason;
use crate::domain::Outcome;
use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe::refusal;
use crate::ui::effect::Effect;
use crate::ui::keymap::Scope;
use crate::ui::prompts::Confirm;
use crate::ui::screens::Screen;
use crate::ui::widgets::text_field::Edit;
use dialog::{Step, VoteDialog};
pub use list::page_height;

/// The dossier on row `i` of the agenda.
fn dossier_at(app: &App, i: usize) -> Option<String> {
    app.state().proceedings.agenda.order.get(i).cloned()
}

/// The selected dossier.
pub fn selected_dossier(app: &App) -> Option<String> {
    dossier_at(app, app.decision.selected())
}

/// `v` from anywhere: the screen, on the current agenda item if one is open.
pub fn show(app: &App, state: &mut DecisionState) -> Vec<Effect> {
    jump_to_current(app, state);
    vec![Effect::Go(Screen::Decision)]
}

fn jump_to_current(app: &App, state: &mut DecisionState) {
    let agenda = &app.state().proceedings.agenda;
    if let Some(i) = agenda.current.as_ref().and_then(|c| agenda.order.iter().position(|d| *d == c.dossier)) {
        state.select(i);
    }
}

/// Keys that belong to an open dialog or reason come here first (the
/// layer stack puts them on top); `None` when neither is open.
pub fn intercept(app: &App, state: &mut DecisionState, action: Action) -> Option<Vec<Effect>> {
    if matches!(action, Action::Resize(..)) {
        return None;
    }
    if let Some((dossier, mut reason)) = state.confirm.take() {
        if reason.edit(action) == Edit::Changed {
            state.confirm = Some((dossier, reason));
            return Some(Vec::new());
        }
        let effects = match action {
            Action::Back => return Some(Vec::new()),
            Action::Quit => vec![Effect::Quit],
            Action::Open => ask_confirm_result(app, &dossier, reason.text()),
            _ => Vec::new(),
        };
        state.confirm = Some((dossier, reason));
        return Some(effects);
    }
    if let Some(mut prompt) = state.defer.take() {
        if prompt.reason.edit(action) == Edit::Changed {
            state.defer = Some(prompt);
            return Some(Vec::new());
        }
        let effects = match action {
            Action::Back => return Some(Vec::new()),
            Action::Quit => vec![Effect::Quit],
            Action::Open => ask_defer(app, &prompt),
            Action::Up => {
                prompt.cycle(-1);
                Vec::new()
            }
            Action::Down => {
                prompt.cycle(1);
                Vec::new()
            }
            _ => Vec::new(),
        };
        state.defer = Some(prompt);
        return Some(effects);
    }
    let mut dialog = state.dialog.take()?;
    if action == Action::Quit {
        state.dialog = Some(dialog);
        return Some(vec![Effect::Quit]);
    }
    let effects = match dialog.key(action, app.journal.state(), app.ranking()) {
        Step::Cancel => return Some(Vec::new()),
        Step::Stay => Vec::new(),
        Step::Submit => ask_vote(app, &dialog),
    };
    state.dialog = Some(dialog);
    Some(effects)
}

/// Ask for confirmation of the vote, with everything that will be
/// recorded; or say why it cannot be put, keeping the dialog as typed.
fn ask_vote(app: &App, dialog: &VoteDialog) -> Vec<Effect> {
    let s = app.strings();
    let refuse = |why: &str| vec![Effect::Notify(format!("{}: {why}", s.record.refused))];
    let Some(command) = dialog.command() else { return refuse(s.decision.position_missing) };
    if dialog.chair_vote_missing() {
        return refuse(s.decision.chair_vote_missing);
    }
    let name = |id: &str| crate::ui::describe::dossier_name(app.session(), id);
    let mut question = words::confirm_question(dialog, s, &name);
    let rationale = dialog.rationale.text().trim();
    if !rationale.is_empty() {
        question.push_str(&format!(
            "\n{}: {}",
            s.decision.f_rationale,
            s.quote(&crate::text::clean_line(rationale))
        ));
    }
    vec![Effect::Ask(Confirm { title: s.decision.confirm_title, question, command })]
}

fn ask_confirm_result(app: &App, dossier: &str, reason: &str) -> Vec<Effect> {
    let s = app.strings();
    let reason = reason.trim();
    let command = Command::ConfirmResult { dossier: dossier.to_string(), reason: reason.to_string() };
    if let Err(e) = crate::procedure::decide(app.state(), &command) {
        return vec![Effect::Notify(format!("{}: {}", s.record.refused, refusal(&e, s, app.session())))];
    }
    let question = s
        .decision
        .result_question
        .replace("{dossier}", &crate::ui::describe::dossier_name(app.session(), dossier))
        .replace("{reason}", &s.quote(&crate::text::clean_line(reason)));
    vec![Effect::Ask(Confirm { title: s.decision.result_title, question, command })]
}

fn ask_defer(app: &App, prompt: &DeferPrompt) -> Vec<Effect> {
    let s = app.strings();
    let reason = Some(prompt.reason.text().trim().to_string()).filter(|r| !r.is_empty());
    let shown = reason
        .as_deref()
        .map_or_else(|| s.decision.no_reason.to_string(), |r| s.quote(&crate::text::clean_line(r)));
    let command = Command::RecordDecision {
        dossier: prompt.dossier.clone(),
        outcome: Outcome::Deferred,
        rationale: reason,
        deferral: prompt.kind,
    };
    let question = s
        .decision
        .confirm_defer
        .replace("{dossier}", &crate::ui::describe::dossier_name(app.session(), &prompt.dossier))
        .replace("{kind}", crate::ui::describe::deferral_kind(prompt.kind, s))
        .replace("{reason}", &shown);
    vec![Effect::Ask(Confirm { title: s.decision.confirm_title, question, command })]
}

pub fn handle(app: &App, state: &mut DecisionState, action: Action) -> Vec<Effect> {
    let rows = app.state().proceedings.agenda.order.len();
    if state.cursor.step(action, rows, page_height(app.size)) {
        return Vec::new();
    }
    let selected = dossier_at(app, state.selected());
    match action {
        Action::JumpToCurrent => {
            jump_to_current(app, state);
            Vec::new()
        }
        Action::Open => open_vote(app, state, selected),
        Action::EnBloc => match VoteDialog::en_bloc(app.journal.state(), app.ranking()) {
            Some(dialog) => {
                state.dialog = Some(dialog);
                Vec::new()
            }
            None => vec![Effect::Notify(app.strings().decision.nothing_en_bloc.to_string())],
        },
        Action::ConfirmReinvitation => {
            let Some(dossier) = selected else { return Vec::new() };
            let s = app.strings();
            let note = app
                .session()
                .definition
                .reinvited
                .iter()
                .find(|r| r.dossier == dossier)
                .and_then(|r| r.note.as_deref())
                .map(|n| format!("\n{}", s.quote(&crate::text::clean_line(n))))
                .unwrap_or_default();
            let question = s
                .decision
                .reinvitation_question
                .replace("{dossier}", &crate::ui::describe::dossier_name(app.session(), &dossier))
                .replace("{note}", &note);
            let command = Command::ConfirmReinvitation { dossier };
            vec![Effect::Ask(Confirm { title: s.decision.reinvitation_title, question, command })]
        }
        Action::ConfirmResult => {
            let Some(dossier) = selected else { return Vec::new() };
            let marked =
                crate::rules::late_conflicts(app.state()).iter().any(|c| c.is_open() && c.dossier == dossier);
            if marked {
                state.confirm = Some((dossier, crate::ui::widgets::text_field::TextField::new()));
                Vec::new()
            } else {
                let s = app.strings();
                let e = crate::procedure::DomainError::NothingToConfirm(dossier);
                vec![Effect::Notify(format!("{}: {}", s.record.refused, refusal(&e, s, app.session())))]
            }
        }
        Action::Defer => {
            let Some(dossier) = selected else { return Vec::new() };
            // Withdrawn fits whatever the quorum: it probes the rest.
            let probe = Command::RecordDecision {
                dossier: dossier.clone(),
                outcome: Outcome::Deferred,
                rationale: None,
                deferral: DeferralReason::Withdrawn,
            };
            match crate::procedure::decide(app.state(), &probe) {
                // After sign-off the deferral becomes an amendment once its
                // reason is typed.
                Ok(_) | Err(crate::procedure::DomainError::SignedOff) => {
                    let quorate =
                        crate::rules::subject_quorum(app.state(), std::slice::from_ref(&dossier)).reached();
                    state.defer = Some(DeferPrompt::new(dossier, quorate));
                    Vec::new()
                }
                Err(e) => {
                    let s = app.strings();
                    vec![Effect::Notify(format!("{}: {}", s.record.refused, refusal(&e, s, app.session())))]
                }
            }
        }
        _ => Vec::new(),
    }
}

/// Enter: the vote dialog on the selected dossier, unless it is decided
/// (a deferred one can be voted on).
fn open_vote(app: &App, state: &mut DecisionState, selected: Option<String>) -> Vec<Effect> {
    let Some(dossier) = selected else { return Vec::new() };
    let decided = app.state().proceedings.decisions.get(&dossier).map(|e| e.outcome);
    // After sign-off a decided item can be voted on again: the vote goes
    // through the amendment prompt and replaces the decision with a reason.
    if decided.is_some_and(|o| o != Outcome::Deferred) && !app.state().is_signed_off() {
        let text = app
            .strings()
            .decision
            .already_decided
            .replace("{dossier}", &crate::ui::describe::dossier_name(app.session(), &dossier));
        return vec![Effect::Notify(text)];
    }
    state.dialog = Some(VoteDialog::item(app.journal.state(), app.ranking(), &dossier));
    Vec::new()
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
    let mut hints = vec![
        Hint::new(Action::Open, d.vote),
        Hint::new(Action::EnBloc, d.en_bloc),
        Hint::new(Action::Defer, d.defer),
        Hint::new(Action::ToggleDecided, d.toggle_decided),
        Hint::new(Action::Undo, s.actions.undo),
        Hint::new(Action::JumpToCurrent, s.att.jump_current),
    ];
    // Offered where it applies: the selected item's vote is marked by a
    // conflict declared after it.
    let selected = dossier_at(app, app.decision.selected());
    if selected.as_deref().is_some_and(|d| {
        crate::rules::late_conflicts(app.state()).iter().any(|c| c.is_open() && c.dossier == d)
    }) {
        hints.insert(1, Hint::new(Action::ConfirmResult, d.confirm_result));
    }
    let reinvited = |id: &str| app.session().definition.reinvited.iter().any(|r| r.dossier == id);
    if selected.as_deref().is_some_and(|id| reinvited(id) && !app.state().reinvited(id)) {
        hints.insert(1, Hint::new(Action::ConfirmReinvitation, d.reinvitation));
    }
    hints
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
