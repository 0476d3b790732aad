//! The two pictures in the README are the real screens: the ranking of the
//! scored demo (German) and its agenda (English), rendered by the app and
//! turned into SVG cell by cell. The test fails when a screen changes and
//! the pictures do not; `GREMIUM_BLESS=1 cargo test --test ui readme_screens`
//! writes them anew.

use crate::fixture;
use crate::live;
use crate::ranked;
use crate::svg;

use std::path::PathBuf;

use gremium::domain::Language;
use gremium::ui::Action;
use live::{demo, open_app, roll_call};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 34;

fn screens_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screens")
}

fn check(name: &str, got: &str) {
    let path = screens_dir().join(name);
    if std::env::var_os("GREMIUM_BLESS").is_some() {
        std::fs::create_dir_all(screens_dir()).expect("docs/screens");
        std::fs::write(&path, got).expect("write picture");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == got,
        "{} is not the screen any more; run GREMIUM_BLESS=1 cargo test --test ui readme_screens",
        path.display()
    );
}

#[test]
fn the_readme_pictures_are_the_screens() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = demo();
    let mut setup = roll_call(&session, &[]);
    setup.extend(ranked::scores(&session, &ranked::BY_COUNT, &[(2, 3)]));
    let mut app = open_app(&session, &tmp.path().join("rec"), Language::De, &setup);

    app.update(Action::ShowRanking);
    let terminal = fixture::render(&mut app, WIDTH, HEIGHT);
    let ranking = svg::svg(terminal.backend().buffer(), "gremium: Rangfolge mit Budgetlinie");
    assert!(ranking.contains("Budgetlinie"), "the budget line is in the picture");
    check("ranking-de.svg", &ranking);

    app.update(Action::ToggleLanguage);
    app.update(Action::ShowAgenda);
    let terminal = fixture::render(&mut app, WIDTH, HEIGHT);
    let agenda = svg::svg(terminal.backend().buffer(), "gremium: the agenda");
    assert!(agenda.contains("KS-WESERTOR"), "the demo's dossiers are in the picture");
    check("agenda-en.svg", &agenda);
}
