//! Numbers, money and dates for the screens: the shared, terminal-free
//! [`crate::format`], so that screens and documents write them alike.

pub use crate::format::*;
