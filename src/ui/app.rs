//! The App: everything the screens show, and `update`, the one place where
//! actions change it. Rendering only reads it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

use super::action::Action;
use super::index::SessionIndex;
use super::keymap::{KeyChord, Keymap, Scope};
use super::layers::{self, Layer};
use super::screens::agenda::{self, AgendaState, SortKey};
use super::screens::attendance::{self, AttendanceState};
use super::screens::decision::{self, DecisionState};
use super::screens::minutes::{self, MinutesState};
use super::screens::ranking::{self, RankingState};
use super::screens::scoring::{self, ScoringState};
use super::screens::sign_off::{self, SignOffState};
use super::screens::{Screen, dossier::DossierState, overview};
use super::strings::{Strings, strings};
use super::theme::{Theme, ThemeKind};
use super::widgets::amend::AmendPrompt;
use super::widgets::confirm::{self, Confirm};
use super::widgets::text_field::{Edit, TextField};
use std::cell::OnceCell;

use crate::rules::{DecidedList, Ranking};
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;

use super::journal::{Journal, JournalError};
use super::widgets::help;
use crate::domain::{Command, DomainError, InputChange, Language, Session, SessionState};
use crate::record::LiveError;

/// How many screens `Esc` can step back through.
const HISTORY_LIMIT: usize = 32;

pub struct App {
    pub(crate) session: Arc<Session>,
    /// The record and the state it replays to; every change goes through it.
    pub(crate) journal: Journal,
    /// A chair's note being typed.
    pub(crate) note: Option<TextField>,
    /// What opening found that the chair must know (a torn record line set
    /// aside, config problems); kept on the overview for the whole session.
    pub(crate) warnings: Vec<String>,
    /// Changed input files the chair must accept before going on.
    pub(crate) inputs_changed: Vec<InputChange>,
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
    pub(crate) scoring: ScoringState,
    /// The minutes screen: scroll position and the laid-out document.
    pub(crate) minutes: MinutesState,
    /// The sign-off screen: what the last export wrote.
    pub(crate) sign_off: SignOffState,
    /// A change refused because the session is signed off, waiting for the
    /// reason that makes it an amendment.
    pub(crate) amend: Option<AmendPrompt>,
    /// Scroll position of the help overlay when it is open.
    pub(crate) help: Option<usize>,
    /// The terminal size, known from the last resize; scrolling limits
    /// depend on it.
    pub(crate) size: Size,
    quit: bool,
    /// Ctrl-Z: the event loop leaves the terminal until `fg`.
    suspend: bool,
    /// A message for the chair (a warning, what was undone …), shown in the
    /// footer until the next key.
    notice: Option<String>,
    // Attendance and the current agenda item.
    pub(crate) attendance: AttendanceState,
    /// An irreversible step waiting for the chair's yes.
    pub(crate) confirm: Option<Confirm>,
    /// The time as of the last key: attendance changes default to it and
    /// time spent counts to it. Rendering reads it, never the clock.
    pub(crate) now: DateTime<FixedOffset>,
    /// Tests and snapshots hold the clock still.
    clock_frozen: bool,
    /// The ranking as the record stands: computed on first use after a
    /// change, never per frame (it costs milliseconds on large sessions).
    ranking: OnceCell<Ranking>,
    /// The decision screen: selection, vote dialog, deferral, overlay.
    pub(crate) decision: DecisionState,
    /// Selection and scroll position of the ranking screen.
    pub(crate) ranking_screen: RankingState,
    /// The decided lists as of the last change, like the ranking.
    decided: OnceCell<DecidedList>,
    /// The CSV dialect of the export step.
    pub(crate) export_csv: crate::export::Dialect,
}

impl App {
    /// A new app on the overview, in `lang` (the session's language when
    /// `None`), sized 80×24 until the first resize.
    ///
    /// The app has no record behind it until [`App::with_journal`]: it can
    /// show everything but records nothing.
    pub fn new(session: impl Into<Arc<Session>>, lang: Option<Language>) -> App {
        let session: Arc<Session> = session.into();
        let index = SessionIndex::new(&session);
        let agenda = AgendaState::new(&session, &index);
        let lang = lang.unwrap_or(session.definition.language);
        let theme_kind = ThemeKind::Default;
        let scoring = ScoringState::new(&session);
        let journal = Journal::detached(session.clone());
        App {
            scoring,
            decided: OnceCell::new(),
            decision: DecisionState::default(),
            ranking: OnceCell::new(),
            export_csv: crate::export::Dialect::default(),
            journal,
            session,
            note: None,
            warnings: Vec::new(),
            inputs_changed: Vec::new(),
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
            minutes: MinutesState::default(),
            sign_off: SignOffState::default(),
            amend: None,
            help: None,
            size: Size::new(80, 24),
            quit: false,
            suspend: false,
            notice: None,
            attendance: AttendanceState::default(),
            confirm: None,
            now: crate::record::now(),
            clock_frozen: false,
            ranking_screen: RankingState::default(),
        }
    }

    /// Hold the clock at `now` (tests, snapshots): attendance changes
    /// without a typed time happen then, and time spent counts to it.
    pub fn with_clock(mut self, now: DateTime<FixedOffset>) -> App {
        self.now = now;
        self.clock_frozen = true;
        self
    }

    /// Move the held clock (tests): time goes on between two steps.
    pub fn hold_clock_at(&mut self, now: DateTime<FixedOffset>) {
        self.now = now;
        self.clock_frozen = true;
    }

    pub fn attendance(&self) -> &AttendanceState {
        &self.attendance
    }

    /// The change waiting for its reason after sign-off.
    pub fn amendment(&self) -> Option<&AmendPrompt> {
        self.amend.as_ref()
    }

    pub fn sign_off_state(&self) -> &SignOffState {
        &self.sign_off
    }

    pub fn confirm(&self) -> Option<&Confirm> {
        self.confirm.as_ref()
    }

    pub(crate) fn request_quit(&mut self) {
        self.quit = true;
    }

    /// The CSV dialect the export step writes (config `export_csv`).
    pub fn with_export_csv(mut self, dialect: crate::export::Dialect) -> App {
        self.export_csv = dialect;
        self
    }

    pub fn with_theme(mut self, kind: ThemeKind) -> App {
        self.theme_kind = kind;
        self.theme = kind.theme();
        self
    }

    /// Put the session record behind the app: from now on changes are
    /// recorded, and the screens show the recorded state.
    pub fn with_journal(mut self, journal: Journal) -> App {
        self.journal = journal;
        self.sync_agenda();
        // A resumed session opens where it stands: the current item
        // selected on the agenda and the decision screen.
        let current = self.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.clone());
        if let Some(i) = current.and_then(|d| self.index.position.get(&d).copied()) {
            self.agenda.select_dossier(i);
            decision::jump_to_current(&mut self);
        }
        self
    }

    /// Warnings from opening: shown in the footer now and on the overview
    /// for the rest of the session.
    pub fn with_warnings(mut self, warnings: Vec<String>) -> App {
        if !warnings.is_empty() {
            self.notice = Some(warnings.join(" · "));
        }
        self.warnings = warnings;
        self
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Ask the chair to accept changed input files before anything else.
    pub fn with_inputs_changed(mut self, changes: Vec<InputChange>) -> App {
        self.inputs_changed = changes;
        self
    }

    /// The recorded state of the session.
    pub fn state(&self) -> &SessionState {
        self.journal.state()
    }

    /// The ranking with its budget line, as of the last change.
    pub fn ranking(&self) -> &Ranking {
        self.ranking.get_or_init(|| crate::rules::ranking(self.journal.state()))
    }

    /// The decided lists, as of the last change.
    pub fn decided(&self) -> &DecidedList {
        self.decided.get_or_init(|| crate::rules::decided_with(self.journal.state(), self.ranking()))
    }

    pub fn decision(&self) -> &DecisionState {
        &self.decision
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
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

    /// Whether the chair asked to suspend (Ctrl-Z); asking again resets it.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
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

    pub fn minutes(&self) -> &MinutesState {
        &self.minutes
    }

    /// Where keys are looked up right now: the topmost layer's scope.
    pub fn scope(&self) -> Scope {
        layers::top(self).scope(self)
    }

    /// The action a key stands for on the topmost layer; printable keys are
    /// text where text is typed, and values where scores or counts are.
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        let chord = KeyChord::from_event(key)?;
        let top = layers::top(self);
        let scope = top.scope(self);
        if let Some(action) = self.keymap.lookup(scope, chord) {
            return Some(action);
        }
        if chord.ctrl || chord.alt {
            return None;
        }
        match chord.code {
            KeyCode::Char(c) if top.takes_text(self) => Some(Action::Insert(c)),
            // Score entry: digits and the decimal point are values, not keys.
            KeyCode::Char(c @ ('0'..='9' | ',' | '.' | '-')) if scope == Scope::Scoring => {
                Some(Action::Insert(c))
            }
            // Vote counts and waiting-list positions.
            KeyCode::Char(c @ '0'..='9') if scope == Scope::Vote => Some(Action::Insert(c)),
            _ => None,
        }
    }

    /// A bracketed paste: text for the field being typed, never keys.
    /// Where no text is typed it is refused, and the chair is told.
    pub fn paste(&mut self, text: &str) {
        self.notice = None;
        let field = match layers::top(self) {
            Layer::Note => self.note.as_mut(),
            Layer::Amendment => self.amend.as_mut().map(|a| &mut a.reason),
            Layer::ScreenText => match self.screen {
                Screen::Agenda => Some(self.agenda.field_mut()),
                Screen::Attendance => self.attendance.field_mut(),
                Screen::Decision => self.decision.defer_field_mut(),
                _ => None,
            },
            Layer::VoteDialog => self.decision.rationale_field_mut(),
            _ => None,
        };
        match field {
            Some(field) => {
                field.insert_str(text);
                if self.screen == Screen::Agenda && self.agenda.editing() {
                    self.agenda.refilter(&self.session, &self.index);
                }
            }
            None => self.notify(self.strings().paste_refused),
        }
    }

    /// Show `text` in the footer until the next key.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(text.into());
    }

    /// The chair's note while it is being typed.
    pub fn note_text(&self) -> Option<&str> {
        self.note.as_ref().map(TextField::text)
    }

    /// The note field while a note is typed.
    pub fn note_field(&self) -> Option<&TextField> {
        self.note.as_ref()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The one place a key acts: on the topmost layer of [`layers::stack`].
    pub fn update(&mut self, action: Action) {
        if !self.clock_frozen {
            self.now = crate::record::now();
        }
        if let Action::Resize(w, h) = action {
            self.size = super::capped_size(Size::new(w, h));
            self.clamp_scrolls();
            return;
        }
        self.notice = None;
        match layers::top(self) {
            Layer::TooSmall => match action {
                Action::Quit => self.quit = true,
                Action::Help => self.toggle_help(),
                _ => {}
            },
            Layer::InputsChanged => self.answer_inputs_prompt(action),
            Layer::Amendment => super::widgets::amend::answer(self, action),
            Layer::Confirm => confirm::answer(self, action),
            Layer::Help => self.on_help(action),
            Layer::Note => self.edit_note(action),
            Layer::Decided => self.on_decided(action),
            Layer::VoteDialog | Layer::ScreenText => self.forward(action),
            Layer::Screen(_) => self.on_screen(action),
        }
        self.clamp_scrolls();
    }

    fn toggle_help(&mut self) {
        self.help = if self.help.is_some() { None } else { Some(0) };
    }

    /// Actions that work the same from every screen.
    fn on_screen(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
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
            Action::Help => self.toggle_help(),
            Action::Note => self.note = Some(TextField::new()),
            Action::Undo => self.undo_redo(Command::Undo),
            Action::Redo => self.undo_redo(Command::Redo),
            Action::ToggleDecided => self.decision.toggle_overlay(),
            Action::Back if self.screen != Screen::Agenda => self.go_back(),
            _ if self.show(action) => {}
            _ => self.forward(action),
        }
    }

    /// The screen keys that go somewhere; `true` when `action` was one.
    fn show(&mut self, action: Action) -> bool {
        match action {
            Action::ShowOverview => self.go(Screen::Overview),
            Action::ShowAgenda => self.go(Screen::Agenda),
            Action::ShowDossier => self.open_dossier(),
            Action::ShowAttendance => self.go(Screen::Attendance),
            Action::ShowScoring => scoring::show(self),
            Action::ShowMinutes => self.go(Screen::Minutes),
            Action::ShowSignOff => self.go(Screen::SignOff),
            Action::ShowDecision => decision::show(self),
            Action::ShowRanking => self.go(Screen::Ranking),
            Action::Search => {
                self.go(Screen::Agenda);
                self.agenda.start_search();
            }
            _ => return false,
        }
        true
    }

    /// Help covers the screen: it scrolls, closes, and lets a screen key
    /// through (closing itself first); nothing else reaches what it covers.
    fn on_help(&mut self, action: Action) {
        match action {
            Action::Help | Action::Back => self.help = None,
            Action::Quit => self.quit = true,
            Action::ToggleLanguage | Action::CycleTheme => self.on_screen(action),
            _ if help::handle(self, action) => {}
            _ => {
                let scroll = self.help.take();
                if !self.show(action) {
                    self.help = scroll;
                }
            }
        }
    }

    /// The decided lists cover the screen: moving scrolls them, Esc or `b`
    /// closes them, a screen key closes them and goes there.
    fn on_decided(&mut self, action: Action) {
        match action {
            Action::Back | Action::ToggleDecided => self.decision.close_overlay(),
            Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Home | Action::End => {
                let max = crate::ui::widgets::decided::overlay_max_scroll(self);
                let page = usize::from(crate::ui::body_area(self.size).height.saturating_sub(3));
                self.decision.scroll_overlay(action, max, page);
            }
            Action::Quit | Action::Help | Action::ToggleLanguage | Action::CycleTheme => {
                self.on_screen(action)
            }
            _ => {
                if self.show(action) {
                    self.decision.close_overlay();
                }
            }
        }
    }

    /// The screen's own keys, its typed text and its dialog first.
    fn forward(&mut self, action: Action) {
        let screen = self.screen;
        match screen {
            Screen::Attendance if self.attendance.typing() => attendance::type_entry(self, action),
            Screen::Decision if decision::intercept(self, action) => {}
            Screen::Scoring if scoring::intercept(self, action) => {}
            Screen::Agenda if action == Action::Back => {
                if !self.agenda.back(&self.session, &self.index) {
                    self.go_back();
                }
            }
            Screen::Overview => overview::handle(self, action),
            Screen::Attendance => attendance::handle(self, action),
            Screen::Agenda | Screen::Dossier
                if matches!(action, Action::CallItem | Action::CloseItem | Action::JumpToCurrent) =>
            {
                agenda::items::handle(self, action)
            }
            Screen::Agenda if matches!(action, Action::MoveUp | Action::MoveDown | Action::Defer) => {
                self.change_agenda(action)
            }
            Screen::Agenda => {
                let page = super::screens::agenda::page_height(self.size);
                if let Some(open) = self.agenda.handle(action, &self.session, &self.index, page) {
                    self.dossier.show(open);
                    self.go(Screen::Dossier);
                }
            }
            Screen::Dossier => super::screens::dossier::handle(self, action),
            Screen::Scoring => scoring::handle(self, action),
            Screen::Minutes => minutes::handle(self, action),
            Screen::SignOff => sign_off::handle(self, action),
            Screen::Decision => decision::handle(self, action),
            Screen::Ranking => ranking::handle(self, action),
        }
    }

    /// Carry out a change through the record. On refusal the chair is told
    /// why and nothing changes; `true` when it was recorded.
    pub(crate) fn execute(&mut self, command: Command) -> bool {
        self.execute_events(command).is_some()
    }

    /// An irreversible step: the one confirmation when the domain would
    /// record `command`; after sign-off the amendment prompt instead (the
    /// reason is the confirmation there); else the refusal, on screen.
    pub(crate) fn ask(&mut self, title: &'static str, question: String, command: Command) {
        match self.state().decide(&command) {
            Ok(_) => self.confirm = Some(Confirm { title, question, command }),
            Err(DomainError::SignedOff) if super::widgets::amend::amendable(&command) => {
                self.note = None;
                self.amend = Some(AmendPrompt::new(self, command));
            }
            Err(e) => {
                let s = self.strings();
                let text =
                    format!("{}: {}", s.record.refused, super::describe::refusal(&e, s, &self.session));
                self.notify(text);
            }
        }
    }

    /// Carry out a change and say on screen what was recorded: members by
    /// name, criteria by label, blind values masked (see
    /// [`super::describe::announce`]). `true` when it was recorded.
    pub(crate) fn record(&mut self, command: Command) -> bool {
        match self.execute_events(command) {
            Some(events) => {
                let kinds: Vec<_> = events.iter().map(|e| e.event.clone()).collect();
                if let Some(text) = super::describe::announce(self, &kinds) {
                    self.notify(text);
                }
                true
            }
            None => false,
        }
    }

    /// The one path from a command to the record: the recorded events, or
    /// `None` after the refusal has been put on screen in the session
    /// language. A change refused only because the session is signed off
    /// opens the amendment prompt instead.
    pub(crate) fn execute_events(&mut self, command: Command) -> Option<Vec<crate::domain::Event>> {
        match self.journal.execute_at(&command, self.now) {
            Ok(events) => {
                self.sync_agenda();
                Some(events)
            }
            Err(JournalError::Live(LiveError::Domain(DomainError::SignedOff)))
                if super::widgets::amend::amendable(&command) =>
            {
                // After sign-off the change needs a reason: ask for it, and
                // record it as an amendment once given.
                self.note = None;
                self.amend = Some(AmendPrompt::new(self, command));
                None
            }
            Err(e) => {
                let s = self.strings();
                let why = match &e {
                    JournalError::ReadOnly => s.record.read_only.to_string(),
                    JournalError::Live(LiveError::Domain(d)) => super::describe::refusal(d, s, &self.session),
                    JournalError::Live(other) => other.to_string(),
                };
                self.notify(format!("{}: {why}", s.record.refused));
                None
            }
        }
    }

    /// Reorder or defer the selected agenda item.
    fn change_agenda(&mut self, action: Action) {
        let Some(i) = self.agenda.selected_dossier() else { return };
        let Some(id) = self.session.dossiers.get(i).map(|d| d.id.clone()) else { return };
        let command = if action == Action::Defer {
            Command::DeferItem { dossier: id, reason: None }
        } else {
            if self.agenda.sort() != SortKey::Agenda {
                self.notify(self.strings().record.sort_first);
                return;
            }
            let place = self.agenda.rank(i);
            let to = match action {
                Action::MoveUp => match place.checked_sub(1) {
                    Some(to) => to,
                    None => return,
                },
                _ if place + 1 >= self.state().proceedings.agenda.order.len() => return,
                _ => place + 1,
            };
            Command::MoveItem { dossier: id, to }
        };
        if self.execute(command)
            && let Some(done) = self.state().history.done.last()
        {
            let text = super::describe::event(&done.kind.describe(), self.strings());
            self.notify(text);
        }
    }

    fn undo_redo(&mut self, command: Command) {
        let redo = command == Command::Redo;
        if self.execute(command) {
            let history = &self.state().history;
            let kind = if redo {
                history.done.last().map(|d| &d.kind)
            } else {
                history.undone.last().map(|u| &u.kind)
            };
            if let Some(kind) = kind {
                let s = self.strings();
                let label = if redo { s.record.redone } else { s.record.undone };
                let mut description = kind.describe();
                scoring::mask_blind(self.state(), &mut description);
                let text = format!("{label}: {}", super::describe::event(&description, s));
                self.notify(text);
            }
        }
    }

    /// Keys while a note is typed: text, Enter records it, Esc drops it.
    fn edit_note(&mut self, action: Action) {
        let Some(field) = self.note.as_mut() else { return };
        if field.edit(action) == Edit::Changed {
            return;
        }
        match action {
            Action::Back => self.note = None,
            Action::Quit => self.quit = true,
            Action::Open => {
                let text = field.text().trim().to_string();
                let dossier = match self.screen {
                    Screen::Dossier => self
                        .dossier
                        .current()
                        .and_then(|i| self.session.dossiers.get(i))
                        .map(|d| d.id.clone()),
                    // The minutes take a note at the current point: the item
                    // being dealt with, if any.
                    Screen::Minutes => {
                        self.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.clone())
                    }
                    _ => None,
                };
                if let Some(events) = self.execute_events(Command::AddNote { text: text.clone(), dossier }) {
                    self.note = None;
                    if self.screen == Screen::Minutes
                        && let Some(seq) = events.last().map(|e| e.seq)
                    {
                        minutes::reveal_note(self, seq);
                    }
                    let s = self.strings();
                    self.notify(format!("{}: {}", s.record.note_saved, crate::text::clean_line(&text)));
                }
            }
            _ => {}
        }
    }

    /// Changed inputs: Enter continues (recorded), q stops.
    fn answer_inputs_prompt(&mut self, action: Action) {
        match action {
            Action::Open => match self.journal.accept_inputs() {
                Ok(()) => {
                    self.inputs_changed.clear();
                    self.notify(self.strings().record.inputs_accepted);
                }
                Err(e) => self.notify(format!("{}: {e}", self.strings().record.refused)),
            },
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.size = Size::new(w, h),
            _ => {}
        }
    }

    /// Take the agenda order from the recorded state.
    fn sync_agenda(&mut self) {
        // Computed again on first use: a score typed on the scoring screen
        // does not pay for a ranking nobody looks at.
        self.ranking.take();
        self.decided.take();
        let order = &self.journal.state().proceedings.agenda.order;
        let mut rank: Vec<usize> = (0..self.session.dossiers.len()).map(|i| order.len() + i).collect();
        for (place, id) in order.iter().enumerate() {
            if let Some(&i) = self.index.position.get(id) {
                rank[i] = place;
            }
        }
        self.agenda.set_order(rank, &self.session, &self.index);
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
            Screen::Attendance => {
                let lines = attendance::member_lines(self);
                self.attendance.keep_visible(&lines, attendance::page_height(self.size));
            }
            Screen::Scoring => {}
            Screen::Minutes => minutes::clamp(self),
            Screen::SignOff => {}
            Screen::Decision => {
                let rows = self.journal.state().proceedings.agenda.order.len();
                self.decision.keep_visible(rows, decision::page_height(self.size));
            }
            Screen::Ranking => ranking::keep_visible(self),
        }
    }
}
