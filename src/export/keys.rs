//! The chair's Ed25519 signing key: generation from the operating system's
//! randomness, the key files (PKCS#8 and SubjectPublicKeyInfo PEM, RFC 8410,
//! so that OpenSSL and Python's `cryptography` read them as they are; written
//! and read by ed25519-dalek's `pkcs8`/`pem` support), and the fingerprint
//! people compare by eye.
//!
//! The keys live in `keys/` inside the config directory; the folder is kept
//! at 0700 and both files are created 0600.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::der::zeroize::Zeroizing;
use ed25519_dalek::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, KeypairBytes,
};
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::files::{private_dir, write_private_file};

/// The folder inside the config directory that holds the key files.
pub const KEYS_DIR: &str = "keys";
/// The private key (PKCS#8 PEM).
pub const PRIVATE_KEY_FILE: &str = "signing.key";
/// The public key beside it (SubjectPublicKeyInfo PEM).
pub const PUBLIC_KEY_FILE: &str = "signing.pub";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("no config directory: set GREMIUM_CONFIG")]
    NoConfigDir,
    #[error("the operating system gave no randomness: {0}")]
    Randomness(String),
    #[error(
        "{}: a signing key exists already; keep it, or replace it with `gremium keygen --force` (documents signed with the old key then no longer match the new public key)",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("{}: cannot {op}: {source}", path.display())]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: readable by others (mode {mode:04o}); make it private with `chmod 600 {}`", path.display(), path.display())]
    TooOpen { path: PathBuf, mode: u32 },
    #[error("{what}: {why}")]
    Malformed { what: String, why: String },
}

/// A public key given to `verify --public-key`, or found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(pub VerifyingKey);

impl PublicKey {
    /// Read `arg` as a key file (the PEM `gremium keygen` writes) when such a
    /// file exists, else as the key itself: PEM text, base64 of the 32 key
    /// bytes (as in the integrity block), or 64 hex digits.
    pub fn from_arg(arg: &str) -> Result<Self, KeyError> {
        let path = Path::new(arg);
        if path.is_file() {
            let text = fs::read_to_string(path).map_err(|source| KeyError::Io {
                path: path.to_path_buf(),
                op: "read",
                source,
            })?;
            return Self::parse(&text).map_err(|e| match e {
                KeyError::Malformed { why, .. } => {
                    KeyError::Malformed { what: path.display().to_string(), why }
                }
                other => other,
            });
        }
        Self::parse(arg)
    }

    /// Parse key text: SubjectPublicKeyInfo PEM, base64 or hex of 32 bytes.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        let malformed = |why: &str| KeyError::Malformed { what: "public key".into(), why: why.into() };
        if text.starts_with("-----BEGIN") {
            if !text.starts_with("-----BEGIN PUBLIC KEY-----") {
                return Err(malformed("not a PUBLIC KEY PEM block"));
            }
            return VerifyingKey::from_public_key_pem(text)
                .map(PublicKey)
                .map_err(|_| malformed("not an Ed25519 public key (RFC 8410)"));
        }
        let bytes: Vec<u8> = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|e| malformed(&e.to_string()))?
        } else {
            BASE64.decode(text).map_err(|_| malformed("neither a key file, PEM, 64 hex digits nor base64"))?
        };
        let array: [u8; 32] =
            bytes.try_into().map_err(|_| malformed("an Ed25519 public key has exactly 32 bytes"))?;
        VerifyingKey::from_bytes(&array).map(PublicKey).map_err(|_| malformed("not a point on Ed25519"))
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.0)
    }

    /// The 32 key bytes in base64, as the integrity block carries them.
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }
}

/// SHA-256 of the 32 public key bytes, lowercase hex in groups of four.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let hex = hex::encode(Sha256::digest(key.as_bytes()));
    let groups: Vec<&str> = (0..hex.len()).step_by(4).filter_map(|i| hex.get(i..i + 4)).collect();
    groups.join(" ")
}

/// A new key from the operating system's randomness (what
/// `SigningKey::generate` does, without a panic when the OS cannot deliver).
pub fn generate() -> Result<SigningKey, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Randomness(e.to_string()))?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Ok(key)
}

/// The private key as PKCS#8 v1 PEM (RFC 8410 §7, the seed alone), zeroed
/// when dropped. `SigningKey::to_pkcs8_pem` writes v2 with the public key
/// beside the seed, which OpenSSL 3 and Python's `cryptography` refuse.
pub fn private_pem(key: &SigningKey) -> Result<Zeroizing<String>, KeyError> {
    KeypairBytes { secret_key: key.to_bytes(), public_key: None }
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Malformed { what: "private key".into(), why: e.to_string() })
}

/// The public key as SubjectPublicKeyInfo PEM (RFC 8410).
pub fn public_pem(key: &VerifyingKey) -> Result<String, KeyError> {
    key.to_public_key_pem(LineEnding::LF)
        .map_err(|e| KeyError::Malformed { what: "public key".into(), why: e.to_string() })
}

/// Read a PKCS#8 PEM private key: the v1 form without the public key (what
/// gremium wrote before 0.1) and the v2 form with it, whose public key must
/// belong to the seed.
pub fn parse_private_pem(text: &str) -> Result<SigningKey, KeyError> {
    let malformed = |why: &str| KeyError::Malformed { what: "private key".into(), why: why.into() };
    let text = text.trim();
    if !text.starts_with("-----BEGIN PRIVATE KEY-----") {
        return Err(malformed("not a PRIVATE KEY PEM block"));
    }
    SigningKey::from_pkcs8_pem(text).map_err(|_| malformed("not an Ed25519 private key (PKCS#8, RFC 8410)"))
}

/// Where `write_keypair` put the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFiles {
    pub private: PathBuf,
    pub public: PathBuf,
    pub fingerprint: String,
}

/// Write `key` into `dir` (created 0700): the private key 0600, then the
/// public key 0600 beside it. An existing private key is kept unless `force`.
pub fn write_keypair(dir: &Path, key: &SigningKey, force: bool) -> Result<KeyFiles, KeyError> {
    let private = dir.join(PRIVATE_KEY_FILE);
    let public = dir.join(PUBLIC_KEY_FILE);
    if !force && fs::symlink_metadata(&private).is_ok() {
        return Err(KeyError::Exists(private));
    }
    private_dir(dir).map_err(|source| KeyError::Io {
        path: dir.to_path_buf(),
        op: "create the folder",
        source,
    })?;
    let private_text = private_pem(key)?;
    let public_text = public_pem(&key.verifying_key())?;
    for (path, text) in [(&private, private_text.as_str()), (&public, public_text.as_str())] {
        write_private_file(path, text.as_bytes()).map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            op: "write",
            source,
        })?;
    }
    Ok(KeyFiles { private, public, fingerprint: fingerprint(&key.verifying_key()) })
}

/// The chair's signing key from `dir`, `None` when there is none. A key
/// file that others can read is refused, as ssh does.
pub fn load_signing_key(dir: &Path) -> Result<Option<SigningKey>, KeyError> {
    let path = dir.join(PRIVATE_KEY_FILE);
    let io_err = |op, source| KeyError::Io { path: path.clone(), op, source };
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", e)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::TooOpen { path, mode });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = fs::read_to_string(&path).map_err(|e| io_err("read", e))?;
    parse_private_pem(&text)
        .map(Some)
        .map_err(|e| KeyError::Malformed { what: path.display().to_string(), why: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8032 §7.1, test 1: the secret and public key.
    const SEED_HEX: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC_HEX: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    fn rfc_key() -> SigningKey {
        let seed: [u8; 32] = hex::decode(SEED_HEX).unwrap().try_into().unwrap();
        SigningKey::from_bytes(&seed)
    }

    /// The RFC 8032 key as gremium wrote it before ed25519-dalek's `pem`
    /// feature did, byte for byte what it writes now: PKCS#8 v1, the seed alone.
    const PRIVATE_PEM_V1: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";

    #[test]
    fn pem_files_are_rfc_8410() {
        let key = rfc_key();
        let written = private_pem(&key).unwrap();
        assert_eq!(written.as_str(), PRIVATE_PEM_V1);
        assert_eq!(
            public_pem(&key.verifying_key()).unwrap(),
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n"
        );
        assert_eq!(parse_private_pem(&written).unwrap().to_bytes(), key.to_bytes());
    }

    #[test]
    fn key_files_written_before_the_change_still_load() {
        assert_eq!(parse_private_pem(PRIVATE_PEM_V1).unwrap().to_bytes(), rfc_key().to_bytes());
        let tmp = tempfile::tempdir().unwrap();
        write_private_file(&tmp.path().join(PRIVATE_KEY_FILE), PRIVATE_PEM_V1.as_bytes()).unwrap();
        let loaded = load_signing_key(tmp.path()).unwrap().map(|k| k.verifying_key());
        assert_eq!(loaded.map(|k| hex::encode(k.as_bytes())).as_deref(), Some(PUBLIC_HEX));
    }

    #[test]
    fn a_private_key_whose_public_half_belongs_to_another_is_refused() {
        let mut other = hex::decode(PUBLIC_HEX).unwrap();
        other[31] ^= 1;
        let der =
            [
                &BASE64
                    .decode("MFECAQEwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9ggSEA")
                    .unwrap()[..],
                &other[..],
            ]
            .concat();
        let text =
            format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", BASE64.encode(der));
        let v2 = "-----BEGIN PRIVATE KEY-----\nMFECAQEwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\ngSEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PRIVATE KEY-----\n";
        assert_eq!(parse_private_pem(v2).unwrap().to_bytes(), rfc_key().to_bytes());
        let err = parse_private_pem(&text).unwrap_err().to_string();
        assert_eq!(err, "private key: not an Ed25519 private key (PKCS#8, RFC 8410)");
        let wrong = parse_private_pem("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----").unwrap_err();
        assert_eq!(wrong.to_string(), "private key: not a PRIVATE KEY PEM block");
    }

    #[test]
    fn public_keys_parse_from_pem_base64_and_hex() {
        let key = rfc_key().verifying_key();
        let expected = PublicKey(key);
        assert_eq!(PublicKey::parse(&public_pem(&key).unwrap()).unwrap(), expected);
        assert_eq!(PublicKey::parse(PUBLIC_HEX).unwrap(), expected);
        assert_eq!(PublicKey::parse("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").unwrap(), expected);
        assert_eq!(expected.to_base64(), "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        let short = PublicKey::parse("AAAA").unwrap_err().to_string();
        assert_eq!(short, "public key: an Ed25519 public key has exactly 32 bytes");
        let junk = PublicKey::parse("not a key!").unwrap_err().to_string();
        assert_eq!(junk, "public key: neither a key file, PEM, 64 hex digits nor base64");
    }

    #[test]
    fn fingerprint_is_grouped_sha256_of_the_key_bytes() {
        let key = rfc_key().verifying_key();
        let plain = crate::export::sha256_hex(&hex::decode(PUBLIC_HEX).unwrap());
        let fp = fingerprint(&key);
        assert_eq!(fp.replace(' ', ""), plain);
        assert_eq!(fp.len(), 79);
        assert_eq!(fp.split(' ').count(), 16);
    }

    #[cfg(unix)]
    #[test]
    fn keypair_files_are_private_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("config/keys");
        let key = rfc_key();
        let files = write_keypair(&dir, &key, false).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&dir), mode(&files.private), mode(&files.public)), (0o700, 0o600, 0o600));
        assert_eq!(load_signing_key(&dir).unwrap().map(|k| k.to_bytes()), Some(key.to_bytes()));

        let other = generate().unwrap();
        assert!(matches!(write_keypair(&dir, &other, false), Err(KeyError::Exists(p)) if p == files.private));
        assert_eq!(load_signing_key(&dir).unwrap().map(|k| k.to_bytes()), Some(key.to_bytes()));
        write_keypair(&dir, &other, true).unwrap();
        assert_eq!(load_signing_key(&dir).unwrap().map(|k| k.to_bytes()), Some(other.to_bytes()));

        fs::set_permissions(&files.private, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(load_signing_key(&dir), Err(KeyError::TooOpen { mode: 0o644, .. })));
        assert!(load_signing_key(&tmp.path().join("none")).unwrap().is_none());
        let leftovers: Vec<_> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }
}
