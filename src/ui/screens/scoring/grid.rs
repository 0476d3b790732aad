//! Drawing the score sheet: what it is about, the round, the grid of
//! members × criteria, and (after reveal) aggregates, spread, flags and the
//! weighted total; below it the focused criterion in full. Pure.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::sheet::{Sheet, Standing};
use super::{Source, target};
use crate::domain::{Aggregate, Language};
use crate::rules::{RoundResult, round_result};
use crate::ui::app::App;
use crate::ui::format::{decimal, percent};
use crate::ui::widgets::doc::{Align, fit, safe, short_label, short_labels, width, wrap};

/// Column widths of the grid for a body `width` and `n` criteria.
struct Columns {
    name: usize,
    cell: usize,
    status: usize,
}

impl Columns {
    fn new(width: usize, n: usize) -> Columns {
        let status = 8;
        let name = (width * 3 / 10).clamp(14, 30);
        let cell = (width.saturating_sub(name + status + 1) / n.max(1)).clamp(3, 12);
        Columns { name, cell, status }
    }
}

/// `s` centred in a cell of `w` columns, keeping one column free on the
/// left so that neighbouring cells never run together.
fn center(s: &str, w: usize) -> String {
    let w = w.saturating_sub(1);
    let s = fit(s, w, Align::Left);
    let used = width(s.trim_end());
    let left = w.saturating_sub(used) / 2;
    let text = s.trim_end();
    format!(" {}{}{}", " ".repeat(left), text, " ".repeat(w.saturating_sub(left + used)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let t = &app.theme;
    let Some((index, source)) = target(app) else {
        frame
            .render_widget(Paragraph::new(Line::styled(format!(" {}", s.scoring.no_dossier), t.muted)), area);
        return;
    };
    let Some(dossier) = app.session.dossiers.get(index) else { return };
    let state = app.state();
    let sheet = Sheet::new(state, &dossier.id);
    let w = usize::from(area.width).saturating_sub(2);
    let top = top_lines(app, dossier, &sheet, source, w);
    let lang = app.language();
    let result = (!sheet.blind).then(|| round_result(state, &dossier.id, sheet.round));
    let (cursor_row, cursor_col) = app.scoring.cursor(index, &sheet);
    let bottom = bottom_lines(app, &sheet, result.as_ref(), w);
    let cols = Columns::new(w, sheet.columns());
    let (offset, room) = window(area, &sheet, top.len(), result.is_some(), bottom.len(), cursor_row);
    let mut lines = top;
    lines.push(Line::default());
    lines.extend(header(app, &cols));
    for (i, row) in sheet.rows.iter().enumerate().skip(offset).take(room) {
        let cursor = (i == cursor_row).then_some(cursor_col);
        lines.push(member_line(app, &sheet, row, &cols, cursor));
    }
    if sheet.rows.is_empty() {
        lines.push(Line::styled(format!(" {}", s.scoring.nobody), t.warn));
    }
    if let Some(result) = &result {
        lines.extend(result_lines(app, result, &cols, lang));
    }
    lines.extend(bottom);
    lines.push(Line::default());
    lines.extend(focus_lines(app, cursor_col, w, usize::from(area.height).saturating_sub(lines.len())));
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The dossier's title, the round's status, a quorum warning and the
/// earlier rounds: the lines above the grid.
fn top_lines(
    app: &App,
    dossier: &crate::domain::Dossier,
    sheet: &Sheet,
    source: Source,
    w: usize,
) -> Vec<Line<'static>> {
    let s = app.strings();
    let t = &app.theme;
    let mut top: Vec<Line> = Vec::new();
    let from = match source {
        Source::CurrentItem => s.scoring.from_current,
        Source::Selected => s.scoring.from_selected,
    };
    let title = format!("{} · {} – {}", dossier.id, dossier.municipality, dossier.area.name);
    let right = format!(" ({from})");
    top.push(Line::from(vec![
        Span::styled(fit(&title, w.saturating_sub(width(&right)), Align::Left), t.heading),
        Span::styled(right, t.muted),
    ]));
    top.push(status_line(app, sheet, w));
    if !sheet.quorum.reached() {
        let text = if sheet.quorum.duly_invited {
            s.scoring
                .not_quorate
                .replace("{present}", &sheet.quorum.present.to_string())
                .replace("{required}", &sheet.quorum.required.to_string())
        } else {
            s.scoring.not_invited.to_string()
        };
        top.extend(wrap(&text, w).into_iter().take(2).map(|l| Line::styled(l, t.warn)));
    }
    if sheet.round > 1 {
        top.push(earlier_rounds(app, &dossier.id, sheet.round, w));
    }
    top
}

/// The member rows shown: the first one and how many fit, the cursor's
/// row always among them.
fn window(
    area: Rect,
    sheet: &Sheet,
    top: usize,
    result: bool,
    bottom: usize,
    cursor_row: usize,
) -> (usize, usize) {
    let fixed = top + 1 + 2 + if result { 2 } else { 0 } + bottom + 3;
    let room = usize::from(area.height).saturating_sub(fixed).max(1);
    let offset = cursor_row.saturating_sub(room.saturating_sub(1)).min(sheet.rows.len().saturating_sub(room));
    (offset, room)
}

/// The cell (member row, criterion) under a click at `column`, `row`, as
/// [`render`] lays the grid out in `area`.
pub fn cell_at(app: &App, area: Rect, column: u16, row: u16) -> Option<(usize, usize)> {
    let (index, source) = target(app)?;
    let dossier = app.session.dossiers.get(index)?;
    let state = app.state();
    let sheet = Sheet::new(state, &dossier.id);
    let w = usize::from(area.width).saturating_sub(2);
    let top = top_lines(app, dossier, &sheet, source, w).len();
    let result = (!sheet.blind).then(|| round_result(state, &dossier.id, sheet.round));
    let bottom = bottom_lines(app, &sheet, result.as_ref(), w).len();
    let (cursor_row, _) = app.scoring.cursor(index, &sheet);
    let (offset, room) = window(area, &sheet, top, result.is_some(), bottom, cursor_row);
    let line = usize::from(row.checked_sub(area.y)?).checked_sub(top + 3)?;
    if line >= room || offset + line >= sheet.rows.len() {
        return None;
    }
    let cols = Columns::new(w, sheet.columns());
    let x = usize::from(column.checked_sub(area.x + 1)?).checked_sub(cols.name)?;
    let c = x / cols.cell.max(1);
    (c < sheet.columns()).then_some((offset + line, c))
}

fn status_line(app: &App, sheet: &Sheet, w: usize) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let sc = s.scoring;
    let mode = match sheet.reveal {
        Some(r) if r.early => sc.revealed_early,
        Some(_) => sc.revealed,
        None if sheet.blind => sc.blind,
        None => sc.open,
    };
    let counter = sc
        .counter
        .replace("{done}", &sheet.entered.to_string())
        .replace("{total}", &sheet.expected.to_string());
    let left = format!("{} {} · {mode} · {counter}", sc.round, sheet.round);
    let right = crate::ui::describe::allowed(app.session.definition.scale, s);
    let gap = w.saturating_sub(width(&left) + width(&right));
    let style = if sheet.blind { t.label } else { t.ok };
    let mut spans = vec![Span::styled(left, style)];
    if gap >= 2 {
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(right, t.muted));
    }
    Line::from(spans)
}

fn total_text(result: &RoundResult, lang: Language, max: f64) -> Option<String> {
    result.total.map(|total| {
        format!("{} / {} ({})", fixed(total.value, lang), decimal(max, 2, lang), percent(total.percent, lang))
    })
}

/// Two places always, so that a column of aggregates lines up: "2,00".
fn fixed(x: f64, lang: Language) -> String {
    crate::format::fixed(x, 2, lang)
}

fn earlier_rounds(app: &App, dossier: &str, round: u32, w: usize) -> Line<'static> {
    let s = app.strings();
    let lang = app.language();
    let max = app.session.definition.scale.max;
    let parts: Vec<String> = (1..round)
        .map(|r| {
            let result = round_result(app.state(), dossier, r);
            let total = total_text(&result, lang, max).unwrap_or_else(|| s.scoring.incomplete.to_string());
            format!("{} {r}: {total}", s.scoring.round)
        })
        .collect();
    let text = format!("{}: {}", s.scoring.earlier_rounds, parts.join(" · "));
    Line::styled(fit(&text, w, Align::Left), app.theme.muted)
}

fn header(app: &App, cols: &Columns) -> Vec<Line<'static>> {
    let s = app.strings();
    let t = &app.theme;
    let def = &app.session.definition;
    let mut ids = vec![Span::styled(fit(s.scoring.col_member, cols.name, Align::Left), t.label)];
    let mut weights = vec![Span::styled(fit(s.scoring.col_weight, cols.name, Align::Left), t.label)];
    // Labels, shortened sensibly; the focused one stands in full below.
    let labels: Vec<&str> = def.criteria.iter().map(|c| criterion_label(app, c)).collect();
    let shorts = short_labels(&labels, cols.cell.saturating_sub(1));
    for (c, label) in def.criteria.iter().zip(&shorts) {
        ids.push(Span::styled(center(label, cols.cell), t.heading));
        weights.push(Span::styled(center(&decimal(c.weight, 2, app.language()), cols.cell), t.label));
    }
    ids.push(Span::styled(fit(s.scoring.col_row, cols.status, Align::Right), t.label));
    vec![Line::from(ids), Line::from(weights)]
}

fn member_line(
    app: &App,
    sheet: &Sheet,
    row: &super::sheet::SheetRow,
    cols: &Columns,
    cursor: Option<usize>,
) -> Line<'static> {
    let s = app.strings();
    let t = &app.theme;
    let name_style = if cursor.is_some() {
        t.heading
    } else if row.scores() {
        Style::new()
    } else {
        t.muted
    };
    let marker = if cursor.is_some() { "▸" } else { " " };
    let mut spans = vec![Span::styled(
        format!("{marker}{}", fit(&row.member.name, cols.name - 1, Align::Left)),
        name_style,
    )];
    let shown_cells =
        row.scores() || row.cells.iter().any(Option::is_some) && row.standing == Standing::Absent;
    if !shown_cells {
        let text = match row.standing {
            Standing::Conflicted => s.scoring.conflicted,
            Standing::Unrecorded => s.att.unrecorded,
            _ => s.scoring.absent,
        };
        let span = cols.cell * row.cells.len();
        let style = if cursor.is_some() { t.selected } else { t.muted };
        spans.push(Span::styled(fit(&format!(" {text}"), span, Align::Left), style));
        return Line::from(spans);
    }
    let decimals = super::entry::decimals(app.session.definition.scale.step);
    for (c, cell) in row.cells.iter().enumerate() {
        let here = cursor == Some(c);
        let typed = app.scoring.typed();
        // A score from the member's ballot carries a star.
        let star = if row.from_ballot.get(c).copied().unwrap_or(false) { "*" } else { "" };
        let text = match cell {
            _ if here && !typed.is_empty() && sheet.blind => {
                format!("{}▏", "•".repeat(typed.chars().count()))
            }
            _ if here && !typed.is_empty() => format!("{typed}▏"),
            Some(_) if sheet.blind => format!("✓{star}"),
            Some(v) => format!("{}{star}", decimal(*v, decimals, app.language())),
            None => "·".to_string(),
        };
        let style = match cell {
            _ if here => t.selected,
            Some(_) if sheet.blind => t.ok,
            Some(_) => Style::new(),
            None => t.muted,
        };
        spans.push(Span::styled(center(&text, cols.cell), style));
    }
    let done = row.cells.iter().filter(|c| c.is_some()).count();
    let status = if row.standing == Standing::Unrecorded {
        s.att.unrecorded.to_string()
    } else if !row.scores() {
        s.scoring.absent.to_string()
    } else if done == row.cells.len() {
        format!("✓ {done}/{}", row.cells.len())
    } else {
        format!("{done}/{}", row.cells.len())
    };
    spans.push(Span::styled(fit(&status, cols.status, Align::Right), t.label));
    Line::from(spans)
}

fn result_lines(app: &App, result: &RoundResult, cols: &Columns, lang: Language) -> Vec<Line<'static>> {
    let s = app.strings();
    let t = &app.theme;
    let label = match app.session.definition.rules.aggregate {
        Aggregate::Mean => s.scoring.mean,
        Aggregate::Median => s.scoring.median,
    };
    let mut agg = vec![Span::styled(fit(&format!(" {label}"), cols.name, Align::Left), t.heading)];
    let mut spread =
        vec![Span::styled(fit(&format!(" {}", s.scoring.spread), cols.name, Align::Left), t.label)];
    for c in &result.criteria {
        let value = c.aggregate.map_or_else(|| "—".to_string(), |a| fixed(a, lang));
        agg.push(Span::styled(center(&value, cols.cell), t.heading));
        let (text, style) = if c.disagreement {
            (format!("⚑ {}", decimal(c.spread, 2, lang)), t.warn)
        } else {
            (decimal(c.spread, 2, lang), t.label)
        };
        spread.push(Span::styled(center(&text, cols.cell), style));
    }
    vec![Line::from(agg), Line::from(spread)]
}

fn bottom_lines(app: &App, sheet: &Sheet, result: Option<&RoundResult>, w: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let t = &app.theme;
    let def = &app.session.definition;
    let ballot_legend =
        sheet.any_from_ballot().then(|| Line::styled(fit(s.scoring.legend_ballot, w, Align::Left), t.muted));
    let Some(result) = result else {
        let mut lines = vec![Line::styled(fit(s.scoring.legend_blind, w, Align::Left), t.muted)];
        lines.extend(ballot_legend);
        return lines;
    };
    let lang = app.language();
    let total = total_text(result, lang, def.scale.max).unwrap_or_else(|| "—".to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}: ", s.scoring.total), t.heading),
        Span::styled(total, t.heading),
    ])];
    let threshold = decimal(def.rules.disagreement_spread, 2, lang);
    if result.any_disagreement() {
        let ids: Vec<String> = result
            .criteria
            .iter()
            .filter(|c| c.disagreement)
            .map(|c| match def.criteria.iter().find(|d| d.id == c.criterion) {
                Some(d) => short_label(criterion_label(app, d), 16),
                None => safe(&c.criterion).into_owned(),
            })
            .collect();
        let text =
            format!("{}: {}", s.scoring.disagreement.replace("{threshold}", &threshold), ids.join(", "));
        lines.push(Line::styled(fit(&text, w, Align::Left), t.warn));
    } else if sheet.revealed() || !sheet.blind {
        lines.push(Line::styled(fit(s.scoring.no_disagreement, w, Align::Left), t.muted));
    }
    lines.extend(ballot_legend);
    lines
}

/// A criterion's label in the screen language.
fn criterion_label<'a>(app: &App, c: &'a crate::domain::Criterion) -> &'a str {
    match (app.language(), &c.label_en) {
        (Language::En, Some(en)) => en.as_str(),
        _ => c.label.as_str(),
    }
}

/// The focused criterion in full: label, weight, guidance.
fn focus_lines(app: &App, col: usize, w: usize, room: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(c) = app.session.definition.criteria.get(col) else { return Vec::new() };
    let label = match (app.language(), &c.label_en) {
        (Language::En, Some(en)) => en.as_str(),
        _ => c.label.as_str(),
    };
    let weight = decimal(c.weight, 2, app.language());
    let head = format!("▸ {} ({}, {} {weight})", safe(label), safe(&c.id), app.strings().scoring.weight);
    let mut lines = vec![Line::styled(fit(&head, w, Align::Left), t.heading)];
    if let Some(guidance) = &c.guidance {
        lines.extend(
            wrap(guidance, w.saturating_sub(2)).into_iter().map(|l| Line::styled(format!("  {l}"), t.label)),
        );
    }
    lines.truncate(room.max(1));
    lines
}
