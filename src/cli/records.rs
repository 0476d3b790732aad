//! `gremium sessions` and `gremium verify` on a record.

use std::path::Path;
use std::process::ExitCode;

use crate::record::{self, RecordState};

/// List the records under the data directory.
pub fn sessions() -> color_eyre::Result<ExitCode> {
    let root = match record::records_root() {
        Ok(r) => r,
        Err(e) => {
            crate::say_err!("gremium: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let list = match record::list_records(&root) {
        Ok(list) => list,
        Err(e) => {
            crate::say_err!("gremium: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if list.is_empty() {
        crate::say!("No session records in {}", root.display());
        return Ok(ExitCode::SUCCESS);
    }
    crate::say!("{:<24} {:<16} {:>7}  {:<11} TITLE", "ID", "LAST CHANGE", "EVENTS", "STATE");
    for r in list {
        let last = r.last_change.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
        let state = match &r.state {
            RecordState::Open => "open".to_string(),
            RecordState::SignedOff => "signed off".to_string(),
            RecordState::Damaged(why) => format!("damaged: {why}"),
        };
        crate::say!(
            "{:<24} {:<16} {:>7}  {:<11} {}",
            crate::text::clean_line(&r.id),
            last,
            r.events,
            state,
            crate::text::clean_line(&r.title)
        );
    }
    crate::say!("\nRecords are kept in {}", root.display());
    Ok(ExitCode::SUCCESS)
}

/// Check a record line by line: 0 intact, 1 damaged (naming the first bad
/// line), 2 unreadable.
pub fn verify_record(path: &Path) -> color_eyre::Result<ExitCode> {
    match record::verify_record(path) {
        Ok(ro) => {
            let intact = if ro.torn_line.is_some() { "lines before the last" } else { "intact" };
            crate::say!(
                "{}: {intact}: {} events, hash chain holds; last hash {}",
                path.display(),
                ro.events.len(),
                ro.last_hash
            );
            say_anchor(path, ro.anchor);
            if !repeat_draws(path, &ro.events) {
                return Ok(ExitCode::from(1));
            }
            if let Some(line) = ro.torn_line {
                crate::say!(
                    "{}: line {line}: incomplete (a write cut short, or an edit); gremium sets it aside on the next open",
                    path.display()
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ (record::RecordError::Damaged { .. } | record::RecordError::Anchor { .. })) => {
            crate::say!("{e}");
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            crate::say_err!("gremium: {e}");
            Ok(ExitCode::from(2))
        }
    }
}

/// Repeat every draw of lots in the record: its seed must be the hash of
/// the line before it (`prev`) and its order what the seed gives. False
/// when one does not repeat.
fn repeat_draws(path: &Path, events: &[crate::domain::Event]) -> bool {
    let mut all = true;
    for e in events {
        // A draw inside an amendment is checked the same way.
        let kind = match &e.event {
            crate::domain::EventKind::Amendment { change, .. } => change.as_ref(),
            k => k,
        };
        let crate::domain::EventKind::LotsDrawn { dossiers, seed } = kind else { continue };
        let line = e.seq + 1;
        let again = crate::rules::draw(seed, dossiers);
        if *seed != e.prev {
            all = false;
            crate::say!(
                "{}: line {line}: the draw's seed is not the record's last hash before it",
                path.display()
            );
        } else if again != *dossiers {
            all = false;
            crate::say!(
                "{}: line {line}: the draw does not repeat: recorded {}, the seed gives {}",
                path.display(),
                dossiers.join(", "),
                again.join(", ")
            );
        } else {
            crate::say!("{}: line {line}: the draw repeats: {}", path.display(), dossiers.join(", "));
        }
    }
    all
}

/// What the anchor beside a record says about it.
fn say_anchor(path: &Path, reached: Option<record::Reached>) {
    let anchor = record::anchor_path(path);
    match reached {
        Some(record::Reached { events, after: 0 }) => {
            crate::say!("{}: reaches its anchor {} ({events} events)", path.display(), anchor.display());
        }
        Some(record::Reached { events, after }) => crate::say!(
            "{}: reaches its anchor {} ({events} events) and holds {after} more (written after the anchor was last moved, as before a crash)",
            path.display(),
            anchor.display()
        ),
        None => crate::say!(
            "{}: no anchor beside it ({}): a record cut back by whole lines cannot be told from a whole one; compare it with an export (gremium verify results.json --record {})",
            path.display(),
            anchor.display(),
            path.display()
        ),
    }
}
