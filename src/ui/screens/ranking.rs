//! Rangfolge: every scored dossier by weighted total, the budget line, the
//! proposed admission list above it, the waiting list and the rest below
//! it, the unscored dossiers apart, and the balance of the proposal.
//!
//! Everything shown comes from the App's cached [`Ranking`]; nothing here
//! recomputes it.

mod summary;
mod table;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use summary::{balance_line, budget_line, detail_line, totals_line};
pub use table::Columns;

use super::{Hint, Screen};
use crate::rules::{Place, Ranking};
use crate::ui::action::Action;
use crate::ui::app::App;

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `ranking.ranked[i]`.
    Ranked(usize),
    /// `ranking.unscored[i]`.
    Unscored(usize),
    /// The budget line, after the proposed list.
    BudgetLine,
    /// Below the budget line when a tie group straddles it.
    TieAtLine,
    Heading(Section),
    /// A section without dossiers.
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Waiting,
    NotAdmitted,
    Unscored,
}

impl Entry {
    fn selectable(self) -> bool {
        matches!(self, Entry::Ranked(_) | Entry::Unscored(_))
    }
}

/// The rows in order: proposed, budget line, waiting list, not admitted,
/// unscored. Every section is there, with an "Empty" row when it has no
/// dossiers, so the table reads the same however far the session is.
pub fn entries(ranking: &Ranking) -> Vec<Entry> {
    let mut rows = Vec::with_capacity(ranking.ranked.len() + ranking.unscored.len() + 8);
    let section = |rows: &mut Vec<Entry>, wanted: fn(&Place) -> bool| {
        let before = rows.len();
        rows.extend(
            ranking
                .ranked
                .iter()
                .enumerate()
                .filter(|(_, r)| wanted(&r.place))
                .map(|(i, _)| Entry::Ranked(i)),
        );
        if rows.len() == before {
            rows.push(Entry::Empty);
        }
    };
    section(&mut rows, |p| *p == Place::Proposed);
    rows.push(Entry::BudgetLine);
    if ranking.line.tie_at_line {
        rows.push(Entry::TieAtLine);
    }
    rows.push(Entry::Heading(Section::Waiting));
    section(&mut rows, |p| matches!(p, Place::WaitingList { .. }));
    rows.push(Entry::Heading(Section::NotAdmitted));
    section(&mut rows, |p| *p == Place::NotAdmitted);
    rows.push(Entry::Heading(Section::Unscored));
    if ranking.unscored.is_empty() {
        rows.push(Entry::Empty);
    }
    rows.extend((0..ranking.unscored.len()).map(Entry::Unscored));
    rows
}

/// The dossier a row shows.
pub fn dossier_of(ranking: &Ranking, entry: Entry) -> Option<&str> {
    match entry {
        Entry::Ranked(i) => ranking.ranked.get(i).map(|r| r.dossier.as_str()),
        Entry::Unscored(i) => ranking.unscored.get(i).map(String::as_str),
        _ => None,
    }
}

/// Selection and scroll position. The selection is a dossier id, so it
/// stays on its dossier when the ranking changes under it.
#[derive(Debug, Clone, Default)]
pub struct RankingState {
    selected: Option<String>,
    /// First row shown.
    offset: usize,
}

impl RankingState {
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The row of the selection: the selected dossier's, else the first
    /// dossier's; `None` when there are no dossiers at all.
    pub fn selected_row(&self, ranking: &Ranking, rows: &[Entry]) -> Option<usize> {
        let wanted = self.selected.as_deref();
        let found = wanted.and_then(|d| rows.iter().position(|e| dossier_of(ranking, *e) == Some(d)));
        found.or_else(|| rows.iter().position(|e| e.selectable()))
    }

    /// Scroll so that the selection is on screen; the first dossier shows
    /// the top of the table, the last one its end.
    fn keep_visible(&mut self, ranking: &Ranking, rows: &[Entry], page: usize) {
        let page = page.max(1);
        let max = rows.len().saturating_sub(page);
        if let Some(row) = self.selected_row(ranking, rows) {
            let first = rows.iter().position(|e| e.selectable());
            let last = rows.iter().rposition(|e| e.selectable());
            if Some(row) == first {
                self.offset = 0;
            } else if Some(row) == last {
                self.offset = max;
            } else if row < self.offset {
                self.offset = row;
            } else if row >= self.offset + page {
                self.offset = row + 1 - page;
            }
        }
        self.offset = self.offset.min(max);
    }
}

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
pub fn keep_visible(app: &mut App) {
    let page = page_height(app);
    let rows = entries(app.ranking());
    let mut state = std::mem::take(&mut app.ranking_screen);
    state.keep_visible(app.ranking(), &rows, page);
    app.ranking_screen = state;
}

pub fn handle(app: &mut App, action: Action) {
    let page = page_height(app);
    let ranking = app.ranking();
    let rows = entries(ranking);
    let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
    let Some(last) = selectable.len().checked_sub(1) else { return };
    let current = app
        .ranking_screen
        .selected_row(ranking, &rows)
        .and_then(|row| selectable.iter().position(|&r| r == row))
        .unwrap_or(0);
    let next = match action {
        Action::Up => current.saturating_sub(1),
        Action::Down => (current + 1).min(last),
        Action::PageUp => current.saturating_sub(page.max(1)),
        Action::PageDown => (current + page.max(1)).min(last),
        Action::Home => 0,
        Action::End => last,
        Action::Open => {
            let id = selectable.get(current).and_then(|&row| dossier_of(ranking, rows[row]));
            if let Some(&i) = id.and_then(|d| app.index.position.get(d)) {
                app.dossier.show(i);
                app.go(Screen::Dossier);
            }
            return;
        }
        _ => return,
    };
    let id = selectable.get(next).and_then(|&row| dossier_of(ranking, rows[row])).map(str::to_string);
    let mut state = std::mem::take(&mut app.ranking_screen);
    state.selected = id;
    state.keep_visible(app.ranking(), &rows, page);
    app.ranking_screen = state;
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    vec![
        Hint::pair(Action::Down, Action::Up, s.hint_move),
        Hint::new(Action::Open, s.ranking.open),
        Hint::pair(Action::PageDown, Action::PageUp, s.hint_scroll),
        Hint::new(Action::ShowScoring, s.scoring.show),
        Hint::new(Action::ShowOverview, s.actions.show_overview),
    ]
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    table::render(app, frame, body);
}
