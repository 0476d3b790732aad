//! The one confirmation (PRODUCT.md §8; gitui's `ConfirmAction`): every
//! irreversible step — early reveal, new round, invitation, vote, en bloc,
//! deferral, sign-off — waits here with what will be recorded, in full,
//! until the chair says yes (`Enter`/`y`, recorded) or no (`Esc`/`n`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;

pub use crate::ui::prompts::Confirm;

/// Keys while a confirmation is open: yes records, no drops, nothing else
/// acts.
pub fn answer(app: &mut App, action: Action) {
    if app.save_offer.is_some() {
        match action {
            Action::Open => app.save_history(),
            Action::Back => app.save_offer = None,
            Action::Quit => app.request_quit(),
            _ => {}
        }
        return;
    }
    match action {
        Action::Open => {
            if let Some(confirm) = app.confirm.take() {
                let closes_dialog = matches!(
                    confirm.command,
                    Command::RecordVote { .. }
                        | Command::RecordDecision { .. }
                        | Command::ConfirmResult { .. }
                );
                let closes_entry = matches!(confirm.command, Command::DecideConflict { .. });
                if app.record(confirm.command) {
                    if closes_dialog {
                        app.decision.close_dialogs();
                    }
                    if closes_entry {
                        app.attendance.close_entry();
                    }
                }
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
    if let Some(dir) = &app.save_offer {
        let r = &app.strings().record;
        let beside = crate::text::clean_line(&dir.display().to_string()).into_owned();
        render_question(app, frame, body, r.save_title, &r.save_question.replace("{path}", &beside));
        return;
    }
    let Some(confirm) = &app.confirm else { return };
    render_question(app, frame, body, confirm.title, &confirm.question);
}

/// A question in the confirmation's box, wrapped in full, with its yes and
/// no keys.
pub fn render_question(app: &App, frame: &mut Frame, body: Rect, title: &str, question: &str) {
    let s = app.strings();
    let t = &app.theme;
    let width = body.width.saturating_sub(4).min(76);
    let inner = usize::from(width.saturating_sub(4)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in question.split('\n') {
        lines.extend(super::doc::wrap(paragraph, inner).into_iter().map(Line::raw));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(format!(" {} ", keys(app, Action::Open)), t.footer_key),
        Span::raw(format!(" {}   ", s.att.accept)),
        Span::styled(format!(" {} ", keys(app, Action::Back)), t.footer_key),
        Span::raw(format!(" {}", s.att.cancel)),
    ]));
    let height = (lines.len() as u16 + 2).min(body.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(" ⚠ {title} ")).style(t.base);
    let text_area = block.inner(area);
    frame.render_widget(block, area);
    let text_area = Rect { x: text_area.x + 1, width: text_area.width.saturating_sub(1), ..text_area };
    // The keys stay in view even when the question is longer than the box.
    let room = usize::from(text_area.height);
    if lines.len() > room && room >= 2 {
        let keys = lines.pop();
        lines.truncate(room - 1);
        lines.extend(keys);
    }
    frame.render_widget(Paragraph::new(lines), text_area);
}
