//! The help overlay (`?`): every key of the current screen and the global
//! ones, built from the same keymap and strings as the footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::doc::{Align, fit};
use super::{doc_width, render_scrolled};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::keymap::Scope;
use crate::ui::screens::{Screen, max_scroll_for};

/// Scroll the overlay or close it; `false` when the action is not the
/// overlay's (the app then closes it and carries the action out).
pub fn handle(app: &mut App, action: Action) -> bool {
    let Some(scroll) = app.help else { return false };
    let max = max_scroll(app);
    let page = usize::from(popup(app, crate::ui::body_area(app.size)).height.saturating_sub(2)).max(1);
    if action == Action::Back {
        app.help = None;
        return true;
    }
    match super::list_cursor::scroll(scroll, action, max, page) {
        Some(to) => {
            app.help = Some(to);
            true
        }
        None => false,
    }
}

type Entry = (String, &'static str);

fn entries(app: &App, scope: Scope, lookup_scope: Scope) -> Vec<Entry> {
    let s = app.strings();
    let mut out = Vec::new();
    let mut tabs_listed = false;
    for action in app.keymap.actions(scope) {
        // What only a member's review does, or only the chair's session,
        // is listed where it works.
        let review_only = action == Action::ShareRemark;
        let session_only = action == Action::ImportBallots;
        if (review_only && !app.in_review()) || (session_only && app.in_review()) {
            continue;
        }
        if let Action::Tab(_) = action {
            if !tabs_listed {
                out.push(("1–9".to_string(), s.help_tab_digits));
                tabs_listed = true;
            }
            continue;
        }
        let keys: Vec<String> = app
            .keymap
            .keys_for(scope, action)
            .into_iter()
            .filter(|k| app.keymap.lookup(lookup_scope, *k) == Some(action))
            .map(|k| k.label(s))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let label = match (scope, action) {
            (Scope::Search, Action::Back) => s.actions.clear_search,
            (Scope::Search | Scope::Note | Scope::VoteText, Action::Left) => s.actions.cursor_left,
            (Scope::Search | Scope::Note | Scope::VoteText, Action::Right) => s.actions.cursor_right,
            (Scope::Search | Scope::Note | Scope::VoteText, Action::Home) => s.actions.cursor_home,
            (Scope::Search | Scope::Note | Scope::VoteText, Action::End) => s.actions.cursor_end,
            (Scope::Search, Action::Open) => s.actions.confirm_search,
            (Scope::Scoring, Action::Open) => s.scoring.enter,
            (Scope::Decision, Action::Open) => s.decision.vote,
            _ => s.action(action),
        };
        out.push((keys.join("/"), label));
    }
    out
}

fn section(app: &App, title: &str, items: &[Entry], width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let key_width = 14.min(width / 3);
    let mut lines = vec![Line::styled(fit(title, width, Align::Left), t.heading)];
    for (keys, label) in items {
        lines.push(Line::from(vec![
            Span::styled(fit(keys, key_width, Align::Left), t.footer_key),
            Span::raw(" "),
            Span::raw(fit(label, width.saturating_sub(key_width + 1), Align::Left)),
        ]));
    }
    lines
}

/// The overlay's lines for an inner width: this screen's keys on the left,
/// the global ones on the right, or one after the other when narrow.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let s = app.strings();
    let screen = app.screen();
    let width = usize::from(width);
    let two_columns = width >= 72;
    let col = if two_columns { (width - 2) / 2 } else { width };
    let title = format!("{}: {}", s.help_screen_keys, screen.title(s));
    let mut own = entries(app, screen.scope(), screen.scope());
    if screen == Screen::Scoring {
        own.insert(0, ("0–9 , .".to_string(), s.scoring.hint_values));
    }
    let mut left = section(app, &title, &own, col);
    if screen == Screen::Agenda {
        left.push(Line::default());
        left.extend(section(app, s.help_search_typing, &entries(app, Scope::Search, Scope::Search), col));
    }
    let right = section(app, s.help_global_keys, &entries(app, Scope::Global, screen.scope()), col);
    if !two_columns {
        left.push(Line::default());
        left.extend(right);
        return left;
    }
    let rows = left.len().max(right.len());
    (0..rows)
        .map(|i| {
            let mut spans = pad_line(left.get(i), col);
            spans.push(Span::raw("  "));
            spans.extend(right.get(i).map(|l| l.spans.clone()).unwrap_or_default());
            Line::from(spans)
        })
        .collect()
}

fn pad_line(line: Option<&Line<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut spans = line.map(|l| l.spans.clone()).unwrap_or_default();
    let used: usize = spans.iter().map(|s| s.width()).sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans
}

/// The overlay's box inside the body: as tall as its content, at most the
/// body less a row above and below.
fn popup(app: &App, body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(104);
    let content = Rect { width: width.saturating_sub(3), ..body };
    let wanted = u16::try_from(lines(app, doc_width(content)).len()).unwrap_or(u16::MAX).saturating_add(2);
    let height = body.height.saturating_sub(2).min(wanted);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    area
}

pub fn max_scroll(app: &App) -> usize {
    let area = popup(app, crate::ui::body_area(app.size));
    let content = Rect { width: area.width.saturating_sub(3), ..area };
    max_scroll_for(lines(app, doc_width(content)).len(), area.height.saturating_sub(2))
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = popup(app, body);
    let s = app.strings();
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {} — {} ", s.screen_help, app.screen().title(s)))
        .style(app.theme.base);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let content = Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner };
    let lines = lines(app, doc_width(content));
    render_scrolled(frame, content, lines, app.help.unwrap_or(0));
}
