//! The `integrity` block of a results document: sealing (digest, companion
//! files, signature) and the checks of the block itself.
//!
//! What is signed is the canonical form (RFC 8785) of the integrity block
//! with `signature.value` left out. That block carries the document digest,
//! the record's last hash and the digests of the companion files, so one
//! signature covers all of them; signing the bare digest would leave
//! `record_last_hash` and `files` open to change.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::{CanonicalError, canonical_bytes, document_digest};
use super::keys::{PublicKey, fingerprint};

pub use super::canonical::INTEGRITY;
/// `integrity.algorithm`: SHA-256 over the RFC 8785 canonical form.
pub const DIGEST_ALGORITHM: &str = "sha256-jcs";
/// `integrity.signature.algorithm`.
pub const SIGNATURE_ALGORITHM: &str = "ed25519";

/// The block as it stands in the document. Unknown members are refused: a
/// member that nothing checks must not ride along unsigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntegrityBlock {
    /// `sha256-jcs`.
    pub algorithm: String,
    /// SHA-256 (hex) of the RFC 8785 canonical form of the document without
    /// its `integrity` member.
    pub sha256: String,
    /// SHA-256 (hex) of the last line of the session record.
    pub record_last_hash: String,
    /// SHA-256 (hex) of the other files of the export, by file name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureBlock {
    /// `ed25519`.
    pub algorithm: String,
    /// The 32 key bytes, base64.
    pub public_key: String,
    /// SHA-256 of the key bytes, hex in groups of four.
    pub fingerprint: String,
    /// The 64 signature bytes, base64. Left out of the signed message.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
}

#[derive(Debug, thiserror::Error)]
pub enum IntegrityError {
    #[error("a results document is a JSON object")]
    NotAnObject,
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    #[error("cannot encode the document: {0}")]
    Encode(String),
}

/// What goes into the block besides the digest.
#[derive(Debug, Clone, Default)]
pub struct SealWith<'a> {
    /// The last hash of the session record the results come from.
    pub record_last_hash: String,
    /// SHA-256 (hex) of the companion files of the export, by name.
    pub files: BTreeMap<String, String>,
    /// The chair's key; no signature without one.
    pub key: Option<&'a SigningKey>,
}

/// Put the integrity block into `document` (replacing any old one).
pub fn seal(mut document: Value, with: &SealWith<'_>) -> Result<Value, IntegrityError> {
    let map = document.as_object_mut().ok_or(IntegrityError::NotAnObject)?;
    map.remove(INTEGRITY);
    let sha256 = document_digest(&Value::Object(map.clone()))?;
    let mut block = IntegrityBlock {
        algorithm: DIGEST_ALGORITHM.into(),
        sha256,
        record_last_hash: with.record_last_hash.clone(),
        files: with.files.clone(),
        signature: with.key.map(|key| SignatureBlock {
            algorithm: SIGNATURE_ALGORITHM.into(),
            public_key: BASE64.encode(key.verifying_key().as_bytes()),
            fingerprint: fingerprint(&key.verifying_key()),
            value: String::new(),
        }),
    };
    if let Some(key) = with.key {
        let message = signed_message(&block)?;
        let signature = key.sign(&message);
        if let Some(s) = block.signature.as_mut() {
            s.value = BASE64.encode(signature.to_bytes());
        }
    }
    let block = serde_json::to_value(&block).map_err(|e| IntegrityError::Encode(e.to_string()))?;
    map.insert(INTEGRITY.into(), block);
    Ok(document)
}

/// The bytes the signature is over: the canonical block without `signature.value`.
pub fn signed_message(block: &IntegrityBlock) -> Result<Vec<u8>, IntegrityError> {
    let mut unsigned = block.clone();
    if let Some(s) = unsigned.signature.as_mut() {
        s.value.clear();
    }
    let value = serde_json::to_value(&unsigned).map_err(|e| IntegrityError::Encode(e.to_string()))?;
    Ok(canonical_bytes(&value)?)
}

/// The file bytes of a document: serde_json's two-space layout and a final
/// newline. `verify` expects exactly these bytes, so that a change that
/// leaves the content alone (a space, `\u00e9` for `é`) is caught too.
pub fn document_bytes(document: &Value) -> Result<Vec<u8>, IntegrityError> {
    let mut bytes = serde_json::to_vec_pretty(document).map_err(|e| IntegrityError::Encode(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// What is wrong with the block itself or its signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockProblem {
    #[error("the integrity block is malformed: {0}")]
    Malformed(String),
    #[error("unknown digest algorithm {0:?} (this build knows \"sha256-jcs\")")]
    DigestAlgorithm(String),
    #[error("`record_last_hash` is not a SHA-256 in hex: {0:?}")]
    RecordHash(String),
    #[error("`files.{0}` is not a SHA-256 in hex")]
    FileHash(String),
    #[error("unknown signature algorithm {0:?} (this build knows \"ed25519\")")]
    SignatureAlgorithm(String),
    #[error("the signature's public key is unusable: {0}")]
    PublicKey(String),
    #[error("the signature's fingerprint {stated:?} does not belong to its public key ({actual})")]
    Fingerprint { stated: String, actual: String },
    #[error(
        "bad signature: the integrity block was changed after signing, or the signature is not by this key"
    )]
    BadSignature,
}

/// Read the block and check its form.
pub fn read_block(value: &Value) -> Result<IntegrityBlock, BlockProblem> {
    let block: IntegrityBlock =
        serde_json::from_value(value.clone()).map_err(|e| BlockProblem::Malformed(e.to_string()))?;
    if block.algorithm != DIGEST_ALGORITHM {
        return Err(BlockProblem::DigestAlgorithm(block.algorithm));
    }
    if !is_sha256_hex(&block.sha256) {
        return Err(BlockProblem::Malformed(format!("`sha256` is not a SHA-256 in hex: {:?}", block.sha256)));
    }
    if !is_sha256_hex(&block.record_last_hash) {
        return Err(BlockProblem::RecordHash(block.record_last_hash));
    }
    if let Some((name, _)) = block.files.iter().find(|(_, h)| !is_sha256_hex(h)) {
        return Err(BlockProblem::FileHash(name.clone()));
    }
    Ok(block)
}

/// Check the signature of a block; answer the key that made it.
pub fn check_signature(
    block: &IntegrityBlock,
    signature: &SignatureBlock,
) -> Result<PublicKey, BlockProblem> {
    if signature.algorithm != SIGNATURE_ALGORITHM {
        return Err(BlockProblem::SignatureAlgorithm(signature.algorithm.clone()));
    }
    let key_bytes: [u8; 32] = BASE64
        .decode(&signature.public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| BlockProblem::PublicKey("not the base64 of 32 bytes".into()))?;
    let key = VerifyingKey::from_bytes(&key_bytes)
        .map(PublicKey)
        .map_err(|_| BlockProblem::PublicKey("not a point on Ed25519".into()))?;
    let actual = key.fingerprint();
    if signature.fingerprint != actual {
        return Err(BlockProblem::Fingerprint { stated: signature.fingerprint.clone(), actual });
    }
    let bytes: [u8; 64] = BASE64
        .decode(&signature.value)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(BlockProblem::BadSignature)?;
    let message = signed_message(block).map_err(|e| BlockProblem::Malformed(e.to_string()))?;
    key.0.verify_strict(&message, &Signature::from_bytes(&bytes)).map_err(|_| BlockProblem::BadSignature)?;
    Ok(key)
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
