//! End-to-end: the real binary in a pseudo-terminal.

mod crash;
mod files;
mod follow;
mod full_session;
mod input;
mod pty;
mod review;

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
fn roll_call_and_one_dossier_scored_blind_then_revealed() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");

    // Roll call: the invitation confirmed, the eight voting members present
    // (the selection moves on after each answer), the two advisory absent.
    term.send("p");
    term.wait_for("0 von 10 Mitgliedern anwesend");
    term.send("I");
    term.wait_for("Bitte bestätigen");
    term.send("y");
    term.wait_for("✓ ordnungsgemäße Ladung bestätigt");
    term.send("\r\r\r\r\r\r\r\r--");
    term.wait_for("8 von 10 Mitgliedern anwesend, 8 von 8 stimmberechtigt");
    term.wait_for("✓ beschlussfähig 8/8 (mind. 5)");

    // Call up the first item and score it: 7 members without a conflict × 6
    // criteria, called out as digits.
    term.send("a");
    term.wait_for("21 von 21 Dossiers");
    term.send("c");
    term.wait_for("Aktueller Punkt: OF-LAUTERBORN");
    term.send("s");
    term.wait_for("Runde 1 · verdeckt · 0 von 42 erfasst");
    term.send(&"3".repeat(41));
    term.wait_for("Runde 1 · verdeckt · 41 von 42 erfasst");
    assert!(!term.screen().contains("Gewichtete Summe"), "blind until the last score");
    term.send("2");
    term.wait_for("Runde 1 · aufgedeckt · 42 von 42 erfasst");
    // 90 weight at 3, feasibility (10) at (6 × 3 + 2) / 7: 298.57… / 100.
    term.wait_for("Gewichtete Summe: 2,99 / 4 (74,6\u{a0}%)");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);

    let dir = home.path().join("data/records/sz-hessen-2027");
    let ro = gremium::record::read_only(&dir, Some("sz-hessen-2027")).expect("record");
    let count = |t: &str| {
        ro.events.iter().filter(|e| serde_json::to_string(&e.event).unwrap_or_default().contains(t)).count()
    };
    assert_eq!(count(r#""type":"score_entered""#), 42);
    assert_eq!(count(r#""type":"scores_revealed""#), 1);
    assert_eq!(count(r#""type":"member_marked_present""#), 8);
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
    term.wait_for(&format!("ist in einem anderen gremium geöffnet (Prozess {})", std::process::id()));
    term.wait_for("Stattdessen nur lesend öffnen? [j/N]");
    term.send("j\r");
    term.wait_for("Nur-Lesen-Ansicht: Änderungen werden nicht aufgezeichnet");
    term.send("nVersuch\r");
    term.wait_for("Abgelehnt: Nur-Lesen-Ansicht");
    term.send("\u{1b}");
    term.wait_for("q beenden");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}
