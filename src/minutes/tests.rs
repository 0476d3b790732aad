//! The minutes of a small session built command by command: roll call
//! with a late arrival and an early departure, a pre-declared and a live
//! conflict, a scored and revealed item, notes, a deferral.

use crate::domain::DeferralReason;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;
use crate::domain::{Actor, Event, Language, Outcome, Session, SessionState, fixture};
use crate::procedure::Command;

fn t(h: u32, m: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:{m:02}:00+01:00")).unwrap()
}

/// Commands carried out through `decide` and `apply`, each recorded at a
/// given time.
struct Run {
    state: SessionState,
    seq: u64,
}

impl Run {
    fn new(session: Session) -> Run {
        Run { state: SessionState::new(Arc::new(session)), seq: 0 }
    }

    fn at(&mut self, at: DateTime<FixedOffset>, command: Command) {
        let kinds =
            crate::procedure::decide(&self.state, &command).unwrap_or_else(|e| panic!("{command:?}: {e}"));
        for event in kinds {
            let e = Event { v: 1, seq: self.seq, at, actor: Actor::Chair, prev: Default::default(), event };
            self.state.apply(&e).unwrap();
            self.seq += 1;
        }
    }
}

fn session(lang: Language) -> Session {
    let mut s = fixture::session(3, 4, 2);
    let def = &mut s.definition;
    def.language = lang;
    def.date = NaiveDate::from_ymd_opt(2026, 11, 26);
    def.place = Some("Wiesbaden".into());
    def.secretary = Some("C. Protokoll".into());
    def.members[0].organisation = Some("Ministerium".into());
    def.members[4].organisation = Some("Agentur".into());
    s
}

fn present(member: &str, at: DateTime<FixedOffset>) -> Command {
    Command::MarkPresent { member: member.into(), at }
}

fn score(member: &str, criterion: &str, value: f64) -> Command {
    Command::EnterScore { dossier: "D0000".into(), member: member.into(), criterion: criterion.into(), value }
}

/// The session of the module comment, as it stands at 11:00.
fn under_way(lang: Language) -> Run {
    let mut r = Run::new(session(lang));
    r.at(t(9, 0), Command::ConfirmDulyInvited);
    for m in ["m00", "m01", "m03", "adv"] {
        r.at(t(9, 0), present(m, t(9, 0)));
    }
    r.at(t(9, 0), Command::MarkAbsent { member: "m02".into(), at: t(9, 0) });
    r.at(t(9, 41), Command::Arrive { member: "m02".into(), at: t(9, 40) });
    r.at(t(9, 45), Command::OpenItem { dossier: "D0000".into() });
    for (m, c0, c1) in [("m00", 3.0, 4.0), ("m02", 1.0, 4.0), ("m03", 4.0, 3.0)] {
        r.at(t(9, 48), score(m, "c0", c0));
        r.at(t(9, 48), score(m, "c1", c1));
    }
    r.at(t(9, 50), Command::RevealScores { dossier: "D0000".into() });
    r.at(t(9, 52), Command::AddNote { text: "Konzept überzeugt".into(), dossier: Some("D0000".into()) });
    r.at(t(9, 55), Command::CloseItem);
    r.at(t(10, 16), Command::Leave { member: "m03".into(), at: t(10, 15) });
    let conflict = Command::DeclareConflict {
        member: "m02".into(),
        dossier: "D0001".into(),
        reason: Some("Wohnt im Gebiet".into()),
    };
    r.at(t(10, 20), conflict);
    r.at(t(10, 25), Command::OpenItem { dossier: "D0001".into() });
    r.at(t(10, 30), Command::AddNote { text: "Kurze Pause".into(), dossier: None });
    r.at(t(10, 35), Command::DeferItem { dossier: "D0001".into(), reason: Some("Unterlagen fehlen".into()) });
    r
}

fn blocks<'m>(m: &'m Minutes, heading: &str) -> &'m [Block] {
    &m.section(heading).unwrap_or_else(|| panic!("no section {heading:?}")).blocks
}

fn rows(block: &Block) -> Vec<String> {
    match block {
        Block::Table(t) => t.rows.iter().map(|r| r.join(" | ")).collect(),
        Block::Fields(f) => f.iter().map(|(l, v)| format!("{l}: {v}")).collect(),
        Block::Paragraph(p) => vec![p.iter().map(Inline::text).collect()],
        Block::Note(n) => vec![format!("{} – {}", n.lead, n.text)],
        other => vec![format!("{other:?}")],
    }
}

fn lines(blocks: &[Block]) -> Vec<String> {
    blocks.iter().flat_map(rows).collect()
}

#[test]
fn particulars_attendance_and_quorum_findings() {
    let m = build(&under_way(Language::De).state, t(11, 0));
    assert!(m.draft);
    assert_eq!(m.status, "nicht freigegeben, Stand 26.11.2026, 11:00 Uhr");
    assert_eq!(
        lines(blocks(&m, "Sitzung")),
        [
            "Gremium: Test session",
            "Datum: 26.11.2026",
            "Ort: Wiesbaden",
            "Beginn: 09:00 Uhr",
            "Ende: — (noch nicht freigegeben)",
            "Vorsitz: Member 0, Ministerium",
            "Protokollführung: C. Protokoll",
        ]
    );
    let quorum = blocks(&m, "Ladung und Beschlussfähigkeit");
    assert_eq!(
        rows(&quorum[0]),
        ["09:00 Uhr: Der Vorsitz stellte fest, dass alle Mitglieder ordnungsgemäß geladen wurden \
          (§ 90 Abs. 1 VwVfG)."]
    );
    assert_eq!(
        rows(&quorum[2]),
        [
            "09:00 Uhr | Namensaufruf (Eröffnung) | 3 von 4 | 3 | beschlussfähig",
            "09:40 Uhr | Member 2 eingetroffen | 4 von 4 | 3 | beschlussfähig",
            "10:15 Uhr | Member 3 gegangen | 3 von 4 | 3 | beschlussfähig",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Anwesenheit")),
        [
            "Member 0 | Ministerium | Vorsitz, stimmberechtigt | ab 09:00 Uhr",
            "Member 1 | — | Mitglied, stimmberechtigt | ab 09:00 Uhr",
            "Member 2 | — | Mitglied, stimmberechtigt | ab 09:40 Uhr (verspätet)",
            "Member 3 | — | Mitglied, stimmberechtigt | 09:00 Uhr bis 10:15 Uhr",
            "Advisor | Agentur | beratendes Mitglied | ab 09:00 Uhr",
            "Anwesend zum Stand dieser Niederschrift: 3 von 4 stimmberechtigten und 1 von 1 weiteren \
             Mitgliedern.",
        ]
    );
}

#[test]
fn conflicts_agenda_and_the_items_dealt_with() {
    let m = build(&under_way(Language::De).state, t(11, 0));
    assert_eq!(
        lines(blocks(&m, "Befangenheit"))[..2],
        [
            "Member 1 | D0000 – Town 0, Quarter 0 | pre-declared | vor der Sitzung",
            "Member 2 | D0001 – Town 1, Quarter 1 | Wohnt im Gebiet | 10:20 Uhr",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Tagesordnung")),
        [
            "1 | D0000 – Town 0, Quarter 0 | 600.000\u{a0}€ | behandelt als TOP 1",
            "2 | D0001 – Town 1, Quarter 1 | 700.000\u{a0}€ | zurückgestellt (TOP 2)",
            "3 | D0002 – Town 2, Quarter 2 | 800.000\u{a0}€ | nicht behandelt",
        ]
    );
    let headings: Vec<&str> = m.headings().collect();
    assert_eq!(
        headings,
        [
            "Sitzung",
            "Ladung und Beschlussfähigkeit",
            "Anwesenheit",
            "Befangenheit",
            "Bewertungsgrundlagen",
            "Tagesordnung",
            "Beratung der Tagesordnungspunkte",
            "TOP 1: D0000 – Town 0, Quarter 0",
            "TOP 2: D0001 – Town 1, Quarter 1",
            "Weitere Notizen des Vorsitzes",
            "Ergebnis",
            "Freigabe",
            "Unterschriften",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "TOP 1: D0000 – Town 0, Quarter 0")),
        [
            "Beantragte Mittel: 600.000\u{a0}€",
            "Aufgerufen: 09:45 Uhr bis 09:55 Uhr",
            "Beratungsdauer: 10 Min.",
            "Beschlussfähigkeit beim Aufruf: 3 von mindestens 3 Stimmberechtigten ohne Befangenheit \
             anwesend – beschlussfähig",
            "Sitzungsleitung: Member 0",
            "Nicht beteiligt (Befangenheit): Member 1 (vor der Sitzung erklärt; nicht im Raum)",
            "Bewertungsrunde 1, aufgedeckt 09:50 Uhr",
            "Member 0 | 3 | 4",
            "Member 2 | 1 | 4",
            "Member 3 | 4 | 3",
            "Mittelwert | 2,67 | 3,67",
            "Spannweite | 3 ⚑ | 1",
            "⚑ Uneinigkeit (Spannweite ab 2) bei: K1 Criterion 0.",
            "Gewichtete Gesamtpunktzahl: 3,19 von 4 (79,8\u{a0}%).",
            "Notiz, 09:52 Uhr – Konzept überzeugt",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "TOP 2: D0001 – Town 1, Quarter 1")),
        [
            "Beantragte Mittel: 700.000\u{a0}€",
            "Aufgerufen: 10:25 Uhr bis 10:35 Uhr",
            "Beratungsdauer: 10 Min.",
            "Beschlussfähigkeit beim Aufruf: 2 von mindestens 3 Stimmberechtigten ohne Befangenheit \
             anwesend – nicht beschlussfähig",
            "Sitzungsleitung: Member 0",
            "Nicht beteiligt (Befangenheit): Member 2 (erklärt 10:20 Uhr; nicht im Raum)",
            "10:35 Uhr: zurückgestellt. Grund: Unterlagen fehlen",
        ]
    );
    assert_eq!(lines(blocks(&m, "Weitere Notizen des Vorsitzes")), ["Notiz, 10:30 Uhr – Kurze Pause"]);
    assert_eq!(
        lines(blocks(&m, "Freigabe")),
        ["Die Sitzung ist noch nicht freigegeben; diese Niederschrift ist ein Entwurf."]
    );
    let Block::Signatures(s) = &blocks(&m, "Unterschriften")[0] else { panic!("signature lines") };
    let signers: Vec<(&str, &str)> = s.signers.iter().map(|x| (x.role.as_str(), x.name.as_str())).collect();
    assert_eq!(signers, [("Vorsitz", "Member 0"), ("Protokollführung", "C. Protokoll")]);
}

#[test]
fn an_open_item_counts_to_now_and_a_running_round_shows_no_values() {
    let mut r = under_way(Language::De);
    r.at(t(10, 40), Command::OpenItem { dossier: "D0002".into() });
    r.at(
        t(10, 41),
        Command::EnterScore {
            dossier: "D0002".into(),
            member: "m00".into(),
            criterion: "c0".into(),
            value: 2.0,
        },
    );
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2"))[1..3],
        ["Aufgerufen: seit 10:40 Uhr (läuft)", "Beratungsdauer: 20 Min."]
    );
    // Three eligible (m03 left) × two criteria; the value stays hidden.
    assert_eq!(
        lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2")).last().map(String::as_str),
        Some("Bewertungsrunde 1 läuft: 1 von 6 Bewertungen erfasst, noch nicht aufgedeckt.")
    );
}

#[test]
fn an_early_reveal_a_second_round_and_a_late_conflict() {
    let mut r = under_way(Language::De);
    r.at(t(10, 40), Command::OpenItem { dossier: "D0002".into() });
    let d2 = |m: &str, c: &str, v: f64| Command::EnterScore {
        dossier: "D0002".into(),
        member: m.into(),
        criterion: c.into(),
        value: v,
    };
    r.at(t(10, 41), d2("m00", "c0", 2.0));
    r.at(t(10, 42), Command::RevealScores { dossier: "D0002".into() });
    r.at(t(10, 43), Command::OpenRound { dossier: "D0002".into() });
    for (m, v) in [("m00", 2.0), ("m01", 3.0), ("m02", 4.0)] {
        r.at(t(10, 44), d2(m, "c0", v));
        r.at(t(10, 44), d2(m, "c1", v));
    }
    r.at(t(10, 45), Command::RevealScores { dossier: "D0002".into() });
    let late = Command::DeclareConflict { member: "m01".into(), dossier: "D0002".into(), reason: None };
    r.at(t(10, 50), late);
    let m = build(&r.state, t(11, 0));
    let item = lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2"));
    assert_eq!(
        item[4..],
        [
            "Sitzungsleitung: Member 0",
            "Nicht beteiligt (Befangenheit): Member 1 (erklärt 10:50 Uhr; nicht im Raum)",
            "Bewertungsrunde 1, aufgedeckt 10:42 Uhr – vorzeitig, vor Eingang aller Bewertungen",
            "Member 0 | 2 | —",
            "Mittelwert | 2 | —",
            "Spannweite | 0 | 0",
            "Keine Gesamtpunktzahl: Nicht für jedes Kriterium liegt eine Bewertung vor.",
            "10:43 Uhr: Bewertungsrunde 2 eröffnet.",
            "Bewertungsrunde 2, aufgedeckt 10:45 Uhr – maßgeblich",
            "Member 0 | 2 | 2",
            "Member 2 | 4 | 4",
            "Mittelwert | 3 | 3",
            "Spannweite | 2 ⚑ | 2 ⚑",
            "⚑ Uneinigkeit (Spannweite ab 2) bei: K1 Criterion 0, K2 Criterion 1.",
            "Gewichtete Gesamtpunktzahl: 3 von 4 (75\u{a0}%).",
            "Wegen Befangenheit nicht gewertet: Bewertungen von Member 1.",
        ]
    );
}

#[test]
fn undone_actions_are_not_in_the_minutes() {
    let mut r = under_way(Language::De);
    r.at(t(10, 40), Command::AddNote { text: "Versehen".into(), dossier: None });
    r.at(t(10, 41), Command::Undo);
    let m = build(&r.state, t(11, 0));
    assert_eq!(lines(blocks(&m, "Weitere Notizen des Vorsitzes")), ["Notiz, 10:30 Uhr – Kurze Pause"]);
}

#[test]
fn sign_off_and_amendments_with_the_day_they_happened() {
    let mut r = under_way(Language::De);
    for d in ["D0000", "D0001", "D0002"] {
        let defer = Command::RecordDecision {
            dossier: d.into(),
            outcome: Outcome::Deferred,
            rationale: None,
            deferral: DeferralReason::Withdrawn,
        };
        r.at(t(10, 50), defer);
    }
    r.at(t(11, 0), Command::SignOff { by: "m00".into() });
    let next_day = DateTime::parse_from_rfc3339("2026-11-27T08:30:00+01:00").unwrap();
    let note = Command::AddNote { text: "Nachtrag".into(), dossier: None };
    r.at(next_day, Command::Amend { reason: "Schreibfehler".into(), command: Box::new(note) });
    let m = build(&r.state, next_day);
    assert!(!m.draft);
    assert_eq!(m.status, "Freigegeben am 26.11.2026, 11:00 Uhr durch Member 0.");
    assert_eq!(
        lines(blocks(&m, "Freigabe")),
        [
            "Die Sitzung wurde am 26.11.2026, 11:00 Uhr durch Member 0 freigegeben.",
            "27.11.2026, 08:30 Uhr | Schreibfehler | Notiz: „Nachtrag“",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Weitere Notizen des Vorsitzes")),
        ["Notiz, 10:30 Uhr – Kurze Pause", "Notiz, 27.11.2026, 08:30 Uhr – Nachtrag"]
    );
    // The session ended with its sign-off; the amendment on the next day
    // is not a day of the session.
    let session = lines(blocks(&m, "Sitzung"));
    assert_eq!(
        session[1..5],
        ["Datum: 26.11.2026", "Ort: Wiesbaden", "Beginn: 09:00 Uhr", "Ende: 11:00 Uhr"]
    );
}

#[test]
fn the_minutes_carry_the_days_the_session_was_held_and_warn_when_the_file_says_otherwise() {
    let mut r = under_way(Language::De);
    let next_day =
        |h, m| DateTime::parse_from_rfc3339(&format!("2026-11-27T{h:02}:{m:02}:00+01:00")).unwrap();
    r.at(next_day(9, 0), Command::AddNote { text: "Fortsetzung am Folgetag".into(), dossier: None });
    let m = build(&r.state, next_day(9, 30));
    let session = lines(blocks(&m, "Sitzung"));
    assert_eq!(session[1], "Datum: 26.11.2026, 27.11.2026");
    assert_eq!(
        session.last().map(String::as_str),
        Some(
            "⚠ Die Sitzungsdatei nennt als Datum den 26.11.2026; die erfassten Vorgänge fanden am 26.11.2026, 27.11.2026 statt."
        )
    );
    let mut en = under_way(Language::En);
    let mut def = (*en.state.session).clone();
    def.definition.date = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
    en.state.session = std::sync::Arc::new(def);
    let m = build(&en.state, t(11, 0));
    let session = lines(blocks(&m, "Session"));
    assert_eq!(session[1], "Date: 2026-11-26");
    assert_eq!(
        session.last().map(String::as_str),
        Some(
            "⚠ The session file gives the date 2026-11-25; the recorded proceedings took place on 2026-11-26."
        )
    );
}

#[test]
fn english_minutes_follow_the_session_language() {
    let m = build(&under_way(Language::En).state, t(11, 0));
    assert_eq!(m.heading, "Minutes");
    assert_eq!(m.status, "not signed off, as of 2026-11-26 11:00");
    assert_eq!(
        rows(&blocks(&m, "Invitation and quorum")[2])[1],
        "09:40 | Member 2 arrived | 4 of 4 | 3 | quorate"
    );
    assert_eq!(
        lines(blocks(&m, "Item 1: D0000 – Town 0, Quarter 0"))[10..14],
        [
            "Mean | 2.67 | 3.67",
            "Spread | 3 ⚑ | 1",
            "⚑ Disputed (spread of 2 or more): C1 Criterion 0.",
            "Weighted total: 3.19 of 4 (79.8%).",
        ]
    );
}

#[test]
fn nothing_recorded_yet() {
    let state = SessionState::new(Arc::new(session(Language::De)));
    let m = build(&state, t(8, 0));
    let quorum = lines(blocks(&m, "Ladung und Beschlussfähigkeit"));
    assert_eq!(
        quorum[0],
        "Die ordnungsgemäße Ladung aller Mitglieder ist nicht festgestellt; ohne sie ist das Gremium nicht beschlussfähig."
    );
    assert_eq!(quorum[2], "Es wurde noch keine Anwesenheit erfasst.");
    assert_eq!(
        lines(blocks(&m, "Beratung der Tagesordnungspunkte")),
        ["Es wurde noch kein Punkt behandelt."]
    );
    assert_eq!(
        lines(blocks(&m, "Anwesenheit"))[0],
        "Member 0 | Ministerium | Vorsitz, stimmberechtigt | nicht erfasst"
    );
}

#[test]
fn placeholders_in_names_are_left_alone() {
    let mut s = session(Language::De);
    s.definition.members[1].name = "{clock} {name}".into();
    let mut r = Run::new(s);
    let c = Command::DeclareConflict { member: "m01".into(), dossier: "D0001".into(), reason: None };
    r.at(t(9, 5), c);
    r.at(t(9, 6), Command::OpenItem { dossier: "D0001".into() });
    let m = build(&r.state, t(9, 10));
    assert_eq!(
        lines(blocks(&m, "TOP 1: D0001 – Town 1, Quarter 1"))[4..6],
        [
            "Sitzungsleitung: weder Vorsitz noch Stellvertretung anwesend und unbefangen",
            "Nicht beteiligt (Befangenheit): {clock} {name} (erklärt 09:05 Uhr; nicht im Raum)"
        ]
    );
}

mod render;
mod votes;

#[test]
fn a_second_invitation_is_stated_at_its_item() {
    let mut s = session(Language::De);
    s.definition.reinvited = vec![crate::domain::Reinvited {
        dossier: "D0001".into(),
        note: Some("Ladung vom 12.11.2026".into()),
    }];
    let mut r = Run::new(s);
    r.at(t(9, 0), Command::ConfirmDulyInvited);
    r.at(t(9, 0), present("m00", t(9, 0)));
    r.at(t(9, 5), Command::OpenItem { dossier: "D0001".into() });
    r.at(t(9, 6), Command::ConfirmReinvitation { dossier: "D0001".into() });
    assert!(crate::rules::item_quorum(&r.state, "D0001").reached(), "one member present is enough now");
    assert!(!crate::rules::item_quorum(&r.state, "D0002").reached(), "for this item only");
    let m = build(&r.state, t(9, 10));
    let item = lines(blocks(&m, "TOP 1: D0001 – Town 1, Quarter 1"));
    assert!(
        item.contains(&"Wiederholte Ladung (§ 90 Abs. 2 VwVfG): der Hinweis in der Ladung wurde um 09:06 Uhr festgestellt; für diesen Punkt ist das Gremium ohne Rücksicht auf die Zahl der Anwesenden beschlussfähig – Ladung vom 12.11.2026".to_string()),
        "{item:?}"
    );
}

#[test]
fn a_conflict_the_committee_decided_is_stated_at_the_item() {
    let mut r = Run::new(session(Language::De));
    r.at(t(9, 0), Command::ConfirmDulyInvited);
    for m in ["m00", "m01", "m02", "m03"] {
        r.at(t(9, 0), present(m, t(9, 0)));
    }
    r.at(t(9, 58), Command::OpenItem { dossier: "D0001".into() });
    let decide =
        Command::DecideConflict { member: "m03".into(), dossier: "D0001".into(), yes: 2, no: 0, abstain: 1 };
    r.at(t(10, 0), decide);
    let m = build(&r.state, t(10, 5));
    let item = lines(blocks(&m, "TOP 1: D0001 – Town 1, Quarter 1"));
    assert!(
        item.contains(&"Befangenheit vom Gremium entschieden (§ 20 Abs. 4 VwVfG, ohne das Mitglied): Member 3 ausgeschlossen um 10:00 Uhr (2:0:1); verließ für diesen Punkt den Raum".to_string()),
        "{item:?}"
    );
    assert_eq!(
        crate::rules::item_quorum(&r.state, "D0001").present,
        3,
        "the excluded member no longer counts"
    );
}

/// A long session (with an en-bloc-free run of items, amendments-free)
/// cut at `limit` events, as the benchmark builds it.
fn long_state(limit: usize) -> SessionState {
    let session = Arc::new(fixture::session(12, 5, 2));
    let events =
        fixture::as_events(fixture::long_session(12, 5, 2, limit), t(9, 0), chrono::TimeDelta::seconds(1));
    SessionState::replay(session, events).unwrap()
}

/// Built a step at a time (as the minutes screen does between keys), the
/// document is the one built at once, piece for piece, at every budget.
#[test]
fn built_in_stretches_the_minutes_are_the_whole_build() {
    assert_eq!(state_parts(&long_state(200)), 12);
    for limit in [0, 3, 40, 97, 200] {
        let state = long_state(limit);
        let now = t(18, 0);
        let whole = build(&state, now);
        for steps in [1, 2, 5, 1000] {
            let mut builder = Builder::new(&state, now);
            let (mut head, mut sections, mut calls, mut percents) =
                (None, Vec::new(), 0, vec![builder.percent()]);
            loop {
                let mut left = steps;
                let mut more = || {
                    left -= 1;
                    left > 0
                };
                calls += 1;
                let done = builder.advance(&state, None, &mut more, &mut |piece| match piece {
                    Piece::Head(h) => head = Some(h),
                    Piece::Section(s) => sections.push(s),
                });
                percents.push(builder.percent());
                if done {
                    break;
                }
                assert!(calls < 10_000, "no end at limit {limit}, {steps} steps");
            }
            assert!(builder.is_done());
            let mut built = head.unwrap();
            built.sections = sections;
            assert_eq!(built, whole, "limit {limit}, {steps} steps a stretch");
            assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
            assert_eq!(percents.last(), Some(&100));
            if steps == 1 {
                // the walk (short here), head, seven opening sections (one
                // without ballots is none), the items' heading, every
                // part, the look for one more, four closing sections
                assert_eq!(calls, 15 + state_parts(&state), "limit {limit}");
            }
        }
    }
}

fn state_parts(state: &SessionState) -> usize {
    timeline::Timeline::of(state).parts.len()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// For random runs (undo, redo, attendance, conflicts, votes, sign-off
    /// and amendments): after every event the timeline walked in merge
    /// order is the one walked on the sorted actions, and at the end the
    /// minutes built a step at a time are the ones built at once.
    #[test]
    fn the_merged_walk_and_the_stretched_build_agree(ops in proptest::collection::vec(
        (0u8..22, 0usize..4, 0usize..5, 0usize..4, 0u8..20), 1..80)
    ) {
        let session = Arc::new(fixture::session(4, 4, 2));
        let mut state = SessionState::new(session);
        crate::record::replay_proptest::drive(&mut state, ops, |state, event| {
            state.apply(&event).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            proptest::prop_assert_eq!(timeline::Timeline::of(state), timeline::Timeline::of_sorted(state));
            Ok(())
        })?;
        let now = t(18, 0);
        let mut builder = Builder::new(&state, now);
        let (mut head, mut sections) = (None, Vec::new());
        while !builder.advance(&state, None, &mut || false, &mut |piece| match piece {
            Piece::Head(h) => head = Some(h),
            Piece::Section(s) => sections.push(s),
        }) {}
        let mut built = head.unwrap();
        built.sections = sections;
        proptest::prop_assert_eq!(built, build(&state, now));
    }
}

/// Should the undo history ever be out of seq order, the walk notices the
/// merge going backwards and starts again on the sorted actions.
#[test]
fn an_undo_history_out_of_order_is_walked_sorted() {
    let mut state = long_state(60);
    let merged = timeline::Timeline::of(&state);
    state.history.done.swap(10, 30);
    let walked = timeline::Timeline::of(&state);
    assert_eq!(walked, timeline::Timeline::of_sorted(&state));
    // The actions are the same, so is the timeline they make.
    assert_eq!(walked, merged);
}
