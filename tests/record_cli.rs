//! The record from the command line: sessions, verify, refusals on open.

use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Actor, Command as Cmd};
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
