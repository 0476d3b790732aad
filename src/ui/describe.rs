//! Recorded events and refusals put into words in the screen language.

use super::strings::Strings;
use crate::domain::{Action, Description, DomainError, Language, Scale, Session};
use crate::text::clean_line;

/// One line naming an event: "Tagesordnung umgestellt: DA-NORD auf Platz 3".
pub fn event(d: &Description, s: &Strings) -> String {
    let r = &s.record;
    let name = d.action.map(|a| r.events[index(a)]).unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    if let Some(dossier) = &d.dossier {
        parts.push(clean_line(dossier).into_owned());
    }
    if !d.dossiers.is_empty() {
        parts.push(d.dossiers.iter().map(|x| clean_line(x).into_owned()).collect::<Vec<_>>().join(", "));
    }
    if let Some(member) = &d.member {
        parts.push(clean_line(member).into_owned());
    }
    if let Some(criterion) = &d.criterion {
        parts.push(clean_line(criterion).into_owned());
    }
    if let Some(value) = d.value {
        parts.push(value.to_string());
    }
    if d.action == Some(Action::ItemMoved)
        && let Some(to) = d.position
    {
        parts.push(format!("{} {}", r.moved_to, to + 1));
    }
    if let Some(text) = &d.text {
        parts.push(format!("„{}“", clean_line(text)));
    }
    if let Some(inner) = &d.inner {
        parts.push(event(inner, s));
    }
    if parts.is_empty() { name.to_string() } else { format!("{name}: {}", parts.join(" ")) }
}

/// Why the domain refused a change, in the screen language where the
/// refusal is one the current screens can provoke.
pub fn refusal(e: &DomainError, s: &Strings, session: &Session) -> String {
    if let DomainError::OffScale { value, min, max, step } = e {
        let scale = Scale { min: *min, max: *max, step: *step };
        return format!("{} {} – {}", number(*value, s), s.scoring.not_on_scale, allowed(scale, s));
    }
    if !s.lang_code.eq_ignore_ascii_case("de") {
        return clean_line(&e.to_string()).into_owned();
    }
    german_refusal(e, session).unwrap_or_else(|| clean_line(&e.to_string()).into_owned())
}

/// Refusals in German; members by name, as the committee knows them.
fn german_refusal(e: &DomainError, session: &Session) -> Option<String> {
    let q = |x: &str| format!("„{}“", clean_line(x));
    let who =
        |id: &str| session.member(id).map(|m| clean_line(&m.name).into_owned()).unwrap_or_else(|| q(id));
    let id = |x: &str| clean_line(x).into_owned();
    Some(match e {
        DomainError::NothingToUndo => "nichts rückgängig zu machen".into(),
        DomainError::NothingToRedo => "nichts wiederherzustellen".into(),
        DomainError::EmptyText => "der Text ist leer".into(),
        DomainError::AlreadyDeferred(d) => format!("{} ist bereits zurückgestellt", id(d)),
        DomainError::NothingToMove(d) => format!("{} steht bereits an dieser Stelle", id(d)),
        DomainError::UnknownMember(m) => format!("unbekanntes Mitglied {}", q(m)),
        DomainError::UnknownDossier(d) => format!("unbekanntes Dossier {}", q(d)),
        DomainError::UnknownCriterion(c) => format!("unbekanntes Kriterium {}", q(c)),
        DomainError::NotPresent(m) => format!("{} ist nicht anwesend", who(m)),
        DomainError::AlreadyPresent(m) => format!("{} ist bereits anwesend", who(m)),
        DomainError::AttendanceOutOfOrder { member, at, last } => format!(
            "{} Uhr liegt vor der letzten Änderung für {} um {} Uhr",
            at.format("%H:%M"),
            who(member),
            last.format("%H:%M")
        ),
        DomainError::NotVoting(m) => format!("{} ist beratend und bewertet und stimmt nicht mit", who(m)),
        DomainError::Conflicted { member, dossier } => {
            format!("{} ist bei {} befangen und nimmt nicht teil", who(member), id(dossier))
        }
        DomainError::AlreadyConflicted { member, dossier } => {
            format!("für {} ist bei {} bereits eine Befangenheit erklärt", who(member), id(dossier))
        }
        DomainError::AlreadyConfirmed => "die ordnungsgemäße Ladung ist bereits bestätigt".into(),
        DomainError::AlreadyOpen(d) => format!("{} ist bereits aufgerufen", id(d)),
        DomainError::NoCurrentItem => "kein Tagesordnungspunkt ist aufgerufen".into(),
        DomainError::SignedOff => {
            "die Sitzung ist freigegeben; Änderungen nur als protokollierte Änderung".into()
        }
        DomainError::RoundNotRevealed { dossier, round } => {
            format!("Runde {round} von {} ist noch nicht aufgedeckt", id(dossier))
        }
        DomainError::AlreadyRevealed { dossier, round } => {
            format!("Runde {round} von {} ist bereits aufgedeckt", id(dossier))
        }
        DomainError::NoScores { dossier, round } => {
            format!("Runde {round} von {} hat noch keine Punktzahlen", id(dossier))
        }
        DomainError::SameScore(v) => {
            format!("die Punktzahl ist bereits {}", crate::ui::format::decimal(*v, 6, Language::De))
        }
        _ => return None,
    })
}

/// The values a scale allows: "erlaubt: 0–4 in Schritten von 1".
pub fn allowed(scale: Scale, s: &Strings) -> String {
    s.scoring
        .allowed
        .replace("{min}", &number(scale.min, s))
        .replace("{max}", &number(scale.max, s))
        .replace("{step}", &number(scale.step, s))
}

fn number(x: f64, s: &Strings) -> String {
    let lang = if s.lang_code.eq_ignore_ascii_case("de") { Language::De } else { Language::En };
    crate::ui::format::decimal(x, 6, lang)
}

fn index(a: Action) -> usize {
    match a {
        Action::SessionOpened => 0,
        Action::SessionResumed => 1,
        Action::InputsAccepted => 2,
        Action::DulyInvitedConfirmed => 3,
        Action::MarkedPresent => 4,
        Action::MarkedAbsent => 5,
        Action::Arrived => 6,
        Action::Left => 7,
        Action::ConflictDeclared => 8,
        Action::ItemMoved => 9,
        Action::ItemDeferred => 10,
        Action::ItemOpened => 11,
        Action::ItemClosed => 12,
        Action::RoundOpened => 13,
        Action::ScoreEntered => 14,
        Action::ScoreCorrected => 15,
        Action::ScoresRevealed => 16,
        Action::VoteRecorded => 17,
        Action::DecisionRecorded => 18,
        Action::NoteAdded => 19,
        Action::SignedOff => 20,
        Action::Amendment => 21,
        Action::Undo => 22,
        Action::Redo => 23,
    }
}
