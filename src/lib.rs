//! gremium: run a selection committee's session from the terminal.
//!
//! `domain`, `rules`, `load`, `record`, `minutes` and `export` are free of
//! terminal code; `ui` is the only module that talks to the terminal.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod format;
pub mod fuzzing;
pub mod load;
pub mod minutes;
pub mod record;
pub mod rules;
pub mod schema;
pub mod text;
pub mod ui;
