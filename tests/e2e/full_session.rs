//! A whole short session on the real binary: roll call, scoring, a vote en
//! bloc, sign-off and export — then `gremium verify` on what it wrote.

use std::path::Path;
use std::process::Command;

use super::pty::Terminal;

const SESSION: &str = r#"{
  "format": "gremium.session/1",
  "id": "kurz-2027",
  "title": "Kurze Sitzung",
  "date": "2026-11-26",
  "place": "Wiesbaden",
  "secretary": "C. Protokoll",
  "dossiers": ["dossiers.json"],
  "budget": { "available_eur": 1000000, "max_admissions": 1, "waiting_list": 1 },
  "criteria": [ { "id": "bedarf", "label": "Bedarf", "weight": 1 } ],
  "members": [
    { "id": "v", "name": "A. Vorsitz", "organisation": "Ministerium", "role": "chair", "voting": true },
    { "id": "m1", "name": "B. Eins", "organisation": "Verband", "role": "member", "voting": true },
    { "id": "m2", "name": "C. Zwei", "organisation": "Kammer", "role": "member", "voting": true }
  ]
}"#;

const DOSSIERS: &str = r#"{
  "format": "gremium.dossiers/1",
  "dossiers": [
    { "id": "A-1", "municipality": "Fulda", "area": { "name": "Ziehers-Süd" }, "summary": "Quartier A",
      "funding": { "requested_eur": 600000 } },
    { "id": "B-2", "municipality": "Alsfeld", "area": { "name": "Altstadt" }, "summary": "Quartier B",
      "rural": true, "funding": { "requested_eur": 500000 } }
  ]
}"#;

fn gremium(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gremium"))
        .args(args)
        .env("GREMIUM_DATA", home.join("data"))
        .env("GREMIUM_CONFIG", home.join("config"))
        .env("HOME", home)
        .output()
        .expect("run gremium")
}

#[test]
fn roll_call_scoring_vote_sign_off_export_then_verify() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("kurz");
    std::fs::create_dir(&dir).expect("session folder");
    std::fs::write(dir.join("session.json"), SESSION).expect("session");
    std::fs::write(dir.join("dossiers.json"), DOSSIERS).expect("dossiers");

    // The chair has a key: the export is signed.
    let keygen = gremium(home.path(), &["keygen"]);
    assert_eq!(keygen.status.code(), Some(0), "{}", String::from_utf8_lossy(&keygen.stderr));
    let public_key = home.path().join("config/keys/signing.pub");
    assert!(public_key.exists());

    let session = dir.join("session.json");
    let mut term = Terminal::spawn(&["open", session.to_str().expect("utf-8 path")], 100, 30, home.path());
    term.wait_for("Als Nächstes");

    // Roll call.
    term.send("p");
    term.wait_for("0 von 3 Mitgliedern anwesend");
    term.send("I");
    term.wait_for("Bitte bestätigen");
    term.send("y");
    term.wait_for("✓ ordnungsgemäße Ladung bestätigt");
    term.send("\r\r\r");
    term.wait_for("✓ beschlussfähig 3/3 (mind. 3)");

    // Both items called up and scored; each reveals itself when complete.
    term.send("a");
    term.wait_for("2 von 2 Dossiers");
    term.send("c");
    term.wait_for("Aktueller Punkt: A-1");
    term.send("s");
    term.wait_for("Runde 1 · verdeckt · 0 von 3 erfasst");
    term.send("443");
    term.wait_for("Gewichtete Summe: 3,67 / 4 (91,7\u{a0}%)");
    term.send("a");
    term.send("j");
    term.send("c");
    term.wait_for("Aktueller Punkt: B-2");
    term.send("s");
    term.wait_for("Runde 1 · verdeckt · 0 von 3 erfasst");
    term.send("221");
    term.wait_for("Gewichtete Summe: 1,67 / 4 (41,7\u{a0}%)");

    // The ranking: A-1 above the budget line, B-2 first on the waiting list.
    term.send("v");
    term.wait_for("Beschlüsse · 2 offen · 0 entschieden");
    term.send("E");
    term.wait_for("Abstimmung en bloc über den Vorschlag (2)");
    term.wait_for("Nachrückerliste (1): 1 B-2");
    term.send("3");
    term.wait_for("3 Ja, 0 Nein");
    term.send("\r");
    term.wait_for("Beschluss festhalten: en bloc 2 Dossiers, 3 Ja, 0 Nein – angenommen?");
    term.send("\r");
    term.wait_for("Beschlüsse · 0 offen · 2 entschieden");

    // Sign-off through its confirmation, then the export.
    term.send("x");
    term.wait_for("Alle Punkte erfüllt");
    term.send("F");
    term.wait_for("Die Sitzung jetzt freigeben? Freigabe durch den Vorsitz: A. Vorsitz.");
    term.send("y");
    term.wait_for("✓ Freigegeben am");
    term.send("e");
    term.wait_for("admission-list.csv, minutes.html, minutes.md, results.json, scores.csv, SHA256SUMS");
    term.wait_for("signiert mit Schlüssel");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);

    let export = home.path().join("data/records/kurz-2027/export");
    let results = export.join("results.json");
    let verify = gremium(
        home.path(),
        &["verify", results.to_str().expect("utf-8"), "--public-key", public_key.to_str().expect("utf-8")],
    );
    let out = String::from_utf8_lossy(&verify.stdout);
    assert_eq!(verify.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&verify.stderr));
    assert!(out.contains("results.json: intact"), "{out}");
    assert!(
        out.contains("consistent: 2 dossiers; 1 admitted, 1 on the waiting list, 0 not admitted, 0 deferred"),
        "{out}"
    );

    let list = std::fs::read_to_string(export.join("admission-list.csv")).expect("admission list");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(
        lines[1],
        "freigegeben;kurz-2027;26.11.2026;1;nein;A-1;Fulda;Ziehers-Süd;;nein;3,67;600000;600000;aufgenommen;;nein;;3;0;0"
    );
    assert_eq!(
        lines[2],
        "freigegeben;kurz-2027;26.11.2026;2;nein;B-2;Alsfeld;Altstadt;;ja;1,67;500000;;Nachrückerliste;1;nein;;3;0;0"
    );

    // One changed byte in what was written is caught.
    let mut bytes = std::fs::read(&results).expect("results");
    let at = bytes.iter().position(|&b| b == b'6').expect("a digit 6");
    bytes[at] = b'7';
    std::fs::write(&results, &bytes).expect("write");
    let verify = gremium(home.path(), &["verify", results.to_str().expect("utf-8")]);
    assert_eq!(verify.status.code(), Some(1), "{}", String::from_utf8_lossy(&verify.stdout));
}
