//! Rangfolge: every scored dossier by weighted total, the budget line, the
//! proposed admission list above it, the waiting list and the rest below
//! it, the unscored dossiers apart, and the balance of the proposal.
//!
//! Everything shown comes from the App's cached [`Ranking`]; nothing here
//! recomputes it.

pub mod state;
mod summary;
mod table;
pub use state::{Entry, RankingState, Section, dossier_of, entries};

use ratatui::Frame;
use ratatui::layout::Rect;

pub use summary::{balance_line, budget_line, detail_line, totals_line};
pub use table::Columns;

use super::Hint;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;

/// Rows of the table for the app's size: the body minus balance, totals,
/// column header, detail line, legend, and the hint when criterion
/// columns are left out.
pub fn page_height(app: &App) -> usize {
    let body = crate::ui::body_area(app.size);
    let cols = Columns::new(app, usize::from(body.width.saturating_sub(2)));
    let hint = u16::from(cols.hidden() > 0);
    usize::from(body.height.saturating_sub(5 + hint))
}

/// Keep the selection on screen after a change of size or content.
pub fn keep_visible(app: &App, state: &mut RankingState) {
    let rows = entries(app.ranking());
    state.keep_visible(app.ranking(), &rows, page_height(app));
}

pub fn handle(app: &App, state: &mut RankingState, action: Action) -> Vec<Effect> {
    let page = page_height(app);
    let ranking = app.ranking();
    let rows = entries(ranking);
    let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
    if selectable.is_empty() {
        return Vec::new();
    }
    let current = state
        .selected_row(ranking, &rows)
        .and_then(|row| selectable.iter().position(|&r| r == row))
        .unwrap_or(0);
    // The same cursor as every list, over the dossier rows only.
    let mut cursor = crate::ui::widgets::list_cursor::ListCursor::default();
    cursor.select(current);
    let next = match action {
        _ if cursor.step(action, selectable.len(), page) => cursor.selected(),
        Action::DrawLots => {
            let id = selectable.get(current).and_then(|&row| dossier_of(ranking, rows[row]));
            return draw_lots(app, id);
        }
        Action::Open => {
            let id = selectable.get(current).and_then(|&row| dossier_of(ranking, rows[row]));
            return id
                .and_then(|d| app.index.position.get(d))
                .map(|&i| Effect::ShowDossier(i))
                .into_iter()
                .collect();
        }
        _ => return Vec::new(),
    };
    state.selected = selectable.get(next).and_then(|&row| dossier_of(ranking, rows[row])).map(str::to_string);
    state.keep_visible(ranking, &rows, page);
    Vec::new()
}

/// Ask to draw lots among the dossiers tied with `selected`.
fn draw_lots(app: &App, selected: Option<&str>) -> Vec<Effect> {
    let s = app.strings();
    let ranking = app.ranking();
    let group: Vec<String> = selected
        .and_then(|d| ranking.get(d))
        .map(|r| ranking.ranked.iter().filter(|x| x.rank == r.rank).map(|x| x.dossier.clone()).collect())
        .unwrap_or_default();
    if group.len() < 2 {
        return vec![Effect::Notify(s.ranking.lots_not_tied.to_string())];
    }
    let ids: Vec<&str> = group.iter().map(String::as_str).collect();
    if crate::rules::lot_order(app.state(), &ids).is_some() {
        return vec![Effect::Notify(s.ranking.lots_drawn_already.to_string())];
    }
    let names = group.iter().map(|d| crate::text::clean_line(d).into_owned()).collect::<Vec<_>>().join(", ");
    vec![Effect::Ask(crate::ui::prompts::Confirm {
        title: s.ranking.lots_title,
        question: s.ranking.lots_question.replace("{dossiers}", &names),
        command: crate::procedure::Command::DrawLots { dossiers: group },
    })]
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    vec![
        Hint::pair(Action::Down, Action::Up, s.hint_move),
        Hint::new(Action::Open, s.ranking.open),
        Hint::new(Action::DrawLots, s.ranking.draw_lots),
        Hint::pair(Action::PageDown, Action::PageUp, s.hint_scroll),
        Hint::new(Action::ShowScoring, s.scoring.show),
        Hint::new(Action::ShowOverview, s.actions.show_overview),
    ]
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    table::render(app, frame, body);
}

/// The dossier row under a click on `row`, as the table lays it out
/// (balance, totals and column heads above the rows); separator rows are
/// not selectable.
pub fn row_at(app: &App, body: ratatui::layout::Rect, row: u16) -> Option<usize> {
    let line = usize::from(row.checked_sub(body.y + 3)?);
    if line >= page_height(app) {
        return None;
    }
    let rows = entries(app.ranking());
    let i = app.ranking_screen.offset() + line;
    rows.get(i).filter(|e| e.selectable()).map(|_| i)
}

/// Select the dossier on table row `i` (a click).
pub fn select_row(app: &App, state: &mut RankingState, i: usize) {
    let ranking = app.ranking();
    let rows = entries(ranking);
    if let Some(id) = rows.get(i).and_then(|e| dossier_of(ranking, *e)) {
        state.selected = Some(id.to_string());
    }
}
