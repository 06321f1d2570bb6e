//! `followup serve`: the web app, on 127.0.0.1 or, with a password, beyond.

use std::io::Read;
use std::net::IpAddr;

use followup_web::{AppState, WebSettings, login::hash_password, security::random_token};

use followup_actions::shared_worker::{SharedEvent, SharedWorker};
use followup_actions::worker::{Clock, Worker};
use followup_mail::outbox::Delivery;
use followup_mail::sealed::ServerKey;

use crate::cli::ServeArgs;
use crate::commands::send::{stop_signal, work_and_tell, worker_settings};
use crate::context::Ctx;
use crate::demo::Filled;
use crate::error::{CliError, CliResult};
use crate::output::{self, DIM, paint};

/// The environment variable that may hold the web password.
const PASSWORD_VARIABLE: &str = "FOLLOWUP_WEB_PASSWORD";
/// The web password's name in the OS keyring.
const KEYRING_USER: &str = "web";

pub async fn run(ctx: &Ctx, args: ServeArgs) -> CliResult {
    if args.set_password || args.forget_password {
        return keep_password(args.set_password);
    }
    let mut hosts = Vec::new();
    for host in &args.hosts {
        let host = host.trim().trim_start_matches('[').trim_end_matches(']');
        let ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c));
        if !ok {
            return Err(CliError::bad_input(
                format!("--host: {host:?} is not a host name or address"),
                "give a name such as followup.home.arpa or an address such as 192.168.1.20, without scheme or port",
            ));
        }
        hosts.push(host.to_ascii_lowercase());
    }
    let open_beyond = !args.listen.is_loopback();
    if !args.listen.is_unspecified() && open_beyond {
        hosts.push(args.listen.to_string());
    }
    if args.listen.is_unspecified() && hosts.is_empty() {
        return Err(CliError::bad_input(
            format!(
                "--listen {}: name the address or host name others will use",
                args.listen
            ),
            "add it with --host, e.g. --host 192.168.1.20 or --host laptop.local; requests naming anything else are refused",
        ));
    }
    let shared = ctx.database.is_some();
    if shared && args.demo {
        return Err(CliError::bad_input(
            "--demo fills a personal data directory; a shared database holds its accounts' own searches",
            "leave out --demo, or try the sample without --database",
        ));
    }
    // On a shared database every person signs in with their own account.
    let password_hash = if open_beyond && !shared {
        let password = web_password()?.ok_or_else(|| {
            CliError::bad_input(
                format!(
                    "--listen {} opens followup to your network, so it needs a password",
                    args.listen
                ),
                format!(
                    "keep one in the OS keyring with `followup serve --set-password` (it reads standard input), or set {PASSWORD_VARIABLE}"
                ),
            )
        })?;
        Some(
            hash_password(&password)
                .map_err(|e| CliError::failure(format!("cannot hash the web password: {e}")))?,
        )
    } else {
        None
    };
    // The Compose page checks drafts as they are typed, and the debrief previews each detail
    // as it is typed: harper and the composer's tagger load while the server starts.
    followup_language::Harper::shared_and_ready();
    followup_compose::reading::warm_up();
    let store = if shared {
        ctx.open_shared().await?
    } else {
        ctx.open().await?
    };
    // The accounts' mail passwords are sealed with the server's key.
    let server_key = if shared {
        ServerKey::from_env()?.map(std::sync::Arc::new)
    } else {
        None
    };
    if args.demo {
        match crate::demo::fill(ctx, &store).await? {
            Filled::Now(files) => output::line(format!(
                "Filled {} with a sample: {} applications for Sam Rivera.",
                store.path().display(),
                files.len()
            ))?,
            Filled::Already(_) => {}
            Filled::Theirs(n) => output::line(paint(
                DIM,
                format!(
                    "{} holds your own {n} applications: the sample is left out.",
                    store.path().display()
                ),
            ))?,
        }
    }
    // On a shared database each account has its own feed secret, kept with its data.
    let calendar_token = if shared {
        String::new()
    } else {
        store.meta_or_insert("calendar_token", random_token).await?
    };
    let listener = tokio::net::TcpListener::bind((args.listen, args.port))
        .await
        .map_err(|e| {
            CliError::bad_input(
                format!("cannot listen on {}:{}: {e}", args.listen, args.port),
                "choose another port with --port, or 0 for any free one",
            )
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| CliError::failure(format!("cannot read the port: {e}")))?
        .port();
    let shown_host = match args.listen {
        a if a.is_unspecified() || a.is_loopback() => {
            if open_beyond {
                hosts[0].clone()
            } else {
                "127.0.0.1".to_string()
            }
        }
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    };
    let url = format!("http://{shown_host}:{port}/");
    // The daily digest links to the drafts here.
    if !shared {
        store
            .set_meta(followup_actions::digest::WEB_URL_KEY, &url)
            .await?;
    }
    output::line(format!("followup is at {url}"))?;
    if shared {
        output::line(paint(
            DIM,
            format!(
                "It serves the accounts of {} (each signs in with their email and password); put it behind HTTPS before others use it.",
                store.path().display()
            ),
        ))?;
        if server_key.is_none() {
            crate::warn(
                "FOLLOWUP_SERVER_KEY is not set: accounts cannot keep mail passwords, and only servers that take no login can send (make one with `followup users key`)",
            );
        }
    } else if open_beyond {
        output::line(paint(
            DIM,
            format!(
                "It listens on {} and asks for the password; traffic is not encrypted, so use it on a network you trust.",
                args.listen
            ),
        ))?;
    }
    if !shared {
        output::line(format!(
            "Calendar feed (keep the link private): {url}calendar.ics?token={calendar_token}"
        ))?;
    }
    // One person's worker holds a lease on their outbox and mailbox; on a shared database
    // every `serve` runs a worker that leases due emails of any account.
    let shared_worker = (!args.no_worker && shared).then(|| {
        SharedWorker::new(
            store.clone(),
            server_key.clone(),
            if ctx.now_given {
                Clock::Fixed(ctx.now)
            } else {
                Clock::Wall
            },
            jiff::SignedDuration::from_mins(i64::from(args.read_every)),
        )
    });
    let worker = (!args.no_worker && !shared).then(|| {
        Worker::new(
            store.clone(),
            worker_settings(
                ctx,
                "serve",
                jiff::SignedDuration::from_mins(i64::from(args.read_every)),
            ),
        )
    });
    output::line(match &worker {
        Some(_) => format!(
            "It sends queued emails at their time and reads replies every {} min (see Settings for the mail servers). Stop with Ctrl-C.",
            args.read_every
        ),
        None if shared_worker.is_some() => {
            format!(
                "It sends every account's queued emails at their time, from each account's own mail server, and reads each account's replies every {} min. Stop with Ctrl-C.",
                args.read_every
            )
        }
        None if shared => {
            "Queued emails wait for a `serve` with its worker. Stop with Ctrl-C.".into()
        }
        None => "Queued emails wait for `followup run`. Stop with Ctrl-C.".into(),
    })?;
    output::flush()?;
    let state = AppState::new(
        store.clone(),
        WebSettings {
            extra_hosts: hosts,
            calendar_token,
            now: ctx.now_given.then_some(ctx.now),
            config_dir: ctx.config_dir.clone(),
            password_hash,
            locale: ctx.locale,
            server_key,
        },
    );
    let state = match (&worker, &shared_worker) {
        (Some(worker), _) => state.with_worker_bell(worker.bell()),
        (None, Some(worker)) => state.with_worker_bell(worker.bell()),
        (None, None) => state,
    };
    let server = async {
        followup_web::serve(listener, state)
            .await
            .map_err(|e| CliError::failure(format!("the server stopped: {e}")))
    };
    let work = async {
        match (&worker, &shared_worker) {
            (Some(worker), _) => work_and_tell(ctx, &store, worker).await,
            (None, Some(worker)) => {
                worker.run(tell_shared).await;
                Ok(())
            }
            (None, None) => std::future::pending().await,
        }
    };
    let result = tokio::select! {
        served = server => served,
        worked = work => worked,
        _ = stop_signal() => Ok(()),
    };
    if let Some(worker) = &worker {
        worker.release().await;
    }
    if let Some(worker) = &shared_worker {
        worker.release().await;
    }
    result
}

/// What the worker of a shared database did, one line each; an account's own content (whom
/// it wrote to) is not the server's to print.
fn tell_shared(event: SharedEvent) {
    let line = match event {
        SharedEvent::Delivered { owner, delivery } => match delivery {
            Delivery::Sent { id, .. } => format!("account {owner}: email {id} sent"),
            Delivery::RetryLater { id, at, .. } => {
                format!("account {owner}: email {id} refused for now; trying again at {at}")
            }
            Delivery::Failed { id, answer } => {
                format!("account {owner}: email {id} failed: {answer}")
            }
            Delivery::Unconfirmed { id, answer } => format!(
                "account {owner}: email {id} may or may not have gone out ({answer}); its owner is asked"
            ),
            Delivery::Skipped { id } => {
                format!("account {owner}: email {id} was taken by another worker")
            }
        },
        SharedEvent::Read { owner, report } => {
            let mut said = Vec::new();
            match &report.replies {
                Some(Ok(read)) if !read.report.entries.is_empty() => {
                    said.push(format!("{} new in the inbox", read.report.entries.len()))
                }
                Some(Err(e)) => said.push(format!("cannot read replies: {e}")),
                _ => {}
            }
            if !report.found_sent.is_empty() {
                said.push(format!(
                    "{} interrupted emails found sent",
                    report.found_sent.len()
                ));
            }
            if report.digest.is_some() {
                said.push("the digest sent".into());
            }
            if !report.deliveries.is_empty() {
                said.push(format!("{} emails delivered", report.deliveries.len()));
            }
            if said.is_empty() {
                return;
            }
            format!("account {owner}: {}", said.join("; "))
        }
        SharedEvent::AccountWaits { owner, error } => {
            format!("account {owner}: its emails wait: {error}")
        }
        SharedEvent::Failed { error, retry_in } => format!(
            "the worker could not go on: {error}; trying again in {} s",
            retry_in.as_secs()
        ),
    };
    let _ = output::line(line).and_then(|()| output::flush());
}

/// The web password: the environment's, else the OS keyring's.
fn web_password() -> CliResult<Option<String>> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE)
        && !password.is_empty()
    {
        return Ok(Some(password));
    }
    followup_mail::secrets::read(KEYRING_USER).map_err(|reason| {
        CliError::bad_input(
            format!("cannot read the web password from the OS keyring: {reason}"),
            format!("set {PASSWORD_VARIABLE} instead"),
        )
    })
}

fn keep_password(set: bool) -> CliResult {
    if !set {
        let had = followup_mail::secrets::forget(KEYRING_USER)?;
        return output::line(if had {
            "Removed the web password from the OS keyring."
        } else {
            "The OS keyring held no web password."
        });
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(output::io_error)?;
    let password = password.trim_end_matches(['\r', '\n']);
    if password.chars().count() < 8 {
        return Err(CliError::bad_input(
            "the web password must have at least 8 characters",
            "pipe a longer one in, e.g. from your password manager: pass show followup | followup serve --set-password",
        ));
    }
    followup_mail::secrets::keep(KEYRING_USER, password)?;
    output::line(
        "Kept the web password in the OS keyring; `followup serve --listen 0.0.0.0 --host NAME` now asks for it.",
    )
}
