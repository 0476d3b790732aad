//! How long the conflict suggestions of a long session take when every
//! member has an organisation (docs/performance.md, `## ui`): 2,000
//! dossiers, 40 voting members, half of whose organisations name a
//! dossier's municipality.
//!
//! ```sh
//! cargo run --release --example suggestions
//! ```

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use gremium::domain::{SessionState, fixture};

fn main() {
    let mut session = fixture::session(2_000, 40, 8);
    fixture::with_organisations(&mut session);
    let state = SessionState::new(Arc::new(session));
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..31 {
        let t = Instant::now();
        found = gremium::rules::conflict_suggestions(&state).len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let _ = writeln!(
        std::io::stdout(),
        "{found} suggestions; 31 runs: median {:.2} ms, max {:.2} ms",
        times[15],
        times[30]
    );
}
