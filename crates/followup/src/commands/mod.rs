//! One module per command family; each turns parsed arguments into store calls and output.

mod agenda;
mod app;
pub mod check;
mod debrief;
pub mod draft;
mod imports;
mod inbox;
mod interview;
mod plan;
mod profile;
pub mod record;
mod report;
mod send;
mod serve;
mod settings;
mod stats;
mod templates;
mod transfer;
mod users;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::CliResult;

pub async fn run(cli: Cli) -> CliResult {
    let ctx = Ctx::from_cli(&cli)?;
    match cli.command {
        Command::Profile(args) => profile::run(&ctx, args).await,
        Command::App(command) => app::run(&ctx, command).await,
        Command::Interview(command) => interview::run(&ctx, command).await,
        Command::Log(args) => record::log(&ctx, args).await,
        Command::Response(args) => record::response(&ctx, args).await,
        Command::Import(args) => {
            let format = imports::Format::of(&args)?;
            imports::check_flags(&args, format)?;
            match format {
                imports::Format::Json => transfer::import(&ctx, args).await,
                format => imports::run(&ctx, args, format).await,
            }
        }
        Command::Export(args) => transfer::export(&ctx, args).await,
        Command::Backup(args) => transfer::backup(&ctx, args).await,
        Command::Restore(args) => transfer::restore(&ctx, args).await,
        Command::Report(args) => report::run(&ctx, args).await,
        Command::Stats => stats::run(&ctx).await,
        Command::Demo => crate::demo::run(&ctx).await,
        Command::Plan(args) => plan::run(&ctx, args).await,
        Command::Due(args) => agenda::due(&ctx, args).await,
        Command::Calendar(args) => agenda::calendar(&ctx, args).await,
        Command::Settings(args) => settings::run(&ctx, args).await,
        Command::Draft(args) => draft::run(&ctx, args).await,
        Command::Debrief(args) => debrief::run(&ctx, args).await,
        Command::Templates(command) => templates::run(&ctx, command),
        Command::Check(args) => check::run(&ctx, args).await,
        Command::Send(args) => send::send(&ctx, args).await,
        Command::Run(args) => send::run(&ctx, args).await,
        Command::Outbox(args) => send::outbox_command(&ctx, args).await,
        Command::Sync => inbox::sync(&ctx).await,
        Command::Inbox(args) => inbox::inbox(&ctx, args).await,
        Command::ExportEml(args) => send::export_eml(&ctx, args).await,
        Command::Mailto(args) => send::mailto_link(&ctx, args).await,
        Command::Mail(command) => inbox::mail(&ctx, command).await,
        Command::Serve(args) => serve::run(&ctx, args).await,
        Command::Users(command) => users::run(&ctx, command).await,
    }
}

/// Parses a closed word from a flag, naming the flag on failure.
pub use followup_core::edit::word;

/// `Some("")` clears an optional field, `Some(x)` sets it, `None` leaves it.
pub fn set_optional(target: &mut Option<String>, value: Option<String>) {
    if let Some(v) = value {
        *target = (!v.trim().is_empty()).then(|| v.trim().to_string());
    }
}
