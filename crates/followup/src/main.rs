//! `followup`: the command-line shell around the followup crates.
//!
//! The layers, from the inside out:
//! - `followup-core` — the domain (applications, rounds, interviewers, touchpoints, responses),
//!   the JSON interchange of SPEC §5, validation and date parsing; pure, no I/O.
//! - `followup-store` — SQLite on disk: migrations, transactions, short ids.
//! - this binary — turns arguments into calls on those crates and results into tables or
//!   JSON. It holds no rules of its own: anything a second front end (the web app) would also
//!   need belongs in a library crate.

mod cli;
mod commands;
mod context;
mod demo;
mod error;
mod output;
mod people;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The web server answers many browsers at once; every other command is one task.
    let mut builder = if matches!(cli.command, cli::Command::Serve(_)) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return report(CliError::failure(format!("cannot start: {e}"))),
    };
    let result = runtime.block_on(commands::run(cli));
    // Whatever was printed goes out before any error, and a failed write is an error too.
    match result.and_then(|()| output::flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = output::flush();
            report(e)
        }
    }
}

/// A warning on stderr: something the user should know that did not stop the command.
pub fn warn(message: &str) {
    use std::io::Write;
    let mut err = anstream::stderr();
    let yellow = anstyle::AnsiColor::Yellow.on_default().bold();
    let _ = writeln!(err, "{yellow}warning:{yellow:#} {message}");
}

fn report(error: CliError) -> ExitCode {
    use std::io::Write;
    let mut err = anstream::stderr();
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let _ = writeln!(err, "{red}error:{red:#} {}", error.message);
    if let Some(hint) = &error.hint {
        let cyan = anstyle::AnsiColor::Cyan.on_default().bold();
        let _ = writeln!(err, "{cyan}hint:{cyan:#} {hint}");
    }
    ExitCode::from(error.code)
}
