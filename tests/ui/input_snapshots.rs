//! Rendered snapshots of the input layers on a live record: a note being
//! typed (long enough to wrap, the cursor inside it), a deferral's reason,
//! the rationale of a vote and its confirmation with the rationale in
//! full, a refused paste; at 80×24 and 120×40, German and English. The
//! terminal's cursor is asserted on the buffer: snapshots do not show it.

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
        insta::assert_snapshot!(format!("input_{name}_{lang}_{w}x{h}"), terminal.backend());
    }
}

fn in_language(app: &mut App, lang: Language) {
    if app.language() != lang {
        // Typing has to be closed to switch: the layers would take `L` as text.
        app.update(Action::ToggleLanguage);
    }
}

const RATIONALE: &str = "Das Gremium weicht von der Rangfolge ab, weil die Stadt das Quartiersmanagement \
                         bereits aus eigenen Mitteln begonnen hat und der Eigenanteil gesichert ist.";

#[test]
fn the_text_layers_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let session = demo();
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &roll_call(&session, &[]));
    score_everything(&mut app);
    for lang in [Language::De, Language::En] {
        in_language(&mut app, lang);
        // A note, wrapped, with the cursor moved back into it.
        app.update(Action::ShowOverview);
        app.update(Action::Note);
        type_text(&mut app, RATIONALE);
        for _ in 0..3 {
            app.update(Action::WordLeft);
        }
        snap("note", &mut app);
        let terminal = fixture::render(&mut app, 80, 24);
        let cursor = terminal.backend().cursor_position();
        assert_eq!((cursor.x, cursor.y), (2, 21), "the cursor sits before „Eigenanteil“");
        app.update(Action::Back);

        // A paste where no text is typed.
        app.update(Action::ShowScoring);
        app.paste("344");
        snap("paste_refused", &mut app);

        // A deferral's reason.
        app.update(Action::ShowDecision);
        select(&mut app, "KS-WESERTOR");
        app.update(Action::Defer);
        type_text(&mut app, "Unterlagen zur Kosten- und Finanzierungsübersicht fehlen");
        snap("defer_reason", &mut app);
        app.update(Action::Back);

        // A vote departing from the ranking: the rationale box, then the
        // confirmation naming counts, outcome and the rationale in full.
        select(&mut app, "OF-LAUTERBORN");
        app.update(Action::Open);
        app.update(Action::MotionAdmit);
        counts(&mut app, "5", "1", "1");
        type_text(&mut app, RATIONALE);
        snap("rationale", &mut app);
        app.update(Action::Open);
        assert!(app.confirm().is_some(), "{:?}", app.notice());
        snap("confirm_vote", &mut app);
        app.update(Action::Back);
        app.update(Action::Back);
        assert!(app.decision().dialog().is_none());
    }
    assert!(app.state().proceedings.votes.is_empty(), "nothing was recorded");
}
