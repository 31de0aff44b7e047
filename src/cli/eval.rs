//! `policy-extract eval` (placeholder).

use clap::Args;
use std::process::ExitCode;

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {}

/// Runs `eval`.
pub fn run(_args: EvalArgs) -> ExitCode {
    eprintln!("eval: not built yet");
    ExitCode::from(2)
}
