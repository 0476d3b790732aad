//! The spanned JSON tree: a flat pre-order array of nodes over the file's
//! text, so that every value and key keeps its byte span and no value needs a
//! heap allocation of its own.

use std::borrow::Cow;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    /// An object member's key; the member's value is the next node.
    Key,
    Array,
    Object,
}

/// One value or key. Containers are followed by their children; `next` is
/// the index just past the node's subtree (for a key: past its value).
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub kind: Kind,
    /// Strings and keys: the raw text contains a backslash escape.
    pub escaped: bool,
    pub start: u32,
    pub end: u32,
    pub next: u32,
}

/// A parsed document: the text and its nodes; node 0 is the root.
pub struct Doc<'a> {
    pub text: &'a str,
    pub nodes: Vec<Node>,
}

/// One step of a JSON path.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Index of the key node.
    Key(usize),
    Index(usize),
}

impl<'a> Doc<'a> {
    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    pub fn kind(&self, i: usize) -> Kind {
        self.nodes[i].kind
    }

    /// The raw source text of a node.
    pub fn raw(&self, i: usize) -> &'a str {
        let n = &self.nodes[i];
        self.text.get(n.start as usize..n.end as usize).unwrap_or("")
    }

    /// The decoded value of a string or key node.
    pub fn str(&self, i: usize) -> Cow<'a, str> {
        key_text(self.text, &self.nodes[i])
    }

    /// The children of an array, or the (key, value) node pairs of an object
    /// as key indices (the value is `key + 1`).
    pub fn children(&self, i: usize) -> Children<'_, 'a> {
        let n = &self.nodes[i];
        let end = if matches!(n.kind, Kind::Array | Kind::Object) { n.next as usize } else { i + 1 };
        Children { doc: self, at: i + 1, end }
    }

    /// `(key node, value node)` for each member of an object.
    pub fn members(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.children(i).map(|k| (k, k + 1))
    }

    /// The value of member `name` of object `i`.
    pub fn get(&self, i: usize, name: &str) -> Option<usize> {
        if self.kind(i) != Kind::Object {
            return None;
        }
        self.members(i).find(|&(k, _)| self.str(k) == name).map(|(_, v)| v)
    }

    pub fn as_str(&self, i: usize) -> Option<Cow<'a, str>> {
        (self.kind(i) == Kind::String).then(|| self.str(i))
    }
}

pub struct Children<'d, 'a> {
    doc: &'d Doc<'a>,
    at: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.at >= self.end {
            return None;
        }
        let i = self.at;
        // a key's `next` is past its value, so objects yield their keys
        self.at = (self.doc.nodes[i].next as usize).max(i + 1);
        Some(i)
    }
}

/// Decode the inside of a JSON string whose escapes were already checked;
/// anything malformed becomes U+FFFD rather than an error.
pub fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hi = hex4(&mut chars);
                let code = match hi {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let mut look = chars.clone();
                        match (look.next(), look.next(), hex4(&mut look)) {
                            (Some('\\'), Some('u'), Some(lo @ 0xDC00..=0xDFFF)) => {
                                chars = look;
                                Some(0x10000 + ((h - 0xD800) << 10) + (lo - 0xDC00))
                            }
                            _ => None,
                        }
                    }
                    other => other,
                };
                out.push(code.and_then(char::from_u32).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => out.push('\u{FFFD}'),
        }
    }
    out
}

pub fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

/// Render a JSON path: `$.dossiers[3].funding`, `$["odd key"]`.
pub fn render_path(text: &str, nodes: &[Node], steps: &[Step]) -> String {
    let mut s = String::from("$");
    for step in steps {
        match *step {
            Step::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
            Step::Key(k) => push_key(&mut s, &key_text(text, &nodes[k])),
        }
    }
    s
}

/// Append `.key`, or `["key"]` when the key is not a plain identifier.
pub fn push_key(s: &mut String, key: &str) {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        s.push('.');
        s.push_str(key);
    } else {
        s.push('[');
        s.push_str(&serde_json::Value::from(key).to_string());
        s.push(']');
    }
}

/// The decoded text of a key or string node.
pub fn key_text<'a>(text: &'a str, n: &Node) -> Cow<'a, str> {
    let inner = text.get(n.start as usize + 1..(n.end as usize).saturating_sub(1)).unwrap_or("");
    if n.escaped { Cow::Owned(unescape(inner)) } else { Cow::Borrowed(inner) }
}
