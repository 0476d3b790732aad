//! The App: everything the screens show, and `update`, the one place where
//! actions change it. Rendering only reads it.

use ratatui::layout::Size;

use super::index::SessionIndex;
use super::keymap::Keymap;
use super::prompts::{AmendPrompt, Confirm};
use super::screens::agenda::state::AgendaState;
use super::screens::attendance::state::AttendanceState;
use super::screens::decision::state::DecisionState;
use super::screens::dossier::state::DossierState;
use super::screens::kind::Screen;
use super::screens::minutes::state::MinutesState;
use super::screens::ranking::state::RankingState;
use super::screens::scoring::entry::ScaleEntry;
use super::screens::scoring::state::ScoringState;
use super::screens::sign_off::state::SignOffState;
use super::strings::{Strings, strings};
use super::theme::{Theme, ThemeKind};
use super::widgets::text_field::TextField;
use std::cell::{OnceCell, RefCell};

use crate::rules::{DecidedList, Ranking, Suggestion, TotalsCache};
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;

use super::journal::Journal;
use crate::domain::{InputChange, Language, Session, SessionState};

/// How many screens `Esc` can step back through.
const HISTORY_LIMIT: usize = 32;

pub struct App {
    pub(crate) session: Arc<Session>,
    /// The record and the state it replays to; every change goes through it.
    pub(crate) journal: Journal,
    /// A chair's note being typed.
    pub(crate) note: Option<TextField>,
    /// In a member's review: the note being typed is the remark shared
    /// with the committee (else the private note).
    pub(crate) note_shared: bool,
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
    pub(crate) history: Vec<Screen>,
    pub(crate) overview_scroll: usize,
    pub(crate) agenda: AgendaState,
    pub(crate) dossier: DossierState,
    pub(crate) scoring: ScoringState,
    /// What typed text means on the session's scale.
    pub(crate) scale_entry: ScaleEntry,
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
    pub(crate) quit: bool,
    /// Ctrl-Z: the event loop leaves the terminal until `fg`.
    pub(crate) suspend: bool,
    /// A message for the chair (a warning, what was undone …), shown in the
    /// footer until the next key.
    pub(crate) notice: Option<String>,
    // Attendance and the current agenda item.
    pub(crate) attendance: AttendanceState,
    /// An irreversible step waiting for the chair's yes.
    pub(crate) confirm: Option<Confirm>,
    /// The record file was changed under the session: the offer to save
    /// the recorded history beside it (the folder it would go to).
    pub(crate) save_offer: Option<std::path::PathBuf>,
    /// The time as of the last key: attendance changes default to it and
    /// time spent counts to it. Rendering reads it, never the clock.
    pub(crate) now: DateTime<FixedOffset>,
    /// Tests and snapshots hold the clock still.
    pub(crate) clock_frozen: bool,
    /// The ranking as the record stands: computed on first use after a
    /// change, never per frame (it costs milliseconds on large sessions).
    pub(crate) ranking: OnceCell<Ranking>,
    /// The dossiers' totals behind the ranking, kept across changes: after
    /// a score only that dossier's total is computed again.
    pub(crate) totals: RefCell<TotalsCache>,
    /// The decision screen: selection, vote dialog, deferral, overlay.
    pub(crate) decision: DecisionState,
    /// Selection and scroll position of the ranking screen.
    pub(crate) ranking_screen: RankingState,
    /// The decided lists as of the last change, like the ranking.
    pub(crate) decided: OnceCell<DecidedList>,
    /// The open conflict suggestions as of the last change, like the
    /// ranking: the attendance and dossier screens show them on every
    /// frame.
    pub(crate) suggestions: OnceCell<Vec<Suggestion>>,
    /// The CSV dialect of the export step.
    pub(crate) export_csv: crate::export::Dialect,
    /// How much of a long job (the minutes of a long session) one key or
    /// one idle turn of the event loop may do.
    pub(crate) budget: Budget,
}

/// How much work a long job does at a time: all of it (tests, headless
/// use), for a span of time (the terminal: the rest follows between keys),
/// or a number of steps (tests of the part-by-part path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    Whole,
    For(std::time::Duration),
    Steps(usize),
}

impl Budget {
    /// The budget's test: true while one more step may be done. The first
    /// step is always done.
    pub fn more(self) -> impl FnMut() -> bool {
        let start = std::time::Instant::now();
        let mut steps = 0usize;
        move || {
            steps += 1;
            match self {
                Budget::Whole => true,
                Budget::For(span) => start.elapsed() < span,
                Budget::Steps(n) => steps < n,
            }
        }
    }
}

impl App {
    /// A new app on the overview, in `lang` (the session's language when
    /// `None`), sized 80×24 until the first resize.
    ///
    /// The app has no record behind it until [`App::with_journal`]: it can
    /// show everything but records nothing.
    pub fn new(session: impl Into<Arc<Session>>, lang: Option<Language>) -> App {
        let session: Arc<Session> = session.into();
        let journal = Journal::detached(session.clone());
        App::built(session, lang, journal)
    }

    /// The app on `journal` from the start: [`App::new`] and then
    /// [`App::with_journal`], without first building a state of its own
    /// that the journal's would replace at once (a state of a long session
    /// is not free to build).
    pub fn on(session: Arc<Session>, lang: Option<Language>, journal: Journal) -> App {
        App::built(session, lang, journal).settled()
    }

    fn built(session: Arc<Session>, lang: Option<Language>, journal: Journal) -> App {
        let index = SessionIndex::new(&session);
        let agenda = AgendaState::new(&session, &index);
        let lang = lang.unwrap_or(session.definition.language);
        let theme_kind = ThemeKind::Default;
        let scoring = ScoringState::default();
        let scale_entry = ScaleEntry::new(session.definition.scale);
        App {
            scoring,
            scale_entry,
            decided: OnceCell::new(),
            suggestions: OnceCell::new(),
            decision: DecisionState::default(),
            ranking: OnceCell::new(),
            totals: RefCell::default(),
            export_csv: crate::export::Dialect::default(),
            budget: Budget::Whole,
            journal,
            session,
            note: None,
            note_shared: false,
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
            save_offer: None,
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

    /// Whether the offer to save the recorded history is open.
    pub fn save_offered(&self) -> bool {
        self.save_offer.is_some()
    }

    pub(crate) fn request_quit(&mut self) {
        self.quit = true;
    }

    /// The CSV dialect the export step writes (config `export_csv`).
    pub fn with_export_csv(mut self, dialect: crate::export::Dialect) -> App {
        self.export_csv = dialect;
        self
    }

    /// How much of a long job a key may do; the rest is done by
    /// [`App::work`] while no key comes.
    pub fn with_budget(mut self, budget: Budget) -> App {
        self.budget = budget;
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
        self.settled()
    }

    /// Everything that follows from a new journal: caches of another
    /// state dropped, the agenda in step, the screen and selection where
    /// the session stands.
    fn settled(mut self) -> App {
        // a document of another record's state is not this one's
        self.minutes = MinutesState::default();
        // totals of another record's state are not this one's
        self.totals = RefCell::default();
        self.ranking.take();
        self.decided.take();
        self.sync_agenda();
        // A member's review starts on the dossiers.
        if self.in_review() {
            self.screen = Screen::Agenda;
        }
        // A resumed session opens where it stands: the current item
        // selected on the agenda and the decision screen.
        let current = self.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.clone());
        if let Some(i) = current.and_then(|d| self.index.position.get(&d).copied()) {
            self.agenda.select_dossier(i);
            let order = &self.journal.state().proceedings.agenda.order;
            if let Some(row) =
                order.iter().position(|d| Some(d) == self.session.dossiers.get(i).map(|d| &d.id))
            {
                self.decision.select(row);
            }
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
        self.ranking
            .get_or_init(|| crate::rules::ranking_cached(self.journal.state(), &mut self.totals.borrow_mut()))
    }

    /// The decided lists, as of the last change.
    pub fn decided(&self) -> &DecidedList {
        self.decided.get_or_init(|| crate::rules::decided_with(self.journal.state(), self.ranking()))
    }

    /// The open conflict suggestions, as of the last change.
    pub fn conflict_suggestions(&self) -> &[Suggestion] {
        self.suggestions.get_or_init(|| crate::rules::conflict_suggestions(self.journal.state()))
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

    /// Take the agenda order from the recorded state.
    pub(crate) fn sync_agenda(&mut self) {
        // Computed again on first use: a score typed on the scoring screen
        // does not pay for a ranking nobody looks at.
        self.ranking.take();
        self.decided.take();
        self.suggestions.take();
        let order = &self.journal.state().proceedings.agenda.order;
        let mut rank: Vec<usize> = (0..self.session.dossiers.len()).map(|i| order.len() + i).collect();
        for (place, id) in order.iter().enumerate() {
            if let Some(&i) = self.index.position.get(id) {
                rank[i] = place;
            }
        }
        self.agenda.set_order(rank, &self.session, &self.index);
    }

    /// The record is a member's review before the session.
    pub fn in_review(&self) -> bool {
        self.state().proceedings.review.is_some()
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

    pub(crate) fn go_back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.screen = previous;
        }
    }
}
