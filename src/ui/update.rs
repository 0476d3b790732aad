//! Key dispatch, above the screens: which layer a key reaches
//! ([`super::layers`]), the actions that work the same everywhere, and the
//! hand-over to the screen's own keys. `App` itself is data
//! ([`super::app`]); this is where it changes in answer to a key.

use std::collections::VecDeque;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::keymap::{KeyChord, Scope};
use super::layers::{self, Layer};
use super::screens::agenda::{self, SortKey};
use super::screens::{Screen, attendance, decision, dossier, minutes, overview, ranking, scoring, sign_off};
use super::widgets::confirm;
use super::widgets::help;
use super::widgets::text_field::{Edit, TextField};
use crate::domain::{EventKind, Language};
use crate::procedure::Command;

/// Lend a screen its state (the app holds it; the screen gets it mutably
/// beside a shared look at the app) and put it back: `lend!(self, field,
/// |app, state| expression)`.
macro_rules! lend {
    ($app:expr, $field:ident, |$a:ident, $s:ident| $body:expr) => {{
        let mut state = std::mem::take(&mut $app.$field);
        let out = {
            let $a: &App = &*$app;
            let $s = &mut state;
            $body
        };
        $app.$field = state;
        out
    }};
}
pub(crate) use lend;

impl App {
    /// Record `command`; say what was recorded unless `quietly`; what the
    /// current screen makes of it comes next in `queue`.
    fn record_then(&mut self, command: Command, announce: bool, queue: &mut VecDeque<Effect>) {
        let Some(events) = self.execute_events(command) else { return };
        let kinds: Vec<EventKind> = events.into_iter().map(|e| e.event).collect();
        if announce && let Some(text) = super::describe::announce(self, &kinds) {
            self.notify(text);
        }
        for (k, effect) in self.recorded(&kinds).into_iter().enumerate() {
            queue.insert(k, effect);
        }
    }

    /// What the current screen makes of events just recorded.
    fn recorded(&mut self, kinds: &[EventKind]) -> Vec<Effect> {
        match self.screen {
            Screen::Scoring => {
                lend!(self, scoring, |app, state| scoring::recorded(app, state, kinds))
            }
            Screen::Attendance => {
                lend!(self, attendance, |app, state| attendance::recorded(app, state, kinds))
            }
            _ => Vec::new(),
        }
    }

    /// Carry out what a screen asked for, in order; what a recording brings
    /// about on the current screen (the next cell, an automatic reveal)
    /// follows it.
    pub(crate) fn apply(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Go(screen) => self.go(screen),
                Effect::ShowDossier(i) => {
                    self.dossier.show(i);
                    self.agenda.select_dossier(i);
                    self.go(Screen::Dossier);
                }
                Effect::SelectDossier(i) => {
                    self.dossier.show(i);
                    self.agenda.select_dossier(i);
                    self.scoring.select(i);
                }
                Effect::Record(command) => self.record_then(command, true, &mut queue),
                Effect::RecordQuietly(command) => self.record_then(command, false, &mut queue),
                Effect::Ask(confirm) => self.ask(confirm.title, confirm.question, confirm.command),
                Effect::Notify(text) => self.notify(text),
                Effect::Quit => self.quit = true,
            }
        }
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
                Screen::Scoring => self.scoring.import_field_mut(),
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

    /// Work left for the idle turns of the event loop: the minutes of a
    /// long session being built.
    pub fn has_work(&self) -> bool {
        self.screen == Screen::Minutes && minutes::busy(self, &self.minutes)
    }

    /// One budget's worth of the work left; draw afterwards.
    pub fn work(&mut self) {
        self.work_while(&mut || true);
    }

    /// The same, ending early once `go_on` says no (the event loop: as soon
    /// as a key is waiting).
    pub fn work_while(&mut self, go_on: &mut dyn FnMut() -> bool) {
        if self.screen == Screen::Minutes {
            lend!(self, minutes, |app, state| minutes::refresh_while(app, state, go_on));
        }
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
            Action::Note | Action::ShareRemark if self.in_review() => {
                let shared = action == Action::ShareRemark;
                let Some(dossier) = self.review_dossier() else { return };
                let text = self.state().proceedings.review.as_ref().and_then(|r| {
                    if shared { r.remarks.get(&dossier) } else { r.notes.get(&dossier) }.cloned()
                });
                self.note_shared = shared;
                self.note = Some(TextField::with(&text.unwrap_or_default()));
            }
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
        // A member's review reads and scores the dossiers; the session's
        // screens are not there.
        if self.in_review()
            && matches!(
                action,
                Action::ShowOverview
                    | Action::ShowAttendance
                    | Action::ShowMinutes
                    | Action::ShowSignOff
                    | Action::ShowDecision
                    | Action::ShowRanking
            )
        {
            self.notify(self.strings().scoring.review_unavailable.to_string());
            return true;
        }
        match action {
            Action::ShowOverview => self.go(Screen::Overview),
            Action::ShowAgenda => self.go(Screen::Agenda),
            Action::ShowDossier => self.open_dossier(),
            Action::ShowAttendance => self.go(Screen::Attendance),
            Action::ShowScoring => self.apply(scoring::show(self)),
            Action::ShowMinutes => self.go(Screen::Minutes),
            Action::ShowSignOff => self.go(Screen::SignOff),
            Action::ShowDecision => {
                let effects = lend!(self, decision, |app, state| decision::show(app, state));
                self.apply(effects);
            }
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
            Screen::Attendance => {
                let effects = lend!(self, attendance, |app, state| if state.typing() {
                    attendance::type_entry(app, state, action)
                } else {
                    attendance::handle(app, state, action)
                });
                self.apply(effects);
            }
            Screen::Agenda if action == Action::Back => {
                if !self.agenda.back(&self.session, &self.index) {
                    self.go_back();
                }
            }
            Screen::Overview => {
                let mut scroll = self.overview_scroll;
                overview::handle(self, &mut scroll, action);
                self.overview_scroll = scroll;
            }
            Screen::Agenda | Screen::Dossier
                if matches!(action, Action::CallItem | Action::CloseItem | Action::JumpToCurrent) =>
            {
                self.apply(agenda::items::handle(self, action))
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
            Screen::Dossier => {
                let effects = lend!(self, dossier, |app, state| dossier::handle(app, state, action));
                self.apply(effects);
            }
            Screen::Scoring => {
                let effects =
                    lend!(self, scoring, |app, state| match scoring::intercept(app, state, action) {
                        Some(effects) => effects,
                        None => scoring::handle(app, state, action),
                    });
                self.apply(effects);
            }
            Screen::Minutes => {
                let effects = lend!(self, minutes, |app, state| minutes::handle(app, state, action));
                self.apply(effects);
            }
            Screen::SignOff => {
                let effects = lend!(self, sign_off, |app, state| sign_off::handle(app, state, action));
                self.apply(effects);
            }
            Screen::Decision => {
                let effects =
                    lend!(self, decision, |app, state| match decision::intercept(app, state, action) {
                        Some(effects) => effects,
                        None => decision::handle(app, state, action),
                    });
                self.apply(effects);
            }
            Screen::Ranking => {
                let effects = lend!(self, ranking_screen, |app, state| ranking::handle(app, state, action));
                self.apply(effects);
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
                super::describe::mask_blind(self.state(), &mut description);
                super::describe::name_things(self, &mut description);
                let text = format!("{label}: {}", super::describe::event(&description, s));
                self.notify(text);
            }
        }
    }

    /// The dossier a review note is about: the one on the dossier screen,
    /// else the one on the sheet, else the one selected on the agenda.
    pub(crate) fn review_dossier(&self) -> Option<String> {
        let i = match self.screen {
            Screen::Dossier => self.dossier.current(),
            Screen::Scoring => scoring::target(self).map(|(i, _)| i),
            _ => self.agenda.selected_dossier(),
        }?;
        self.session.dossiers.get(i).map(|d| d.id.clone())
    }

    /// Keys while a note is typed: text, Enter records it, Esc drops it.
    fn edit_note(&mut self, action: Action) {
        let in_review = self.in_review();
        let Some(field) = self.note.as_mut() else { return };
        if field.edit(action) == Edit::Changed {
            return;
        }
        match action {
            Action::Back => self.note = None,
            Action::Quit => self.quit = true,
            Action::Open if in_review => {
                let text = field.text().trim().to_string();
                let Some(dossier) = self.review_dossier() else { return };
                let command = Command::ReviewNote { dossier, text, shared: self.note_shared };
                if self.execute_events(command).is_some() {
                    self.note = None;
                }
            }
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
                        lend!(self, minutes, |app, state| minutes::reveal_note(app, state, seq));
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

    /// Show the dossier selected in the agenda (or the one already open).
    fn open_dossier(&mut self) {
        if self.dossier.current().is_none()
            && let Some(i) = self.agenda.selected_dossier()
        {
            self.dossier.show(i);
        }
        self.go(Screen::Dossier);
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
            Screen::Minutes => {
                lend!(self, minutes, |app, state| minutes::clamp(app, state));
            }
            Screen::SignOff => {}
            Screen::Decision => {
                let rows = self.journal.state().proceedings.agenda.order.len();
                self.decision.keep_visible(rows, decision::page_height(self.size));
            }
            Screen::Ranking => {
                lend!(self, ranking_screen, |app, state| ranking::keep_visible(app, state));
            }
        }
    }
}
