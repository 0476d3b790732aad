//! Tagesordnung: the dossiers in agenda order, with incremental search and a
//! choice of sort keys. Filtering and sorting run once per change over
//! precomputed keys, so a key press costs O(n log n) at worst.

pub mod items;
pub mod state;
mod table;
pub use state::{AgendaState, SortKey};

use ratatui::Frame;
use ratatui::layout::{Rect, Size};

use super::Hint;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;

/// Rows of the list for a terminal size: the body minus status line,
/// column header, current item, selected item and legend.
pub fn page_height(size: Size) -> usize {
    usize::from(crate::ui::body_area(size).height.saturating_sub(5))
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    if app.scope() == Scope::Search {
        return vec![
            Hint::new(Action::Open, s.actions.open),
            Hint::new(Action::Back, s.actions.clear_search),
            Hint::new(Action::DeleteChar, s.actions.delete_char),
            Hint::pair(Action::Down, Action::Up, s.hint_move),
        ];
    }
    let mut hints = vec![
        Hint::pair(Action::Down, Action::Up, s.hint_move),
        Hint::new(Action::Open, s.actions.open),
        Hint::new(Action::CallItem, s.att.call_item),
        Hint::new(Action::CloseItem, s.att.close_item),
        Hint::new(Action::Search, s.actions.search),
        Hint::new(Action::CycleSort, s.actions.cycle_sort),
        Hint::pair(Action::MoveUp, Action::MoveDown, s.hint_reorder),
        Hint::new(Action::Defer, s.actions.defer),
        Hint::new(Action::Note, s.actions.note),
        Hint::new(Action::Undo, s.actions.undo),
    ];
    if !app.agenda().query().is_empty() {
        hints.insert(3, Hint::new(Action::Back, s.actions.clear_search));
    }
    hints.push(Hint::new(Action::ShowOverview, s.actions.show_overview));
    hints
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    table::render(app, frame, body);
}

/// The list position under a click on `row`, as the table lays it out
/// (status and header lines above the rows).
pub fn row_at(app: &App, body: Rect, row: u16) -> Option<usize> {
    let first = body.y + 2;
    let line = usize::from(row.checked_sub(first)?);
    let agenda = app.agenda();
    (line < page_height(app.size)).then_some(agenda.offset() + line).filter(|i| *i < agenda.visible().len())
}
