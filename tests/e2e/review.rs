//! `gremium review` in a real terminal: a member scores two dossiers of
//! the 1–10 half-point session, leaves, and `gremium ballot` writes the
//! ballot from the review record.

use crate::pty::Terminal;

#[test]
fn a_member_scores_two_dossiers_and_writes_the_ballot() {
    let home = tempfile::tempdir().expect("tempdir");
    let session = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/apply");
    let mut term = Terminal::spawn(&["review", session, "--member", "arch"], 100, 30, home.path());
    term.wait_for("Durchsicht: S. Brandner · 0/3 bewertet");
    term.send("s");
    term.wait_for("KS-NORD · Kassel – Nordstadt");
    // 8,5 is final at once; 7 could still become 7,5: Enter commits it.
    term.send("8,5");
    term.send("7\r");
    term.wait_for("Durchsicht: S. Brandner · 1/3 bewertet");
    term.send("]");
    term.wait_for("ESW-ALTSTADT · Eschwege – Altstadt");
    term.send("6\r");
    term.send("6,5");
    term.wait_for("Durchsicht: S. Brandner · 2/3 bewertet");
    term.send("q");
    assert_eq!(term.wait_exit(), 0);

    let out_file = home.path().join("ballot-arch.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gremium"))
        .args(["ballot", session, "--member", "arch", "--out"])
        .arg(&out_file)
        .env("GREMIUM_DATA", home.path().join("data"))
        .env("GREMIUM_CONFIG", home.path().join("config"))
        .output()
        .expect("ballot");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Ballot written: {} (4 scores, 0 remarks; not signed (no key: gremium keygen --member))\n",
            out_file.display()
        )
    );
    let ballot: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("ballot file")).expect("json");
    assert_eq!(
        ballot["scores"],
        serde_json::json!([
            {"dossier": "ESW-ALTSTADT", "criterion": "concept", "value": 6.5},
            {"dossier": "ESW-ALTSTADT", "criterion": "need", "value": 6.0},
            {"dossier": "KS-NORD", "criterion": "concept", "value": 7.0},
            {"dossier": "KS-NORD", "criterion": "need", "value": 8.5}
        ])
    );
}
