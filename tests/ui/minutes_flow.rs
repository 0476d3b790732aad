//! The minutes screen driven headlessly on the demo with a live record in a
//! tempdir: roll call, then notes written from the minutes, general and on
//! the item being dealt with, showing at once where they belong.

use crate::fixture;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fixture::{render, row_text, screen_text, type_text};
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Language, Session};
use gremium::record::{self, LiveSession};
use gremium::ui::{Action, App, Journal, Screen};

fn nine() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

fn open_app(dir: &Path, lang: Language) -> App {
    let session: Arc<Session> = Arc::new(gremium::demo::session().expect("demo loads"));
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (live, _) =
        LiveSession::open(session.clone(), dir, inputs, "test", record::now()).expect("record opens");
    App::new(session, Some(lang)).with_journal(Journal::Live(Box::new(live))).with_clock(nine())
}

fn key(app: &mut App, code: KeyCode) {
    let action = app.action_for_key(&KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = action {
        app.update(action);
    }
}

/// The eight voting members present, the two advisory absent, the
/// invitation confirmed.
fn roll_call(app: &mut App) {
    app.update(Action::ShowAttendance);
    app.update(Action::Home);
    for i in 0..10 {
        app.update(if i < 8 { Action::MarkPresent } else { Action::MarkAbsent });
    }
    app.update(Action::ConfirmInvited);
    app.update(Action::Open);
}

fn note(app: &mut App, text: &str) {
    key(app, KeyCode::Char('n'));
    type_text(app, text);
    key(app, KeyCode::Enter);
}

#[test]
fn notes_written_on_the_minutes_appear_in_them_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let mut app = open_app(&dir, Language::De);
    roll_call(&mut app);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.screen(), Screen::Minutes);
    let screen = screen_text(&render(&mut app, 120, 40));
    assert!(
        screen.contains("09:00 Uhr: Der Vorsitz stellte fest, dass alle Mitglieder ordnungsgemäß geladen")
    );
    assert!(screen.contains(" 09:00 Uhr  Namensaufruf (Eröffnung)"), "{screen}");
    assert!(row_text(&render(&mut app, 120, 40), 1).contains("n: allgemeine Notiz"));

    // No item called up: a general note, among the further notes.
    note(&mut app, "Sitzung pünktlich eröffnet");
    let p = &app.state().proceedings;
    assert_eq!(p.notes.len(), 1);
    assert_eq!(
        (p.notes[0].text.as_str(), p.notes[0].dossier.as_deref()),
        ("Sitzung pünktlich eröffnet", None)
    );
    assert_eq!(app.notice(), Some("Notiz gespeichert: Sitzung pünktlich eröffnet"));
    let screen = screen_text(&render(&mut app, 120, 40));
    let further = screen.find("Weitere Notizen des Vorsitzes").expect("the further notes are in view");
    let shown = screen.find("✎ Notiz, 09:00 Uhr – Sitzung pünktlich eröffnet").expect("the note is in view");
    assert!(further < shown);

    // An item called up: the note is the item's, shown in its section.
    app.update(Action::ShowAgenda);
    app.update(Action::CallItem);
    key(&mut app, KeyCode::F(9));
    assert_eq!(app.screen(), Screen::Minutes);
    assert!(row_text(&render(&mut app, 80, 24), 1).contains("n: Notiz zu OF-LAUTERBORN"));
    note(&mut app, "Konzept | überzeugt *sehr*");
    let last = app.state().proceedings.notes.last().expect("a second note");
    assert_eq!(last.dossier.as_deref(), Some("OF-LAUTERBORN"));
    let screen = screen_text(&render(&mut app, 80, 24));
    assert!(screen.contains("✎ Notiz, 09:00 Uhr – Konzept | überzeugt *sehr*"), "{screen}");

    // "." goes to the current item's section.
    app.update(Action::Home);
    key(&mut app, KeyCode::Char('.'));
    let t = render(&mut app, 80, 24);
    assert!(row_text(&t, 2).starts_with(" ▸ TOP 1: OF-LAUTERBORN – Offenbach am Main, Lauterborn-Ost   "));

    // Both notes are in the record.
    let record = std::fs::read_to_string(dir.join(record::RECORD_FILE)).expect("record readable");
    assert_eq!(record.matches(r#""type":"note_added""#).count(), 2);
}

#[test]
fn without_a_current_item_the_jump_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = open_app(&tmp.path().join("rec"), Language::En);
    app.update(Action::ShowMinutes);
    app.update(Action::JumpToCurrent);
    assert_eq!(app.minutes().scroll(), 0);
    assert_eq!(app.notice(), Some("no agenda item is called up"));
    // Esc goes back where the chair came from.
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::Overview);
}
