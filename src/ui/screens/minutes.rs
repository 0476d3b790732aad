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
use state::Key;
pub use state::MinutesState;

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

fn layout(app: &App, width: u16) -> View {
    view::layout(&crate::minutes::build(app.state(), app.now), width, &app.theme)
}

/// Lay the document out again if anything it depends on changed.
pub fn refresh(app: &App, state: &mut MinutesState) {
    let width = doc_width(content_area(crate::ui::body_area(app.size)));
    let key = key(app, width);
    if state.cached.as_ref().is_none_or(|(k, _)| *k != key) {
        let view = layout(app, width);
        state.cached = Some((key, view));
    }
}

fn view(state: &MinutesState) -> Option<&View> {
    state.cached.as_ref().map(|(_, v)| v)
}

fn max_scroll(app: &App, state: &MinutesState) -> usize {
    let lines = view(state).map_or(0, |v| v.lines.len());
    lines.saturating_sub(page_height(app.size))
}

/// Keep the scroll position within the document.
pub fn clamp(app: &App, state: &mut MinutesState) {
    refresh(app, state);
    state.scroll = state.scroll.min(max_scroll(app, state));
}

pub fn handle(app: &App, state: &mut MinutesState, action: Action) -> Vec<Effect> {
    refresh(app, state);
    let page = page_height(app.size).max(1);
    let max = max_scroll(app, state);
    let scroll = state.scroll;
    let mut effects = Vec::new();
    if let Some(to) = crate::ui::widgets::list_cursor::scroll(scroll, action, max, page) {
        state.scroll = to;
        return effects;
    }
    state.scroll = match action {
        Action::JumpToCurrent => {
            let current = app.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.clone());
            match current.and_then(|d| view(state).and_then(|v| v.items.get(&d)).copied()) {
                Some(line) => line.min(max),
                None => {
                    let why = crate::procedure::DomainError::NoCurrentItem;
                    effects.push(Effect::Notify(crate::ui::describe::refusal(
                        &why,
                        app.strings(),
                        &app.session,
                    )));
                    scroll
                }
            }
        }
        _ => scroll,
    };
    effects
}

/// After a note was recorded here: bring it into view.
pub fn reveal_note(app: &App, state: &mut MinutesState, seq: u64) {
    refresh(app, state);
    let Some(&line) = view(state).and_then(|v| v.notes.get(&seq)) else { return };
    let page = page_height(app.size).max(1);
    if line < state.scroll || line + 2 >= state.scroll + page {
        state.scroll = line.saturating_sub(page / 2).min(max_scroll(app, state));
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
    // The kept layout, unless something changed since the last key (a note
    // just recorded): then laid out afresh for this frame.
    let fresh;
    let view = match &app.minutes.cached {
        Some((k, v)) if *k == key(app, width) => v,
        _ => {
            fresh = layout(app, width);
            &fresh
        }
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
