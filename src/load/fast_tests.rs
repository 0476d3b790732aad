//! The fast path and the spanned path agree: a file the fast path accepts
//! is one the spanned path reports nothing about, and a clean file takes
//! the fast path. Checked on mutated dossier files, with the mutations that
//! lie on the edges of the two: unknown fields, dates in other forms,
//! negative zero, amounts at 2^53, duplicate keys, escapes, `$schema`.

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use super::super::dossier::{DossierScope, check_dossier_file, read_clean};
use super::super::sample_collection;
use super::{InPlace, Read, in_place, pieces_for, skimmed};

const DECLARED: [&str; 2] = ["isek", "gebiet"];

fn scope(fast: bool) -> DossierScope {
    let mut s = DossierScope::new(Some(DECLARED.iter().map(|d| d.to_string()).collect()));
    s.fast = fast;
    s
}

/// (fast path accepted, what the spanned path reported)
fn both(bytes: &[u8]) -> (bool, Vec<String>) {
    let fast = read_clean(bytes, &mut scope(true));
    let spanned = check_dossier_file(Path::new("d.json"), bytes, &mut scope(false));
    (fast, spanned.iter().map(|d| d.to_string()).collect())
}

/// A dossier file as the secretariat writes it: one collection of two, or
/// the first of them alone.
fn base(single: bool) -> Value {
    let text = sample_collection(1);
    let mut c: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if let Some(list) = c["dossiers"].as_array_mut()
        && let Some(first) = list.first().cloned()
    {
        let mut second = first.clone();
        second["id"] = "D-2".into();
        list.push(second);
        if single {
            let mut d = first;
            d["format"] = "gremium.dossier/1".into();
            return d;
        }
    }
    c
}

fn pool() -> Vec<Value> {
    serde_json::from_str(
        r#"[null, true, false, 0, 1, -1, 0.5, 100, 100.0, 100.5, 9007199254740991, 9007199254740992,
            2147483648, 1000.0, "", "x", "2026-01-05", "2026-1-5", "2026-02-30", "20260105",
            "06400000", "0640000a", "D-1", "-bad", "gremium.dossier/1", "gremium.dossiers/1",
            "adopted", "planned", "isek", [], {}, {"isek": true}, {"gebiet": false, "nicht": true},
            ["a"], {"name": "n"}]"#,
    )
    .unwrap_or_default()
}

const KEYS: [&str; 12] = [
    "id",
    "format",
    "$schema",
    "extra",
    "isek_date",
    "submitted",
    "eligibility",
    "end_year",
    "start_year",
    "total_cost_eur",
    "hectares",
    "Id",
];

/// Textual edits JSON values cannot express.
const RAW: [(&str, &str); 13] = [
    ("\"requested_eur\": 1200000", "\"requested_eur\": -0"),
    ("\"hectares\": 10.5", "\"hectares\": -0.0"),
    ("\"eligibility\": {}", "\"eligibility\": {\"isek\": true, \"isek\": false}"),
    ("\"id\": \"D-000000\"", "\"id\": \"D-000000\", \"id\": \"D-000000\""),
    ("\"municipal_share_percent\": 10.0", "\"municipal_share_percent\": 1E2"),
    ("\"municipal_share_percent\": 10.0", "\"municipal_share_percent\": 100.00000000000001"),
    ("\"summary\": \"", "\"summary\": \"\\ud800"),
    ("\"residents\": 4000", "\"residents\": 4000.0"),
    ("\"year\": 2025", "\"year\": 2147483648"),
    ("Frau X", "Frau \\u0058"),
    ("\"name\": \"Frau X\"", "\"n\\u0061me\": \"Frau X\""),
    ("\"notes\": \"keine\"", "\"notes\": \"keine\", \"$schema\": \"x\""),
    (
        "\"format\": \"gremium.dossiers/1\"",
        "\"format\": \"gremium.dossiers/1\", \"$schema\": \"a\", \"$schema\": \"b\"",
    ),
];

/// Every path to a value in `v`, as a list of keys and indexes.
fn paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Value::from(k.as_str()));
                paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Value::from(i));
                paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'v>(v: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(i.as_u64()? as usize),
        _ => None,
    })
}

/// Replace, remove or add at a node chosen by `pick`.
fn mutate(v: &mut Value, op: u8, pick: usize, value: usize, key: usize) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = all[pick % all.len()].clone();
    let pool = pool();
    let new = pool[value % pool.len()].clone();
    match op % 3 {
        0 => {
            if let Some(slot) = at_path(v, &path) {
                *slot = new;
            }
        }
        1 => {
            if let Some((Value::String(last), parent)) = path.split_last()
                && let Some(Value::Object(m)) = at_path(v, parent)
            {
                m.remove(last);
            }
        }
        _ => {
            if let Some(Value::Object(m)) = at_path(v, &path) {
                m.insert(KEYS[key % KEYS.len()].to_string(), new);
            }
        }
    }
}

#[test]
fn the_sample_files_take_the_fast_path() {
    for single in [false, true] {
        let bytes = serde_json::to_vec_pretty(&base(single)).unwrap_or_default();
        assert_eq!(both(&bytes), (true, vec![]), "single: {single}");
    }
}

#[test]
fn each_edge_is_seen_by_both_paths() {
    // (edit, whether the spanned path stays silent)
    let expect = [false, false, false, false, true, false, false, false, false, true, true, false, false];
    for ((from, to), silent) in RAW.iter().zip(expect) {
        let text = serde_json::to_string_pretty(&base(false)).unwrap_or_default().replacen(from, to, 1);
        assert!(text.contains(to), "{from} not in the sample");
        let (fast, spanned) = both(text.as_bytes());
        assert_eq!(spanned.is_empty(), silent, "{to}: {spanned:?}");
        assert_eq!(fast, silent, "{to}: the fast path decides otherwise");
    }
}

#[test]
fn a_byte_order_mark_is_left_to_the_spanned_path() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(serde_json::to_vec_pretty(&base(false)).unwrap_or_default());
    assert_eq!(both(&bytes), (false, vec![]));
}

/// A byte that is not UTF-8 in a text: the fast path leaves the file to
/// the spanned path, which names the line and column.
#[test]
fn a_byte_that_is_not_utf8_is_left_to_the_spanned_path() {
    let text = serde_json::to_string_pretty(&base(false)).unwrap_or_default();
    let at = text.find("\"summary\": \"").map(|i| i + 12).unwrap_or_default();
    let mut bytes = text.into_bytes();
    bytes[at] = 0xff;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let (fast, spanned) = both(&bytes);
    assert!(!fast);
    let column = at - text_start(&bytes, at) + 1;
    let expected = format!(
        "d.json:{line}:{column}: $: invalid UTF-8: byte 0xFF is not part of a valid character; save the file as UTF-8"
    );
    assert_eq!(spanned, vec![expected]);
}

/// Where the line holding byte `at` starts.
fn text_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn fast_path_agrees(
        single in any::<bool>(),
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 0..4),
        raw in proptest::option::of(0..RAW.len()),
    ) {
        let mut v = base(single);
        for (op, pick, value, key) in ops {
            mutate(&mut v, op, pick, value, key);
        }
        let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
        if let Some(i) = raw {
            text = text.replacen(RAW[i].0, RAW[i].1, 1);
        }
        let (fast, spanned) = both(text.as_bytes());
        // accepted fast: nothing to report; nothing to report: read fast
        prop_assert_eq!(fast, spanned.is_empty(), "{}\n{:?}", text, spanned);
    }
}

/// The demo's dossier files are clean: they take the fast path and give the
/// same dossiers as the spanned path. The rich fixture's collection answers
/// a check its session does not declare: it does not.
#[test]
fn real_dossier_files_take_the_fast_path() {
    let declared_in = |session: &str| -> Vec<String> {
        let v: Value = serde_json::from_str(session).unwrap_or_default();
        v["eligibility"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["id"].as_str().map(String::from))
            .collect()
    };
    // the demo's files as they lie in the repository (and are embedded)
    let demo_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/hessen-2027/");
    let demo = std::fs::read_to_string(format!("{demo_dir}session.json")).unwrap_or_default();
    let files: Vec<(String, Vec<u8>, Vec<String>)> = ["darmstadt", "giessen", "kassel"]
        .iter()
        .map(|name| {
            let path = format!("{demo_dir}dossiers/{name}.json");
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path, bytes, declared_in(&demo))
        })
        .collect();
    assert_eq!(files.len(), 3, "the demo's dossier files");
    let rich = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rich/");
    let rich_session = std::fs::read_to_string(format!("{rich}session.json")).unwrap_or_default();
    let rich_dossiers = std::fs::read(format!("{rich}dossiers.json")).unwrap_or_default();
    let declared = declared_in(&rich_session);
    assert!(!read_clean(&rich_dossiers, &mut DossierScope::new(Some(declared.clone()))));
    let mut spanned_scope = DossierScope::new(Some(declared));
    spanned_scope.fast = false;
    let spanned = check_dossier_file(Path::new("rich.json"), &rich_dossiers, &mut spanned_scope);
    assert_eq!(
        spanned.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        [
            "rich.json:74:77: $.dossiers[2].eligibility.extra: eligibility check `extra` is not declared in the session"
        ]
    );
    for (path, bytes, declared) in files {
        let mut spanned_scope = DossierScope::new(Some(declared.clone()));
        spanned_scope.fast = false;
        let spanned = check_dossier_file(Path::new(&path), &bytes, &mut spanned_scope);
        let reported: Vec<String> = spanned.iter().map(|d| d.to_string()).collect();
        assert_eq!(reported, Vec::<String>::new(), "{path}");
        let mut scope = DossierScope::new(Some(declared));
        assert!(read_clean(&bytes, &mut scope), "{path} takes the fast path");
        assert_eq!(scope.dossiers.len(), spanned_scope.dossiers.len(), "{path}");
        assert_eq!(scope.dossiers, spanned_scope.dossiers, "{path}: the same dossiers either way");
    }
}

/// A collection large enough to be read on every core gives the dossiers
/// in file order, as the spanned path does; one bad dossier near the end
/// sends the whole file to the spanned path, which names it.
#[test]
fn a_long_collection_is_read_on_every_core_in_file_order() {
    let template = base(false)["dossiers"][0].clone();
    let collection = |bad: Option<usize>| {
        let dossiers: Vec<Value> = (0..300)
            .map(|i| {
                let mut d = template.clone();
                d["id"] = Value::from(format!("D{i:03}"));
                if bad == Some(i) {
                    d["funding"]["requested_eur"] = Value::from(-1);
                }
                d
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({ "format": "gremium.dossiers/1", "dossiers": dossiers }))
            .unwrap_or_default()
    };
    let clean = collection(None);
    let mut fast = scope(true);
    assert!(read_clean(&clean, &mut fast));
    let mut spanned = scope(false);
    assert_eq!(check_dossier_file(Path::new("d.json"), &clean, &mut spanned).len(), 0);
    let ids = |s: &DossierScope| s.dossiers.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&fast), (0..300).map(|i| format!("D{i:03}")).collect::<Vec<_>>());
    assert_eq!(fast.dossiers, spanned.dossiers);

    let (accepted, reported) = both(&collection(Some(290)));
    assert!(!accepted);
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].contains("$.dossiers[290].funding.requested_eur"), "{reported:?}");
}

/// What the in-place reading gives for `text` cut into `pieces`, and what
/// the skim gives, each as the ids read (`None`: not clean), with the
/// same checks of each dossier.
fn in_place_and_skimmed(text: &str, pieces: usize) -> (InPlace<Vec<String>>, Option<Read>) {
    let declared: Vec<String> = DECLARED.iter().map(|d| d.to_string()).collect();
    let ok = |d: &crate::domain::Dossier| super::in_collection(d, Some(&declared));
    let read = in_place(text, pieces, &|t| one_for_tests(t, &ok));
    (read, skimmed(text, Some(&declared), false))
}

fn one_for_tests(
    text: &str,
    ok: &(dyn Fn(&crate::domain::Dossier) -> bool + Sync),
) -> Option<(String, usize)> {
    super::one(text, ok).map(|(d, at)| (d.id, at))
}

fn ids_of(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("D-{i:06}")).collect()
}

/// A collection written one dossier under another is read in place, cut
/// into any number of pieces, and gives the dossiers the skim gives, in
/// file order; the reading needs no skim at all.
#[test]
fn a_collection_read_in_place_is_the_skimmed_one() {
    let text = sample_collection(40_000);
    let n = text.matches("\"id\": \"D-").count();
    assert!(n > 20, "{n} dossiers");
    for pieces in [1, 2, 3, 4, 7, 8, 16, 64, n, n + 5] {
        let (read, skimmed) = in_place_and_skimmed(&text, pieces);
        let expected = InPlace::Read { format: "gremium.dossiers/1".to_string(), dossiers: ids_of(n) };
        assert_eq!(read, expected, "{pieces} pieces");
        assert_eq!(skimmed, Some(Read::Ids(ids_of(n))));
    }
    // one piece for a small file, a few per core for a large one
    assert_eq!(pieces_for(text.len()), 1);
    assert_eq!(pieces_for(20_000_000), 4 * rayon::current_num_threads());
}

/// A collection on one line cannot be cut by its lines: it is read in one
/// piece when small, and skimmed when it would need more.
#[test]
fn a_collection_on_one_line_is_skimmed_when_it_needs_cutting() {
    let pretty = sample_collection(20_000);
    let value: Value = serde_json::from_str(&pretty).unwrap_or_default();
    let compact = serde_json::to_string(&value).unwrap_or_default();
    let n = compact.matches("\"id\":\"D-").count();
    let (read, skimmed) = in_place_and_skimmed(&compact, 1);
    assert_eq!(read, InPlace::Read { format: "gremium.dossiers/1".to_string(), dossiers: ids_of(n) });
    assert_eq!(skimmed, Some(Read::Ids(ids_of(n))));
    assert_eq!(in_place_and_skimmed(&compact, 4).0, InPlace::Guessed);
}

/// An object inside a dossier written where dossiers begin (a hand-edited
/// file) looks like a dossier's start: the piece before it does not end
/// there, and the file is skimmed instead. Nothing read from the wrong
/// start is used.
#[test]
fn a_start_guessed_inside_a_dossier_is_never_used() {
    let text = sample_collection(40_000).replace(
        "      \"measures\": [\n        {",
        "      \"measures\": [\n        {\"title\": \"x\"},\n    {",
    );
    let n = text.matches("\"id\": \"D-").count();
    let mut guessed = 0;
    for pieces in 2..40 {
        let (read, skimmed) = in_place_and_skimmed(&text, pieces);
        assert_eq!(skimmed, Some(Read::Ids(ids_of(n))));
        match read {
            InPlace::Guessed => guessed += 1,
            other => assert_eq!(
                other,
                InPlace::Read { format: "gremium.dossiers/1".to_string(), dossiers: ids_of(n) },
                "{pieces} pieces"
            ),
        }
    }
    assert!(guessed > 0, "some cut fell inside a dossier");
    // and the fast path as a whole reads the file as the skim does
    let declared: Vec<String> = DECLARED.iter().map(|d| d.to_string()).collect();
    assert_eq!(super::dossier_file(text.as_bytes(), Some(&declared), false), Some(Read::Ids(ids_of(n))));
}

/// The top of a collection is read as serde reads it: its fields in any
/// order, `$schema` once, nothing else, nothing after it.
#[test]
fn the_top_of_a_collection_is_read_as_serde_reads_it() {
    let list = r#"[{"id": "A", "municipality": "M", "area": {"name": "a"}, "summary": "s", "funding": {"requested_eur": 1}}]"#;
    let clean = |t: &str| match in_place_and_skimmed(t, 1) {
        (InPlace::Read { format, dossiers }, skimmed) => {
            assert_eq!(skimmed.is_some(), format == "gremium.dossiers/1", "{t}");
            Some((format, dossiers))
        }
        (InPlace::NotClean, skimmed) => {
            assert_eq!(skimmed, None, "{t}");
            None
        }
        (InPlace::Guessed, _) => panic!("one piece guesses nothing: {t}"),
    };
    let f = r#""format": "gremium.dossiers/1""#;
    let read = Some(("gremium.dossiers/1".to_string(), vec!["A".to_string()]));
    assert_eq!(clean(&format!("{{{f}, \"dossiers\": {list}}}")), read);
    assert_eq!(clean(&format!(" \n{{ \"dossiers\" : {list} ,\t{f} }}\r\n")), read);
    assert_eq!(clean(&format!("{{\"$schema\": 5, {f}, \"dossiers\": {list}}}")), read);
    assert_eq!(clean(&format!("{{\"\\u0024schema\": {{}}, {f}, \"dossiers\": {list}}}")), read);
    assert_eq!(
        clean(&format!("{{{f}, \"dossiers\": []}}")),
        Some(("gremium.dossiers/1".to_string(), vec![]))
    );
    for bad in [
        format!("{{\"$schema\": 1, \"$schema\": 2, {f}, \"dossiers\": {list}}}"),
        format!("{{{f}, {f}, \"dossiers\": {list}}}"),
        format!("{{{f}, \"dossiers\": {list}, \"dossiers\": {list}}}"),
        format!("{{{f}, \"dossiers\": {list}, \"other\": 1}}"),
        format!("{{{f}, \"dossiers\": {list},}}"),
        format!("{{{f}, \"dossiers\": {list}}} x"),
        format!("{{{f}, \"dossiers\": {list}}}}}"),
        format!("{{{f}, \"dossiers\": [{{}}, ]}}"),
        format!("{{{f}, \"dossiers\": [1]}}"),
        format!("{{{f}, \"dossiers\": null}}"),
        format!("{{{f}}}"),
        format!("{{\"dossiers\": {list}}}"),
        format!("{{\"format\": 1, \"dossiers\": {list}}}"),
        format!("\u{feff}{{{f}, \"dossiers\": {list}}}"),
        format!("[{{{f}, \"dossiers\": {list}}}]"),
        format!("{{{f} \"dossiers\": {list}}}"),
        String::new(),
    ] {
        assert_eq!(clean(&bad), None, "{bad}");
    }
}

/// The in-place reading of `text` in `pieces` gives what the skim gives,
/// or says it guessed wrong.
fn agrees_with_the_skim(text: &str, pieces: usize) -> Result<(), TestCaseError> {
    let (read, skimmed) = in_place_and_skimmed(text, pieces);
    match read {
        InPlace::Read { format, dossiers } if format == "gremium.dossiers/1" => {
            prop_assert_eq!(skimmed, Some(Read::Ids(dossiers)));
        }
        InPlace::Read { .. } | InPlace::NotClean => prop_assert_eq!(skimmed, None),
        InPlace::Guessed => {}
    }
    Ok(())
}

proptest! {
    /// Any edit of a collection — bytes put in, taken out or changed, the
    /// kinds that make or break a dossier's start among them — reads in
    /// place as the skim reads it, cut into any number of pieces: the same
    /// dossiers, or not clean, or skimmed after a wrong guess.
    #[test]
    fn reading_in_place_agrees_with_the_skim(
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec![
                "", "}", ",", "{", "\n    {", "},\n    {", " ", "\n", "\"", "\\", "]", "[",
            ]), 0usize..3),
            1..4,
        ),
        pieces in 1usize..24,
    ) {
        let mut text = sample_collection(12_000).into_bytes();
        for (at, insert, remove) in edits {
            let at = at.index(text.len());
            let end = (at + remove).min(text.len());
            text.splice(at..end, insert.bytes());
        }
        let Ok(text) = String::from_utf8(text) else { return Ok(()) };
        agrees_with_the_skim(&text, pieces)?;
    }
}

/// A file that ends inside the list, at any place, is not clean, cut into
/// any number of pieces: never a panic.
#[test]
fn a_list_cut_short_is_not_clean() {
    let text = sample_collection(2_000);
    let list = text.find('[').unwrap_or(0);
    for end in (list..text.len() - 1).filter(|e| text.is_char_boundary(*e)) {
        for pieces in [1, 2, 5] {
            let (read, skimmed) = in_place_and_skimmed(&text[..end], pieces);
            assert_eq!(skimmed, None, "{end}");
            assert!(matches!(read, InPlace::NotClean | InPlace::Guessed), "{end} bytes, {pieces} pieces");
        }
    }
    assert_eq!(in_place_and_skimmed("{\"dossiers\": [\n    ", 4).0, InPlace::NotClean);
}

proptest! {
    /// Text made of JSON's pieces in any order, cut into any number of
    /// pieces, never panics, and reads in place only as the skim reads it.
    #[test]
    fn any_text_reads_in_place_as_the_skim_reads_it_or_not_at_all(
        tokens in prop::collection::vec(prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\n", "\n    ", " ", "\"format\"", "\"gremium.dossiers/1\"",
            "\"dossiers\"", "\"$schema\"", "\"id\"", "\"D-1\"", "1", "null", "\"", "\\", "é",
        ]), 0..60),
        pieces in 1usize..8,
    ) {
        let text: String = tokens.concat();
        agrees_with_the_skim(&text, pieces)?;
    }
}
