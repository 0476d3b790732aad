//! Niederschrift: the minutes as they stand, built from the record and
//! scrolled like a document. The document is in the session's language
//! (it is what the export writes); the line above it says, in the screen
//! language, whether it is still a draft and where `n` puts a note. A note
//! goes in at the current point: on the current agenda item if one is
//! called up, else among the general notes, and the view moves to it.
//!
//! Building the minutes of a long session takes longer than a key may, so
//! the laid-out lines are kept and only built again when the record, the
//! width, the theme or the minute changes (in `update`, never in `render`).

pub mod state;
mod view;
pub use state::MinutesState;
use state::{Job, Key, Target};

use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::Hint;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::widgets::doc::{safe, width};
use crate::ui::widgets::doc_width;
use view::View;

/// The document's area in the body: below the status line, one column of
/// margin on the left.
fn content_area(body: Rect) -> Rect {
    Rect {
        x: body.x + 1,
        y: body.y.saturating_add(1),
        width: body.width.saturating_sub(1),
        height: body.height.saturating_sub(1),
    }
}

/// Document lines on screen at a terminal size.
pub fn page_height(size: Size) -> usize {
    usize::from(content_area(crate::ui::body_area(size)).height)
}

fn key(app: &App, width: u16) -> Key {
    Key {
        events: app.state().meta.events,
        width,
        theme: app.theme_kind,
        minute: app.now.timestamp().div_euclid(60),
    }
}

fn current_key(app: &App) -> Key {
    key(app, doc_width(content_area(crate::ui::body_area(app.size))))
}

/// The document is not laid out for what the screen shows now.
pub fn busy(app: &App, state: &MinutesState) -> bool {
    state.cached.as_ref().is_none_or(|(k, _)| *k != current_key(app))
}

/// Build and lay out the document for what the screen shows now, as far
/// as the app's budget goes; the rest on the next call (the event loop's
/// idle turns). Never in `render`.
pub fn refresh(app: &App, state: &mut MinutesState) {
    refresh_while(app, state, &mut || true);
}

/// The same, stopping early as soon as `go_on` says no (a key is waiting).
pub fn refresh_while(app: &App, state: &mut MinutesState, go_on: &mut dyn FnMut() -> bool) {
    let key = current_key(app);
    if state.cached.as_ref().is_some_and(|(k, _)| *k == key) {
        state.job = None;
        return;
    }
    let job = match state.job.take() {
        Some(job) if job.key == key => state.job.insert(job),
        _ => state.job.insert(Job {
            key,
            builder: crate::minutes::Builder::new(app.state(), app.now),
            layout: view::Layout::new(key.width),
        }),
    };
    let Job { builder, layout, .. } = job;
    // The app's ranking: kept totals, the same figures (a property test).
    // Asked for only when the result is written.
    let ranking = || app.ranking();
    let mut budget = app.budget.more();
    let mut more = || budget() && go_on();
    let done = builder
        .advance(app.state(), Some(&ranking), &mut more, &mut |piece| layout.piece(&piece, &app.theme));
    if done && let Some(job) = state.job.take() {
        state.cached = Some((key, job.layout.finish()));
        if let Some(target) = state.pending.take() {
            go_to(app, state, target);
        }
    }
}

/// The laid-out document to show: the one for the record as it stands, at
/// this width and theme (the minute it counts an open item's time to may
/// lag while the next minute's is built). `None` while it is built.
fn view<'s>(app: &App, state: &'s MinutesState) -> Option<&'s View> {
    let now = current_key(app);
    state.cached.as_ref().filter(|(k, _)| k.same_record(&now)).map(|(_, v)| v)
}

fn max_scroll(app: &App, state: &MinutesState) -> usize {
    let lines = view(app, state).map_or(0, |v| v.lines.len());
    lines.saturating_sub(page_height(app.size))
}

/// Keep the scroll position within the document (left as it is while the
/// document is built, so that it is there again afterwards).
pub fn clamp(app: &App, state: &mut MinutesState) {
    refresh(app, state);
    if view(app, state).is_some() {
        state.scroll = state.scroll.min(max_scroll(app, state));
    }
}

/// A key on the screen. The document is brought up to date after every
/// key (`clamp`), once: a key does one budget's worth of building.
pub fn handle(app: &App, state: &mut MinutesState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if action == Action::JumpToCurrent {
        if app.state().proceedings.agenda.current.is_none() {
            let why = crate::procedure::DomainError::NoCurrentItem;
            effects.push(Effect::Notify(crate::ui::describe::refusal(&why, app.strings(), &app.session)));
        } else if view(app, state).is_none() {
            // made once the document is there
            state.pending = Some(Target::Current);
        } else {
            go_to(app, state, Target::Current);
        }
        return effects;
    }
    let (max, page) = (max_scroll(app, state), page_height(app.size).max(1));
    if let Some(to) = crate::ui::widgets::list_cursor::scroll(state.scroll, action, max, page) {
        if view(app, state).is_some() {
            state.scroll = to;
        } else {
            // Scrolling waits for the document; the chair is told.
            effects.push(Effect::Notify(app.strings().minutes.still_building.to_string()));
        }
    }
    effects
}

/// Bring a place of the shown document into view; false if it has none.
fn go_to(app: &App, state: &mut MinutesState, target: Target) -> bool {
    let Some(v) = view(app, state) else { return false };
    let page = page_height(app.size).max(1);
    let max = v.lines.len().saturating_sub(page_height(app.size));
    match target {
        Target::Current => {
            let current = app.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.as_str());
            let Some(&line) = current.and_then(|d| v.items.get(d)) else { return false };
            state.scroll = line.min(max);
        }
        Target::Note(seq) => {
            let Some(&line) = v.notes.get(&seq) else { return false };
            if line < state.scroll || line + 2 >= state.scroll + page {
                state.scroll = line.saturating_sub(page / 2).min(max);
            }
        }
    }
    true
}

/// After a note was recorded here: bring it into view, now or once the
/// document with it is there.
pub fn reveal_note(app: &App, state: &mut MinutesState, seq: u64) {
    if view(app, state).is_none() {
        state.pending = Some(Target::Note(seq));
    } else {
        go_to(app, state, Target::Note(seq));
    }
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    vec![
        Hint::new(Action::Note, s.minutes.add_note),
        Hint::new(Action::JumpToCurrent, s.att.jump_current),
        Hint::pair(Action::Down, Action::Up, s.hint_scroll),
        Hint::new(Action::Undo, s.actions.undo),
    ]
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = content_area(body);
    let width = doc_width(area);
    // Never built here: while the document is under way, how far it is.
    let Some(view) = view(app, &app.minutes) else {
        let percent = app.minutes.job.as_ref().map_or(0, |j| j.builder.percent());
        let s = app.strings().minutes;
        let line =
            Line::styled(format!(" {}", s.building.replace("{}", &percent.to_string())), app.theme.label);
        frame.render_widget(Paragraph::new(line), body);
        return;
    };
    let total = view.lines.len();
    let height = usize::from(area.height);
    let scroll = app.minutes.scroll.min(total.saturating_sub(height));
    frame.render_widget(Paragraph::new(status_line(app, body.width, scroll, height, total)), body);
    let visible: Vec<Line<'static>> = view.lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), Rect { width, ..area });
    if total > height && area.width > 0 {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(scroll);
        let bar =
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(Some("▲")).end_symbol(Some("▼"));
        frame.render_stateful_widget(bar, area, &mut state);
    }
}

/// Draft or signed off (never by colour alone), the document's language,
/// where a note would go, and which lines are shown.
fn status_line(app: &App, cols: u16, scroll: usize, height: usize, total: usize) -> Line<'static> {
    let s = app.strings().minutes;
    let t = &app.theme;
    let state = app.state();
    let (mark, style) = if state.is_signed_off() { (s.signed, t.ok) } else { (s.draft, t.bad) };
    let lang = s.languages[usize::from(state.session.definition.language == crate::domain::Language::En)];
    let language = format!(" · {}", s.language.replace("{}", lang));
    let note = match &state.proceedings.agenda.current {
        Some(c) => format!(" · {}", s.note_on_item.replace("{}", &safe(&c.dossier))),
        None => format!(" · {}", s.note_general),
    };
    let lines = s
        .lines
        .replace("{from}", &(scroll + 1).min(total).to_string())
        .replace("{to}", &(scroll + height).min(total).to_string())
        .replace("{total}", &total.to_string());
    // Narrow terminals keep the mark, then where a note goes, then the
    // lines shown, then the language.
    let mut room = usize::from(cols).saturating_sub(2 + width(mark));
    let mut fits = |text: &str| {
        let fits = width(text) < room;
        if fits {
            room -= width(text) + 1;
        }
        fits
    };
    let show_note = fits(&note);
    let show_lines = show_note && fits(&lines);
    let show_language = show_lines && fits(&language);
    let mut spans = vec![Span::raw(" "), Span::styled(mark.to_string(), style)];
    let mut used = 1 + width(mark);
    for (shown, text) in [(show_language, language), (show_note, note)] {
        if shown {
            used += width(&text);
            spans.push(Span::styled(text, t.label));
        }
    }
    if show_lines {
        let pad = usize::from(cols).saturating_sub(used + width(&lines) + 1);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(lines, t.muted));
    }
    Line::from(spans)
}
