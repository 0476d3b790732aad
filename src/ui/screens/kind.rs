//! The screens by name, the footer's hint type and a scrolling helper: what
//! the app and every screen share, without depending on any of them.

use crate::ui::action::Action;
use crate::ui::keymap::Scope;
use crate::ui::strings::Strings;

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
