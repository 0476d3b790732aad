//! A chair's note being typed: the one text box at the foot of the screen,
//! with the whole note wrapped and its cursor, and where it will stand.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::app::App;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let Some(field) = app.note_field() else { return };
    let s = app.strings();
    super::prompt_box::render_prompt(app, frame, body, s.record.note_prompt, &[], field);
}
