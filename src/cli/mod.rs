//! Subcommands of the binary.

pub mod eval;
pub mod extract;
mod sink;
mod walk;
