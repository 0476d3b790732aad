//! Whole-loader tests: ordering, warnings, and no panic on any input.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;

/// Files held in memory, by path.
struct Memory(BTreeMap<PathBuf, Vec<u8>>);

impl Source for Memory {
    fn read(&self, path: &Path) -> io::Result<Cow<'_, [u8]>> {
        self.0.get(path).map(|b| Cow::Borrowed(b.as_slice())).ok_or_else(|| io::ErrorKind::NotFound.into())
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        Ok(self.0.keys().filter(|p| p.parent() == Some(path)).cloned().collect())
    }
    fn is_dir(&self, path: &Path) -> bool {
        self.0.keys().any(|p| p.parent() == Some(path))
    }
}

const SESSION: &str = r#"{
  "format": "gremium.session/1", "id": "s", "title": "T",
  "dossiers": ["d/"], "agenda": ["B"],
  "budget": { "available_eur": 10 },
  "criteria": [ { "id": "c", "label": "C", "weight": 1 } ],
  "eligibility": [ { "id": "isek", "label": "ISEK" } ],
  "members": [ { "id": "a", "name": "A", "role": "chair" }, { "id": "b", "name": "B", "role": "member" },
               { "id": "c", "name": "C", "role": "member" } ],
  "conflicts": [ { "member": "b", "dossier": "A" } ]
}"#;

const COLLECTION: &str = r#"{ "format": "gremium.dossiers/1", "dossiers": [
  { "id": "C", "municipality": "c", "area": { "name": "x" }, "summary": "s", "funding": { "requested_eur": 1 } },
  { "id": "A", "municipality": "a", "area": { "name": "x" }, "summary": "s", "funding": { "requested_eur": 2 },
    "eligibility": { "isek": true }, "measures": [ { "title": "m", "start_year": 2028, "end_year": 2027 } ] },
  { "id": "B", "municipality": "b", "area": { "name": "x" }, "summary": "s", "funding": { "requested_eur": 3 } }
] }"#;

fn memory(session: &[u8], collection: &[u8]) -> Memory {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("s/session.json"), session.to_vec());
    files.insert(PathBuf::from("s/d/all.json"), collection.to_vec());
    Memory(files)
}

#[test]
fn loads_in_agenda_order_with_warnings() {
    let src = memory(SESSION.as_bytes(), COLLECTION.as_bytes());
    let loaded = load_session(&src, Path::new("s/session.json"), false).unwrap();
    let ids: Vec<&str> = loaded.session.dossiers.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["B", "A", "C"]);
    let lines: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines[0],
        "s/session.json:1:1: $: warning: no `place`: the minutes must say where the committee met (§ 93 VwVfG), and sign-off needs it"
    );
    assert_eq!(
        lines[1..],
        [
            "s/d/all.json:4:100: $.dossiers[1].measures[0].end_year: warning: the measure ends (2027) before it starts (2028)"
        ]
    );
    let err = load_session(&src, Path::new("s/session.json"), true).unwrap_err();
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn unreadable_session_is_exit_2() {
    let src = memory(b"", b"");
    let err = load_session(&src, Path::new("elsewhere.json"), false).unwrap_err();
    assert_eq!(err.exit_code(), 2);
}

fn exercise(session: &[u8], collection: &[u8]) {
    let src = memory(session, collection);
    let loaded = load_session(&src, Path::new("s/session.json"), false);
    // `validate` skips deserialization, so the schema check must be as strict
    // as serde: whatever validates cleanly must also load
    let checked = validate_paths(&src, &[PathBuf::from("s")], false);
    if checked.exit_code() == 0 {
        assert!(loaded.is_ok(), "validates but does not load: {:?}", loaded.err().map(|e| e.report()));
    }
    let report = validate_paths(&src, &[PathBuf::from("s"), PathBuf::from("s/d/all.json")], true);
    let _ = (report.to_text(), report.to_json());
}

fn mutate(base: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = base.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        let at = at % (bytes.len() + 1);
        match op % 3 {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(a in proptest::collection::vec(any::<u8>(), 0..400),
                                   b in proptest::collection::vec(any::<u8>(), 0..400)) {
        exercise(&a, &b);
    }

    #[test]
    fn mutated_valid_files_never_panic(
        edits_s in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
        edits_c in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
        structural in proptest::sample::select(b"{}[],:\"\\ 0-e.tnu\xc3\xff".to_vec()),
    ) {
        let mut s = mutate(SESSION, &edits_s);
        let at = edits_s.first().map_or(0, |e| e.0 % (s.len() + 1));
        s.insert(at, structural);
        exercise(&s, &mutate(COLLECTION, &edits_c));
    }
}

#[test]
fn problems_come_in_reading_order_per_file() {
    let d = |file: &str, line, column| Diagnostic {
        file: file.into(),
        line,
        column,
        path: "$".into(),
        message: String::new(),
        severity: Severity::Error,
    };
    let mut diags = vec![d("b.json", 9, 1), d("a.json", 3, 4), d("b.json", 1, 2), d("a.json", 3, 1)];
    in_reading_order(&mut diags);
    let got: Vec<(String, usize, usize)> =
        diags.iter().map(|d| (d.file.display().to_string(), d.line, d.column)).collect();
    assert_eq!(
        got,
        vec![
            ("b.json".into(), 1, 2),
            ("b.json".into(), 9, 1),
            ("a.json".into(), 3, 1),
            ("a.json".into(), 3, 4)
        ]
    );
}

#[test]
fn a_deputy_is_one_voting_member_other_than_the_chair() {
    let members = r#""members": [ { "id": "a", "name": "A", "role": "chair", "deputy": true },
               { "id": "b", "name": "B", "role": "member", "deputy": true },
               { "id": "c", "name": "C", "role": "member", "deputy": true },
               { "id": "d", "name": "D", "role": "advisory", "deputy": true } ],"#;
    let start = SESSION.find("\"members\"").expect("members");
    let end = start + SESSION[start..].find("],").expect("end of members") + 2;
    let session = format!("{}{members}{}", &SESSION[..start], &SESSION[end..]);
    let src = memory(session.as_bytes(), COLLECTION.as_bytes());
    let report = validate_paths(&src, &[PathBuf::from("s/session.json")], false);
    let lines: Vec<String> =
        report.to_text().lines().filter(|l| l.contains("deputy")).map(str::to_string).collect();
    assert_eq!(
        lines,
        [
            "s/session.json:7:69: $.members[0].deputy: the chair cannot be its own deputy; name another voting member",
            "s/session.json:9:70: $.members[2].deputy: a second deputy beside `b`: at most one member is the deputy",
            "s/session.json:10:72: $.members[3].deputy: the deputy chairs and decides ties, so it must be a voting member",
        ]
    );
}

#[test]
fn a_schema_key_is_allowed_at_the_top_of_every_file_and_nowhere_else() {
    let session = SESSION.replacen('{', r#"{ "$schema": "https://example.org/session.schema.json","#, 1);
    let collection = COLLECTION.replacen('{', r#"{ "$schema": "dossiers.schema.json","#, 1).replacen(
        r#"{ "id": "C","#,
        r#"{ "$schema": "x", "id": "C","#,
        1,
    );
    let src = memory(session.as_bytes(), collection.as_bytes());
    let report = validate_paths(&src, &[PathBuf::from("s/session.json")], false);
    let schema_lines: Vec<String> =
        report.to_text().lines().filter(|l| l.contains("$schema")).map(str::to_string).collect();
    assert_eq!(
        schema_lines,
        [r#"s/d/all.json:2:5: $.dossiers[0]["$schema"]: warning: unknown field `$schema`"#]
    );
}

#[test]
fn a_folder_without_json_files_is_an_error() {
    let mut files = BTreeMap::new();
    files.insert(PathBuf::from("empty/readme.txt"), b"hi".to_vec());
    let src = Memory(files);
    let report = validate_paths(&src, &[PathBuf::from("empty")], false);
    assert_eq!(report.to_text(), "empty:0:0: $: the folder holds no .json files: nothing to check\n");
    assert_eq!(report.exit_code(), 1);
}
