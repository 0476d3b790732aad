//! The bottom row: the keys that work here, from the keymap, in the
//! current language. Hints that do not fit are left out from the middle;
//! help and quit always stay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::doc::width;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;
use crate::ui::screens::Hint;

/// The hints for the current state, most important first.
pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    if app.help_open() {
        return vec![
            Hint::new(Action::Back, s.actions.close_help),
            Hint::pair(Action::Down, Action::Up, s.hint_scroll),
        ];
    }
    if app.confirm().is_some() {
        return vec![Hint::new(Action::Open, s.att.accept), Hint::new(Action::Back, s.att.cancel)];
    }
    if app.amendment().is_some() {
        return vec![
            Hint::new(Action::Open, s.sign_off.amend_record),
            Hint::new(Action::Back, s.sign_off.amend_cancel),
        ];
    }
    let mut hints = app.screen().hints(app);
    if app.scope() != Scope::Search {
        hints.push(Hint::new(Action::ToggleLanguage, s.actions.toggle_language));
        hints.push(Hint::new(Action::Help, s.actions.help));
        hints.push(Hint::new(Action::Quit, s.actions.quit));
    }
    hints
}

/// The key text of a hint ("j/k", "1–9"), or `None` when unbound here.
pub fn key_text(app: &App, hint: &Hint) -> Option<String> {
    if let Some(keys) = hint.keys {
        return Some(keys.to_string());
    }
    let scope = app.scope();
    let mut parts = Vec::new();
    for action in &hint.actions {
        let key = app.keymap.effective_keys(scope, *action).into_iter().next()?;
        parts.push(key.label(app.strings()));
    }
    Some(parts.join("/"))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    if let Some(note) = &app.note {
        let s = app.strings();
        // A refusal (empty text, read-only view) shows where the chair looks.
        let keys = match app.notice() {
            Some(notice) => format!("  ! {notice}"),
            None => format!("  Enter {}  Esc {}", s.actions.save_note, s.actions.cancel_note),
        };
        // The end of a long note stays in view while it is typed.
        let room = usize::from(area.width).saturating_sub(width(s.record.note_prompt) + width(&keys) + 5);
        let shown = crate::text::clean_line(note);
        let skip = width(&shown).saturating_sub(room);
        let tail: String = shown.chars().skip(skip).collect();
        let line = Line::from(vec![
            Span::styled(format!(" {}: ", s.record.note_prompt), t.footer_key),
            Span::styled(format!("{tail}▏"), t.search),
            Span::styled(keys, t.footer),
        ]);
        frame.render_widget(Paragraph::new(line).style(t.footer), area);
        return;
    }
    if let Some(notice) = app.notice() {
        let line = Line::from(vec![Span::styled(" ! ", t.footer_key), Span::styled(notice, t.footer)]);
        frame.render_widget(Paragraph::new(line).style(t.footer), area);
        return;
    }
    let items: Vec<(String, &str)> =
        hints(app).iter().filter_map(|h| key_text(app, h).map(|k| (k, h.label))).collect();
    let cost = |(k, l): &(String, &str)| width(k) + 1 + width(l) + 2;
    // The last two (help, quit) are pinned; others drop from the end of the
    // optional part until everything fits.
    let pinned = if app.scope() == Scope::Search || app.help_open() { 0 } else { 2.min(items.len()) };
    let (optional, fixed) = items.split_at(items.len() - pinned);
    let budget = usize::from(area.width).saturating_sub(1 + fixed.iter().map(cost).sum::<usize>());
    let mut shown = Vec::new();
    let mut used = 0;
    for item in optional {
        if used + cost(item) > budget {
            break;
        }
        used += cost(item);
        shown.push(item);
    }
    shown.extend(fixed.iter());
    let mut spans = vec![Span::raw(" ")];
    for (keys, label) in shown {
        spans.push(Span::styled(keys.clone(), t.footer_key));
        spans.push(Span::styled(format!(" {label}  "), t.footer));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.footer), area);
}
