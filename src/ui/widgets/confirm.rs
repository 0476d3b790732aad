//! Irreversible steps ask first (PRODUCT.md §8; gitui's `ConfirmAction`):
//! the command waits here until the chair says yes (recorded) or no.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;

/// A step waiting for the chair's yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: &'static str,
    pub question: String,
    pub command: Command,
}

/// Keys while a confirmation is open: yes records, no drops.
pub fn answer(app: &mut App, action: Action) {
    match action {
        Action::Open => {
            if let Some(confirm) = app.confirm.take() {
                crate::ui::screens::attendance::record_change(app, confirm.command);
            }
        }
        Action::Back => app.confirm = None,
        Action::Quit => app.request_quit(),
        _ => {}
    }
}

fn keys(app: &App, action: Action) -> String {
    let s = app.strings();
    let keys: Vec<String> = app.keymap.keys_for(Scope::Confirm, action).iter().map(|k| k.label(s)).collect();
    keys.join("/")
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let Some(confirm) = &app.confirm else { return };
    render_question(app, frame, body, confirm.title, &confirm.question);
}

/// A question in the confirmation's box, with its yes and no keys.
pub fn render_question(app: &App, frame: &mut Frame, body: Rect, title: &str, question: &str) {
    let s = app.strings();
    let t = &app.theme;
    let width = body.width.saturating_sub(8).min(72);
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!(" {} ", keys(app, Action::Open)), t.footer_key),
            Span::raw(format!(" {}   ", s.att.accept)),
            Span::styled(format!(" {} ", keys(app, Action::Back)), t.footer_key),
            Span::raw(format!(" {}", s.att.cancel)),
        ]),
    ];
    let height = 7.min(body.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(" ⚠ {title} ")).style(t.base);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
