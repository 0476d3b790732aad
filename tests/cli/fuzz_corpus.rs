//! The fuzz targets' corpora (fuzz/corpus/<target>/) and every input a
//! fuzzer ever found a problem with (fuzz/regressions/<target>/), replayed
//! through the same entry points as `cargo fuzz` runs them: no panic, and
//! nothing shown to a user quotes the input raw. CI runs no fuzzer; this
//! keeps what the fuzzers found.

use std::path::Path;

/// Every file of the target's corpus and regressions through `entry`; how
/// many there were.
fn replay(target: &str, entry: fn(&[u8]) -> String) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(files) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for file in files.flatten() {
            let bytes = std::fs::read(file.path()).unwrap();
            let shown = entry(&bytes);
            assert!(gremium::text::is_printable(&shown), "{}: {shown:?}", file.path().display());
            count += 1;
        }
    }
    count
}

#[test]
fn the_corpora_replay_without_a_panic_or_a_raw_control_character() {
    assert!(replay("input", gremium::fuzzing::input_file) >= 15);
    assert!(replay("record", gremium::fuzzing::record_file) >= 2);
    assert!(replay("results", gremium::fuzzing::results_file) >= 2);
}

#[test]
fn the_entry_points_see_what_a_user_would() {
    let shown = gremium::fuzzing::input_file(
        "{\"format\": \"gremium.session/1\", \"x\u{1b}]0;t\u{7}\": 1}".as_bytes(),
    );
    assert!(shown.contains("x␛]0;t␇"), "{shown}");
    assert!(
        gremium::fuzzing::record_file(b"garbage\n{\"v\":1}\n").contains("line 1: not a valid record line")
    );
    let cut =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/draft/results.json")).unwrap();
    assert!(gremium::fuzzing::results_file(&cut[..100]).starts_with("altered or truncated"));
}
