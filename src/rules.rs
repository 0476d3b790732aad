//! The committee's rules as pure functions: quorum, aggregation of scores,
//! disagreement, weighted totals (PRODUCT.md §3). No I/O, no terminal.

#[cfg(test)]
mod props;
mod quorum;
pub mod scores;

pub use quorum::*;
pub use scores::*;
