//! What every part of the minutes writes with: the state, the timeline,
//! the session language's text table, and the ways to write times, people,
//! items and numbers in that language.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};

use super::text::{Text, text};
use super::timeline::Timeline;
use super::{Inline, Table};
use crate::domain::{Dossier, Language, SessionDefinition, SessionState};
use crate::format;
use crate::rules::Ranking;

type At = DateTime<FixedOffset>;

pub struct Context<'a> {
    pub state: &'a SessionState,
    pub def: &'a SessionDefinition,
    pub timeline: &'a Timeline,
    pub t: &'static Text,
    pub lang: Language,
    pub now: At,
    /// The day of the session: times on it are written without a date.
    day: NaiveDate,
    /// Dossiers by id (a session may have thousands).
    dossiers: HashMap<&'a str, &'a Dossier>,
    /// The ranking of the state, when the caller keeps it (else the result
    /// computes it).
    pub ranking: Option<&'a Ranking>,
}

impl<'a> Context<'a> {
    pub fn new(state: &'a SessionState, timeline: &'a Timeline, now: At) -> Context<'a> {
        let def = &state.session.definition;
        let lang = def.language;
        let day = def.date.or(timeline.began.map(|b| b.date_naive())).unwrap_or(now.date_naive());
        let dossiers = state.session.dossiers.iter().map(|d| (d.id.as_str(), d)).collect();
        Context { state, def, timeline, t: text(lang), lang, now, day, dossiers, ranking: None }
    }

    /// "09:02 Uhr"; on another day than the session's "27.11.2026, 09:02 Uhr".
    pub fn clock(&self, at: At) -> String {
        let time = self.t.clock.replace("{}", &format::time(at, self.lang));
        if at.date_naive() == self.day {
            time
        } else {
            format!("{}{}{time}", format::date(at.date_naive(), self.lang), self.t.date_time_sep)
        }
    }

    /// Always with the date: "26.11.2026, 11:05 Uhr".
    pub fn stamp(&self, at: At) -> String {
        let time = self.t.clock.replace("{}", &format::time(at, self.lang));
        format!("{}{}{time}", format::date(at.date_naive(), self.lang), self.t.date_time_sep)
    }

    pub fn date(&self, d: NaiveDate) -> String {
        format::date(d, self.lang)
    }

    /// A member by name; an id the session no longer knows as it is.
    pub fn member(&self, id: &str) -> String {
        self.state.session.member(id).map(|m| m.name.clone()).unwrap_or_else(|| id.to_string())
    }

    pub fn find_dossier(&self, id: &str) -> Option<&'a Dossier> {
        self.dossiers.get(id).copied()
    }

    /// "OF-LAUTERBORN – Offenbach am Main, Lauterborn".
    pub fn dossier(&self, id: &str) -> String {
        match self.find_dossier(id) {
            Some(d) => format!("{id} – {}, {}", d.municipality, d.area.name),
            None => id.to_string(),
        }
    }

    /// A score, aggregate or spread: up to two decimals.
    pub fn number(&self, x: f64) -> String {
        format::decimal(x, 2, self.lang)
    }

    pub fn percent(&self, x: f64) -> String {
        format::percent(x, self.lang)
    }

    pub fn money(&self, eur: u64) -> String {
        format::money(eur, self.lang)
    }

    /// Whole minutes, rounded: "28 Min.".
    pub fn duration(&self, d: TimeDelta) -> String {
        let minutes = (d.num_seconds().max(0) + 30) / 60;
        self.t.duration.replace("{}", &minutes.to_string())
    }

    /// The short name of criterion `i` (0-based) in score tables: "K1".
    pub fn criterion_short(&self, i: usize) -> String {
        self.t.criterion_short.replace("{}", &(i + 1).to_string())
    }

    /// The aggregate's name: "Mittelwert" / "Median".
    pub fn aggregate_name(&self) -> &'static str {
        match self.def.rules.aggregate {
            crate::domain::Aggregate::Mean => self.t.mean,
            crate::domain::Aggregate::Median => self.t.median,
        }
    }
}

pub fn para(text: impl Into<String>) -> super::Block {
    super::Block::Paragraph(vec![Inline::Text(text.into())])
}

pub fn table(header: &[&str], numeric: &[bool], rows: Vec<Vec<String>>) -> super::Block {
    super::Block::Table(Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
        numeric: numeric.to_vec(),
    })
}

/// Fill the `{key}` placeholders of a template in one pass, so that a
/// value with braces in it is never taken for a placeholder.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after
            .find('}')
            .and_then(|end| args.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, *v)));
        match value {
            Some((end, v)) => {
                out.push_str(v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
