//! The `prev` of a record line: the hex SHA-256 of the line before.
//!
//! Every line gremium writes carries 64 hex digits there; they are kept
//! inline, so reading a long record does not allocate a string per line
//! only to compare it and drop it. Anything else a file holds in that
//! place (an edited or damaged line) is kept exactly as read, so that the
//! chain check can name what it found.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Length of a SHA-256 in hex.
const HEX_LEN: usize = 64;

/// The `prev` field as read or written; derefs to the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Prev(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    /// 64 ASCII bytes (valid UTF-8 by construction).
    Inline([u8; HEX_LEN]),
    Other(Box<str>),
}

impl Prev {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // only ASCII is ever stored inline
            Repr::Inline(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
            Repr::Other(s) => s,
        }
    }
}

impl From<&str> for Prev {
    fn from(s: &str) -> Prev {
        match <[u8; HEX_LEN]>::try_from(s.as_bytes()) {
            Ok(bytes) if s.is_ascii() => Prev(Repr::Inline(bytes)),
            _ => Prev(Repr::Other(s.into())),
        }
    }
}

impl From<String> for Prev {
    fn from(s: String) -> Prev {
        if s.len() == HEX_LEN && s.is_ascii() { Prev::from(s.as_str()) } else { Prev(Repr::Other(s.into())) }
    }
}

impl Default for Prev {
    fn default() -> Prev {
        Prev(Repr::Other(Box::default()))
    }
}

impl Deref for Prev {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Prev {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Prev {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Prev> for String {
    fn eq(&self, other: &Prev) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Prev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Prev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Prev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Prev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Prev, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Prev;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Prev, E> {
                Ok(Prev::from(s))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Prev, E> {
                Ok(Prev::from(s))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_kept_inline_and_anything_else_as_read() {
        let hash = "a98a38b070e39adeb5f6a7b1f782ab47e619734b287de1cedda52daf05c4dbbe";
        for text in [hash, "", "zz", "ä".repeat(32).as_str(), &format!("{hash}0"), &hash.to_uppercase()] {
            let prev: Prev = serde_json::from_str(&serde_json::to_string(text).unwrap()).unwrap();
            assert_eq!(prev.as_str(), text);
            assert_eq!(serde_json::to_string(&prev).unwrap(), serde_json::to_string(text).unwrap());
            assert_eq!(Prev::from(text.to_string()), prev);
        }
        assert!(matches!(Prev::from(hash).0, Repr::Inline(_)));
        // 64 bytes that are not ASCII (32 umlauts) are not inline
        assert!(matches!(Prev::from("ä".repeat(32)).0, Repr::Other(_)));
        // escaped in the file, the same text
        let escaped: Prev = serde_json::from_str(r#""\u0061bc""#).unwrap();
        assert_eq!(escaped.as_str(), "abc");
        assert_eq!(format!("{escaped:?}"), r#""abc""#);
    }
}
