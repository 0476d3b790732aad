//! What the chair types on the attendance screen: the time of the next
//! change, or a conflict of interest (dossier, then reason).

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};

use super::Entry;
use super::state::AttendanceState;
use crate::domain::Session;
use crate::procedure::Command;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::effect::Effect;
use crate::ui::widgets::text_field::{Edit, TextField};

/// "9:05", "09:05" or "9.05" today, in the offset of `now`; `None` for
/// anything else ("25:99", "abc").
pub fn parse_time(text: &str, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    let (h, m) = text.split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let time = NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)?;
    now.offset().from_local_datetime(&now.date_naive().and_time(time)).single()
}

/// The dossier the typed text names: an exact id or municipality (any
/// case), else the first in agenda order whose id or municipality starts
/// with it, else one whose id or municipality contains it. Empty text
/// names `fallback`.
pub fn match_dossier(
    session: &Session,
    order: &[String],
    text: &str,
    fallback: Option<&str>,
) -> Option<String> {
    let query = text.trim().to_lowercase();
    if query.is_empty() {
        return fallback.map(str::to_string);
    }
    let municipality: std::collections::HashMap<&str, String> =
        session.dossiers.iter().map(|d| (d.id.as_str(), d.municipality.to_lowercase())).collect();
    // Agenda order first, then every dossier; each with its id and
    // municipality in lower case.
    let candidates: Vec<(&String, [String; 2])> = order
        .iter()
        .chain(session.dossiers.iter().map(|d| &d.id))
        .map(|id| (id, [id.to_lowercase(), municipality.get(id.as_str()).cloned().unwrap_or_default()]))
        .collect();
    let find = |test: &dyn Fn(&str) -> bool| {
        candidates.iter().find(|(_, names)| names.iter().any(|n| !n.is_empty() && test(n))).map(|(id, _)| *id)
    };
    find(&|n| n == query)
        .or_else(|| find(&|n| n.starts_with(&query)))
        .or_else(|| find(&|n| n.contains(&query)))
        .cloned()
}

/// The dossier a conflict of `member` is declared on when nothing is
/// typed: a conflict suggested for the member, else the item being dealt
/// with, else the one selected on the agenda.
pub fn suggested_dossier(app: &App, member: &str) -> Option<String> {
    let state = app.state();
    if let Some(s) = app.conflict_suggestions().iter().find(|s| s.member == member) {
        return Some(s.dossier.clone());
    }
    match &state.proceedings.agenda.current {
        Some(c) => Some(c.dossier.clone()),
        None => {
            app.agenda().selected_dossier().and_then(|i| app.session().dossiers.get(i)).map(|d| d.id.clone())
        }
    }
}

/// Keys while an entry is typed: text, Enter takes it, Esc drops it.
/// Keys while a time or a conflict is typed.
pub fn type_entry(app: &App, state: &mut AttendanceState, action: Action) -> Vec<Effect> {
    let Some(entry) = state.entry.as_mut() else { return Vec::new() };
    if entry.field_mut().edit(action) == Edit::Changed {
        return Vec::new();
    }
    match action {
        Action::Back => {
            state.entry = None;
            Vec::new()
        }
        Action::Quit => vec![Effect::Quit],
        Action::Open => accept(app, state),
        _ => Vec::new(),
    }
}

fn accept(app: &App, state: &mut AttendanceState) -> Vec<Effect> {
    let Some(entry) = state.entry.take() else { return Vec::new() };
    let att = app.strings().att;
    let notify = |text: String| vec![Effect::Notify(text)];
    match entry {
        Entry::Time(text) => match parse_time(text.text(), app.now) {
            // A change is recorded when it has happened, never ahead.
            Some(at) if at > app.now => {
                state.entry = Some(Entry::Time(text));
                notify(att.future_time.replace("{}", &at.format("%H:%M").to_string()))
            }
            Some(at) => {
                state.pending_time = Some(at);
                Vec::new()
            }
            None => {
                let shown = crate::text::clean_line(text.text()).into_owned();
                state.entry = Some(Entry::Time(text));
                notify(att.bad_time.replace("{}", &shown))
            }
        },
        Entry::Dossier { member, text, decide } => {
            let order = &app.state().proceedings.agenda.order;
            let fallback = suggested_dossier(app, &member);
            match match_dossier(app.session(), order, text.text(), fallback.as_deref()) {
                Some(dossier) if decide => {
                    state.entry = Some(Entry::Counts { member, dossier, text: TextField::new() });
                    Vec::new()
                }
                Some(dossier) => {
                    // A suggestion gives the reason to start from.
                    let suggested = app
                        .conflict_suggestions()
                        .iter()
                        .find(|s| s.member == member && s.dossier == dossier)
                        .map(|s| s.text().to_string());
                    let text = suggested.map_or_else(TextField::new, |t| TextField::with(&t));
                    state.entry = Some(Entry::Reason { member, dossier, text });
                    Vec::new()
                }
                None => {
                    let shown = crate::text::clean_line(text.text()).into_owned();
                    state.entry = Some(Entry::Dossier { member, text, decide });
                    notify(att.no_such_dossier.replace("{}", &shown))
                }
            }
        }
        // Three numbers: yes, no, abstain; asked before it is recorded.
        Entry::Counts { member, dossier, text } => {
            let numbers: Vec<u32> = text
                .text()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            let shown = crate::text::clean_line(text.text()).into_owned();
            let effects = match numbers[..] {
                [yes, no] | [yes, no, 0] => ask_decide(app, &member, &dossier, yes, no, 0),
                [yes, no, abstain] => ask_decide(app, &member, &dossier, yes, no, abstain),
                _ => notify(att.bad_counts.replace("{}", &shown)),
            };
            state.entry = Some(Entry::Counts { member, dossier, text });
            effects
        }
        // The entry stays open until the conflict is recorded: a refusal
        // leaves the reason to be corrected.
        Entry::Reason { member, dossier, text } => {
            let reason = Some(text.text().trim().to_string()).filter(|r| !r.is_empty());
            let command =
                Command::DeclareConflict { member: member.clone(), dossier: dossier.clone(), reason };
            state.entry = Some(Entry::Reason { member, dossier, text });
            vec![Effect::Record(command)]
        }
    }
}

/// Ask before the committee's decision on a doubtful conflict is recorded.
fn ask_decide(app: &App, member: &str, dossier: &str, yes: u32, no: u32, abstain: u32) -> Vec<Effect> {
    let att = app.strings().att;
    let name = app.session().member(member).map_or_else(|| member.to_string(), |m| m.name.clone());
    let command = Command::DecideConflict {
        member: member.to_string(),
        dossier: dossier.to_string(),
        yes,
        no,
        abstain,
    };
    let question = att
        .decide_question
        .replace("{name}", &crate::text::clean_line(&name))
        .replace("{dossier}", &crate::ui::describe::dossier_name(app.session(), dossier))
        .replace("{yes}", &yes.to_string())
        .replace("{no}", &no.to_string())
        .replace("{abstain}", &abstain.to_string());
    vec![Effect::Ask(crate::ui::prompts::Confirm { title: att.decide_title, question, command })]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap()
    }

    #[test]
    fn times_of_today() {
        let at = parse_time("9:05", now()).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-11-26T09:05:00+01:00");
        assert_eq!(parse_time(" 23.59 ", now()).unwrap().to_rfc3339(), "2026-11-26T23:59:00+01:00");
        for bad in ["25:99", "24:00", "12:60", "abc", "", "9", "9:5", "123:00", "-1:00", "9:05:00", "٣:00"] {
            assert_eq!(parse_time(bad, now()), None, "{bad}");
        }
    }
}
