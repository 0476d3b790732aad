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
    carried: &'static str,
    rejected: &'static str,
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
    blind: "Bewertung Runde {round}: verdeckt – {entered} von {expected} Punktzahlen erfasst",
    revealed: "Bewertung Runde {round}, aufgedeckt {time}",
    criterion: "Kriterium",
    aggregate_mean: "Mittelwert",
    aggregate_median: "Median",
    spread: "Spannweite",
    total: "Gewichtete Summe",
    vote: "Abstimmung: {yes} Ja, {no} Nein, {abstain} Enthaltung – {result}",
    carried: "angenommen",
    rejected: "abgelehnt",
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
    blind: "Scoring round {round}: blind – {entered} of {expected} scores entered",
    revealed: "Scoring round {round}, revealed {time}",
    criterion: "Criterion",
    aggregate_mean: "Mean",
    aggregate_median: "Median",
    spread: "Spread",
    total: "Weighted total",
    vote: "Vote: {yes} yes, {no} no, {abstain} abstain – {result}",
    carried: "carried",
    rejected: "rejected",
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
    out.push(Line::styled(format!("{} {}", t.requested, money(d.funding.requested_eur, lang)), theme.label));
    out.push(Line::raw(""));
    let sheet = Sheet::new(state, dossier);
    match sheet.reveal {
        // Blind: how many scores are in, never which.
        None if sheet.blind => out.push(Line::raw(
            t.blind
                .replace("{round}", &sheet.round.to_string())
                .replace("{entered}", &sheet.entered.to_string())
                .replace("{expected}", &sheet.expected.to_string()),
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
        let result = if v.vote.carried { t.carried } else { t.rejected };
        out.push(Line::styled(
            t.vote
                .replace("{yes}", &v.vote.yes.to_string())
                .replace("{no}", &v.vote.no.to_string())
                .replace("{abstain}", &v.vote.abstain.to_string())
                .replace("{result}", result),
            if v.vote.carried { theme.ok } else { theme.bad },
        ));
    }
    out
}

/// Draw the room's view over the whole frame.
pub fn render(state: &SessionState, lang: Language, theme: &Theme, stopped: Option<&str>, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let inner = Rect { x: area.x + 1, y: area.y, width: area.width.saturating_sub(2), height: area.height };
    frame.render_widget(Paragraph::new(lines(state, lang, theme, area.width, stopped)), inner);
}
