//! The ranking's words: the balance of the proposal, the totals, the
//! budget line and the section headings, and the selected row's detail.

use crate::domain::{Language, Outcome};
use crate::rules::{Binding, Place, Ranked, Ranking};
use crate::ui::app::App;
use crate::ui::format;
use crate::ui::strings::ranking::RankingStrings;
use crate::ui::widgets::doc::{safe, width};

use super::{Entry, Section};

/// "Vorschlag: 10 Standorte · 7 städtisch, 3 ländlich · Darmstadt 4 · …",
/// or "Vorschlag: 10 · 7 städt., 3 ländl. · …" when that does not fit
/// into `width`: every region must stay in view.
pub fn balance_line(app: &App, width: usize) -> String {
    let s = app.strings();
    let r = s.ranking;
    let ranking = app.ranking();
    let b = &ranking.balance;
    if ranking.line.proposed == 0 {
        return r.no_proposal.to_string();
    }
    let n = ranking.line.proposed.to_string();
    let regions: Vec<String> = b
        .regions
        .iter()
        .map(|(region, n)| {
            let name = if region.is_empty() { r.no_region.into() } else { safe(region) };
            format!("{name} {n}")
        })
        .collect();
    let join = |head: String, space: String| {
        let mut parts = vec![head, space];
        parts.extend(regions.iter().cloned());
        parts.join(" · ")
    };
    let long = join(
        crate::ui::strings::counted(r.proposal, ranking.line.proposed),
        format!("{} {}, {} {}", b.urban, r.urban, b.rural, r.rural),
    );
    if self::width(&long) <= width {
        return long;
    }
    join(
        r.proposal_short.replace("{n}", &n),
        format!("{} {}, {} {}", b.urban, s.urban_short, b.rural, s.rural_short),
    )
}

/// "Summe Vorschlag 10.970.000 € · verbleibend 530.000 € · 21 von 21 gewertet".
pub fn totals_line(app: &App) -> String {
    let r = app.strings().ranking;
    let lang = app.language();
    let ranking = app.ranking();
    let line = &ranking.line;
    let left = if line.proposed_eur <= line.available_eur {
        r.remaining.replace("{eur}", &format::money(line.available_eur - line.proposed_eur, lang))
    } else {
        r.over_budget.replace("{eur}", &format::money(line.proposed_eur - line.available_eur, lang))
    };
    let scored = ranking.ranked.len();
    let total = scored + ranking.unscored.len();
    [
        r.proposed_sum.replace("{eur}", &format::money(line.proposed_eur, lang)),
        left,
        r.scored.replace("{scored}", &scored.to_string()).replace("{total}", &total.to_string()),
    ]
    .join(" · ")
}

/// The budget line's words for a row `width` cells wide: "── Budgetlinie ·
/// 10 von max. 10 · 10.970.000 € von 11.500.000 € · bindet: Höchstzahl ──…",
/// with the short money form when the long one does not fit.
pub fn budget_line(ranking: &Ranking, r: &RankingStrings, lang: Language, width: usize) -> String {
    let line = &ranking.line;
    let count = |template: &str| match line.max_admissions {
        Some(max) => template.replace("{n}", &line.proposed.to_string()).replace("{max}", &max.to_string()),
        None => r.line_count_unlimited.replace("{n}", &line.proposed.to_string()),
    };
    let binds = match line.binds {
        Some(Binding::Budget) => r.binds_budget,
        Some(Binding::MaxAdmissions) => r.binds_max,
        None => r.binds_none,
    };
    let money = |template: &str| {
        template
            .replace("{eur}", &format::money(line.proposed_eur, lang))
            .replace("{available}", &format::money(line.available_eur, lang))
    };
    // From the full words down to what still names the line and its limit.
    let forms = [
        format!("── {} · {} · {} · {binds} ", r.line, count(r.line_count), money(r.line_money)),
        format!("── {} · {} · {} · {binds} ", r.line, count(r.line_count), money(r.line_money_short)),
        format!("── {} · {} · {} · {binds} ", r.line, count(r.line_count_short), money(r.line_money_short)),
    ];
    let text = forms
        .into_iter()
        .find(|f| self::width(f) + 2 <= width)
        .unwrap_or_else(|| format!("── {} · {} · {binds} ", r.line, count(r.line_count_short)));
    rule(text, width)
}

/// A section heading: "── Nachrückerliste · 3 von 3 Plätzen ──…".
/// `places` is the configured length of the waiting list.
pub fn heading(ranking: &Ranking, r: &RankingStrings, section: Section, places: u32, width: usize) -> String {
    let count = |wanted: fn(&Place) -> bool| ranking.ranked.iter().filter(|x| wanted(&x.place)).count();
    let text = match section {
        Section::Waiting => r
            .waiting
            .replace("{n}", &count(|p| matches!(p, Place::WaitingList { .. })).to_string())
            .replace("{max}", &places.to_string()),
        Section::NotAdmitted => {
            format!(
                "{} ({})",
                r.not_admitted,
                r.count.replace("{n}", &count(|p| *p == Place::NotAdmitted).to_string())
            )
        }
        Section::Unscored => {
            format!("{} ({})", r.unscored, r.count.replace("{n}", &ranking.unscored.len().to_string()))
        }
    };
    rule(format!("── {text} "), width)
}

/// `text` filled with "─" to `width` cells.
fn rule(text: String, width: usize) -> String {
    let used = self::width(&text);
    format!("{text}{}", "─".repeat(width.saturating_sub(used)))
}

/// The outcome decided for a dossier, short for the table cell.
pub fn decision_cell(r: &RankingStrings, outcome: Outcome) -> String {
    match outcome {
        Outcome::Admitted => r.admitted_short.to_string(),
        Outcome::WaitingList { position } => r.waiting_short.replace("{n}", &position.to_string()),
        Outcome::NotAdmitted => r.not_admitted_short.to_string(),
        Outcome::Deferred => r.deferred_short.to_string(),
    }
}

fn decision_words(r: &RankingStrings, outcome: Outcome) -> String {
    match outcome {
        Outcome::Admitted => r.admitted_word.to_string(),
        Outcome::WaitingList { position } => r.waiting_word.replace("{n}", &position.to_string()),
        Outcome::NotAdmitted => r.not_admitted_word.to_string(),
        Outcome::Deferred => r.deferred_word.to_string(),
    }
}

/// The exact total on the scale and in percent: "Summe 2,5929 / 4 (64,8 %)".
pub fn exact_total(app: &App, ranked: &Ranked) -> String {
    let lang = app.language();
    let max = app.session().definition.scale.max;
    app.strings()
        .ranking
        .exact_total
        .replace("{value}", &format::decimal(ranked.total.value, 4, lang))
        .replace("{max}", &format::decimal(max, 2, lang))
        .replace("{percent}", &format::percent(ranked.total.percent, lang))
}

/// The selected row in words: id, exact total, the proposed place, the
/// decision, and the formal checks (naming the failed ones).
pub fn detail_line(app: &App, entry: Entry) -> String {
    let r = app.strings().ranking;
    let ranking = app.ranking();
    let Some(id) = super::dossier_of(ranking, entry) else { return String::new() };
    let mut parts = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    let def = &app.session().definition;
    let label = |check: &str| {
        let c = def.eligibility.iter().find(|c| c.id == check);
        let text = match (c, app.language()) {
            (Some(c), Language::En) => c.label_en.as_deref().unwrap_or(&c.label),
            (Some(c), Language::De) => c.label.as_str(),
            (None, _) => check,
        };
        safe(text).into_owned()
    };
    match entry {
        Entry::Ranked(i) => {
            let Some(x) = ranking.ranked.get(i) else { return String::new() };
            parts.push(exact_total(app, x));
            parts.push(match x.place {
                Place::Proposed => r.place_proposed.to_string(),
                Place::WaitingList { position } => r.place_waiting.replace("{n}", &position.to_string()),
                Place::NotAdmitted => r.place_not_admitted.to_string(),
            });
            failed = x.failed_checks.iter().map(|c| label(c)).collect();
        }
        _ => {
            parts.push(r.no_total.to_string());
            if let Some(d) = app.session().dossier(id) {
                failed = d.failed_checks(&def.eligibility).map(|c| label(&c.id)).collect();
            }
        }
    }
    // On a narrow screen the end of the line is what gets cut: failed
    // checks come first, met ones after the total.
    let place = if matches!(entry, Entry::Ranked(_)) { parts.pop() } else { None };
    if failed.is_empty() {
        parts.push(r.checks_met.to_string());
    } else {
        parts.insert(0, format!("{} {}", r.checks_failed, failed.join("; ")));
    }
    if let Some(e) = app.state().proceedings.decisions.get(id) {
        parts.push(format!("{}: {}", r.decision, decision_words(r, e.outcome)));
    }
    parts.extend(place);
    format!("{}: {}", safe(id), parts.join(" · "))
}
