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
use gremium::domain::{Language, Session, SessionState};
use gremium::record::{self, LiveSession};
use gremium::ui::app::Budget;
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

/// A view of a long session (the benchmark's kind, smaller): 30 dossiers,
/// 25 dealt with, the 26th called up and half scored.
fn long_view(budget: Budget) -> App {
    let session = Arc::new(gremium::domain::fixture::session(30, 6, 3));
    let per_dossier = 1 + 5 * 3 + 3 + 3;
    let limit = 2 + 6 + 25 * per_dossier + 1 + 5 * 3 / 2;
    let kinds = gremium::domain::fixture::long_session(30, 6, 3, limit);
    let events = gremium::domain::fixture::as_events(kinds, nine(), chrono::TimeDelta::seconds(1));
    let state = SessionState::replay(session.clone(), events).expect("replays");
    let journal = Journal::View { state: Box::new(state), path: None };
    let mut app =
        App::new(session, Some(Language::De)).with_journal(journal).with_clock(nine()).with_budget(budget);
    app.update(Action::Resize(120, 40));
    app
}

/// The screen as it is, without a resize (which is a turn of work).
fn draw(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| gremium::ui::render(app, frame)).unwrap();
    fixture::assert_no_control_chars(&terminal);
    screen_text(&terminal)
}

/// Turns of the event loop until the work is done.
fn drain(app: &mut App) -> usize {
    let mut turns = 0;
    while app.has_work() {
        app.work();
        turns += 1;
        assert!(turns < 1_000, "the minutes never finish");
    }
    turns
}

/// A long session's minutes a few steps a turn, as the terminal builds
/// them between keys: the screen says how far the document is, scrolling
/// waits for it, a jump is made once it is there, and the document is the
/// one built at once.
#[test]
fn the_minutes_of_a_long_session_come_a_stretch_at_a_time() {
    let mut whole = long_view(Budget::Whole);
    whole.update(Action::ShowMinutes);
    assert!(!whole.has_work());
    let first = draw(&whole);
    assert!(first.lines().nth(2).unwrap().starts_with(" NIEDERSCHRIFT"), "{first}");
    whole.update(Action::JumpToCurrent);
    let jumped = draw(&whole);
    assert!(jumped.lines().nth(2).unwrap().starts_with(" ▸ TOP 26: D0025"), "{jumped}");

    let mut app = long_view(Budget::Steps(3));
    app.update(Action::ShowMinutes);
    // A step is a stretch of the walk, the head, one section; three a
    // turn. The key did the walk, the head and the first section.
    assert!(app.has_work());
    assert_eq!(row_text_of(&draw(&app), 1), " Die Niederschrift wird erstellt … 20 %");
    // Scrolling waits; the key is a turn too: three more opening sections.
    app.update(Action::Down);
    assert_eq!(app.minutes().scroll(), 0);
    assert_eq!(app.notice(), Some("die Niederschrift wird noch erstellt – danach lässt sie sich blättern"));
    app.work();
    assert_eq!(row_text_of(&draw(&app), 1), " Die Niederschrift wird erstellt … 20 %");
    // The items' heading and the first two of 26 items.
    app.work();
    assert_eq!(row_text_of(&draw(&app), 1), " Die Niederschrift wird erstellt … 26 %");
    // 24 items left, one look for more, four closing sections.
    assert_eq!(drain(&mut app), 10);
    // The same document; the footer still says why Down did nothing.
    let (screen, footer) = draw(&app).rsplit_once('\n').map(|(a, b)| (a.to_string(), b.to_string())).unwrap();
    assert_eq!(Some(screen.as_str()), first.rsplit_once('\n').map(|(a, _)| a));
    assert!(footer.starts_with(" ! die Niederschrift wird noch erstellt"), "{footer}");
    app.update(Action::End);
    assert!(app.minutes().scroll() > 0);

    // A jump asked for while the document is built is made when it is
    // there (a new minute: the document is built again).
    let mut app = long_view(Budget::Steps(3));
    app.update(Action::ShowMinutes);
    app.update(Action::JumpToCurrent);
    assert_eq!(app.minutes().scroll(), 0);
    drain(&mut app);
    assert_eq!(draw(&app), jumped);
}

fn row_text_of(screen: &str, row: usize) -> String {
    screen.lines().nth(row).unwrap_or_default().trim_end().to_string()
}

/// Notes written on the minutes while they are built a stretch at a time:
/// after every key, once the work is done, the screen is the one of an app
/// that builds at once, and a new note is brought into view.
#[test]
fn notes_on_minutes_built_in_stretches_land_where_they_do_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut whole = open_app(&tmp.path().join("whole"), Language::En);
    let mut sliced = open_app(&tmp.path().join("sliced"), Language::En).with_budget(Budget::Steps(2));
    let mut turns = 0;
    for app in [&mut whole, &mut sliced] {
        app.update(Action::Resize(120, 40));
        roll_call(app);
        app.update(Action::ShowMinutes);
        turns += drain(app);
        app.update(Action::End);
        turns += drain(app);
    }
    assert!(turns > 0);
    assert_eq!(draw(&sliced), draw(&whole));
    for app in [&mut whole, &mut sliced] {
        app.update(Action::Home);
        note(app, "Sitzung pünktlich eröffnet");
    }
    assert!(sliced.has_work());
    assert!(draw(&sliced).contains("Building the minutes … "));
    drain(&mut sliced);
    let screen = draw(&whole);
    assert!(screen.contains("Sitzung pünktlich eröffnet"), "{screen}");
    assert_eq!(draw(&sliced), screen);
    assert_eq!(sliced.minutes().scroll(), whole.minutes().scroll());
    assert!(whole.minutes().scroll() > 0);
}

/// An app built on its journal from the start (as `gremium open` builds
/// it) stands where one given the journal afterwards stands: the current
/// item selected, the same screens drawn.
#[test]
fn an_app_on_a_journal_is_the_app_given_it_afterwards() {
    let given = long_view(Budget::Whole);
    let session = Arc::new(gremium::domain::fixture::session(30, 6, 3));
    let state = given.journal().state().clone();
    let journal = Journal::View { state: Box::new(state), path: None };
    let mut on = App::on(session, Some(Language::De), journal).with_clock(nine()).with_budget(Budget::Whole);
    on.update(Action::Resize(120, 40));
    let mut given = given;
    assert_eq!(draw(&on), draw(&given));
    for action in [Action::ShowAgenda, Action::ShowDecision, Action::ShowRanking] {
        on.update(action);
        given.update(action);
        assert_eq!(draw(&on), draw(&given));
    }
    assert!(draw(&on).contains("D0025"), "{}", draw(&on));
}
