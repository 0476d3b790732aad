//! A chair's note being typed: the one text box at the foot of the screen,
//! with the whole note wrapped and its cursor, and where it will stand.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::app::App;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let Some(field) = app.note_field() else { return };
    let s = app.strings();
    let title = match (app.in_review(), app.note_shared) {
        (false, _) => s.record.note_prompt,
        (true, false) => s.scoring.private_note_prompt,
        (true, true) => s.scoring.remark_prompt,
    };
    super::prompt_box::render_prompt(app, frame, body, title, &[], field);
}
