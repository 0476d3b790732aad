//! Bewertung: the score sheet of one dossier, entered as fast as the
//! members call their scores out. Digits record `EnterScore` and move on;
//! the round is revealed when the last score is in (or early, confirmed);
//! a new round is opened after discussion (confirmed). Everything shown
//! comes from the record; only the cursor and half-typed text are the UI's.

pub mod ballots;
pub mod entry;
mod grid;
pub mod review;
pub mod sheet;
pub mod state;
pub use state::{ScoringState, Source};

use super::Hint;
use crate::domain::EventKind;
use crate::procedure::{Command, DomainError};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe::refusal;
use crate::ui::effect::Effect;
use crate::ui::prompts::Confirm;
use crate::ui::screens::Screen;
use entry::Typed;
pub use grid::cell_at;

/// The sheet, and over it the ballot prompt while a path is typed.
pub fn render(app: &App, frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
    if app.state().proceedings.review.is_some() {
        review::render(app, frame, area);
        return;
    }
    grid::render(app, frame, area);
    if let Some(field) = app.scoring.importing() {
        let title = app.strings().scoring.ballots_prompt;
        crate::ui::widgets::prompt_box::render_prompt(app, frame, area, title, &[], field);
    }
}
use sheet::Sheet;

/// The dossier on the sheet (index into `session.dossiers`) and why.
pub fn target(app: &App) -> Option<(usize, Source)> {
    target_with(app, app.scoring.selected)
}

/// The same, with `selected` the sheet's own choice.
fn target_with(app: &App, selected: Option<usize>) -> Option<(usize, Source)> {
    if let Some(current) = &app.state().proceedings.agenda.current
        && let Some(&i) = app.index.position.get(&current.dossier)
    {
        return Some((i, Source::CurrentItem));
    }
    selected.or_else(|| app.agenda.selected_dossier()).map(|i| (i, Source::Selected))
}

/// `s` from anywhere: the dossier open on the dossier screen, else the one
/// selected on the agenda, unless an agenda item is open.
pub fn show(app: &App) -> Vec<Effect> {
    let chosen = match app.screen() {
        Screen::Dossier => app.dossier.current(),
        Screen::Scoring => app.scoring.selected,
        _ => app.agenda.selected_dossier(),
    };
    let mut effects: Vec<Effect> = chosen.map(Effect::SelectDossier).into_iter().collect();
    effects.push(Effect::Go(Screen::Scoring));
    effects
}

/// Keys that belong to a half-typed score come here first; `None` when the
/// key is not one of them.
pub fn intercept(app: &App, state: &mut ScoringState, action: Action) -> Option<Vec<Effect>> {
    if state.typed.is_empty() || app.state().proceedings.review.is_some() {
        return None;
    }
    match action {
        Action::Insert(_) | Action::Resize(..) => None,
        Action::Open => {
            let typed = std::mem::take(&mut state.typed);
            Some(match app.scale_entry.finish(&typed) {
                Ok(value) => score(app, state, value, None),
                Err(value) => vec![refuse_value(app, value)],
            })
        }
        Action::DeleteChar => {
            state.typed.pop();
            Some(Vec::new())
        }
        Action::Back => {
            state.typed.clear();
            Some(Vec::new())
        }
        // A value that was waiting for a further digit ("7" on a scale in
        // halves) is committed by a move; the cursor then moves from its
        // cell as the key says.
        Action::Up | Action::Down | Action::Left | Action::Right => {
            let typed = std::mem::take(&mut state.typed);
            Some(match app.scale_entry.finish(&typed) {
                Ok(value) => {
                    let (r, c) = state.cursor;
                    let moved = match action {
                        Action::Up => (r.saturating_sub(1), c),
                        Action::Down => (r + 1, c),
                        Action::Left => (r, c.saturating_sub(1)),
                        _ => (r, c + 1),
                    };
                    score(app, state, value, Some(moved))
                }
                Err(value) => vec![refuse_value(app, value)],
            })
        }
        _ => {
            state.typed.clear();
            None
        }
    }
}

pub fn handle(app: &App, state: &mut ScoringState, action: Action) -> Vec<Effect> {
    if app.state().proceedings.review.is_some() {
        return review::handle(app, state, action);
    }
    if let Some(field) = state.import.as_mut() {
        if field.edit(action) == crate::ui::widgets::text_field::Edit::Changed {
            return Vec::new();
        }
        return match action {
            Action::Back => {
                state.import = None;
                Vec::new()
            }
            Action::Open => {
                let field = std::mem::take(field);
                state.import = None;
                ballots::import(app, state, &field)
            }
            _ => Vec::new(),
        };
    }
    if action == Action::ImportBallots {
        state.typed.clear();
        state.import = Some(crate::ui::widgets::text_field::TextField::new());
        return Vec::new();
    }
    let Some((index, source)) = target_with(app, state.selected) else { return Vec::new() };
    let Some(dossier) = app.session.dossiers.get(index).map(|d| d.id.clone()) else { return Vec::new() };
    let (rows, cols, cursor, start) = {
        let sheet = Sheet::new(app.state(), &dossier);
        (sheet.rows.len(), sheet.columns(), state.cursor(index, &sheet), sheet.round)
    };
    state.cursor_for = Some((index, start));
    let (r, c) = cursor;
    let page = usize::from(crate::ui::body_area(app.size).height).saturating_sub(8).max(1);
    let last = rows.saturating_sub(1);
    state.cursor = match action {
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
        Action::Insert(ch) => type_char(app, state, &dossier, ch),
        Action::DeleteChar => vec![Effect::Notify(app.strings().scoring.no_delete.to_string())],
        Action::RevealScores => ask_reveal(app, &dossier),
        Action::NewRound => ask_round(app, &dossier),
        Action::NextDossier | Action::PrevDossier if source == Source::CurrentItem => {
            let name = crate::ui::describe::dossier_name(app.session(), &dossier);
            vec![Effect::Notify(app.strings().scoring.other_item_open.replace("{dossier}", &name))]
        }
        Action::NextDossier | Action::PrevDossier => {
            let delta = if action == Action::NextDossier { 1 } else { -1 };
            app.agenda
                .neighbour(index, delta, app.session.dossiers.len())
                .map(Effect::SelectDossier)
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// A click on a cell: the cursor goes there; a half-typed value is
/// dropped (it was not committed).
pub fn click(app: &App, state: &mut ScoringState, cell: (usize, usize)) {
    let Some((index, _)) = target_with(app, state.selected) else { return };
    let Some(dossier) = app.session.dossiers.get(index) else { return };
    state.typed.clear();
    state.cursor = cell;
    state.cursor_for = Some((index, app.state().round(&dossier.id)));
}

fn type_char(app: &App, state: &mut ScoringState, dossier: &str, ch: char) -> Vec<Effect> {
    let revealed = Sheet::new(app.state(), dossier).reveal.map(|_| app.state().round(dossier));
    if let Some(round) = revealed {
        state.typed.clear();
        let text = app.strings().scoring.entry_after_reveal.replace("{round}", &round.to_string());
        return vec![Effect::Notify(text)];
    }
    state.typed.push(ch);
    match app.scale_entry.judge(&state.typed) {
        Typed::Wait => Vec::new(),
        Typed::Commit(value) => {
            state.typed.clear();
            score(app, state, value, None)
        }
        Typed::Refuse(value) => {
            state.typed.clear();
            vec![refuse_value(app, value)]
        }
    }
}

/// `value` for the cell under the cursor: recorded (quietly: the cell
/// shows it), unless it is the value already there. Where the cursor goes
/// next is settled once it is recorded ([`recorded`]): to `then` if given,
/// else on along the member's criteria.
fn score(app: &App, state: &mut ScoringState, value: f64, then: Option<(usize, usize)>) -> Vec<Effect> {
    let Some((index, _)) = target_with(app, state.selected) else { return Vec::new() };
    let Some(dossier) = app.session.dossiers.get(index).map(|d| d.id.clone()) else { return Vec::new() };
    let (r, c) = state.cursor;
    let sheet = Sheet::new(app.state(), &dossier);
    let Some(row) = sheet.rows.get(r) else { return Vec::new() };
    let member = row.member.id.clone();
    let previous = sheet.value(r, c);
    let Some(criterion) = app.session.definition.criteria.get(c).map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if previous == Some(value) {
        state.cursor = then.unwrap_or_else(|| sheet.advance(r, c));
        return vec![Effect::Notify(app.strings().scoring.unchanged.to_string())];
    }
    state.then = then;
    vec![Effect::RecordQuietly(Command::EnterScore { dossier, member, criterion, value })]
}

/// After a score is recorded: a correction is named, the cursor moves on,
/// and the round is revealed when it was the last score missing.
pub fn recorded(app: &App, state: &mut ScoringState, kinds: &[EventKind]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for kind in kinds {
        if let EventKind::BallotImported(import) = kind {
            effects.push(Effect::Notify(ballots::recorded(app, state, import)));
            continue;
        }
        let (dossier, member, criterion, corrected) = match kind {
            EventKind::ScoreEntered { dossier, member, criterion, .. } => (dossier, member, criterion, false),
            EventKind::ScoreCorrected { dossier, member, criterion, .. } => {
                (dossier, member, criterion, true)
            }
            _ => continue,
        };
        let sheet = Sheet::new(app.state(), dossier);
        let r = sheet.rows.iter().position(|row| row.member.id == *member).unwrap_or(0);
        let c = app.session.definition.criteria.iter().position(|x| x.id == *criterion).unwrap_or(0);
        let last = (sheet.rows.len().saturating_sub(1), sheet.columns().saturating_sub(1));
        state.cursor = match state.then.take() {
            Some((tr, tc)) => (tr.min(last.0), tc.min(last.1)),
            None => sheet.advance(r, c),
        };
        if corrected {
            let s = app.strings();
            let name =
                sheet.rows.get(r).map(|row| crate::ui::widgets::doc::safe(&row.member.name).into_owned());
            let text = format!(
                "{}: {} · {}",
                s.scoring.corrected,
                name.unwrap_or_default(),
                crate::text::clean_line(criterion)
            );
            effects.push(Effect::Notify(text));
        }
        if sheet.complete() && !sheet.revealed() {
            effects.push(Effect::Record(Command::RevealScores { dossier: dossier.clone() }));
        }
    }
    effects
}

fn refuse_value(app: &App, value: Option<f64>) -> Effect {
    let s = app.strings();
    let scale = app.scale_entry.scale();
    let why = match value {
        Some(value) => refusal(
            &DomainError::OffScale { value, min: scale.min, max: scale.max, step: scale.step },
            s,
            &app.session,
        ),
        None => crate::ui::describe::allowed(scale, s),
    };
    Effect::Notify(format!("{}: {why}", s.record.refused))
}

/// `R`: reveal now when every score is in; an early reveal asks first,
/// saying how many scores are missing.
fn ask_reveal(app: &App, dossier: &str) -> Vec<Effect> {
    let sheet = Sheet::new(app.state(), dossier);
    let (missing, total) = (sheet.expected - sheet.entered.min(sheet.expected), sheet.expected);
    let command = Command::RevealScores { dossier: dossier.to_string() };
    if sheet.complete() {
        return vec![Effect::Record(command)];
    }
    let sc = app.strings().scoring;
    let question =
        sc.confirm_reveal.replace("{missing}", &missing.to_string()).replace("{total}", &total.to_string());
    vec![Effect::Ask(Confirm { title: sc.reveal, question, command })]
}

/// `N`: a new round after discussion, asked first.
fn ask_round(app: &App, dossier: &str) -> Vec<Effect> {
    let round = Sheet::new(app.state(), dossier).round;
    let sc = app.strings().scoring;
    let question =
        sc.confirm_round.replace("{next}", &(round + 1).to_string()).replace("{round}", &round.to_string());
    let command = Command::OpenRound { dossier: dossier.to_string() };
    vec![Effect::Ask(Confirm { title: sc.new_round, question, command })]
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let sc = s.scoring;
    if app.state().proceedings.review.is_some() {
        return vec![
            Hint { actions: vec![], keys: Some("0–9"), label: sc.hint_values },
            Hint::pair(Action::Down, Action::Up, sc.hint_move),
            Hint::new(Action::Note, s.actions.note),
            Hint::new(Action::ShareRemark, sc.share_remark),
            Hint::pair(Action::PrevDossier, Action::NextDossier, s.hint_dossier_step),
            Hint::new(Action::Back, s.actions.back),
        ];
    }
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
    hints.push(Hint::new(Action::ImportBallots, sc.import_ballots));
    hints.push(Hint::new(Action::Back, s.actions.back));
    hints
}
