//! Rendered snapshots of the minutes screen, with a live record in a
//! tempdir written at fixed times and the clock held at 10:30, so every
//! time on screen is exact. Review with `INSTA_UPDATE=always` and read the
//! files.

use crate::fixture;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use fixture::{render, row_text, screen_text};
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Actor, Language, Session};
use gremium::procedure::Command;
use gremium::record::{self, LiveSession};
use gremium::ui::{Action, App, Journal, Screen};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:{m:02}:00+01:00")).unwrap()
}

/// The demo in `lang`: screens and minutes alike (an English session has
/// English criterion labels).
fn demo(lang: Language) -> Arc<Session> {
    let mut session = gremium::demo::session().expect("demo loads");
    session.definition.language = lang;
    if lang == Language::En {
        for c in &mut session.definition.criteria {
            if let Some(en) = c.label_en.take() {
                c.label = en;
            }
        }
    }
    Arc::new(session)
}

/// Roll call at 09:00 (hmaijs and wiss absent), OF-LAUTERBORN called up at
/// 09:05, scored by the six present members without a conflict and
/// revealed at 09:30, a note on it, hmaijs arriving at 09:40, a live
/// conflict at 09:45, akh leaving at 10:15; the app on the minutes at 10:30.
fn session_under_way(dir: &Path, lang: Language) -> App {
    let session = demo(lang);
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (mut live, _) =
        LiveSession::open(session.clone(), dir, inputs, "test", at(8, 55)).expect("record opens");
    let mut run = |time: DateTime<FixedOffset>, command: Command| {
        live.execute(Actor::Chair, &command, time).unwrap_or_else(|e| panic!("{command:?}: {e}"));
    };
    run(at(9, 0), Command::ConfirmDulyInvited);
    for m in ["vorsitz", "hmdi", "lag", "hst", "hsgb", "hlt", "akh", "ha"] {
        run(at(9, 0), Command::MarkPresent { member: m.into(), at: at(9, 0) });
    }
    for m in ["hmaijs", "wiss"] {
        run(at(9, 0), Command::MarkAbsent { member: m.into(), at: at(9, 0) });
    }
    let item = "OF-LAUTERBORN";
    run(at(9, 5), Command::OpenItem { dossier: item.into() });
    let criteria: Vec<String> = session.definition.criteria.iter().map(|c| c.id.clone()).collect();
    let scores = [
        ("vorsitz", [3, 3, 2, 3, 2, 3]),
        ("hmdi", [4, 3, 3, 2, 2, 3]),
        ("lag", [4, 2, 3, 3, 3, 2]),
        ("hsgb", [3, 3, 2, 3, 2, 3]),
        ("hlt", [2, 3, 2, 3, 3, 3]),
        ("akh", [4, 1, 3, 3, 2, 3]),
    ];
    for (i, (m, values)) in scores.iter().enumerate() {
        for (c, value) in criteria.iter().zip(values) {
            let score = Command::EnterScore {
                dossier: item.into(),
                member: m.to_string(),
                criterion: c.clone(),
                value: f64::from(*value),
            };
            run(at(9, 10 + i as u32), score);
        }
    }
    run(at(9, 30), Command::RevealScores { dossier: item.into() });
    let note = "Konzept überzeugt; Beteiligung ausbaufähig.";
    run(at(9, 31), Command::AddNote { text: note.into(), dossier: Some(item.into()) });
    run(at(9, 41), Command::Arrive { member: "hmaijs".into(), at: at(9, 40) });
    let reason = Some("Wohnt im Gebiet".to_string());
    run(at(9, 45), Command::DeclareConflict { member: "hsgb".into(), dossier: "KS-WESERTOR".into(), reason });
    run(at(10, 16), Command::Leave { member: "akh".into(), at: at(10, 15) });
    let mut app =
        App::new(session, Some(lang)).with_journal(Journal::Live(Box::new(live))).with_clock(at(10, 30));
    app.update(Action::ShowMinutes);
    assert_eq!(app.screen(), Screen::Minutes);
    app
}

fn snap(name: &str, app: &mut App, (w, h): (u16, u16)) {
    let terminal = render(app, w, h);
    let lang = app.language().code();
    insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), terminal.backend());
}

#[test]
fn the_minutes_screen() {
    for lang in [Language::De, Language::En] {
        for size in SIZES {
            let tmp = tempfile::tempdir().unwrap();
            let mut app = session_under_way(&tmp.path().join("rec"), lang);
            snap("minutes_top", &mut app, size);
            // "." goes to the item being dealt with: its facts and scores.
            app.update(Action::JumpToCurrent);
            snap("minutes_current_item", &mut app, size);
            app.update(Action::End);
            snap("minutes_end", &mut app, size);
        }
    }
}

#[test]
fn the_draft_mark_stays_while_scrolling() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = session_under_way(&tmp.path().join("rec"), Language::De);
    for _ in 0..3 {
        let t = render(&mut app, 80, 24);
        assert!(row_text(&t, 1).starts_with(" ⚠ ENTWURF – nicht freigegeben"), "{}", row_text(&t, 1));
        app.update(Action::PageDown);
    }
    // The mark is more than colour: the words are there in the plain theme.
    app.update(Action::CycleTheme);
    app.update(Action::CycleTheme);
    let t = render(&mut app, 80, 24);
    assert!(screen_text(&t).contains("ENTWURF"));
}
