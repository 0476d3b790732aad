//! `gremium keygen --member` and `gremium import-ballots` on the real binary,
//! on the 1–10 half-point session of tests/fixtures/apply (copied, so that
//! the test can list a member's key in it): a signed ballot and an unsigned
//! one imported, a conflicted dossier left out and named, a ballot altered
//! by one byte refused, a second ballot refused without --replace, and the
//! minutes listing the ballots.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gremium::domain::{BallotRemark, BallotScore};
use gremium::export::ballot::{self, BallotFile, BallotInputs, BallotMember};

/// 26.11.2026 07:55 UTC (times without a record offset are UTC here).
const OPENED: &str = "1795679700";

fn gremium(tmp: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gremium").expect("binary");
    cmd.env("GREMIUM_CONFIG", tmp.join("config"))
        .env("GREMIUM_DATA", tmp.join("data"))
        .env("SOURCE_DATE_EPOCH", OPENED);
    cmd
}

fn run(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().clone();
    String::from_utf8(out.stdout).expect("utf-8") + &String::from_utf8(out.stderr).expect("utf-8")
}

/// The fixture's session folder, copied; `key` becomes arch's public key.
fn session(tmp: &Path, key: Option<&str>) -> PathBuf {
    let dir = tmp.join("session");
    fs::create_dir_all(&dir).expect("dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apply");
    fs::copy(fixture.join("dossiers.json"), dir.join("dossiers.json")).expect("copy");
    let mut text = fs::read_to_string(fixture.join("session.json")).expect("session");
    if let Some(k) = key {
        text = text.replacen(
            "\"name\": \"S. Brandner\",",
            &format!("\"name\": \"S. Brandner\", \"public_key\": {},", serde_json::json!(k)),
            1,
        );
    }
    text = text.replacen(
        "\"conflicts\": [],",
        "\"conflicts\": [{\"member\": \"wiss\", \"dossier\": \"HOG-SUED\"}],",
        1,
    );
    fs::write(dir.join("session.json"), text).expect("write");
    dir
}

fn ballot_of(member: &str, name: &str, dir: &Path, scores: &[(&str, &str, f64)]) -> BallotFile {
    let inputs =
        gremium::record::inputs_digest(&gremium::load::FsSource, &dir.join("session.json")).expect("digest");
    BallotFile {
        schema: None,
        format: ballot::BALLOT_FORMAT.into(),
        session_id: "jury-stadtteilpreis".into(),
        inputs: BallotInputs::from(&inputs),
        member: BallotMember { id: member.into(), name: name.into() },
        written_at: "2026-11-20T18:00:00+01:00".parse().expect("time"),
        scores: scores
            .iter()
            .map(|(d, c, v)| BallotScore { dossier: (*d).into(), criterion: (*c).into(), value: *v })
            .collect(),
        remarks: vec![BallotRemark { dossier: "KS-NORD".into(), text: "Nachfrage zum Kostenplan".into() }],
        signature: None,
    }
}

#[test]
fn ballots_are_checked_imported_and_listed_in_the_minutes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // arch makes a ballot key; the secretariat lists it in the session.
    let out = run(gremium(tmp.path()).args(["keygen", "--member", "arch"]), 0);
    assert!(out.starts_with("Ballot signing key (private, keep it so): "), "{out}");
    let public = tmp.path().join("config/keys/members/arch/signing.pub");
    let pem = fs::read_to_string(&public).expect("public key");
    let dir = session(tmp.path(), Some(&pem));
    let key = gremium::export::keys::load_signing_key(&tmp.path().join("config/keys/members/arch"))
        .expect("key")
        .expect("there");

    let mut arch =
        ballot_of("arch", "S. Brandner", &dir, &[("KS-NORD", "need", 8.5), ("KS-NORD", "concept", 7.0)]);
    ballot::sign(&mut arch, &key).expect("sign");
    let arch_file = tmp.path().join("ballot-arch.json");
    fs::write(&arch_file, ballot::ballot_bytes(&arch).expect("bytes")).expect("write");

    // The same ballot with one byte changed: 8.5 → 9.5.
    let altered = tmp.path().join("altered").join("ballot-arch.json");
    fs::create_dir_all(altered.parent().expect("parent")).expect("dir");
    let text = fs::read_to_string(&arch_file).expect("read").replacen("8.5", "9.5", 1);
    fs::write(&altered, text).expect("write");

    // wiss, unsigned (no key listed): HOG-SUED is left out (conflict).
    let wiss =
        ballot_of("wiss", "Prof. R. Adebayo", &dir, &[("KS-NORD", "need", 9.0), ("HOG-SUED", "need", 4.0)]);
    let wiss_file = tmp.path().join("ballot-wiss.json");
    fs::write(&wiss_file, ballot::ballot_bytes(&wiss).expect("bytes")).expect("write");

    // arch's ballot unsigned: refused, the session lists arch's key.
    let unsigned_file = tmp.path().join("unsigned").join("ballot-arch.json");
    fs::create_dir_all(unsigned_file.parent().expect("parent")).expect("dir");
    let unsigned = ballot_of("arch", "S. Brandner", &dir, &[("KS-NORD", "need", 8.5)]);
    fs::write(&unsigned_file, ballot::ballot_bytes(&unsigned).expect("bytes")).expect("write");

    let out = run(
        gremium(tmp.path()).arg("import-ballots").arg(&dir).args([
            &altered,
            &unsigned_file,
            &arch_file,
            &wiss_file,
        ]),
        1,
    );
    let fp = gremium::export::fingerprint(&key.verifying_key());
    let lines: Vec<&str> = out.lines().collect();
    let shown = |p: &Path| p.display().to_string();
    assert_eq!(
        lines[..4],
        [
            format!(
                "{}: refused: signature invalid: the ballot was changed after signing, or the signature is not by this key",
                shown(&altered)
            ),
            format!(
                "{}: refused: not signed, but the session lists a public key for \"arch\": a ballot of theirs must be signed",
                shown(&unsigned_file)
            ),
            format!("{}: imported 2 scores of S. Brandner (signed by key {fp})", shown(&arch_file)),
            format!(
                "{}: imported 1 score of Prof. R. Adebayo (not signed); not taken: HOG-SUED (conflict of interest)",
                shown(&wiss_file)
            ),
        ],
        "{out}"
    );
    assert!(lines[4].starts_with("2 ballots imported into "), "{out}");
    assert!(lines[4].ends_with("record.jsonl; 2 refused"), "{out}");

    // A second import of arch's ballot needs --replace.
    let again = run(gremium(tmp.path()).arg("import-ballots").arg(&dir).arg(&arch_file), 1);
    assert!(
        again.starts_with(&format!(
            "{}: refused: ein Stimmzettel von S. Brandner ist bereits übernommen (Protokollzeile ",
            shown(&arch_file)
        )),
        "{again}"
    );
    let replaced =
        run(gremium(tmp.path()).arg("import-ballots").arg(&dir).arg(&arch_file).arg("--replace"), 0);
    assert!(replaced.contains("imported 2 scores of S. Brandner (signed by key "), "{replaced}");
    assert!(replaced.contains(", replacing the earlier ballot"), "{replaced}");

    // The minutes list both ballots with digest and signer.
    let export = tmp.path().join("export");
    run(gremium(tmp.path()).arg("export").arg(&dir).arg("--out").arg(&export), 0);
    let minutes = fs::read_to_string(export.join("minutes.md")).expect("minutes");
    let sha = gremium::export::sha256_hex(&fs::read(&arch_file).expect("read"));
    assert!(minutes.contains("## Stimmzettel"), "{minutes}");
    assert!(
        minutes.contains(&format!("| S. Brandner | 07:55 Uhr | ballot-arch.json ({sha}) | {fp} | 2 | — |")),
        "{minutes}"
    );
    assert!(minutes.contains("| Prof. R. Adebayo | 07:55 Uhr | ballot-wiss.json ("), "{minutes}");
    assert!(
        minutes.contains(&format!(
            "| S. Brandner | 07:55 Uhr, ersetzt den Stimmzettel von 07:55 Uhr | ballot-arch.json ({sha}) | {fp} | 2 | — |"
        )),
        "{minutes}"
    );
    assert!(minutes.contains("| nicht signiert | 1 | HOG-SUED (befangen) |"), "{minutes}");

    // results.json lists the ballots; the KS-NORD round is blind, so its
    // scores (and their mark) appear only once revealed.
    let results: serde_json::Value =
        serde_json::from_slice(&fs::read(export.join("results.json")).expect("results")).expect("json");
    let ballots = results["ballots"].as_array().expect("ballots");
    assert_eq!(ballots.len(), 3, "the replaced one too");
    assert_eq!(ballots[1]["member"], "wiss");
    assert_eq!(ballots[1]["refused"], serde_json::json!([{"dossier": "HOG-SUED", "reason": "conflict"}]));
    assert_eq!(ballots[2]["signer"], serde_json::json!(fp));
    assert_eq!(ballots[2]["replaces"], ballots[0]["at"]);
    assert_eq!(
        ballots[0]["remarks"],
        serde_json::json!([{"dossier": "KS-NORD", "text": "Nachfrage zum Kostenplan"}])
    );

    // The room: arch present, wiss absent; KS-NORD revealed. arch's ballot
    // scores count and are marked; wiss's do not count.
    let commands = tmp.path().join("room.jsonl");
    fs::write(
        &commands,
        "{\"format\": \"gremium.commands/1\"}\n\
         {\"command\": \"confirm_duly_invited\", \"at\": \"2026-11-26T09:00:00+01:00\"}\n\
         {\"command\": \"mark_present\", \"member\": \"vors\", \"at\": \"2026-11-26T09:00:00+01:00\"}\n\
         {\"command\": \"mark_present\", \"member\": \"stv\", \"at\": \"2026-11-26T09:00:00+01:00\"}\n\
         {\"command\": \"mark_present\", \"member\": \"arch\", \"at\": \"2026-11-26T09:00:00+01:00\"}\n\
         {\"command\": \"reveal_scores\", \"dossier\": \"KS-NORD\", \"at\": \"2026-11-26T09:10:00+01:00\"}\n",
    )
    .expect("commands");
    run(gremium(tmp.path()).arg("apply").arg(&dir).arg(&commands), 0);
    let export = tmp.path().join("export-2");
    run(gremium(tmp.path()).arg("export").arg(&dir).arg("--out").arg(&export), 0);
    let results: serde_json::Value =
        serde_json::from_slice(&fs::read(export.join("results.json")).expect("results")).expect("json");
    let ks = results["dossiers"]
        .as_array()
        .expect("dossiers")
        .iter()
        .find(|d| d["id"] == "KS-NORD")
        .expect("KS-NORD");
    assert_eq!(
        ks["rounds"][0]["scores"],
        serde_json::json!([
            {"member": "arch", "criterion": "need", "value": 8.5, "from_ballot": true},
            {"member": "arch", "criterion": "concept", "value": 7.0, "from_ballot": true}
        ]),
        "wiss is absent: the ballot's 9 does not count"
    );
}

/// A member fills a review record with review commands, writes the ballot
/// with `gremium ballot` (signed with the member's key; the private note
/// stays out), and the chair imports it.
#[test]
fn a_review_record_becomes_a_signed_ballot_the_chair_imports() {
    let tmp = tempfile::tempdir().expect("tempdir");
    run(gremium(tmp.path()).args(["keygen", "--member", "arch"]), 0);
    let pem =
        fs::read_to_string(tmp.path().join("config/keys/members/arch/signing.pub")).expect("public key");
    let dir = session(tmp.path(), Some(&pem));
    let review = tmp.path().join("review.jsonl");
    fs::write(
        &review,
        "{\"format\": \"gremium.commands/1\"}\n\
         {\"command\": \"start_review\", \"member\": \"arch\", \"at\": \"2026-11-20T18:00:00+01:00\"}\n\
         {\"command\": \"review_score\", \"dossier\": \"KS-NORD\", \"criterion\": \"need\", \"value\": 8.5, \"at\": \"2026-11-20T18:05:00+01:00\"}\n\
         {\"command\": \"review_score\", \"dossier\": \"KS-NORD\", \"criterion\": \"concept\", \"value\": 7.0, \"at\": \"2026-11-20T18:06:00+01:00\"}\n\
         {\"command\": \"review_note\", \"dossier\": \"KS-NORD\", \"text\": \"privat: Ortstermin\", \"at\": \"2026-11-20T18:07:00+01:00\"}\n\
         {\"command\": \"review_note\", \"dossier\": \"KS-NORD\", \"text\": \"Kostenplan nachfragen\", \"shared\": true, \"at\": \"2026-11-20T18:08:00+01:00\"}\n\
         {\"command\": \"confirm_duly_invited\", \"at\": \"2026-11-20T18:09:00+01:00\"}\n",
    )
    .expect("review commands");
    let reviews = tmp.path().join("data/reviews/jury-stadtteilpreis/arch");
    let out = run(gremium(tmp.path()).arg("apply").arg(&dir).arg(&review).arg("--record").arg(&reviews), 1);
    assert!(
        out.contains(":7: dies ist das Durchsichtsprotokoll eines Mitglieds: es nimmt nur dessen Bewertungen und Notizen auf"),
        "{out}"
    );

    let ballot_file = tmp.path().join("ballot-arch.json");
    let out = run(
        gremium(tmp.path()).arg("ballot").arg(&dir).args(["--member", "arch", "--out"]).arg(&ballot_file),
        0,
    );
    let key = gremium::export::keys::load_signing_key(&tmp.path().join("config/keys/members/arch"))
        .expect("key")
        .expect("there");
    let fp = gremium::export::fingerprint(&key.verifying_key());
    assert_eq!(
        out,
        format!("Ballot written: {} (2 scores, 1 remarks; signed with key {fp})\n", ballot_file.display())
    );
    let text = fs::read_to_string(&ballot_file).expect("ballot");
    assert!(!text.contains("Ortstermin"), "private notes never leave the record: {text}");
    assert!(text.contains("\"text\": \"Kostenplan nachfragen\""), "{text}");

    let out = run(gremium(tmp.path()).arg("import-ballots").arg(&dir).arg(&ballot_file), 0);
    assert!(
        out.starts_with(&format!(
            "{}: imported 2 scores of S. Brandner (signed by key {fp})\n",
            ballot_file.display()
        )),
        "{out}"
    );

    // The session: arch, vors, stv and quart present (wiss absent); the
    // three score KS-NORD in the room, the round is revealed. By hand,
    // medians: need {8.5, 7, 8, 6} → 7.5, concept {7, 6, 8, 5.5} → 6.5;
    // weighted (60 · 7.5 + 40 · 6.5) / 100 = 7.1.
    let room = tmp.path().join("room.jsonl");
    let mut text = String::from("{\"format\": \"gremium.commands/1\"}\n");
    text.push_str("{\"command\": \"confirm_duly_invited\", \"at\": \"2026-11-26T09:00:00+01:00\"}\n");
    for m in ["vors", "stv", "arch", "quart"] {
        text.push_str(&format!(
            "{{\"command\": \"mark_present\", \"member\": \"{m}\", \"at\": \"2026-11-26T09:00:00+01:00\"}}\n"
        ));
    }
    for (m, need, concept) in [("vors", 7.0, 6.0), ("stv", 8.0, 8.0), ("quart", 6.0, 5.5)] {
        for (c, v) in [("need", need), ("concept", concept)] {
            text.push_str(&format!(
                "{{\"command\": \"enter_score\", \"dossier\": \"KS-NORD\", \"member\": \"{m}\", \"criterion\": \"{c}\", \"value\": {v:?}, \"at\": \"2026-11-26T09:05:00+01:00\"}}\n"
            ));
        }
    }
    text.push_str(
        "{\"command\": \"reveal_scores\", \"dossier\": \"KS-NORD\", \"at\": \"2026-11-26T09:10:00+01:00\"}\n",
    );
    fs::write(&room, text).expect("room");
    run(gremium(tmp.path()).arg("apply").arg(&dir).arg(&room), 0);
    let export = tmp.path().join("export");
    run(gremium(tmp.path()).arg("export").arg(&dir).arg("--out").arg(&export), 0);
    let results: serde_json::Value =
        serde_json::from_slice(&fs::read(export.join("results.json")).expect("results")).expect("json");
    let ks = results["dossiers"]
        .as_array()
        .expect("dossiers")
        .iter()
        .find(|d| d["id"] == "KS-NORD")
        .expect("KS-NORD");
    assert_eq!(ks["total"], serde_json::json!(7.1));
    assert_eq!(ks["rounds"][0]["criteria"][0]["aggregate"], serde_json::json!(7.5));
    assert_eq!(ks["rounds"][0]["criteria"][1]["aggregate"], serde_json::json!(6.5));
}
