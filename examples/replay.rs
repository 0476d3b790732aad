//! Open and replay a long record once, for profiling and peak memory
//! (docs/performance.md, `## record`):
//!
//! ```sh
//! cargo run --release --example replay -- /tmp/big     # writes the record if missing
//! /usr/bin/time -f '%e s %M KB' target/release/examples/replay /tmp/big
//! valgrind --tool=callgrind target/release/examples/replay /tmp/big
//! ```
//!
//! The record is the benchmark's: `fixture::long_session(2000, 12, 8,
//! 200_000)`, written in batches of 5,000 lines three seconds apart.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, TimeDelta};
use gremium::domain::{Actor, SessionState, fixture};
use gremium::record::{RECORD_FILE, Record};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: replay DIR")?);
    if !dir.join(RECORD_FILE).exists() {
        let mut record = Record::create(&dir, "bench")?;
        let mut at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00")?;
        let mut kinds = fixture::long_session(2_000, 12, 8, 200_000).into_iter().peekable();
        while kinds.peek().is_some() {
            record.append(Actor::Chair, at, kinds.by_ref().take(5_000).collect())?;
            at += TimeDelta::seconds(3);
        }
        println!("wrote {} lines to {}", record.len(), record.path().display());
        return Ok(());
    }
    let session = Arc::new(fixture::session(2_000, 12, 8));
    let start = Instant::now();
    let opened = Record::open(&dir, "bench")?;
    let lines = opened.events.len();
    let opened_in = start.elapsed();
    let state = SessionState::replay(session, opened.events)?;
    let total = start.elapsed();
    println!(
        "{lines} lines: open {:.0} ms, replay {:.0} ms, total {:.0} ms; {} scores",
        opened_in.as_secs_f64() * 1e3,
        (total - opened_in).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        state.proceedings.scores.len()
    );
    Ok(())
}
