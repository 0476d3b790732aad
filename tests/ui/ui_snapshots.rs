//! Rendered snapshots of every screen at 80×24 and 120×40, in German and
//! English, for the demo session and for the rich fixture. Snapshots carry
//! no colours; style-critical cells are asserted in `ui_flow.rs`.
//!
//! Review changes with `cargo insta review`, or run with
//! `INSTA_UPDATE=always` and read the `.snap` files under
//! `tests/snapshots/`.

use crate::fixture;

use fixture::{app, demo_session, render, rich_session, type_text};
use gremium::domain::{Language, Session};
use gremium::ui::{Action, App};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Language; 2] = [Language::De, Language::En];

fn snap(name: &str, app: &mut App, (w, h): (u16, u16)) {
    let terminal = render(app, w, h);
    let lang = app.language().code();
    insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), terminal.backend());
}

fn screens(prefix: &str, session: fn() -> Session, open: usize) {
    for lang in LANGS {
        for size in SIZES {
            let mut a = app(session(), lang);
            snap(&format!("{prefix}_overview"), &mut a, size);

            a.update(Action::ShowAgenda);
            snap(&format!("{prefix}_agenda"), &mut a, size);

            let mut a = app(session(), lang);
            a.update(Action::Search);
            type_text(&mut a, "stadt");
            snap(&format!("{prefix}_agenda_search"), &mut a, size);

            let mut a = app(session(), lang);
            a.update(Action::ShowAgenda);
            for _ in 0..open {
                a.update(Action::Down);
            }
            a.update(Action::Open);
            for tab in 1..=9u8 {
                a.update(Action::Tab(tab));
                snap(&format!("{prefix}_dossier_tab{tab}"), &mut a, size);
            }
            a.update(Action::Help);
            snap(&format!("{prefix}_dossier_help"), &mut a, size);
        }
    }
}

#[test]
fn demo_screens() {
    screens("demo", demo_session, 0);
}

#[test]
fn rich_screens() {
    // DA-NORD, the dossier with every field filled, is second on the agenda.
    screens("rich", rich_session, 1);
}

#[test]
fn help_on_agenda() {
    for lang in LANGS {
        for size in SIZES {
            let mut a = app(rich_session(), lang);
            a.update(Action::ShowAgenda);
            a.update(Action::Help);
            snap("rich_agenda_help", &mut a, size);
        }
    }
}

#[test]
fn too_small() {
    for lang in LANGS {
        for size in [(79, 24), (80, 23), (40, 10)] {
            let mut a = app(demo_session(), lang);
            snap("too_small", &mut a, size);
        }
    }
}
