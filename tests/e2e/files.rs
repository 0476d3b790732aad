//! The record under the accidents of a laptop, on the real binary: the
//! record file deleted under a running session, and a second gremium after
//! the lock file was deleted.

use std::path::Path;

use crate::pty::Terminal;

fn record_dir(home: &Path) -> std::path::PathBuf {
    home.join("data/records/sz-hessen-2027")
}

/// The record once it holds the session's opening: the screens record it
/// after the first frame is drawn, before they read a key.
fn opened(record: &Path) -> Vec<u8> {
    let start = std::time::Instant::now();
    loop {
        if let Ok(bytes) = std::fs::read(record)
            && bytes.ends_with(b"\n")
        {
            return bytes;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "no opening in {}", record.display());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_note_is_not_acknowledged_when_the_record_was_deleted() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&[], 120, 30, home.path());
    term.wait_for("Als Nächstes");
    term.send("neins\r");
    term.wait_for("Notiz gespeichert: eins");
    let dir = record_dir(home.path());
    let record = dir.join("record.jsonl");
    let before = std::fs::read(&record).unwrap();
    std::fs::remove_file(&record).unwrap();
    term.send("nzwei\r");
    term.wait_for("die Protokolldatei wurde gelöscht – nichts");
    term.wait_for("Nichts weiter erfassen: die Protokolldatei wiederherstellen");
    assert!(!term.screen().contains("Notiz gespeichert: zwei"));
    assert!(!record.exists(), "nothing written to a new file");
    // The app offers to save what it recorded; yes writes it beside.
    term.wait_for("Verlauf sichern");
    term.wait_for("in eine neue Datei daneben sichern?");
    term.send("y");
    term.wait_for("Der aufgezeichnete Verlauf ist gesichert:");
    let saved: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("record.jsonl.saved-"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(std::fs::read(&saved[0]).unwrap(), before, "every acknowledged line, as written");
    let verify =
        assert_cmd::Command::cargo_bin("gremium").unwrap().arg("verify").arg(&saved[0]).output().unwrap();
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stdout));
    assert!(!record.exists(), "the record path stays as the chair found it");
    // The refused note is still in its box, to be kept or copied.
    assert!(term.screen().contains("│ zwei "), "{}", term.screen());
    // Esc alone (with q right after it the terminal would send Alt-q).
    term.send("\u{1b}");
    term.wait_gone("│ zwei ");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}

#[test]
fn a_deleted_lock_file_does_not_let_a_second_gremium_write() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut first = Terminal::spawn(&[], 100, 30, home.path());
    first.wait_for("Als Nächstes");
    let dir = record_dir(home.path());
    let before = opened(&dir.join("record.jsonl"));
    std::fs::remove_file(dir.join("record.lock")).unwrap();
    // The second one, without a terminal to offer a read-only view on.
    let out = assert_cmd::Command::cargo_bin("gremium")
        .unwrap()
        .env("GREMIUM_DATA", home.path().join("data"))
        .env("GREMIUM_CONFIG", home.path().join("config"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("ist in einem anderen gremium geöffnet (Prozess unbekannt)"), "{err}");
    assert_eq!(std::fs::read(dir.join("record.jsonl")).unwrap(), before, "the second wrote nothing");
    // The first goes on recording.
    first.send("nweiter\r");
    first.wait_for("Notiz gespeichert: weiter");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn a_write_that_fails_is_refused_and_the_next_one_succeeds_once_the_disk_takes_writes() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut term = Terminal::spawn(&["--lang", "en"], 120, 30, home.path());
    term.wait_for("Next");
    let record = record_dir(home.path()).join("record.jsonl");
    let before = opened(&record);
    // A file-size limit a few bytes above the record: the next line cannot
    // be written whole, as on a full disk.
    set_file_size_limit(term.pid(), before.len() as u64 + 10);
    term.send("nlost?\r");
    term.wait_for("record.jsonl: could not be written (the file has reached the");
    term.wait_for("system's size limit) – nothing was recorded. Once writing works again, confirm the same input once more");
    assert!(term.screen().contains("│ lost? "), "the refused text stays: {}", term.screen());
    assert_eq!(std::fs::read(&record).unwrap(), before, "the partial line was taken back");
    // Space again: the same Enter records it, without a restart.
    set_file_size_limit(term.pid(), libc::RLIM_INFINITY);
    term.send("\r");
    term.wait_for("Note saved: lost?");
    let after = std::fs::read(&record).unwrap();
    assert!(after.starts_with(&before) && after.len() > before.len());
    let verify =
        assert_cmd::Command::cargo_bin("gremium").unwrap().arg("verify").arg(&record).output().unwrap();
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stdout));
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
}

/// Set the running program's file-size limit (RLIMIT_FSIZE, soft only), as
/// `prlimit --pid` does.
fn set_file_size_limit(pid: u32, bytes: u64) {
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: libc::RLIM_INFINITY };
    let pid = libc::pid_t::try_from(pid).unwrap();
    // SAFETY: `limit` is a valid rlimit; the old value is not asked for.
    let done = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, &limit, std::ptr::null_mut()) };
    assert_eq!(done, 0, "prlimit: {}", std::io::Error::last_os_error());
}

/// A member reads the dossiers before the session: `open --read-only` on a
/// session without a record shows it as it stands before anything was
/// done, and makes no record.
#[test]
fn read_only_without_a_record_shows_the_session_and_records_nothing() {
    let home = tempfile::tempdir().expect("tempdir");
    let session = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/apply");
    let mut term = Terminal::spawn(&["open", session, "--read-only"], 100, 30, home.path());
    term.wait_for("Nur-Lesen-Ansicht");
    term.send("a");
    term.wait_for("KS-NORD");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);
    assert!(!home.path().join("data").exists(), "nothing written to the data directory");
}
