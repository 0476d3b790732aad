//! The command line as a user meets it: every subcommand run as the real
//! binary (or its library call) on files, with exit codes, output lines and
//! the exported files compared byte for byte with tests/golden.
//!
//! One test binary for the group, so that the crate is linked once for
//! all of them (docs/architecture.md, "Tests").

#[path = "../support/complete.rs"]
mod complete;

mod apply_cli;
mod ballots_cli;
mod closed_pipe;
mod export_cli;
mod export_golden;
mod fuzz_corpus;
mod integrity_cli;
mod integrity_python;
mod keys_cli;
mod record_cli;
mod validate_cli;
mod validate_open_agree;
