//! The record from the command line: sessions, verify, refusals on open.

use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::Actor;
use gremium::procedure::Command as Cmd;
use gremium::record::{self, LiveSession};

fn make_record(dir: &Path, notes: usize) -> LiveSession {
    let session = Arc::new(gremium::demo::session().unwrap());
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).unwrap();
    let (mut live, _) = LiveSession::open(session, dir, inputs, "test", record::now()).unwrap();
    for i in 0..notes {
        live.execute(Actor::Chair, &Cmd::AddNote { text: format!("note {i}"), dossier: None }, record::now())
            .unwrap();
    }
    live
}

fn gremium(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gremium").unwrap();
    cmd.env("GREMIUM_DATA", data).env("GREMIUM_CONFIG", data.join("config"));
    cmd
}

#[test]
fn sessions_lists_records_with_title_count_and_state() {
    let tmp = tempfile::tempdir().unwrap();
    drop(make_record(&tmp.path().join("records/sz-hessen-2027"), 2));
    let out = gremium(tmp.path()).arg("sessions").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "ID                       LAST CHANGE       EVENTS  STATE       TITLE");
    assert!(lines[1].starts_with("sz-hessen-2027           20"), "{}", lines[1]);
    assert!(
        lines[1].ends_with("      3  open        Auswahlgremium Sozialer Zusammenhalt – Neuaufnahmen 2027"),
        "{}",
        lines[1]
    );
}

#[test]
fn verify_names_the_first_altered_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    drop(make_record(&dir, 4));
    let file = dir.join(record::RECORD_FILE);
    gremium(tmp.path()).arg("verify").arg(&file).assert().code(0);

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("note 2", "note X", 1)).unwrap();
    let out = gremium(tmp.path()).arg("verify").arg(&file).assert().code(1).get_output().stdout.clone();
    let expected = format!(
        "{}: line 5: hash chain broken: `prev` does not match the line before (that line was changed, or lines around it were removed or inserted)\n",
        file.display()
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);

    // Opening the damaged record stops with the same line, and changes nothing.
    let before = std::fs::read(&file).unwrap();
    let err =
        gremium(tmp.path()).args(["demo", "--record"]).arg(&dir).assert().code(1).get_output().stderr.clone();
    assert_eq!(String::from_utf8(err).unwrap(), format!("gremium: {expected}"));
    assert_eq!(std::fs::read(&file).unwrap(), before);

    gremium(tmp.path()).arg("verify").arg(tmp.path().join("missing.jsonl")).assert().code(2);
}

#[test]
fn a_second_writer_is_refused_naming_the_pid() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let _held = make_record(&dir, 0);
    let err =
        gremium(tmp.path()).args(["demo", "--record"]).arg(&dir).assert().code(1).get_output().stderr.clone();
    let expected = format!(
        "gremium: das Protokoll {} ist in einem anderen gremium geöffnet (Prozess {}); nur eines darf hineinschreiben.\nZum Ansehen ohne Änderungen mit --read-only öffnen.\n",
        dir.join(record::RECORD_FILE).display(),
        std::process::id()
    );
    assert_eq!(String::from_utf8(err).unwrap(), expected);
    // In the language asked for.
    let err = gremium(tmp.path())
        .args(["--lang", "en", "demo", "--record"])
        .arg(&dir)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let expected = format!(
        "gremium: the record {} is open in another gremium (pid {}); only one may write to it.\nTo look without changing anything, open it with --read-only.\n",
        dir.join(record::RECORD_FILE).display(),
        std::process::id()
    );
    assert_eq!(String::from_utf8(err).unwrap(), expected);
}

#[test]
fn an_unreadable_record_points_to_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    // A folder where the record file should be: it cannot be read.
    std::fs::create_dir_all(dir.join(record::RECORD_FILE)).unwrap();
    let err =
        gremium(tmp.path()).args(["demo", "--record"]).arg(&dir).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!("gremium: {}: cannot read: ", dir.join(record::RECORD_FILE).display()))
    );
    assert_eq!(lines[1], "Zum Ansehen ohne Änderungen mit --read-only öffnen.");
}

/// Open the record in `dir` with `args`: refused with exit 1; its stderr.
fn refused_open(data: &Path, args: &[&str], dir: &Path) -> String {
    let out = gremium(data).args(args).arg("--record").arg(dir).assert().code(1).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

/// The last hash of the first `n` lines of a record, as the chain gives it.
fn hash_of_first(file: &Path, n: usize) -> (String, Vec<u8>) {
    let text = std::fs::read_to_string(file).unwrap();
    let cut: String = text.split_inclusive('\n').take(n).collect();
    let ro = record::read_bytes(file, cut.as_bytes(), None).unwrap();
    assert_eq!(ro.events.len(), n);
    (ro.last_hash, cut.into_bytes())
}

#[test]
fn a_record_cut_back_by_whole_lines_is_refused_by_verify_and_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let last = make_record(&dir, 4).last_hash();
    let file = dir.join(record::RECORD_FILE);
    let anchor = dir.join(record::ANCHOR_FILE);
    let out = gremium(tmp.path()).arg("verify").arg(&file).assert().code(0).get_output().stdout.clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "{f}: intact: 5 events, hash chain holds; last hash {last}\n{f}: reaches its anchor {a} (5 events)\n",
            f = file.display(),
            a = anchor.display()
        )
    );

    let (h3, cut) = hash_of_first(&file, 3);
    std::fs::write(&file, &cut).unwrap();
    let out = gremium(tmp.path()).arg("verify").arg(&file).assert().code(1).get_output().stdout.clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "{}: does not match its anchor {}: the record is shorter than its anchor: 3 events (last hash {h3}); the anchor says 5 (last hash {last})\n",
            file.display(),
            anchor.display()
        )
    );
    // Opening refuses it in the session language, and changes nothing.
    assert_eq!(
        refused_open(tmp.path(), &["demo"], &dir),
        format!(
            "gremium: Das Protokoll {} passt nicht zu seinem Anker {}: das Protokoll ist kürzer als sein Anker: 3 Einträge (letzter Hash {h3}); laut Anker 5 (letzter Hash {last})\n\
             Nichts wurde geöffnet oder geändert. Das vollständige Protokoll zurücklegen (eine Sicherung, eine record.jsonl.saved-… daneben, die Kopie des Sync-Programms); gremium verify muss dann sagen, dass es seinen Anker erreicht.\n",
            file.display(),
            anchor.display()
        )
    );
    assert_eq!(std::fs::read(&file).unwrap(), cut);
    // The read-only view refuses it too, in the language asked for.
    let err = refused_open(tmp.path(), &["--lang", "en", "demo", "--read-only"], &dir);
    assert!(
        err.starts_with(&format!(
            "gremium: The record {} does not match its anchor {}: the record is shorter than its anchor: 3 events",
            file.display(),
            anchor.display()
        )),
        "{err}"
    );
}

#[test]
fn an_emptied_or_deleted_record_never_becomes_a_new_session() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    let last = make_record(&dir, 1).last_hash();
    let file = dir.join(record::RECORD_FILE);
    std::fs::write(&file, b"").unwrap();
    let err = refused_open(tmp.path(), &["--lang", "en", "demo"], &dir);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "gremium: The record {} does not match its anchor {}: the record holds no events; the anchor says it held 2, the last with hash {last}",
            file.display(),
            dir.join(record::ANCHOR_FILE).display()
        )
    );
    assert_eq!(std::fs::metadata(&file).unwrap().len(), 0, "no new session written into it");

    std::fs::remove_file(&file).unwrap();
    let err = refused_open(tmp.path(), &["--lang", "en", "demo"], &dir);
    assert!(
        err.contains(&format!(
            "the record file is missing; the anchor says it held 2 events, the last with hash {last}\n"
        )),
        "{err}"
    );
    assert!(!file.exists(), "no new record over an existing anchor");
}

#[test]
fn without_a_terminal_the_session_says_so_and_records_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rec");
    drop(make_record(&dir, 1));
    let before = std::fs::read(dir.join(record::RECORD_FILE)).unwrap();
    let err = refused_open_code(tmp.path(), &["demo"], &dir, 2);
    assert_eq!(
        err,
        "gremium: die Sitzung braucht ein Terminal (Ein- und Ausgabe). Ohne eines gehen: validate, export, verify, apply, import-ballots, ballot, keygen, sessions, schema, keys, man.\n"
    );
    let err = refused_open_code(tmp.path(), &["--lang", "en", "demo", "--read-only"], &dir, 2);
    assert!(err.starts_with("gremium: the session needs a terminal (input and output)."), "{err}");
    assert_eq!(std::fs::read(dir.join(record::RECORD_FILE)).unwrap(), before, "no resumption recorded");
}

fn refused_open_code(data: &Path, args: &[&str], dir: &Path, code: i32) -> String {
    let out =
        gremium(data).args(args).arg("--record").arg(dir).assert().code(code).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}
