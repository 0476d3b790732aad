//! The decided lists (*Beschlusslage*): the admission list with the money,
//! the waiting list by position, not admitted, deferred, and what is left
//! of the budget. A panel on the decision screen and, with `b`, an overlay
//! over any screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::doc::{Align, fit, safe, width, wrap};
use crate::domain::Language;
use crate::rules::DecidedList;
use crate::ui::app::App;
use crate::ui::format::money;

/// "Rest: 580.000 € von 11.500.000 €", or over budget in words; `true`
/// when over.
pub fn rest_line(list: &DecidedList, available: u64, app: &App) -> (String, bool) {
    let d = app.strings().decision;
    let lang = app.language();
    let available = money(available, lang);
    if list.remaining_eur < 0 {
        let over = money(list.remaining_eur.unsigned_abs(), lang);
        (d.over.replace("{over}", &over).replace("{available}", &available), true)
    } else {
        let rest = money(list.remaining_eur.unsigned_abs(), lang);
        (d.rest.replace("{rest}", &rest).replace("{available}", &available), false)
    }
}

/// The panel's lines for an inner width.
pub fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let d = s.decision;
    let t = &app.theme;
    let lang = app.language();
    let list = app.decided();
    let budget = &app.session().definition.budget;
    let mut out = Vec::new();
    let eur = money(list.admitted_eur, lang);
    let count = list.admitted.len().to_string();
    let summary = match budget.max_admissions {
        Some(max) => d.summary_max.replace("{max}", &max.to_string()),
        None => d.summary.to_string(),
    }
    .replace("{count}", &count)
    .replace("{eur}", &eur);
    out.push(Line::styled(fit(&format!("{} ({summary})", d.admitted), w, Align::Left), t.heading));
    if list.admitted.is_empty() {
        out.push(Line::styled(fit(&format!("  {}", d.none), w, Align::Left), t.muted));
    }
    for (i, id) in list.admitted.iter().enumerate() {
        out.push(entry(app, &format!("{:>2}", i + 1), id, w, lang));
    }
    let (rest, over) = rest_line(list, budget.available_eur, app);
    let style = if over { t.bad } else { t.ok };
    out.push(Line::styled(fit(&rest, w, Align::Left), style));
    out.push(Line::default());
    out.push(Line::styled(fit(d.waiting, w, Align::Left), t.heading));
    if list.waiting.is_empty() {
        out.push(Line::styled(fit(&format!("  {}", d.none), w, Align::Left), t.muted));
    }
    for (position, id) in &list.waiting {
        out.push(entry(app, &format!("{position:>2}"), id, w, lang));
    }
    for (title, ids) in [(d.not_admitted, &list.not_admitted), (d.deferred, &list.deferred)] {
        out.push(Line::default());
        out.push(Line::styled(fit(&format!("{title} ({})", ids.len()), w, Align::Left), t.heading));
        if ids.is_empty() {
            out.push(Line::styled(fit(&format!("  {}", d.none), w, Align::Left), t.muted));
            continue;
        }
        let joined: Vec<String> = ids.iter().map(|x| safe(x).into_owned()).collect();
        for part in wrap(&joined.join(", "), w.saturating_sub(2)) {
            out.push(Line::raw(fit(&format!("  {part}"), w, Align::Left)));
        }
    }
    out
}

/// "  1 KS-WESERTOR  Kassel   1.420.000 €", the municipality cut to fit.
fn entry(app: &App, place: &str, id: &str, w: usize, lang: Language) -> Line<'static> {
    let dossier = app.session().dossier(id);
    let eur = money(dossier.map_or(0, |x| x.funding.requested_eur), lang);
    let town = dossier.map(|x| safe(&x.municipality).into_owned()).unwrap_or_default();
    let id = safe(id).into_owned();
    let fixed = width(place) + 1 + width(&id) + 1 + width(&eur) + 1;
    let town_w = w.saturating_sub(fixed + 1);
    let text = if town_w >= 4 {
        format!("{place} {id} {} {eur}", fit(&town, town_w, Align::Left))
    } else {
        format!("{place} {id} {eur}")
    };
    Line::from(vec![Span::raw(fit(&text, w, Align::Left))])
}

/// Two lines for narrow screens: the counts with their words, and the rest.
pub fn summary(app: &App, w: usize) -> Vec<Line<'static>> {
    let d = app.strings().decision;
    let t = &app.theme;
    let list = app.decided();
    let words = &d.decided;
    let first = format!(
        "{} {} · {} {} · {} {} · {} {}",
        words[0],
        list.admitted.len(),
        words[1],
        list.waiting.len(),
        words[2],
        list.not_admitted.len(),
        words[3],
        list.deferred.len(),
    );
    let (rest, over) = rest_line(list, app.session().definition.budget.available_eur, app);
    let money_line = format!("{}: {rest}", d.panel_title);
    vec![
        Line::raw(fit(&first, w, Align::Left)),
        Line::styled(fit(&money_line, w, Align::Left), if over { t.bad } else { t.ok }),
    ]
}

/// `lines` cut to `height`, the last line saying how many were left out.
pub fn cut(mut lines: Vec<Line<'static>>, height: usize, app: &App) -> Vec<Line<'static>> {
    if lines.len() > height && height > 0 {
        let left_out = lines.len() - (height - 1);
        lines.truncate(height - 1);
        let more = crate::ui::strings::counted(app.strings().decision.more, left_out);
        lines.push(Line::styled(more, app.theme.muted));
    }
    lines
}

/// The overlay's lines for a body area and how many of them fit inside its
/// frame.
fn overlay_lines(app: &App, body: Rect) -> (Vec<Line<'static>>, u16, u16) {
    let width = body.width.saturating_sub(4).min(76);
    let inner = usize::from(width.saturating_sub(2));
    let all = lines(app, inner);
    let height = (all.len() as u16 + 2).min(body.height);
    (all, width, height)
}

/// How far the overlay can scroll at the current terminal size: the lists
/// can be longer than a small screen.
pub fn overlay_max_scroll(app: &App) -> usize {
    let (all, _, height) = overlay_lines(app, crate::ui::body_area(app.size));
    // One line of the frame's inside is kept for "n more lines".
    all.len().saturating_sub(usize::from(height.saturating_sub(2)))
}

/// The overlay over the current screen, scrolled by `j`/`k`, PgUp/PgDn.
pub fn render_overlay(app: &App, frame: &mut Frame, body: Rect) {
    let d = app.strings().decision;
    let (mut all, width, height) = overlay_lines(app, body);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(body);
    let [area] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, area);
    let max = all.len().saturating_sub(usize::from(height.saturating_sub(2)));
    all.drain(..app.decision().overlay_scroll().min(max));
    let shown = cut(all, usize::from(height.saturating_sub(2)), app);
    let block =
        Block::new().borders(Borders::ALL).title(format!(" {} ", d.panel_title)).style(app.theme.base);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
