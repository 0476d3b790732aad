//! The anchor beside the record: written after every append; a record cut
//! back, emptied, deleted or with its last line changed is refused on open
//! and by verify, with the counts and hashes; a record the anchor lags
//! behind (a crash between the two writes) opens.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::domain::{Actor, InputsDigest, fixture};
use crate::procedure::Command;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

fn session() -> Arc<crate::domain::Session> {
    Arc::new(fixture::session(3, 3, 2))
}

fn open(dir: &Path) -> Result<LiveSession, LiveError> {
    LiveSession::open(session(), dir, InputsDigest::default(), "test", t0()).map(|(live, _)| live)
}

fn note(live: &mut LiveSession, text: &str) -> Result<(), LiveError> {
    live.execute(Actor::Chair, &Command::AddNote { text: text.into(), dossier: None }, t0()).map(|_| ())
}

/// A record of 1 opening + 4 notes = 5 lines, and the session closed (the
/// anchor written).
fn sample(dir: &Path) -> PathBuf {
    let mut live = open(dir).unwrap();
    for text in ["eins", "zwei", "drei", "vier"] {
        note(&mut live, text).unwrap();
    }
    live.record_path().to_path_buf()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
}

fn sha(line: &str) -> String {
    hex::encode(line::sha256(line.as_bytes()))
}

fn anchor_json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(ANCHOR_FILE)).unwrap()).unwrap()
}

/// Opening for writing and verify both refuse with the same mismatch, and
/// the record file is left as it was.
fn refused(path: &Path) -> Mismatch {
    let before = std::fs::read(path).ok();
    let dir = path.parent().unwrap();
    let opened = match open(dir) {
        Err(LiveError::Record(RecordError::Anchor { record, anchor, mismatch })) => {
            assert_eq!((record.as_path(), anchor), (path, dir.join(ANCHOR_FILE)));
            mismatch
        }
        other => panic!("expected an anchor refusal, got {:?}", other.map(|_| ())),
    };
    assert_eq!(std::fs::read(path).ok(), before, "the record is left as found");
    let verified = match verify_record(path) {
        Err(RecordError::Anchor { mismatch, .. }) => mismatch,
        other => panic!("verify: expected an anchor refusal, got {other:?}"),
    };
    assert_eq!(verified, opened, "open and verify say the same");
    opened
}

#[test]
fn the_anchor_holds_the_count_and_the_last_hash_after_every_append() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let last = lines(&path).pop().unwrap();
    assert_eq!(
        anchor_json(tmp.path()),
        serde_json::json!({"format": "gremium.anchor/1", "session_id": "test-session", "events": 5, "last_hash": sha(&last)})
    );
    // A running session moves it with every append.
    let mut live = open(tmp.path()).unwrap();
    note(&mut live, "fünf").unwrap();
    live.settle_anchor().unwrap();
    let last = lines(&path).pop().unwrap();
    assert_eq!(anchor_json(tmp.path())["events"], 7);
    assert_eq!(anchor_json(tmp.path())["last_hash"], sha(&last));
    assert_eq!(live.last_hash(), sha(&last));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(tmp.path().join(ANCHOR_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let ro = verify_record(&path).unwrap();
    assert_eq!(ro.anchor, Some(Reached { events: 7, after: 0 }));
}

#[test]
fn a_record_cut_back_by_whole_lines_is_refused_with_the_counts_and_hashes() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let l = lines(&path);
    write_lines(&path, &l[..3]);
    assert_eq!(
        refused(&path),
        Mismatch::Shorter { found: 3, found_hash: sha(&l[2]), events: 5, hash: sha(&l[4]) }
    );
    // The chain alone holds: only the anchor sees the cut.
    assert!(line::scan(&std::fs::read(&path).unwrap(), None).is_ok());
}

#[test]
fn an_emptied_record_is_refused_and_no_new_session_starts_over_it() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let last = lines(&path).pop().unwrap();
    std::fs::write(&path, b"").unwrap();
    assert_eq!(refused(&path), Mismatch::Emptied { events: 5, hash: sha(&last) });
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "no session_opened written into it");
}

#[test]
fn a_deleted_record_is_refused_and_not_created_again() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let last = lines(&path).pop().unwrap();
    std::fs::remove_file(&path).unwrap();
    match open(tmp.path()) {
        Err(LiveError::Record(RecordError::Anchor { mismatch, .. })) => {
            assert_eq!(mismatch, Mismatch::Missing { events: 5, hash: sha(&last) });
        }
        other => panic!("expected an anchor refusal, got {:?}", other.map(|_| ())),
    }
    assert!(!path.exists(), "no new record over an existing anchor");
    match read_only(tmp.path(), None) {
        Err(RecordError::Anchor { mismatch: Mismatch::Missing { events: 5, .. }, .. }) => {}
        other => panic!("read-only: {other:?}"),
    }
}

#[test]
fn an_edited_last_line_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let mut l = lines(&path);
    let old = l[4].clone();
    l[4] = l[4].replace("vier", "VIER"); // the chain cannot see it: no line follows
    write_lines(&path, &l);
    assert_eq!(refused(&path), Mismatch::Differs { events: 5, found_hash: sha(&l[4]), hash: sha(&old) });
}

#[test]
fn a_record_of_another_session_under_the_anchor_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let mut a = anchor_json(tmp.path());
    a["session_id"] = "andere-sitzung".into();
    std::fs::write(tmp.path().join(ANCHOR_FILE), a.to_string()).unwrap();
    let m = refused(&tmp.path().join(RECORD_FILE));
    assert_eq!(m, Mismatch::OtherSession { anchored: "andere-sitzung".into(), found: "test-session".into() });
}

#[test]
fn a_file_that_is_not_an_anchor_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let anchor = tmp.path().join(ANCHOR_FILE);
    std::fs::write(&anchor, b"{\"format\":\"gremium.anchor/1\",\"events\":3}").unwrap();
    assert!(
        matches!(refused(&path), Mismatch::Unreadable(why) if why.starts_with("missing field `session_id`"))
    );
    std::fs::write(&anchor, vec![b' '; 5000]).unwrap();
    assert_eq!(refused(&path), Mismatch::Unreadable("larger than 4096 bytes".into()));
}

#[test]
fn a_record_longer_than_its_anchor_opens_and_says_how_much_longer() {
    // A crash after a line was synced and before the anchor moved leaves
    // the anchor behind: the record reaches it and goes on.
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let anchor = tmp.path().join(ANCHOR_FILE);
    let behind = std::fs::read(&anchor).unwrap();
    let mut live = open(tmp.path()).unwrap();
    note(&mut live, "fünf").unwrap();
    drop(live);
    std::fs::write(&anchor, &behind).unwrap();
    assert_eq!(verify_record(&path).unwrap().anchor, Some(Reached { events: 5, after: 2 }));
    let live = open(tmp.path()).unwrap();
    live.settle_anchor().unwrap();
    assert_eq!(anchor_json(tmp.path())["events"], 8, "moved up on the next append");
}

#[test]
fn a_record_without_an_anchor_opens_reports_it_and_gets_one() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    std::fs::remove_file(tmp.path().join(ANCHOR_FILE)).unwrap();
    assert_eq!(verify_record(&path).unwrap().anchor, None);
    let (live, report) =
        LiveSession::open(session(), tmp.path(), InputsDigest::default(), "test", t0()).unwrap();
    assert!(report.anchor_missing);
    live.settle_anchor().unwrap();
    assert_eq!(anchor_json(tmp.path())["events"], 6);
    // A new record has no anchor yet and is not reported.
    let fresh = tempfile::tempdir().unwrap();
    let (_, report) =
        LiveSession::open(session(), fresh.path(), InputsDigest::default(), "test", t0()).unwrap();
    assert!(!report.anchor_missing);
}

#[test]
fn an_anchor_that_cannot_be_written_refuses_the_next_action_until_it_can() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sample(tmp.path());
    let anchor = tmp.path().join(ANCHOR_FILE);
    let mut live = open(tmp.path()).unwrap();
    live.settle_anchor().unwrap();
    // Something in the anchor's way: the rename over it fails.
    std::fs::remove_file(&anchor).unwrap();
    std::fs::create_dir(&anchor).unwrap();
    std::fs::write(anchor.join("x"), b"").unwrap();
    note(&mut live, "sechs").unwrap(); // on disk; the anchor write after it fails
    assert!(live.settle_anchor().is_err());
    let len = std::fs::metadata(&path).unwrap().len();
    match note(&mut live, "sieben") {
        Err(LiveError::Record(RecordError::Io { path: p, op, .. })) => {
            assert_eq!((p, op), (anchor.clone(), "write the anchor"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), len, "nothing recorded while refused");
    std::fs::remove_dir_all(&anchor).unwrap();
    note(&mut live, "sieben").unwrap();
    live.settle_anchor().unwrap();
    assert_eq!(anchor_json(tmp.path())["events"], 8);
    assert_eq!(anchor_json(tmp.path())["last_hash"], sha(&lines(&path).pop().unwrap()));
}
