//! `followup sync`, `inbox` and `mail`: what came back, the user's word on it, and where
//! the mail servers are.

use std::io::Read;

use followup_actions::RepliesRead;
use followup_mail::config::{Endpoint, MailConfig, Service};
use followup_store::{InboxEntry, InboxState};
use jiff::tz::TimeZone;

use crate::cli::{InboxArgs, InboxCommand, MailCommand};
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

pub async fn sync(ctx: &Ctx) -> CliResult {
    let store = ctx.open().await?;
    let config = MailConfig::load(&ctx.config_dir)?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    let read = followup_actions::read_replies(&store, &config, &zone, ctx.now).await?;
    store.close().await;
    print_sync(ctx, &read, &zone)
}

/// What a sync found, one line per new entry, with the check-in an auto-reply held.
pub fn print_sync(ctx: &Ctx, read: &RepliesRead, zone: &TimeZone) -> CliResult {
    if ctx.json {
        return output::json(read);
    }
    let report = &read.report;
    for entry in &report.entries {
        output::line(describe(entry, zone))?;
        for held in read.held.iter().filter(|h| h.entry == entry.id) {
            output::line(paint(
                DIM,
                format!(
                    "  {} now opens {}.",
                    held.action,
                    output::local(held.opens, zone)
                ),
            ))?;
        }
    }
    let waiting = report
        .entries
        .iter()
        .filter(|e| e.state == InboxState::Proposed)
        .count();
    output::line(format!(
        "Read {} new message{}: {} to confirm, {} unrelated or automatic.",
        report.read,
        if report.read == 1 { "" } else { "s" },
        waiting,
        report.ignored
    ))?;
    if waiting > 0 {
        output::line(paint(
            DIM,
            "Accept or dismiss each with `followup inbox accept N` / `followup inbox dismiss N`.",
        ))?;
    }
    Ok(())
}

fn describe(entry: &InboxEntry, zone: &TimeZone) -> String {
    let when = output::local(entry.received_at, zone);
    if entry.automatic {
        let back = entry
            .away_until
            .map(|d| d.strftime("%a %Y-%m-%d").to_string())
            .unwrap_or_default();
        return format!(
            "{:>3}  {}  {}  automatic reply from {}: away until {back}; check-ins wait.",
            entry.id, entry.application_id, when, entry.sender
        );
    }
    let outcome = entry.outcome.map(|o| o.to_string()).unwrap_or_default();
    let decision = entry
        .decision_expected_by
        .map(|d| format!(", decision by {}", output::decision(&d, zone)))
        .unwrap_or_default();
    format!(
        "{:>3}  {}  {}  {} — proposed: {}{decision}\n     {:?}",
        entry.id,
        entry.application_id,
        when,
        entry.sender,
        paint(BOLD, outcome),
        entry.excerpt
    )
}

pub async fn inbox(ctx: &Ctx, args: InboxArgs) -> CliResult {
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    match args.command.unwrap_or(InboxCommand::List { all: false }) {
        InboxCommand::List { all } => {
            let states: &[InboxState] = if all { &[] } else { &[InboxState::Proposed] };
            let entries = store.inbox(states).await?;
            store.close().await;
            if ctx.json {
                return output::json(&entries);
            }
            if entries.is_empty() {
                return output::line(if all {
                    "Nothing has come back yet. `followup sync` reads new mail."
                } else {
                    "Nothing waits for your word. `followup sync` reads new mail."
                });
            }
            for entry in &entries {
                let mut line = describe(entry, &zone);
                if all {
                    line.push_str(&format!(" [{}]", entry.state.as_str()));
                }
                output::line(line)?;
            }
            Ok(())
        }
        InboxCommand::Accept {
            id,
            outcome,
            decision_by,
        } => {
            let now = ctx.now_in(&zone);
            let followup_actions::Recorded {
                response,
                file,
                new_stage,
            } = followup_actions::accept_reply(
                &store,
                id,
                ("--outcome", outcome.as_deref()),
                ("--decision-by", decision_by.as_deref()),
                &now,
            )
            .await?;
            store.close().await;
            if ctx.json {
                return output::json(&response);
            }
            output::line(format!(
                "Recorded {} for {} ({} — {}).",
                paint(BOLD, response.outcome),
                file.application.id,
                file.application.company,
                file.application.role
            ))?;
            if let Some(stage) = new_stage {
                output::line(format!("Stage: {} → {stage}.", file.application.stage))?;
            }
            Ok(())
        }
        InboxCommand::Dismiss { id } => {
            followup_actions::dismiss_reply(&store, id).await?;
            store.close().await;
            output::line(format!("Dismissed inbox {id}; nothing was recorded."))
        }
    }
}

pub async fn mail(ctx: &Ctx, command: MailCommand) -> CliResult {
    if ctx.database.is_some() {
        return account_mail(ctx, command).await;
    }
    match command {
        MailCommand::Show => {
            let config = MailConfig::load(&ctx.config_dir)?;
            let path = ctx.config_dir.join(followup_mail::config::CONFIG_FILE);
            output::line(format!("Settings: {}", path.display()))?;
            for (service, url) in [
                (Service::Smtp, config.smtp.as_ref().map(|s| s.url.as_str())),
                (Service::Imap, config.imap.as_ref().map(|s| s.url.as_str())),
            ] {
                let Some(url) = url else {
                    output::line(format!("{}: not set", service.as_str()))?;
                    continue;
                };
                let endpoint = Endpoint::parse(service, url)?;
                let password = match endpoint.password() {
                    Ok(Some(_)) => "a password is available",
                    Ok(None) => "no login",
                    Err(_) => "no password found",
                };
                let security = match endpoint.security {
                    followup_mail::Security::None => "in the clear",
                    followup_mail::Security::Opportunistic => "STARTTLS when offered",
                    followup_mail::Security::StartTls => "STARTTLS",
                    followup_mail::Security::Implicit => "TLS",
                };
                output::line(format!(
                    "{}: {} ({security}; {password})",
                    service.as_str(),
                    endpoint.describe(),
                ))?;
            }
            if let Some(r) = config.smtp.as_ref().and_then(|s| s.reply_to.as_deref()) {
                output::line(format!("reply-to: {r}"))?;
            }
            if let Some(f) = config.imap.as_ref().and_then(|s| s.sent_folder.as_deref()) {
                output::line(format!("sent folder: {f}"))?;
            }
            if config.imap.as_ref().is_some_and(|s| s.save_sent) {
                output::line("a copy of each email sent is filed there")?;
            }
            Ok(())
        }
        MailCommand::Set {
            smtp,
            imap,
            reply_to,
            sent_folder,
            save_sent,
            ca_file,
            digest,
        } => {
            let mut config = MailConfig::load_file(&ctx.config_dir)?;
            config.apply(followup_mail::config::MailChanges {
                smtp,
                imap,
                reply_to,
                sent_folder,
                save_sent,
                digest,
            })?;
            if let Some(file) = ca_file {
                if !file.is_file() {
                    return Err(CliError::bad_input(
                        format!("--ca-file: {} is not a readable file", file.display()),
                        "give a PEM file of certificates",
                    ));
                }
                for ca in [
                    config.smtp.as_mut().map(|s| &mut s.ca_file),
                    config.imap.as_mut().map(|s| &mut s.ca_file),
                ]
                .into_iter()
                .flatten()
                {
                    *ca = Some(file.clone());
                }
            }
            let path = config.save(&ctx.config_dir)?;
            output::line(format!("Saved {}.", path.display()))
        }
        MailCommand::Password { service, forget } => {
            let service = mail_service(&service)?;
            let config = MailConfig::load(&ctx.config_dir)?;
            let url = match service {
                Service::Smtp => config.smtp.map(|s| s.url),
                Service::Imap => config.imap.map(|s| s.url),
            }
            .ok_or_else(|| {
                CliError::bad_input(
                    format!("no {} server is set up", service.as_str()),
                    format!("set it first: followup mail set --{} URL", service.as_str()),
                )
            })?;
            let endpoint = Endpoint::parse(service, &url)?;
            if forget {
                let had = endpoint.forget_password()?;
                return output::line(if had {
                    format!(
                        "Removed the {} password for {} from the OS keyring.",
                        service.as_str(),
                        endpoint.describe()
                    )
                } else {
                    format!(
                        "The OS keyring held no {} password for {}.",
                        service.as_str(),
                        endpoint.describe()
                    )
                });
            }
            let password = password_from_stdin(service)?;
            endpoint.store_password(&password)?;
            output::line(format!(
                "Kept the {} password for {} in the OS keyring.",
                service.as_str(),
                endpoint.describe()
            ))
        }
    }
}

/// The SERVICE of `followup mail password`.
fn mail_service(text: &str) -> CliResult<Service> {
    match text {
        "smtp" => Ok(Service::Smtp),
        "imap" => Ok(Service::Imap),
        other => Err(CliError::bad_input(
            format!("SERVICE: {other:?} is not smtp or imap"),
            "run: followup mail password smtp   (or imap)",
        )),
    }
}

/// A password for `service` from standard input, without its line end.
fn password_from_stdin(service: Service) -> CliResult<String> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(output::io_error)?;
    let password = password.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err(CliError::bad_input(
            "no password came in on standard input",
            format!(
                "pipe it in, e.g. from your password manager: pass show mail | followup mail password {}",
                service.as_str()
            ),
        ));
    }
    Ok(password.to_string())
}

/// `followup mail` on a shared database: the settings of the account acted for, kept with its
/// data, its passwords sealed with the server's key.
async fn account_mail(ctx: &Ctx, command: MailCommand) -> CliResult {
    use followup_actions::account_mail::{
        account_password_kept, forget_account_password, keep_account_password,
        load_account_settings, save_account_mail,
    };
    let store = ctx.open().await?;
    match command {
        MailCommand::Show => {
            let config = load_account_settings(&store).await?;
            for (service, url) in [
                (Service::Smtp, config.smtp.as_ref().map(|s| s.url.as_str())),
                (Service::Imap, config.imap.as_ref().map(|s| s.url.as_str())),
            ] {
                let Some(url) = url else {
                    output::line(format!("{}: not set", service.as_str()))?;
                    continue;
                };
                let endpoint = Endpoint::parse(service, url)?;
                let kept = if account_password_kept(&store, service).await? {
                    "a password is kept, sealed"
                } else {
                    "no password kept"
                };
                output::line(format!(
                    "{}: {} ({kept})",
                    service.as_str(),
                    endpoint.describe()
                ))?;
            }
            Ok(())
        }
        MailCommand::Set {
            smtp,
            imap,
            reply_to,
            sent_folder,
            save_sent,
            ca_file,
            digest,
        } => {
            if ca_file.is_some() {
                return Err(CliError::bad_input(
                    "--ca-file names a file of this machine, which an account on a shared database cannot use",
                    "leave it out; the server trusts the usual certificate authorities",
                ));
            }
            let mut config = load_account_settings(&store).await?;
            config.apply(followup_mail::config::MailChanges {
                smtp,
                imap,
                reply_to,
                sent_folder,
                save_sent,
                digest,
            })?;
            save_account_mail(&store, &config).await?;
            output::line("Saved the account's mail settings.")
        }
        MailCommand::Password { service, forget } => {
            let service = mail_service(&service)?;
            if forget {
                let had = forget_account_password(&store, service).await?;
                return output::line(if had {
                    format!("Forgot the account's {} password.", service.as_str())
                } else {
                    format!("The account kept no {} password.", service.as_str())
                });
            }
            let password = password_from_stdin(service)?;
            let key = followup_mail::sealed::ServerKey::from_env()?;
            keep_account_password(&store, key.as_ref(), service, &password).await?;
            output::line(format!(
                "Kept the account's {} password, sealed with the server's key.",
                service.as_str()
            ))
        }
    }
}
