//! Übersicht: the session at a glance and what to do next. Later issues add
//! quorum and progress here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Hint, max_scroll_for};
use crate::domain::Language;
use crate::rules::DecidedList;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::widgets::doc::{Align, Doc, fit, safe};
use crate::ui::widgets::{doc_width, render_scrolled};

/// Scrolling is all the overview does; its scroll position is its state.
pub fn handle(app: &App, scroll: &mut usize, action: Action) {
    let page = usize::from(content_area(crate::ui::body_area(app.size)).height).max(1);
    let max = max_scroll(app);
    if let Some(to) = crate::ui::widgets::list_cursor::scroll(*scroll, action, max, page) {
        *scroll = to;
    }
}

pub fn hints(app: &App) -> Vec<Hint> {
    let s = app.strings();
    vec![
        Hint::new(Action::ShowAgenda, s.actions.show_agenda),
        Hint::new(Action::ShowDossier, s.actions.show_dossier),
        Hint::new(Action::Search, s.actions.search),
        Hint::pair(Action::Down, Action::Up, s.hint_scroll),
    ]
}

fn content_area(body: Rect) -> Rect {
    Rect { x: body.x + 1, width: body.width.saturating_sub(1), ..body }
}

pub fn max_scroll(app: &App) -> usize {
    let area = content_area(crate::ui::body_area(app.size));
    max_scroll_for(lines(app, doc_width(area)).len(), area.height)
}

/// The overview as lines for a width.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let s = app.strings();
    let t = &app.theme;
    let lang = app.language();
    let def = &app.session().definition;
    let fig = &app.index.figures;
    let opt = |v: Option<&str>| v.map(|x| safe(x).into_owned()).unwrap_or_else(|| s.not_given.to_string());
    let mut doc = Doc::new(width, t);
    for line in crate::ui::widgets::doc::wrap(&safe(&def.title), doc.width()) {
        doc.line(Line::styled(line, t.heading));
    }
    let agenda_keys: Vec<String> = app
        .keymap
        .effective_keys(crate::ui::keymap::Scope::Overview, Action::ShowAgenda)
        .iter()
        .take(2)
        .map(|k| k.label(s))
        .collect();
    // Problems found on opening come before everything else.
    for w in app.warnings() {
        doc.blank();
        for line in crate::ui::widgets::doc::wrap(&format!("⚠ {}", safe(w)), doc.width()) {
            doc.line(Line::styled(line, t.warn));
        }
    }
    // What to do next comes first: on a projector at 80×24 it must not be
    // below the fold.
    doc.blank();
    let (step, keys) = next_step(app, app.decided(), agenda_keys);
    doc.line(Line::from(vec![
        Span::styled(format!("{}: ", s.ov_next), t.heading),
        Span::raw(step),
        Span::styled(format!("  [{keys}]"), t.footer_key),
    ]));
    // Quorum and the item being dealt with, right below.
    let (quorum, reached) = crate::ui::widgets::quorum::session(app);
    doc.line(Line::styled(quorum, if reached { t.ok } else { t.bad }));
    doc.line(Line::raw(crate::ui::screens::agenda::items::current_and_next(app)));
    doc.blank();
    doc.field(s.ov_programme, &opt(def.programme.as_deref()));
    doc.field(s.ov_date, &def.date.map(|d| format::date(d, lang)).unwrap_or_else(|| s.not_given.into()));
    doc.field(s.ov_place, &opt(def.place.as_deref()));
    if let Some(secretary) = &def.secretary {
        doc.field(s.ov_secretary, secretary);
    }
    doc.blank();
    let total = app.session().dossiers.len();
    doc.field(s.ov_dossiers, &format!("{total} ({} {}, {} {})", fig.rural, s.rural, fig.urban, s.urban));
    let regions: Vec<String> = fig
        .by_region
        .iter()
        .map(|(region, n)| format!("{} {n}", region.as_deref().map(safe).unwrap_or(s.ov_no_region.into())))
        .collect();
    doc.field(s.ov_by_region, &regions.join(" · "));
    doc.blank();
    budget(&mut doc, app, app.decided(), lang);
    doc.blank();
    let chair = def.chair().map(|m| safe(&m.name).into_owned()).unwrap_or_else(|| s.not_given.into());
    doc.field(
        s.ov_members,
        &format!(
            "{} ({} {}, {} {})",
            def.members.len(),
            fig.voting,
            s.ov_voting,
            fig.advisory,
            s.ov_advisory
        ),
    );
    doc.field(s.ov_chair, &chair);
    // Pre-declared and declared during the session.
    let conflicts = def.conflicts.len() + app.state().proceedings.live_conflicts.len();
    doc.field(s.ov_conflicts, &conflicts.to_string());
    let (mark, style) = if fig.dossiers_with_open_checks == 0 { ("✓", t.ok) } else { ("✗", t.bad) };
    let checks = match fig.dossiers_with_open_checks {
        0 => format!("{mark} {}", s.ov_checks_all_passed),
        n => format!("{mark} {n} {}", s.ov_checks_open),
    };
    doc.field_styled(s.ov_checks, &checks, style);
    criteria(&mut doc, app, lang);
    record(&mut doc, app, lang);
    doc.into_lines()
}

/// Where the record is, how much it holds, and the chair's latest notes.
fn record(doc: &mut Doc, app: &App, lang: Language) {
    let s = app.strings();
    let r = &s.record;
    let t = doc.theme();
    doc.heading(r.label);
    match app.journal().path() {
        Some(path) => {
            let events = app.state().meta.events;
            let word = if events == 1 { r.entry } else { r.entries };
            doc.field(r.file, &format!("{} ({events} {word})", safe(&path.display().to_string())));
        }
        None => doc.field(r.file, r.none),
    }
    if app.journal().is_read_only() {
        doc.field_styled("", &format!("⚠ {}", r.read_only), t.warn);
    }
    let notes = &app.state().proceedings.notes;
    if !notes.is_empty() {
        for (i, note) in notes.iter().rev().take(5).enumerate() {
            let time = format::time(note.at, lang);
            let about = note.dossier.as_deref().map(|d| format!(" [{}]", safe(d))).unwrap_or_default();
            let label = if i == 0 { r.notes } else { "" };
            doc.field(label, &format!("{time}{about} {}", safe(&note.text)));
        }
    }
}

/// What the chair should do now, and the keys for it: take the roll and
/// confirm the invitation, reach quorum, score the current item; once
/// every open item is scored review the ranking, then take the decisions,
/// then sign off; otherwise call up the next item.
fn next_step(app: &App, decided: &DecidedList, agenda_keys: Vec<String>) -> (String, String) {
    use crate::ui::keymap::Scope;
    let s = app.strings();
    let key = |action: Action| {
        app.keymap.effective_keys(Scope::Global, action).first().map(|k| k.label(s)).unwrap_or_default()
    };
    let state = app.state();
    let quorum = crate::rules::session_quorum(state);
    if state.proceedings.attendance.is_empty() || !state.proceedings.duly_invited {
        return (s.ov_next_roll_call.to_string(), key(Action::ShowAttendance));
    }
    if !quorum.reached() {
        return (s.ov_next_quorum.replace("{}", &quorum.missing().to_string()), key(Action::ShowAttendance));
    }
    let current = crate::ui::screens::agenda::items::current(app);
    if let Some(current) = current
        && crate::rules::current_result(state, current).total.is_none()
    {
        return (s.ov_next_score.replace("{}", &safe(current)), key(Action::ShowScoring));
    }
    if state.is_signed_off() {
        return (s.ranking.ov_next_export.to_string(), key(Action::ShowSignOff));
    }
    let ranking = app.ranking();
    let r = s.ranking;
    if !app.session().dossiers.is_empty() {
        if decided.undecided.is_empty() {
            return (r.ov_next_sign_off.to_string(), key(Action::ShowSignOff));
        }
        let decisions = &state.proceedings.decisions;
        if !ranking.unscored.iter().any(|d| !decisions.contains_key(d)) {
            // Every open item has a total: the ranking is complete. Until the
            // first vote decides something, it is still to be reviewed.
            let voted =
                state.proceedings.decisions.values().any(|e| e.outcome != crate::domain::Outcome::Deferred);
            return if voted {
                (r.ov_next_decide.to_string(), key(Action::ShowDecision))
            } else {
                (r.ov_next_ranking.to_string(), key(Action::ShowRanking))
            };
        }
    }
    match crate::ui::screens::agenda::items::next(app) {
        Some(next) => (s.ov_next_call.replace("{}", &safe(next)), key(Action::ShowAgenda)),
        None => (s.ov_next_review.to_string(), agenda_keys.join(" / ")),
    }
}

fn budget(doc: &mut Doc, app: &App, decided: &DecidedList, lang: Language) {
    let s = app.strings();
    let t = doc.theme();
    let budget = &app.session().definition.budget;
    let requested = app.index.figures.requested_eur;
    let available = budget.available_eur;
    doc.field(
        s.ov_budget,
        &format!(
            "{} {} · {} {}",
            s.ov_requested,
            format::money(requested, lang),
            s.ov_available,
            format::money(available, lang)
        ),
    );
    let share = if available > 0 {
        format!(
            " ({}: {} {})",
            s.ov_requested,
            format::percent(requested as f64 * 100.0 / available as f64, lang),
            s.ov_of_available
        )
    } else {
        String::new()
    };
    if requested > available {
        let over = format::money(requested - available, lang);
        doc.field_styled("", &format!("▲ {} {over}{share}", s.ov_oversubscribed), t.warn);
    } else {
        let left = format::money(available - requested, lang);
        doc.field_styled("", &format!("✓ {} {left}{share}", s.ov_remaining), t.ok);
    }
    let max = budget.max_admissions.map(|n| n.to_string()).unwrap_or_else(|| s.ov_unlimited.into());
    doc.field("", &format!("{} {max} · {} {}", s.ov_max_admissions, s.ov_waiting_list, budget.waiting_list));
    // The proposal as the ranking stands, and what is decided so far.
    let r = s.ranking;
    let left = |used: u64| {
        if used <= available {
            (r.remaining.replace("{eur}", &format::money(available - used, lang)), t.ok)
        } else {
            (r.over_budget.replace("{eur}", &format::money(used - available, lang)), t.warn)
        }
    };
    let line = &app.ranking().line;
    let (proposed_left, style) = left(line.proposed_eur);
    let proposed = crate::ui::strings::counted(r.ov_proposed, line.proposed)
        .replace("{eur}", &format::money(line.proposed_eur, lang));
    doc.field_styled("", &format!("{proposed} · {proposed_left}"), style);
    let (decided_left, style) = left(decided.admitted_eur);
    let done = r
        .ov_decided
        .replace("{n}", &decided.admitted.len().to_string())
        .replace("{eur}", &format::money(decided.admitted_eur, lang));
    let open = crate::ui::strings::counted(r.ov_open, decided.undecided.len());
    doc.field_styled("", &format!("{done} · {decided_left} · {open}"), style);
}

fn criteria(doc: &mut Doc, app: &App, lang: Language) {
    let s = app.strings();
    let t = doc.theme();
    let def = &app.session().definition;
    let scale = &def.scale;
    doc.heading(&format!(
        "{} ({} {}–{})",
        s.ov_criteria,
        s.ov_scale,
        format::decimal(scale.min, 2, lang),
        format::decimal(scale.max, 2, lang)
    ));
    let total = def.total_weight();
    let label_width = doc.width().saturating_sub(20);
    for c in &def.criteria {
        let label = match lang {
            Language::En => c.label_en.as_deref().unwrap_or(&c.label),
            Language::De => &c.label,
        };
        let share = if total > 0.0 { format::percent(c.weight * 100.0 / total, lang) } else { String::new() };
        doc.line(Line::from(vec![
            Span::raw(fit(label, label_width, Align::Left)),
            Span::styled(fit(&format::decimal(c.weight, 2, lang), 8, Align::Right), t.label),
            Span::raw(fit(&share, 10, Align::Right)),
        ]));
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let area = content_area(body);
    render_scrolled(frame, area, lines(app, doc_width(area)), app.overview_scroll);
}
