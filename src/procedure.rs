//! What the chair may do: a [`Command`] checked against the session as it
//! stands and the rules, answered with the events to record or with why
//! not ([`DomainError`]). The same check serves the screens, `gremium
//! apply` and the tests; nothing is recorded here (that is `record`).
//!
//! Layering: `procedure` sits above `domain` (plain data) and `rules`
//! (pure functions over it), and below `record` and everything after.

mod command;
mod decide;
pub mod script;
mod vote;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

pub use command::*;

use crate::domain::{EventKind, SessionState};

/// The events that carry out `command` on `state`, or why it is refused.
/// Without the record's last hash: a draw of lots is refused (use
/// [`decide_at`]).
pub fn decide(state: &SessionState, command: &Command) -> Result<Vec<EventKind>, DomainError> {
    decide_at(state, command, None)
}

/// As [`decide`], with the record's last hash (the seed of a draw).
pub fn decide_at(
    state: &SessionState,
    command: &Command,
    last_hash: Option<&str>,
) -> Result<Vec<EventKind>, DomainError> {
    decide::Procedure(state, last_hash).decide(command)
}
