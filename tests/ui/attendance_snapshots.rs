//! Rendered snapshots of attendance, quorum and the current item, with a
//! live record in a tempdir and the clock held at 09:00, so every time on
//! screen is exact. Review with `INSTA_UPDATE=always` and read the files.

use crate::fixture;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use fixture::{render, row_text, type_text};
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Language, Session};
use gremium::record::{self, LiveSession};
use gremium::ui::{Action, App, Journal};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Language; 2] = [Language::De, Language::En];

fn open_app(dir: &Path, lang: Language) -> App {
    let session: Arc<Session> = Arc::new(gremium::demo::session().expect("demo loads"));
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (live, _) =
        LiveSession::open(session.clone(), dir, inputs, "test", record::now()).expect("record opens");
    let nine = DateTime::<FixedOffset>::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
    App::new(session, Some(lang)).with_journal(Journal::Live(Box::new(live))).with_clock(nine)
}

fn snap(name: &str, app: &mut App, (w, h): (u16, u16)) {
    let terminal = render(app, w, h);
    let lang = app.language().code();
    insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), terminal.backend());
}

fn select(app: &mut App, index: usize) {
    app.update(Action::Home);
    for _ in 0..index {
        app.update(Action::Down);
    }
}

/// Roll call of the demo at 09:00: voting members present, advisory ones
/// absent, invitation confirmed; then one leaves at 10:15 and one arrives
/// late at 09:40.
fn session_under_way(app: &mut App) {
    app.update(Action::ShowAttendance);
    for i in 0..10 {
        select(app, i);
        app.update(if i < 8 && i != 2 { Action::MarkPresent } else { Action::MarkAbsent });
    }
    app.update(Action::ConfirmInvited);
    app.update(Action::Open);
    // The times are typed after the fact, at 10:30.
    app.hold_clock_at(DateTime::<FixedOffset>::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap());
    select(app, 2);
    app.update(Action::EnterTime);
    type_text(app, "9:40");
    app.update(Action::Open);
    app.update(Action::Arrive);
    select(app, 3);
    app.update(Action::EnterTime);
    type_text(app, "10:15");
    app.update(Action::Open);
    app.update(Action::Leave);
    select(app, 0);
}

#[test]
fn attendance_screens() {
    for lang in LANGS {
        for size in SIZES {
            let tmp = tempfile::tempdir().unwrap();
            let mut a = open_app(&tmp.path().join("rec"), lang);
            a.update(Action::ShowAttendance);
            snap("attendance_empty", &mut a, size);
            session_under_way(&mut a);
            snap("attendance_late_arrival", &mut a, size);
            a.update(Action::ConfirmInvited);
            // Already confirmed: refused, not asked again.
            assert!(a.confirm().is_none());
        }
    }
}

#[test]
fn confirmation_step() {
    for lang in LANGS {
        let tmp = tempfile::tempdir().unwrap();
        let mut a = open_app(&tmp.path().join("rec"), lang);
        a.update(Action::ShowAttendance);
        a.update(Action::ConfirmInvited);
        snap("attendance_confirm_invited", &mut a, (80, 24));
        a.update(Action::Back);
        assert!(!a.state().proceedings.duly_invited, "Esc drops it");
    }
}

#[test]
fn conflicted_member_and_item_not_quorate() {
    for lang in LANGS {
        let tmp = tempfile::tempdir().unwrap();
        let mut a = open_app(&tmp.path().join("rec"), lang);
        session_under_way(&mut a);
        // Two more leave: 5 voting members present, 2 of them conflicted on
        // OF-LAUTERBORN (hst pre-declared, hsgb live).
        for i in [1, 7] {
            select(&mut a, i);
            a.update(Action::Leave);
        }
        select(&mut a, 5);
        a.update(Action::DeclareConflict);
        type_text(&mut a, "OF-L");
        snap("attendance_typing_conflict", &mut a, (80, 24));
        a.update(Action::Open);
        type_text(&mut a, "Wohnt im Gebiet");
        a.update(Action::Open);
        snap("attendance_conflicted_member", &mut a, (120, 40));
        a.update(Action::ShowAgenda);
        a.update(Action::CallItem);
        snap("agenda_item_not_quorate", &mut a, (80, 24));
        snap("agenda_item_not_quorate", &mut a, (120, 40));
        a.update(Action::Open);
        snap("dossier_item_not_quorate", &mut a, (80, 24));
    }
}

#[test]
fn header_in_both_quorum_states() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open_app(&tmp.path().join("rec"), Language::De);
    let t = render(&mut a, 80, 24);
    insta::assert_snapshot!("header_not_quorate_de_80", row_text(&t, 0));
    session_under_way(&mut a);
    a.update(Action::ShowOverview);
    let t = render(&mut a, 80, 24);
    insta::assert_snapshot!("header_quorate_de_80", row_text(&t, 0));
    a.update(Action::ToggleLanguage);
    let t = render(&mut a, 120, 40);
    insta::assert_snapshot!("header_quorate_en_120", row_text(&t, 0));
}
