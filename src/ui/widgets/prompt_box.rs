//! The box at the foot of the screen in which every text is typed: what is
//! asked, then the one text field, all of it in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::text_field::TextField;

/// A box at the foot of `body` in which text is typed: a title, lines that
/// say what is asked, the whole field wrapped with the cursor, and the
/// keys. Every prompt of the UI looks like this.
pub fn render_prompt(
    app: &crate::ui::App,
    frame: &mut Frame,
    body: Rect,
    title: &str,
    intro: &[String],
    field: &TextField,
) {
    use ratatui::widgets::{Block, Borders, Clear, Paragraph};
    let t = &app.theme;
    let width = body.width;
    let inner = usize::from(width.saturating_sub(4)).max(2);
    let mut intro_lines: Vec<Line<'static>> = Vec::new();
    for line in intro {
        intro_lines.extend(super::doc::wrap(line, inner).into_iter().map(|l| Line::styled(l, t.label)));
    }
    let field_rows = field.height(inner);
    let wanted = intro_lines.len() + field_rows + 2;
    let height = (wanted as u16).min(body.height);
    let area = Rect { x: body.x, y: body.y + body.height - height, width, height };
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(" {title} ")).style(t.base);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    let inside = Rect { x: inside.x + 1, width: inside.width.saturating_sub(1), ..inside };
    // The field keeps at least one row; what is asked gives way first.
    let intro_h = (intro_lines.len() as u16).min(inside.height.saturating_sub(1));
    let field_h = inside.height.saturating_sub(intro_h);
    let intro_area = Rect { height: intro_h, ..inside };
    let field_area = Rect { y: inside.y + intro_h, height: field_h, ..inside };
    frame.render_widget(Paragraph::new(intro_lines), intro_area);
    field.render(frame, field_area, t.search);
}
