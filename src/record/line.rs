//! Lines of the record as bytes: encoding, the hash chain, and the scan
//! that checks a whole file. Pure: no I/O.

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
pub fn scan(bytes: &[u8], session_id: Option<&str>) -> Result<Scan, DamageAt> {
    let lines = split_lines(bytes);
    let mut parsed = parse_lines(bytes, &lines).into_iter();
    let mut events = Vec::with_capacity(lines.len());
    let mut expected_session = session_id.map(str::to_string);
    let mut last_hash = expected_session.as_deref().map(|id| sha256(genesis(id).as_bytes()));
    for (i, &(start, _, terminated)) in lines.iter().enumerate() {
        let line_no = i + 1;
        let is_last = i + 1 == lines.len();
        let torn = || Tail { line: line_no, offset: start };
        let parsed = parsed.next().unwrap_or(Err(String::new()));
        if !terminated {
            return Ok(Scan {
                events,
                session_id: expected_session,
                last_hash: or_genesis(last_hash),
                torn: Some(torn()),
            });
        }
        let (event, hash) = match parsed {
            Ok(p) => p,
            Err(_) if is_last => {
                return Ok(Scan {
                    events,
                    session_id: expected_session,
                    last_hash: or_genesis(last_hash),
                    torn: Some(torn()),
                });
            }
            Err(e) => return Err(at(line_no, Damage::Unparseable(e))),
        };
        if event.v != RECORD_FORMAT_VERSION {
            return Err(at(line_no, Damage::UnsupportedVersion(event.v)));
        }
        let expected_seq = events.len() as u64;
        if event.seq != expected_seq {
            return Err(at(line_no, Damage::SeqMismatch { expected: expected_seq, found: event.seq }));
        }
        if line_no == 1 {
            let EventKind::SessionOpened { session_id: found, .. } = &event.event else {
                return Err(at(line_no, Damage::NotOpening));
            };
            match &expected_session {
                Some(id) if id != found => {
                    return Err(at(
                        line_no,
                        Damage::OtherSession { expected: id.clone(), found: found.clone() },
                    ));
                }
                Some(_) => {}
                None => {
                    last_hash = Some(sha256(genesis(found).as_bytes()));
                    expected_session = Some(found.clone());
                }
            }
        }
        let expected_prev = or_genesis(last_hash);
        if !prev_matches(&event.prev, &expected_prev) {
            return Err(at(
                line_no,
                Damage::ChainBroken { expected: hex::encode(expected_prev), found: event.prev },
            ));
        }
        last_hash = Some(hash);
        events.push(event);
    }
    Ok(Scan { events, session_id: expected_session, last_hash: or_genesis(last_hash), torn: None })
}

fn prev_matches(prev: &str, expected: &[u8; 32]) -> bool {
    let mut decoded = [0u8; 32];
    hex::decode_to_slice(prev, &mut decoded).is_ok() && &decoded == expected
}

/// (start, end, terminated by a newline) of each line; the end excludes
/// the newline. A last line without newline is included, an empty one not.
fn split_lines(bytes: &[u8]) -> Vec<(usize, usize, bool)> {
    let mut lines = Vec::with_capacity(bytes.len() / 200);
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            lines.push((start, i, true));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        lines.push((start, bytes.len(), false));
    }
    lines
}

type Parsed = Result<(Event, [u8; 32]), String>;

/// Parse and hash every line, on all cores: this is most of the time of
/// opening a long record. The checks that depend on order run after.
fn parse_lines(bytes: &[u8], lines: &[(usize, usize, bool)]) -> Vec<Parsed> {
    let parse_chunk = |chunk: &[(usize, usize, bool)]| -> Vec<Parsed> {
        chunk
            .iter()
            .map(|&(s, e, _)| {
                let line = &bytes[s..e];
                serde_json::from_slice::<Event>(line).map(|ev| (ev, sha256(line))).map_err(|e| e.to_string())
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || lines.len() < 2_000 {
        return parse_chunk(lines);
    }
    let size = lines.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            lines.chunks(size).map(|chunk| (chunk, scope.spawn(move || parse_chunk(chunk)))).collect();
        let mut out = Vec::with_capacity(lines.len());
        for (chunk, handle) in handles {
            // A thread cannot fail short of a bug; redo its share here then.
            out.extend(handle.join().unwrap_or_else(|_| parse_chunk(chunk)));
        }
        out
    })
}

fn or_genesis(hash: Option<[u8; 32]>) -> [u8; 32] {
    // Without a session id and without lines there is no genesis to name;
    // the hash of the empty genesis stands in.
    hash.unwrap_or_else(|| sha256(genesis("").as_bytes()))
}

fn at(line: usize, damage: Damage) -> DamageAt {
    DamageAt { line, damage }
}
