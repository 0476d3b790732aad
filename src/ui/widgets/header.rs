//! The top row: the screen's name, the session title, the quorum (always
//! in view, in words) and the language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::doc::{Align, fit, width};
use crate::ui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let t = &app.theme;
    let screen = format!(" {} ", app.screen().title(s));
    let right = format!(" {} ", s.lang_code);
    // The quorum wins over the title when space is short.
    let (quorum, reached) = match app.state().proceedings.review.as_ref() {
        // A member's review has no quorum: whose review, and how far.
        Some(review) => {
            let (done, of) = crate::ui::screens::scoring::review::progress(app, review);
            let who = crate::ui::describe::member_name(app.session(), &review.member);
            let text = s
                .scoring
                .review_header
                .replace("{member}", &who)
                .replace("{done}", &done.to_string())
                .replace("{of}", &of.to_string());
            (text, true)
        }
        None => super::quorum::session(app),
    };
    // Not quorate stands out against the header row (and says so in words).
    let quorum_style =
        if reached { t.header } else { t.header.add_modifier(Modifier::BOLD | Modifier::REVERSED) };
    let quorum = format!(" {quorum} ");
    let used = width(&screen) + width(&right) + width(&quorum) + 1;
    let title_width = usize::from(area.width).saturating_sub(used);
    let title = fit(&app.session().definition.title, title_width, Align::Left);
    let line = Line::from(vec![
        Span::styled(screen, t.header_screen),
        Span::styled(" ", t.header),
        Span::styled(title, t.header),
        Span::styled(quorum, quorum_style),
        Span::styled(right, t.header),
    ]);
    frame.render_widget(Paragraph::new(line).style(t.header), area);
}
