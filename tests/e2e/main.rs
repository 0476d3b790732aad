//! End-to-end: the real binary in a pseudo-terminal.

mod crash;
mod pty;

use pty::Terminal;

#[test]
fn demo_opens_a_dossier_and_quits_cleanly() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");
    term.wait_for("21 (8 ländlich, 13 städtisch)");

    term.send("a");
    term.wait_for("21 von 21 Dossiers");

    // Move to the second item and open it.
    term.send("j");
    term.send("\r");
    term.wait_for("KS-WESERTOR · Kassel · Wesertor");
    term.send("2");
    term.wait_for("Auf einen Blick");

    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}

#[test]
fn english_and_too_small_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&["--lang", "en"], 70, 20, home.path());
    term.wait_for("too small");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}

#[test]
fn a_second_gremium_is_offered_a_read_only_view() {
    use std::sync::Arc;

    use gremium::demo::{EmbeddedSource, SESSION_PATH};
    use gremium::record::{self, LiveSession};

    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("held");
    let session = Arc::new(gremium::demo::session().expect("demo"));
    let inputs = record::inputs_digest(&EmbeddedSource, std::path::Path::new(SESSION_PATH)).expect("digest");
    let _held = LiveSession::open(session, &dir, inputs, "test", record::now()).expect("first writer");

    let dir_arg = dir.display().to_string();
    let mut term = Terminal::spawn(&["demo", "--record", &dir_arg], 100, 30, home.path());
    term.wait_for(&format!("is open in another gremium (pid {})", std::process::id()));
    term.wait_for("Open it read-only instead? [y/N]");
    term.send("y\r");
    term.wait_for("Nur-Lesen-Ansicht: Änderungen werden nicht aufgezeichnet");
    term.send("nVersuch\r");
    term.wait_for("Abgelehnt: Nur-Lesen-Ansicht");
    term.send("\u{1b}");
    term.wait_for("q beenden");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}
