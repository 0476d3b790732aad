//! The App: everything the screens show, and `update`, the one place where
//! actions change it. Rendering only reads it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

use super::action::Action;
use super::index::SessionIndex;
use super::keymap::{KeyChord, Keymap, Scope};
use super::screens::{Screen, agenda::AgendaState, dossier::DossierState, overview};
use super::strings::{Strings, strings};
use super::theme::{Theme, ThemeKind};
use super::widgets::help;
use crate::domain::{Language, Session};

/// How many screens `Esc` can step back through.
const HISTORY_LIMIT: usize = 32;

pub struct App {
    pub(crate) session: Session,
    pub(crate) index: SessionIndex,
    pub(crate) lang: Language,
    pub(crate) theme_kind: ThemeKind,
    pub(crate) theme: Theme,
    pub(crate) keymap: Keymap,
    pub(crate) screen: Screen,
    history: Vec<Screen>,
    pub(crate) overview_scroll: usize,
    pub(crate) agenda: AgendaState,
    pub(crate) dossier: DossierState,
    /// Scroll position of the help overlay when it is open.
    pub(crate) help: Option<usize>,
    /// The terminal size, known from the last resize; scrolling limits
    /// depend on it.
    pub(crate) size: Size,
    quit: bool,
    /// A message for the chair (a warning, what was undone …), shown in the
    /// footer until the next key.
    notice: Option<String>,
}

impl App {
    /// A new app on the overview, in `lang` (the session's language when
    /// `None`), sized 80×24 until the first resize.
    pub fn new(session: Session, lang: Option<Language>) -> App {
        let index = SessionIndex::new(&session);
        let agenda = AgendaState::new(&session, &index);
        let lang = lang.unwrap_or(session.definition.language);
        let theme_kind = ThemeKind::Default;
        App {
            session,
            index,
            lang,
            theme_kind,
            theme: theme_kind.theme(),
            // The embedded map is checked by a unit test; `run` reports an
            // error before the app is built if it ever failed to parse.
            keymap: Keymap::embedded().unwrap_or_default(),
            screen: Screen::Overview,
            history: Vec::new(),
            overview_scroll: 0,
            agenda,
            dossier: DossierState::default(),
            help: None,
            size: Size::new(80, 24),
            quit: false,
            notice: None,
        }
    }

    pub fn with_theme(mut self, kind: ThemeKind) -> App {
        self.theme_kind = kind;
        self.theme = kind.theme();
        self
    }

    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn strings(&self) -> &'static Strings {
        strings(self.lang)
    }

    pub fn language(&self) -> Language {
        self.lang
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn help_open(&self) -> bool {
        self.help.is_some()
    }

    pub fn agenda(&self) -> &AgendaState {
        &self.agenda
    }

    pub fn dossier_state(&self) -> &DossierState {
        &self.dossier
    }

    /// Where keys are looked up right now.
    pub fn scope(&self) -> Scope {
        if self.help.is_some() {
            Scope::Help
        } else if self.screen == Screen::Agenda && self.agenda.editing() {
            Scope::Search
        } else {
            self.screen.scope()
        }
    }

    /// The action a key stands for here; printable keys are text while a
    /// search is being typed.
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        let chord = KeyChord::from_event(key)?;
        let scope = self.scope();
        if let Some(action) = self.keymap.lookup(scope, chord) {
            return Some(action);
        }
        match chord.code {
            KeyCode::Char(c) if scope == Scope::Search && !chord.ctrl && !chord.alt => {
                Some(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// Show `text` in the footer until the next key.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(text.into());
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.notice = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.size = Size::new(w, h),
            Action::ToggleLanguage => {
                self.lang = match self.lang {
                    Language::De => Language::En,
                    Language::En => Language::De,
                };
            }
            Action::CycleTheme => {
                self.theme_kind = self.theme_kind.next();
                self.theme = self.theme_kind.theme();
            }
            Action::Help if self.help.is_some() => self.help = None,
            Action::Help => self.help = Some(0),
            _ if self.help.is_some() => {
                if !help::handle(self, action) {
                    self.help = None;
                    self.update(action);
                }
                return;
            }
            Action::ShowOverview => self.go(Screen::Overview),
            Action::ShowAgenda => self.go(Screen::Agenda),
            Action::ShowDossier => self.open_dossier(),
            Action::Search => {
                self.go(Screen::Agenda);
                self.agenda.start_search();
            }
            Action::Back => {
                let handled = match self.screen {
                    Screen::Agenda => self.agenda.back(&self.session, &self.index),
                    Screen::Overview | Screen::Dossier => false,
                };
                if !handled {
                    self.go_back();
                }
            }
            _ => self.forward(action),
        }
        self.clamp_scrolls();
    }

    fn forward(&mut self, action: Action) {
        match self.screen {
            Screen::Overview => overview::handle(self, action),
            Screen::Agenda => {
                let page = super::screens::agenda::page_height(self.size);
                if let Some(open) = self.agenda.handle(action, &self.session, &self.index, page) {
                    self.dossier.show(open);
                    self.go(Screen::Dossier);
                }
            }
            Screen::Dossier => super::screens::dossier::handle(self, action),
        }
    }

    /// Show the dossier selected in the agenda (or the one already open).
    fn open_dossier(&mut self) {
        if self.dossier.current().is_none()
            && let Some(i) = self.agenda.selected_dossier()
        {
            self.dossier.show(i);
        }
        self.go(Screen::Dossier);
    }

    pub(crate) fn go(&mut self, screen: Screen) {
        if screen != self.screen {
            if self.history.len() >= HISTORY_LIMIT {
                self.history.remove(0);
            }
            self.history.push(self.screen);
            self.screen = screen;
        }
    }

    fn go_back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.screen = previous;
        }
    }

    /// Keep every scroll position within its content after any change of
    /// size, language or content.
    fn clamp_scrolls(&mut self) {
        if let Some(scroll) = self.help {
            self.help = Some(scroll.min(help::max_scroll(self)));
        }
        match self.screen {
            Screen::Overview => self.overview_scroll = self.overview_scroll.min(overview::max_scroll(self)),
            Screen::Agenda => self.agenda.keep_visible(super::screens::agenda::page_height(self.size)),
            Screen::Dossier => {
                let max = super::screens::dossier::max_scroll(self);
                self.dossier.clamp_scroll(max);
            }
        }
    }
}
