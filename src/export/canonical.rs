//! RFC 8785 (JSON Canonicalization Scheme) and the document digest.
//!
//! The canonical form comes from `serde_json_canonicalizer` (keys sorted by
//! UTF-16 code units, ECMAScript number formatting via `ryu-js`, minimal
//! string escapes). That crate writes integers exactly as they are, while
//! RFC 8785 reads every number as an IEEE double; the two agree only for
//! integers within ±2^53 (I-JSON, RFC 7493), so larger ones are refused
//! rather than given a canonical form another implementation would not
//! reproduce.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The member of a results document that holds its integrity block: the
/// digest is taken of the document without it.
pub const INTEGRITY: &str = "integrity";

/// The largest integer an IEEE double holds exactly (2^53).
const MAX_EXACT_INTEGER: u64 = 1 << 53;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    #[error("{path}: the integer {value} is outside ±2^53 and has no portable canonical form")]
    IntegerOutOfRange { path: String, value: String },
    #[error("cannot canonicalise: {0}")]
    Encode(String),
}

/// The RFC 8785 canonical form of `value`.
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    check_integers(value, &mut String::from("$"))?;
    serde_json_canonicalizer::to_vec(value).map_err(|e| CanonicalError::Encode(e.to_string()))
}

/// The digest of a results document: SHA-256 (lowercase hex) over the
/// canonical form of the whole document with its top-level `integrity`
/// member removed. Anything that is not an object is digested as it is.
pub fn document_digest(document: &Value) -> Result<String, CanonicalError> {
    let bytes = match document {
        Value::Object(map) if map.contains_key(INTEGRITY) => {
            let mut without = map.clone();
            without.remove(INTEGRITY);
            canonical_bytes(&Value::Object(without))?
        }
        other => canonical_bytes(other)?,
    };
    Ok(sha256_hex(&bytes))
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn check_integers(value: &Value, path: &mut String) -> Result<(), CanonicalError> {
    match value {
        Value::Number(n) => {
            let too_large = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u > MAX_EXACT_INTEGER,
                (None, Some(i)) => i.unsigned_abs() > MAX_EXACT_INTEGER,
                (None, None) => false,
            };
            if too_large {
                return Err(CanonicalError::IntegerOutOfRange { path: path.clone(), value: n.to_string() });
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_integers(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                check_integers(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Null | Value::Bool(_) | Value::String(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canon(text: &str) -> String {
        let value: Value = serde_json::from_str(text).unwrap();
        String::from_utf8(canonical_bytes(&value).unwrap()).unwrap()
    }

    /// RFC 8785 §3.2.2 (the sample input and its canonical output).
    #[test]
    fn rfc_8785_sample() {
        let input = r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#;
        assert_eq!(
            canon(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    /// RFC 8785 §3.2.3: properties sorted by UTF-16 code units, so U+1F600
    /// (a surrogate pair starting D83D) sorts before U+FB33 and after U+00E9.
    #[test]
    fn rfc_8785_sorting() {
        let input = r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
        assert_eq!(canon(input), expected);
    }

    /// RFC 8785 Appendix B: IEEE 754 values and their ECMAScript form.
    #[test]
    fn rfc_8785_numbers() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992.0, "9007199254740992"),
            (9007199254740994.0, "9007199254740994"),
            (295147905179352830000.0, "295147905179352830000"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (333333333.3333332, "333333333.3333332"),
            (1e23, "1e+23"),
            (-5e-324, "-5e-324"),
            (4.5, "4.5"),
            (2.0, "2"),
        ];
        for (value, expected) in cases {
            let got = String::from_utf8(canonical_bytes(&json!(value)).unwrap()).unwrap();
            assert_eq!(got, expected, "{value:e}");
        }
    }

    #[test]
    fn integers_beyond_two_to_the_53_are_refused() {
        assert_eq!(canon("[9007199254740992, -9007199254740992]"), "[9007199254740992,-9007199254740992]");
        let big: Value = serde_json::from_str(r#"{"a": [1, {"b": 9007199254740993}]}"#).unwrap();
        assert_eq!(
            canonical_bytes(&big),
            Err(CanonicalError::IntegerOutOfRange {
                path: "$.a[1].b".into(),
                value: "9007199254740993".into()
            })
        );
    }

    #[test]
    fn digest_leaves_out_the_integrity_member_only() {
        let plain = json!({"format": "x", "b": [1, 2.5]});
        let sealed = json!({"format": "x", "b": [1, 2.5], "integrity": {"sha256": "whatever"}});
        assert_eq!(document_digest(&plain).unwrap(), document_digest(&sealed).unwrap());
        assert_eq!(
            document_digest(&plain).unwrap(),
            sha256_hex(br#"{"b":[1,2.5],"format":"x"}"#),
            "digest is over the canonical bytes"
        );
        let nested = json!({"format": "x", "b": [1, 2.5], "more": {"integrity": 1}});
        assert_ne!(document_digest(&plain).unwrap(), document_digest(&nested).unwrap());
    }
}
