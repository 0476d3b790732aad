//! The data of the comparison script (`benches/compare.py`,
//! docs/performance.md): writes into OUT
//!
//! - `session-2000/`: a session of 2,000 dossiers (`session.json`,
//!   `dossiers.json`; the benchmark fixture's members and criteria, the
//!   sample collection's dossier text),
//! - `record-200k/`: a record of 200,000 events for that session (the
//!   benchmark's long session, with the session's real input digest, so it
//!   opens without a question),
//! - `collection-20mb.json`: a 20 MB `gremium.dossiers/1` collection.
//!
//! With `--seed N` (N > 0) the data differ by N, to run the comparisons on
//! other data: each dossier's region, kind, requested funding, the length
//! of its summary and of its lists of measures, indicators and deficits,
//! and every score of the record. Without it (or with 0) the data are the same on
//! every run. OUT remembers its seed; another seed needs another folder.
//!
//! ```sh
//! cargo run --release --example bench_data -- /tmp/gremium-bench
//! cargo run --release --example bench_data -- /tmp/gremium-bench-7 --seed 7
//! ```

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta};
use gremium::domain::{Actor, EventKind, fixture};
use gremium::load::{FsSource, sample_collection};
use gremium::record::{RECORD_FILE, Record, inputs_digest};

const DOSSIERS: usize = 2_000;
const MEMBERS: usize = 12;
const CRITERIA: usize = 8;
const EVENTS: usize = 200_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: bench_data OUT_DIR [--seed N]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(args.first().ok_or(usage)?);
    let seed: u64 = match args.iter().position(|a| a == "--seed") {
        Some(i) => args.get(i + 1).ok_or(usage)?.parse().map_err(|_| usage)?,
        None => 0,
    };
    std::fs::create_dir_all(&out)?;
    let seed_file = out.join("seed");
    match std::fs::read_to_string(&seed_file) {
        Ok(held) if held.trim() != seed.to_string() => {
            return Err(format!(
                "{} holds the data of seed {}; use another folder for seed {seed}",
                out.display(),
                held.trim()
            )
            .into());
        }
        Ok(_) => {}
        Err(_) => std::fs::write(&seed_file, format!("{seed}\n"))?,
    }
    let session_dir = out.join("session-2000");
    write_session(&session_dir, seed)?;
    let record_dir = out.join("record-200k");
    if !record_dir.join(RECORD_FILE).exists() {
        write_record(&record_dir, &session_dir.join("session.json"), seed)?;
    }
    let collection = out.join("collection-20mb.json");
    if !collection.exists() {
        std::fs::write(&collection, sample_collection(20_000_000))?;
    }
    println!("{}", out.display());
    Ok(())
}

/// splitmix64: the same numbers for the same seed on every machine.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One dossier varied by the seed's numbers: region, kind, funding, and
/// how long its summary and lists are (each list cut or its items
/// repeated).
fn vary(d: &mut serde_json::Value, n: &mut Numbers) {
    const REGIONS: [&str; 3] = ["Darmstadt", "Gießen", "Kassel"];
    d["region"] = REGIONS[n.below(3) as usize].into();
    d["rural"] = (n.below(2) == 0).into();
    let requested = 100_000 + 10_000 * n.below(290);
    d["funding"]["requested_eur"] = requested.into();
    d["funding"]["total_cost_eur"] = (requested * (2 + n.below(3))).into();
    let summary = d["summary"].as_str().unwrap_or_default().to_string();
    d["summary"] = vec![summary.as_str(); 1 + n.below(4) as usize].join(" ").into();
    for list in ["measures", "indicators", "deficits"] {
        let items = d[list].as_array().cloned().unwrap_or_default();
        let count = n.below(2 * items.len() as u64 + 1) as usize;
        d[list] = items.iter().cycle().take(count).cloned().collect::<Vec<_>>().into();
    }
}

/// The fixture's session as files: its definition, and 2,000 dossiers with
/// the sample collection's text under the fixture's ids.
fn write_session(dir: &Path, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let session = fixture::session(DOSSIERS, MEMBERS, CRITERIA);
    let mut definition = serde_json::to_value(&session.definition)?;
    definition["id"] = "bench".into();
    definition["title"] = "Bench".into();
    definition["dossiers"] = serde_json::json!(["dossiers.json"]);
    std::fs::write(dir.join("session.json"), serde_json::to_vec_pretty(&definition)?)?;

    // One sample dossier as a template; its id and municipality change.
    let one: serde_json::Value = serde_json::from_str(&sample_collection(1))?;
    let template = one["dossiers"][0].clone();
    let mut numbers = Numbers(seed);
    let dossiers: Vec<serde_json::Value> = (0..DOSSIERS)
        .map(|i| {
            let mut d = template.clone();
            d["id"] = format!("D{i:04}").into();
            d["municipality"] = format!("Stadt Nummer {i}").into();
            d["eligibility"] = serde_json::json!({});
            if seed != 0 {
                vary(&mut d, &mut numbers);
            }
            d
        })
        .collect();
    let collection = serde_json::json!({ "format": "gremium.dossiers/1", "dossiers": dossiers });
    std::fs::write(dir.join("dossiers.json"), serde_json::to_vec_pretty(&collection)?)?;
    Ok(())
}

/// The benchmark's long session, opened with the session files' digest.
/// With a seed, every score on the session's 0–4 scale is drawn anew.
fn write_record(dir: &Path, session_file: &Path, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let inputs = inputs_digest(&FsSource, session_file)?;
    let mut record = Record::create(dir, "bench")?;
    let mut at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00")?;
    let mut kinds = fixture::long_session(DOSSIERS, MEMBERS, CRITERIA, EVENTS);
    if let Some(EventKind::SessionOpened { inputs: first, .. }) = kinds.first_mut() {
        **first = inputs;
    }
    if seed != 0 {
        let mut numbers = Numbers(seed ^ 0x5eed);
        for kind in &mut kinds {
            if let EventKind::ScoreEntered { value, .. } | EventKind::ScoreCorrected { value, .. } = kind {
                *value = numbers.below(5) as f64;
            }
        }
    }
    let mut kinds = kinds.into_iter().peekable();
    while kinds.peek().is_some() {
        record.append(Actor::Chair, at, kinds.by_ref().take(5_000).collect())?;
        at += TimeDelta::seconds(3);
    }
    Ok(())
}
