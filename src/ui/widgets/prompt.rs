//! The question asked before anything else when the session's files changed
//! since the record was last open: continue (recorded) or stop.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::ChangeKind;
use crate::text::clean_line;
use crate::ui::app::App;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let s = app.strings();
    let r = &s.record;
    let t = &app.theme;
    let mut lines = vec![Line::raw(r.inputs_intro), Line::raw("")];
    for change in &app.inputs_changed {
        let kind = match change.change {
            ChangeKind::Added => r.inputs_added,
            ChangeKind::Removed => r.inputs_removed,
            ChangeKind::Modified => r.inputs_modified,
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  • {kind:<10} "), t.warn),
            Span::raw(clean_line(&change.path).into_owned()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(r.inputs_question));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" Enter ", t.footer_key),
        Span::raw(format!("{}   ", s.actions.continue_session)),
        Span::styled(" q ", t.footer_key),
        Span::raw(s.actions.stop_session),
    ]));
    let width = body.width.saturating_sub(8).min(90);
    let height = (lines.len() as u16 + 2).min(body.height);
    let area =
        Rect { x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width, height };
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(" ⚠ {} ", r.inputs_title)).style(t.base);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
