//! Lines of the record as bytes: encoding, the hash chain, and the scan
//! that checks a whole file. Pure: no I/O.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::domain::{Event, EventKind, RECORD_FORMAT_VERSION};

/// The string whose hash the first line's `prev` carries.
pub fn genesis(session_id: &str) -> String {
    format!("gremium.record/1 genesis {session_id}")
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Append `event` as one line (JSON and a newline) to `buf`; answer the hash
/// of the line without its newline.
pub fn encode(event: &Event, buf: &mut Vec<u8>) -> Result<[u8; 32], serde_json::Error> {
    let start = buf.len();
    serde_json::to_writer(&mut *buf, event)?;
    let hash = sha256(&buf[start..]);
    buf.push(b'\n');
    Ok(hash)
}

/// What is wrong with a line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("not a valid record line: {0}")]
    Unparseable(String),
    #[error("format version {0} is not supported (this build reads version {RECORD_FORMAT_VERSION})")]
    UnsupportedVersion(u32),
    #[error("seq is {found}, expected {expected}: a line was inserted, removed or moved before it")]
    SeqMismatch { expected: u64, found: u64 },
    #[error(
        "hash chain broken: `prev` does not match the line before (that line was changed, or lines around it were removed or inserted)"
    )]
    ChainBroken { expected: String, found: String },
    #[error("the first line must be `session_opened`")]
    NotOpening,
    #[error("the record belongs to session `{found}`, not `{expected}`")]
    OtherSession { expected: String, found: String },
}

/// A damaged line: 1-based line number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamageAt {
    pub line: usize,
    pub damage: Damage,
}

/// The incomplete last line of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    /// 1-based line number of the torn line.
    pub line: usize,
    /// Byte offset where it starts (the length of the good part).
    pub offset: usize,
}

/// A record that checked out, up to a possibly torn last line.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub events: Vec<Event>,
    pub session_id: Option<String>,
    /// Hash of the last good line, or of the genesis string.
    pub last_hash: [u8; 32],
    pub torn: Option<Tail>,
}

/// Check a whole record. `session_id` is the session the record must
/// belong to; when `None`, it is taken from the first line.
///
/// The lines are cut into runs, four per core; each run parses, hashes and
/// checks its lines on its own (a line's checks need only the line before
/// it), so the first problem of the first run that has one is the first
/// problem of the record, as a line-by-line scan would find it.
pub fn scan(bytes: &[u8], session_id: Option<&str>) -> Result<Scan, DamageAt> {
    scan_part(bytes, Part { session_id, first_seq: 0, prev: None, last: true })
}

/// Where a part of a record starts: line `first_seq + 1`, after the line
/// whose hash is `prev` (none for the first part), and whether it runs to
/// the end of the file (only there is an incomplete line torn).
#[derive(Clone, Copy)]
pub struct Part<'a> {
    pub session_id: Option<&'a str>,
    pub first_seq: u64,
    pub prev: Option<[u8; 32]>,
    pub last: bool,
}

/// [`scan`] of a part of a record: its lines checked as a scan of the whole
/// file would check them. A torn line's offset is within the part.
pub fn scan_part(bytes: &[u8], part: Part<'_>) -> Result<Scan, DamageAt> {
    let lines = split_lines(bytes);
    let base = usize::try_from(part.first_seq).unwrap_or(usize::MAX);
    let first = Run {
        bytes,
        lines: &lines,
        expected_session: part.session_id,
        base,
        prev: part.prev,
        last: part.last,
    };
    // More runs than cores, on rayon's threads (started once, not per
    // part): the thread replaying the parts before takes a core part of
    // the time, and as many runs as cores would each wait for the slowest;
    // four per core keep both cores of a laptop busy (docs/performance.md);
    // at most 32, so a run stays a hundred lines or more on a big machine.
    let runs = if cores() < 2 || lines.len() < 2_000 { 1 } else { (cores() * 4).min(32) };
    let size = lines.len().div_ceil(runs).max(1);
    let (head, mut rest) = if runs == 1 {
        (first.check(0..lines.len()), Vec::new())
    } else {
        let starts: Vec<usize> = (0..lines.len()).step_by(size).collect();
        let mut checked: Vec<Checked> =
            starts.into_par_iter().map(|start| first.check(start..(start + size).min(lines.len()))).collect();
        let rest = checked.split_off(1);
        let head = checked.pop().unwrap_or_else(|| first.check(0..0));
        (head, rest)
    };
    let session_id = head.session_id.clone();
    let mut events = head.events;
    let mut last_hash = head.last_hash;
    let mut end = head.end;
    let mut runs = rest.iter_mut();
    while end.is_none() {
        let Some(run) = runs.next() else { break };
        events.append(&mut run.events);
        last_hash = run.last_hash;
        end = run.end.take();
    }
    let last_hash = or_genesis(last_hash.or_else(|| session_id.as_deref().map(genesis_hash)));
    match end {
        Some(End::Damaged(d)) => Err(d),
        Some(End::Torn(tail)) => Ok(Scan { events, session_id, last_hash, torn: Some(tail) }),
        None => Ok(Scan { events, session_id, last_hash, torn: None }),
    }
}

/// The complete lines of `tail`, the part of a record after line
/// `first_seq - 1` whose hash is `prev`: each parsed and checked against
/// the one before, as [`scan`] does. A last line without its newline is
/// left for later (it is being written). Answers the events, the hash of
/// the last one taken, and how many bytes they took.
pub fn continue_scan(
    tail: &[u8],
    first_seq: u64,
    prev: [u8; 32],
) -> Result<(Vec<Event>, [u8; 32], usize), DamageAt> {
    let mut events = Vec::new();
    let mut last = prev;
    let mut used = 0;
    for (i, (start, end, terminated)) in split_lines(tail).into_iter().enumerate() {
        if !terminated {
            break;
        }
        let seq = first_seq + i as u64;
        let line_no = usize::try_from(seq).unwrap_or(usize::MAX).saturating_add(1);
        let line = &tail[start..end];
        let fast = std::str::from_utf8(line).ok().and_then(Event::from_score_line);
        let event = fast
            .map_or_else(|| serde_json::from_slice::<Event>(line), Ok)
            .map_err(|e| DamageAt { line: line_no, damage: Damage::Unparseable(e.to_string()) })?;
        if event.v != RECORD_FORMAT_VERSION {
            return Err(DamageAt { line: line_no, damage: Damage::UnsupportedVersion(event.v) });
        }
        if event.seq != seq {
            return Err(DamageAt {
                line: line_no,
                damage: Damage::SeqMismatch { expected: seq, found: event.seq },
            });
        }
        if !prev_matches(&event.prev, &last) {
            return Err(DamageAt {
                line: line_no,
                damage: Damage::ChainBroken { expected: hex::encode(last), found: event.prev.to_string() },
            });
        }
        last = sha256(line);
        events.push(event);
        used = end + 1;
    }
    Ok((events, last, used))
}

/// The cores to check on, asked once: the answer reads cgroup files, and a
/// record is read in many parts.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn genesis_hash(session_id: &str) -> [u8; 32] {
    sha256(genesis(session_id).as_bytes())
}

/// The lines to check, and whose session they are.
#[derive(Clone, Copy)]
struct Run<'a> {
    bytes: &'a [u8],
    lines: &'a [(usize, usize, bool)],
    /// The session line 1 must open; `None` to take it from there.
    expected_session: Option<&'a str>,
    /// Seq of the first of `lines`, and the hash of the line before it.
    base: usize,
    prev: Option<[u8; 32]>,
    /// Whether `lines` end the file.
    last: bool,
}

/// What checking a run found.
struct Checked {
    events: Vec<Event>,
    /// Taken from or checked on the first line (first run only).
    session_id: Option<String>,
    /// Hash of the run's last good line, or of the line before the run.
    last_hash: Option<[u8; 32]>,
    /// Where and why the run stopped early.
    end: Option<End>,
}

enum End {
    Damaged(DamageAt),
    Torn(Tail),
}

impl<'a> Run<'a> {
    fn line(&self, i: usize) -> &'a [u8] {
        let (s, e, _) = self.lines[i];
        &self.bytes[s..e]
    }

    fn check(&self, range: std::ops::Range<usize>) -> Checked {
        let mut out = Checked {
            // The first run's vector takes the others' events too.
            events: Vec::with_capacity(if range.start == 0 { self.lines.len() } else { range.len() }),
            session_id: self.expected_session.map(str::to_string),
            last_hash: match range.start {
                0 if self.base == 0 => self.expected_session.map(genesis_hash),
                0 => self.prev,
                n => Some(sha256(self.line(n - 1))),
            },
            end: None,
        };
        for i in range {
            if let Err(end) = self.check_line(i, &mut out) {
                out.end = Some(end);
                break;
            }
        }
        out
    }

    fn check_line(&self, i: usize, out: &mut Checked) -> Result<(), End> {
        let (start, _, terminated) = self.lines[i];
        let seq = self.base + i;
        let line_no = seq + 1;
        let torn = || End::Torn(Tail { line: line_no, offset: start });
        let at_end = self.last && i + 1 == self.lines.len();
        if !terminated && at_end {
            return Err(torn());
        }
        let line = self.line(i);
        // A line that is UTF-8 is read as text, which serde does not
        // check again string by string; one that is not is read as bytes,
        // for serde's message on it.
        // A score entered as gremium writes it (most lines of a long
        // record) is read without serde, to the same event.
        let parsed = match std::str::from_utf8(line) {
            Ok(text) => Event::from_score_line(text).map_or_else(|| serde_json::from_str::<Event>(text), Ok),
            Err(_) => serde_json::from_slice::<Event>(line),
        };
        let event = match parsed {
            Ok(event) => event,
            Err(_) if at_end => return Err(torn()),
            Err(e) => return Err(damaged(line_no, Damage::Unparseable(e.to_string()))),
        };
        if event.v != RECORD_FORMAT_VERSION {
            return Err(damaged(line_no, Damage::UnsupportedVersion(event.v)));
        }
        if event.seq != seq as u64 {
            return Err(damaged(line_no, Damage::SeqMismatch { expected: seq as u64, found: event.seq }));
        }
        if seq == 0 {
            let EventKind::SessionOpened { session_id: found, .. } = &event.event else {
                return Err(damaged(line_no, Damage::NotOpening));
            };
            match self.expected_session {
                Some(id) if id != found => {
                    return Err(damaged(
                        line_no,
                        Damage::OtherSession { expected: id.to_string(), found: found.clone() },
                    ));
                }
                Some(_) => {}
                None => {
                    out.last_hash = Some(genesis_hash(found));
                    out.session_id = Some(found.clone());
                }
            }
        }
        let expected_prev = or_genesis(out.last_hash);
        if !prev_matches(&event.prev, &expected_prev) {
            return Err(damaged(
                line_no,
                Damage::ChainBroken { expected: hex::encode(expected_prev), found: event.prev.to_string() },
            ));
        }
        out.last_hash = Some(sha256(line));
        out.events.push(event);
        Ok(())
    }
}

fn damaged(line: usize, damage: Damage) -> End {
    End::Damaged(DamageAt { line, damage })
}

/// Whether `prev` is `expected` in hex, in either case (as decoding it
/// would find). The expected hash is encoded, not the line's decoded: a
/// table lookup per byte, where decoding tested every digit.
fn prev_matches(prev: &str, expected: &[u8; 32]) -> bool {
    let mut encoded = [0u8; 64];
    hex::encode_to_slice(expected, &mut encoded).is_ok() && prev.as_bytes().eq_ignore_ascii_case(&encoded)
}

/// (start, end, terminated by a newline) of each line; the end excludes
/// the newline. A last line without newline is included, an empty one not.
fn split_lines(bytes: &[u8]) -> Vec<(usize, usize, bool)> {
    let mut lines = Vec::with_capacity(bytes.len() / 200);
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', bytes) {
        lines.push((start, i, true));
        start = i + 1;
    }
    if start < bytes.len() {
        lines.push((start, bytes.len(), false));
    }
    lines
}

fn or_genesis(hash: Option<[u8; 32]>) -> [u8; 32] {
    // Without a session id and without lines there is no genesis to name;
    // the hash of the empty genesis stands in.
    hash.unwrap_or_else(|| sha256(genesis("").as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain check accepts exactly what decoding the line's `prev`
    /// and comparing bytes accepted: 64 hex digits of the hash, in either
    /// case, and nothing else.
    #[test]
    fn a_prev_matches_its_hash_in_hex_and_nothing_else() {
        let hash = sha256(b"line");
        let lower = hex::encode(hash);
        let decodes_to = |prev: &str| {
            let mut decoded = [0u8; 32];
            hex::decode_to_slice(prev, &mut decoded).is_ok() && decoded == hash
        };
        let mut one_off = lower.clone().into_bytes();
        one_off[63] = if one_off[63] == b'0' { b'1' } else { b'0' };
        let one_off = String::from_utf8(one_off).unwrap();
        let mixed: String = lower
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        let cases = [
            (lower.clone(), true),
            (lower.to_uppercase(), true),
            (mixed, true),
            (one_off, false),
            (lower[..63].to_string(), false),
            (format!("{lower}0"), false),
            (format!("{}g", &lower[..63]), false),
            (format!("{}ä", &lower[..62]), false),
            (String::new(), false),
        ];
        for (prev, expected) in cases {
            assert_eq!(prev_matches(&prev, &hash), expected, "{prev:?}");
            assert_eq!(decodes_to(&prev), expected, "{prev:?}");
        }
    }
}
