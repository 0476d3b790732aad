//! Bewertung: the score sheet of one dossier, entered as fast as the
//! members call their scores out. Digits record `EnterScore` and move on;
//! the round is revealed when the last score is in (or early, confirmed);
//! a new round is opened after discussion (confirmed). Everything shown
//! comes from the record; only the cursor and half-typed text are the UI's.

pub mod entry;
mod grid;
pub mod sheet;
pub mod state;
pub use state::{ScoringState, Source};

use super::Hint;
use crate::domain::{Command, DomainError};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe::refusal;
use crate::ui::screens::Screen;
use entry::Typed;
pub use grid::render;
use sheet::Sheet;

/// The dossier on the sheet (index into `session.dossiers`) and why.
pub fn target(app: &App) -> Option<(usize, Source)> {
    if let Some(current) = &app.state().proceedings.agenda.current
        && let Some(&i) = app.index.position.get(&current.dossier)
    {
        return Some((i, Source::CurrentItem));
    }
    app.scoring.selected.or_else(|| app.agenda.selected_dossier()).map(|i| (i, Source::Selected))
}

/// `s` from anywhere: the dossier open on the dossier screen, else the one
/// selected on the agenda, unless an agenda item is open.
pub fn show(app: &mut App) {
    let chosen = match app.screen {
        Screen::Dossier => app.dossier.current(),
        Screen::Scoring => app.scoring.selected,
        _ => app.agenda.selected_dossier(),
    };
    if chosen.is_some() {
        app.scoring.selected = chosen;
    }
    app.go(Screen::Scoring);
}

/// Keys that belong to a confirmation or to a half-typed score come here
/// first; `true` when the key was used up.
pub fn intercept(app: &mut App, action: Action) -> bool {
    if app.scoring.typed.is_empty() {
        return false;
    }
    match action {
        Action::Insert(_) | Action::Resize(..) => false,
        Action::Open => {
            let typed = std::mem::take(&mut app.scoring.typed);
            match app.scoring.entry.finish(&typed) {
                Ok(value) => record(app, value),
                Err(value) => refuse_value(app, value),
            }
            true
        }
        Action::DeleteChar => {
            app.scoring.typed.pop();
            true
        }
        Action::Back => {
            app.scoring.typed.clear();
            true
        }
        // A value that was waiting for a further digit ("7" on a scale in
        // halves) is committed by a move; the cursor then moves from its
        // cell as the key says.
        Action::Up | Action::Down | Action::Left | Action::Right => {
            let typed = std::mem::take(&mut app.scoring.typed);
            let here = app.scoring.cursor;
            match app.scoring.entry.finish(&typed) {
                Ok(value) => {
                    record(app, value);
                    app.scoring.cursor = here;
                    false
                }
                Err(value) => {
                    refuse_value(app, value);
                    true
                }
            }
        }
        _ => {
            app.scoring.typed.clear();
            false
        }
    }
}

pub fn handle(app: &mut App, action: Action) {
    let Some((index, source)) = target(app) else { return };
    let Some(dossier) = app.session.dossiers.get(index).map(|d| d.id.clone()) else { return };
    let (rows, cols, cursor, start) = {
        let sheet = Sheet::new(app.state(), &dossier);
        (sheet.rows.len(), sheet.columns(), app.scoring.cursor(index, &sheet), sheet.round)
    };
    app.scoring.cursor_for = Some((index, start));
    let (r, c) = cursor;
    let page = usize::from(crate::ui::body_area(app.size).height).saturating_sub(8).max(1);
    let last = rows.saturating_sub(1);
    app.scoring.cursor = match action {
        Action::Up => (r.saturating_sub(1), c),
        Action::Down => ((r + 1).min(last), c),
        Action::Left => (r, c.saturating_sub(1)),
        Action::Right => (r, (c + 1).min(cols.saturating_sub(1))),
        Action::PageUp => (r.saturating_sub(page), c),
        Action::PageDown => ((r + page).min(last), c),
        Action::Home => (0, 0),
        Action::End => (last, cols.saturating_sub(1)),
        Action::Open => Sheet::new(app.state(), &dossier).advance(r, c),
        _ => (r, c),
    };
    match action {
        Action::Insert(ch) => type_char(app, &dossier, ch),
        Action::DeleteChar => app.notify(app.strings().scoring.no_delete),
        Action::RevealScores => ask_reveal(app, &dossier),
        Action::NewRound => ask_round(app, &dossier),
        Action::NextDossier | Action::PrevDossier if source == Source::CurrentItem => {
            let text = app.strings().scoring.other_item_open.replace("{dossier}", &dossier);
            app.notify(text);
        }
        Action::NextDossier | Action::PrevDossier => {
            let delta = if action == Action::NextDossier { 1 } else { -1 };
            if let Some(next) = app.agenda.neighbour(index, delta, app.session.dossiers.len()) {
                app.scoring.selected = Some(next);
                app.agenda.select_dossier(next);
                app.dossier.show(next);
            }
        }
        _ => {}
    }
}

fn type_char(app: &mut App, dossier: &str, ch: char) {
    let revealed = Sheet::new(app.state(), dossier).reveal.map(|_| app.state().round(dossier));
    if let Some(round) = revealed {
        app.scoring.typed.clear();
        let text = app.strings().scoring.entry_after_reveal.replace("{round}", &round.to_string());
        return app.notify(text);
    }
    app.scoring.typed.push(ch);
    match app.scoring.entry.judge(&app.scoring.typed) {
        Typed::Wait => {}
        Typed::Commit(value) => {
            app.scoring.typed.clear();
            record(app, value);
        }
        Typed::Refuse(value) => {
            app.scoring.typed.clear();
            refuse_value(app, value);
        }
    }
}

/// Record `value` in the cell under the cursor, move on, and reveal the
/// round when it was the last score missing.
fn record(app: &mut App, value: f64) {
    let Some((index, _)) = target(app) else { return };
    let Some(dossier) = app.session.dossiers.get(index).map(|d| d.id.clone()) else { return };
    let (r, c) = app.scoring.cursor;
    let (member, name, previous) = {
        let sheet = Sheet::new(app.state(), &dossier);
        let Some(row) = sheet.rows.get(r) else { return };
        (row.member.id.clone(), row.member.name.clone(), sheet.value(r, c))
    };
    let Some(criterion) = app.session.definition.criteria.get(c).map(|c| c.id.clone()) else { return };
    let s = app.strings();
    if previous == Some(value) {
        app.notify(s.scoring.unchanged);
        app.scoring.cursor = Sheet::new(app.state(), &dossier).advance(r, c);
        return;
    }
    let command =
        Command::EnterScore { dossier: dossier.clone(), member, criterion: criterion.clone(), value };
    if !app.execute(command) {
        return;
    }
    if previous.is_some() {
        let label = crate::ui::widgets::doc::safe(&name).into_owned();
        app.notify(format!("{}: {label} · {}", s.scoring.corrected, crate::text::clean_line(&criterion)));
    }
    let (next, complete, revealed, round) = {
        let sheet = Sheet::new(app.state(), &dossier);
        (sheet.advance(r, c), sheet.complete(), sheet.revealed(), sheet.round)
    };
    app.scoring.cursor = next;
    if complete && !revealed && app.execute(Command::RevealScores { dossier }) {
        app.notify(s.scoring.auto_revealed.replace("{round}", &round.to_string()));
    }
}

fn refuse_value(app: &mut App, value: Option<f64>) {
    let s = app.strings();
    let scale = app.scoring.entry.scale();
    let why = match value {
        Some(value) => refusal(
            &DomainError::OffScale { value, min: scale.min, max: scale.max, step: scale.step },
            s,
            &app.session,
        ),
        None => crate::ui::describe::allowed(scale, s),
    };
    app.notify(format!("{}: {why}", s.record.refused));
}

/// `R`: reveal now when every score is in; an early reveal asks first,
/// saying how many scores are missing.
fn ask_reveal(app: &mut App, dossier: &str) {
    let (complete, missing, total) = {
        let sheet = Sheet::new(app.state(), dossier);
        (sheet.complete(), sheet.expected - sheet.entered.min(sheet.expected), sheet.expected)
    };
    let command = Command::RevealScores { dossier: dossier.to_string() };
    if complete {
        app.record(command);
        return;
    }
    let sc = app.strings().scoring;
    let question =
        sc.confirm_reveal.replace("{missing}", &missing.to_string()).replace("{total}", &total.to_string());
    ask(app, command, sc.reveal, question);
}

/// `N`: a new round after discussion, asked first.
fn ask_round(app: &mut App, dossier: &str) {
    let round = Sheet::new(app.state(), dossier).round;
    let sc = app.strings().scoring;
    let question =
        sc.confirm_round.replace("{next}", &(round + 1).to_string()).replace("{round}", &round.to_string());
    ask(app, Command::OpenRound { dossier: dossier.to_string() }, sc.new_round, question);
}

fn ask(app: &mut App, command: Command, title: &'static str, question: String) {
    app.ask(title, question, command);
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let sc = s.scoring;
    let revealed = target(app).and_then(|(i, _)| app.session.dossiers.get(i)).is_some_and(|d| {
        app.state().proceedings.reveals.contains_key(&(d.id.clone(), app.state().round(&d.id)))
    });
    let mut hints = vec![
        Hint { actions: vec![], keys: Some("0–9"), label: sc.hint_values },
        if revealed {
            Hint::new(Action::NewRound, sc.new_round)
        } else {
            Hint::new(Action::RevealScores, sc.reveal)
        },
        Hint::new(Action::Open, sc.enter),
    ];
    hints.push(Hint {
        actions: vec![Action::Left, Action::Down, Action::Up, Action::Right],
        keys: None,
        label: sc.hint_move,
    });
    hints.push(Hint::pair(Action::PrevDossier, Action::NextDossier, s.hint_dossier_step));
    hints.push(Hint::new(Action::Back, s.actions.back));
    hints
}
