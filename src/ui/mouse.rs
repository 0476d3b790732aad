//! The mouse (PRODUCT.md §8): the wheel scrolls and a click selects where
//! that is natural. Both go through the layer stack like keys: a click
//! reaches only the screen when nothing covers it, and the wheel moves
//! whatever is on top.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::App;
use super::layers::{self, Layer};
use super::screens::Screen;

impl App {
    /// A mouse event from the terminal.
    pub fn mouse(&mut self, event: MouseEvent) {
        match event.kind {
            MouseEventKind::ScrollDown => self.wheel(Action::Down),
            MouseEventKind::ScrollUp => self.wheel(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(event.column, event.row),
            _ => {}
        }
    }

    /// The wheel moves what is on top, as ↓/↑ would; on text being typed
    /// it does nothing (the arrows move between fields there).
    fn wheel(&mut self, action: Action) {
        match layers::top(self) {
            Layer::Screen(_) | Layer::Help | Layer::Decided => self.update(action),
            _ => {}
        }
    }

    /// A left click on the screen, when no layer covers it.
    fn click(&mut self, column: u16, row: u16) {
        if !matches!(layers::top(self), Layer::Screen(_)) {
            return;
        }
        let body = super::body_area(self.size);
        if row < body.y || row >= body.y + body.height {
            return;
        }
        let hit = match self.screen {
            Screen::Agenda => super::screens::agenda::row_at(self, body, row).map(Hit::Row),
            Screen::Attendance => super::screens::attendance::row_at(self, body, row).map(Hit::Row),
            Screen::Decision => super::screens::decision::row_at(self, body, row).map(Hit::Row),
            Screen::Ranking => super::screens::ranking::row_at(self, body, row).map(Hit::Row),
            Screen::Dossier => super::screens::dossier::tab_at(self, body, column, row).map(Hit::Tab),
            Screen::Scoring => {
                super::screens::scoring::cell_at(self, body, column, row).map(|(r, c)| Hit::Cell(r, c))
            }
            Screen::Overview | Screen::Minutes | Screen::SignOff => None,
        };
        match hit {
            Some(Hit::Row(i)) => self.select_row(i),
            Some(Hit::Tab(tab)) => self.update(Action::Tab(tab)),
            Some(Hit::Cell(r, c)) => {
                super::update::lend!(self, scoring, |app, state| super::screens::scoring::click(
                    app,
                    state,
                    (r, c)
                ));
            }
            None => {}
        }
    }

    /// Select row `i` of the list on the current screen.
    fn select_row(&mut self, i: usize) {
        match self.screen {
            Screen::Agenda => self.agenda.select_row(i),
            Screen::Attendance => self.attendance.select(i),
            Screen::Decision => self.decision.select(i),
            Screen::Ranking => {
                super::update::lend!(self, ranking_screen, |app, state| super::screens::ranking::select_row(
                    app, state, i
                ));
            }
            _ => {}
        }
    }
}

/// What a click landed on.
enum Hit {
    Row(usize),
    Tab(u8),
    Cell(usize, usize),
}
