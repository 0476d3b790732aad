//! Following a record another gremium writes (`gremium follow`, PRODUCT.md
//! §12): read once, then only what was appended — a `stat` per poll and a
//! read of the new bytes, each line checked against the one before it.
//! No lock is taken and nothing is written. A line still being written
//! waits for its newline; a record that shrinks or whose new lines do not
//! continue the chain has been replaced, and following stops.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::line::{continue_scan, scan, sha256};
use super::{RECORD_FILE, genesis};
use crate::domain::{Session, SessionState};

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: line {line}: {why}", path.display())]
    Damaged { path: PathBuf, line: usize, why: String },
    #[error("{}: the record was replaced (it is shorter than what was read, or its new lines do not continue it); not followed any further", path.display())]
    Replaced { path: PathBuf },
}

/// A record read up to `offset`, and the state it replays to.
pub struct Follower {
    path: PathBuf,
    offset: u64,
    next_seq: u64,
    last_hash: [u8; 32],
    state: SessionState,
}

impl Follower {
    /// Read the record in `dir` as far as its lines are complete.
    pub fn open(session: Arc<Session>, dir: &Path) -> Result<Follower, FollowError> {
        let path = dir.join(RECORD_FILE);
        let io = |source| FollowError::Io { path: path.clone(), source };
        let bytes = std::fs::read(&path).map_err(io)?;
        let id = session.definition.id.clone();
        let scanned = scan(&bytes, Some(&id)).map_err(|d| FollowError::Damaged {
            path: path.clone(),
            line: d.line,
            why: d.damage.to_string(),
        })?;
        let offset = scanned.torn.as_ref().map_or(bytes.len(), |t| t.offset) as u64;
        let next_seq = scanned.events.len() as u64;
        let last_hash =
            if scanned.events.is_empty() { sha256(genesis(&id).as_bytes()) } else { scanned.last_hash };
        let state = SessionState::replay(session, scanned.events).map_err(|e| FollowError::Damaged {
            path: path.clone(),
            line: 0,
            why: e.to_string(),
        })?;
        Ok(Follower { path, offset, next_seq, last_hash, state })
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Take in what was appended since the last poll; `true` when anything
    /// was. Cheap when nothing was: one `stat`.
    pub fn poll(&mut self) -> Result<bool, FollowError> {
        let io = |source| FollowError::Io { path: self.path.clone(), source };
        let len = std::fs::metadata(&self.path).map_err(io)?.len();
        if len < self.offset {
            return Err(FollowError::Replaced { path: self.path.clone() });
        }
        if len == self.offset {
            return Ok(false);
        }
        let mut file = std::fs::File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(self.offset)).map_err(io)?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail).map_err(io)?;
        let (events, last, used) = continue_scan(&tail, self.next_seq, self.last_hash)
            .map_err(|_| FollowError::Replaced { path: self.path.clone() })?;
        for event in &events {
            self.state.apply(event).map_err(|e| FollowError::Damaged {
                path: self.path.clone(),
                line: event.seq as usize + 1,
                why: e.to_string(),
            })?;
        }
        self.offset += used as u64;
        self.next_seq += events.len() as u64;
        self.last_hash = last;
        Ok(!events.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use chrono::DateTime;

    use super::*;
    use crate::domain::{Actor, EventKind, fixture};
    use crate::record::Record;

    fn opened() -> EventKind {
        EventKind::SessionOpened {
            session_id: "test-session".into(),
            title: "Test session".into(),
            app_version: "test".into(),
            inputs: Box::default(),
        }
    }

    fn at() -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap()
    }

    fn present(m: &str) -> EventKind {
        EventKind::MemberMarkedPresent { member: m.into(), at: at() }
    }

    #[test]
    fn appended_lines_are_taken_in_a_torn_one_waits_and_a_replaced_record_stops() {
        let tmp = tempfile::tempdir().unwrap();
        let session = Arc::new(fixture::session(3, 4, 2));
        let mut record = Record::create(tmp.path(), "test-session").unwrap();
        record.append(Actor::System, at(), vec![opened()]).unwrap();
        let mut follower = Follower::open(session.clone(), tmp.path()).unwrap();
        assert!(!follower.poll().unwrap(), "nothing new");

        record.append(Actor::Chair, at(), vec![present("m00"), present("m01")]).unwrap();
        assert!(follower.poll().unwrap());
        assert!(follower.state().is_present("m01"));

        // A line being written: no newline yet, so it waits.
        let path = tmp.path().join(RECORD_FILE);
        let mut next = Vec::new();
        let line = crate::domain::Event {
            v: 1,
            seq: 3,
            at: at(),
            actor: Actor::Chair,
            prev: record.last_hash().into(),
            event: present("m02"),
        };
        super::super::line::encode(&line, &mut next).unwrap();
        let (first, rest) = next.split_at(next.len() / 2);
        drop(record);
        let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(first).unwrap();
        assert!(!follower.poll().unwrap(), "half a line waits");
        file.write_all(rest).unwrap();
        assert!(follower.poll().unwrap(), "the completed line is taken");
        assert!(follower.state().is_present("m02"));

        // The record cut back: replaced, following stops.
        let len = std::fs::metadata(&path).unwrap().len();
        file.set_len(len / 2).unwrap();
        assert!(matches!(follower.poll(), Err(FollowError::Replaced { .. })));
    }

    #[test]
    fn a_record_written_anew_in_its_place_is_not_taken_as_more_of_it() {
        let tmp = tempfile::tempdir().unwrap();
        let session = Arc::new(fixture::session(3, 4, 2));
        let mut record = Record::create(tmp.path(), "test-session").unwrap();
        record.append(Actor::System, at(), vec![opened()]).unwrap();
        let mut follower = Follower::open(session, tmp.path()).unwrap();
        drop(record);
        // Another record of the same session, longer, in the same place:
        // its first line differs, so its second does not continue ours.
        let other = tempfile::tempdir().unwrap();
        let mut second = Record::create(other.path(), "test-session").unwrap();
        let EventKind::SessionOpened { session_id, title, inputs, .. } = opened() else { unreachable!() };
        let again = EventKind::SessionOpened { session_id, title, app_version: "other".into(), inputs };
        second.append(Actor::System, at(), vec![again]).unwrap();
        second.append(Actor::Chair, at(), vec![present("m00"), present("m01"), present("m02")]).unwrap();
        std::fs::copy(other.path().join(RECORD_FILE), tmp.path().join(RECORD_FILE)).unwrap();
        assert!(matches!(follower.poll(), Err(FollowError::Replaced { .. })));
    }
}
