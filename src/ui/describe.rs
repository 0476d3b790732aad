//! Recorded events and refusals put into words in the screen language.

use super::strings::Strings;
use crate::domain::{Action, Description, DomainError};
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
pub fn refusal(e: &DomainError, s: &Strings) -> String {
    let de = s.lang_code.eq_ignore_ascii_case("de");
    match e {
        DomainError::NothingToUndo if de => "nichts rückgängig zu machen".into(),
        DomainError::NothingToRedo if de => "nichts wiederherzustellen".into(),
        DomainError::EmptyText if de => "der Text ist leer".into(),
        DomainError::AlreadyDeferred(id) if de => format!("{} ist bereits zurückgestellt", clean_line(id)),
        DomainError::NothingToMove(id) if de => format!("{} steht bereits an dieser Stelle", clean_line(id)),
        // Attendance, conflicts and the current item (issue 4).
        DomainError::UnknownMember(id) if de => format!("unbekanntes Mitglied „{}“", clean_line(id)),
        DomainError::UnknownDossier(id) if de => format!("unbekanntes Dossier „{}“", clean_line(id)),
        DomainError::NotPresent(id) if de => format!("{} ist nicht anwesend", clean_line(id)),
        DomainError::AlreadyPresent(id) if de => format!("{} ist bereits anwesend", clean_line(id)),
        DomainError::NotVoting(id) if de => format!("{} ist nicht stimmberechtigt", clean_line(id)),
        DomainError::Conflicted { member, dossier } if de => {
            format!("{} ist bei {} befangen", clean_line(member), clean_line(dossier))
        }
        DomainError::AlreadyConflicted { member, dossier } if de => {
            format!(
                "für {} ist bei {} bereits eine Befangenheit erklärt",
                clean_line(member),
                clean_line(dossier)
            )
        }
        DomainError::AlreadyConfirmed if de => "die ordnungsgemäße Ladung ist bereits bestätigt".into(),
        DomainError::AlreadyOpen(id) if de => format!("{} ist bereits aufgerufen", clean_line(id)),
        DomainError::NoCurrentItem if de => "kein Punkt ist aufgerufen".into(),
        DomainError::SignedOff if de => {
            "die Sitzung ist freigegeben; Änderungen nur als protokollierte Änderung".into()
        }
        other => clean_line(&other.to_string()).into_owned(),
    }
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
