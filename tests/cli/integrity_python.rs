//! The Python snippet in docs/results.md checks a signed export as the
//! document says, and refuses an altered one. Skipped (with a note) where
//! Python 3 with the `cryptography` package is not installed.

use std::process::Command;

use gremium::export::{self, sample};
use serde_json::Value;

fn snippet() -> String {
    let doc = include_str!("../../docs/results.md");
    let start = doc.find("```python\n").map(|i| i + "```python\n".len()).unwrap_or(0);
    let len = doc[start..].find("\n```").unwrap_or(0);
    doc[start..start + len].to_string()
}

fn python_with_cryptography() -> bool {
    Command::new("python3")
        .args(["-c", "import cryptography.hazmat.primitives.asymmetric.ed25519"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_documented_python_check_agrees_with_gremium() {
    let code = snippet();
    assert!(code.contains("Ed25519PublicKey"), "the snippet is found in docs/results.md");
    if !python_with_cryptography() {
        eprintln!("skipped: python3 with `cryptography` is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("check.py");
    std::fs::write(&script, &code).unwrap();
    let dir = tmp.path().join("export");
    let key = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
    let mut doc = sample::results();
    // Numbers of the kinds a results document holds, and a name that sorts
    // differently by UTF-16 than by code point.
    doc["aggregates"] =
        serde_json::json!({ "mean": 2.0, "share": 0.7125, "tiny": 0.00015, "\u{1F600}": 1, "\u{FB33}": 2 });
    export::write_sealed_export(&dir, doc, Vec::new(), sample::RECORD_LAST_HASH, Some(&key)).unwrap();
    let results = dir.join(export::RESULTS_FILE);

    let out = Command::new("python3").arg(&script).arg(&results).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("digest holds; signed by {}\n", export::fingerprint(&key.verifying_key()))
    );

    let mut altered: Value = serde_json::from_slice(&std::fs::read(&results).unwrap()).unwrap();
    altered["dossiers"][0]["requested_eur"] = serde_json::json!(1_250_001);
    std::fs::write(&results, export::document_bytes(&altered).unwrap()).unwrap();
    let out = Command::new("python3").arg(&script).arg(&results).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("AssertionError: content altered"));
}

/// The key files gremium writes are read by Python's `cryptography` (and so
/// OpenSSL) as they are: the private key gives the public key beside it.
#[test]
fn python_reads_the_key_files() {
    if !python_with_cryptography() {
        eprintln!("skipped: python3 with `cryptography` is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let files = gremium::export::keys::write_keypair(tmp.path(), &key, false).unwrap();
    let code = "import sys\n\
        from cryptography.hazmat.primitives import serialization as s\n\
        k = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)\n\
        p = s.load_pem_public_key(open(sys.argv[2], 'rb').read())\n\
        raw = lambda x: x.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw).hex()\n\
        print(raw(k.public_key()) == raw(p), raw(p))\n";
    let out =
        Command::new("python3").arg("-c").arg(code).arg(&files.private).arg(&files.public).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("True {}\n", hex::encode(key.verifying_key().as_bytes()))
    );
}
