//! Drawing the agenda: status line (search, count, sort), column header,
//! rows, legend.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::App;
use crate::ui::format;
use crate::ui::widgets::doc::{Align, fit, width};

/// Column widths for a line width. The area name takes what is left; below
/// 110 columns municipality and area share one column ("Kassel · Wesertor").
struct Columns {
    pos: usize,
    id: usize,
    /// 0 when merged into `area`.
    municipality: usize,
    area: usize,
    region: usize,
    space: usize,
    requested: usize,
    checks: usize,
    conflicts: usize,
    /// Time spent on the item; 0 below 110 columns.
    time: usize,
}

impl Columns {
    const MARKER: usize = 2;

    /// `longest_id` is the widest dossier id: ids are what the committee calls
    /// items by, so they are cut only when they would crowd out everything else.
    fn new(total: usize, dossiers: usize, longest_id: usize) -> Columns {
        let wide = total >= 110;
        let mut c = Columns {
            // Room for the marks before the place: "▶▶" current, "↷" deferred.
            pos: dossiers.to_string().len().max(3) + 2,
            id: longest_id.clamp(7, if wide { 24 } else { 14 }),
            municipality: if wide { 18 } else { 0 },
            area: 0,
            region: if wide { 14 } else { 9 },
            space: 6,
            requested: 12,
            checks: 5,
            conflicts: 4,
            time: if wide { 9 } else { 0 },
        };
        let gaps = if wide { 9 } else { 7 };
        let fixed = Self::MARKER
            + gaps
            + c.pos
            + c.id
            + c.municipality
            + c.region
            + c.space
            + c.requested
            + c.checks
            + c.conflicts
            + c.time;
        c.area = total.saturating_sub(fixed);
        c
    }

    fn merged(&self) -> bool {
        self.municipality == 0
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
    let [status, header, list, current, item, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let s = app.strings();
    let t = &app.theme;
    let agenda = app.agenda();
    let total = usize::from(area.width);
    let longest_id = app.session().dossiers.iter().map(|d| width(&d.id)).max().unwrap_or(0);
    let cols = Columns::new(total, app.session().dossiers.len(), longest_id);

    frame.render_widget(Paragraph::new(status_line(app, total)), status);
    let mut head = vec![
        (s.col_pos, cols.pos, Align::Right),
        (s.col_id, cols.id, Align::Left),
        (s.col_municipality, cols.municipality, Align::Left),
        (if cols.merged() { s.col_municipality_area } else { s.col_area }, cols.area, Align::Left),
        (s.col_region, cols.region, Align::Left),
        (s.col_space, cols.space, Align::Left),
        (s.col_requested, cols.requested, Align::Right),
        (s.col_checks, cols.checks, Align::Left),
        (s.col_conflicts, cols.conflicts, Align::Left),
        (if app.in_review() { s.scoring.col_scored } else { s.att.col_time }, cols.time, Align::Right),
    ];
    head.retain(|(_, w, _)| *w > 0);
    let mut spans = vec![Span::raw("  ")];
    for (i, (text, w, align)) in head.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(fit(text, *w, *align), t.heading));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    if agenda.visible().is_empty() {
        let text = if app.session().dossiers.is_empty() {
            s.no_dossiers.to_string()
        } else {
            s.no_match.replace("{}", agenda.query())
        };
        frame.render_widget(Paragraph::new(Line::styled(fit(&text, total, Align::Left), t.warn)), list);
    } else {
        let rows: Vec<Line> = agenda
            .visible()
            .iter()
            .enumerate()
            .skip(agenda.offset())
            .take(usize::from(list.height))
            .map(|(pos, dossier)| row(app, &cols, *dossier, pos == agenda.selected()))
            .collect();
        frame.render_widget(Paragraph::new(rows), list);
    }
    let now_next = super::items::current_and_next(app);
    frame.render_widget(Paragraph::new(Line::styled(fit(&now_next, total, Align::Left), t.heading)), current);
    if let Some(d) = agenda.selected_dossier().and_then(|i| app.session().dossiers.get(i)) {
        let mut line = super::items::status_line(app, &d.id);
        // The id when there is room for it and the quorum finding.
        let id = format!("{}: ", crate::text::clean_line(&d.id));
        if width(&id) + line.spans.first().map_or(0, |sp| sp.width()) <= total {
            line.spans.insert(0, Span::styled(id, t.label));
        }
        frame.render_widget(Paragraph::new(line), item);
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(
                &format!("{} · {} · {}", s.att.called_legend, s.agenda_legend, s.record.deferred_legend),
                total,
                Align::Left,
            ),
            t.muted,
        )),
        legend,
    );
    if app.agenda().editing() {
        // The search is typed in the one text box, like every text, over
        // the three lines below the list; the list narrows as it is typed.
        let s = app.strings();
        let field = app.agenda().query_field();
        crate::ui::widgets::prompt_box::render_prompt(app, frame, body, s.search_prompt, &[], field);
    }
}

fn status_line(app: &App, total: usize) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let agenda = app.agenda();
    let count =
        format!("{} {} {} {}", agenda.visible().len(), s.of, app.session().dossiers.len(), s.dossiers_word);
    let sort = format!("{}: {}", s.sort_label, s.sort_keys[agenda.sort().index()]);
    let mut spans = Vec::new();
    if agenda.editing() || !agenda.query().is_empty() {
        spans.push(Span::styled(format!("{}: ", s.search_prompt), t.search));
        let query = fit(agenda.query(), (total / 3).max(8), Align::Left);
        spans.push(Span::styled(query, t.search));
        if agenda.query().is_empty() {
            spans.push(Span::styled(format!(" ({})", s.search_hint), t.muted));
        }
        spans.push(Span::raw("  "));
    }
    spans.push(Span::raw(count));
    let used: usize = spans.iter().map(|sp| sp.width()).sum();
    let pad = total.saturating_sub(used + width(&sort));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(sort, t.label));
    Line::from(spans)
}

/// The agenda place, with the current ("▶▶") or deferred mark before it.
fn position(app: &App, dossier: usize, d: &crate::domain::Dossier) -> String {
    let place = app.agenda().rank(dossier) + 1;
    if super::items::current(app) == Some(d.id.as_str()) {
        format!("▶▶{place}")
    } else if app.state().proceedings.agenda.deferred.contains(&d.id) {
        format!("{}{place}", app.strings().record.deferred_mark)
    } else {
        place.to_string()
    }
}

/// Conflicts on a dossier: pre-declared and declared live.
fn conflict_count(app: &App, pre_declared: usize, dossier: &str) -> usize {
    let live = app.state().proceedings.live_conflicts.keys().filter(|(_, d)| d == dossier).count();
    pre_declared + live
}

fn row(app: &App, cols: &Columns, dossier: usize, selected: bool) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let lang = app.language();
    let (Some(d), Some(facts)) = (app.session().dossiers.get(dossier), app.index.dossiers.get(dossier))
    else {
        return Line::default();
    };
    let plain = |style: Style| if selected { Style::new() } else { style };
    let (checks, checks_style) = if facts.open_checks == 0 {
        ("✓".to_string(), t.ok)
    } else {
        (format!("✗{}", facts.open_checks), t.bad)
    };
    let conflicts = match conflict_count(app, facts.conflicts, &d.id) {
        0 => String::new(),
        n => format!("⚑{n}"),
    };
    let time = match app.state().proceedings.review.as_ref() {
        // In a member's review: how far the member's own scores are.
        Some(review) if cols.time > 0 => review_status(app, review, &d.id),
        _ if cols.time > 0 => super::items::spent(app, &d.id).unwrap_or_default(),
        _ => String::new(),
    };
    let area =
        if cols.merged() { format!("{} · {}", d.municipality, d.area.name) } else { d.area.name.clone() };
    let mut cells: Vec<(String, usize, Align, Style)> = vec![
        (position(app, dossier, d), cols.pos, Align::Right, t.label),
        (d.id.clone(), cols.id, Align::Left, t.base),
        (d.municipality.clone(), cols.municipality, Align::Left, t.base),
        (area, cols.area, Align::Left, t.base),
        (d.region.clone().unwrap_or_default(), cols.region, Align::Left, t.base),
        (if d.rural { s.rural_short } else { s.urban_short }.to_string(), cols.space, Align::Left, t.base),
        (format::money(d.funding.requested_eur, lang), cols.requested, Align::Right, t.base),
        (checks, cols.checks, Align::Left, checks_style),
        (conflicts, cols.conflicts, Align::Left, t.warn),
        (time, cols.time, Align::Right, t.label),
    ];
    cells.retain(|(_, w, _, _)| *w > 0);
    let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
    for (i, (text, w, align, style)) in cells.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(fit(&text, w, align), plain(style)));
    }
    let line = Line::from(spans);
    if selected { line.style(t.selected) } else { line }
}

/// A dossier in a member's review: `✓ n/n` scored in full, `k/n` begun,
/// `·` not yet, `⚑` the member's conflict (no score).
fn review_status(app: &App, review: &crate::domain::Review, dossier: &str) -> String {
    if app.state().is_conflicted(&review.member, dossier) {
        return "⚑".to_string();
    }
    let criteria = &app.session().definition.criteria;
    let given =
        criteria.iter().filter(|c| review.scores.contains_key(&(dossier.to_string(), c.id.clone()))).count();
    match given {
        0 => "·".to_string(),
        n if n == criteria.len() => format!("✓ {n}/{n}"),
        n => format!("{n}/{}", criteria.len()),
    }
}
