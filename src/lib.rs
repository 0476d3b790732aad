//! gremium: run a selection committee's session from the terminal.
//!
//! Layers, low to high (imports run down only; `tests/model/architecture.rs`
//! checks it): `text` and `files`; `domain` (plain data and the replay of
//! events); `rules` and `format` (pure arithmetic over it); `procedure`
//! (what the chair may do: commands checked against state and rules);
//! `load` and `record`; `minutes`; `export`; `config`, `schema`, `demo`;
//! `ui`, the only module that talks to the terminal; `cli`. See
//! docs/architecture.md.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod files;
pub mod format;
pub mod fuzzing;
pub mod load;
pub mod minutes;
pub mod procedure;
pub mod record;
pub mod rules;
pub mod schema;
pub mod text;
pub mod ui;
