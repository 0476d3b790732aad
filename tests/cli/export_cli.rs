//! `gremium export` from the command line, on the complete demo session
//! recorded in a temporary folder (the session files are the repository's
//! `sessions/hessen-2027`, which the embedded demo is a copy of).

use crate::complete;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use complete::Stage;
use gremium::domain::Actor;
use gremium::export::Results;
use gremium::procedure::Command as DomainCommand;

fn session_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027")
}

fn gremium(tmp: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gremium").expect("binary");
    cmd.env("GREMIUM_CONFIG", tmp.join("config"))
        .env("GREMIUM_DATA", tmp.join("data"))
        // 26.11.2026 16:30 +01:00
        .env("SOURCE_DATE_EPOCH", "1795707000");
    cmd
}

fn run(cmd: &mut Command, code: i32) -> (String, String) {
    let out = cmd.assert().code(code).get_output().clone();
    (String::from_utf8(out.stdout).expect("utf-8"), String::from_utf8(out.stderr).expect("utf-8"))
}

fn export_cmd(tmp: &Path, out: &Path) -> Command {
    let mut cmd = gremium(tmp);
    cmd.arg("export").arg(session_dir()).arg("--record").arg(tmp.join("record")).arg("--out").arg(out);
    cmd
}

#[test]
fn a_draft_exports_while_the_session_runs_and_verifies() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = complete::demo();
    let mut live = complete::record_session(&session, &tmp.path().join("record"), Stage::Decided);
    let out = tmp.path().join("out");

    let (stdout, stderr) = run(&mut export_cmd(tmp.path(), &out), 0);
    assert_eq!(stderr, "");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("Exported sz-hessen-2027, a draft (the session is not signed off), to {}:", out.display())
    );
    let names: Vec<&str> = lines[1..7].iter().map(|l| l.split_whitespace().next().unwrap_or("")).collect();
    assert_eq!(
        names,
        ["admission-list.csv", "minutes.html", "minutes.md", "results.json", "scores.csv", "SHA256SUMS"]
    );
    assert!(lines[7].starts_with("results.json digest (SHA-256, RFC 8785): "), "{}", lines[7]);
    assert_eq!(lines[8], "Not signed: no signing key (gremium keygen makes one)");
    assert_eq!(lines[9], format!("Check it with: gremium verify {}", out.join("results.json").display()));
    let minutes = fs::read_to_string(out.join("minutes.md")).expect("minutes.md");
    assert!(minutes.contains("> **ENTWURF** – nicht freigegeben, Stand 26.11.2026, 16:30 Uhr"), "{minutes}");

    let bytes = fs::read(out.join("results.json")).expect("results.json");
    let doc: Results = serde_json::from_slice(&bytes).expect("results parse");
    assert!(doc.draft);
    assert_eq!(doc.exported_at.to_rfc3339(), "2026-11-26T16:30:00+01:00", "in the record's offset");
    assert_eq!(doc.record.last_hash, live.last_hash());
    assert_eq!(doc.integrity.as_ref().map(|i| i.record_last_hash.clone()), Some(live.last_hash()));
    let csv = fs::read_to_string(out.join("admission-list.csv")).expect("csv");
    assert!(csv.starts_with("\u{FEFF}Status;Sitzung;Sitzungsdatum;Rang;"), "Excel-DE by default");
    assert!(csv.lines().skip(1).all(|l| l.starts_with("ENTWURF;")), "every row marked as a draft");

    // The export read the record without its lock: the session goes on.
    live.execute(Actor::Chair, &DomainCommand::SignOff { by: "vorsitz".into() }, complete::at(16, 0))
        .expect("the running session still records");

    let (stdout, _) = run(gremium(tmp.path()).arg("verify").arg(out.join("results.json")), 0);
    assert!(
        stdout.contains("consistent: 21 dossiers; 9 admitted, 3 on the waiting list, 8 not admitted, 1 deferred; a draft (not signed off)"),
        "{stdout}"
    );
    assert!(stdout.ends_with(": intact\n"), "{stdout}");

    let mut flipped = bytes.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x20;
    fs::write(out.join("results.json"), &flipped).expect("write");
    let (stdout, _) = run(gremium(tmp.path()).arg("verify").arg(out.join("results.json")), 1);
    assert!(stdout.contains("altered"), "{stdout}");
}

#[test]
fn signed_off_with_a_key_and_rfc_4180() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = complete::demo();
    drop(complete::record_session(&session, &tmp.path().join("record"), Stage::Amended));
    run(gremium(tmp.path()).arg("keygen"), 0);
    let out = tmp.path().join("out");

    let (stdout, _) = run(export_cmd(tmp.path(), &out).args(["--csv", "rfc4180"]), 0);
    assert!(stdout.starts_with("Exported sz-hessen-2027, signed off, to "), "{stdout}");
    assert!(stdout.contains("\nSigned with the key "), "{stdout}");
    let csv = fs::read_to_string(out.join("admission-list.csv")).expect("csv");
    assert!(csv.starts_with("Status,Sitzung,Sitzungsdatum,Rang,Gleichstand,Kennung,"), "{csv}");
    assert!(csv.lines().skip(1).all(|l| l.starts_with("freigegeben,")), "{csv}");
    let doc: Results =
        serde_json::from_slice(&fs::read(out.join("results.json")).expect("read")).expect("parse");
    assert!(!doc.draft);
    assert_eq!(doc.sign_off.as_ref().map(|s| s.by.as_str()), Some("Dr. M. Ahrenfeld"));
    assert_eq!(doc.amendments.len(), 1);
    assert!(doc.integrity.as_ref().is_some_and(|i| i.signature.is_some()));

    let public = tmp.path().join("config/keys/signing.pub");
    let (stdout, _) = run(
        gremium(tmp.path()).arg("verify").arg(out.join("results.json")).arg("--public-key").arg(&public),
        0,
    );
    assert!(stdout.contains("signature holds, by the given key"), "{stdout}");
    assert!(stdout.contains("admission-list.csv: matches the seal"), "{stdout}");

    // Exporting again replaces the previous export in the same folder.
    run(&mut export_cmd(tmp.path(), &out), 0);
    let csv = fs::read_to_string(out.join("admission-list.csv")).expect("csv");
    assert!(csv.starts_with("\u{FEFF}Status;"), "{csv}");
}

#[test]
fn problems_are_named_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    // No record yet.
    let (_, stderr) = run(&mut export_cmd(tmp.path(), &out), 1);
    assert_eq!(
        stderr,
        format!(
            "gremium: no record of session sz-hessen-2027 in {}; open the session first (gremium open {}), or name the record with --record DIR\n",
            tmp.path().join("record").display(),
            session_dir().display()
        )
    );
    assert!(!out.exists());

    // A folder with something else in it is refused.
    let session = complete::demo();
    drop(complete::record_session(&session, &tmp.path().join("record"), Stage::Scored));
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("notes.txt"), "mine").expect("write");
    let (_, stderr) = run(&mut export_cmd(tmp.path(), &out), 1);
    assert_eq!(
        stderr,
        format!(
            "gremium: {}: holds \"notes.txt\", which is not part of a gremium export; export into a new or empty folder\n",
            out.display()
        )
    );

    // A session that cannot be read exits 2, as validate does.
    let (_, stderr) = run(gremium(tmp.path()).arg("export").arg(tmp.path().join("nowhere")), 2);
    assert!(stderr.contains("nowhere"), "{stderr}");

    // A bad SOURCE_DATE_EPOCH is named.
    let (_, stderr) =
        run(export_cmd(tmp.path(), &tmp.path().join("out2")).env("SOURCE_DATE_EPOCH", "tomorrow"), 1);
    assert_eq!(stderr, "gremium: SOURCE_DATE_EPOCH=\"tomorrow\" is not a number of seconds since 1970\n");
}

#[test]
fn verify_with_the_record_checks_that_the_record_reaches_the_results() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = complete::demo();
    let record_dir = tmp.path().join("record");
    let mut live = complete::record_session(&session, &record_dir, Stage::Decided);
    let out = tmp.path().join("out");
    run(&mut export_cmd(tmp.path(), &out), 0);
    let results = out.join("results.json");
    let record = record_dir.join("record.jsonl");
    let doc: Results = serde_json::from_slice(&fs::read(&results).expect("results")).expect("parse");
    let (events, hash) = (doc.record.events, doc.record.last_hash.clone());
    let verify = |code| {
        let mut cmd = gremium(tmp.path());
        cmd.arg("verify").arg(&results).arg("--record").arg(&record);
        run(&mut cmd, code).0
    };
    let name = results.display().to_string();
    let stdout = verify(0);
    assert!(
        stdout.contains(&format!(
            "{name}: the record {} reaches these results: event {events} has hash {hash}, and it is the last\n",
            record.display()
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with(": intact\n"), "{stdout}");

    // The session went on after the export: the record still reaches it.
    live.execute(
        Actor::Chair,
        &DomainCommand::AddNote { text: "danach".into(), dossier: None },
        complete::at(16, 5),
    )
    .expect("note");
    drop(live);
    let stdout = verify(0);
    assert!(
        stdout.contains(&format!("event {events} has hash {hash}; 1 more event came after the export\n")),
        "{stdout}"
    );

    // Record and anchor cut back together (the anchor alone cannot tell):
    // the export does.
    let text = fs::read_to_string(&record).expect("record");
    let keep = usize::try_from(events).expect("count") - 2;
    let cut: String = text.split_inclusive('\n').take(keep).collect();
    fs::write(&record, &cut).expect("cut");
    fs::remove_file(record_dir.join("record.anchor")).expect("anchor");
    let found = gremium::record::verify_record(&record).expect("the chain alone holds");
    let stdout = verify(1);
    assert!(
        stdout.contains(&format!(
            "{name}: the record {} does not reach these results: it holds {keep} events (last hash {}); the results were exported at event {events} (hash {hash})\n",
            record.display(),
            found.last_hash
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with(": does not hold: 1 finding\n"), "{stdout}");

    // --record is for results documents.
    let (_, stderr) = run(gremium(tmp.path()).arg("verify").arg(&record).arg("--record").arg(&record), 2);
    assert_eq!(stderr, "gremium: --record is for results documents: it names the record they came from\n");
}

#[test]
fn the_embedded_demo_exports_by_name_from_any_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = complete::demo();
    drop(complete::record_session(&session, &tmp.path().join("record"), Stage::Decided));
    let out = tmp.path().join("out");
    let mut cmd = gremium(tmp.path());
    cmd.current_dir(tmp.path())
        .args(["export", "demo", "--record"])
        .arg(tmp.path().join("record"))
        .arg("--out")
        .arg(&out);
    let (stdout, stderr) = run(&mut cmd, 0);
    assert_eq!(stderr, "");
    assert!(stdout.starts_with("Exported sz-hessen-2027, a draft"), "{stdout}");
    assert!(out.join("results.json").exists());
}
