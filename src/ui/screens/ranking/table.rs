//! Drawing the ranking: balance and totals, column header, rows with the
//! separator rows between the sections, the selected row's detail, the
//! legend, and a hint when criterion columns had to be left out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::summary::{self, budget_line, decision_cell, heading};
use super::{Entry, entries};
use crate::domain::Dossier;
use crate::rules::{Ranked, Totals};
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::widgets::doc::{Align, fit, short_label, short_labels, width};

/// The municipality is shown only with at least this many cells; criterion
/// columns are dropped from the right before it gets narrower.
const MUNICIPALITY_MIN: usize = 9;
/// At most this wide: the rest of a wide screen stays empty on the right.
const MUNICIPALITY_MAX: usize = 30;
/// A criterion column: "2,57" under the first letters of the criterion id.
const CRITERION: usize = 5;
const MARKER: usize = 2;
const FLAGS: usize = 6;

/// Column widths for a line width; 0 means the column is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub rank: usize,
    pub id: usize,
    pub municipality: usize,
    /// How many criterion columns are shown, from the left.
    pub criteria: usize,
    pub total: usize,
    pub percent: usize,
    pub requested: usize,
    pub cumulative: usize,
    pub flags: usize,
    /// Only once a decision is recorded.
    pub decision: usize,
    all_criteria: usize,
}

impl Columns {
    pub fn new(app: &App, line: usize) -> Columns {
        let session = app.session();
        let lang = app.language();
        let r = app.strings().ranking;
        let longest_id = session.dossiers.iter().map(|d| width(&d.id)).max().unwrap_or(0);
        let largest = session.dossiers.iter().map(|d| d.funding.requested_eur).max().unwrap_or(0);
        let count = session.dossiers.len();
        let scale_max = format::decimal(session.definition.scale.max, 0, lang);
        let mut c = Columns {
            rank: (count.to_string().len() + 1).max(width(r.col_rank)),
            id: longest_id.clamp(7, if line >= 110 { 24 } else { 14 }),
            municipality: 0,
            criteria: 0,
            // Two decimals after the scale's integer part: "2,57".
            total: (width(&scale_max) + 3).max(5),
            percent: 7,
            requested: width(&format::money(largest, lang)).max(width(r.col_requested)),
            cumulative: width(&format::money(app.index.figures.requested_eur, lang))
                .max(width(r.col_cumulative)),
            flags: FLAGS,
            decision: if app.state().proceedings.decisions.is_empty() { 0 } else { 10 },
            all_criteria: session.definition.criteria.len(),
        };
        let decision = if c.decision > 0 { c.decision + 1 } else { 0 };
        let fixed = MARKER
            + c.rank
            + 1
            + c.id
            + 1
            + c.total
            + 1
            + c.percent
            + 1
            + c.requested
            + 1
            + c.cumulative
            + 1
            + c.flags
            + decision;
        let rest = line.saturating_sub(fixed);
        let needs = |k: usize| k * (CRITERION + 1);
        if rest > MUNICIPALITY_MIN {
            c.criteria =
                (0..=c.all_criteria).rev().find(|&k| rest > needs(k) + MUNICIPALITY_MIN).unwrap_or(0);
            c.municipality = (rest - needs(c.criteria) - 1).min(MUNICIPALITY_MAX);
        } else {
            c.criteria = (rest / (CRITERION + 1)).min(c.all_criteria);
        }
        c
    }

    /// Criterion columns left out for want of width.
    pub fn hidden(&self) -> usize {
        self.all_criteria - self.criteria
    }
}

/// A criterion's label in the screen language.
fn label<'a>(app: &App, c: &'a crate::domain::Criterion) -> &'a str {
    match (app.language(), &c.label_en) {
        (crate::domain::Language::En, Some(en)) => en,
        _ => &c.label,
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
    let total = usize::from(area.width);
    let cols = Columns::new(app, total);
    let hint_rows = u16::from(cols.hidden() > 0);
    let [balance, totals, header, list, detail, legend, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(hint_rows),
    ])
    .areas(area);
    let s = app.strings();
    let r = s.ranking;
    let t = &app.theme;
    let ranking = app.ranking();
    let line = |text: &str, style: Style| Paragraph::new(Line::styled(fit(text, total, Align::Left), style));
    frame.render_widget(line(&summary::balance_line(app, total), t.heading), balance);
    frame.render_widget(line(&summary::totals_line(app), t.base), totals);

    let criteria = &app.session().definition.criteria;
    let mut head: Vec<(String, usize)> = vec![
        (fit(r.col_rank, cols.rank, Align::Right), cols.rank),
        (fit(r.col_id, cols.id, Align::Left), cols.id),
        (fit(r.col_municipality, cols.municipality, Align::Left), cols.municipality),
    ];
    // Labels, shortened with a mark ("Sozi.", "ISEK"), never a cut id.
    let labels: Vec<&str> = criteria.iter().map(|c| label(app, c)).collect();
    for short in short_labels(&labels, CRITERION).iter().take(cols.criteria) {
        head.push((fit(short, CRITERION, Align::Right), CRITERION));
    }
    head.extend([
        (fit(r.col_total, cols.total, Align::Right), cols.total),
        (fit(r.col_percent, cols.percent, Align::Right), cols.percent),
        (fit(r.col_requested, cols.requested, Align::Right), cols.requested),
        (fit(r.col_cumulative, cols.cumulative, Align::Right), cols.cumulative),
        (fit(r.col_flags, cols.flags, Align::Left), cols.flags),
        (fit(r.col_decision, cols.decision, Align::Left), cols.decision),
    ]);
    let mut spans = vec![Span::raw(" ".repeat(MARKER))];
    for (text, _) in head.into_iter().filter(|(_, w)| *w > 0) {
        if spans.len() > 1 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(text, t.heading));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    let rows = entries(ranking);
    let selected = app.ranking_screen.selected_row(ranking, &rows);
    let places = app.session().definition.budget.waiting_list;
    let budget_style = t.heading.add_modifier(Modifier::BOLD);
    // One pass over each shown row's scores; only when criteria are shown.
    let totals = (cols.criteria > 0).then(|| crate::rules::Totals::new(app.state()));
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(app.ranking_screen.offset())
        .take(usize::from(list.height))
        .map(|(i, entry)| match *entry {
            Entry::Ranked(_) | Entry::Unscored(_) => {
                row(app, &cols, totals.as_ref(), *entry, Some(i) == selected)
            }
            Entry::BudgetLine => Line::styled(budget_line(ranking, r, app.language(), total), budget_style),
            Entry::TieAtLine => Line::styled(
                fit(&format!("  {}", r.tie_at_line), total, Align::Left),
                t.warn.add_modifier(Modifier::BOLD),
            ),
            Entry::Heading(section) => Line::styled(heading(ranking, r, section, places, total), t.label),
            Entry::Empty => Line::styled(fit(&format!("  {}", r.empty), total, Align::Left), t.muted),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);

    if let Some(entry) = selected.and_then(|i| rows.get(i)) {
        frame.render_widget(line(&summary::detail_line(app, *entry), t.base), detail);
    }
    frame.render_widget(line(r.legend, t.muted), legend);
    if cols.hidden() > 0 {
        let ids: Vec<String> =
            criteria.iter().skip(cols.criteria).map(|c| short_label(label(app, c), 16)).collect();
        let text =
            crate::ui::strings::counted(r.hidden_criteria, cols.hidden()).replace("{ids}", &ids.join(", "));
        frame.render_widget(line(&text, t.label), hint);
    }
}

/// The flags of a dossier: "⚠" when a formal check is not met, the rural
/// mark, and "⚑n" conflicts of interest (pre-declared and live).
fn flags(app: &App, d: &Dossier, eligible: bool) -> Vec<(String, Style)> {
    let t = &app.theme;
    let declared = app.session().definition.conflicts.iter().filter(|c| c.dossier == d.id).count();
    let live = app.state().proceedings.live_conflicts.keys().filter(|(_, x)| *x == d.id).count();
    let conflicts = match declared + live {
        0 => String::new(),
        n => format!("⚑{n}"),
    };
    vec![
        (if eligible { " " } else { "⚠" }.to_string(), t.bad),
        (" ".to_string(), t.base),
        (if d.rural { app.strings().ranking.rural_mark } else { " " }.to_string(), t.base),
        (" ".to_string(), t.base),
        (fit(&conflicts, FLAGS - 4, Align::Left), t.warn),
    ]
}

fn row(app: &App, cols: &Columns, totals: Option<&Totals>, entry: Entry, selected: bool) -> Line<'static> {
    let t = &app.theme;
    let lang = app.language();
    let r = app.strings().ranking;
    let ranking = app.ranking();
    let Some(id) = super::dossier_of(ranking, entry) else { return Line::default() };
    let Some(d) = app.index.position.get(id).and_then(|&i| app.session().dossiers.get(i)) else {
        return Line::default();
    };
    let ranked: Option<&Ranked> = match entry {
        Entry::Ranked(i) => ranking.ranked.get(i),
        _ => None,
    };
    let plain = |style: Style| if selected { Style::new() } else { style };
    let mut cells: Vec<(String, Style)> = Vec::new();
    let rank = match ranked {
        Some(x) if x.tied => format!("{}{}", r.tie_mark, x.rank),
        Some(x) => x.rank.to_string(),
        None => "–".to_string(),
    };
    cells.push((fit(&rank, cols.rank, Align::Right), t.label));
    cells.push((fit(&d.id, cols.id, Align::Left), t.base));
    if cols.municipality > 0 {
        cells.push((fit(&d.municipality, cols.municipality, Align::Left), t.base));
    }
    if cols.criteria > 0 {
        // Only the rows on screen are looked up, in the counting round.
        let aggregates = match (ranked, totals) {
            (Some(_), Some(totals)) => totals.aggregates(id, app.state().round(id)),
            _ => Vec::new(),
        };
        for j in 0..cols.criteria {
            let value = aggregates.get(j).copied().flatten();
            let text = value.map(|v| format::fixed(v, 2, lang)).unwrap_or_default();
            cells.push((fit(&text, CRITERION, Align::Right), t.base));
        }
    }
    let (total, percent, cumulative) = match ranked {
        Some(x) => (
            format::fixed(x.total.value, 2, lang),
            format::percent_fixed(x.total.percent, lang),
            format::money(x.cumulative_eur, lang),
        ),
        None => ("—".to_string(), String::new(), String::new()),
    };
    cells.push((fit(&total, cols.total, Align::Right), t.heading));
    cells.push((fit(&percent, cols.percent, Align::Right), t.base));
    cells.push((fit(&format::money(d.funding.requested_eur, lang), cols.requested, Align::Right), t.base));
    cells.push((fit(&cumulative, cols.cumulative, Align::Right), t.label));
    let eligible = match ranked {
        Some(x) => x.eligible,
        None => d.failed_checks(&app.session().definition.eligibility).next().is_none(),
    };
    let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
    for (i, (text, style)) in cells.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(text, plain(style)));
    }
    spans.push(Span::raw(" "));
    for (text, style) in flags(app, d, eligible) {
        spans.push(Span::styled(text, plain(style)));
    }
    if cols.decision > 0 {
        let decided = app.state().proceedings.decisions.get(id).map(|e| decision_cell(r, e.outcome));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            fit(&decided.unwrap_or_default(), cols.decision, Align::Left),
            plain(t.label),
        ));
    }
    let line = Line::from(spans);
    if selected { line.style(t.selected) } else { line }
}
