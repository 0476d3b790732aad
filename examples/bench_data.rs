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
//! ```sh
//! cargo run --release --example bench_data -- /tmp/gremium-bench
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
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: bench_data OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let session_dir = out.join("session-2000");
    write_session(&session_dir)?;
    let record_dir = out.join("record-200k");
    if !record_dir.join(RECORD_FILE).exists() {
        write_record(&record_dir, &session_dir.join("session.json"))?;
    }
    let collection = out.join("collection-20mb.json");
    if !collection.exists() {
        std::fs::write(&collection, sample_collection(20_000_000))?;
    }
    println!("{}", out.display());
    Ok(())
}

/// The fixture's session as files: its definition, and 2,000 dossiers with
/// the sample collection's text under the fixture's ids.
fn write_session(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
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
    let dossiers: Vec<serde_json::Value> = (0..DOSSIERS)
        .map(|i| {
            let mut d = template.clone();
            d["id"] = format!("D{i:04}").into();
            d["municipality"] = format!("Stadt Nummer {i}").into();
            d["eligibility"] = serde_json::json!({});
            d
        })
        .collect();
    let collection = serde_json::json!({ "format": "gremium.dossiers/1", "dossiers": dossiers });
    std::fs::write(dir.join("dossiers.json"), serde_json::to_vec_pretty(&collection)?)?;
    Ok(())
}

/// The benchmark's long session, opened with the session files' digest.
fn write_record(dir: &Path, session_file: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let inputs = inputs_digest(&FsSource, session_file)?;
    let mut record = Record::create(dir, "bench")?;
    let mut at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00")?;
    let mut kinds = fixture::long_session(DOSSIERS, MEMBERS, CRITERIA, EVENTS);
    if let Some(EventKind::SessionOpened { inputs: first, .. }) = kinds.first_mut() {
        *first = inputs;
    }
    let mut kinds = kinds.into_iter().peekable();
    while kinds.peek().is_some() {
        record.append(Actor::Chair, at, kinds.by_ref().take(5_000).collect())?;
        at += TimeDelta::seconds(3);
    }
    Ok(())
}
