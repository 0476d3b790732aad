//! The app writing through the session record, headlessly: every change is
//! on disk before the app shows it, and a reopened record shows the same.

use std::path::Path;
use std::sync::Arc;

use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Language, Session};
use gremium::record::{self, LiveSession};
use gremium::ui::{Action, App, Journal};

fn demo() -> Arc<Session> {
    Arc::new(gremium::demo::session().expect("demo loads"))
}

fn open_app(session: &Arc<Session>, dir: &Path) -> App {
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (live, report) =
        LiveSession::open(session.clone(), dir, inputs, "test", record::now()).expect("record opens");
    assert!(report.inputs_changed.is_empty());
    App::new(session.clone(), Some(Language::De)).with_journal(Journal::Live(Box::new(live)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
}

fn record_lines(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(record::RECORD_FILE))
        .expect("record readable")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn agenda_move_is_recorded_and_survives_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    let mut app = open_app(&session, &dir);
    app.update(Action::ShowAgenda);
    app.update(Action::MoveDown);
    assert_eq!(app.notice(), Some("Tagesordnung umgestellt: OF-LAUTERBORN auf Platz 2"));
    let order = &app.state().proceedings.agenda.order;
    assert_eq!(order[..2], ["KS-WESERTOR".to_string(), "OF-LAUTERBORN".to_string()]);
    // The selection follows the moved item.
    assert_eq!(app.agenda().selected(), 1);
    let lines = record_lines(&dir);
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains(r#""type":"agenda_item_moved""#), "{}", lines[1]);
    drop(app);

    let app = open_app(&session, &dir);
    let order = &app.state().proceedings.agenda.order;
    assert_eq!(order[..2], ["KS-WESERTOR".to_string(), "OF-LAUTERBORN".to_string()]);
    let first = app.agenda().visible()[0];
    assert_eq!(session.dossiers[first].id, "KS-WESERTOR");
    assert!(record_lines(&dir)[2].contains(r#""type":"session_resumed""#));
}

#[test]
fn notes_undo_and_redo_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let mut app = open_app(&demo(), &dir);
    app.update(Action::Note);
    type_text(&mut app, "Beginn 10:05 Uhr");
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Notiz gespeichert: Beginn 10:05 Uhr"));
    assert_eq!(app.state().proceedings.notes.len(), 1);

    app.update(Action::Undo);
    assert_eq!(app.notice(), Some("Rückgängig gemacht: Notiz: „Beginn 10:05 Uhr“"));
    assert!(app.state().proceedings.notes.is_empty());
    app.update(Action::Redo);
    assert_eq!(app.notice(), Some("Wiederhergestellt: Notiz: „Beginn 10:05 Uhr“"));
    assert_eq!(app.state().proceedings.notes[0].text, "Beginn 10:05 Uhr");
    app.update(Action::Redo);
    assert_eq!(app.notice(), Some("Abgelehnt: nichts wiederherzustellen"));

    let lines = record_lines(&dir);
    let types: Vec<&str> = lines
        .iter()
        .map(|l| l.split(r#""type":""#).nth(1).and_then(|t| t.split('"').next()).unwrap_or(""))
        .collect();
    assert_eq!(types, ["session_opened", "note_added", "undo", "redo"]);
}

#[test]
fn an_empty_note_is_refused_and_stays_open() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo(), &tmp.path().join("rec"));
    app.update(Action::Note);
    type_text(&mut app, "   ");
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Abgelehnt: der Text ist leer"));
    assert_eq!(app.note_text(), Some("   "), "the note stays open for typing");
    app.update(Action::Back);
    assert_eq!(app.note_text(), None);
}

#[test]
fn reordering_needs_the_agenda_sort() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let mut app = open_app(&demo(), &dir);
    app.update(Action::ShowAgenda);
    app.update(Action::CycleSort);
    app.update(Action::MoveDown);
    assert_eq!(
        app.notice(),
        Some("Die Reihenfolge lässt sich nur in der Sortierung „Tagesordnung“ ändern (S)")
    );
    assert_eq!(record_lines(&dir).len(), 1);
}

#[test]
fn defer_marks_the_item() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = open_app(&demo(), &tmp.path().join("rec"));
    app.update(Action::ShowAgenda);
    app.update(Action::Down);
    app.update(Action::Defer);
    assert_eq!(app.notice(), Some("Zurückgestellt: KS-WESERTOR"));
    let term = gremium::ui::render_to_test_backend(&mut app, 80, 24);
    let row: String = (0..22).map(|x| term.backend().buffer()[(x, 4)].symbol().to_string()).collect();
    // The place column has room for "▶▶" (current) and "↷" (deferred).
    assert_eq!(row, " ▶    ↷2 KS-WESERTOR  ");
}

#[test]
fn a_read_only_view_refuses_changes() {
    let mut app = App::new(demo(), Some(Language::En));
    app.update(Action::Note);
    type_text(&mut app, "x");
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Refused: Read-only view: changes are not recorded"));
}

#[test]
fn changed_inputs_must_be_accepted_and_the_choice_is_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let session = demo();
    drop(open_app(&session, &dir));
    // Open again with a digest of other inputs.
    let mut other = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).unwrap();
    other.files[0].sha256 = "0".repeat(64);
    let changed = other.files[0].path.clone();
    other.sha256 = "1".repeat(64);
    let (live, report) = LiveSession::open(session.clone(), &dir, other, "test", record::now()).unwrap();
    assert_eq!(report.inputs_changed.len(), 1);
    let mut app = App::new(session, Some(Language::De))
        .with_journal(Journal::Live(Box::new(live)))
        .with_inputs_changed(report.inputs_changed);
    let term = gremium::ui::render_to_test_backend(&mut app, 100, 30);
    let screen: String = term.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("Sitzungsdateien geändert"), "{screen}");
    assert!(screen.contains(&format!("geändert   {changed}")), "{screen}");
    // Keys other than the answer do nothing.
    app.update(Action::ShowAgenda);
    assert_eq!(app.screen(), gremium::ui::Screen::Overview);
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Geänderte Dateien übernommen"));
    assert!(record_lines(&dir).last().unwrap().contains(r#""type":"inputs_accepted""#));
}
