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
pub mod minutes;
pub mod overview;
pub mod ranking;
pub mod scoring;
pub mod sign_off;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::Scope;
use super::strings::Strings;

/// The screens the chair moves between, each one key away from anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Overview,
    Agenda,
    Dossier,
    Attendance,
    Scoring,
    Minutes,
    SignOff,
    Decision,
    Ranking,
}

impl Screen {
    pub fn scope(self) -> Scope {
        match self {
            Screen::Overview => Scope::Overview,
            Screen::Agenda => Scope::Agenda,
            Screen::Dossier => Scope::Dossier,
            Screen::Attendance => Scope::Attendance,
            Screen::Scoring => Scope::Scoring,
            Screen::Minutes => Scope::Minutes,
            Screen::SignOff => Scope::SignOff,
            Screen::Decision => Scope::Decision,
            Screen::Ranking => Scope::Ranking,
        }
    }

    pub fn title(self, s: &Strings) -> &'static str {
        match self {
            Screen::Overview => s.screen_overview,
            Screen::Agenda => s.screen_agenda,
            Screen::Dossier => s.screen_dossier,
            Screen::Attendance => s.att.screen,
            Screen::Scoring => s.scoring.screen,
            Screen::Minutes => s.minutes.screen,
            Screen::SignOff => s.sign_off.screen,
            Screen::Decision => s.decision.screen,
            Screen::Ranking => s.ranking.screen,
        }
    }

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

/// One footer hint: the keys of one or more actions and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub actions: Vec<Action>,
    /// Shown instead of the bound keys (e.g. "1–9").
    pub keys: Option<&'static str>,
    pub label: &'static str,
}

impl Hint {
    pub fn new(action: Action, label: &'static str) -> Hint {
        Hint { actions: vec![action], keys: None, label }
    }

    pub fn pair(first: Action, second: Action, label: &'static str) -> Hint {
        Hint { actions: vec![first, second], keys: None, label }
    }
}

/// Lines `scroll..` of a document that fit into `height`, and the largest
/// useful scroll position.
pub fn max_scroll_for(lines: usize, height: u16) -> usize {
    lines.saturating_sub(usize::from(height))
}
