//! Attendance, quorum, conflicts and the current agenda item, headlessly
//! with a live record in a tempdir; the clock is held at 09:00 so that
//! times on screen are exact.

use crate::fixture;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use fixture::{render, row_text, screen_text, type_text};
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Language, Session};
use gremium::record::{self, LiveSession};
use gremium::ui::{Action, App, Journal, Screen};

fn demo() -> Arc<Session> {
    Arc::new(gremium::demo::session().expect("demo loads"))
}

fn nine() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

fn open_app(session: &Arc<Session>, dir: &Path, lang: Language) -> App {
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (live, _) =
        LiveSession::open(session.clone(), dir, inputs, "test", record::now()).expect("record opens");
    App::new(session.clone(), Some(lang)).with_journal(Journal::Live(Box::new(live))).with_clock(nine())
}

fn record_types(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(record::RECORD_FILE))
        .expect("record readable")
        .lines()
        .map(|l| l.split(r#""type":""#).nth(1).and_then(|t| t.split('"').next()).unwrap_or("").to_string())
        .collect()
}

/// Select the member at `index` on the attendance screen.
fn select(app: &mut App, index: usize) {
    app.update(Action::Home);
    for _ in 0..index {
        app.update(Action::Down);
    }
}

/// Roll call: the eight voting members present, the two advisory absent,
/// and the invitation confirmed through its confirmation step.
fn roll_call(app: &mut App) {
    app.update(Action::ShowAttendance);
    assert_eq!(app.screen(), Screen::Attendance);
    app.update(Action::Home);
    // Each answer moves the selection on to the next member.
    for i in 0..10 {
        app.update(if i < 8 { Action::MarkPresent } else { Action::MarkAbsent });
    }
    app.update(Action::ConfirmInvited);
    assert!(app.confirm().is_some(), "the finding asks first");
    assert!(!app.state().proceedings.duly_invited);
    app.update(Action::Open);
    assert!(app.state().proceedings.duly_invited);
}

fn header(app: &mut App) -> String {
    row_text(&render(app, 120, 40), 0).trim_end().to_string()
}

#[test]
fn roll_call_late_arrival_and_departure_move_the_quorum() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De);
    assert!(header(&mut app).ends_with("✗ nicht beschlussfähig: 0/8, mind. 5; Ladung nicht bestätigt  DE"));
    roll_call(&mut app);
    assert!(header(&mut app).ends_with("✓ beschlussfähig 8/8 (mind. 5)  DE"), "{}", header(&mut app));
    assert_eq!(app.notice(), Some("Ordnungsgemäße Ladung bestätigt"));

    // Four leave, one at a time typed after the fact (it is 10:45 now).
    app.hold_clock_at(nine() + chrono::Duration::minutes(105));
    for (i, time) in [(1, "10:15"), (2, "10:20"), (3, "10:25")] {
        select(&mut app, i);
        app.update(Action::EnterTime);
        type_text(&mut app, time);
        app.update(Action::Open);
        app.update(Action::Leave);
    }
    assert_eq!(app.notice(), Some("Gegangen: T. Marquardt 10:25"));
    assert!(header(&mut app).ends_with("✓ beschlussfähig 5/8 (mind. 5)  DE"));
    select(&mut app, 4);
    app.update(Action::Leave);
    assert!(header(&mut app).ends_with("✗ nicht beschlussfähig: 4/8, mind. 5  DE"), "{}", header(&mut app));

    // A typing mistake is explained and the line stays open.
    select(&mut app, 1);
    app.update(Action::EnterTime);
    type_text(&mut app, "25:99");
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Ungültige Uhrzeit „25:99“: bitte HH:MM zwischen 00:00 und 23:59"));
    assert!(app.attendance().typing());
    for _ in 0..5 {
        app.update(Action::DeleteChar);
    }
    type_text(&mut app, "10:40");
    app.update(Action::Open);
    app.update(Action::Arrive);
    assert_eq!(app.notice(), Some("Eingetroffen: R. Falkenhain 10:40"));
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(screen.contains("✓ anwesend seit 10:40 (spät)"), "{screen}");
    assert!(screen.contains("← gegangen 10:20"), "{screen}");
    assert!(header(&mut app).ends_with("✓ beschlussfähig 5/8 (mind. 5)  DE"));
    // Leaving twice is refused in German.
    select(&mut app, 4);
    app.update(Action::Leave);
    assert_eq!(app.notice(), Some("Abgelehnt: U. Degenhardt ist nicht anwesend"));
    drop(app);

    // Reopened: the same attendance and quorum.
    let mut app = open_app(&session, &dir, Language::De);
    assert!(header(&mut app).ends_with("✓ beschlussfähig 5/8 (mind. 5)  DE"));
    let types = record_types(&dir);
    assert_eq!(types.iter().filter(|t| *t == "member_left").count(), 4);
    assert_eq!(types.iter().filter(|t| *t == "member_arrived").count(), 1);
    assert_eq!(types.iter().filter(|t| *t == "member_marked_present").count(), 8);
}

#[test]
fn conflicts_make_an_item_lose_its_quorum() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De);
    roll_call(&mut app);
    // Three leave: 5 present; hst is pre-declared conflicted on OF-LAUTERBORN.
    for i in [1, 2, 3] {
        select(&mut app, i);
        app.update(Action::Leave);
    }
    // A live conflict of H. Korff (hsgb) on OF-LAUTERBORN, typed in part.
    select(&mut app, 5);
    app.update(Action::DeclareConflict);
    type_text(&mut app, "of-l");
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(screen.contains("→ OF-LAUTERBORN"), "{screen}");
    app.update(Action::Open);
    type_text(&mut app, "Wohnt im Gebiet");
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some("Befangenheit erklärt: OF-LAUTERBORN (Offenbach am Main) H. Korff „Wohnt im Gebiet“")
    );
    assert!(app.state().is_conflicted("hsgb", "OF-LAUTERBORN"));
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(screen.contains("⚑ OF-LAUTERBORN: Wohnt im Gebiet (erklärt 09:00)"), "{screen}");
    // Declared twice: refused.
    app.update(Action::DeclareConflict);
    type_text(&mut app, "OF-LAUTERBORN");
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: für H. Korff ist bei OF-LAUTERBORN (Offenbach am Main) bereits eine Befangenheit erklärt"
        )
    );
    app.update(Action::Back);

    // The agenda: OF-LAUTERBORN is first and not quorate; ⚑ counts both.
    app.update(Action::ShowAgenda);
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(
        screen.contains(
            "OF-LAUTERBORN: ✗ Punkt nicht beschlussfähig: 3 von mind. 5 ohne Befangenheit anwesend"
        ),
        "{screen}"
    );
    assert!(screen.contains("⚑2"), "{screen}");
    // The dossier says the same, and lists both conflicts.
    app.update(Action::Open);
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(screen.contains("✗ Punkt nicht beschlussfähig: 3 von mind. 5 ohne Befangenheit anwesend"));
    assert!(screen.contains("⚑ H. Korff: Wohnt im Gebiet (erklärt 09:00)"), "{screen}");
    assert!(record_types(&dir).contains(&"conflict_declared".to_string()));
    drop(app);
    let app = open_app(&session, &dir, Language::De);
    assert!(app.state().is_conflicted("hsgb", "OF-LAUTERBORN"));
}

#[test]
fn items_are_called_up_closed_and_timed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De);
    app.update(Action::ShowAgenda);
    app.update(Action::JumpToCurrent);
    assert_eq!(app.notice(), Some("kein Tagesordnungspunkt ist aufgerufen"));
    app.update(Action::CallItem);
    assert_eq!(app.notice(), Some("Punkt aufgerufen: OF-LAUTERBORN (Offenbach am Main)"));
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(
        screen.contains("Aktueller Punkt: OF-LAUTERBORN (0:00 min) · Als Nächstes: KS-WESERTOR"),
        "{screen}"
    );
    assert!(screen.contains("▶▶1"), "{screen}");
    app.update(Action::CallItem);
    assert_eq!(app.notice(), Some("Abgelehnt: OF-LAUTERBORN (Offenbach am Main) ist bereits aufgerufen"));
    // Calling up the next one closes the first.
    app.update(Action::Down);
    app.update(Action::CallItem);
    let agenda = &app.state().proceedings.agenda;
    assert_eq!(agenda.current.as_ref().map(|c| c.dossier.as_str()), Some("KS-WESERTOR"));
    assert!(agenda.time_spent.contains_key("OF-LAUTERBORN"));
    app.update(Action::Home);
    app.update(Action::JumpToCurrent);
    assert_eq!(app.agenda().selected(), 1);
    app.update(Action::CloseItem);
    assert_eq!(app.notice(), Some("Punkt geschlossen: KS-WESERTOR (Kassel)"));
    app.update(Action::CloseItem);
    assert_eq!(app.notice(), Some("Abgelehnt: kein Tagesordnungspunkt ist aufgerufen"));
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(screen.contains("Aktueller Punkt: keiner · Als Nächstes: GI-WESTSTADT"), "{screen}");
    assert!(screen.contains("0:00 min"), "time spent is shown: {screen}");
    drop(app);
    let app = open_app(&session, &dir, Language::De);
    let agenda = &app.state().proceedings.agenda;
    assert!(agenda.current.is_none());
    assert!(agenda.time_spent.contains_key("KS-WESERTOR"));
    let types = record_types(&dir);
    assert_eq!(types.iter().filter(|t| *t == "agenda_item_opened").count(), 2);
    assert_eq!(types.iter().filter(|t| *t == "agenda_item_closed").count(), 1);
}

#[test]
fn the_overview_says_what_to_do_next() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De);
    let next = |app: &mut App| {
        app.update(Action::ShowOverview);
        let screen = screen_text(&render(app, 120, 40));
        screen.lines().find(|l| l.contains("Als Nächstes:")).unwrap_or_default().trim().to_string()
    };
    assert_eq!(next(&mut app), "Als Nächstes: Anwesenheit und ordnungsgemäße Ladung feststellen  [p]");
    roll_call(&mut app);
    assert_eq!(next(&mut app), "Als Nächstes: Nächsten Punkt aufrufen: OF-LAUTERBORN  [a]");
    app.update(Action::ShowAgenda);
    app.update(Action::CallItem);
    assert_eq!(next(&mut app), "Als Nächstes: OF-LAUTERBORN bewerten  [s]");
    // Four leave: quorum is lost, and that comes first.
    app.update(Action::ShowAttendance);
    for i in 0..4 {
        select(&mut app, i);
        app.update(Action::Leave);
    }
    assert_eq!(
        next(&mut app),
        "Als Nächstes: Beschlussfähigkeit herstellen: 1 weitere Stimmberechtigte nötig  [p]"
    );
}

#[test]
fn a_departure_before_the_arrival_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De);
    roll_call(&mut app);
    select(&mut app, 0);
    app.update(Action::EnterTime);
    type_text(&mut app, "8:30");
    app.update(Action::Open);
    app.update(Action::Leave);
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: 08:30 Uhr liegt vor der letzten Änderung für Dr. M. Ahrenfeld um 09:00 Uhr")
    );
    assert!(app.state().is_present("vorsitz"));
}

#[test]
fn a_suggested_conflict_is_declared_with_its_reason_or_dismissed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    // The LAG member from the Kassel social welfare office: Kassel's
    // dossier is suggested.
    let mut changed = (*demo()).clone();
    let lag = changed.definition.members.iter_mut().find(|m| m.id == "lag").expect("lag");
    lag.organisation = Some("Stadt Kassel, Sozialamt".into());
    let session = Arc::new(changed);
    let suggestions = |app: &App| gremium::rules::conflict_suggestions(app.state());
    let mut app = open_app(&session, &dir, Language::De);
    app.update(Action::ShowAttendance);
    let all = suggestions(&app);
    let first = all.first().expect("a suggestion").clone();
    assert_eq!(
        (first.member.as_str(), first.dossier.as_str(), first.name.as_str()),
        ("lag", "KS-WESERTOR", "Kassel")
    );
    let index = session.definition.members.iter().position(|m| m.id == first.member).expect("member");
    select(&mut app, index);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(
        text.contains(&format!("⚑? {}: Organisation nennt Kassel – c erklären, X verwerfen", first.dossier)),
        "{text}"
    );
    // c, Enter takes the suggested dossier, and the reason starts from the
    // text that named the place.
    app.update(Action::DeclareConflict);
    app.update(Action::Open);
    app.update(Action::Open);
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(app.state().proceedings.live_conflicts.len() == 1, "{:?}\n{text}", app.notice());
    let live = app
        .state()
        .proceedings
        .live_conflicts
        .get(&(first.member.clone(), first.dossier.clone()))
        .unwrap_or_else(|| panic!("{:?}", app.state().proceedings.live_conflicts));
    assert_eq!(live.reason.as_deref(), Some(first.text()));
    assert!(!suggestions(&app).contains(&first));
    // what the screens show is as of this change, not kept from before it
    assert_eq!(app.conflict_suggestions(), &suggestions(&app)[..]);
    app.update(Action::ShowAttendance);
    select(&mut app, index);
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(!text.contains(&format!("⚑? {}:", first.dossier)), "{text}");
    // X dismisses the member's next suggestion, if any; recorded.
    if let Some(next) = suggestions(&app).into_iter().find(|s| s.member == first.member) {
        app.update(Action::DismissSuggestion);
        assert!(app.state().proceedings.dismissed.contains(&(next.member.clone(), next.dossier.clone())));
        assert_eq!(record_types(&dir).last().map(String::as_str), Some("conflict_suggestion_dismissed"));
        assert!(!app.conflict_suggestions().contains(&next));
    }
}

#[test]
fn the_committee_decides_a_doubtful_conflict_without_the_member() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De);
    app.update(Action::ShowAttendance);
    app.update(Action::ConfirmInvited);
    app.update(Action::Open);
    for _ in 0..8 {
        app.update(Action::MarkPresent);
    }
    // Call up DA-NORD, then decide on lag's conflict there.
    app.update(Action::ShowAgenda);
    let i = app.state().proceedings.agenda.order.iter().position(|d| d == "DA-NORD").expect("DA-NORD");
    app.update(Action::Home);
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::CallItem);
    assert_eq!(app.state().proceedings.agenda.current.as_ref().map(|c| c.dossier.as_str()), Some("DA-NORD"));
    app.update(Action::ShowAttendance);
    let index = session.definition.members.iter().position(|m| m.id == "lag").expect("lag");
    select(&mut app, index);
    app.update(Action::DecideConflict);
    app.update(Action::Open); // the item being dealt with
    type_text(&mut app, "4 2");
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("Gremium entscheidet über Befangenheit von"), "{text}");
    assert!(text.contains("│ Ja Nein Enthaltung (ohne das Mitglied)"), "what to type, whole: {text}");
    app.update(Action::Open);
    assert_eq!(
        app.confirm().map(|c| c.question.as_str()),
        Some(
            "Das Gremium hat ohne T. Marquardt über den Ausschluss bei DA-NORD (Darmstadt) abgestimmt: 4 Ja, 2 Nein, 0 Enthaltungen. Festhalten?"
        )
    );
    app.update(Action::Open);
    let key = ("lag".to_string(), "DA-NORD".to_string());
    assert!(app.state().proceedings.conflict_decisions[&key].excluded);
    assert!(app.state().proceedings.live_conflicts.contains_key(&key));
    assert!(app.attendance().entry().is_none(), "the entry closes with the recording");
    // Out of the room for the item being dealt with.
    let text = screen_text(&render(&mut app, 80, 24));
    assert!(text.contains("⚑ nicht im Raum (befangen)"), "{text}");
    assert_eq!(record_types(&dir).last().map(String::as_str), Some("conflict_decided"));
}
