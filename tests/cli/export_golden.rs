//! Golden files of the export of the complete demo session
//! (`tests/support/complete.rs`): every file compared byte for byte with
//! `tests/golden/<case>/`.
//!
//! After an intended change, regenerate them with
//!
//! ```sh
//! GREMIUM_BLESS=1 cargo test --test cli export_golden
//! ```
//!
//! and read the diff (`git diff tests/golden`) before committing it.

use crate::complete;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use gremium::export::{self, Dialect, ExportOptions, Exported, PublicKey};

use complete::Stage;

/// The signing key of the golden files: fixed, so that the signature is too
/// (Ed25519 signatures are deterministic).
fn golden_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn export(stage: Stage, dialect: Dialect, key: Option<&SigningKey>) -> (tempfile::TempDir, Exported) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let session = complete::demo();
    let live = complete::record_session(&session, &tmp.path().join("record"), stage);
    let options = ExportOptions {
        dialect,
        exported_at: complete::exported_at(),
        generator_version: "test".into(),
        key,
    };
    let exported = export::export_session(live.state(), &live.last_hash(), &tmp.path().join("out"), &options)
        .expect("export");
    (tmp, exported)
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let e = e.expect("entry");
            (e.file_name().into_string().expect("utf-8 name"), fs::read(e.path()).expect("read"))
        })
        .collect()
}

fn golden_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(case)
}

fn compare(case: &str, out: &Path) {
    let got = files(out);
    let dir = golden_dir(case);
    if std::env::var_os("GREMIUM_BLESS").is_some() {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create golden dir");
        for (name, bytes) in &got {
            fs::write(dir.join(name), bytes).expect("write golden file");
        }
        return;
    }
    let want = files(&dir);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "the export's files differ from {}; regenerate with GREMIUM_BLESS=1",
        dir.display()
    );
    for (name, bytes) in &got {
        if bytes != &want[name] {
            let got_text = String::from_utf8_lossy(bytes);
            let want_text = String::from_utf8_lossy(&want[name]);
            let line = got_text.lines().zip(want_text.lines()).position(|(a, b)| a != b);
            panic!(
                "{name} differs from tests/golden/{case}/{name} (first differing line: {line:?}); \
                 regenerate with GREMIUM_BLESS=1 if intended"
            );
        }
    }
}

#[test]
fn signed_off_export_matches_the_golden_files() {
    let key = golden_key();
    let (tmp, exported) = export(Stage::Amended, Dialect::ExcelDe, Some(&key));
    assert!(!exported.draft);
    assert!(exported.signed);
    compare("signed-off", &tmp.path().join("out"));
}

#[test]
fn draft_export_matches_the_golden_files() {
    let (tmp, exported) = export(Stage::Decided, Dialect::Rfc4180, None);
    assert!(exported.draft);
    assert!(!exported.signed);
    compare("draft", &tmp.path().join("out"));
}

#[test]
fn the_export_verifies_and_a_flipped_byte_does_not() {
    let key = golden_key();
    let (tmp, exported) = export(Stage::Amended, Dialect::ExcelDe, Some(&key));
    let out = tmp.path().join("out");
    let path = out.join(export::RESULTS_FILE);
    let bytes = fs::read(&path).expect("results.json");
    let expected = PublicKey(key.verifying_key());
    let report = export::verify_results(&bytes, Some(&out), Some(&expected));
    assert!(report.is_intact(), "{report:?}");
    let consistent = report
        .lines
        .iter()
        .filter_map(|l| match l {
            export::ReportLine::Holds(s) if s.starts_with("consistent") => Some(s.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>();
    assert_eq!(
        consistent,
        [
            "consistent: 21 dossiers; 9 admitted, 3 on the waiting list, 8 not admitted, 1 deferred; signed off by Dr. M. Ahrenfeld at 2026-11-26T15:00:05+01:00"
        ]
    );
    assert_eq!(exported.digest.len(), 64);

    // Every byte position of the document, flipped in turn at a stride.
    for i in (0..bytes.len()).step_by(97) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x01;
        let report = export::verify_results(&flipped, None, None);
        assert!(!report.is_intact(), "byte {i} flipped went unnoticed");
    }
}

#[test]
fn the_results_file_reads_back_into_the_model_without_loss() {
    let bytes = fs::read(golden_dir("signed-off").join(export::RESULTS_FILE)).expect("golden results.json");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    let model: export::Results = serde_json::from_value(value.clone()).expect("the model reads it");
    assert_eq!(serde_json::to_value(&model).expect("encode"), value, "every field is in the model");
}

/// The rows of a golden CSV as the `csv` crate reads them.
fn read_csv(case: &str, name: &str, delimiter: u8) -> Vec<Vec<String>> {
    let bytes = fs::read(golden_dir(case).join(name)).expect("golden csv");
    let body = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("a well-formed row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_csv_files_read_back_cell_by_cell() {
    let list = read_csv("signed-off", "admission-list.csv", b';');
    assert_eq!(list.len(), 22, "header and 21 dossiers");
    assert!(list.iter().all(|r| r.len() == 20), "a rectangle");
    assert_eq!(
        list[0],
        [
            "Status",
            "Sitzung",
            "Sitzungsdatum",
            "Rang",
            "Gleichstand",
            "Kennung",
            "Kommune",
            "Fördergebiet",
            "Regierungsbezirk",
            "Ländlicher Raum",
            "Gesamtpunktzahl",
            "Beantragt (EUR)",
            "Kumuliert (EUR)",
            "Beschluss",
            "Nachrückerplatz",
            "Abweichung vom Ranking",
            "Begründung",
            "Ja",
            "Nein",
            "Enthaltung"
        ]
    );
    assert_eq!(
        list[1],
        [
            "freigegeben",
            "sz-hessen-2027",
            "26.11.2026",
            "1",
            "ja",
            "BUED-KERNSTADT",
            "Büdingen",
            "Kernstadt West",
            "Darmstadt",
            "ja",
            "3,63",
            "780000",
            "780000",
            "aufgenommen",
            "",
            "nein",
            "",
            "7",
            "0",
            "1"
        ]
    );
    assert_eq!(
        list[9][5..14],
        [
            "DZB-NORD",
            "Dietzenbach",
            "Nördliche Stadtmitte",
            "Darmstadt",
            "nein",
            "1,89",
            "960000",
            "7740000",
            "aufgenommen"
        ]
    );
    assert_eq!(list[10][13..15], ["Nachrückerliste", "1"]);
    assert_eq!(
        list[21][5..],
        [
            "HR-ALTSTADT",
            "Homberg (Efze)",
            "Altstadt",
            "Kassel",
            "ja",
            "",
            "740000",
            "",
            "vertagt (Beschluss des Gremiums)",
            "",
            "nein",
            "Kosten- und Finanzierungsübersicht fehlt; Wiedervorlage in der nächsten Sitzung.",
            "",
            "",
            ""
        ]
    );

    let draft = read_csv("draft", "admission-list.csv", b',');
    assert_eq!(draft.len(), 22);
    assert!(draft[1..].iter().all(|r| r[0] == "ENTWURF"));
    assert_eq!(draft[1][10], "3.63", "decimal point in RFC 4180; 3.625 rounded half up");

    let scores = read_csv("signed-off", "scores.csv", b';');
    assert_eq!(
        scores[0],
        [
            "Status",
            "Sitzung",
            "Sitzungsdatum",
            "Kennung",
            "Kommune",
            "Fördergebiet",
            "Runde",
            "Zählt",
            "Kriterium",
            "Gewicht",
            "Mitglied",
            "Name",
            "Punkte",
            "Mittelwert",
            "Spannweite",
            "Dissens",
            "Gesamtpunktzahl der Runde"
        ]
    );
    assert!(scores.iter().all(|r| r.len() == 17));
    assert!(
        scores[1..].iter().all(|r| r[1] == "sz-hessen-2027" && r[2] == "26.11.2026"),
        "session on every row"
    );
    let ks: Vec<&Vec<String>> = scores.iter().filter(|r| r[3] == "KS-WESERTOR").collect();
    assert!(ks.iter().all(|r| r[4] == "Kassel" && r[5] == "Wesertor"));
    assert_eq!(ks.iter().filter(|r| r[6] == "1" && r[7] == "nein").count(), 42, "round 1: 7 members × 6");
    assert_eq!(ks.iter().filter(|r| r[6] == "2" && r[7] == "ja").count(), 42, "round 2 counts");
    let dzb = scores.iter().filter(|r| r[3] == "DZB-NORD").count();
    assert_eq!(dzb, 47, "revealed early with one score missing");
}

/// Read an HTML page as XML to the end: every element closed in order,
/// only the escapes the renderer writes. Answers the element names.
fn well_formed(page: &str) -> Vec<String> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(page);
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_string();
                elements.push(name.clone());
                open.push(name);
            }
            Ok(Event::Empty(e)) => elements.push(e.name().as_ref().to_string()),
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(open.pop(), Some(name), "closed out of order");
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.as_ref().to_string();
                assert!(["amp", "lt", "gt", "quot", "#39"].contains(&name.as_str()), "entity {name}");
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    elements
}

#[test]
fn the_minutes_html_is_well_formed() {
    for case in ["signed-off", "draft"] {
        let page = fs::read_to_string(golden_dir(case).join("minutes.html")).expect("golden minutes.html");
        let elements = well_formed(&page);
        assert_eq!(elements[..2], ["html", "head"], "{case}");
        assert!(elements.iter().any(|e| e == "table"), "{case}");
    }
}

#[test]
fn a_draft_says_so_in_every_file_and_a_signed_off_export_in_none() {
    let draft = files(&golden_dir("draft"));
    let text =
        |files: &BTreeMap<String, Vec<u8>>, name: &str| String::from_utf8_lossy(&files[name]).into_owned();
    assert!(text(&draft, "results.json").contains("\n  \"draft\": true,\n"));
    for csv in ["admission-list.csv", "scores.csv"] {
        assert!(text(&draft, csv).lines().skip(1).all(|l| l.starts_with("ENTWURF,")), "{csv}");
    }
    assert!(
        text(&draft, "minutes.md").contains("> **ENTWURF** – nicht freigegeben, Stand 26.11.2026, 16:30 Uhr")
    );
    assert!(text(&draft, "minutes.html").contains("  @top-right { content: \"ENTWURF\"; color: #a00000;"));

    let signed = files(&golden_dir("signed-off"));
    assert!(text(&signed, "results.json").contains("\n  \"draft\": false,\n"));
    for name in signed.keys() {
        assert!(!text(&signed, name).contains("ENTWURF"), "{name}");
    }
    assert!(
        text(&signed, "minutes.md")
            .contains("| 26.11.2026, 15:20 Uhr | Hinweis der Geschäftsstelle nachgetragen |")
    );
}

/// A decision that departs from the ranking is marked on its row with its
/// rationale; text that would start a formula reaches the spreadsheet as text.
#[test]
fn a_departure_from_the_ranking_is_marked_with_its_rationale() {
    let bytes = fs::read(golden_dir("signed-off").join(export::RESULTS_FILE)).expect("golden results.json");
    let mut doc: export::Results = serde_json::from_slice(&bytes).expect("the model reads it");
    let ks = doc.dossiers.iter_mut().find(|d| d.id == "KS-WESERTOR").expect("KS-WESERTOR");
    let decision = ks.decision.as_mut().expect("decided");
    decision.outcome = export::results::OutcomeName::Admitted;
    decision.departs_from_ranking = true;
    decision.rationale = Some("=HYPERLINK(\"x\") Sanierungsdruck im Quartier".into());
    doc.not_admitted.retain(|id| id != "KS-WESERTOR");
    doc.admission_list.push("KS-WESERTOR".into());
    let csv = export::admission_list_csv(&doc, export::Dialect::ExcelDe).expect("csv");
    let text = String::from_utf8(csv).expect("utf-8");
    let row = text.lines().find(|l| l.contains("KS-WESERTOR")).expect("row");
    assert_eq!(
        row,
        "freigegeben;sz-hessen-2027;26.11.2026;13;nein;KS-WESERTOR;Kassel;Wesertor;Kassel;nein;1,14;1420000;9160000;aufgenommen;;ja;\"'=HYPERLINK(\"\"x\"\") Sanierungsdruck im Quartier\";7;0;1"
    );
}
