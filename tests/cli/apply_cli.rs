//! `gremium apply` on the real binary: a whole session, roll call to
//! sign-off, from one commands file (tests/fixtures/apply, a 1–10 scale in
//! half points, median, two-thirds majority, ties rejected, a deputy), then
//! exported and compared with tests/golden/apply; refusals by line; the
//! exit codes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apply")
}

/// 26.11.2026 08:55 +01:00: the opening line's time.
const OPENED: &str = "1795679700";
/// 26.11.2026 11:00 +01:00: the export's time.
const EXPORTED: &str = "1795687200";

fn gremium(tmp: &Path) -> Command {
    at(tmp, OPENED)
}

fn at(tmp: &Path, epoch: &str) -> Command {
    let mut cmd = Command::cargo_bin("gremium").expect("binary");
    cmd.env("GREMIUM_CONFIG", tmp.join("config"))
        .env("GREMIUM_DATA", tmp.join("data"))
        .env("SOURCE_DATE_EPOCH", epoch);
    cmd
}

fn run(cmd: &mut Command, code: i32) -> (String, String) {
    let out = cmd.assert().code(code).get_output().clone();
    (String::from_utf8(out.stdout).expect("utf-8"), String::from_utf8(out.stderr).expect("utf-8"))
}

fn write_commands(tmp: &Path, lines: &[&str]) -> PathBuf {
    let path = tmp.join("commands.jsonl");
    let mut text = String::from("{\"format\": \"gremium.commands/1\"}\n");
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    fs::write(&path, text).expect("write commands");
    path
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).expect("file")))
        .collect()
}

#[test]
fn a_whole_session_from_one_commands_file_exports_as_the_golden_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let commands = fixture().join("session.commands.jsonl");
    let (stdout, stderr) = run(gremium(tmp.path()).arg("apply").arg(fixture()).arg(&commands), 0);
    assert_eq!(stderr, "");
    let record = tmp.path().join("data/records/jury-stadtteilpreis/record.jsonl");
    assert_eq!(stdout, format!("47 commands recorded in {}; 0 refused\n", record.display()));
    let out = tmp.path().join("out");
    run(at(tmp.path(), EXPORTED).arg("export").arg(fixture()).arg("--out").arg(&out), 0);

    let got = files(&out);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/apply");
    if std::env::var_os("GREMIUM_BLESS").is_some() {
        let _ = fs::remove_dir_all(&golden);
        fs::create_dir_all(&golden).expect("golden folder");
        for (name, bytes) in &got {
            fs::write(golden.join(name), bytes).expect("write golden");
        }
        return;
    }
    let want = files(&golden);
    assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
    for (name, bytes) in &got {
        let (g, w) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(&want[name]));
        let line = g.lines().zip(w.lines()).position(|(a, b)| a != b);
        assert!(
            bytes == &want[name],
            "{name} differs from tests/golden/apply (line {line:?}); GREMIUM_BLESS=1 regenerates"
        );
    }
    // What the golden files hold, in words: the deputy signed off after the
    // chair left, the tie rule and the scale are the session's own.
    let minutes = String::from_utf8_lossy(&got["minutes.md"]);
    assert!(minutes.contains("Freigegeben am 26.11.2026, 10:40 Uhr durch P. Ostermann."), "{minutes}");
    assert!(
        minutes.contains("- **Sitzungsleitung:** P. Ostermann (Stellvertretung des Vorsitzes)"),
        "{minutes}"
    );
    assert!(minutes.contains("- **Ende:** 10:40 Uhr"), "{minutes}");
    let list = String::from_utf8_lossy(&got["admission-list.csv"]);
    assert!(
        list.contains(
            "freigegeben;jury-stadtteilpreis;26.11.2026;3;nein;HOG-SUED;Hofgeismar;Südstadt;Kassel;ja;5,05;250000;;Nachrückerliste;1;nein;;4;0;0"
        ),
        "{list}"
    );
}

#[test]
fn refusals_are_named_by_line_and_the_accepted_commands_stay_recorded() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let commands = write_commands(
        tmp.path(),
        &[
            r#"{"command": "confirm_duly_invited", "at": "2026-11-26T09:00:00+01:00"}"#,
            r#"{"command": "mark_present", "member": "vors", "at": "2026-11-26T09:00:00+01:00"}"#,
            r#"{"command": "mark_present", "member": "stv", "at": "2026-11-26T09:00:00+01:00"}"#,
            r#"{"command": "enter_score", "dossier": "KS-NORD", "member": "vors", "criterion": "need", "value": 7.25}"#,
            "# a comment, then a blank line",
            "",
            r#"{"command": "record_vote", "subject": {"kind": "dossier", "dossier": "KS-NORD", "outcome": {"kind": "admitted"}}, "yes": 2, "no": 0}"#,
            r#"{"command": "sign_off", "by": "stv"}"#,
            r#"{"command": "add_note", "text": "Pause", "rationale": "x"}"#,
            r#"{"command": "add_note", "text": "Pause"}"#,
        ],
    );
    let (stdout, _) =
        run(gremium(tmp.path()).args(["--lang", "en", "apply"]).arg(fixture()).arg(&commands), 1);
    let name = commands.display();
    let record = tmp.path().join("data/records/jury-stadtteilpreis/record.jsonl");
    assert_eq!(
        stdout,
        format!(
            "{name}:5: 7.25 is not on the scale – allowed: 1–10 in steps of 0.5\n\
             {name}:8: not quorate: 2 voting members present without a conflict, at least 3 required\n\
             {name}:9: P. Ostermann does not chair now: sign-off is by Dr. H. Lindqvist (the chair present, or the deputy when the chair has left)\n\
             {name}:10: unknown field `rationale`, expected `text` or `dossier`\n\
             4 commands recorded in {}; 4 refused\n",
            record.display()
        )
    );
    // Opening, invitation, two present, the note.
    let lines = fs::read_to_string(&record).expect("record");
    assert_eq!(lines.lines().count(), 5);
    assert!(lines.lines().last().is_some_and(|l| l.contains("\"type\":\"note_added\",\"text\":\"Pause\"")));
}

#[test]
fn a_file_that_is_not_a_commands_file_or_a_missing_one_exits_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("plain.jsonl");
    fs::write(&path, "{\"command\": \"undo\"}\n").expect("write");
    let (stdout, stderr) = run(gremium(tmp.path()).arg("apply").arg(fixture()).arg(&path), 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "gremium: {}:1: the first line must be {{\"format\": \"gremium.commands/1\"}}\n",
            path.display()
        )
    );
    assert!(!tmp.path().join("data/records").exists(), "no record is started for a file that is not one");
    let missing = tmp.path().join("missing.jsonl");
    let (_, stderr) = run(gremium(tmp.path()).arg("apply").arg(fixture()).arg(&missing), 2);
    assert!(stderr.starts_with(&format!("gremium: {}: cannot read: ", missing.display())), "{stderr}");
}

#[test]
fn tied_dossiers_get_their_waiting_list_order_by_lot_and_verify_repeats_the_draw() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // One admission, two waiting places: ESW-ALTSTADT and HOG-SUED tie.
    let folder = tmp.path().join("session");
    fs::create_dir_all(&folder).expect("folder");
    let mut session: serde_json::Value =
        serde_json::from_slice(&fs::read(fixture().join("session.json")).expect("session")).expect("json");
    session["budget"] = serde_json::json!({"available_eur": 900000, "max_admissions": 1, "waiting_list": 2});
    fs::write(folder.join("session.json"), session.to_string()).expect("write");
    fs::copy(fixture().join("dossiers.json"), folder.join("dossiers.json")).expect("dossiers");
    let mut lines =
        vec![r#"{"command": "confirm_duly_invited", "at": "2026-11-26T09:00:00+01:00"}"#.to_string()];
    for m in ["vors", "stv", "arch"] {
        lines.push(format!(
            r#"{{"command": "mark_present", "member": "{m}", "at": "2026-11-26T09:00:00+01:00"}}"#
        ));
    }
    for (d, v) in [("KS-NORD", 9), ("ESW-ALTSTADT", 6), ("HOG-SUED", 6)] {
        for m in ["vors", "stv", "arch"] {
            for c in ["need", "concept"] {
                lines.push(format!(
                    r#"{{"command": "enter_score", "dossier": "{d}", "member": "{m}", "criterion": "{c}", "value": {v}}}"#
                ));
            }
        }
        lines.push(format!(r#"{{"command": "reveal_scores", "dossier": "{d}"}}"#));
    }
    let en_bloc = r#"{"command": "record_vote", "subject": {"kind": "en_bloc", "items": [{"dossier": "KS-NORD", "outcome": {"kind": "admitted"}}, {"dossier": "ESW-ALTSTADT", "outcome": {"kind": "waiting_list", "position": 1}}, {"dossier": "HOG-SUED", "outcome": {"kind": "waiting_list", "position": 1}}]}, "yes": 3, "no": 0}"#;
    lines.push(en_bloc.to_string()); // refused: two at position 1
    lines.push(r#"{"command": "draw_lots", "dossiers": ["KS-NORD", "HOG-SUED"]}"#.to_string()); // not tied
    lines.push(r#"{"command": "draw_lots", "dossiers": ["HOG-SUED", "ESW-ALTSTADT"]}"#.to_string());
    lines.push(r#"{"command": "draw_lots", "dossiers": ["ESW-ALTSTADT", "HOG-SUED"]}"#.to_string()); // not again
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let commands = write_commands(tmp.path(), &refs);
    let (stdout, _) = run(gremium(tmp.path()).args(["--lang", "en", "apply"]).arg(&folder).arg(&commands), 1);
    let name = commands.display();
    let out: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        out[0],
        format!(
            "{name}:27: two dossiers share waiting-list position 1: order the tie first (draw lots or vote the positions)"
        )
    );
    assert_eq!(
        out[1],
        format!(
            "{name}:28: lots are drawn among two or more dossiers tied in the ranking, not: KS-NORD, HOG-SUED"
        )
    );
    assert_eq!(
        out[2],
        format!("{name}:30: lots were drawn for these dossiers already; a draw is not repeated")
    );
    assert_eq!(out.len(), 4, "{stdout}");

    // The draw is in the record with its seed, the hash of the line before.
    let record = tmp.path().join("data/records/jury-stadtteilpreis/record.jsonl");
    let text = fs::read_to_string(&record).expect("record");
    let draw: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("line"))
        .find(|e| e["event"]["type"] == "lots_drawn")
        .expect("drawn");
    assert_eq!(draw["event"]["seed"], draw["prev"]);
    let order: Vec<String> = draw["event"]["dossiers"]
        .as_array()
        .expect("order")
        .iter()
        .map(|d| d.as_str().expect("id").to_string())
        .collect();
    let seed = draw["prev"].as_str().expect("seed");
    assert_eq!(order, gremium::rules::draw(seed, &["ESW-ALTSTADT".to_string(), "HOG-SUED".to_string()]));
    // verify repeats it.
    let (stdout, _) = run(gremium(tmp.path()).arg("verify").arg(&record), 0);
    assert!(stdout.contains(&format!(": the draw repeats: {}\n", order.join(", "))), "{stdout}");

    // The en-bloc motion with the drawn positions is taken.
    let vote = format!(
        r#"{{"command": "record_vote", "subject": {{"kind": "en_bloc", "items": [{{"dossier": "KS-NORD", "outcome": {{"kind": "admitted"}}}}, {{"dossier": "{}", "outcome": {{"kind": "waiting_list", "position": 1}}}}, {{"dossier": "{}", "outcome": {{"kind": "waiting_list", "position": 2}}}}]}}, "yes": 3, "no": 0}}"#,
        order[0], order[1]
    );
    let commands = write_commands(tmp.path(), &[&vote]);
    let (stdout, _) = run(gremium(tmp.path()).args(["--lang", "en", "apply"]).arg(&folder).arg(&commands), 0);
    assert!(stdout.ends_with("; 0 refused\n"), "{stdout}");
}
