//! A member's ballot, `ballot-<member>.json` (`gremium.ballot/1`, PRODUCT.md
//! §11, docs/ballots.md): the scores a member gave while reviewing the
//! dossiers before the session, the remarks they share with the committee,
//! and an Ed25519 signature over the RFC 8785 canonical form when the member
//! has a key.
//!
//! [`check`] is the door of the chair's session: a ballot passes it whole or
//! not at all, with every reason it does not. What depends on the course of
//! the session (conflicts, revealed rounds, a ballot imported before) is
//! checked by the procedure when the ballot is imported.

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, FixedOffset};
use ed25519_dalek::{Signature, Signer, SigningKey};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::{canonical_bytes, sha256_hex};
use super::integrity::{SIGNATURE_ALGORITHM, SignatureBlock};
use super::keys::{PublicKey, fingerprint};
use crate::domain::{BallotRemark, BallotScore, ChangeKind, InputChange, InputFile, InputsDigest, Session};

/// `format` of a ballot.
pub const BALLOT_FORMAT: &str = "gremium.ballot/1";

/// The file name a member's ballot is written under.
pub fn file_name(member: &str) -> String {
    format!("ballot-{member}.json")
}

/// A ballot as it stands in the file. Unknown members are refused: nothing
/// may ride along that the signature covers but nobody reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gremium.ballot/1")]
pub struct BallotFile {
    /// A JSON Schema address for editors; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `gremium.ballot/1`.
    pub format: String,
    /// The session's `id`.
    pub session_id: String,
    /// The session's input files as the member had them: the import refuses
    /// a ballot written against other files and names them.
    pub inputs: BallotInputs,
    pub member: BallotMember,
    /// When the ballot was written (RFC 3339 with offset).
    pub written_at: DateTime<FixedOffset>,
    /// Every score: one per dossier and criterion.
    pub scores: Vec<BallotScore>,
    /// Remarks the member shares with the committee, by dossier. Private
    /// notes never enter a ballot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<BallotRemark>,
    /// Ed25519 over the RFC 8785 canonical form of the whole ballot with
    /// `signature.value` left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureBlock>,
}

/// The digest of the session's input files (as `gremium` computes it for
/// the record: docs/record.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotInputs {
    /// Hex SHA-256 over all files (paths and bytes, in path order).
    pub sha256: String,
    /// Each file with its own SHA-256, by path relative to the session folder.
    pub files: Vec<BallotInputFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotInputFile {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotMember {
    /// The member's id in the session.
    pub id: String,
    /// The member's name, as the session gives it.
    pub name: String,
}

impl From<&InputsDigest> for BallotInputs {
    fn from(d: &InputsDigest) -> Self {
        BallotInputs {
            sha256: d.sha256.clone(),
            files: d
                .files
                .iter()
                .map(|f| BallotInputFile { path: f.path.clone(), sha256: f.sha256.clone() })
                .collect(),
        }
    }
}

/// Why a ballot is refused. Every reason is reported, not just the first.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BallotProblem {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a gremium.ballot/1 file: {0}")]
    NotABallot(String),
    #[error("written for session {ballot:?}, this is session {session:?}")]
    OtherSession { ballot: String, session: String },
    #[error("written against other session files: {}", describe_changes(.0))]
    OtherInputs(Vec<InputChange>),
    #[error("member {0:?} is not in this session")]
    UnknownMember(String),
    #[error("member {0:?} does not vote (advisory)")]
    NotVoting(String),
    #[error("dossier {0:?} is not in this session")]
    UnknownDossier(String),
    #[error("{dossier}: criterion {criterion:?} is not in this session")]
    UnknownCriterion { dossier: String, criterion: String },
    #[error("{dossier}, {criterion}: {value} is not on the scale ({min} to {max} in steps of {step})")]
    OffScale { dossier: String, criterion: String, value: f64, min: f64, max: f64, step: f64 },
    #[error("{dossier}, {criterion}: scored twice")]
    Twice { dossier: String, criterion: String },
    #[error("not signed, but the session lists a public key for {0:?}: a ballot of theirs must be signed")]
    SignatureMissing(String),
    #[error("signature invalid: {0}")]
    BadSignature(String),
    #[error("signed with the key {signed}, but the session lists {listed} for {member:?}")]
    OtherKey { member: String, signed: String, listed: String },
}

fn describe_changes(changes: &[InputChange]) -> String {
    let words: Vec<String> = changes
        .iter()
        .map(|c| match c.change {
            ChangeKind::Modified => format!("{} differs", c.path),
            ChangeKind::Removed => format!("{} is not in this session's files", c.path),
            ChangeKind::Added => format!("{} was not in the member's files", c.path),
        })
        .collect();
    words.join("; ")
}

/// A ballot that passed [`check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedBallot {
    pub ballot: BallotFile,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    /// Fingerprint of the key that signed it; `None` when unsigned.
    pub signer: Option<String>,
}

/// Read a ballot and check everything that does not depend on the course
/// of the session: form, session, input files, member, criteria, scale,
/// signature. `inputs` is the digest of the session's files as they are now.
pub fn check(
    bytes: &[u8],
    session: &Session,
    inputs: &InputsDigest,
) -> Result<CheckedBallot, Vec<BallotProblem>> {
    let def = &session.definition;
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| vec![BallotProblem::NotJson(e.to_string())])?;
    if value.get("format").and_then(Value::as_str) != Some(BALLOT_FORMAT) {
        return Err(vec![BallotProblem::NotABallot(format!("`format` is not {BALLOT_FORMAT:?}"))]);
    }
    let ballot: BallotFile =
        serde_json::from_value(value.clone()).map_err(|e| vec![BallotProblem::NotABallot(e.to_string())])?;
    let mut problems = Vec::new();
    if ballot.session_id != def.id {
        problems
            .push(BallotProblem::OtherSession { ballot: ballot.session_id.clone(), session: def.id.clone() });
    }
    if ballot.inputs.sha256 != inputs.sha256 {
        let theirs = InputsDigest {
            sha256: ballot.inputs.sha256.clone(),
            files: ballot
                .inputs
                .files
                .iter()
                .map(|f| InputFile { path: f.path.clone(), sha256: f.sha256.clone() })
                .collect(),
        };
        let mut changes = compare(&theirs, inputs);
        if changes.is_empty() {
            // Same files listed, other overall digest: the list was edited.
            changes.push(InputChange { path: "inputs.sha256".into(), change: ChangeKind::Modified });
        }
        problems.push(BallotProblem::OtherInputs(changes));
    }
    let member = def.members.iter().find(|m| m.id == ballot.member.id);
    match member {
        None => problems.push(BallotProblem::UnknownMember(ballot.member.id.clone())),
        Some(m) if !m.is_voting() => problems.push(BallotProblem::NotVoting(m.id.clone())),
        Some(_) => {}
    }
    let mut seen = BTreeSet::new();
    let mut unknown_dossiers = BTreeSet::new();
    let scale = def.scale;
    for s in &ballot.scores {
        if session.dossier(&s.dossier).is_none() {
            if unknown_dossiers.insert(s.dossier.clone()) {
                problems.push(BallotProblem::UnknownDossier(s.dossier.clone()));
            }
            continue;
        }
        if def.criterion(&s.criterion).is_none() {
            problems.push(BallotProblem::UnknownCriterion {
                dossier: s.dossier.clone(),
                criterion: s.criterion.clone(),
            });
        } else if !scale.accepts(s.value) {
            problems.push(BallotProblem::OffScale {
                dossier: s.dossier.clone(),
                criterion: s.criterion.clone(),
                value: s.value,
                min: scale.min,
                max: scale.max,
                step: scale.step,
            });
        }
        if !seen.insert((s.dossier.clone(), s.criterion.clone())) {
            problems
                .push(BallotProblem::Twice { dossier: s.dossier.clone(), criterion: s.criterion.clone() });
        }
    }
    for r in &ballot.remarks {
        if session.dossier(&r.dossier).is_none() && unknown_dossiers.insert(r.dossier.clone()) {
            problems.push(BallotProblem::UnknownDossier(r.dossier.clone()));
        }
    }
    let listed = member.and_then(|m| m.public_key.as_deref()).map(parse_listed_key);
    let signer = match (&ballot.signature, listed) {
        (None, Some(_)) => {
            problems.push(BallotProblem::SignatureMissing(ballot.member.id.clone()));
            None
        }
        (None, None) => None,
        (Some(signature), listed) => match verify(&ballot, signature) {
            Err(why) => {
                problems.push(BallotProblem::BadSignature(why));
                None
            }
            Ok(key) => {
                if let Some(Ok(listed)) = &listed
                    && *listed != key
                {
                    problems.push(BallotProblem::OtherKey {
                        member: ballot.member.id.clone(),
                        signed: key.fingerprint(),
                        listed: listed.fingerprint(),
                    });
                }
                Some(key.fingerprint())
            }
        },
    };
    if problems.is_empty() {
        Ok(CheckedBallot { ballot, sha256: sha256_hex(bytes), signer })
    } else {
        Err(problems)
    }
}

/// A member's key as the session lists it: PEM, or `ed25519:` and base64.
pub fn parse_listed_key(text: &str) -> Result<PublicKey, super::KeyError> {
    PublicKey::parse(text.trim().strip_prefix("ed25519:").unwrap_or(text))
}

/// How the member's files differ from the session's (`theirs` → `ours`).
fn compare(theirs: &InputsDigest, ours: &InputsDigest) -> Vec<InputChange> {
    crate::record::compare_inputs(theirs, ours)
}

/// The bytes a ballot's signature is over: the canonical form of the
/// ballot with `signature.value` empty.
fn signed_message(ballot: &BallotFile) -> Result<Vec<u8>, String> {
    let mut unsigned = ballot.clone();
    if let Some(s) = unsigned.signature.as_mut() {
        s.value.clear();
    }
    let value = serde_json::to_value(&unsigned).map_err(|e| e.to_string())?;
    canonical_bytes(&value).map_err(|e| e.to_string())
}

fn verify(ballot: &BallotFile, signature: &SignatureBlock) -> Result<PublicKey, String> {
    if signature.algorithm != SIGNATURE_ALGORITHM {
        return Err(format!(
            "unknown signature algorithm {:?} (this build knows \"ed25519\")",
            signature.algorithm
        ));
    }
    let key = PublicKey::parse(&signature.public_key).map_err(|e| e.to_string())?;
    if signature.fingerprint != key.fingerprint() {
        return Err(format!("the fingerprint {:?} does not belong to the public key", signature.fingerprint));
    }
    let bytes: [u8; 64] = BASE64
        .decode(&signature.value)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the signature is not the base64 of 64 bytes")?;
    let message = signed_message(ballot)?;
    key.0.verify_strict(&message, &Signature::from_bytes(&bytes)).map_err(|_| {
        "the ballot was changed after signing, or the signature is not by this key".to_string()
    })?;
    Ok(key)
}

/// Sign `ballot` with `key` (replacing any signature).
pub fn sign(ballot: &mut BallotFile, key: &SigningKey) -> Result<(), String> {
    ballot.signature = Some(SignatureBlock {
        algorithm: SIGNATURE_ALGORITHM.into(),
        public_key: BASE64.encode(key.verifying_key().as_bytes()),
        fingerprint: fingerprint(&key.verifying_key()),
        value: String::new(),
    });
    let message = signed_message(ballot)?;
    let value = BASE64.encode(key.sign(&message).to_bytes());
    if let Some(s) = ballot.signature.as_mut() {
        s.value = value;
    }
    Ok(())
}

/// The file bytes of a ballot: two-space JSON and a final newline.
pub fn ballot_bytes(ballot: &BallotFile) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(ballot).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixture;

    fn inputs() -> InputsDigest {
        InputsDigest {
            sha256: "aa".repeat(32),
            files: vec![
                InputFile { path: "dossiers/d.json".into(), sha256: "bb".repeat(32) },
                InputFile { path: "session.json".into(), sha256: "cc".repeat(32) },
            ],
        }
    }

    fn ballot() -> BallotFile {
        BallotFile {
            schema: None,
            format: BALLOT_FORMAT.into(),
            session_id: "test-session".into(),
            inputs: BallotInputs::from(&inputs()),
            member: BallotMember { id: "m02".into(), name: "Member 2".into() },
            written_at: "2026-11-20T18:00:00+01:00".parse().unwrap(),
            scores: vec![
                BallotScore { dossier: "D0001".into(), criterion: "c0".into(), value: 3.0 },
                BallotScore { dossier: "D0001".into(), criterion: "c1".into(), value: 2.0 },
            ],
            remarks: vec![BallotRemark { dossier: "D0001".into(), text: "Kostenplan prüfen".into() }],
            signature: None,
        }
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[9; 32])
    }

    fn refusals(b: &BallotFile, session: &Session) -> Vec<String> {
        let bytes = ballot_bytes(b).unwrap();
        match check(&bytes, session, &inputs()) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_good_ballot_passes_with_its_digest() {
        let s = fixture::session(3, 4, 2);
        let bytes = ballot_bytes(&ballot()).unwrap();
        let checked = check(&bytes, &s, &inputs()).unwrap();
        assert_eq!(checked.sha256, sha256_hex(&bytes));
        assert_eq!(checked.signer, None);
        assert_eq!(checked.ballot, ballot());
    }

    #[test]
    fn each_reason_is_named() {
        let s = fixture::session(3, 4, 2);
        let with = |f: &dyn Fn(&mut BallotFile)| {
            let mut b = ballot();
            f(&mut b);
            refusals(&b, &s)
        };
        assert_eq!(
            with(&|b| b.session_id = "other".into()),
            ["written for session \"other\", this is session \"test-session\""]
        );
        assert_eq!(
            with(&|b| {
                b.inputs.sha256 = "dd".repeat(32);
                b.inputs.files[1].sha256 = "ee".repeat(32);
            }),
            ["written against other session files: session.json differs"]
        );
        assert_eq!(
            with(&|b| {
                b.inputs.sha256 = "dd".repeat(32);
                b.inputs.files.remove(0);
            }),
            ["written against other session files: dossiers/d.json was not in the member's files"]
        );
        assert_eq!(with(&|b| b.member.id = "zz".into()), ["member \"zz\" is not in this session"]);
        assert_eq!(with(&|b| b.member.id = "adv".into()), ["member \"adv\" does not vote (advisory)"]);
        assert_eq!(with(&|b| b.scores[0].dossier = "D9".into()), ["dossier \"D9\" is not in this session"]);
        assert_eq!(
            with(&|b| b.scores[0].criterion = "c9".into()),
            ["D0001: criterion \"c9\" is not in this session"]
        );
        assert_eq!(
            with(&|b| b.scores[0].value = 2.5),
            ["D0001, c0: 2.5 is not on the scale (0 to 4 in steps of 1)"]
        );
        assert_eq!(with(&|b| b.scores[1].criterion = "c0".into()), ["D0001, c0: scored twice"]);
        // Every reason at once, not just the first.
        assert_eq!(
            with(&|b| {
                b.session_id = "other".into();
                b.scores[0].value = 7.0;
            })
            .len(),
            2
        );
    }

    #[test]
    fn not_json_and_not_a_ballot() {
        let s = fixture::session(3, 4, 2);
        let err = check(b"{\"format\": ", &s, &inputs()).unwrap_err();
        assert!(matches!(&err[..], [BallotProblem::NotJson(_)]), "{err:?}");
        let err = check(b"{\"format\": \"gremium.results/1\"}", &s, &inputs()).unwrap_err();
        assert_eq!(err[0].to_string(), "not a gremium.ballot/1 file: `format` is not \"gremium.ballot/1\"");
        let mut v = serde_json::to_value(ballot()).unwrap();
        v["extra"] = serde_json::json!(1);
        let err = check(&serde_json::to_vec(&v).unwrap(), &s, &inputs()).unwrap_err();
        assert!(
            err[0].to_string().starts_with("not a gremium.ballot/1 file: unknown field `extra`"),
            "{err:?}"
        );
    }

    #[test]
    fn signatures_hold_and_one_changed_byte_is_caught() {
        let mut s = fixture::session(3, 4, 2);
        let mut b = ballot();
        sign(&mut b, &key()).unwrap();
        let bytes = ballot_bytes(&b).unwrap();
        let checked = check(&bytes, &s, &inputs()).unwrap();
        assert_eq!(checked.signer, Some(fingerprint(&key().verifying_key())));

        // 3.0 → 4.0 in the first score: a legal value, a broken signature.
        let text = String::from_utf8(bytes.clone()).unwrap().replacen("\"value\": 3.0", "\"value\": 4.0", 1);
        let err = check(text.as_bytes(), &s, &inputs()).unwrap_err();
        assert_eq!(
            err.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["signature invalid: the ballot was changed after signing, or the signature is not by this key"]
        );

        // The session lists the member's key: unsigned is refused, another
        // key is refused, the listed key passes.
        let listed = format!("ed25519:{}", BASE64.encode(key().verifying_key().as_bytes()));
        s.definition.members[2].public_key = Some(listed);
        assert_eq!(
            refusals(&ballot(), &s),
            ["not signed, but the session lists a public key for \"m02\": a ballot of theirs must be signed"]
        );
        let other = SigningKey::from_bytes(&[8; 32]);
        let mut by_other = ballot();
        sign(&mut by_other, &other).unwrap();
        assert_eq!(
            refusals(&by_other, &s),
            [format!(
                "signed with the key {}, but the session lists {} for \"m02\"",
                fingerprint(&other.verifying_key()),
                fingerprint(&key().verifying_key())
            )]
        );
        assert_eq!(refusals(&b, &s), Vec::<String>::new());
    }
}
