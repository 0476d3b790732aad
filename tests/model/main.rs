//! The procedure and the shape of the crate: the table of commands and what
//! the procedure answers, and the layering of docs/architecture.md.
//!
//! One test binary for the group, so that the crate is linked once for
//! all of them (docs/architecture.md, "Tests").

mod architecture;
mod procedure_table;
