//! The chair's gremium and the room's `gremium follow` side by side on the
//! same record, each in its own terminal: what the chair records reaches
//! the room's view; the chair quitting does not end it, and the resumed
//! session goes on in it.

use crate::pty::Terminal;

#[test]
fn the_rooms_view_follows_the_chairs_record() {
    let home = tempfile::tempdir().expect("tempdir");
    let session = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/apply");
    let mut chair = Terminal::spawn(&["open", session], 120, 40, home.path());
    chair.wait_for("Jury Stadtteilpreis 2027");
    let mut room = Terminal::spawn(&["follow", session], 100, 30, home.path());
    room.wait_for("Raumansicht · Jury Stadtteilpreis");
    room.wait_for("Kein Punkt aufgerufen.");
    room.wait_for("nicht beschlussfähig: 0/5");

    // The roll call on the chair's screen: the room's header follows.
    chair.send("p");
    chair.wait_for("0 von 6 Mitgliedern anwesend");
    chair.send("\r");
    chair.wait_for("1 von 6 Mitgliedern anwesend");
    room.wait_for("nicht beschlussfähig: 1/5");

    chair.send("q");
    assert_eq!(chair.wait_exit(), 0);
    room.wait_for("nicht beschlussfähig: 1/5");

    // The chair opens the session again and goes on: the room follows the
    // resumed record.
    let mut chair = Terminal::spawn(&["open", session], 120, 40, home.path());
    chair.wait_for("Jury Stadtteilpreis 2027");
    chair.send("p");
    chair.wait_for("1 von 6 Mitgliedern anwesend");
    chair.send("j");
    chair.send("\r");
    chair.wait_for("2 von 6 Mitgliedern anwesend");
    room.wait_for("nicht beschlussfähig: 2/5");
    chair.send("q");
    assert_eq!(chair.wait_exit(), 0);
    room.send("q");
    assert_eq!(room.wait_exit(), 0);
}
