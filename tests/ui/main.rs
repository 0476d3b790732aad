//! The screens, headless: actions in, state, records and screen cells out, at
//! 80×24 and 120×40 in German and English; insta snapshots in
//! tests/ui/snapshots.
//!
//! One test binary for the group, so that the crate is linked once for
//! all of them (docs/architecture.md, "Tests").

#[path = "../support/complete.rs"]
mod complete;
#[path = "../support/decide.rs"]
mod decide;
#[path = "../support/fixture.rs"]
mod fixture;
#[path = "../support/live.rs"]
mod live;
#[path = "../support/ranked.rs"]
mod ranked;
#[path = "../support/svg.rs"]
mod svg;

mod attendance_flow;
mod attendance_snapshots;
mod ballots_flow;
mod decision_flow;
mod decision_snapshots;
mod findings_flow;
mod hostile_text;
mod input_flow;
mod input_snapshots;
mod minutes_flow;
mod minutes_snapshots;
mod ranking_flow;
mod ranking_snapshots;
mod readme_screens;
mod record_flow;
mod room_flow;
mod scoring_flow;
mod scoring_snapshots;
mod sign_off_flow;
mod sign_off_snapshots;
mod ui_flow;
mod ui_snapshots;
