//! The dossier: everything in it, on nine tabs. Each tab is a document of
//! pre-wrapped lines, scrolled with j/k.

mod figures;
mod profile;
pub mod state;
pub use state::{DossierState, DossierTab};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Hint, max_scroll_for};
use crate::domain::Dossier;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::widgets::doc::{Align, Doc, fit, safe, width};
use crate::ui::widgets::{doc_width, render_scrolled};

pub fn handle(app: &App, state: &mut DossierState, action: Action) -> Vec<Effect> {
    let tabs = DossierTab::ALL.len();
    let page = usize::from(content_area(crate::ui::body_area(app.size)).height).max(1);
    let max = max_scroll_of(app, state);
    let scroll = state.scroll();
    match action {
        Action::NextTab => state.tab = (state.tab + 1) % tabs,
        Action::PrevTab => state.tab = (state.tab + tabs - 1) % tabs,
        Action::Tab(n) if (1..=tabs).contains(&usize::from(n)) => state.tab = usize::from(n) - 1,
        _ if let Some(to) = crate::ui::widgets::list_cursor::scroll(scroll, action, max, page) => {
            state.set_scroll(to)
        }
        Action::NextDossier | Action::PrevDossier => {
            let delta = if action == Action::NextDossier { 1 } else { -1 };
            let total = app.session.dossiers.len();
            let next = match state.current {
                Some(current) => app.agenda.neighbour(current, delta, total),
                None => app.agenda.selected_dossier(),
            };
            return next.map(Effect::SelectDossier).into_iter().collect();
        }
        _ => {}
    }
    Vec::new()
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    vec![
        Hint::pair(Action::NextTab, Action::PrevTab, s.hint_tabs),
        Hint::pair(Action::Down, Action::Up, s.hint_scroll),
        Hint::pair(Action::PrevDossier, Action::NextDossier, s.hint_dossier_step),
        Hint { actions: vec![], keys: Some("1–9"), label: s.hint_tab_direct },
        Hint::new(Action::CallItem, s.att.call_item),
        Hint::new(Action::CloseItem, s.att.close_item),
        Hint::new(Action::Back, s.actions.back),
        Hint::new(Action::ShowAgenda, s.actions.show_agenda),
    ]
}

/// Rows below the title and the tab bar, one column of margin on the left.
fn content_area(body: Rect) -> Rect {
    let [_, _, _, content] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    Rect { x: content.x + 1, width: content.width.saturating_sub(1), ..content }
}

fn current(app: &App) -> Option<&Dossier> {
    app.dossier.current.and_then(|i| app.session().dossiers.get(i))
}

pub fn max_scroll(app: &App) -> usize {
    max_scroll_of(app, &app.dossier)
}

/// The largest scroll position of `state`'s tab at the current size.
fn max_scroll_of(app: &App, state: &DossierState) -> usize {
    let area = content_area(crate::ui::body_area(app.size));
    match state.current.and_then(|i| app.session().dossiers.get(i)) {
        Some(d) => max_scroll_for(tab_lines(app, d, state.tab(), doc_width(area)).len(), area.height),
        None => 0,
    }
}

/// The lines of one tab for a width.
pub fn tab_lines(app: &App, d: &Dossier, tab: DossierTab, width: u16) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width, &app.theme);
    match tab {
        DossierTab::Profile => profile::profile(&mut doc, app, d),
        DossierTab::Indicators => figures::indicators(&mut doc, app, d),
        DossierTab::Deficits => profile::deficits(&mut doc, app, d),
        DossierTab::Concept => profile::concept(&mut doc, app, d),
        DossierTab::Participation => profile::participation(&mut doc, app, d),
        DossierTab::Measures => figures::measures(&mut doc, app, d),
        DossierTab::Funding => figures::funding(&mut doc, app, d),
        DossierTab::Checks => figures::checks(&mut doc, app, d),
        DossierTab::Notes => profile::notes(&mut doc, app, d),
    }
    doc.into_lines()
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let s = app.strings();
    let t = &app.theme;
    let [title, tabs, item, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    let Some(d) = current(app) else {
        let area = content_area(body);
        let text = fit(s.no_dossier, usize::from(area.width), Align::Left);
        frame.render_widget(Paragraph::new(Line::styled(text, t.warn)), area);
        return;
    };
    let title_area = Rect { x: title.x + 1, width: title.width.saturating_sub(2), ..title };
    frame.render_widget(Paragraph::new(title_line(app, d, title_area.width)), title_area);
    let tabs_area = Rect { x: tabs.x + 1, width: tabs.width.saturating_sub(2), ..tabs };
    frame.render_widget(Paragraph::new(tab_bar(app, tabs_area.width)), tabs_area);
    // The item's standing (called up, time, quorum) between tabs and content.
    let item_area = Rect { x: item.x + 1, width: item.width.saturating_sub(2), ..item };
    frame.render_widget(Paragraph::new(super::agenda::items::status_line(app, &d.id)), item_area);
    let area = content_area(body);
    render_scrolled(frame, area, tab_lines(app, d, app.dossier.tab(), doc_width(area)), app.dossier.scroll());
}

fn title_line(app: &App, d: &Dossier, total: u16) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let agenda = app.agenda();
    let position = match app.dossier.current.and_then(|c| agenda.visible().iter().position(|v| *v == c)) {
        Some(p) => format!("{} {} {} {}", s.screen_dossier, p + 1, s.of, agenda.visible().len()),
        None => String::new(),
    };
    let name = format!("{} · {} · {}", safe(&d.id), safe(&d.municipality), safe(&d.area.name));
    let room = usize::from(total).saturating_sub(width(&position) + 1);
    Line::from(vec![
        Span::styled(fit(&name, room, Align::Left), t.heading),
        Span::raw(" "),
        Span::styled(position, t.label),
    ])
}

/// "▸1 Überblick 2 Indikatoren …": full names when they fit; otherwise the
/// active one in full and the others abbreviated, or as bare numbers.
fn tab_bar(app: &App, total: u16) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let active = app.dossier.tab;
    // The active tab is marked by "▸" as well as by its style.
    #[derive(Clone, Copy)]
    enum Others {
        Full,
        Short,
        Numbers,
    }
    let label = |i: usize, others: Others| {
        let mark = if i == active { "▸" } else { "" };
        match others {
            _ if i == active => format!("{mark}{} {}", i + 1, s.tabs[i]),
            Others::Full => format!("{mark}{} {}", i + 1, s.tabs[i]),
            Others::Short => format!("{mark}{} {}", i + 1, s.tabs_short[i]),
            Others::Numbers => format!("{mark}{}", i + 1),
        }
    };
    let fits = |others: Others| {
        (0..9).map(|i| width(&label(i, others)) + 1).sum::<usize>() <= usize::from(total) + 1
    };
    let others = [Others::Full, Others::Short].into_iter().find(|o| fits(*o)).unwrap_or(Others::Numbers);
    let mut spans = Vec::with_capacity(18);
    for i in 0..9 {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let style = if i == active { t.tab_active } else { t.tab };
        spans.push(Span::styled(label(i, others), style));
    }
    Line::from(spans)
}

/// The tab (1-based) under a click at `column`, `row`, laid out as
/// [`tab_bar`] draws it.
pub fn tab_at(app: &App, body: Rect, column: u16, row: u16) -> Option<u8> {
    current(app)?;
    let tabs_row = body.y + 1;
    if row != tabs_row || column <= body.x {
        return None;
    }
    let tabs_area = Rect { x: body.x + 1, width: body.width.saturating_sub(2), y: tabs_row, height: 1 };
    let line = tab_bar(app, tabs_area.width);
    let mut x = usize::from(column - tabs_area.x);
    let mut tab = 0u8;
    for span in line.spans.iter() {
        let w = span.width();
        let is_label = span.content.trim() != "";
        if x < w {
            return is_label.then_some(tab + 1);
        }
        x -= w;
        if is_label {
            tab += 1;
        }
    }
    None
}
