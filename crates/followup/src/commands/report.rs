//! `followup report`: the printable record of every application ("proof of applications").

use followup_core::edit::date;
use jiff::tz::TimeZone;

use crate::cli::ReportArgs;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output;

pub async fn run(ctx: &Ctx, args: ReportArgs) -> CliResult {
    let since = args
        .since
        .as_deref()
        .map(|s| date("--since", s))
        .transpose()?;
    let store = ctx.open().await?;
    let profile = store.profile().await?;
    let zone = profile_zone(profile.as_ref()).unwrap_or(TimeZone::UTC);
    let added = store.added_moments().await?;
    let files = store.load_every(true).await?;
    store.close().await;
    let (html, count) = followup_web::report::proof_of_applications(
        &files,
        &added,
        profile.as_ref(),
        since,
        ctx.now,
        &zone,
    )
    .map_err(|e| CliError::failure(format!("cannot write the report: {e}")))?;
    match &args.output {
        Some(path) => {
            super::transfer::write_atomically("--output", path, &html)?;
            output::line(format!(
                "Wrote the record of {count} applications to {}; open it in a browser to print it.",
                path.display()
            ))
        }
        None => output::line(html.trim_end()),
    }
}
