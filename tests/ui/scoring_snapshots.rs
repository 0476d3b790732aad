//! Rendered snapshots of the scoring screen on a live record: blind,
//! revealed, flagged, a conflicted member, an item without quorum, a second
//! round; at 80×24 and 120×40, German and English for blind and revealed.

use crate::fixture;
use crate::live;

use gremium::domain::Language;
use gremium::ui::{Action, App};
use live::{demo, open_app, roll_call};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = fixture::render(app, w, h);
        let lang = app.language().code();
        insta::assert_snapshot!(format!("scoring_{name}_{lang}_{w}x{h}"), terminal.backend());
    }
}

fn sheet(lang: Language, absent: &[&str], values: &str) -> (tempfile::TempDir, App) {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), lang, &roll_call(&session, absent));
    app.update(Action::ShowScoring);
    for c in values.chars() {
        app.update(Action::Insert(c));
    }
    (tmp, app)
}

#[test]
fn blind_and_revealed_in_both_languages() {
    for lang in [Language::De, Language::En] {
        let (_tmp, mut app) = sheet(lang, &[], "4321043210432");
        snap("blind", &mut app);
        let (_tmp, mut app) = sheet(lang, &[], &"2".repeat(42));
        snap("revealed", &mut app);
    }
}

#[test]
fn flagged_conflicted_not_quorate_and_second_round() {
    // Spread 4 on social and 2 on urban: both flagged.
    let flagged: String = (0..7).map(|m| if m == 0 { "400000" } else { "021000" }).collect();
    let (_tmp, mut app) = sheet(Language::De, &[], &flagged);
    snap("flagged", &mut app);

    let (_tmp, mut app) = sheet(Language::De, &["akh"], "33");
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::Insert('3'));
    snap("conflicted", &mut app);

    let (_tmp, mut app) = sheet(Language::De, &["hmdi", "hmaijs", "lag", "hsgb"], "2");
    snap("not_quorate", &mut app);

    let (_tmp, mut app) = sheet(Language::De, &[], &"3".repeat(42));
    app.update(Action::NewRound);
    snap("confirm_round", &mut app);
    app.update(Action::Open);
    for c in "2341".chars() {
        app.update(Action::Insert(c));
    }
    snap("second_round", &mut app);
}
