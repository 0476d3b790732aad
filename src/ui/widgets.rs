//! Pieces shared by the screens: header, footer, help overlay, the
//! too-small notice, the indicator comparison and scrollable documents.

pub mod amend;
pub mod confirm;
pub mod decided;
pub mod doc;
pub mod footer;
pub mod header;
pub mod help;
pub mod indicator;
pub mod list_cursor;
pub mod note;
pub mod prompt;
pub mod prompt_box;
pub mod quorum;
pub mod text_field;
pub mod too_small;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// The width documents are laid out for in `area`: its last column is kept
/// for the scrollbar.
pub fn doc_width(area: Rect) -> u16 {
    area.width.saturating_sub(1)
}

/// Show `lines` from `scroll` on, with a scrollbar in the last column when
/// they do not fit.
pub fn render_scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: usize) {
    let total = lines.len();
    let height = usize::from(area.height);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(height).collect();
    let text_area = Rect { width: doc_width(area), ..area };
    frame.render_widget(Paragraph::new(visible), text_area);
    if total > height && area.width > 0 {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(scroll);
        let bar =
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(Some("▲")).end_symbol(Some("▼"));
        frame.render_stateful_widget(bar, area, &mut state);
    }
}
