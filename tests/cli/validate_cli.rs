//! `gremium validate` as the secretariat runs it: exact lines, exit codes.
//! Paths are relative to tests/fixtures/validate so the lines are stable.

use std::path::Path;

use assert_cmd::Command;

fn validate(args: &[&str]) -> (String, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate");
    let out =
        Command::cargo_bin("gremium").unwrap().current_dir(dir).arg("validate").args(args).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

fn assert_lines(args: &[&str], lines: &[&str], code: i32) {
    let (out, status) = validate(args);
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got, lines, "output of validate {args:?}");
    assert_eq!(status, code, "exit code of validate {args:?}");
}

#[test]
fn unclosed_brace() {
    assert_lines(
        &["unclosed.json"],
        &["unclosed.json:5:1: $.area: unclosed object: `{` at 4:11 is never closed"],
        1,
    );
}

#[test]
fn trailing_comma() {
    assert_lines(
        &["trailing_comma.json"],
        &["trailing_comma.json:8:35: $.deficits: trailing comma before `]`"],
        1,
    );
}

#[test]
fn wrong_type() {
    assert_lines(
        &["wrong_type.json"],
        &["wrong_type.json:4:19: $.municipality: expected a string, found `42`"],
        1,
    );
}

#[test]
fn missing_required_field() {
    assert_lines(
        &["missing_field.json"],
        &["missing_field.json:1:1: $: missing required field `summary`"],
        1,
    );
}

#[test]
fn invalid_id() {
    assert_lines(
        &["invalid_id.json"],
        &[
            "invalid_id.json:3:9: $.id: invalid id `DA NORD`: use 1 to 40 letters A-Z, digits, `.`, `_` or `-`, starting with a letter or digit",
        ],
        1,
    );
}

#[test]
fn same_dossier_id_in_two_files() {
    let line = "dup/b.json:13:9: $.dossiers[1].id: dossier id `DA-NORD` also defined at dup/a.json:3:9";
    assert_lines(&["dup/a.json", "dup/b.json"], &[line], 1);
    assert_lines(&["dup"], &[line], 1);
}

#[test]
fn dangling_references_in_a_session() {
    assert_lines(
        &["refs"],
        &[
            "refs/session.json:5:29: $.dossiers[1]: `refs/missing.json` does not exist",
            "refs/session.json:6:25: $.agenda[1]: the agenda names unknown dossier `DA-SUED`, did you mean `DA-NORD`?",
            "refs/session.json:21:30: $.conflicts[0].member: unknown member `m9`",
            "refs/dossiers/da-nord.json:8:34: $.eligibility.isec_2: eligibility check `isec_2` is not declared in the session, did you mean `isek`?",
        ],
        1,
    );
}

#[test]
fn weight_scale_chairs_and_advisory_vote_all_in_one_file() {
    assert_lines(
        &["numbers/session.json"],
        &[
            "numbers/session.json:8:31: $.scale: the scale's minimum 4 must be below its maximum 4",
            "numbers/session.json:10:54: $.criteria[0].weight: must be greater than 0, found 0",
            "numbers/session.json:16:48: $.members[1].role: two chairs: `vorsitz` and `m1`; exactly one member has the role `chair`",
            "numbers/session.json:19:71: $.members[4].voting: an advisory member cannot vote; set `voting` to false or leave it out",
        ],
        1,
    );
}

#[test]
fn negative_money() {
    assert_lines(
        &["negative_money.json"],
        &["negative_money.json:7:33: $.funding.requested_eur: money cannot be negative, found -5000"],
        1,
    );
}

#[test]
fn date_that_does_not_exist() {
    assert_lines(
        &["bad_date.json"],
        &["bad_date.json:8:16: $.submitted: 2026-02-30 is not a date that exists"],
        1,
    );
}

#[test]
fn empty_file() {
    assert_lines(&["empty.json"], &["empty.json:1:1: $: empty file"], 1);
}

#[test]
fn bytes_that_are_not_utf8() {
    assert_lines(
        &["latin1.json"],
        &[
            "latin1.json:4:23: $: invalid UTF-8: byte 0xDF is not part of a valid character; save the file as UTF-8",
        ],
        1,
    );
}

#[test]
fn unknown_field_is_a_warning_and_strict_makes_it_an_error() {
    assert_lines(
        &["unknown_field.json"],
        &[
            "unknown_field.json:7:41: $.funding.requsted_eur: warning: unknown field `requsted_eur`, did you mean `requested_eur`?",
        ],
        0,
    );
    assert_lines(
        &["--strict", "unknown_field.json"],
        &[
            "unknown_field.json:7:41: $.funding.requsted_eur: unknown field `requsted_eur`, did you mean `requested_eur`?",
        ],
        1,
    );
}

#[test]
fn json_report() {
    let (out, code) = validate(&["--format", "json", "bad_date.json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "diagnostics": [{
                "file": "bad_date.json", "line": 8, "column": 16, "path": "$.submitted",
                "message": "2026-02-30 is not a date that exists", "severity": "error"
            }],
            "unreadable": false
        })
    );
}

#[test]
fn missing_file_exits_2() {
    assert_lines(
        &["nope.json"],
        &["nope.json:0:0: $: cannot read: No such file or directory (os error 2)"],
        2,
    );
}

#[test]
fn several_problems_in_one_file_are_all_reported() {
    assert_lines(
        &["several.json"],
        &[
            "several.json:4:13: $.dossiers[0].id: invalid id `-bad`: use 1 to 40 letters A-Z, digits, `.`, `_` or `-`, starting with a letter or digit",
            "several.json:4:50: $.dossiers[0].area: missing required field `name`",
            "several.json:4:100: $.dossiers[0].funding.requested_eur: expected an integer, found `1.5`",
            "several.json:5:35: $.dossiers[1].municipality: expected a string, found `true`",
            "several.json:5:130: $.dossiers[1].submitted: `26.11.2026` is not a date in the form YYYY-MM-DD",
        ],
        1,
    );
}

#[test]
fn a_good_session_is_silent() {
    assert_lines(&["good"], &[], 0);
    assert_lines(&["good/session.json", "good/dossiers/da-nord.json"], &[], 0);
}

#[test]
fn demo_session_validates() {
    let (out, code) = validate(&["../../../sessions/hessen-2027"]);
    assert_eq!(code, 0, "{out}");
}

/// `gremium validate FILE` run in `dir`.
fn validate_in(dir: &std::path::Path, file: &str) -> std::process::Output {
    Command::cargo_bin("gremium").unwrap().current_dir(dir).args(["validate", file]).output().unwrap()
}

#[test]
fn generated_20mb_collection_validates() {
    let dir = tempfile::tempdir().unwrap();
    let text = gremium::load::sample_collection(20_000_000);
    assert!(text.len() >= 20_000_000);
    std::fs::write(dir.path().join("big.json"), text).unwrap();
    let out = validate_in(dir.path(), "big.json");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn money_beyond_two_to_the_53_is_refused_at_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("d.json");
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027/dossiers");
    let first = std::fs::read_dir(&folder).unwrap().filter_map(Result::ok).map(|e| e.path()).min().unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(first).unwrap()).unwrap();
    doc["dossiers"][0]["funding"]["requested_eur"] = serde_json::json!(9_007_199_254_740_992u64);
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = assert_cmd::Command::cargo_bin("gremium").unwrap().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first_line = stdout.lines().next().unwrap_or_default().replace(&path.display().to_string(), "d.json");
    assert!(
        first_line.ends_with(
            ": $.dossiers[0].funding.requested_eur: must be at most 9007199254740991, found 9007199254740992"
        ),
        "{first_line}"
    );
}

/// The demo session copied to `dir`, its session.json changed by `edit`.
fn demo_copy(dir: &std::path::Path, edit: impl Fn(Vec<u8>) -> Vec<u8>) -> std::path::PathBuf {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027");
    let target = dir.join("s");
    std::fs::create_dir_all(target.join("dossiers")).unwrap();
    for entry in std::fs::read_dir(src.join("dossiers")).unwrap().flatten() {
        std::fs::copy(entry.path(), target.join("dossiers").join(entry.file_name())).unwrap();
    }
    let session = std::fs::read(src.join("session.json")).unwrap();
    std::fs::write(target.join("session.json"), edit(session)).unwrap();
    target
}

#[test]
fn validate_and_open_agree_on_a_byte_order_mark_and_on_minus_zero() {
    use gremium::load::{FsSource, load_session, session_file, validate_paths};
    // A byte order mark, as Windows editors save: accepted by both.
    let tmp = tempfile::tempdir().unwrap();
    let bom = demo_copy(tmp.path(), |b| [b"\xEF\xBB\xBF".to_vec(), b].concat());
    assert_eq!(validate_paths(&FsSource, std::slice::from_ref(&bom), false).exit_code(), 0);
    assert!(load_session(&FsSource, &session_file(&bom), false).is_ok(), "open loads what validate accepts");

    // `-0` as an amount: refused by both, at the same place with the same words.
    let tmp = tempfile::tempdir().unwrap();
    let neg = demo_copy(tmp.path(), |b| {
        String::from_utf8(b)
            .unwrap()
            .replacen("\"available_eur\": 11500000", "\"available_eur\": -0", 1)
            .into_bytes()
    });
    let report = validate_paths(&FsSource, std::slice::from_ref(&neg), false);
    assert_eq!(report.exit_code(), 1);
    let first = report.to_text().lines().next().unwrap_or_default().to_string();
    assert!(first.ends_with("$.budget.available_eur: money cannot be negative, found -0"), "{first}");
    match load_session(&FsSource, &session_file(&neg), false) {
        Err(e) => assert_eq!(e.report().lines().next(), Some(first.as_str())),
        Ok(_) => panic!("open loaded what validate refused"),
    }
}

/// A file that is not clean given through a pipe: `validate <(…)`, or a
/// FIFO. A pipe gives its bytes once; the spanned run after the fast one
/// reports on those bytes, not on an empty second reading.
#[cfg(unix)]
#[test]
fn a_file_given_through_a_pipe_is_reported_on_its_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let text = r#"{"format":"gremium.dossiers/1","dossiers":[{"id":"x"}]}"#;
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let out = validate_in(tmp.path(), "pipe.json");
    writer.join().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "pipe.json:1:44: $.dossiers[0]: missing required field `municipality`",
            "pipe.json:1:44: $.dossiers[0]: missing required field `area`",
            "pipe.json:1:44: $.dossiers[0]: missing required field `summary`",
            "pipe.json:1:44: $.dossiers[0]: missing required field `funding`",
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}
