//! Sign-off, export and amendments driven headlessly through the app on
//! the complete demo session: the checklist refuses while items are open;
//! sign-off goes through a confirmation naming the chair; the export step
//! writes a folder that verifies; a change afterwards asks for a reason
//! and is recorded as an amendment.

use crate::complete;
use crate::fixture;
use crate::live;

use std::path::Path;

use complete::Stage;
use gremium::domain::{EventKind, Language};
use gremium::export;
use gremium::procedure::Command;
use gremium::ui::{Action, App, Screen};

/// The complete session up to `stage`, reopened in an app with the clock
/// held at 15:30.
fn app_at(dir: &Path, stage: Stage, lang: Language) -> App {
    let session = complete::demo();
    drop(complete::record_session(&session, dir, stage));
    live::open_app(&session, dir, lang, &[]).with_clock(complete::at(15, 30))
}

#[test]
fn the_checklist_refuses_while_items_are_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(&tmp.path().join("record"), Stage::Scored, Language::De);
    app.update(Action::ShowSignOff);
    assert_eq!(app.screen(), Screen::SignOff);
    app.update(Action::SignOff);
    assert!(app.confirm().is_none(), "no confirmation while items are open");
    assert_eq!(
        app.notice(),
        Some(
            "Abgelehnt: Freigabe noch nicht möglich: ohne Beschluss: OF-LAUTERBORN, KS-WESERTOR, GI-WESTSTADT, ALS-ALTSTADT, HR-ALTSTADT, BUED-KERNSTADT, DA-NORD, DIL-NORD, DZB-NORD, ESW-INNENSTADT-SUED, FD-ZIEHERS-SUED, HEF-HOHE-LUFT, HOG-NORD, KB-ALTSTADT, LM-SUED, MIC-ALTSTADT, MR-RICHTSBERG-WEST, RAUN-NORD, RUE-INNENSTADT-OST, VH-INNENSTADT, WZ-DALHEIM"
        )
    );
    assert!(!app.state().is_signed_off());
    // The long refusal stands over the screen until the next key.
    let screen = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    assert!(screen.contains("│ WZ-DALHEIM "), "the refusal whole: {screen}");
    app.update(Action::Home);
    let screen = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    assert!(screen.contains(" ✗ Jeder Punkt beschlossen oder vertagt"), "{screen}");
    assert!(screen.contains(" ✓ Beschlussfähigkeit bei jeder Abstimmung"), "{screen}");
    assert!(
        screen.contains("     noch ohne Beschluss: OF-LAUTERBORN, KS-WESERTOR, GI-WESTSTADT,"),
        "{screen}"
    );
    assert!(screen.contains(" DA-NORD, DIL-NORD, … (+13)"), "eight named, the rest counted: {screen}");
}

#[test]
fn sign_off_export_and_an_amendment() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let record = tmp.path().join("record");
    let mut app = app_at(&record, Stage::Decided, Language::De);
    app.update(Action::ShowSignOff);

    // A draft export first: written beside the record, marked as a draft.
    app.update(Action::Export);
    let done = match &app.sign_off_state().export {
        Some(Ok(done)) => done.clone(),
        other => panic!("export failed: {other:?}"),
    };
    assert_eq!(done.dir, record.join("export"));
    assert!(done.draft);
    assert_eq!(
        done.files,
        ["admission-list.csv", "minutes.html", "minutes.md", "results.json", "scores.csv", "SHA256SUMS"]
    );

    // Sign-off asks first, naming the chair.
    app.update(Action::SignOff);
    let question = app.confirm().map(|c| c.question.clone()).unwrap_or_default();
    assert_eq!(
        question,
        "Die Sitzung jetzt freigeben? Freigabe durch den Vorsitz: Dr. M. Ahrenfeld. Danach ist jede Änderung eine protokollierte Änderung mit Begründung."
    );
    app.update(Action::Back);
    assert!(!app.state().is_signed_off(), "Esc drops it");
    app.update(Action::SignOff);
    app.update(Action::Open);
    assert_eq!(
        app.notice(),
        Some(
            "Sitzung freigegeben durch Dr. M. Ahrenfeld – Änderungen nur noch mit Begründung als protokollierte Änderung"
        )
    );
    let sealed = app.state().proceedings.signed_off.clone().expect("signed off");
    assert_eq!(sealed.by, "vorsitz");
    let screen = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    assert!(screen.contains("✓ Freigegeben am 26.11.2026, 15:30 durch Dr. M. Ahrenfeld."), "{screen}");
    app.update(Action::ShowOverview);
    let overview = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    assert!(overview.contains("Als Nächstes: Freigegeben – Ergebnisse exportieren  [x]"), "{overview}");
    app.update(Action::ShowSignOff);
    app.update(Action::SignOff);
    assert_eq!(app.notice(), Some("Abgelehnt: die Sitzung ist bereits freigegeben"));

    // The export now replaces the draft and verifies.
    app.update(Action::Export);
    let done = match &app.sign_off_state().export {
        Some(Ok(done)) => done.clone(),
        other => panic!("export failed: {other:?}"),
    };
    assert!(!done.draft);
    let bytes = std::fs::read(done.dir.join(export::RESULTS_FILE)).expect("results.json");
    let report = export::verify_results(&bytes, Some(&done.dir), None);
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(done.digest.len(), 64);

    // Undo is sealed, and not offered as an amendment.
    app.update(Action::Undo);
    assert!(app.amendment().is_none());
    assert_eq!(
        app.notice(),
        Some("Abgelehnt: die Sitzung ist freigegeben; Änderungen nur als protokollierte Änderung")
    );

    // A note after sign-off asks for a reason; Esc drops it.
    app.update(Action::Note);
    fixture::type_text(&mut app, "Nachtrag");
    app.update(Action::Open);
    assert!(app.note_text().is_none());
    let prompt = app.amendment().cloned().expect("the amendment prompt");
    assert_eq!(prompt.command, Command::AddNote { text: "Nachtrag".into(), dossier: None });
    app.update(Action::Back);
    assert!(app.amendment().is_none());
    assert_eq!(app.notice(), Some("Keine Änderung protokolliert"));
    assert!(app.state().proceedings.amendments.is_empty());

    // With a reason it is recorded as an amendment.
    app.update(Action::Note);
    fixture::type_text(&mut app, "Die Bescheide ergehen bis 15.12.2026.");
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(app.notice(), Some("Ohne Begründung wird keine Änderung protokolliert"));
    fixture::type_text(&mut app, "Hinweis nachgetragen");
    app.update(Action::Open);
    assert!(app.amendment().is_none());
    let amendments = &app.state().proceedings.amendments;
    assert_eq!(amendments.len(), 1);
    assert_eq!(amendments[0].reason, "Hinweis nachgetragen");
    assert!(
        matches!(&amendments[0].change, EventKind::NoteAdded { text, .. } if text == "Die Bescheide ergehen bis 15.12.2026.")
    );
    assert!(app.notice().is_some_and(|n| n.starts_with("Änderung protokolliert: ")), "{:?}", app.notice());

    // The minutes show it as an amendment.
    let minutes = gremium::minutes::markdown(&gremium::minutes::build(app.state(), complete::at(15, 40)));
    assert!(minutes.contains("| Hinweis nachgetragen |"), "{minutes}");
}

#[test]
fn the_export_step_writes_the_configured_csv_dialect() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app =
        app_at(tmp.path(), Stage::SignedOff, Language::De).with_export_csv(export::Dialect::Rfc4180);
    app.update(Action::ShowSignOff);
    app.update(Action::Export);
    let done = match &app.sign_off_state().export {
        Some(Ok(done)) => done.clone(),
        other => panic!("export failed: {other:?}"),
    };
    let list = std::fs::read(done.dir.join(export::ADMISSION_LIST_FILE)).expect("admission list");
    assert!(
        list.starts_with(b"Status,Sitzung,Sitzungsdatum,Rang,"),
        "RFC 4180: no BOM, commas: {:?}",
        &list[..20]
    );
    let bytes = std::fs::read(done.dir.join(export::RESULTS_FILE)).expect("results.json");
    assert!(export::verify_results(&bytes, Some(&done.dir), None).is_intact());
}

#[test]
fn a_foreign_file_in_the_export_folder_is_named_in_the_session_language() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("record");
    let mut app = app_at(&dir, Stage::SignedOff, Language::De);
    let export = dir.join("export");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(export.join("notizen.txt"), "meins").unwrap();
    app.update(Action::ShowSignOff);
    app.update(Action::Export);
    let screen = fixture::screen_text(&fixture::render(&mut app, 120, 40));
    assert!(screen.contains("enthält „notizen.txt“, das nicht zu einem gremium-Export gehört;"), "{screen}");
    assert_eq!(std::fs::read_to_string(export.join("notizen.txt")).unwrap(), "meins", "left alone");
    // Taken out, the next export goes through.
    std::fs::remove_file(export.join("notizen.txt")).unwrap();
    app.update(Action::Export);
    assert!(export.join("results.json").exists());
}
