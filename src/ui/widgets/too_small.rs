//! Below 80×24 nothing else is drawn: only what is wrong and what is needed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::MIN_SIZE;
use crate::ui::app::App;

/// The message lines, also used by tests.
pub fn message(app: &App, area: Rect) -> Vec<String> {
    let s = app.strings();
    vec![
        s.too_small_title.to_string(),
        format!("{} {}×{}", s.too_small_current, area.width, area.height),
        format!("{} {}×{}", s.too_small_required, MIN_SIZE.width, MIN_SIZE.height),
        s.too_small_hint.to_string(),
        s.too_small_keys.to_string(),
    ]
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = &app.theme;
    let text = message(app, area);
    let lines: Vec<Line> = text
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { Line::styled(l, t.bad) } else { Line::styled(l, t.base) }.centered())
        .collect();
    // Centre vertically when there is room; from the top otherwise.
    let w = usize::from(area.width);
    let needed: usize = lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum();
    let top = usize::from(area.height).saturating_sub(needed) / 2;
    let top = u16::try_from(top).unwrap_or(0);
    let [_, rest] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
}
