//! A change after sign-off (PRODUCT.md §2 step 10): the domain refuses it
//! as it stands; the chair is asked for a reason, and with one the change
//! is recorded as an amendment (`Command::Amend`), which the minutes and
//! the results show as such. Esc drops the change.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::{Command, EventKind};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::describe;

/// The refused change and the reason being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AmendPrompt {
    pub command: Command,
    /// The change in words, as the record will name it.
    pub change: String,
    pub reason: String,
}

impl AmendPrompt {
    /// Ask for the reason of `command`; the change is named by what the
    /// domain would record for it (or why it would refuse it).
    pub fn new(app: &App, command: Command) -> AmendPrompt {
        let s = app.strings();
        let probe = Command::Amend { reason: "-".into(), command: Box::new(command.clone()) };
        let change = match app.state().decide(&probe) {
            Ok(kinds) => kinds
                .iter()
                .map(|k| match k {
                    EventKind::Amendment { change, .. } => describe::event(&change.describe(), s),
                    other => describe::event(&other.describe(), s),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(e) => describe::refusal(&e, s, app.session()),
        };
        AmendPrompt { command, change, reason: String::new() }
    }
}

/// Changes that can be amended: everything but undo, redo, sign-off and
/// amendments themselves (the domain refuses those as part of one).
pub fn amendable(command: &Command) -> bool {
    !matches!(command, Command::Undo | Command::Redo | Command::SignOff { .. } | Command::Amend { .. })
}

/// Keys while the reason is typed: text, Enter records, Esc drops.
pub fn answer(app: &mut App, action: Action) {
    let Some(prompt) = app.amend.as_mut() else { return };
    match action {
        Action::Insert(c) => prompt.reason.push(c),
        Action::DeleteChar => {
            prompt.reason.pop();
        }
        Action::Back => {
            app.amend = None;
            app.notify(app.strings().sign_off.amend_dropped);
        }
        Action::Quit => app.request_quit(),
        Action::Resize(w, h) => app.size = ratatui::layout::Size::new(w, h),
        Action::Open => {
            let reason = prompt.reason.trim().to_string();
            if reason.is_empty() {
                app.notify(app.strings().sign_off.amend_empty);
                return;
            }
            let command = Box::new(prompt.command.clone());
            if app.execute(Command::Amend { reason, command }) {
                app.amend = None;
                let s = app.strings();
                let what = app
                    .state()
                    .proceedings
                    .amendments
                    .last()
                    .map(|a| describe::event(&a.change.describe(), s))
                    .unwrap_or_default();
                app.notify(format!("{}: {what}", s.sign_off.amended));
            }
        }
        _ => {}
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let Some(prompt) = &app.amend else { return };
    let s = app.strings();
    let t = &app.theme;
    let shown = crate::text::clean_line(&prompt.reason);
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", s.sign_off.amend_change), t.label),
            Span::raw(prompt.change.clone()),
        ]),
        Line::raw(""),
        Line::raw(s.sign_off.amend_prompt),
        Line::from(vec![Span::styled(format!("{shown}▏"), t.search)]),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" Enter ", t.footer_key),
            Span::raw(format!(" {}   ", s.sign_off.amend_record)),
            Span::styled(" Esc ", t.footer_key),
            Span::raw(format!(" {}", s.sign_off.amend_cancel)),
        ]),
    ];
    let width = body.width.saturating_sub(8).min(76);
    let height = 10.min(body.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).title(format!(" ⚠ {} ", s.sign_off.amend_title)).style(t.base);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
