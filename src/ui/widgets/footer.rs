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
use crate::ui::layers::{self, Layer};
use crate::ui::screens::Hint;

/// The hints of the topmost layer, most important first: the footer and
/// help read the same stack that gets the keys.
pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    let text_keys = |accept: &'static str, cancel: &'static str| {
        vec![
            Hint::new(Action::Open, accept),
            Hint::new(Action::Back, cancel),
            Hint::pair(Action::Left, Action::Right, s.actions.cursor),
            Hint::new(Action::DeleteChar, s.actions.delete_char),
        ]
    };
    match layers::top(app) {
        Layer::TooSmall => {
            vec![Hint::new(Action::Quit, s.actions.quit), Hint::new(Action::Help, s.actions.help)]
        }
        Layer::Help => {
            vec![
                Hint::new(Action::Back, s.actions.close_help),
                Hint::pair(Action::Down, Action::Up, s.hint_scroll),
            ]
        }
        Layer::Confirm => vec![Hint::new(Action::Open, s.att.accept), Hint::new(Action::Back, s.att.cancel)],
        Layer::Amendment => text_keys(s.sign_off.amend_record, s.sign_off.amend_cancel),
        Layer::Note => text_keys(s.actions.save_note, s.actions.cancel_note),
        Layer::InputsChanged => vec![
            Hint::new(Action::Open, s.actions.continue_session),
            Hint::new(Action::Quit, s.actions.stop_session),
        ],
        Layer::Decided => vec![
            Hint::new(Action::ToggleDecided, s.decision.toggle_decided),
            Hint::pair(Action::Down, Action::Up, s.hint_scroll),
            Hint::new(Action::Help, s.actions.help),
            Hint::new(Action::Quit, s.actions.quit),
        ],
        Layer::ScreenText if app.screen() != crate::ui::screens::Screen::Agenda => {
            text_keys(s.att.accept, s.att.cancel)
        }
        Layer::ScreenText | Layer::VoteDialog => app.screen().hints(app),
        Layer::Screen(screen) => {
            let mut hints = screen.hints(app);
            hints.push(Hint::new(Action::ToggleLanguage, s.actions.toggle_language));
            hints.push(Hint::new(Action::Help, s.actions.help));
            hints.push(Hint::new(Action::Quit, s.actions.quit));
            hints
        }
    }
}

/// Whether the last two hints (help, quit) are pinned at the right.
fn pins_help_and_quit(app: &App) -> bool {
    matches!(layers::top(app), Layer::Screen(_) | Layer::Decided)
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
    let pinned = if pins_help_and_quit(app) { 2.min(items.len()) } else { 0 };
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

/// A notice longer than the footer stands whole in a box at the top of the
/// screen, wrapped: a refusal is read to its end (the footer keeps its
/// first words), and a text box at the foot stays in view.
pub fn render_long_notice(app: &App, frame: &mut Frame, body: Rect) {
    let Some(notice) = app.notice() else { return };
    let inner = usize::from(body.width.saturating_sub(4)).max(10);
    if width(notice) + 3 <= usize::from(body.width) {
        return;
    }
    let t = &app.theme;
    let lines: Vec<Line<'static>> =
        super::doc::wrap(notice, inner).into_iter().map(|l| Line::styled(l, t.footer)).collect();
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect { x: body.x, y: body.y, width: body.width, height };
    frame.render_widget(ratatui::widgets::Clear, area);
    let block =
        ratatui::widgets::Block::new().borders(ratatui::widgets::Borders::ALL).title(" ! ").style(t.base);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let inside = Rect { x: inside.x + 1, width: inside.width.saturating_sub(1), ..inside };
    frame.render_widget(Paragraph::new(lines), inside);
}
