//! The input layer on the real binary: signals restore the terminal, a
//! paste is text, the too-small notice lets nothing through, the mouse
//! selects. Each test looks at the record and the terminal afterwards.

use std::path::Path;

use crate::pty::{Modes, Terminal};

/// The demo's record under `home`.
fn record(home: &Path) -> String {
    let path = home.join("data/records/sz-hessen-2027/record.jsonl");
    std::fs::read_to_string(path).unwrap_or_default()
}

fn count(record: &str, kind: &str) -> usize {
    record.lines().filter(|l| l.contains(&format!("\"type\":\"{kind}\""))).count()
}

const RESTORED: Modes =
    Modes { alternate_screen: false, hidden_cursor: false, bracketed_paste: false, mouse: false };

#[test]
fn every_terminating_signal_restores_the_terminal_with_the_conventional_code() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let home = tempfile::tempdir().expect("tempdir");
        let mut term = Terminal::spawn(&[], 100, 30, home.path());
        term.wait_for("Als Nächstes");
        let running = term.modes();
        assert!(
            running.alternate_screen && running.hidden_cursor && running.bracketed_paste && running.mouse
        );
        assert!(!term.cooked(), "raw mode while running");
        term.signal(signal);
        assert_eq!(term.wait_exit(), code, "SIG{signal}");
        assert_eq!(term.settled_modes(RESTORED), RESTORED, "SIG{signal}");
        assert!(term.cooked(), "cooked mode after SIG{signal}");
    }
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    Signal,
    CtrlZ,
}

#[test]
fn after_a_stop_the_screen_is_drawn_again_whole() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");
    // SIGTSTP: gremium leaves the terminal as a shell expects and stops;
    // SIGCONT (`fg`): it enters it again and draws everything, not only
    // what changed — the screen was garbled meanwhile.
    for stop in [Stop::Signal, Stop::CtrlZ] {
        match stop {
            Stop::Signal => term.signal("TSTP"),
            Stop::CtrlZ => term.send("\u{1a}"),
        }
        assert_eq!(term.settled_modes(RESTORED), RESTORED, "{stop:?}: the terminal is left");
        term.wait_stopped();
        assert!(term.cooked(), "{stop:?}: cooked mode while stopped");
        term.garble();
        term.signal("CONT");
        term.wait_for("Als Nächstes");
        let running =
            Modes { alternate_screen: true, hidden_cursor: true, bracketed_paste: true, mouse: true };
        assert_eq!(term.settled_modes(running), running, "{stop:?}: entered again");
    }
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert_eq!(term.settled_modes(RESTORED), RESTORED);
}

#[test]
fn a_paste_is_text_in_the_note_and_never_keys() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");
    // Roll call for everyone, the invitation confirmed, an item called up,
    // the scoring grid open: digits would be scores here.
    term.send("p");
    term.wait_for("Anwesenheit");
    term.send(&"\r".repeat(10));
    term.send("I");
    term.wait_for("Bitte bestätigen");
    term.send("y");
    term.wait_gone("Bitte bestätigen");
    term.send("ac");
    term.wait_for("▶▶");
    term.send("s");
    term.wait_for("Punktzahl");
    term.send("n");
    term.wait_for("Notiz");
    // Several kilobytes, with line breaks and digits, in one bracketed paste.
    let long = "Wort ".repeat(1600);
    term.send(&format!("\u{1b}[200~Stellungnahme der Stadt\r344\r{long}\u{1b}[201~"));
    term.wait_for("Wort Wort");
    term.send("\r");
    term.wait_for("Notiz gespeichert");
    let rec = record(home.path());
    assert_eq!(count(&rec, "score_entered"), 0, "no digit of the paste became a score");
    let note = rec.lines().find(|l| l.contains("note_added")).expect("the note is recorded");
    let expected = format!("Stellungnahme der Stadt 344 {}", long.trim_end());
    assert!(note.contains(&format!("\"text\":\"{expected}\"")), "the whole paste, as one line of text");

    // On the attendance screen a paste is refused: letters are no keys.
    term.send("p");
    term.wait_for("Anwesenheit");
    let before = record(home.path()).lines().count();
    term.send("\u{1b}[200~iiieee\reee\u{1b}[201~");
    term.wait_for("Einfügen nicht möglich");
    assert_eq!(record(home.path()).lines().count(), before, "nothing recorded from a paste");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert_eq!(term.settled_modes(RESTORED), RESTORED);
}

#[test]
fn while_the_terminal_is_too_small_only_quit_and_help_act() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 80, 24, home.path());
    term.wait_for("Als Nächstes");
    term.send("p");
    term.wait_for("Anwesenheit");
    term.send("\r");
    term.wait_for("anwesend seit");
    let before = record(home.path()).lines().count();
    term.resize(70, 20);
    term.wait_for("Terminal zu klein");
    // A note and a departure, typed blind.
    term.send("nxyz\rpe-");
    term.send("L");
    // Let the keys be read while the terminal is still too small: resized
    // at once, a key could be read after the resize and act (the test's
    // race, not the program's).
    std::thread::sleep(std::time::Duration::from_millis(300));
    term.resize(80, 24);
    term.wait_for("Anwesenheit");
    assert_eq!(record(home.path()).lines().count(), before, "nothing recorded while too small");
    assert!(term.screen().contains("anwesend seit"), "still German, still present");
    term.resize(70, 20);
    term.wait_for("Terminal zu klein");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert_eq!(term.settled_modes(RESTORED), RESTORED);
}

#[test]
fn an_absurd_terminal_size_is_capped_before_anything_is_allocated() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");
    term.report_size(65535, 65535);
    // Still alive and answering: a note is recorded, then it quits.
    std::thread::sleep(std::time::Duration::from_millis(300));
    term.report_size(100, 30);
    term.send("nGröße geprüft\r");
    term.wait_for("Notiz gespeichert");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert!(record(home.path()).contains("Größe geprüft"));
}

#[test]
fn a_click_selects_a_row_and_a_tab() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 100, 30, home.path());
    term.wait_for("Als Nächstes");
    term.send("a");
    term.wait_for("21 von 21 Dossiers");
    // The third agenda row is on screen row 5 (1-based: header 1, status 2,
    // column heads 3, rows from 4); SGR mouse report, left button down/up.
    term.send("\u{1b}[<0;10;6M\u{1b}[<0;10;6m");
    term.send("\r");
    term.wait_for("Dossier 3 von 21");
    // A click on the third tab opens it.
    term.send("\u{1b}[<0;30;3M\u{1b}[<0;30;3m");
    term.wait_for("▸3 ");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert_eq!(term.settled_modes(RESTORED), RESTORED);
}
