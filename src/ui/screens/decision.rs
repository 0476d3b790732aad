//! Beschlüsse: every agenda dossier with its rank, total, the ranking's
//! proposal, the decision and the vote that made it; votes item by item
//! or en bloc on the proposal through a dialog and a confirmation,
//! deferral with a reason, and the decided lists beside them. Everything
//! shown comes from the record; the dialog holds only what is typed.

pub mod dialog;
mod list;
mod view;
pub mod words;

use super::Hint;
use crate::domain::{Command, Outcome};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe::refusal;
use crate::ui::keymap::Scope;
use crate::ui::screens::Screen;
use dialog::{Step, VoteDialog};
pub use list::page_height;

/// A deferral's reason being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeferPrompt {
    pub dossier: String,
    pub reason: String,
}

/// A decision waiting for the chair's yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub question: String,
    pub command: Command,
}

#[derive(Debug, Clone, Default)]
pub struct DecisionState {
    /// Index into the agenda order.
    selected: usize,
    /// First row shown.
    offset: usize,
    dialog: Option<VoteDialog>,
    defer: Option<DeferPrompt>,
    confirm: Option<Pending>,
    /// The decided lists shown over any screen.
    overlay: bool,
    /// First line of the decided lists shown in the overlay.
    overlay_scroll: usize,
}

impl DecisionState {
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn dialog(&self) -> Option<&VoteDialog> {
        self.dialog.as_ref()
    }

    pub fn defer(&self) -> Option<&DeferPrompt> {
        self.defer.as_ref()
    }

    pub fn pending(&self) -> Option<&Pending> {
        self.confirm.as_ref()
    }

    pub fn overlay(&self) -> bool {
        self.overlay
    }

    pub fn toggle_overlay(&mut self) {
        self.overlay = !self.overlay;
        self.overlay_scroll = 0;
    }

    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }

    /// Scroll the overlay; `max` is the last useful position at this size.
    pub fn scroll_overlay(&mut self, action: Action, max: usize, page: usize) {
        let s = self.overlay_scroll.min(max);
        self.overlay_scroll = match action {
            Action::Down => s + 1,
            Action::Up => s.saturating_sub(1),
            Action::PageDown => s + page.max(1),
            Action::PageUp => s.saturating_sub(page.max(1)),
            Action::Home => 0,
            Action::End => max,
            _ => s,
        }
        .min(max);
    }

    pub fn close_overlay(&mut self) {
        self.overlay = false;
    }

    /// Scroll so that the selected row is on a page of `page` rows.
    pub fn keep_visible(&mut self, rows: usize, page: usize) {
        let page = page.max(1);
        self.selected = self.selected.min(rows.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(rows.saturating_sub(page));
    }
}

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

fn jump_to_current(app: &mut App) {
    let agenda = &app.state().proceedings.agenda;
    if let Some(i) = agenda.current.as_ref().and_then(|c| agenda.order.iter().position(|d| *d == c.dossier)) {
        app.decision.selected = i;
    }
}

/// Where keys go while a dialog, a reason or a confirmation is open.
pub fn scope(app: &App) -> Option<Scope> {
    if app.screen != Screen::Decision {
        return None;
    }
    let d = &app.decision;
    if d.confirm.is_some() {
        Some(Scope::Confirm)
    } else if d.defer.is_some() {
        Some(Scope::VoteText)
    } else {
        d.dialog.as_ref().map(|x| x.scope())
    }
}

/// Keys that belong to an open dialog, reason or confirmation come here
/// first; `true` when the key was used up.
pub fn intercept(app: &mut App, action: Action) -> bool {
    if scope(app).is_none() || matches!(action, Action::Resize(..) | Action::Quit) {
        return false;
    }
    if let Some(pending) = app.decision.confirm.take() {
        if action == Action::Open {
            carry_out(app, pending);
        } else if action != Action::Back {
            app.decision.confirm = Some(pending);
        }
        return true;
    }
    if let Some(mut prompt) = app.decision.defer.take() {
        match action {
            Action::Insert(c) if !c.is_control() => prompt.reason.push(c),
            Action::DeleteChar => {
                prompt.reason.pop();
            }
            Action::Back => return true,
            Action::Open => ask_defer(app, &prompt),
            _ => {}
        }
        app.decision.defer = Some(prompt);
        return true;
    }
    let Some(mut dialog) = app.decision.dialog.take() else { return false };
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
    match app.state().decide(&command) {
        Ok(_) => {
            let question = words::confirm_question(dialog, s);
            app.decision.confirm = Some(Pending { question, command });
        }
        Err(e) => {
            let text = format!("{}: {}", s.record.refused, refusal(&e, s, app.session()));
            app.notify(text);
        }
    }
}

fn ask_defer(app: &mut App, prompt: &DeferPrompt) {
    let s = app.strings();
    let reason = Some(prompt.reason.trim().to_string()).filter(|r| !r.is_empty());
    let shown = reason
        .as_deref()
        .map_or_else(|| s.decision.no_reason.to_string(), |r| format!("„{}“", crate::text::clean_line(r)));
    let command = Command::RecordDecision {
        dossier: prompt.dossier.clone(),
        outcome: Outcome::Deferred,
        rationale: reason,
    };
    match app.state().decide(&command) {
        Ok(_) => {
            let question = s
                .decision
                .confirm_defer
                .replace("{dossier}", &crate::text::clean_line(&prompt.dossier))
                .replace("{reason}", &shown);
            app.decision.confirm = Some(Pending { question, command });
        }
        Err(e) => {
            let text = format!("{}: {}", s.record.refused, refusal(&e, s, app.session()));
            app.notify(text);
        }
    }
}

/// Record the confirmed decision; the dialog closes when it is recorded
/// and stays with its values when it is refused.
fn carry_out(app: &mut App, pending: Pending) {
    if !app.execute(pending.command) {
        return;
    }
    app.decision.dialog = None;
    app.decision.defer = None;
    if let Some(done) = app.state().history.done.last() {
        let text = crate::ui::describe::event(&done.kind.describe(), app.strings());
        app.notify(text);
    }
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
                Ok(_) => app.decision.defer = Some(DeferPrompt { dossier, reason: String::new() }),
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
    if decided.is_some_and(|o| o != Outcome::Deferred) {
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
    match scope(app) {
        Some(Scope::Confirm) => {
            return vec![Hint::new(Action::Open, d.confirm), Hint::new(Action::Back, d.cancel)];
        }
        Some(Scope::VoteText) if app.decision.defer.is_some() => {
            return vec![Hint::new(Action::Open, d.submit), Hint::new(Action::Back, d.cancel)];
        }
        Some(scope) => {
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
        None => {}
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
