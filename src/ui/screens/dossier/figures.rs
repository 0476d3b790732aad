//! The tabs of figures: Indikatoren, Maßnahmen, Finanzierung, Formale Prüfung.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::{Dossier, Language};
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::widgets::doc::{Align, Doc, fit};
use crate::ui::widgets::indicator::{CELL_WIDTH, compare};

/// A row of cells separated by one space; every cell is cleaned by `fit`.
fn row(cells: &[(&str, usize, Align, Style)]) -> Line<'static> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for (i, (text, w, align, style)) in cells.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(fit(text, *w, *align), *style));
    }
    Line::from(spans)
}

fn value(x: Option<f64>, lang: Language, dash: &str) -> String {
    x.map(|v| format::decimal(v, 2, lang)).unwrap_or_else(|| dash.to_string())
}

pub fn indicators(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let t = doc.theme();
    let lang = app.language();
    if d.indicators.is_empty() {
        doc.paragraph(s.no_indicators);
        return;
    }
    let (unit, num, year) = (8, 9, 4);
    let rest = doc.width().saturating_sub(unit + 3 * num + year + 6);
    let label = rest * 55 / 100;
    let source = rest - label;
    let (l, r) = (Align::Left, Align::Right);
    doc.line(row(&[
        (s.col_indicator, label, l, t.heading),
        (s.col_unit, unit, l, t.heading),
        (s.col_area_value, num, r, t.heading),
        (s.col_city, num, r, t.heading),
        (s.col_state, num, r, t.heading),
        (s.col_year, year, l, t.heading),
        (s.col_source, source, l, t.heading),
    ]));
    for i in &d.indicators {
        let year_text = i.year.map(|y| y.to_string()).unwrap_or_default();
        doc.line(row(&[
            (&i.label, label, l, t.base),
            (i.unit.as_deref().unwrap_or(""), unit, l, t.label),
            (&format::decimal(i.area, 2, lang), num, r, t.base),
            (&value(i.city, lang, s.not_given), num, r, t.base),
            (&value(i.state, lang, s.not_given), num, r, t.base),
            (&year_text, year, l, t.label),
            (i.source.as_deref().unwrap_or(""), source, l, t.label),
        ]));
    }
    doc.heading(s.ind_glance);
    let label = doc.width().saturating_sub(2 * CELL_WIDTH + 2);
    doc.line(row(&[
        (s.col_indicator, label, l, t.heading),
        (s.ind_vs_city, CELL_WIDTH, l, t.heading),
        (s.ind_vs_state, CELL_WIDTH, l, t.heading),
    ]));
    for i in &d.indicators {
        let cell = |reference: Option<f64>| match reference {
            Some(v) => compare(i.area, v, i.higher_is_worse, lang).span(s, t),
            None => Span::raw(fit(s.not_given, CELL_WIDTH, l)),
        };
        doc.line(Line::from(vec![
            Span::raw(fit(&i.label, label, l)),
            Span::raw(" "),
            cell(i.city),
            Span::raw(" "),
            cell(i.state),
        ]));
    }
    doc.blank();
    doc.paragraph(s.ind_legend);
}

pub fn measures(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let t = doc.theme();
    let lang = app.language();
    if d.measures.is_empty() {
        doc.paragraph(s.no_measures);
        return;
    }
    let category = if doc.width() >= 110 { 24 } else { 16 };
    let (cost, years) = (13, 9);
    let title = doc.width().saturating_sub(category + cost + years + 3);
    let (l, r) = (Align::Left, Align::Right);
    doc.line(row(&[
        (s.col_measure, title, l, t.heading),
        (s.col_category, category, l, t.heading),
        (s.col_cost, cost, r, t.heading),
        (s.col_years, years, l, t.heading),
    ]));
    let mut sum: u64 = 0;
    for m in &d.measures {
        sum = sum.saturating_add(m.cost_eur.unwrap_or(0));
        let cost_text = m.cost_eur.map(|c| format::money(c, lang)).unwrap_or_else(|| s.not_given.into());
        let years_text = match (m.start_year, m.end_year) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("{a}–"),
            (None, Some(b)) => format!("–{b}"),
            (None, None) => String::new(),
        };
        doc.line(row(&[
            (&m.title, title, l, t.base),
            (m.category.as_deref().unwrap_or(""), category, l, t.label),
            (&cost_text, cost, r, t.base),
            (&years_text, years, l, t.label),
        ]));
    }
    doc.line(row(&[
        (&format!("{} ({})", s.measures_sum, d.measures.len()), title, l, t.heading),
        ("", category, l, t.base),
        (&format::money(sum, lang), cost, r, t.heading),
    ]));
}

pub fn funding(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let lang = app.language();
    let f = &d.funding;
    doc.field(s.f_requested, &format::money(f.requested_eur, lang));
    let total = f.total_cost_eur.map(|c| format::money(c, lang));
    doc.field(s.f_total_cost, total.as_deref().unwrap_or(s.not_given));
    let share = f
        .total_cost_eur
        .filter(|c| *c > 0)
        .map(|c| format::percent(f.requested_eur as f64 * 100.0 / c as f64, lang));
    doc.field(s.f_requested_share, share.as_deref().unwrap_or(s.not_given));
    let municipal = f.municipal_share_percent.map(|p| format::percent(p, lang));
    doc.field(s.f_municipal_share, municipal.as_deref().unwrap_or(s.not_given));
    let recovery = match f.budget_recovery {
        Some(true) => s.yes,
        Some(false) => s.no,
        None => s.not_given,
    };
    doc.field(s.f_budget_recovery, recovery);
    let sum: u64 = d.measures.iter().filter_map(|m| m.cost_eur).fold(0, u64::saturating_add);
    let sum_text = if d.measures.is_empty() { s.not_given.to_string() } else { format::money(sum, lang) };
    doc.field(s.f_measures_sum, &sum_text);
}

pub fn checks(doc: &mut Doc, app: &App, d: &Dossier) {
    let s = app.strings();
    let t = doc.theme();
    let declared = &app.session().definition.eligibility;
    if declared.is_empty() && d.eligibility.is_empty() {
        doc.paragraph(s.no_checks);
        return;
    }
    let passed = declared.iter().filter(|c| d.eligibility.get(&c.id) == Some(&true)).count();
    let style = if passed == declared.len() { t.ok } else { t.bad };
    let mark = if passed == declared.len() { "✓" } else { "✗" };
    doc.line(Line::styled(
        format!("{mark} {passed} {} {} {}", s.of, declared.len(), s.checks_summary),
        style,
    ));
    doc.blank();
    let status_width = 2 + [s.check_passed, s.check_failed, s.check_missing]
        .iter()
        .map(|x| x.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = doc.width().saturating_sub(status_width + 1);
    for c in declared {
        let label = match app.language() {
            Language::En => c.label_en.as_deref().unwrap_or(&c.label),
            Language::De => &c.label,
        };
        let (status, style) = match d.eligibility.get(&c.id) {
            Some(true) => (format!("✓ {}", s.check_passed), t.ok),
            Some(false) => (format!("✗ {}", s.check_failed), t.bad),
            None => (format!("? {}", s.check_missing), t.warn),
        };
        doc.line(row(&[
            (&status, status_width, Align::Left, style),
            (label, label_width, Align::Left, t.base),
        ]));
    }
    for (id, ok) in d.eligibility.iter().filter(|(id, _)| !declared.iter().any(|c| &c.id == *id)) {
        let status = if *ok { format!("✓ {}", s.check_passed) } else { format!("✗ {}", s.check_failed) };
        let label = format!("{id} ({})", s.check_undeclared);
        doc.line(row(&[
            (&status, status_width, Align::Left, t.warn),
            (&label, label_width, Align::Left, t.base),
        ]));
    }
}
