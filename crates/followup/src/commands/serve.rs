//! `followup serve`: the web app on 127.0.0.1.

use followup_web::{AppState, WebSettings, security::random_token};

use crate::cli::ServeArgs;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output;

pub async fn run(ctx: &Ctx, args: ServeArgs) -> CliResult {
    for host in &args.hosts {
        let ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c));
        if !ok {
            return Err(CliError::bad_input(
                format!("--host: {host:?} is not a host name"),
                "give a name such as followup.home.arpa, without scheme or port",
            ));
        }
    }
    // The Compose page checks drafts as they are typed: harper loads while the server starts.
    followup_language::Harper::shared_and_ready();
    let store = ctx.open().await?;
    let calendar_token = store.meta_or_insert("calendar_token", random_token).await?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| {
            CliError::bad_input(
                format!("cannot listen on 127.0.0.1:{}: {e}", args.port),
                "choose another port with --port, or 0 for any free one",
            )
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| CliError::failure(format!("cannot read the port: {e}")))?
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    output::line(format!("followup is at {url}"))?;
    output::line(format!(
        "Calendar feed (keep the link private): {url}calendar.ics?token={calendar_token}"
    ))?;
    output::line("Stop with Ctrl-C.")?;
    output::flush()?;
    let state = AppState::new(
        store,
        WebSettings {
            extra_hosts: args.hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
            calendar_token,
            now: ctx.now_given.then_some(ctx.now),
            config_dir: ctx.config_dir.clone(),
        },
    );
    followup_web::serve(listener, state)
        .await
        .map_err(|e| CliError::failure(format!("the server stopped: {e}")))
}
