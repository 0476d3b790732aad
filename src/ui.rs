//! The terminal UI: the event loop, and `render(&App, &mut Frame)`.
//!
//! The loop follows ratatui's demo2 / simple template: block on
//! `crossterm::event::read()`, turn a key into an [`Action`] through the
//! keymap, `App::update`, draw. Nothing is drawn between events.

pub mod action;
pub mod app;
pub mod describe;
pub mod effect;
pub mod format;
pub mod index;
pub mod journal;
pub mod keymap;
pub mod layers;
mod mouse;
pub mod prompts;
mod recording;
pub mod room;
pub mod screens;
pub mod strings;
pub mod terminal;
pub mod theme;
mod update;
pub mod widgets;

use crossterm::event::{self, Event};
use ratatui::backend::TestBackend;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::widgets::Block;
use ratatui::{Frame, Terminal};

pub use action::Action;
pub use app::App;
pub use journal::Journal;
pub use screens::Screen;
pub use theme::ThemeKind;

use std::sync::Arc;

use crate::domain::{InputChange, Language, Session};
use crate::record::{LiveSession, TornLine};

/// Records the opening or the resumption of a session whose record was
/// prepared but not begun ([`crate::record::Prepared::defer`]): the input
/// files changed since the last sitting, or why nothing could be recorded.
/// [`run`] calls it once the first frame is drawn, before it reads the
/// first key.
pub type Begin = Box<dyn FnOnce(&mut LiveSession) -> Result<Vec<InputChange>, String>>;

/// The opening or resumption could not be recorded once the first frame
/// was drawn: the screens are left, and the session is not run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BeginFailed(pub String);

/// What opening the record found, for the app to start from.
pub struct Opening {
    pub journal: Journal,
    /// A torn last line set aside on open: the chair is told.
    pub torn: Option<TornLine>,
    /// Input files changed since the record was last open: the chair must
    /// accept them (recorded) or stop.
    pub inputs_changed: Vec<InputChange>,
    /// The record had no anchor beside it; this one was written: the chair
    /// is told.
    pub anchor_missing: Option<std::path::PathBuf>,
    /// The opening or resumption to record after the first frame, when
    /// the journal's record is not begun yet.
    pub begin: Option<Begin>,
}

/// The smallest terminal the screens are laid out for (PRODUCT.md §8).
pub const MIN_SIZE: Size = Size { width: 80, height: 24 };

/// Run the TUI on a loaded session until the chair quits.
///
/// `color_eyre::install()` must have run first (main does it): `try_init`
/// then chains its terminal-restoring panic hook in front of color_eyre's, so
/// a panic restores the terminal before the report is printed.
///
/// The language is `lang` if given, else the config's, else the session's.
pub fn run(session: Arc<Session>, opening: Opening, lang: Option<Language>) -> color_eyre::Result<()> {
    let (config, mut warnings) = crate::config::load();
    let mut keymap = keymap::Keymap::embedded()?;
    if let Some(keys) = &config.keys {
        for problem in keymap.merge_each(keys) {
            warnings.push(format!("{}: {}", config.place(&problem.path), problem.message));
        }
    }
    let theme = ThemeKind::from_env(
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("GREMIUM_THEME").ok().as_deref().or(config.theme.as_deref()),
    );
    let app = App::on(session, lang.or(config.language), opening.journal)
        .with_keymap(keymap)
        .with_theme(theme)
        .with_export_csv(config.export_csv.unwrap_or_default())
        .with_budget(app::Budget::For(SLICE))
        .with_inputs_changed(opening.inputs_changed);
    if let Some(torn) = &opening.torn {
        let text = app
            .strings()
            .record
            .torn
            .replace("{line}", &torn.line.to_string())
            .replace("{bytes}", &torn.bytes.to_string())
            .replace("{path}", &torn.backup.display().to_string());
        warnings.insert(0, text);
    }
    if let Some(anchor) = &opening.anchor_missing {
        let text = app.strings().record.anchor_missing.replace("{path}", &anchor.display().to_string());
        warnings.insert(0, text);
    }
    if app.journal().is_read_only() {
        warnings.push(app.strings().record.read_only.to_string());
    }
    let warnings = warnings.into_iter().map(|w| crate::text::clean_line(&w).into_owned()).collect();
    let app = app.with_warnings(warnings);
    let mut signals = terminal::SignalWatch::install()?;
    let mut term = terminal::enter(config.mouse.unwrap_or(true))?;
    let result = event_loop(&mut term, app, &mut signals, opening.begin);
    terminal::leave();
    match result {
        Ok(Some(code)) => std::process::exit(code),
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    }
}

/// How often the loop looks for signals while no key comes. Nothing is
/// drawn on these wake-ups.
const SIGNAL_CHECK: std::time::Duration = std::time::Duration::from_millis(100);

/// How long a key, or an idle turn of the loop, may work on a long job
/// (the minutes of a long session) before the next key is read: a key
/// and its frame stay within 5 ms (docs/performance.md).
pub const SLICE: std::time::Duration = std::time::Duration::from_millis(1);

/// Keys, pastes, clicks and resizes until the chair quits; `Some(code)` when
/// a signal ended the session (the terminal is left by the caller).
fn event_loop(
    term: &mut terminal::Term,
    mut app: App,
    signals: &mut terminal::SignalWatch,
    begin: Option<Begin>,
) -> color_eyre::Result<Option<i32>> {
    let size = terminal::current_size();
    app.update(Action::Resize(size.width, size.height));
    term.draw(|frame| render(&app, frame))?;
    if let Some(begin) = begin {
        // Nothing is read before the opening is recorded: a key pressed
        // meanwhile waits in the terminal.
        app.begin(begin)?;
        term.draw(|frame| render(&app, frame))?;
    }
    while !app.should_quit() {
        match signals.pending() {
            Some(terminal::SignalAction::Exit(code)) => return Ok(Some(code)),
            Some(terminal::SignalAction::Suspend) => {
                suspend(term, &mut app)?;
                continue;
            }
            None if app.take_suspend() => {
                suspend(term, &mut app)?;
                continue;
            }
            None => {}
        }
        // Work left (the minutes being built) goes on between keys, a
        // slice at a time, and is drawn as it goes.
        let wait = if app.has_work() { std::time::Duration::ZERO } else { SIGNAL_CHECK };
        if !event::poll(wait)? {
            if app.has_work() {
                // a key that comes meanwhile ends the slice after the step
                app.work_while(&mut || !event::poll(std::time::Duration::ZERO).unwrap_or(true));
                term.draw(|frame| render(&app, frame))?;
            }
            continue;
        }
        match event::read()? {
            Event::Key(key) => {
                if let Some(action) = app.action_for_key(&key) {
                    app.update(action);
                }
            }
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(mouse) => app.mouse(mouse),
            Event::Resize(w, h) => {
                let size = terminal::capped(Size::new(w, h));
                terminal::redraw_whole(term, size)?;
                app.update(Action::Resize(size.width, size.height));
            }
            _ => continue,
        }
        if !app.should_quit() {
            term.draw(|frame| render(&app, frame))?;
        }
    }
    Ok(None)
}

/// Leave the terminal until `fg`, then redraw it whole.
fn suspend(term: &mut terminal::Term, app: &mut App) -> color_eyre::Result<()> {
    let size = terminal::suspend(term)?;
    app.update(Action::Resize(size.width, size.height));
    term.draw(|frame| render(app, frame))?;
    Ok(())
}

/// Draw the whole UI, layer by layer in the order of [`layers::stack`].
/// Pure: reads the app, writes the frame, nothing else.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base), area);
    let stack = layers::stack(app);
    if stack.contains(&layers::Layer::TooSmall)
        || area.width < MIN_SIZE.width
        || area.height < MIN_SIZE.height
    {
        widgets::too_small::render(app, frame, area);
        return;
    }
    let [header, body, footer] = frame_layout(area);
    widgets::header::render(app, frame, header);
    widgets::footer::render(app, frame, footer);
    for layer in stack {
        match layer {
            // The screen draws what is typed into it and its dialog.
            layers::Layer::Screen(screen) => screen.render(app, frame, body),
            layers::Layer::ScreenText | layers::Layer::VoteDialog => {}
            layers::Layer::Decided => widgets::decided::render_overlay(app, frame, body),
            layers::Layer::Note => widgets::note::render(app, frame, body),
            layers::Layer::Help => widgets::help::render(app, frame, body),
            layers::Layer::Confirm => widgets::confirm::render(app, frame, body),
            layers::Layer::Amendment => widgets::amend::render(app, frame, body),
            layers::Layer::InputsChanged => widgets::prompt::render(app, frame, body),
            layers::Layer::TooSmall => {}
        }
    }
    widgets::footer::render_long_notice(app, frame, body);
}

/// The size the app lays out for: the terminal's, capped.
pub fn capped_size(size: Size) -> Size {
    terminal::capped(size)
}

/// Header, body and footer rows.
pub fn frame_layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area)
}

/// The body area for a terminal of `size`.
pub fn body_area(size: Size) -> Rect {
    frame_layout(Rect::new(0, 0, size.width, size.height))[1]
}

/// Resize the app to `width`×`height` and render it into an in-memory
/// terminal (tests, benchmarks, headless checks).
pub fn render_to_test_backend(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(width, height));
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    if let Err(never) = terminal.draw(|frame| render(app, frame)) {
        match never {}
    }
    terminal
}

/// `gremium follow`: the room's view of a record the chair's gremium
/// writes (PRODUCT.md §12), until `q`. It polls the record four times a
/// second and redraws when something was appended; a record that was
/// replaced is said on the view, and following stops.
pub fn follow(mut follower: crate::record::Follower, lang: Option<Language>) -> color_eyre::Result<()> {
    let (config, _) = crate::config::load();
    let lang = lang.or(config.language).unwrap_or(follower.state().session.definition.language);
    // The projector's light theme, unless NO_COLOR or a theme is asked for
    // (`dark` for the screens' own).
    let no_color = std::env::var("NO_COLOR").ok();
    let requested = std::env::var("GREMIUM_THEME").ok().or(config.theme.clone());
    let theme = match requested.as_deref() {
        _ if no_color.as_deref().is_some_and(|v| !v.is_empty()) => ThemeKind::Plain.theme(),
        Some("dark" | "default") => ThemeKind::Default.theme(),
        Some(other @ ("high-contrast" | "plain" | "no-color")) => {
            ThemeKind::from_env(None, Some(other)).theme()
        }
        _ => theme::Theme::projector(),
    };
    let mut signals = terminal::SignalWatch::install()?;
    let mut term = terminal::enter(false)?;
    let result = follow_loop(&mut term, &mut follower, lang, &theme, &mut signals);
    terminal::leave();
    match result {
        Ok(Some(code)) => std::process::exit(code),
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    }
}

/// How often the room's view looks at the record.
const FOLLOW_POLL: std::time::Duration = std::time::Duration::from_millis(250);

fn follow_loop(
    term: &mut terminal::Term,
    follower: &mut crate::record::Follower,
    lang: Language,
    theme: &theme::Theme,
    signals: &mut terminal::SignalWatch,
) -> color_eyre::Result<Option<i32>> {
    use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    let mut stopped: Option<String> = None;
    term.draw(|frame| room::render(follower.state(), lang, theme, stopped.as_deref(), frame))?;
    loop {
        let mut redraw = false;
        match signals.pending() {
            Some(terminal::SignalAction::Exit(code)) => return Ok(Some(code)),
            Some(terminal::SignalAction::Suspend) => {
                terminal::suspend(term)?;
                redraw = true;
            }
            None => {}
        }
        if stopped.is_none() {
            match follower.poll() {
                Ok(changed) => redraw |= changed,
                Err(e) => {
                    stopped = Some(e.to_string());
                    redraw = true;
                }
            }
        }
        if event::poll(FOLLOW_POLL)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let ctrl_c =
                        key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                    if matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c {
                        return Ok(None);
                    }
                }
                Event::Resize(w, h) => {
                    terminal::redraw_whole(term, terminal::capped(Size::new(w, h)))?;
                    redraw = true;
                }
                _ => {}
            }
        }
        if redraw {
            term.draw(|frame| room::render(follower.state(), lang, theme, stopped.as_deref(), frame))?;
        }
    }
}
