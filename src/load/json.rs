//! A JSON parser over bytes that keeps the span of every value and key.
//!
//! It reports precise syntax errors, keeps going past the ones it can repair
//! (a trailing or missing comma, a bad escape, a malformed number, a
//! duplicate key) so that one run reports them all, and never recurses deeper
//! than [`MAX_DEPTH`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::Finding;
use super::position::Locator;
use super::tree::{Doc, Kind, Node, Step, key_text, render_path};

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// The outcome of parsing one file: the tree, unless a fatal syntax error
/// stopped the parse, and every problem found.
pub struct Parsed<'a> {
    pub doc: Option<Doc<'a>>,
    pub findings: Vec<Finding>,
}

/// Parse a file's bytes.
pub fn parse(bytes: &[u8]) -> Parsed<'_> {
    let mut findings = Vec::new();
    if bytes.len() >= u32::MAX as usize {
        findings.push(Finding::error(0, "$".into(), "file too large (4 GiB or more)".into()));
        return Parsed { doc: None, findings };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let byte = bytes.get(at).copied().unwrap_or(0);
            findings.push(Finding::error(
                at,
                "$".into(),
                format!("invalid UTF-8: byte 0x{byte:02X} is not part of a valid character; save the file as UTF-8"),
            ));
            return Parsed { doc: None, findings };
        }
    };
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if text[start..].bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        findings.push(Finding::error(start, "$".into(), "empty file".into()));
        return Parsed { doc: None, findings };
    }
    let mut p = Parser {
        b: bytes,
        text,
        pos: start,
        nodes: Vec::with_capacity(bytes.len() / 16 + 4),
        findings,
        path: Vec::new(),
        locator: Locator::new(bytes),
    };
    let ok = p.value(0).is_ok();
    if ok {
        p.skip_ws();
        if let Some(&c) = p.b.get(p.pos) {
            let what = p.describe(c);
            p.recoverable(p.pos, format!("unexpected {what} after the end of the document"));
        }
    }
    let doc = ok.then_some(Doc { text, nodes: p.nodes });
    Parsed { doc, findings: p.findings }
}

/// A fatal syntax error; its finding is already recorded.
struct Fatal;

struct Parser<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    nodes: Vec<Node>,
    findings: Vec<Finding>,
    path: Vec<Step>,
    locator: Locator<'a>,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    fn path(&self) -> String {
        render_path(self.text, &self.nodes, &self.path)
    }

    fn recoverable(&mut self, at: usize, message: String) {
        let path = self.path();
        self.findings.push(Finding::error(at, path, message));
    }

    fn fatal(&mut self, at: usize, message: String) -> Fatal {
        self.recoverable(at, message);
        Fatal
    }

    fn line_col(&self, at: usize) -> String {
        let (l, c) = self.locator.position(at);
        format!("{l}:{c}")
    }

    /// `` `x` `` for a character, or "end of file".
    fn describe(&self, _c: u8) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "end of file".into(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) -> usize {
        let i = self.nodes.len();
        self.nodes.push(Node {
            kind,
            escaped: false,
            start: start as u32,
            end: end as u32,
            next: i as u32 + 1,
        });
        i
    }

    fn value(&mut self, depth: usize) -> Result<(), Fatal> {
        self.skip_ws();
        let Some(&c) = self.b.get(self.pos) else {
            return Err(self.fatal(self.pos, "unexpected end of file, expected a value".into()));
        };
        match c {
            b'{' | b'[' if depth >= MAX_DEPTH => {
                Err(self.fatal(self.pos, format!("nesting deeper than {MAX_DEPTH} levels")))
            }
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string(Kind::String).map(|_| ()),
            b'-' | b'0'..=b'9' => {
                self.number();
                Ok(())
            }
            b'\'' => Err(self.fatal(self.pos, "strings need double quotes `\"`, not `'`".into())),
            b'/' => Err(self.fatal(self.pos, "comments are not allowed in JSON".into())),
            c if c.is_ascii_alphabetic() => self.literal(),
            _ => {
                let what = self.describe(c);
                Err(self.fatal(self.pos, format!("unexpected {what}, expected a value")))
            }
        }
    }

    fn literal(&mut self) -> Result<(), Fatal> {
        let start = self.pos;
        let len = self.b[start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
        let word = &self.text[start..start + len];
        let kind = match word {
            "true" | "false" => Kind::Bool,
            "null" => Kind::Null,
            _ => {
                let msg = match word.to_ascii_lowercase().as_str() {
                    "true" | "false" | "null" => {
                        format!("unexpected `{word}`; JSON literals are lowercase: `true`, `false`, `null`")
                    }
                    _ => format!("unexpected `{word}`; text values need double quotes"),
                };
                return Err(self.fatal(start, msg));
            }
        };
        self.pos += len;
        self.push(kind, start, self.pos);
        Ok(())
    }

    fn number(&mut self) {
        let start = self.pos;
        let len = self.b[start..]
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        self.pos += len;
        if !valid_number(&self.b[start..self.pos]) {
            let raw = &self.text[start..self.pos];
            self.recoverable(start, format!("invalid number `{raw}`"));
        }
        self.push(Kind::Number, start, self.pos);
    }

    fn string(&mut self, kind: Kind) -> Result<usize, Fatal> {
        let start = self.pos;
        let mut escaped = false;
        self.pos += 1;
        loop {
            let rest = &self.b[self.pos..];
            let stop = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            if let Some(j) = rest[..stop].iter().position(|&b| b < 0x20) {
                let at = self.pos + j;
                if matches!(rest[j], b'\n' | b'\r') {
                    let open = self.line_col(start);
                    return Err(
                        self.fatal(at, format!("unclosed string: `\"` at {open} is not closed on its line"))
                    );
                }
                self.recoverable(
                    at,
                    format!("control character U+{:04X} in a string must be written as an escape", rest[j]),
                );
                self.pos = at + 1;
                continue;
            }
            self.pos += stop;
            match self.b.get(self.pos) {
                None => {
                    let open = self.line_col(start);
                    return Err(
                        self.fatal(self.pos, format!("unclosed string: `\"` at {open} is never closed"))
                    );
                }
                Some(b'"') => break,
                Some(_) => {
                    escaped = true;
                    self.escape();
                }
            }
        }
        self.pos += 1;
        let i = self.push(kind, start, self.pos);
        self.nodes[i].escaped = escaped;
        Ok(i)
    }

    /// Check one escape at `self.pos` (the backslash) and step past it.
    fn escape(&mut self) {
        let at = self.pos;
        match self.b.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 2,
            Some(b'u') => {
                let Some(hi) = self.hex_at(at + 2) else {
                    self.recoverable(at, "invalid escape: `\\u` needs four hex digits".into());
                    self.pos += 2;
                    return;
                };
                self.pos += 6;
                if (0xD800..0xDC00).contains(&hi) {
                    let low = (self.b.get(self.pos..self.pos + 2) == Some(b"\\u"))
                        .then(|| self.hex_at(self.pos + 2))
                        .flatten();
                    if low.is_some_and(|l| (0xDC00..0xE000).contains(&l)) {
                        self.pos += 6;
                    } else {
                        self.recoverable(at, format!("lone surrogate `\\u{hi:04X}`: it must be followed by a low surrogate `\\uDC00`–`\\uDFFF`"));
                    }
                } else if (0xDC00..0xE000).contains(&hi) {
                    self.recoverable(
                        at,
                        format!("lone surrogate `\\u{hi:04X}` without a preceding high surrogate"),
                    );
                }
            }
            _ => {
                let shown: String = self.text.get(at..).unwrap_or("").chars().take(2).collect();
                self.recoverable(at, format!("invalid escape `{shown}`"));
                self.pos += 1;
            }
        }
    }

    fn hex_at(&self, at: usize) -> Option<u32> {
        let digits = self.b.get(at..at + 4)?;
        digits.iter().try_fold(0u32, |v, &d| Some(v * 16 + (d as char).to_digit(16)?))
    }

    fn object(&mut self, depth: usize) -> Result<(), Fatal> {
        let open = self.pos;
        let obj = self.push(Kind::Object, open, open + 1);
        self.pos += 1;
        let mut comma: Option<usize> = None;
        let mut first = true;
        loop {
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b'}') => {
                    if let Some(at) = comma {
                        self.recoverable(at, "trailing comma before `}`".into());
                    }
                    break;
                }
                Some(b'"') => {}
                None => return Err(self.unclosed(open, "object", '{')),
                Some(&c) => {
                    let what = self.describe(c);
                    let msg = if first || comma.is_some() {
                        format!("expected a key in double quotes, found {what}")
                    } else {
                        format!("expected `,` or `}}` after an object member, found {what}")
                    };
                    return Err(self.fatal(self.pos, msg));
                }
            }
            if !first && comma.is_none() {
                self.recoverable(self.pos, "missing `,` between object members".into());
            }
            first = false;
            let key = self.string(Kind::Key)?;
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b':') => self.pos += 1,
                None => return Err(self.unclosed(open, "object", '{')),
                Some(&c) => {
                    let what = self.describe(c);
                    let k = key_text(self.text, &self.nodes[key]).into_owned();
                    return Err(self.fatal(self.pos, format!("expected `:` after key `{k}`, found {what}")));
                }
            }
            self.path.push(Step::Key(key));
            self.value(depth + 1)?;
            self.path.pop();
            self.nodes[key].next = self.nodes.len() as u32;
            self.skip_ws();
            comma = None;
            if self.b.get(self.pos) == Some(&b',') {
                comma = Some(self.pos);
                self.pos += 1;
            }
        }
        self.pos += 1;
        self.nodes[obj].end = self.pos as u32;
        self.nodes[obj].next = self.nodes.len() as u32;
        self.duplicate_keys(obj);
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<(), Fatal> {
        let open = self.pos;
        let arr = self.push(Kind::Array, open, open + 1);
        self.pos += 1;
        let mut comma: Option<usize> = None;
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.b.get(self.pos) {
                Some(b']') => {
                    if let Some(at) = comma {
                        self.recoverable(at, "trailing comma before `]`".into());
                    }
                    break;
                }
                None => return Err(self.unclosed(open, "array", '[')),
                Some(&c) if index > 0 && comma.is_none() => {
                    if starts_value(c) {
                        self.recoverable(self.pos, "missing `,` between array elements".into());
                    } else {
                        let what = self.describe(c);
                        let msg = format!("expected `,` or `]` after an array element, found {what}");
                        return Err(self.fatal(self.pos, msg));
                    }
                }
                Some(_) => {}
            }
            self.path.push(Step::Index(index));
            self.value(depth + 1)?;
            self.path.pop();
            index += 1;
            self.skip_ws();
            comma = None;
            if self.b.get(self.pos) == Some(&b',') {
                comma = Some(self.pos);
                self.pos += 1;
            }
        }
        self.pos += 1;
        self.nodes[arr].end = self.pos as u32;
        self.nodes[arr].next = self.nodes.len() as u32;
        Ok(())
    }

    fn unclosed(&mut self, open: usize, what: &str, bracket: char) -> Fatal {
        let at = self.line_col(open);
        self.fatal(self.pos, format!("unclosed {what}: `{bracket}` at {at} is never closed"))
    }

    fn duplicate_keys(&mut self, obj: usize) {
        let mut keys = Vec::new();
        let mut k = obj + 1;
        let end = self.nodes[obj].next as usize;
        while k < end {
            keys.push(k);
            k = self.nodes[k].next as usize;
        }
        let mut dups = Vec::new();
        if keys.len() <= 24 {
            // small objects (all of ours): comparing raw spans beats hashing
            let nodes = &self.nodes;
            let same = |a: usize, b: usize| {
                let (x, y) = (&nodes[a], &nodes[b]);
                if x.escaped || y.escaped {
                    key_text(self.text, x) == key_text(self.text, y)
                } else {
                    self.b[x.start as usize..x.end as usize] == self.b[y.start as usize..y.end as usize]
                }
            };
            for (n, &a) in keys.iter().enumerate() {
                if let Some(&first) = keys[..n].iter().find(|&&b| same(a, b)) {
                    dups.push((a, first));
                }
            }
        } else {
            let mut seen: HashMap<Cow<'_, str>, usize> = HashMap::with_capacity(keys.len());
            for &a in &keys {
                let ka = key_text(self.text, &self.nodes[a]);
                if let Some(&first) = seen.get(&ka) {
                    dups.push((a, first));
                } else {
                    seen.insert(ka, a);
                }
            }
        }
        for (dup, first) in dups {
            let name = key_text(self.text, &self.nodes[dup]).into_owned();
            let at = self.line_col(self.nodes[first].start as usize);
            self.path.push(Step::Key(dup));
            self.recoverable(
                self.nodes[dup].start as usize,
                format!("duplicate key `{name}`, first defined at {at}"),
            );
            self.path.pop();
        }
    }
}

fn starts_value(c: u8) -> bool {
    matches!(c, b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
}

/// JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn valid_number(s: &[u8]) -> bool {
    let mut i = usize::from(s.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let int_start = i;
    match digits(&mut i) {
        0 => return false,
        n if n > 1 && s[int_start] == b'0' => return false,
        _ => {}
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

/// The byte offset of 1-based `line` and `column` (serde's counting: bytes
/// within the line) in `text`, clamped to the text.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests;
