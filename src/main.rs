//! The `policy-extract` command: `extract` documents to JSON records, `eval`
//! records against gold annotations.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Structured records from Chinese government policy documents.
#[derive(Debug, Parser)]
#[command(name = "policy-extract", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract records from files or folders (JSON Lines to stdout by default).
    Extract(cli::extract::ExtractArgs),
    /// Score extracted records against gold annotations.
    Eval(cli::eval::EvalArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Eval(args) => cli::eval::run(args),
    }
}
