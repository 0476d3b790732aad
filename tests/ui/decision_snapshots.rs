//! Rendered snapshots of the decision screen on a live record: the list
//! with decided items and the decided lists, the vote dialog (valid,
//! refused for too many votes, not quorate, a tie with the chair's vote,
//! by name), the en-bloc dialog and the decided lists over another screen;
//! at 80×24 and 120×40, German and English.

use crate::decide;
use crate::fixture;
use crate::live;

use decide::{counts, score_everything, select, type_text};
use gremium::domain::Language;
use gremium::ui::{Action, App};
use live::{demo, open_app, roll_call};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = fixture::render(app, w, h);
        let lang = app.language().code();
        insta::assert_snapshot!(format!("decision_{name}_{lang}_{w}x{h}"), terminal.backend());
    }
}

/// Vote on `id` with the proposal and `yes`, confirmed.
fn decide(app: &mut App, id: &str, yes: &str) {
    select(app, id);
    app.update(Action::Open);
    counts(app, yes, "", "");
    app.update(Action::Open);
    app.update(Action::Open);
    assert!(app.decision().dialog().is_none(), "{id}: {:?}", app.notice());
}

#[test]
fn the_screen_and_its_dialogs_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &roll_call(&session, &[]));
    score_everything(&mut app);
    app.update(Action::ShowDecision);
    decide(&mut app, "OF-LAUTERBORN", "7");
    decide(&mut app, "ESW-INNENSTADT-SUED", "7");
    select(&mut app, "KS-WESERTOR");
    app.update(Action::Defer);
    type_text(&mut app, "Unterlagen fehlen");
    app.update(Action::Open);
    app.update(Action::Open);
    select(&mut app, "HR-ALTSTADT");
    for lang in [Language::De, Language::En] {
        if app.language() != lang {
            app.update(Action::ToggleLanguage);
        }
        snap("list", &mut app);

        // Valid: 5:1:1 on the proposal.
        app.update(Action::Open);
        counts(&mut app, "5", "1", "1");
        snap("dialog_valid", &mut app);
        // Too many votes: 9 with 7 eligible.
        counts(&mut app, "9", "0", "0");
        snap("dialog_too_many", &mut app);
        // A tie the chair decides.
        counts(&mut app, "3", "3", "1");
        app.update(Action::Right);
        snap("dialog_tie", &mut app);
        // By name, with a departure that needs a rationale.
        app.update(Action::MotionAdmit);
        app.update(Action::ByName);
        for ballot in [Action::BallotYes, Action::BallotYes, Action::BallotNo, Action::BallotAbstain] {
            app.update(ballot);
        }
        snap("dialog_by_name", &mut app);
        app.update(Action::Back);

        app.update(Action::EnBloc);
        type_text(&mut app, "5");
        snap("en_bloc", &mut app);
        app.update(Action::Back);

        app.update(Action::ShowAgenda);
        app.update(Action::ToggleDecided);
        snap("overlay", &mut app);
        app.update(Action::ToggleDecided);
        app.update(Action::ShowDecision);
    }
}

#[test]
fn a_vote_without_quorum_is_refused_before_it_is_put() {
    for lang in [Language::De, Language::En] {
        let tmp = tempfile::tempdir().unwrap();
        let session = demo();
        let absent = ["hmdi", "lag", "akh", "hlt"];
        let mut app = open_app(&session, &tmp.path().join("rec"), lang, &roll_call(&session, &absent));
        app.update(Action::ShowDecision);
        select(&mut app, "KS-WESERTOR");
        app.update(Action::Open);
        counts(&mut app, "3", "1", "");
        snap("dialog_not_quorate", &mut app);
    }
}
