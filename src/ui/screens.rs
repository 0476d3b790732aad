//! The screens. Each has a small `handle` (actions → state) and a pure
//! `render`; `Screen` names them and the one `match` below dispatches.
//!
//! Screen state lives in the App rather than inside the enum variants so
//! that it survives navigation: the agenda keeps its search and selection
//! while a dossier is open.

pub mod agenda;
pub mod attendance;
pub mod decision;
pub mod dossier;
pub mod kind;
pub mod minutes;
pub mod overview;
pub mod ranking;
pub mod scoring;
pub mod sign_off;

pub use kind::{Hint, Screen, max_scroll_for};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::App;

impl Screen {
    /// Render the screen into the area between header and footer.
    pub fn render(self, app: &App, frame: &mut Frame, area: Rect) {
        match self {
            Screen::Overview => overview::render(app, frame, area),
            Screen::Agenda => agenda::render(app, frame, area),
            Screen::Dossier => dossier::render(app, frame, area),
            Screen::Attendance => attendance::render(app, frame, area),
            Screen::Scoring => scoring::render(app, frame, area),
            Screen::Minutes => minutes::render(app, frame, area),
            Screen::SignOff => sign_off::render(app, frame, area),
            Screen::Decision => decision::render(app, frame, area),
            Screen::Ranking => ranking::render(app, frame, area),
        }
    }

    /// The hints the footer shows on this screen, most important first.
    pub fn hints(self, app: &App) -> Vec<Hint> {
        match self {
            Screen::Overview => overview::hints(app),
            Screen::Agenda => agenda::hints(app),
            Screen::Dossier => dossier::hints(app),
            Screen::Attendance => attendance::hints(app),
            Screen::Scoring => scoring::hints(app),
            Screen::Minutes => minutes::hints(app),
            Screen::SignOff => sign_off::hints(app),
            Screen::Decision => decision::hints(app),
            Screen::Ranking => ranking::hints(app),
        }
    }
}
