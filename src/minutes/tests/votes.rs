//! Votes and decisions in the minutes: an item vote carried with
//! abstentions, a rejected one, a tie the chair decides by name, the
//! qualified majorities' arithmetic, an en-bloc vote, a departure over
//! the budget with its rationale, a deferral, an undone vote, and the
//! result of the session.

use crate::domain::DeferralReason;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::super::*;
use super::{Run, blocks, lines, t};
use crate::domain::{Ballot, Language, Majority, Outcome, Proposal, Session, VoteSubject, fixture};
use crate::procedure::Command;

/// Nine voting members (`m01` conflicted on D0000), four dossiers of
/// 600.000 € to 900.000 €, a budget of 2.000.000 € for at most two.
fn session(lang: Language, majority: Majority) -> Session {
    let mut s = fixture::session(4, 9, 2);
    let def = &mut s.definition;
    def.language = lang;
    def.date = NaiveDate::from_ymd_opt(2026, 11, 26);
    def.rules.majority = majority;
    def.budget.available_eur = 2_000_000;
    def.budget.max_admissions = Some(2);
    def.budget.waiting_list = 1;
    s
}

/// Everybody present, every dossier scored by the chair and revealed:
/// the ranking proposes D0000 and D0001, D0002 waits, D0003 is not
/// admitted.
fn ready(lang: Language, majority: Majority) -> Run {
    let mut r = Run::new(session(lang, majority));
    r.at(t(9, 0), Command::ConfirmDulyInvited);
    for i in 0..9 {
        r.at(t(9, 0), Command::MarkPresent { member: format!("m{i:02}"), at: t(9, 0) });
    }
    for (i, v) in [4.0, 3.0, 2.0, 1.0].into_iter().enumerate() {
        let dossier = format!("D{i:04}");
        for c in ["c0", "c1"] {
            let score = Command::EnterScore {
                dossier: dossier.clone(),
                member: "m00".into(),
                criterion: c.into(),
                value: v,
            };
            r.at(t(9, 10), score);
        }
        r.at(t(9, 20), Command::RevealScores { dossier });
    }
    r
}

fn vote(subject: VoteSubject, (yes, no, abstain): (u32, u32, u32)) -> Command {
    Command::RecordVote {
        subject,
        motion: None,
        yes,
        no,
        abstain,
        ballots: BTreeMap::new(),
        tie_choice: None,
        rationale: None,
    }
}

fn on(dossier: &str, outcome: Outcome) -> VoteSubject {
    VoteSubject::Dossier { dossier: dossier.into(), outcome }
}

/// The item's lines from its first vote on (facts and scores left out).
fn from_vote(m: &Minutes, heading: &str) -> Vec<String> {
    let all = lines(blocks(m, heading));
    let first = all.iter().position(|l| l.starts_with("Abstimmung") || l.starts_with("Vote")).unwrap_or(0);
    all[first..].to_vec()
}

#[test]
fn a_carried_vote_with_abstentions_and_a_conflicted_member() {
    let mut r = ready(Language::De, Majority::Simple);
    let mut v = vote(on("D0000", Outcome::Admitted), (5, 2, 1));
    if let Command::RecordVote { motion, .. } = &mut v {
        *motion = Some("Aufnahme wie vorgeschlagen".into());
    }
    r.at(t(10, 0), v);
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "TOP 1: D0000 – Town 0, Quarter 0"),
        [
            "Abstimmung, 10:00 Uhr",
            "Antrag: Aufnahme in das Programm. Wortlaut: „Aufnahme wie vorgeschlagen“",
            "beschlussfähig: 8 stimmberechtigte Mitglieder ohne Befangenheit anwesend, erforderlich 5",
            "5 Ja, 2 Nein, 1 Enthaltung – einfache Mehrheit erreicht – angenommen",
            "Wegen Befangenheit nicht abgestimmt: Member 1.",
            "Beschluss: D0000 wird aufgenommen.",
        ]
    );
}

#[test]
fn a_rejected_vote_then_a_tie_the_chair_decides_by_name() {
    let mut r = ready(Language::De, Majority::Simple);
    r.at(t(10, 0), vote(on("D0001", Outcome::Admitted), (2, 5, 2)));
    let ballots: BTreeMap<String, Ballot> = [
        ("m00", Ballot::Yes),
        ("m02", Ballot::Yes),
        ("m03", Ballot::Yes),
        ("m04", Ballot::No),
        ("m05", Ballot::No),
        ("m06", Ballot::No),
        ("m07", Ballot::Abstain),
    ]
    .into_iter()
    .map(|(m, b)| (m.to_string(), b))
    .collect();
    let mut v = vote(on("D0001", Outcome::Admitted), (3, 3, 1));
    if let Command::RecordVote { ballots: b, .. } = &mut v {
        *b = ballots;
    }
    r.at(t(10, 5), v);
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "TOP 2: D0001 – Town 1, Quarter 1"),
        [
            "Abstimmung, 10:00 Uhr",
            "Antrag: Aufnahme in das Programm",
            "beschlussfähig: 9 stimmberechtigte Mitglieder ohne Befangenheit anwesend, erforderlich 5",
            "2 Ja, 5 Nein, 2 Enthaltungen – einfache Mehrheit verfehlt – abgelehnt",
            "Abstimmung, 10:05 Uhr",
            "Antrag: Aufnahme in das Programm",
            "beschlussfähig: 9 stimmberechtigte Mitglieder ohne Befangenheit anwesend, erforderlich 5",
            "3 Ja, 3 Nein, 1 Enthaltung – Stimmengleichheit – Stimme des Vorsitzes (Ja) gibt den \
             Ausschlag – angenommen",
            "Namentliche Abstimmung – Ja: Member 0, Member 2, Member 3; Nein: Member 4, Member 5, \
             Member 6; Enthaltung: Member 7.",
            "Beschluss: D0001 wird aufgenommen.",
        ]
    );
}

#[test]
fn a_tie_without_the_chair_is_deemed_rejected() {
    let mut r = ready(Language::En, Majority::Simple);
    r.at(t(10, 0), vote(on("D0002", Outcome::WaitingList { position: 1 }), (4, 4, 0)));
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "Item 3: D0002 – Town 2, Quarter 2"),
        [
            "Vote, 10:00",
            "Motion: a place on the waiting list, position 1",
            "quorate: 9 voting members without a conflict present, 5 required",
            "4 yes, 4 no, 0 abstentions – tie – deemed rejected",
        ]
    );
}

#[test]
fn qualified_majorities_show_their_arithmetic() {
    let mut r = ready(Language::De, Majority::Absolute);
    r.at(t(10, 0), vote(on("D0000", Outcome::Admitted), (5, 0, 3)));
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "TOP 1: D0000 – Town 0, Quarter 0")[3],
        "5 Ja, 0 Nein, 3 Enthaltungen – absolute Mehrheit (mind. 5 von 8) erreicht – angenommen"
    );

    let mut r = ready(Language::De, Majority::TwoThirds);
    r.at(t(10, 0), vote(on("D0001", Outcome::Admitted), (5, 4, 0)));
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "TOP 2: D0001 – Town 1, Quarter 1")[3],
        "5 Ja, 4 Nein, 0 Enthaltungen – Zweidrittelmehrheit (mind. 6 von 9 abgegebenen Ja/Nein-Stimmen) \
         verfehlt – abgelehnt"
    );
}

#[test]
fn a_departure_over_the_budget_with_its_rationale() {
    let mut r = ready(Language::De, Majority::Simple);
    r.at(t(10, 0), vote(on("D0000", Outcome::Admitted), (8, 0, 0)));
    r.at(t(10, 2), vote(on("D0001", Outcome::Admitted), (9, 0, 0)));
    let mut v = vote(on("D0003", Outcome::Admitted), (6, 3, 0));
    if let Command::RecordVote { rationale, .. } = &mut v {
        *rationale = Some("Ortsteil mit besonderem Bedarf".into());
    }
    r.at(t(10, 10), v);
    let m = build(&r.state, t(11, 0));
    assert_eq!(
        from_vote(&m, "TOP 4: D0003 – Town 3, Quarter 3")[3..],
        [
            "6 Ja, 3 Nein, 0 Enthaltungen – einfache Mehrheit erreicht – angenommen",
            "Beschluss: D0003 wird aufgenommen.",
            "⚑ weicht von der Rangfolge ab, über dem Budget",
            "Begründung: Ortsteil mit besonderem Bedarf",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Ergebnis"))[..4],
        [
            "In das Programm aufgenommen",
            "1 | D0000 | Town 0 | 600.000\u{a0}€",
            "2 | D0001 | Town 1 | 700.000\u{a0}€",
            "4 | D0003 | Town 3 | 900.000\u{a0}€",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Ergebnis"))[10..],
        [
            "⚠ Noch ohne Beschluss (1): D0002.",
            "Aufnahmen: 3 von höchstens 2 – Höchstzahl überschritten",
            "Summe der aufgenommenen Vorhaben: 2.200.000\u{a0}€",
            "Verfügbare Mittel: 2.000.000\u{a0}€",
            "Überschreitung: 200.000\u{a0}€ über dem Budget",
        ]
    );
}

#[test]
fn an_en_bloc_vote_has_its_own_section_and_the_items_point_to_it() {
    let mut r = ready(Language::De, Majority::Simple);
    let items = vec![
        Proposal { dossier: "D0000".into(), outcome: Outcome::Admitted },
        Proposal { dossier: "D0001".into(), outcome: Outcome::Admitted },
        Proposal { dossier: "D0002".into(), outcome: Outcome::WaitingList { position: 1 } },
        Proposal { dossier: "D0003".into(), outcome: Outcome::NotAdmitted },
    ];
    r.at(t(10, 30), vote(VoteSubject::EnBloc { items }, (6, 1, 1)));
    let m = build(&r.state, t(11, 0));
    let headings: Vec<&str> = m.headings().collect();
    assert_eq!(
        headings[6..13],
        [
            "Beratung der Tagesordnungspunkte",
            "TOP 1: D0000 – Town 0, Quarter 0",
            "TOP 2: D0001 – Town 1, Quarter 1",
            "TOP 3: D0002 – Town 2, Quarter 2",
            "TOP 4: D0003 – Town 3, Quarter 3",
            "Beschluss über die Vorschlagsliste (en bloc), 10:30 Uhr",
            "Weitere Notizen des Vorsitzes",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "Beschluss über die Vorschlagsliste (en bloc), 10:30 Uhr")),
        [
            "Antrag: Beschluss über die folgenden Punkte im Ganzen (en bloc)",
            "1 | D0000 | Town 0 | Aufnahme in das Programm",
            "2 | D0001 | Town 1 | Aufnahme in das Programm",
            "3 | D0002 | Town 2 | Aufnahme in die Nachrückerliste, Platz 1",
            "4 | D0003 | Town 3 | Nichtaufnahme",
            "beschlussfähig: 8 stimmberechtigte Mitglieder ohne Befangenheit anwesend, erforderlich 5",
            "6 Ja, 1 Nein, 1 Enthaltung – einfache Mehrheit erreicht – angenommen",
            "Wegen Befangenheit nicht abgestimmt: Member 1.",
            "Beschluss: Die Punkte der Liste werden wie beantragt beschieden.",
        ]
    );
    assert_eq!(
        lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2")).last().map(String::as_str),
        Some(
            "10:30 Uhr: beschlossen en bloc – Aufnahme in die Nachrückerliste, Platz 1, siehe \
             „Beschluss über die Vorschlagsliste (en bloc), 10:30 Uhr“."
        )
    );
    assert_eq!(
        lines(blocks(&m, "Ergebnis")),
        [
            "In das Programm aufgenommen",
            "1 | D0000 | Town 0 | 600.000\u{a0}€",
            "2 | D0001 | Town 1 | 700.000\u{a0}€",
            "Nachrückerliste",
            "1 | D0002 | Town 2 | 800.000\u{a0}€",
            "Nicht aufgenommen",
            "4 | D0003 | Town 3 | 900.000\u{a0}€",
            "Vertagt",
            "keine",
            "Aufnahmen: 2 von höchstens 2",
            "Summe der aufgenommenen Vorhaben: 1.300.000\u{a0}€",
            "Verfügbare Mittel: 2.000.000\u{a0}€",
            "Verbleibend: 700.000\u{a0}€",
        ]
    );
}

#[test]
fn a_deferral_with_its_reason_and_an_undone_vote_that_is_not_there() {
    let mut r = ready(Language::De, Majority::Simple);
    r.at(t(10, 0), vote(on("D0002", Outcome::WaitingList { position: 1 }), (5, 0, 0)));
    r.at(t(10, 1), Command::Undo);
    let defer = Command::RecordDecision {
        dossier: "D0002".into(),
        outcome: Outcome::Deferred,
        rationale: Some("Kostenschätzung fehlt".into()),
        deferral: DeferralReason::Committee,
    };
    r.at(t(10, 20), defer);
    let m = build(&r.state, t(11, 0));
    let item = lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2"));
    assert_eq!(
        item[item.len() - 2..],
        ["10:20 Uhr: Beschluss ohne Abstimmung: D0002 wird vertagt.", "Begründung: Kostenschätzung fehlt"]
    );
    assert!(!item.iter().any(|l| l.starts_with("Abstimmung")), "{item:?}");
    assert_eq!(
        lines(blocks(&m, "Ergebnis"))[6..9],
        ["Vertagt", "3 | D0002 | Town 2 | 800.000\u{a0}€", "⚠ Noch ohne Beschluss (3): D0000, D0001, D0003."]
    );
}

#[test]
fn a_deferral_for_lack_of_quorum_or_a_withdrawal_is_no_resolution() {
    let mut r = ready(Language::De, Majority::Simple);
    let defer = |d: &str, deferral| Command::RecordDecision {
        dossier: d.into(),
        outcome: Outcome::Deferred,
        rationale: None,
        deferral,
    };
    // Quorate: lack of quorum cannot be the reason.
    assert_eq!(
        crate::procedure::decide(&r.state, &defer("D0002", DeferralReason::NotQuorate)),
        Err(crate::procedure::DomainError::DeferralQuorate("D0002".into()))
    );
    r.at(t(10, 20), defer("D0001", DeferralReason::Withdrawn));
    for m in ["m01", "m02", "m03", "m04", "m05", "m06"] {
        r.at(t(10, 30), Command::Leave { member: m.into(), at: t(10, 30) });
    }
    // Not quorate now: no resolution of the committee, only the fact.
    assert!(matches!(
        crate::procedure::decide(&r.state, &defer("D0002", DeferralReason::Committee)),
        Err(crate::procedure::DomainError::NotQuorate { .. })
    ));
    r.at(t(10, 40), defer("D0002", DeferralReason::NotQuorate));
    let m = build(&r.state, t(11, 0));
    let item = lines(blocks(&m, "TOP 3: D0002 – Town 2, Quarter 2"));
    assert_eq!(
        item.last().map(String::as_str),
        Some(
            "10:40 Uhr: Keine Beschlussfassung über D0002: das Gremium ist nicht beschlussfähig. Der Punkt ist vertagt."
        )
    );
    let item = lines(blocks(&m, "TOP 2: D0001 – Town 1, Quarter 1"));
    assert_eq!(
        item.last().map(String::as_str),
        Some("10:20 Uhr: Der Antrag D0001 ist zurückgezogen; keine Beschlussfassung. Der Punkt ist vertagt.")
    );
    let all = crate::minutes::markdown::markdown(&m);
    assert!(!all.contains("Beschluss ohne Abstimmung"), "{all}");
}

#[test]
fn a_conflict_declared_after_the_vote_is_noted_at_the_vote() {
    let mut r = ready(Language::De, Majority::Simple);
    r.at(t(10, 0), vote(on("D0001", Outcome::Admitted), (6, 2, 0)));
    let conflict = Command::DeclareConflict { member: "m03".into(), dossier: "D0001".into(), reason: None };
    r.at(t(10, 10), conflict);
    let note = |m: &crate::minutes::Minutes| {
        lines(blocks(m, "TOP 2: D0001 – Town 1, Quarter 1"))
            .into_iter()
            .filter(|l| l.starts_with('⚠'))
            .collect::<Vec<_>>()
    };
    let m = build(&r.state, t(10, 20));
    assert_eq!(
        note(&m),
        [
            "⚠ Nach dieser Abstimmung erklärte Member 3 um 10:10 Uhr eine Befangenheit für diesen Punkt; sie oder er war bei der Abstimmung anwesend. Weder neu abgestimmt noch begründet, warum das Ergebnis Bestand hat."
        ]
    );
    assert!(
        lines(blocks(&m, "Befangenheit"))
            .last()
            .is_some_and(|l| l.starts_with("Ausnahme: Wurde eine Befangenheit erst nach"))
    );
    r.at(t(10, 30), Command::ConfirmResult { dossier: "D0001".into(), reason: "Ohne die Stimme 5:2".into() });
    let m = build(&r.state, t(10, 40));
    assert_eq!(
        note(&m),
        [
            "⚠ Nach dieser Abstimmung erklärte Member 3 um 10:10 Uhr eine Befangenheit für diesen Punkt; sie oder er war bei der Abstimmung anwesend. Das Gremium hat festgehalten, dass das Ergebnis Bestand hat: Ohne die Stimme 5:2"
        ]
    );
}
