//! The input layer driven headlessly: which layer gets a key, what a paste
//! does, half-point entry, the one confirmation and amendments after
//! sign-off. Each test checks the record, not only the screen.

use crate::complete;
use crate::decide;
use crate::fixture;
use crate::live;

use std::path::Path;
use std::sync::Arc;

use gremium::domain::{EventKind, Language, Scale, Session};
use gremium::procedure::Command;
use gremium::record;
use gremium::ui::{Action, App, Screen};
use live::{demo, open_app, roll_call};

const FIRST: &str = "OF-LAUTERBORN";

fn kinds(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(record::RECORD_FILE))
        .unwrap()
        .lines()
        .map(|l| l.split(r#""type":""#).nth(1).and_then(|t| t.split('"').next()).unwrap_or("").to_string())
        .collect()
}

fn count(dir: &Path, kind: &str) -> usize {
    kinds(dir).iter().filter(|k| *k == kind).count()
}

/// The demo with everyone present and the first item called up, on the
/// scoring screen.
fn scoring_app(session: &Arc<Session>, dir: &Path) -> App {
    let mut setup = roll_call(session, &[]);
    setup.push(Command::OpenItem { dossier: FIRST.into() });
    let mut app = open_app(session, dir, Language::De, &setup);
    fixture::render(&mut app, 120, 40);
    app.update(Action::ShowScoring);
    app
}

#[test]
fn a_digit_under_the_decided_lists_records_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = scoring_app(&session, &dir);
    app.update(Action::ToggleDecided);
    for c in "3333".chars() {
        app.update(Action::Insert(c));
    }
    assert_eq!(count(&dir, "score_entered"), 0);
    let screen = fixture::screen_text(&fixture::render(&mut app, 80, 24));
    let footer = screen.lines().last().unwrap_or_default().to_string();
    assert_eq!(footer.trim_end(), " b Beschlusslage  j/k blättern  ? Hilfe  q beenden");
    // A screen key closes the lists and goes there.
    app.update(Action::ShowAgenda);
    assert_eq!(app.screen(), Screen::Agenda);
    assert!(!app.decision().overlay());
    // Back on the grid, digits are scores again.
    app.update(Action::ShowScoring);
    app.update(Action::Insert('3'));
    assert_eq!(count(&dir, "score_entered"), 1);
}

#[test]
fn while_too_small_only_quit_and_help_act() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    fixture::render(&mut app, 70, 20);
    let before = kinds(&dir).len();
    for action in [Action::Note, Action::Insert('x'), Action::Open, Action::ShowAttendance, Action::Leave] {
        app.update(action);
    }
    app.update(Action::ToggleLanguage);
    assert_eq!(kinds(&dir).len(), before, "nothing recorded blind");
    assert_eq!(app.screen(), Screen::Overview);
    assert_eq!(app.language(), Language::De);
    assert!(app.note_text().is_none());
    app.update(Action::Help);
    assert!(app.help_open());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn a_paste_is_text_where_text_is_typed_and_refused_elsewhere() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = scoring_app(&session, &dir);
    app.paste("344");
    assert_eq!(count(&dir, "score_entered"), 0);
    assert_eq!(
        app.notice(),
        Some("Einfügen nicht möglich: hier wird kein Text eingegeben – nichts wurde erfasst")
    );
    app.update(Action::Note);
    app.paste("Stellungnahme der Stadt\r\n344\n");
    app.update(Action::Home);
    app.update(Action::WordRight);
    app.paste(" zur Förderung");
    app.update(Action::Open);
    assert_eq!(count(&dir, "score_entered"), 0);
    let notes = &app.state().proceedings.notes;
    assert_eq!(notes.last().map(|n| n.text.as_str()), Some("Stellungnahme zur Förderung der Stadt 344"));
}

/// The demo on a 1–10 scale in half points.
fn half_points() -> Arc<Session> {
    let mut session = (*demo()).clone();
    session.definition.scale = Scale { min: 1.0, max: 10.0, step: 0.5 };
    Arc::new(session)
}

#[test]
fn on_a_half_point_scale_a_whole_number_is_committed_by_a_move() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = half_points();
    let inputs =
        record::inputs_digest(&gremium::demo::EmbeddedSource, Path::new(gremium::demo::SESSION_PATH))
            .expect("digest");
    let (mut live, _) =
        record::LiveSession::open(session.clone(), &dir, inputs, "test", record::now()).unwrap();
    for c in roll_call(&session, &[]).into_iter().chain([Command::OpenItem { dossier: FIRST.into() }]) {
        live.execute(gremium::domain::Actor::Chair, &c, record::now()).unwrap();
    }
    let mut app = App::new(session.clone(), Some(Language::De))
        .with_journal(gremium::ui::Journal::Live(Box::new(live)));
    fixture::render(&mut app, 120, 40);
    app.update(Action::ShowScoring);
    // "7" waits for a possible ",5"; → commits it and moves one criterion on.
    app.update(Action::Insert('7'));
    assert_eq!(count(&dir, "score_entered"), 0);
    app.update(Action::Right);
    // "8" then ↓ commits it in the second criterion and goes to the next member.
    app.update(Action::Insert('8'));
    app.update(Action::Down);
    // "6,5" commits at once.
    for c in "6,5".chars() {
        app.update(Action::Insert(c));
    }
    let record = std::fs::read_to_string(dir.join(record::RECORD_FILE)).unwrap();
    let mut values: Vec<(String, String, f64)> = record
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["event"]["type"] == "score_entered")
        .map(|v| {
            let e = &v["event"];
            (
                e["member"].as_str().unwrap().into(),
                e["criterion"].as_str().unwrap().into(),
                e["value"].as_f64().unwrap(),
            )
        })
        .collect();
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let members: Vec<String> = session.definition.voting_members().map(|m| m.id.clone()).collect();
    let criteria: Vec<String> = session.definition.criteria.iter().map(|c| c.id.clone()).collect();
    let mut expected = vec![
        (members[0].clone(), criteria[0].clone(), 7.0),
        (members[0].clone(), criteria[1].clone(), 8.0),
        (members[1].clone(), criteria[1].clone(), 6.5),
    ];
    expected.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(values, expected);
}

#[test]
fn every_confirmation_takes_y_and_n() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = scoring_app(&session, &dir);
    app.update(Action::Insert('3'));
    // An early reveal asks; n is no, Enter/y is yes — the same keys as the
    // invitation and the sign-off.
    app.update(Action::RevealScores);
    let confirm = app.confirm().cloned().expect("the early reveal asks first");
    assert_eq!(
        confirm.question,
        "Vorzeitig aufdecken? Es fehlen 41 von 42 Punktzahlen. Wird als vorzeitig protokolliert."
    );
    let key = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    };
    let no = app.action_for_key(&key('n')).expect("n is bound");
    app.update(no);
    assert!(app.confirm().is_none());
    assert_eq!(count(&dir, "scores_revealed"), 0);
    app.update(Action::RevealScores);
    let yes = app.action_for_key(&key('y')).expect("y is bound");
    app.update(yes);
    assert_eq!(count(&dir, "scores_revealed"), 1);
    assert_eq!(app.notice(), Some("Runde 1 vorzeitig aufgedeckt (protokolliert)"));
}

#[test]
fn after_sign_off_a_vote_and_a_deferral_go_to_the_amendment_prompt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = complete::demo();
    drop(complete::record_session(&session, &dir, complete::Stage::SignedOff));
    let mut app = open_app(&session, &dir, Language::De, &[]).with_clock(complete::at(15, 30));
    fixture::render(&mut app, 120, 40);
    app.update(Action::ShowDecision);
    decide::select(&mut app, "WZ-DALHEIM");
    app.update(Action::Open);
    assert!(app.decision().dialog().is_some(), "the vote dialog opens on a decided item after sign-off");
    decide::counts(&mut app, "5", "1", "1");
    app.update(Action::Open);
    let prompt = app.amendment().cloned().expect("the amendment prompt, not a refusal");
    assert!(prompt.change.starts_with("Abstimmung: WZ-DALHEIM"), "{}", prompt.change);
    decide::type_text(&mut app, "Rechenfehler im Protokoll berichtigt");
    app.update(Action::Open);
    let amendments = &app.state().proceedings.amendments;
    assert_eq!(amendments.len(), 1);
    assert!(matches!(&amendments[0].change, EventKind::VoteRecorded { .. }), "{:?}", amendments[0].change);

    // A deferral: its reason, then the amendment's reason.
    decide::select(&mut app, "DA-NORD");
    app.update(Action::Defer);
    decide::type_text(&mut app, "Unterlagen fehlen");
    app.update(Action::Open);
    assert!(app.amendment().is_some(), "the deferral goes to the amendment prompt");
    decide::type_text(&mut app, "Nachträglich zurückgestellt");
    app.update(Action::Open);
    assert_eq!(app.state().proceedings.amendments.len(), 2);
    // The minutes mark each at its place, with its reason.
    let minutes = gremium::minutes::markdown(&gremium::minutes::build(app.state(), complete::at(15, 30)));
    let at = |needle: &str| {
        minutes.find(needle).unwrap_or_else(|| panic!("{needle:?} in the minutes:\n{minutes}"))
    };
    let wz = at("Änderung nach der Freigabe (15:30 Uhr), Grund: Rechenfehler im Protokoll berichtigt");
    let da = at("Änderung nach der Freigabe (15:30 Uhr), Grund: Nachträglich zurückgestellt");
    assert!(wz > at("WZ-DALHEIM"), "in WZ-DALHEIM's section");
    assert!(da > at("DA-NORD"), "in DA-NORD's section");
}

fn click(app: &mut App, column: u16, row: u16) {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    app.mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

fn wheel_down(app: &mut App) {
    use crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    app.mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn clicks_select_rows_and_tabs_and_the_wheel_scrolls_only_what_is_on_top() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = open_app(&session, &dir, Language::De, &roll_call(&session, &[]));
    decide::score_everything(&mut app);
    fixture::render(&mut app, 120, 40);
    // Agenda: the fourth row (screen row 6: header, status, column heads).
    app.update(Action::ShowAgenda);
    click(&mut app, 20, 6);
    let id = |app: &App, i: Option<usize>| i.map(|i| app.session().dossiers[i].id.clone());
    assert_eq!(id(&app, app.agenda().selected_dossier()).as_deref(), Some("ALS-ALTSTADT"));
    wheel_down(&mut app);
    assert_eq!(id(&app, app.agenda().selected_dossier()).as_deref(), Some("HR-ALTSTADT"));
    // Dossier: a click on the third tab.
    app.update(Action::Open);
    let tabs = fixture::row_text(&fixture::render(&mut app, 120, 40), 2);
    let x = tabs.find("3 ").map(|b| tabs[..b].chars().count()).expect("tab 3") as u16;
    click(&mut app, x, 2);
    assert_eq!(app.dossier_state().tab(), gremium::ui::screens::dossier::DossierTab::Deficits);
    // Decision: the second row.
    app.update(Action::ShowDecision);
    click(&mut app, 20, 4);
    assert_eq!(gremium::ui::screens::decision::selected_dossier(&app).as_deref(), Some("KS-WESERTOR"));
    // Ranking: a dossier row selects it; a separator row does not.
    app.update(Action::ShowRanking);
    let text = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    let row = text.lines().position(|l| l.contains("LM-SUED")).expect("LM-SUED on screen") as u16;
    click(&mut app, 20, row);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Dossier);
    assert_eq!(id(&app, app.dossier_state().current()).as_deref(), Some("LM-SUED"));
    // Under the decided lists a click reaches nothing; the wheel scrolls them.
    app.update(Action::ShowAgenda);
    let before = app.agenda().selected_dossier();
    app.update(Action::ToggleDecided);
    click(&mut app, 20, 10);
    assert_eq!(app.agenda().selected_dossier(), before);
    wheel_down(&mut app);
    assert!(app.decision().overlay(), "the lists stay open");
    assert_eq!(app.agenda().selected_dossier(), before, "the wheel moved the lists, not the agenda");
}

#[test]
fn a_click_on_a_scoring_cell_puts_the_cursor_there() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let session = demo();
    let mut app = scoring_app(&session, &dir);
    let text = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    let lines: Vec<&str> = text.lines().collect();
    let y = lines.iter().position(|l| l.contains("H. Korff")).expect("Korff's row") as u16;
    let head = lines.iter().find(|l| l.starts_with(" Mitglied")).expect("grid heading");
    let x = head.find("ISEK").map(|b| head[..b].chars().count()).expect("ISEK column") as u16;
    click(&mut app, x, y);
    app.update(Action::Insert('3'));
    let record = std::fs::read_to_string(dir.join(record::RECORD_FILE)).unwrap();
    let entered = record.lines().find(|l| l.contains("score_entered")).expect("a score");
    assert!(
        entered.contains(r#""member":"hsgb""#) && entered.contains(r#""criterion":"concept""#),
        "{entered}"
    );
}
