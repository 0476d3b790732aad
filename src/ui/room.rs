//! The room's view (`gremium follow`, PRODUCT.md §12): what the committee
//! may see, chosen by the record alone — the session's quorum, the item
//! being dealt with, its scoring (counts only while blind; aggregates,
//! spread and flags once revealed), the last vote on it with its
//! arithmetic, the decided lists with the remaining budget, and the
//! sign-off. Nothing the chair types, no note, no blind value: none of it
//! is in what this view reads, except notes, which it leaves out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::{Language, SessionState};
use crate::format::{decimal, fixed, money, money_signed, time};
use crate::rules::{decided, round_result, session_quorum};
use crate::ui::screens::scoring::sheet::Sheet;
use crate::ui::theme::Theme;
use crate::ui::widgets::doc::{Align, fit, safe};

struct Text {
    title: &'static str,
    no_item: &'static str,
    item: &'static str,
    requested: &'static str,
    blind: &'static str,
    revealed: &'static str,
    criterion: &'static str,
    aggregate_mean: &'static str,
    aggregate_median: &'static str,
    spread: &'static str,
    total: &'static str,
    vote: &'static str,
    area: &'static str,
    ranking: &'static str,
    line: &'static str,
    proposed: &'static str,
    waiting: &'static str,
    not_admitted: &'static str,
    decided: &'static str,
    remaining: &'static str,
    signed_off: &'static str,
    stopped: &'static str,
}

const DE: Text = Text {
    title: "Raumansicht",
    no_item: "Kein Punkt aufgerufen.",
    item: "Aufgerufen",
    requested: "beantragt",
    blind: "Bewertung Runde {round}: verdeckt – {entered} von {expected} Punktzahlen erfasst, {missing} fehlen",
    revealed: "Bewertung Runde {round}, aufgedeckt {time}",
    criterion: "Kriterium",
    aggregate_mean: "Mittelwert",
    aggregate_median: "Median",
    spread: "Spannweite",
    total: "Gewichtete Summe",
    vote: "Abstimmung",
    area: "{hectares} ha · {residents} Einwohnerinnen und Einwohner",
    ranking: "Rangfolge ({scored} von {all} bewertet)",
    line: "Budgetlinie: {proposed} Standorte, {eur} von {available}",
    proposed: "Vorschlag",
    waiting: "Nachrückerliste {position}",
    not_admitted: "unter der Linie",
    decided: "Beschlossen: {admitted} aufgenommen ({eur}) · {waiting} Nachrückerliste · {not} nicht aufgenommen · {deferred} vertagt · {open} offen",
    remaining: "verbleibendes Budget",
    signed_off: "Die Sitzung ist freigegeben ({time}).",
    stopped: "Die Raumansicht folgt dem Protokoll nicht mehr",
};

const EN: Text = Text {
    title: "Room view",
    no_item: "No item called.",
    item: "Called",
    requested: "requested",
    blind: "Scoring round {round}: blind – {entered} of {expected} scores entered, {missing} missing",
    revealed: "Scoring round {round}, revealed {time}",
    criterion: "Criterion",
    aggregate_mean: "Mean",
    aggregate_median: "Median",
    spread: "Spread",
    total: "Weighted total",
    vote: "Vote",
    area: "{hectares} ha · {residents} residents",
    ranking: "Ranking ({scored} of {all} scored)",
    line: "Budget line: {proposed} sites, {eur} of {available}",
    proposed: "proposed",
    waiting: "waiting list {position}",
    not_admitted: "below the line",
    decided: "Decided: {admitted} admitted ({eur}) · {waiting} waiting list · {not} not admitted · {deferred} deferred · {open} open",
    remaining: "remaining budget",
    signed_off: "The session is signed off ({time}).",
    stopped: "The room view no longer follows the record",
};

/// The room's lines for `state`, `width` columns wide; `stopped` is why the
/// view no longer follows, if it does not.
pub fn lines(
    state: &SessionState,
    lang: Language,
    theme: &Theme,
    width: u16,
    stopped: Option<&str>,
) -> Vec<Line<'static>> {
    let t = match lang {
        Language::De => &DE,
        Language::En => &EN,
    };
    let s = crate::ui::strings::strings(lang);
    let w = usize::from(width).saturating_sub(2).max(10);
    let def = &state.session.definition;
    let q = session_quorum(state);
    let quorum = crate::ui::widgets::quorum::session_text(&q, s);
    let head_style = if q.reached() { theme.header } else { theme.header.add_modifier(Modifier::BOLD) };
    let title = format!("{} · {}", t.title, safe(&def.title));
    let room = w.saturating_sub(crate::ui::widgets::doc::width(&quorum) + 1);
    let mut out = vec![
        Line::from(vec![
            Span::styled(fit(&title, room, Align::Left), theme.header),
            Span::styled(format!(" {quorum}"), head_style),
        ]),
        Line::raw(""),
    ];
    if let Some(why) = stopped {
        out.push(Line::styled(fit(&format!("⚠ {}: {}", t.stopped, safe(why)), w, Align::Left), theme.bad));
        out.push(Line::raw(""));
    }
    match &state.proceedings.agenda.current {
        // Between items, once dossiers are scored: the ranking with its
        // budget line, as the committee decides on it.
        None if !crate::rules::ranking(state).ranked.is_empty() => {
            out.extend(ranking_lines(state, lang, t, theme, w))
        }
        None => out.push(Line::styled(t.no_item.to_string(), theme.muted)),
        Some(current) => out.extend(item_lines(state, &current.dossier, lang, t, theme, w)),
    }
    out.push(Line::raw(""));
    let d = decided(state);
    let summary = t
        .decided
        .replace("{admitted}", &d.admitted.len().to_string())
        .replace("{eur}", &money(d.admitted_eur, lang))
        .replace("{waiting}", &d.waiting.len().to_string())
        .replace("{not}", &d.not_admitted.len().to_string())
        .replace("{deferred}", &d.deferred.len().to_string())
        .replace("{open}", &d.undecided.len().to_string());
    for part in crate::ui::widgets::doc::wrap(&summary, w) {
        out.push(Line::raw(part));
    }
    out.push(Line::styled(
        format!("{}: {}", t.remaining, money_signed(i128::from(d.remaining_eur), lang)),
        if d.remaining_eur < 0 { theme.bad } else { theme.ok },
    ));
    if let Some(signed) = &state.proceedings.signed_off {
        out.push(Line::raw(""));
        out.push(Line::styled(t.signed_off.replace("{time}", &time(signed.at, lang)), theme.heading));
    }
    out
}

fn item_lines(
    state: &SessionState,
    dossier: &str,
    lang: Language,
    t: &Text,
    theme: &Theme,
    w: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(d) = state.session.dossier(dossier) else { return out };
    out.push(Line::styled(
        fit(
            &format!("{}: {} · {} – {}", t.item, safe(&d.id), safe(&d.municipality), safe(&d.area.name)),
            w,
            Align::Left,
        ),
        theme.heading,
    ));
    let mut facts = vec![format!("{} {}", t.requested, money(d.funding.requested_eur, lang))];
    if let Some(region) = &d.region {
        facts.push(safe(region).into_owned());
    }
    if let (Some(ha), Some(residents)) = (d.area.hectares, d.area.residents) {
        facts.push(
            t.area
                .replace("{hectares}", &decimal(ha, 1, lang))
                .replace("{residents}", &crate::format::integer(residents, lang)),
        );
    }
    out.push(Line::styled(fit(&facts.join(" · "), w, Align::Left), theme.label));
    // The dossier's summary: two lines on a small screen, four on a wide
    // one, so that the figures below stay in view.
    let summary_lines = if w < 100 { 2 } else { 4 };
    for part in crate::ui::widgets::doc::wrap(&d.summary, w).into_iter().take(summary_lines) {
        out.push(Line::raw(part));
    }
    out.push(Line::raw(""));
    let sheet = Sheet::new(state, dossier);
    match sheet.reveal {
        // Blind: how many scores are in, never which.
        None if sheet.blind => out.push(Line::raw(
            t.blind
                .replace("{round}", &sheet.round.to_string())
                .replace("{entered}", &sheet.entered.to_string())
                .replace("{expected}", &sheet.expected.to_string())
                .replace("{missing}", &sheet.expected.saturating_sub(sheet.entered).to_string()),
        )),
        None => {}
        Some(reveal) => {
            out.push(Line::styled(
                t.revealed
                    .replace("{round}", &sheet.round.to_string())
                    .replace("{time}", &time(reveal.at, lang)),
                theme.heading,
            ));
            let def = &state.session.definition;
            let agg = match def.rules.aggregate {
                crate::domain::Aggregate::Mean => t.aggregate_mean,
                crate::domain::Aggregate::Median => t.aggregate_median,
            };
            let label_w = w.saturating_sub(26).max(8);
            out.push(Line::styled(
                format!(
                    "  {}{}{}",
                    fit(t.criterion, label_w, Align::Left),
                    fit(agg, 12, Align::Right),
                    fit(t.spread, 12, Align::Right)
                ),
                theme.label,
            ));
            let result = round_result(state, dossier, sheet.round);
            let step = crate::ui::screens::scoring::entry::decimals(def.scale.step);
            for (c, r) in def.criteria.iter().zip(&result.criteria) {
                let label = match (lang, &c.label_en) {
                    (Language::En, Some(en)) => en.as_str(),
                    _ => c.label.as_str(),
                };
                let aggregate = r.aggregate.map_or("—".to_string(), |a| fixed(a, 2, lang));
                let flag = if r.disagreement { " ⚑" } else { "  " };
                out.push(Line::from(vec![
                    Span::raw(format!("  {}", fit(&safe(label), label_w, Align::Left))),
                    Span::raw(fit(&aggregate, 12, Align::Right)),
                    Span::styled(
                        fit(&format!("{}{flag}", decimal(r.spread, step, lang)), 12, Align::Right),
                        if r.disagreement { theme.warn } else { ratatui::style::Style::new() },
                    ),
                ]));
            }
            if let Some(total) = result.total {
                out.push(Line::styled(
                    format!(
                        "{}: {} ({})",
                        t.total,
                        fixed(total.value, 2, lang),
                        crate::format::percent(total.percent, lang)
                    ),
                    theme.heading,
                ));
            }
        }
    }
    let last_vote =
        state.proceedings.votes.iter().rev().find(|v| v.vote.subject.dossiers().iter().any(|x| x == dossier));
    if let Some(v) = last_vote {
        out.push(Line::raw(""));
        // The arithmetic as the minutes give it: counts, the majority
        // needed, reached or not, the result.
        let text =
            crate::minutes::result_line(crate::minutes::text(lang), &state.session.definition.rules, &v.vote);
        for part in crate::ui::widgets::doc::wrap(&format!("{}: {text}", t.vote), w) {
            out.push(Line::styled(part, if v.vote.carried { theme.ok } else { theme.bad }));
        }
    }
    out
}

/// The ranking with its budget line: rank, id, municipality, total, place.
fn ranking_lines(
    state: &SessionState,
    lang: Language,
    t: &Text,
    theme: &Theme,
    w: usize,
) -> Vec<Line<'static>> {
    let ranking = crate::rules::ranking(state);
    let all = state.session.dossiers.len();
    let mut out = vec![Line::styled(
        t.ranking.replace("{scored}", &ranking.ranked.len().to_string()).replace("{all}", &all.to_string()),
        theme.heading,
    )];
    let line = &ranking.line;
    let line_text = t
        .line
        .replace("{proposed}", &line.proposed.to_string())
        .replace("{eur}", &money(line.proposed_eur, lang))
        .replace("{available}", &money(line.available_eur, lang));
    let name_w = w.saturating_sub(34).max(10);
    for (i, r) in ranking.ranked.iter().enumerate() {
        if i == line.proposed {
            out.push(Line::styled(fit(&format!("── {line_text} "), w, Align::Left), theme.heading));
        }
        let name = state
            .session
            .dossier(&r.dossier)
            .map_or(String::new(), |d| format!("{} · {}", d.id, d.municipality));
        let place = match r.place {
            crate::rules::Place::Proposed => t.proposed.to_string(),
            crate::rules::Place::WaitingList { position } => {
                t.waiting.replace("{position}", &position.to_string())
            }
            crate::rules::Place::NotAdmitted => t.not_admitted.to_string(),
        };
        let decided = state.proceedings.decisions.contains_key(&r.dossier);
        out.push(Line::styled(
            format!(
                "{}{} {}{}",
                fit(&r.rank.to_string(), 4, Align::Right),
                fit(&format!(" {}", safe(&name)), name_w, Align::Left),
                fit(&fixed(r.total.value, 2, lang), 8, Align::Right),
                fit(&format!("  {place}"), 20, Align::Left),
            ),
            if decided { theme.muted } else { ratatui::style::Style::new() },
        ));
    }
    if line.proposed >= ranking.ranked.len() {
        out.push(Line::styled(fit(&format!("── {line_text} "), w, Align::Left), theme.heading));
    }
    out
}

/// Draw the room's view over the whole frame.
pub fn render(state: &SessionState, lang: Language, theme: &Theme, stopped: Option<&str>, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    // A calm column: at most 120 wide, centred on a wide projector screen,
    // with a blank line above.
    let width = area.width.saturating_sub(2).min(120);
    let x = area.x + (area.width - width) / 2;
    let inner = Rect {
        x,
        y: area.y + u16::from(area.height > 30),
        width,
        height: area.height.saturating_sub(u16::from(area.height > 30)),
    };
    frame.render_widget(Paragraph::new(lines(state, lang, theme, width + 2, stopped)), inner);
}
