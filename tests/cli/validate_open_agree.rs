//! `validate` and `open` take the same decisions: over mutated sessions,
//! what validate accepts opens, and what it refuses open refuses with the
//! same first problem.

use std::path::Path;

use gremium::load::{FsSource, load_session, session_file, validate_paths};
use proptest::prelude::*;

/// Replacements a hand or a tool might make in a session file.
const EDITS: &[(&str, &str)] = &[
    ("11500000", "-0"),
    ("11500000", "1.5e7"),
    ("11500000", "11500000.0"),
    ("11500000", "\"11500000\""),
    ("11500000", "null"),
    ("11500000", "9007199254740993"),
    ("\"min\": 0", "\"min\": -0"),
    ("\"max\": 4", "\"max\": 4.0"),
    ("\"step\": 1", "\"step\": 0"),
    ("\"step\": 1", "\"step\": -1"),
    ("\"weight\": 25", "\"weight\": 0"),
    ("\"weight\": 25", "\"weight\": 1e400"),
    ("\"language\": \"de\"", "\"language\": \"fr\""),
    ("\"date\": \"2026-11-26\"", "\"date\": \"2026-02-30\""),
    ("\"voting\": true", "\"voting\": 1"),
    ("\"role\": \"chair\"", "\"role\": \"Chair\""),
    ("\"majority\": \"simple\"", "\"majority\": \"two_thirds\""),
    ("\"tie\": \"chair_decides\"", "\"tie\": \"coin\""),
    ("\"max_admissions\": 10", "\"max_admissions\": -1"),
    ("\"max_admissions\": 10", "\"max_admissions\": 4294967296"),
    ("\"waiting_list\": 3", "\"waiting_list\": 3.5"),
    ("\"min_present\": 3", "\"min_present\": 0"),
    ("\"min_present_share\": 0.5", "\"min_present_share\": 1.5"),
    ("\"blind_scoring\": true", "\"blind_scoring\": \"yes\""),
    ("\"disagreement_spread\": 2", "\"disagreement_spread\": -2"),
    ("\"format\": \"gremium.session/1\"", "\"format\": \"gremium.session/2\""),
];

fn demo_with(dir: &Path, session: &str) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027");
    let target = dir.join("s");
    std::fs::create_dir_all(target.join("dossiers")).unwrap();
    for entry in std::fs::read_dir(src.join("dossiers")).unwrap().flatten() {
        std::fs::copy(entry.path(), target.join("dossiers").join(entry.file_name())).unwrap();
    }
    std::fs::write(target.join("session.json"), session).unwrap();
    target
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn what_validate_accepts_opens_and_what_it_refuses_open_refuses_alike(
        picks in prop::collection::vec(0..EDITS.len(), 1..3),
        bom in any::<bool>(),
    ) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hessen-2027/session.json");
        let mut text = std::fs::read_to_string(src).unwrap();
        for i in picks {
            let (from, to) = EDITS[i];
            text = text.replacen(from, to, 1);
        }
        if bom {
            text.insert(0, '\u{FEFF}');
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = demo_with(tmp.path(), &text);
        let report = validate_paths(&FsSource, std::slice::from_ref(&dir), false);
        let opened = load_session(&FsSource, &session_file(&dir), false);
        match (report.exit_code(), opened) {
            (0, Ok(_)) => {}
            (0, Err(e)) => prop_assert!(false, "validate accepted, open refused:\n{}\n{text}", e.report()),
            (1, Ok(_)) => prop_assert!(false, "validate refused, open loaded:\n{}", report.to_text()),
            (1, Err(e)) => {
                let first_validate = report.to_text().lines().next().unwrap_or_default().to_string();
                let report_open = e.report();
                let first_open = report_open.lines().next().unwrap_or_default();
                prop_assert_eq!(first_validate.as_str(), first_open);
            }
            (code, _) => prop_assert!(false, "validate exit {code}"),
        }
    }
}
