//! Where the time of an open goes, phase by phase, for profiling
//! (docs/performance.md): load the session, digest its inputs, open or
//! create the record and replay it, build the app and draw the first frame.
//!
//! ```sh
//! cargo run --release --example open_phases -- SESSION_DIR [RECORD_DIR [--writing]]
//! ```
//!
//! Without RECORD_DIR a fresh record is made in a temporary folder. With
//! `--writing`, a copy of RECORD_DIR (made first, not timed) is opened as
//! `gremium open` opens it for the chair: read, checked, replayed and kept
//! as its history, the resumption recorded.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use gremium::load::{FsSource, load_session, session_file};
use gremium::record::{self, LiveSession};
use gremium::ui::journal::Journal;
use gremium::ui::{App, render_to_test_backend};

/// Resident memory now and at its peak (Linux; empty elsewhere).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).map_or("", |l| l[name.len()..].trim()).to_string()
    };
    format!("rss {} peak {}", field("VmRSS:"), field("VmHWM:"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: open_phases SESSION_DIR [RECORD_DIR]")?);
    let record_dir = args.next().map(PathBuf::from);
    let writing = args.next().is_some_and(|a| a == "--writing");
    let copy = std::env::temp_dir().join(format!("open-phases-copy-{}", std::process::id()));
    if let (Some(r), true) = (&record_dir, writing) {
        std::fs::create_dir_all(&copy)?;
        for name in [record::RECORD_FILE, "record.anchor"] {
            if r.join(name).exists() {
                std::fs::copy(r.join(name), copy.join(name))?;
                // on disk before the clock starts: the resumption's fsync
                // would otherwise write the whole copy
                std::fs::File::open(copy.join(name))?.sync_all()?;
            }
        }
    }
    let path = session_file(&dir);
    let mut last = Instant::now();
    let start = last;
    let mut lap = |what: &str| {
        let now = Instant::now();
        let _ = writeln!(
            std::io::stdout(),
            "{what:<24} {:6.1} ms  {}",
            (now - last).as_secs_f64() * 1e3,
            memory()
        );
        last = now;
    };
    let loaded = load_session(&FsSource, &path, false).map_err(|e| e.report())?;
    lap("load_session");
    let session = Arc::new(loaded.session);
    let journal = match &record_dir {
        Some(_) if writing => {
            let inputs = record::inputs_digest(&FsSource, &path)?;
            lap("inputs_digest");
            let live = LiveSession::prepare(session.clone(), &copy, "bench")?;
            lap("read + replay + history");
            let (live, _) = live.begin(inputs, record::now())?;
            lap("resumption recorded");
            let _ = std::fs::remove_dir_all(&copy);
            Journal::Live(Box::new(live))
        }
        Some(r) => {
            // as `gremium open --read-only` does: read and replay in parts
            let mut state = gremium::domain::SessionState::new(session.clone());
            let mut replayed = Ok(());
            record::read_only_in_parts(r, Some(&session.definition.id), &mut |events| {
                replayed = state.apply_all(events);
                replayed.is_ok()
            })?;
            replayed?;
            lap("read + replay in parts");
            Journal::View { state: Box::new(state), path: None }
        }
        None => {
            let inputs = record::inputs_digest(&FsSource, &path)?;
            lap("inputs_digest");
            let tmp = std::env::temp_dir().join(format!("open-phases-{}", std::process::id()));
            let live = LiveSession::prepare(session.clone(), &tmp, "bench")?;
            let (live, _) = live.begin(inputs, record::now())?;
            lap("record create + begin");
            let _ = std::fs::remove_dir_all(&tmp);
            Journal::Live(Box::new(live))
        }
    };
    let mut app = App::on(session, None, journal);
    lap("App::new");
    let term = render_to_test_backend(&mut app, 120, 40);
    lap("first frame");
    drop(term);
    let _ = writeln!(std::io::stdout(), "{:<24} {:6.1} ms", "total", start.elapsed().as_secs_f64() * 1e3);
    Ok(())
}
