//! Record benchmarks (PRODUCT.md §9): one recorded action against a bare
//! write + fsync of the same size on the same file, and open + replay of a
//! 200,000-event record. Figures in docs/performance.md.

use std::fs::OpenOptions;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta};
use criterion::{Criterion, criterion_group, criterion_main};
use gremium::domain::{Actor, EventKind, SessionState, fixture};
use gremium::record::{Record, read_only};

const DOSSIERS: usize = 2_000;
const MEMBERS: usize = 12;
const CRITERIA: usize = 8;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap_or_default()
}

fn score(i: usize) -> EventKind {
    EventKind::ScoreEntered {
        dossier: format!("D{:04}", i % DOSSIERS),
        round: 1,
        member: format!("m{:02}", i % MEMBERS),
        criterion: format!("c{}", i % CRITERIA),
        value: (i % 5) as f64,
    }
}

fn append(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut record = Record::create(dir.path(), "bench").expect("create");
    record.append(Actor::System, t0(), vec![opened()]).expect("first line");
    let mut group = c.benchmark_group("record/append");
    let mut i = 0;
    group.bench_function("append one event (fsync)", |b| {
        b.iter(|| {
            i += 1;
            record.append(Actor::Chair, t0(), vec![score(i)]).expect("append")
        })
    });
    // The anchor beside the record is written on its own thread after the
    // line is synced; here each iteration waits for it too: the whole cost
    // of an action when actions come faster than the anchor is written.
    group.bench_function("append one event + anchor written", |b| {
        b.iter(|| {
            i += 1;
            let events = record.append(Actor::Chair, t0(), vec![score(i)]).expect("append");
            record.settle_anchor().expect("anchor");
            events
        })
    });
    // The same number of bytes, written and fsynced on the same file
    // without encoding, hashing or bookkeeping.
    let line_len = std::fs::read(record.path()).map(|b| b.len() / record.len() as usize).unwrap_or(250);
    let mut file = OpenOptions::new().append(true).open(record.path()).expect("open");
    let line = vec![b'x'; line_len];
    group.bench_function("bare write + fsync", |b| {
        b.iter(|| {
            file.write_all(black_box(&line)).expect("write");
            file.sync_data().expect("fsync")
        })
    });
    group.finish();
}

fn opened() -> EventKind {
    EventKind::SessionOpened {
        session_id: "bench".into(),
        title: "Bench".into(),
        app_version: "bench".into(),
        inputs: Box::default(),
    }
}

/// A realistic 200,000-event record (see `fixture::long_session`).
fn write_big_record(dir: &Path) -> usize {
    let mut record = Record::create(dir, "bench").expect("create");
    let kinds = fixture::long_session(DOSSIERS, MEMBERS, CRITERIA, 200_000);
    let total = kinds.len();
    let mut at = t0();
    let mut batch = Vec::new();
    for k in kinds {
        batch.push(k);
        if batch.len() == 5_000 {
            record.append(Actor::Chair, at, std::mem::take(&mut batch)).expect("append");
            at += TimeDelta::seconds(3);
        }
    }
    record.append(Actor::Chair, at, batch).expect("append");
    total
}

fn replay(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let total = write_big_record(dir.path());
    let session = Arc::new(fixture::session(DOSSIERS, MEMBERS, CRITERIA));
    let mut group = c.benchmark_group("record/replay");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function(format!("open + replay {total} events"), |b| {
        b.iter(|| {
            let opened = Record::open(dir.path(), "bench").expect("open");
            let state = SessionState::replay(session.clone(), opened.events).expect("replay");
            black_box(state.proceedings.scores.len())
        })
    });
    group.bench_function(format!("read + check chain {total} events"), |b| {
        b.iter(|| black_box(read_only(dir.path(), Some("bench")).expect("read").events.len()))
    });
    // Where the time goes: each step alone, on one core.
    let bytes = std::fs::read(dir.path().join(gremium::record::RECORD_FILE)).expect("read");
    group.bench_function("parse lines only (one core)", |b| {
        b.iter(|| {
            let n = bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .filter_map(|l| serde_json::from_slice::<gremium::domain::Event>(l).ok())
                .count();
            black_box(n)
        })
    });
    group.bench_function("sha256 of lines only (one core)", |b| {
        b.iter(|| {
            use sha2::Digest;
            let n = bytes.split(|&b| b == b'\n').map(|l| sha2::Sha256::digest(l)[0] as usize).sum::<usize>();
            black_box(n)
        })
    });
    let events = read_only(dir.path(), Some("bench")).expect("read").events;
    group.bench_function("state replay only", |b| {
        b.iter_batched(
            || events.clone(),
            |ev| {
                black_box(SessionState::replay(session.clone(), ev).expect("replay").proceedings.scores.len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    targets = append, replay
}
criterion_main!(benches);
