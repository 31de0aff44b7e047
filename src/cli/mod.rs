//! Subcommands of the binary.

pub mod eval;
pub mod extract;
