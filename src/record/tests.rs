//! The record on disk: damage is named by line, a torn tail is kept aside,
//! one writer at a time, owner-only files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::*;
use crate::domain::{Actor, EventKind, InputsDigest, SessionState, fixture};
use crate::procedure::Command;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
}

/// A record of 1 opening + 2 roll-call + 3 notes = 6 lines.
fn sample(dir: &Path) -> PathBuf {
    let session = Arc::new(fixture::session(3, 3, 2));
    let (mut live, report) = LiveSession::open(session, dir, InputsDigest::default(), "test", t0()).unwrap();
    assert!(report.created);
    for (i, c) in [
        Command::MarkPresent { member: "m00".into(), at: t0() },
        Command::MarkPresent { member: "m01".into(), at: t0() },
        Command::AddNote { text: "eins".into(), dossier: None },
        Command::AddNote { text: "zwei".into(), dossier: None },
        Command::AddNote { text: "drei".into(), dossier: Some("D0001".into()) },
    ]
    .iter()
    .enumerate()
    {
        live.execute(Actor::Chair, c, t0() + TimeDelta::minutes(i as i64)).unwrap();
    }
    live.record_path().to_path_buf()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
}

/// The open error's line number and damage; the file must be untouched.
fn damage_on_open(path: &Path) -> (usize, Damage) {
    let before = std::fs::read(path).unwrap();
    let err = Record::open(path.parent().unwrap(), "test-session").unwrap_err();
    assert_eq!(std::fs::read(path).unwrap(), before, "a damaged record is left untouched");
    let RecordError::Damaged { line, damage, .. } = err else { panic!("expected damage, got {err}") };
    let RecordError::Damaged { line: v_line, .. } = verify_record(path).unwrap_err() else { panic!() };
    assert_eq!(v_line, line, "verify names the same line");
    (line, damage)
}

#[test]
fn a_clean_record_verifies_and_replays_to_the_live_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let v = verify_record(&path).unwrap();
    assert_eq!((v.events.len(), v.torn_line, v.session_id.as_deref()), (6, None, Some("test-session")));
    let session = Arc::new(fixture::session(3, 3, 2));
    let state = SessionState::replay(session.clone(), v.events).unwrap();
    assert_eq!(state.proceedings.notes.len(), 3);
    // Resuming records the resumption and replays the same proceedings.
    let (live, report) =
        LiveSession::open(session, dir.path(), InputsDigest::default(), "test", t0()).unwrap();
    assert!(!report.created && report.torn.is_none() && report.inputs_changed.is_empty());
    assert_eq!(live.state().proceedings, state.proceedings);
    assert_eq!(lines(&path).len(), 7);
}

#[test]
fn an_edited_byte_in_a_middle_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut l = lines(&path);
    l[3] = l[3].replace("eins", "EINS"); // line 4 changed, still valid JSON
    write_lines(&path, &l);
    let (line, damage) = damage_on_open(&path);
    assert_eq!(line, 5);
    assert!(matches!(damage, Damage::ChainBroken { .. }));
}

#[test]
fn unparseable_middle_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut l = lines(&path);
    l[2].truncate(20);
    write_lines(&path, &l);
    let (line, damage) = damage_on_open(&path);
    assert_eq!(line, 3);
    assert!(matches!(damage, Damage::Unparseable(_)));
}

/// A line read as text and one read as bytes (not UTF-8) are named with
/// serde's own message on that line, where it found the fault.
#[test]
fn a_broken_line_is_named_with_what_serde_says_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let good = std::fs::read(&path).unwrap();
    let at = |n: usize| good.split(|&b| b == b'\n').take(n).map(|l| l.len() + 1).sum::<usize>();
    // line 4 holds the note "eins": its "i" as a lone continuation byte,
    // then the note's closing quote dropped (valid UTF-8, not JSON)
    let eins = at(3) + memchr::memmem::find(&good[at(3)..], b"eins").unwrap();
    let mut not_utf8 = good.clone();
    not_utf8[eins + 1] = 0x80;
    let mut not_json = good.clone();
    not_json.remove(eins + 4);
    for (bytes, column) in [(not_utf8, eins + 2 - at(3)), (not_json, eins + 6 - at(3))] {
        std::fs::write(&path, &bytes).unwrap();
        let line = bytes.split(|&b| b == b'\n').nth(3).unwrap();
        let expected = serde_json::from_slice::<crate::domain::Event>(line).unwrap_err();
        assert_eq!(expected.column(), column, "{expected}");
        let (n, damage) = damage_on_open(&path);
        assert_eq!((n, damage), (4, Damage::Unparseable(expected.to_string())));
    }
}

#[test]
fn an_inserted_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut l = lines(&path);
    let copy = l[2].clone();
    l.insert(3, copy);
    write_lines(&path, &l);
    assert_eq!(damage_on_open(&path), (4, Damage::SeqMismatch { expected: 3, found: 2 }));
}

#[test]
fn a_deleted_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut l = lines(&path);
    l.remove(2);
    write_lines(&path, &l);
    assert_eq!(damage_on_open(&path), (3, Damage::SeqMismatch { expected: 2, found: 3 }));
}

#[test]
fn two_swapped_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut l = lines(&path);
    l.swap(3, 4);
    write_lines(&path, &l);
    assert_eq!(damage_on_open(&path), (4, Damage::SeqMismatch { expected: 3, found: 4 }));
}

#[test]
fn a_record_of_another_session_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let err = Record::open(path.parent().unwrap(), "other").unwrap_err();
    assert!(matches!(err, RecordError::Damaged { line: 1, damage: Damage::OtherSession { .. }, .. }));
}

#[test]
fn a_torn_last_line_is_kept_aside_and_reported() {
    for torn in [&b"{\"v\":1,\"seq\":6,\"at\":\"2026-11-26T1"[..], b"garbage\n", b"\0\0\0\0"] {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        let good = std::fs::read(&path).unwrap();
        let mut damaged = good.clone();
        damaged.extend_from_slice(torn);
        std::fs::write(&path, &damaged).unwrap();
        assert_eq!(verify_record(&path).unwrap().torn_line, Some(7));

        let opened = Record::open(dir.path(), "test-session").unwrap();
        let report = opened.torn.clone().unwrap();
        assert_eq!((report.line, report.bytes), (7, torn.len()));
        assert_eq!(std::fs::read(&report.backup).unwrap(), torn, "the backup holds the exact torn bytes");
        assert!(report.backup.file_name().unwrap().to_string_lossy().starts_with("record.jsonl.torn-"));
        assert_eq!(std::fs::read(&path).unwrap(), good, "the record ends at the last good line");
        assert_eq!(opened.events.len(), 6);
        // Appending continues the chain after the last good line.
        let mut record = opened.record;
        record
            .append(Actor::Chair, t0(), vec![EventKind::NoteAdded { text: "weiter".into(), dossier: None }])
            .unwrap();
        drop(record);
        assert_eq!(verify_record(&path).unwrap().events.len(), 7);
    }
}

#[test]
fn the_live_session_reports_a_torn_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"v\":1");
    std::fs::write(&path, &bytes).unwrap();
    let session = Arc::new(fixture::session(3, 3, 2));
    let (_, report) = LiveSession::open(session, dir.path(), InputsDigest::default(), "test", t0()).unwrap();
    assert_eq!(report.torn.map(|t| t.line), Some(7));
}

#[test]
fn a_second_writer_is_refused_with_the_holders_pid() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let first = Record::open(dir.path(), "test-session").unwrap();
    let err = Record::open(dir.path(), "test-session").unwrap_err();
    match &err {
        RecordError::Locked { record, pid } => {
            assert_eq!(record, &path);
            assert_eq!(*pid, Some(std::process::id()));
        }
        other => panic!("expected Locked, got {other}"),
    }
    assert!(err.to_string().contains(&format!("pid {}", std::process::id())));
    // Viewing does not need the lock.
    assert_eq!(read_only(dir.path(), Some("test-session")).unwrap().events.len(), 6);
    drop(first);
    assert!(Record::open(dir.path(), "test-session").is_ok());
}

#[cfg(unix)]
#[test]
fn record_files_and_folders_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("records").join("test-session");
    let path = sample(&dir);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&root.path().join("records")), 0o700);
}

#[test]
fn changed_inputs_are_reported_on_resume_and_accepted() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let session = Arc::new(fixture::session(3, 3, 2));
    let file = |p: &str, h: &str| crate::domain::InputFile { path: p.into(), sha256: h.into() };
    let inputs = InputsDigest { sha256: "new".into(), files: vec![file("dossiers/a.json", "1")] };
    let (mut live, report) = LiveSession::open(session.clone(), dir.path(), inputs, "test", t0()).unwrap();
    assert_eq!(report.inputs_changed.len(), 1);
    live.accept_inputs(t0()).unwrap();
    assert_eq!(live.state().meta.inputs.sha256, "new");
    drop(live);
    let inputs = InputsDigest { sha256: "new".into(), files: vec![file("dossiers/a.json", "1")] };
    let (_, report) = LiveSession::open(session, dir.path(), inputs, "test", t0()).unwrap();
    assert!(report.inputs_changed.is_empty());
}

#[test]
fn records_are_listed_with_title_state_and_count() {
    let root = tempfile::tempdir().unwrap();
    sample(&root.path().join("test-session"));
    std::fs::create_dir_all(root.path().join("broken")).unwrap();
    std::fs::write(root.path().join("broken").join(RECORD_FILE), "{}\n{}\n").unwrap();
    let list = list_records(root.path()).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, "broken");
    assert!(matches!(&list[0].state, RecordState::Damaged(m) if m.contains("line 1")));
    assert_eq!(
        (list[1].title.as_str(), list[1].events, &list[1].state),
        ("Test session", 6, &RecordState::Open)
    );
    assert!(list[1].last_change.is_some());
}

/// The sample record and 3,000 notes after it: 3,006 lines.
fn with_3000_notes(dir: &Path) -> PathBuf {
    let path = sample(dir);
    let mut record = Record::open(dir, "test-session").unwrap().record;
    let notes = (0..3_000).map(|i| EventKind::NoteAdded { text: format!("n{i}"), dossier: None }).collect();
    record.append(Actor::Chair, t0(), notes).unwrap();
    path
}

#[test]
fn long_records_are_checked_in_parallel_with_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_3000_notes(dir.path());
    assert_eq!(verify_record(&path).unwrap().events.len(), 3_006);
    let mut l = lines(&path);
    l[2_499] = l[2_499].replace("\"n2493\"", "\"n2493!\"");
    write_lines(&path, &l);
    assert!(matches!(damage_on_open(&path), (2_501, Damage::ChainBroken { .. })));
}

/// A live session on a fresh record, with one note; the record's path.
fn live_with_a_note(dir: &Path) -> (LiveSession, PathBuf) {
    let session = Arc::new(fixture::session(3, 3, 2));
    let (mut live, _) = LiveSession::open(session, dir, InputsDigest::default(), "test", t0()).unwrap();
    live.execute(Actor::Chair, &Command::AddNote { text: "eins".into(), dossier: None }, t0()).unwrap();
    let path = live.record_path().to_path_buf();
    (live, path)
}

fn refusal(live: &mut LiveSession) -> Changed {
    let note = Command::AddNote { text: "verloren?".into(), dossier: None };
    match live.execute(Actor::Chair, &note, t0()) {
        Err(LiveError::Record(RecordError::Changed { what, .. })) => what,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_append_is_refused_when_the_file_was_deleted_replaced_cut_or_written_by_another() {
    // Deleted.
    let tmp = tempfile::tempdir().unwrap();
    let (mut live, path) = live_with_a_note(tmp.path());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(refusal(&mut live), Changed::Deleted);
    assert!(!path.exists(), "nothing written to a new file either");

    // Replaced by rename, as editors and sync tools save.
    let tmp = tempfile::tempdir().unwrap();
    let (mut live, path) = live_with_a_note(tmp.path());
    let copy = tmp.path().join("copy");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::rename(&copy, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert_eq!(refusal(&mut live), Changed::Replaced);
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Cut short.
    let tmp = tempfile::tempdir().unwrap();
    let (mut live, path) = live_with_a_note(tmp.path());
    let len = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(len - 10).unwrap();
    assert_eq!(refusal(&mut live), Changed::Truncated { written: len, found: len - 10 });
    assert_eq!(std::fs::metadata(&path).unwrap().len(), len - 10);

    // Appended to by another program.
    let tmp = tempfile::tempdir().unwrap();
    let (mut live, path) = live_with_a_note(tmp.path());
    let len = std::fs::metadata(&path).unwrap().len();
    use std::io::Write;
    std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{}\n").unwrap();
    assert_eq!(refusal(&mut live), Changed::Grown { written: len, found: len + 3 });
    assert_eq!(std::fs::metadata(&path).unwrap().len(), len + 3);
}

#[test]
fn a_deleted_lock_file_does_not_let_a_second_writer_in() {
    let tmp = tempfile::tempdir().unwrap();
    let (_live, path) = live_with_a_note(tmp.path());
    std::fs::remove_file(tmp.path().join(LOCK_FILE)).unwrap();
    let session = Arc::new(fixture::session(3, 3, 2));
    match LiveSession::open(session, tmp.path(), InputsDigest::default(), "test", t0()) {
        Err(LiveError::Record(RecordError::Locked { record, pid })) => {
            assert_eq!(record, path);
            assert_eq!(pid, None, "the new lock file is the refused one's own");
        }
        other => panic!("a second writer got in: {:?}", other.map(|_| ())),
    }
}

#[test]
fn the_recorded_history_can_be_saved_beside_a_record_cut_under_the_session() {
    let tmp = tempfile::tempdir().unwrap();
    let (live, path) = live_with_a_note(tmp.path());
    drop(live);
    // Opened again: what was read counts as history too.
    let session = Arc::new(fixture::session(3, 3, 2));
    let (mut live, _) =
        LiveSession::open(session, tmp.path(), InputsDigest::default(), "test", t0()).unwrap();
    live.execute(Actor::Chair, &Command::AddNote { text: "zwei".into(), dossier: None }, t0()).unwrap();
    let before = std::fs::read(&path).unwrap();
    // the history is kept in a file without a name: nothing new in the folder
    live.settle_anchor().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["record.anchor", "record.jsonl", "record.lock"]);
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(0).unwrap();
    assert_eq!(refusal(&mut live), Changed::Truncated { written: before.len() as u64, found: 0 });

    let saved = live.save_history().unwrap();
    assert_eq!(saved.parent(), path.parent());
    assert!(saved.file_name().unwrap().to_string_lossy().starts_with("record.jsonl.saved-"), "{saved:?}");
    assert_eq!(std::fs::read(&saved).unwrap(), before, "every acknowledged line, as written");
    let lines = before.iter().filter(|b| **b == b'\n').count();
    assert_eq!(verify_record(&saved).unwrap().events.len(), lines);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "the record path is left as found");
}

#[test]
fn a_changed_line_is_found_at_the_next_line_wherever_the_runs_are_cut() {
    // 3,006 lines are cut into runs of 376 (8 runs), 752 (4) or 1,503
    // (2), depending on the cores; a change of any line, at or beside a
    // cut, breaks the chain at the line after it, as a line-by-line scan
    // would find it.
    let dir = tempfile::tempdir().unwrap();
    let path = with_3000_notes(dir.path());
    let whole = lines(&path);
    let cuts = [376usize, 752, 1_128, 1_503, 1_504, 1_880, 2_256, 2_632];
    for changed in cuts.iter().flat_map(|&c| [c - 1, c, c + 1]) {
        let mut l = whole.clone();
        l[changed] = l[changed].replacen("\"text\":\"n", "\"text\":\"N", 1);
        assert_ne!(l[changed], whole[changed], "line {changed} holds a note");
        let bytes: String = l.iter().map(|x| format!("{x}\n")).collect();
        let found = crate::record::line::scan(bytes.as_bytes(), Some("test-session")).unwrap_err();
        assert_eq!((found.line, matches!(found.damage, Damage::ChainBroken { .. })), (changed + 2, true));
    }
}

/// A session drawn before its opening is recorded records nothing until
/// then; the opening is its first line, and commands follow it.
#[test]
fn a_deferred_opening_is_recorded_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let session = Arc::new(fixture::session(3, 3, 2));
    let note = Command::AddNote { text: "eins".into(), dossier: None };
    let (mut live, deferred) = LiveSession::prepare(session.clone(), dir.path(), "test").unwrap().defer();
    assert!(!live.is_begun());
    let refused = live.execute(Actor::Chair, &note, t0()).unwrap_err();
    assert!(matches!(refused, LiveError::NotBegun(_)), "{refused}");
    assert_eq!(std::fs::metadata(live.record_path()).unwrap().len(), 0, "nothing recorded");
    assert!(live.state().proceedings.notes.is_empty());

    let inputs = InputsDigest { sha256: "ab".repeat(32), files: Vec::new() };
    let report = live.begin(deferred, inputs.clone(), t0()).unwrap();
    assert!(report.created && report.inputs_changed.is_empty());
    live.execute(Actor::Chair, &note, t0()).unwrap();
    let path = live.record_path().to_path_buf();
    drop(live);
    let recorded = verify_record(&path).unwrap().events;
    assert_eq!(recorded.len(), 2);
    let EventKind::SessionOpened { inputs: opened_with, .. } = &recorded[0].event else {
        panic!("the first line is the opening: {:?}", recorded[0].event)
    };
    assert_eq!(**opened_with, inputs);
    assert!(matches!(recorded[1].event, EventKind::NoteAdded { .. }), "{:?}", recorded[1].event);

    // Resumed the same way: the resumption comes first, with the inputs
    // changed since the opening.
    let (mut live, deferred) = LiveSession::prepare(session, dir.path(), "test").unwrap().defer();
    assert_eq!(live.state().proceedings.notes.len(), 1);
    assert!(matches!(live.execute(Actor::Chair, &note, t0()), Err(LiveError::NotBegun(_))));
    let changed = InputsDigest {
        sha256: "cd".repeat(32),
        files: vec![crate::domain::InputFile { path: "dossiers.json".into(), sha256: "ef".repeat(32) }],
    };
    let report = live.begin(deferred, changed, t0()).unwrap();
    assert!(!report.created);
    assert_eq!(report.inputs_changed.len(), 1);
    drop(live);
    let recorded = verify_record(&path).unwrap().events;
    assert_eq!(recorded.len(), 3);
    assert!(matches!(recorded[2].event, EventKind::SessionResumed { .. }), "{:?}", recorded[2].event);
}
