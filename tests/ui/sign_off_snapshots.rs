//! Rendered snapshots of the sign-off and export screen on the complete
//! demo session: with items still open, and signed off with an export
//! written; the amendment prompt; at 80×24 and 120×40, German and English.
//! The temporary folder, digests and the signing line (which depends on
//! whether the machine has a key) are masked.

use crate::complete;
use crate::fixture;
use crate::live;

use std::path::Path;

use complete::Stage;
use gremium::domain::Language;
use gremium::ui::{Action, App};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app_at(dir: &Path, stage: Stage, lang: Language) -> App {
    let session = complete::demo();
    drop(complete::record_session(&session, dir, stage));
    let mut app = live::open_app(&session, dir, lang, &[]).with_clock(complete::at(15, 30));
    app.update(Action::ShowSignOff);
    app
}

fn snap(name: &str, app: &mut App, tmp: &Path, sizes: &[(u16, u16)]) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(&regex_escape(&tmp.display().to_string()), "[TMP]");
    settings.add_filter(r"[0-9a-f]{64}", "[SHA256]");
    settings.add_filter(
        r"(nicht signiert \(kein Schlüssel; gremium keygen erzeugt einen\)|not signed \(no key; gremium keygen makes one\)|signiert mit Schlüssel [0-9a-f ]+|signed with key [0-9a-f ]+)",
        "[SIGNATURE]",
    );
    settings.bind(|| {
        for (w, h) in sizes {
            let terminal = fixture::render(app, *w, *h);
            let lang = app.language().code();
            insta::assert_snapshot!(format!("sign_off_{name}_{lang}_{w}x{h}"), terminal.backend());
        }
    });
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '/' { c.to_string() } else { format!("\\{c}") })
        .collect()
}

#[test]
fn items_open_in_both_languages() {
    for lang in [Language::De, Language::En] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = app_at(&tmp.path().join("record"), Stage::Scored, lang);
        snap("open", &mut app, tmp.path(), &SIZES);
    }
}

#[test]
fn signed_off_and_exported_in_both_languages() {
    for lang in [Language::De, Language::En] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = app_at(&tmp.path().join("record"), Stage::Amended, lang);
        app.update(Action::Export);
        snap("sealed", &mut app, tmp.path(), &SIZES);
    }
}

#[test]
fn the_amendment_prompt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = app_at(&tmp.path().join("record"), Stage::SignedOff, Language::De);
    app.update(Action::Note);
    fixture::type_text(&mut app, "Nachtrag zur Sitzung");
    app.update(Action::Open);
    fixture::type_text(&mut app, "Hinweis der Geschäftsstelle");
    snap("amend", &mut app, tmp.path(), &[(80, 24)]);
}
