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
