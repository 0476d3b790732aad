//! Text from a file never reaches a terminal raw: whatever a dossier,
//! session or config file contains, every message that quotes it is
//! neutralised (no C0/C1 control, DEL or bidi control) and each problem
//! stays on one line — in the library's reports and on the real binary.

use std::path::PathBuf;

use assert_cmd::Command;
use gremium::load::{FsSource, validate_paths};
use gremium::text::is_printable;
use proptest::prelude::*;

/// A demo dossier file with two extra fields, one named `key` and
/// `municipality` holding `value` (unknown fields: warnings that quote
/// them).
fn dossier_with(dir: &std::path::Path, key: &str, value: &str) -> PathBuf {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027/dossiers");
    let first = std::fs::read_dir(&folder).unwrap().filter_map(Result::ok).map(|e| e.path()).min().unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(first).unwrap()).unwrap();
    doc[key] = serde_json::json!(1);
    doc["municipality"] = serde_json::json!(value);
    let path = dir.join("dossier.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    path
}

/// Strings made of what a hostile file would hold: escape sequences, C1
/// controls, bidi overrides, line breaks, and ordinary text.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{1b}[2J",
        "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}",
        "\u{9b}31m",
        "\u{202e}",
        "\u{2066}",
        "\n",
        "\r",
        "\t",
        "\u{7f}",
        "\u{0}",
        "\u{2028}",
        "Offenbach",
        " ",
        "ä",
        "\"",
        "\\",
    ]);
    prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn validate_never_prints_raw_controls_and_keeps_one_line_per_problem(key in hostile(), value in hostile()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dossier_with(dir.path(), &format!("x{key}"), &value);
        let report = validate_paths(&FsSource, &[path], false);
        let text = report.to_text();
        prop_assert!(is_printable(&text), "{text:?}");
        prop_assert_eq!(text.lines().count(), report.diagnostics.len());
        let json = report.to_json();
        prop_assert!(is_printable(&json), "{json:?}");
    }

    #[test]
    fn config_warnings_are_neutralised(key in hostile(), value in hostile()) {
        let text = format!("{} = {}\n[keys.global]\n{} = {}\n",
            toml_key(&key), toml_string(&value), toml_key(&value), toml_string(&key));
        let (_, warnings) = gremium::config::parse(std::path::Path::new("config.toml"), &text);
        for w in &warnings {
            prop_assert!(is_printable(w) && !w.contains('\n'), "{w:?}");
        }
    }

    #[test]
    fn a_message_is_neutralised_line_by_line(s in hostile()) {
        let clean = gremium::text::clean_message(&s);
        prop_assert!(is_printable(&clean));
        prop_assert_eq!(clean.split('\n').count(), s.split('\n').count());
    }
}

fn toml_key(s: &str) -> String {
    toml_string(s)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[test]
fn the_real_binary_quotes_a_hostile_field_name_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "note\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\u{1b}[2J\nline2\u{202e}";
    let path = dossier_with(dir.path(), evil, "Grebenstein \u{202e}NIAM\u{202c}");
    for format in ["text", "json"] {
        let out = Command::cargo_bin("gremium")
            .unwrap()
            .args(["validate", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "a valid dossier with a warning");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(is_printable(&stdout), "{stdout:?}");
        assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202e}'));
        if format == "text" {
            // Two unknown fields (the hostile one, and `municipality` where
            // this file has none), two lines.
            assert_eq!(stdout.lines().count(), 2, "one problem, one line: {stdout}");
            assert!(
                stdout.contains("unknown field `note␛]0;pwned␇␛]52;c;ZWNobyBwd25lZA==␇␛[2J line2\u{FFFD}`"),
                "{stdout}"
            );
        }
    }
}
