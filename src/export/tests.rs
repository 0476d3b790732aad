//! Sealing and verifying together: every altered byte is caught, keys are
//! told apart, companions and `SHA256SUMS` are checked.

use std::collections::BTreeMap;

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};

use super::sample::{self, RECORD_LAST_HASH};
use super::*;

fn key(byte: u8) -> SigningKey {
    SigningKey::from_bytes(&[byte; 32])
}

fn sealed_bytes(doc: Value, key: Option<&SigningKey>) -> Vec<u8> {
    let with = SealWith { record_last_hash: RECORD_LAST_HASH.into(), files: BTreeMap::new(), key };
    document_bytes(&seal(doc, &with).unwrap()).unwrap()
}

fn findings(report: &ResultsReport) -> Vec<String> {
    report.findings().map(ToString::to_string).collect()
}

fn lines(report: &ResultsReport) -> Vec<String> {
    report
        .lines
        .iter()
        .map(|l| match l {
            ReportLine::Holds(s) => format!("ok: {s}"),
            ReportLine::Finding(f) => format!("ALTERED: {f}"),
        })
        .collect()
}

#[test]
fn an_unsigned_seal_verifies_and_says_what_held() {
    let bytes = sealed_bytes(sample::results(), None);
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let digest = document_digest(&sample::results()).unwrap();
    assert_eq!(
        doc[INTEGRITY],
        json!({ "algorithm": "sha256-jcs", "sha256": digest, "record_last_hash": RECORD_LAST_HASH })
    );
    let report = verify_results(&bytes, None, None);
    assert_eq!(
        lines(&report),
        [
            format!("ok: content digest holds: sha256 {digest} (RFC 8785 canonical form)"),
            "ok: not signed (the chair had no key): integrity rests on the digest alone".to_string(),
            format!("ok: record last hash {RECORD_LAST_HASH}"),
            "ok: consistent: 5 dossiers; 2 admitted, 1 on the waiting list, 1 not admitted, 1 deferred; signed off by Dr. A. Beispiel at 2026-11-26T16:42:00+01:00".to_string(),
        ]
    );
    assert!(report.is_intact());
    assert!(looks_like_results(&bytes));
}

#[test]
fn a_signed_seal_verifies_with_its_key_and_not_with_another() {
    let chair = key(7);
    let bytes = sealed_bytes(sample::results(), Some(&chair));
    let fp = fingerprint(&chair.verifying_key());
    let report = verify_results(&bytes, None, Some(&PublicKey(chair.verifying_key())));
    assert!(report.is_intact(), "{:?}", lines(&report));
    assert_eq!(lines(&report)[1], format!("ok: signature holds, by the given key {fp}"));

    let other = PublicKey(key(8).verifying_key());
    let report = verify_results(&bytes, None, Some(&other));
    assert_eq!(
        findings(&report),
        [format!(
            "signed by another key: {fp}, not the key given with --public-key ({})",
            other.fingerprint()
        )]
    );

    let unsigned = sealed_bytes(sample::results(), None);
    let report = verify_results(&unsigned, None, Some(&other));
    assert_eq!(findings(&report), ["not signed, but --public-key asks for a signature"]);
}

#[test]
fn the_signature_covers_the_record_hash_and_the_companion_digests() {
    let chair = key(7);
    let bytes = sealed_bytes(sample::results(), Some(&chair));
    let mut doc: Value = serde_json::from_slice(&bytes).unwrap();
    doc[INTEGRITY]["record_last_hash"] = json!("0".repeat(64));
    let report = verify_results(&document_bytes(&doc).unwrap(), None, None);
    assert_eq!(
        findings(&report),
        [
            "altered: bad signature: the integrity block was changed after signing, or the signature is not by this key"
        ]
    );

    // Re-signing with another key is caught by --public-key, not by the digest.
    let forger = key(9);
    let mut doc: Value = serde_json::from_slice(&bytes).unwrap();
    doc["admission_list"] = json!(["DA-NORD"]);
    let forged = sealed_bytes(doc, Some(&forger));
    let report = verify_results(&forged, None, Some(&PublicKey(chair.verifying_key())));
    let found = findings(&report);
    assert!(found[0].starts_with("signed by another key: "), "{found:?}");
    assert_eq!(
        found[1],
        "inconsistent: $.admission_list: KS-WESERTOR has decision admitted, but is not listed here"
    );
}

/// Every single byte of a signed document, changed in three ways, is caught,
/// and the file is still taken for a results document (so `verify` exits 1).
#[test]
fn every_changed_byte_is_caught() {
    let chair = key(3);
    let bytes = sealed_bytes(sample::results(), Some(&chair));
    assert!(verify_results(&bytes, None, None).is_intact());
    for pattern in [0x01u8, 0x20, 0xFF] {
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= pattern;
            let report = verify_results(&changed, None, None);
            assert!(!report.is_intact(), "byte {i} ({:?}) ^ {pattern:#04x} passed", char::from(bytes[i]));
            assert!(looks_like_results(&changed), "byte {i} ^ {pattern:#04x}: no longer taken for results");
        }
    }
}

#[test]
fn a_change_that_keeps_the_content_is_still_caught() {
    let bytes = sealed_bytes(sample::results(), None);
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let compact = serde_json::to_vec(&doc).unwrap();
    assert_eq!(
        findings(&verify_results(&compact, None, None)),
        [
            "altered: the content matches its digest, but the bytes are not the ones gremium wrote (spaces, line breaks, escapes or member order were changed)"
        ]
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\\u001b"), "the sample has an escape");
    let upper = text.replace("\\u001b", "\\u001B");
    assert_eq!(findings(&verify_results(upper.as_bytes(), None, None)).len(), 1);
}

#[test]
fn broken_json_missing_block_and_wrong_format() {
    let bytes = sealed_bytes(sample::results(), None);
    let cut = &bytes[..bytes.len() - 3];
    let report = verify_results(cut, None, None);
    assert_eq!(
        findings(&report),
        [
            "altered or truncated: not complete JSON any more (EOF while parsing an object at line 88 column 3)"
        ]
    );

    let mut doc = sample::results();
    doc["format"] = json!("gremium.results/2");
    let report = verify_results(&document_bytes(&doc).unwrap(), None, None);
    assert_eq!(
        findings(&report),
        [
            "altered: `format` is \"gremium.results/2\", not \"gremium.results/1\"",
            "no integrity block: not sealed by gremium, or the block was removed",
            "inconsistent: $.format: expected \"gremium.results/1\"",
        ]
    );

    let mut doc: Value = serde_json::from_slice(&bytes).unwrap();
    doc[INTEGRITY]["note"] = json!("trust me");
    let report = verify_results(&document_bytes(&doc).unwrap(), None, None);
    let found = findings(&report);
    assert!(
        found[0].starts_with("altered: the integrity block is malformed: unknown field `note`"),
        "{found:?}"
    );
}

#[test]
fn integers_outside_double_precision_cannot_be_sealed() {
    let mut doc = sample::results();
    doc["admission_eur"] = json!(9_007_199_254_740_993_u64);
    let with = SealWith { record_last_hash: RECORD_LAST_HASH.into(), ..SealWith::default() };
    let err = seal(doc, &with).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.admission_eur: the integer 9007199254740993 is outside ±2^53 and has no portable canonical form"
    );
}

#[test]
fn exported_folder_verifies_and_names_an_altered_companion() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("export");
    let chair = key(5);
    let companions = vec![
        ("admission-list.csv".to_string(), b"\xEF\xBB\xBFRang;Kommune\r\n1;Darmstadt\r\n".to_vec()),
        ("minutes.md".to_string(), "# Niederschrift\n".as_bytes().to_vec()),
    ];
    let written =
        write_sealed_export(&dir, sample::results(), companions, RECORD_LAST_HASH, Some(&chair)).unwrap();
    assert_eq!(
        written.digests.keys().collect::<Vec<_>>(),
        ["admission-list.csv", "minutes.md", "results.json"]
    );

    let results = std::fs::read(dir.join(RESULTS_FILE)).unwrap();
    let report = verify_results(&results, Some(&dir), Some(&PublicKey(chair.verifying_key())));
    let all = lines(&report);
    assert!(report.is_intact(), "{all:?}");
    assert_eq!(
        all[3..],
        [
            "ok: admission-list.csv: matches the seal",
            "ok: minutes.md: matches the seal",
            all[5].as_str(),
            "ok: SHA256SUMS: 3 files match",
        ]
    );

    std::fs::write(dir.join("minutes.md"), "# Niederschrift (geändert)\n").unwrap();
    let report = verify_results(&results, Some(&dir), None);
    assert_eq!(
        findings(&report),
        [
            "minutes.md: altered: its SHA-256 differs from the one in the integrity block",
            "minutes.md: altered: its SHA-256 differs from SHA256SUMS",
        ]
    );
}
