//! Where building the minutes of a long session spends its time, step by
//! step (docs/performance.md): the benchmark's mid-session state (2,000
//! dossiers, 40 members, 8 criteria, 1,000 items dealt with), built once
//! at a time and once a step at a time, as the minutes screen builds it
//! between keys; the slowest steps are named.
//!
//! ```sh
//! cargo run --release --example minutes_steps
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta};
use gremium::domain::{SessionState, fixture};
use gremium::minutes::{Builder, Piece};

const DOSSIERS: usize = 2_000;
const MEMBERS: usize = 40;
const CRITERIA: usize = 8;
const DONE: usize = 1_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let session = Arc::new(fixture::session(DOSSIERS, MEMBERS, CRITERIA));
    let per_dossier = 1 + (MEMBERS - 1) * CRITERIA + CRITERIA + 3;
    let limit = 2 + MEMBERS + DONE * per_dossier + 1 + (MEMBERS - 1) * CRITERIA / 2;
    let t0 = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00")?;
    let kinds = fixture::long_session(DOSSIERS, MEMBERS, CRITERIA, limit);
    let events = fixture::as_events(kinds, t0, TimeDelta::milliseconds(100));
    let state = SessionState::replay(session, events)?;
    let now = DateTime::parse_from_rfc3339("2026-11-26T18:00:00+01:00")?;
    println!("{} events, {} actions done", state.meta.events, state.history.done.len());

    let t = Instant::now();
    let whole = gremium::minutes::build(&state, now);
    println!("at once: {:.1} ms, {} sections", ms(t.elapsed()), whole.sections.len());

    // The app keeps the ranking; the result uses it.
    let ranking = gremium::rules::ranking(&state);
    for _ in 0..3 {
        let start = Instant::now();
        let mut builder = Builder::new(&state, now);
        let mut steps: Vec<(String, Duration)> = Vec::new();
        loop {
            let t = Instant::now();
            let mut made = String::from("walk");
            let done = builder.advance(&state, Some(&|| &ranking), &mut || false, &mut |piece| {
                made = match piece {
                    Piece::Head(_) => "head".into(),
                    Piece::Section(s) => s.heading.chars().take(40).collect(),
                }
            });
            steps.push((made, t.elapsed()));
            if done {
                break;
            }
        }
        let total = start.elapsed();
        steps.sort_by_key(|s| std::cmp::Reverse(s.1));
        let slowest: Vec<String> =
            steps.iter().take(4).map(|(w, d)| format!("{w} {:.2} ms", ms(*d))).collect();
        println!(
            "a step at a time: {} steps, {:.1} ms; slowest: {}",
            steps.len(),
            ms(total),
            slowest.join(" · ")
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
