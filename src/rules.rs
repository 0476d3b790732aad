//! The committee's rules as pure functions: quorum, aggregation of scores,
//! disagreement, weighted totals, majority and tie, the ranking with its
//! budget line, the decisions as they stand and the sign-off checklist
//! (PRODUCT.md §3). No I/O, no terminal.

mod decided;
mod late_conflict;
mod lot;
mod majority;
mod motion;
mod quorum;
mod ranking;
pub mod scores;
mod sign_off;
mod suggest;

pub use decided::*;
pub use late_conflict::*;
pub use lot::*;
pub use majority::*;
pub use motion::*;
pub use quorum::*;
pub use ranking::*;
pub use scores::*;
pub use sign_off::*;
pub use suggest::*;
