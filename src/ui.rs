//! The terminal UI: App state, the event loop, rendering.

use crate::domain::{Language, Session};

/// Run the TUI on a loaded session until the chair quits.
pub fn run(session: Session, lang: Option<Language>) -> color_eyre::Result<()> {
    let _ = (session, lang);
    Ok(())
}
