//! Sessions for the UI tests: the embedded demo, and a small rich fixture
//! with every field filled, including text with escape sequences and C1
//! controls. The fixture is parsed straight into the domain types (not
//! through the loader), so it can also hold what the loader would reject,
//! such as an undeclared eligibility key.

#![allow(dead_code)]

use gremium::domain::{DossierCollection, Language, Session, SessionDefinition};
use gremium::ui::{self, Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn rich_session() -> Session {
    let definition: SessionDefinition =
        serde_json::from_str(include_str!("../fixtures/rich/session.json")).expect("fixture session parses");
    let collection: DossierCollection =
        serde_json::from_str(include_str!("../fixtures/rich/dossiers.json")).expect("fixture dossiers parse");
    let mut rest = collection.dossiers;
    rest.sort_by(|a, b| a.id.cmp(&b.id));
    let mut dossiers = Vec::new();
    for id in &definition.agenda {
        if let Some(pos) = rest.iter().position(|d| &d.id == id) {
            dossiers.push(rest.remove(pos));
        }
    }
    dossiers.extend(rest);
    Session { definition, dossiers }
}

pub fn demo_session() -> Session {
    gremium::demo::session().expect("demo loads")
}

pub fn app(session: Session, lang: Language) -> App {
    App::new(session, Some(lang))
}

pub fn drive(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
    }
}

pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let terminal = ui::render_to_test_backend(app, width, height);
    assert_no_control_chars(&terminal);
    terminal
}

/// No cell of the screen holds a control character.
pub fn assert_no_control_chars(terminal: &Terminal<TestBackend>) {
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(|c| c.is_control()),
                "control character in cell ({x}, {y}): {symbol:?}"
            );
        }
    }
}

/// Row `y` of the screen as text.
pub fn row_text(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect()
}

/// The whole screen as text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let height = terminal.backend().buffer().area.height;
    (0..height).map(|y| row_text(terminal, y)).collect::<Vec<_>>().join("\n")
}
