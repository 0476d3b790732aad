//! Reading a record in parts for viewing: each part's lines are checked as
//! a scan of the whole file checks them (on every core) and handed on as
//! events, so an open holds neither all of the record's bytes nor all of
//! its events at once (docs/performance.md).

use std::io::Read;
use std::path::Path;

use super::anchor::{self, Reached, anchor_path};
use super::history::History;
use super::line::{Part, scan_part};
use super::{RECORD_FILE, RecordError, io_err};
use crate::domain::Event;

/// About how many bytes of the record are read and checked at a time.
pub const PART_BYTES: usize = 1 << 20;

/// What a reading in parts found, besides the events it handed on.
#[derive(Debug, Clone, PartialEq)]
pub struct Streamed {
    pub events: u64,
    pub session_id: Option<String>,
    /// 1-based line number of a torn last line, left in place, and the
    /// byte offset where it starts.
    pub torn_line: Option<usize>,
    pub torn_offset: Option<u64>,
    /// SHA-256 of the last line, or of the genesis string.
    pub last_hash: [u8; 32],
    pub anchor: Option<Reached>,
}

/// [`super::read_only`], handing the events to `take` part by part, in
/// order; `take` answers whether to go on. A damaged line is an error once
/// the parts before it were handed on: the caller builds nothing it keeps
/// until this returns `Ok`.
pub fn read_only_in_parts(
    dir: &Path,
    session_id: Option<&str>,
    take: &mut dyn FnMut(Vec<Event>) -> bool,
) -> Result<Streamed, RecordError> {
    read_in_parts(&dir.join(RECORD_FILE), session_id, PART_BYTES, take, None)
}

/// The reading in parts; `keep` takes every byte read, as read (a writer
/// keeps its record's history), up to the end or the part where `take`
/// stopped. The parts are read and checked on a thread
/// of their own while `take` replays the ones before on this one.
pub(super) fn read_in_parts(
    path: &Path,
    session_id: Option<&str>,
    part_bytes: usize,
    take: &mut dyn FnMut(Vec<Event>) -> bool,
    keep: Option<&mut History>,
) -> Result<Streamed, RecordError> {
    // one part waits while the next is checked: two in memory at most
    let (to_take, parts) = std::sync::mpsc::sync_channel::<Vec<Event>>(1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut take = |events| to_take.send(events).is_ok();
            match keep {
                None => produce(path, session_id, part_bytes, &mut take, None),
                Some(history) => keeping(history, part_bytes, |keeper| {
                    produce(path, session_id, part_bytes, &mut take, Some(keeper))
                }),
            }
        });
        for events in parts.iter() {
            if !take(events) {
                break;
            }
        }
        // `parts` is dropped here when `take` stopped: the reader stops at
        // its next part
        drop(parts);
        // the reader panics only on a bug: that is a crash report
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Hands the parts read, once checked, to a thread that adds them to the
/// history, so that the reader goes on to the next part meanwhile; the
/// buffers come back to be read into again.
struct Keeper {
    parts: std::sync::mpsc::SyncSender<Vec<u8>>,
    back: std::sync::mpsc::Receiver<Vec<u8>>,
    capacity: usize,
}

impl Keeper {
    /// Keep `buf[..cut]`; answers a buffer holding the rest.
    fn keep(&self, mut buf: Vec<u8>, cut: usize) -> Vec<u8> {
        let mut next = self.back.try_recv().unwrap_or_else(|_| Vec::with_capacity(self.capacity));
        next.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        // the thread lives as long as this keeper (`keeping`)
        let _ = self.parts.send(buf);
        next
    }
}

/// `read` with a [`Keeper`] whose parts go to `history`; returns once
/// every part handed on is in it.
fn keeping<R>(history: &mut History, part_bytes: usize, read: impl FnOnce(Keeper) -> R) -> R {
    // two parts on their way at most
    let (parts, to_keep) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
    let (give_back, back) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for mut part in to_keep {
                history.push(&part);
                part.clear();
                let _ = give_back.send(part);
            }
        });
        // the keeper is dropped when `read` returns: the thread then ends
        // after the last part, and the scope waits for it
        read(Keeper { parts, back, capacity: part_bytes + 64 * 1024 })
    })
}

fn produce(
    path: &Path,
    session_id: Option<&str>,
    part_bytes: usize,
    take: &mut dyn FnMut(Vec<Event>) -> bool,
    keep: Option<Keeper>,
) -> Result<Streamed, RecordError> {
    // The anchor first, as `read_only` reads it.
    let anchor_at = anchor_path(path);
    let anchored = anchor::read(&anchor_at, path)?;
    let mut file =
        std::fs::File::open(path).map_err(|e| super::unreadable(path, &anchor_at, anchored.as_ref(), e))?;
    let mut session: Option<String> = session_id.map(str::to_string);
    let mut seq = 0u64;
    let mut prev: Option<[u8; 32]> = None;
    let mut torn_line = None;
    let mut torn_offset = None;
    // bytes of the parts before this one
    let mut consumed = 0u64;
    let mut prev_after_anchored: Option<String> = None;
    // One buffer holds the part being read and what is left of the one
    // before.
    let mut buf: Vec<u8> = Vec::with_capacity(part_bytes + 64 * 1024);
    loop {
        let want = part_bytes.saturating_sub(buf.len()).max(64 * 1024) as u64;
        let read = file.by_ref().take(want).read_to_end(&mut buf).map_err(io_err(path, "read"))?;
        let at_end = read == 0;
        // Whole lines only, and never the last one before the end of the
        // file is seen: a last line that does not parse is torn, not
        // damaged, and only the part that ends the file can say so.
        let pending = &buf[..];
        let cut = if at_end {
            pending.len()
        } else {
            let last_newline = memchr::memrchr(b'\n', pending);
            match last_newline.and_then(|i| memchr::memrchr(b'\n', &pending[..i])) {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let part = Part { session_id: session.as_deref(), first_seq: seq, prev, last: at_end };
        let scan = scan_part(&pending[..cut], part).map_err(|d| RecordError::Damaged {
            path: path.to_path_buf(),
            line: d.line,
            damage: d.damage,
        })?;
        if let Some(a) = &anchored
            && prev_after_anchored.is_none()
            && let Some(next) = a
                .events
                .checked_sub(seq)
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| scan.events.get(i))
        {
            prev_after_anchored = Some(next.prev.to_string());
        }
        seq += scan.events.len() as u64;
        session = scan.session_id;
        prev = Some(scan.last_hash);
        if at_end {
            // only the last part can end in a torn line
            torn_line = scan.torn.as_ref().map(|t| t.line);
            torn_offset = scan.torn.as_ref().map(|t| consumed + t.offset as u64);
        }
        consumed += cut as u64;
        match &keep {
            Some(keeper) => buf = keeper.keep(buf, cut),
            None => drop(buf.drain(..cut)),
        }
        if !scan.events.is_empty() && !take(scan.events) {
            break;
        }
        if at_end {
            break;
        }
    }
    // every reading scans at least one part, and a scan names a hash
    let last_hash = prev.unwrap_or_else(|| super::line::sha256(super::genesis("").as_bytes()));
    let mut streamed =
        Streamed { events: seq, session_id: session, torn_line, torn_offset, last_hash, anchor: None };
    if let Some(a) = anchored {
        let reached = anchor::check_count(
            &a,
            streamed.session_id.as_deref(),
            streamed.events,
            prev_after_anchored.as_deref(),
            &hex::encode(streamed.last_hash),
        )
        .map_err(|mismatch| RecordError::Anchor {
            record: path.to_path_buf(),
            anchor: anchor_at,
            mismatch,
        })?;
        streamed.anchor = Some(reached);
    }
    Ok(streamed)
}

#[cfg(test)]
mod tests {
    //! Read in parts of any size, a record gives what a whole reading gives:
    //! the same events, torn line, hash, anchor, and the same damage at the
    //! same line.

    use std::path::Path;
    use std::sync::Arc;

    use chrono::{DateTime, TimeDelta};

    use super::*;
    use crate::domain::{Actor, InputsDigest, fixture};
    use crate::procedure::Command;
    use crate::record::{LiveSession, read_only};

    fn record(dir: &Path, notes: usize) -> std::path::PathBuf {
        let t0 = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap();
        let session = Arc::new(fixture::session(3, 3, 2));
        let (mut live, _) = LiveSession::open(session, dir, InputsDigest::default(), "test", t0).unwrap();
        for i in 0..notes {
            let c = Command::AddNote { text: format!("Notiz {i} – ä"), dossier: None };
            live.execute(Actor::Chair, &c, t0 + TimeDelta::minutes(i as i64)).unwrap();
        }
        live.record_path().to_path_buf()
    }

    /// The events and what was found, the torn line's offset taken out.
    fn in_parts(path: &Path, part: usize) -> Result<(Vec<Event>, Streamed), String> {
        in_parts_with_offset(path, part).map(|(events, mut streamed)| {
            streamed.torn_offset = None;
            (events, streamed)
        })
    }

    fn in_parts_with_offset(path: &Path, part: usize) -> Result<(Vec<Event>, Streamed), String> {
        let mut events = Vec::new();
        let streamed = read_in_parts(
            path,
            None,
            part,
            &mut |mut e| {
                events.append(&mut e);
                true
            },
            None,
        )
        .map_err(|e| e.to_string())?;
        Ok((events, streamed))
    }

    fn whole(path: &Path) -> Result<(Vec<Event>, Streamed), String> {
        let ro = read_only(path.parent().unwrap(), None).map_err(|e| e.to_string())?;
        let streamed = Streamed {
            events: ro.events.len() as u64,
            session_id: ro.session_id,
            torn_line: ro.torn_line,
            torn_offset: None,
            last_hash: {
                let mut h = [0u8; 32];
                hex::decode_to_slice(&ro.last_hash, &mut h).unwrap();
                h
            },
            anchor: ro.anchor,
        };
        Ok((ro.events, streamed))
    }

    const PARTS: [usize; 5] = [1, 97, 400, 4096, PART_BYTES];

    #[test]
    fn a_clean_record_reads_the_same_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        let path = record(dir.path(), 40);
        let expected = whole(&path).unwrap();
        assert_eq!(expected.0.len(), 41);
        assert!(expected.1.anchor.is_some());
        for part in PARTS {
            assert_eq!(in_parts(&path, part), Ok(expected.clone()), "parts of {part} bytes");
        }
    }

    #[test]
    fn a_torn_last_line_reads_the_same_in_parts() {
        // cut off while written, a whole line of garbage, zeros after a crash
        for tail in [&br#"{"v":1,"seq":13,"at":"2026-11"#[..], b"garbage\n", b"\0\0\0\0"] {
            let dir = tempfile::tempdir().unwrap();
            let path = record(dir.path(), 12);
            let mut bytes = std::fs::read(&path).unwrap();
            let good = bytes.len() as u64;
            bytes.extend_from_slice(tail);
            std::fs::write(&path, bytes).unwrap();
            let expected = whole(&path).unwrap();
            assert_eq!(expected.1.torn_line, Some(14));
            for part in PARTS {
                assert_eq!(in_parts(&path, part), Ok(expected.clone()), "parts of {part} bytes");
                assert_eq!(in_parts_with_offset(&path, part).unwrap().1.torn_offset, Some(good));
            }
        }
    }

    /// A writer pushes the parts it read onto its history: whatever their size, it
    /// holds the file's bytes, a torn last line included (the open sets
    /// that aside), and the events and what was found are those of a
    /// reading without a history.
    #[test]
    fn a_writer_keeps_the_bytes_it_read_as_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let path = record(dir.path(), 40);
        // long notes: more than two 64 KiB readings
        let t0 = DateTime::parse_from_rfc3339("2026-11-26T12:00:00+01:00").unwrap();
        let session = Arc::new(fixture::session(3, 3, 2));
        let (mut live, _) =
            LiveSession::open(session, dir.path(), InputsDigest::default(), "test", t0).unwrap();
        for i in 0..60 {
            let c = Command::AddNote { text: format!("{i} {}", "Protokoll ".repeat(300)), dossier: None };
            live.execute(Actor::Chair, &c, t0).unwrap();
        }
        drop(live);
        let mut bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() > 2 * 64 * 1024, "{} bytes", bytes.len());
        bytes.extend_from_slice(br#"{"v":1,"seq":102,"at""#);
        std::fs::write(&path, &bytes).unwrap();
        let expected = in_parts_with_offset(&path, PART_BYTES).unwrap();
        assert_eq!(expected.0.len(), 102);
        assert_eq!(expected.1.torn_line, Some(103));
        for part in PARTS {
            let (mut events, mut history) = (Vec::new(), History::new(dir.path()));
            let mut take = |mut e: Vec<Event>| {
                events.append(&mut e);
                true
            };
            let streamed = read_in_parts(&path, None, part, &mut take, Some(&mut history)).unwrap();
            assert_eq!((events, streamed), expected, "parts of {part} bytes");
            assert_eq!(history.tail(0).unwrap(), bytes, "parts of {part} bytes");
        }
    }

    #[test]
    fn damage_is_named_at_the_same_line_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        let path = record(dir.path(), 30);
        let text = std::fs::read_to_string(&path).unwrap();
        let edits = [
            text.replacen("Notiz 17", "Notiz 71", 1), // an edited line: the next one's chain breaks
            text.replacen("\"seq\":9,", "\"seq\":99,", 1), // a line out of place
            text.replacen("Notiz 20 – ä\"", "Notiz 20", 1), // a line that is no JSON
        ];
        for edited in edits {
            std::fs::write(&path, &edited).unwrap();
            let expected = whole(&path).unwrap_err();
            assert!(expected.contains("line"), "{expected}");
            for part in PARTS {
                assert_eq!(in_parts(&path, part).unwrap_err(), expected, "parts of {part} bytes");
            }
        }
    }

    #[test]
    fn a_record_cut_short_of_its_anchor_is_refused_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        let path = record(dir.path(), 20);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: String = text.lines().take(15).map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, kept).unwrap();
        let expected = whole(&path).unwrap_err();
        assert!(expected.contains("anchor"), "{expected}");
        for part in PARTS {
            assert_eq!(in_parts(&path, part).unwrap_err(), expected, "parts of {part} bytes");
        }
    }
}
