//! The member's own score sheet in a review before the session (PRODUCT.md
//! §11, `gremium review`): one dossier, the session's criteria down the
//! sheet, the member's score beside each, and the private note and the
//! remark to share below. Digits record `review_score` at once; `n` writes
//! the private note, `m` the remark for the committee.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::entry::Typed;
use super::{ScoringState, target_with};
use crate::domain::{Language, Review};
use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::format::decimal;
use crate::ui::widgets::doc::{Align, fit, safe, wrap};

/// The dossiers the member has scored on every criterion, of those they
/// may score (not conflicted).
pub fn progress(app: &App, review: &Review) -> (usize, usize) {
    let def = &app.session().definition;
    let state = app.state();
    let open: Vec<&str> = app
        .session()
        .dossiers
        .iter()
        .map(|d| d.id.as_str())
        .filter(|d| !state.is_conflicted(&review.member, d))
        .collect();
    let done = open
        .iter()
        .filter(|d| def.criteria.iter().all(|c| review.scores.contains_key(&(d.to_string(), c.id.clone()))))
        .count();
    (done, open.len())
}

pub fn handle(app: &App, state: &mut ScoringState, action: Action) -> Vec<Effect> {
    let Some(review) = app.state().proceedings.review.as_ref() else { return Vec::new() };
    let Some((index, _)) = target_with(app, state.selected) else { return Vec::new() };
    let Some(dossier) = app.session().dossiers.get(index).map(|d| d.id.clone()) else { return Vec::new() };
    let rows = app.session().definition.criteria.len();
    let row = cursor_row(app, state, review, index);
    state.cursor = (row, 0);
    state.cursor_for = Some((index, 0));
    match action {
        Action::Up => state.cursor = (row.saturating_sub(1), 0),
        Action::Down => state.cursor = ((row + 1).min(rows.saturating_sub(1)), 0),
        Action::Home => state.cursor = (0, 0),
        Action::End => state.cursor = (rows.saturating_sub(1), 0),
        Action::Open if !state.typed.is_empty() => {
            let typed = std::mem::take(&mut state.typed);
            return match app.scale_entry.finish(&typed) {
                Ok(value) => give(app, state, review, &dossier, row, value),
                Err(_) => vec![refuse(app)],
            };
        }
        Action::Open => state.cursor = ((row + 1).min(rows.saturating_sub(1)), 0),
        Action::DeleteChar => {
            state.typed.pop();
        }
        Action::Back if !state.typed.is_empty() => state.typed.clear(),
        Action::Insert(ch) => {
            if app.state().is_conflicted(&review.member, &dossier) {
                return vec![Effect::Notify(app.strings().scoring.review_conflicted.to_string())];
            }
            state.typed.push(ch);
            return match app.scale_entry.judge(&state.typed) {
                Typed::Wait => Vec::new(),
                Typed::Commit(value) => {
                    state.typed.clear();
                    give(app, state, review, &dossier, row, value)
                }
                Typed::Refuse(_) => {
                    state.typed.clear();
                    vec![refuse(app)]
                }
            };
        }
        Action::NextDossier | Action::PrevDossier => {
            state.typed.clear();
            let delta = if action == Action::NextDossier { 1 } else { -1 };
            return app
                .agenda
                .neighbour(index, delta, app.session().dossiers.len())
                .map(Effect::SelectDossier)
                .into_iter()
                .collect();
        }
        _ => {}
    }
    Vec::new()
}

/// Record the member's score on criterion `row`, then on to the next one.
fn give(
    app: &App,
    state: &mut ScoringState,
    review: &Review,
    dossier: &str,
    row: usize,
    value: f64,
) -> Vec<Effect> {
    let Some(criterion) = app.session().definition.criteria.get(row).map(|c| c.id.clone()) else {
        return Vec::new();
    };
    let rows = app.session().definition.criteria.len();
    state.cursor = ((row + 1).min(rows.saturating_sub(1)), 0);
    if review.scores.get(&(dossier.to_string(), criterion.clone())) == Some(&value) {
        return vec![Effect::Notify(app.strings().scoring.unchanged.to_string())];
    }
    vec![Effect::RecordQuietly(Command::ReviewScore { dossier: dossier.to_string(), criterion, value })]
}

/// The criterion under the cursor on dossier `index`: where it was, or on
/// a dossier shown afresh the first criterion without a score.
fn cursor_row(app: &App, state: &ScoringState, review: &Review, index: usize) -> usize {
    let criteria = &app.session().definition.criteria;
    if state.cursor_for == Some((index, 0)) {
        return state.cursor.0.min(criteria.len().saturating_sub(1));
    }
    let Some(dossier) = app.session().dossiers.get(index) else { return 0 };
    criteria
        .iter()
        .position(|c| !review.scores.contains_key(&(dossier.id.clone(), c.id.clone())))
        .unwrap_or(0)
}

fn refuse(app: &App) -> Effect {
    let s = app.strings();
    Effect::Notify(format!(
        "{}: {}",
        s.record.refused,
        crate::ui::describe::allowed(app.scale_entry.scale(), s)
    ))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let sc = s.scoring;
    let t = &app.theme;
    let Some(review) = app.state().proceedings.review.as_ref() else { return };
    let w = usize::from(area.width).saturating_sub(2);
    let Some((index, _)) = target_with(app, app.scoring.selected) else {
        frame.render_widget(Paragraph::new(Line::styled(format!(" {}", sc.no_dossier), t.muted)), area);
        return;
    };
    let Some(dossier) = app.session().dossiers.get(index) else { return };
    let def = &app.session().definition;
    let lang = app.language();
    let decimals = super::entry::decimals(def.scale.step);
    let (done, of) = progress(app, review);
    let who = crate::ui::describe::member_name(app.session(), &review.member);
    let mut lines = vec![
        Line::styled(
            fit(
                &format!(
                    "{} · {} – {}",
                    safe(&dossier.id),
                    safe(&dossier.municipality),
                    safe(&dossier.area.name)
                ),
                w,
                Align::Left,
            ),
            t.heading,
        ),
        Line::styled(
            fit(
                &sc.review_progress
                    .replace("{member}", &safe(&who))
                    .replace("{done}", &done.to_string())
                    .replace("{of}", &of.to_string()),
                w,
                Align::Left,
            ),
            t.label,
        ),
        Line::styled(fit(&crate::ui::describe::allowed(def.scale, s), w, Align::Left), t.label),
        Line::raw(""),
    ];
    let conflicted = app.state().is_conflicted(&review.member, &dossier.id);
    if conflicted {
        lines.push(Line::styled(fit(sc.review_conflicted, w, Align::Left), t.warn));
    } else {
        let label_w = w.saturating_sub(23).max(10);
        lines.push(Line::styled(
            format!(
                " {}{}{}",
                fit(sc.col_criterion, label_w, Align::Left),
                fit(sc.col_weight_short, 9, Align::Right),
                fit(sc.col_yours, 13, Align::Right)
            ),
            t.label,
        ));
        let row = cursor_row(app, &app.scoring, review, index);
        for (i, c) in def.criteria.iter().enumerate() {
            let label = match (lang, &c.label_en) {
                (Language::En, Some(en)) => en.as_str(),
                _ => c.label.as_str(),
            };
            let here = i == row;
            let value = review.scores.get(&(dossier.id.clone(), c.id.clone())).copied();
            let text = match value {
                _ if here && !app.scoring.typed().is_empty() => format!("{}▏", app.scoring.typed()),
                Some(v) => decimal(v, decimals, lang),
                None => "·".to_string(),
            };
            let marker = if here { "▸" } else { " " };
            let style = if here { t.selected } else { ratatui::style::Style::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("{marker}{}", fit(&safe(label), label_w, Align::Left)), style),
                Span::styled(fit(&decimal(c.weight, 2, lang), 9, Align::Right), style),
                Span::styled(fit(&text, 13, Align::Right), style),
            ]));
        }
    }
    lines.push(Line::raw(""));
    for (title, text) in
        [(sc.review_note, review.notes.get(&dossier.id)), (sc.review_remark, review.remarks.get(&dossier.id))]
    {
        lines.push(Line::styled(fit(title, w, Align::Left), t.heading));
        match text {
            Some(text) => {
                lines.extend(wrap(text, w.saturating_sub(2)).into_iter().map(|l| Line::raw(format!("  {l}"))))
            }
            None => lines.push(Line::styled(format!("  {}", sc.review_none), t.muted)),
        }
    }
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    frame.render_widget(Paragraph::new(lines), inner);
}
