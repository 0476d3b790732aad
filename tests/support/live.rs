//! A live record in a temporary directory for the scoring tests: the demo
//! session with members marked present (or not) through the journal, as
//! the attendance screen will do it.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use gremium::demo::{EmbeddedSource, SESSION_PATH};
use gremium::domain::{Actor, Language, Session};
use gremium::procedure::Command;
use gremium::record::{self, LiveSession};
use gremium::ui::{App, Journal};

pub fn demo() -> Arc<Session> {
    Arc::new(gremium::demo::session().expect("demo loads"))
}

/// Open (or resume) the record in `dir`, carry out `setup` through it,
/// and put an app on it.
pub fn open_app(session: &Arc<Session>, dir: &Path, lang: Language, setup: &[Command]) -> App {
    let inputs = record::inputs_digest(&EmbeddedSource, Path::new(SESSION_PATH)).expect("digest");
    let (mut live, report) =
        LiveSession::open(session.clone(), dir, inputs, "test", record::now()).expect("record opens");
    assert!(report.inputs_changed.is_empty());
    for command in setup {
        live.execute(Actor::Chair, command, record::now()).expect("setup command accepted");
    }
    App::new(session.clone(), Some(lang)).with_journal(Journal::Live(Box::new(live)))
}

/// The invitation confirmed and every voting member present except `absent`.
pub fn roll_call(session: &Session, absent: &[&str]) -> Vec<Command> {
    let at = record::now();
    let mut commands = vec![Command::ConfirmDulyInvited];
    for m in session.definition.voting_members() {
        if !absent.contains(&m.id.as_str()) {
            commands.push(Command::MarkPresent { member: m.id.clone(), at });
        }
    }
    commands
}
