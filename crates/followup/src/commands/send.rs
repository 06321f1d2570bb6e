//! `followup send`, `run`, `outbox`, `export-eml` and `mailto`: a follow-up leaves the
//! machine, once.

use std::path::Path;

use followup_actions::worker::{Clock, Notice, PassReport, Worker, WorkerEvent, WorkerSettings};
use followup_actions::{
    FollowUp, SendAt, SendOutcome, SendRequest, as_text, log_done_by_hand, recipient_address,
    send_follow_up, sender_of,
};
use followup_core::{ApplicationFile, Channel};
use followup_language::Harper;
use followup_mail::config::{Endpoint, MailConfig, Service};
use followup_mail::message::{Outgoing, Party, mailto, new_message_id, render};
use followup_mail::outbox::{CrashPoint, Delivery};
use followup_store::{OutboxEntry, OutboxState, Store};
use jiff::tz::TimeZone;

use crate::cli::{ExportEmlArgs, MailtoArgs, OutboxArgs, OutboxCommand, RunArgs, SendArgs};
use crate::commands::check::print as print_findings;
use crate::commands::templates::user_templates;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

/// Exit code when the check finds errors and --force was not given (as `followup check`).
const EXIT_FINDINGS: u8 = 1;

/// Loads the follow-up with its text: `--file`, else the saved draft, else a fresh draft.
async fn prepare(
    ctx: &Ctx,
    store: &Store,
    app: &str,
    action: &str,
    file_arg: Option<&Path>,
) -> CliResult<FollowUp> {
    let templates = user_templates(ctx)?;
    let text = match file_arg {
        Some(path) => Some(crate::commands::record::read_message(path)?),
        None => None,
    };
    Ok(FollowUp::load(store, app, action, ctx.now, &templates, text, ctx.locale).await?)
}

/// How a worker started by this process runs: `who` is what another process is told of it,
/// `read_every` how often it reads replies.
pub(crate) fn worker_settings(
    ctx: &Ctx,
    who: &str,
    read_every: jiff::SignedDuration,
) -> WorkerSettings {
    WorkerSettings {
        config_dir: ctx.config_dir.clone(),
        who: format!("followup {who} (pid {})", std::process::id()),
        read_every,
        clock: if ctx.now_given {
            Clock::Fixed(ctx.now)
        } else {
            Clock::Wall
        },
        crash_at: crash_point(),
        lease: worker_lease(),
    }
}

/// How long the worker's lease lasts: `FOLLOWUP_WORKER_LEASE_SECS`, a test hook for crash
/// trials that should not wait half a minute for a killed worker's lease to run out.
fn worker_lease() -> jiff::SignedDuration {
    std::env::var("FOLLOWUP_WORKER_LEASE_SECS")
        .ok()
        .and_then(|v| v.parse::<u16>().ok())
        .filter(|s| *s > 0)
        .map(|s| jiff::SignedDuration::from_secs(i64::from(s)))
        .unwrap_or(followup_actions::worker::LEASE)
}

/// `FOLLOWUP_CRASH_AT`: a test hook that stops the process dead at one step of a delivery.
fn crash_point() -> Option<CrashPoint> {
    std::env::var("FOLLOWUP_CRASH_AT")
        .ok()
        .and_then(|v| CrashPoint::parse(&v))
}

pub async fn send(ctx: &Ctx, args: SendArgs) -> CliResult {
    let store = ctx.open().await?;
    let p = prepare(ctx, &store, &args.app, &args.action, args.file.as_deref()).await?;
    if p.planned.channel != Channel::Email && p.planned.status.is_open() {
        return by_hand(ctx, &store, &p, args.yes).await;
    }
    let config = MailConfig::load(&ctx.config_dir)?;
    let at = SendAt::parse(
        "--at",
        args.at.as_deref().unwrap_or("now"),
        ctx.now,
        &p.zone,
    )?;
    Harper::warm_up();
    let templates = user_templates(ctx)?;
    let request = SendRequest {
        at,
        force: args.force,
        crash_at: crash_point(),
    };
    let outcome = send_follow_up(
        &store,
        &config,
        &p,
        &templates,
        Harper::shared(),
        request,
        ctx.now,
    )
    .await?;
    store.close().await;
    let text = p.text();
    let report = match &outcome {
        SendOutcome::Refused { report } => {
            print_findings(&p.action.to_string(), &text, report)?;
            output::flush()?;
            return Err(CliError {
                message: format!(
                    "not sent: the check found {}",
                    crate::commands::check::counted(report.summary.errors, "error")
                ),
                hint: Some(format!(
                    "fix the draft and keep it with `followup draft {} {} --save FILE`, or send it as it is with --force",
                    args.app, p.action
                )),
                code: EXIT_FINDINGS,
            });
        }
        SendOutcome::Queued { report, .. } | SendOutcome::Delivered { report, .. } => report,
    };
    if !report.diagnostics.is_empty() && !ctx.json {
        print_findings(&p.action.to_string(), &text, report)?;
    }
    match outcome {
        SendOutcome::Refused { .. } => Ok(()),
        SendOutcome::Queued { entry, no_smtp, .. } => {
            if ctx.json {
                return output::json(&entry);
            }
            if no_smtp {
                crate::warn(
                    "no SMTP server is set up yet: `followup mail set --smtp URL` before it is due",
                );
            }
            output::line(format!(
                "Queued {} to {} for {} (outbox {}). The worker (`followup run`, or `followup serve`) sends it then.",
                paint(BOLD, &p.action),
                p.person.name,
                output::local(
                    followup_core::Moment::in_zone(entry.send_after, &p.zone),
                    &p.zone
                ),
                entry.id
            ))
        }
        SendOutcome::Delivered {
            entry,
            delivery,
            no_sent_folder,
            after,
            ..
        } => {
            if no_sent_folder {
                crate::warn(&Notice::NoSentFolder.to_string());
            }
            if ctx.json {
                return output::json(&delivery);
            }
            report_delivery(&delivery, &entry, &p.zone)?;
            if matches!(delivery, Delivery::Sent { .. }) {
                next_step(ctx, &after, &p.zone)?;
            }
            match delivery {
                Delivery::Sent { .. } | Delivery::Skipped { .. } => Ok(()),
                Delivery::RetryLater { .. } => Err(CliError {
                    message: "not sent yet: the server asked to try later".into(),
                    hint: Some(
                        "the worker (`followup run`, or `followup serve`) retries it when due"
                            .into(),
                    ),
                    code: crate::error::EXIT_FAILURE,
                }),
                Delivery::Failed { answer, .. } => Err(CliError {
                    message: format!("not sent: {answer}"),
                    hint: Some(
                        "check `followup mail show`; the email stays in the outbox as failed"
                            .into(),
                    ),
                    code: crate::error::EXIT_FAILURE,
                }),
                Delivery::Unconfirmed { id, .. } => Err(unconfirmed_error(id)),
            }
        }
    }
}

fn unconfirmed_error(id: i64) -> CliError {
    CliError {
        message: format!(
            "outbox {id} may or may not have gone out: the connection broke as it was handed over"
        ),
        hint: Some(format!(
            "look in your Sent folder, then: followup outbox resolve {id} --sent (or --not-sent); with IMAP set up, `followup run` checks for you"
        )),
        code: crate::error::EXIT_FAILURE,
    }
}

fn report_delivery(result: &Delivery, entry: &OutboxEntry, zone: &TimeZone) -> CliResult {
    let what = format!(
        "{} to {} <{}>",
        paint(BOLD, &entry.action),
        entry.recipient_name,
        entry.recipient
    );
    match result {
        Delivery::Sent { id, copy, .. } => {
            output::line(format!(
                "Sent {what} (outbox {id}, Message-ID <{}>).",
                entry.message_id
            ))?;
            match copy {
                Some(Ok(folder)) => output::line(paint(DIM, format!("A copy is in {folder}."))),
                Some(Err(why)) => {
                    crate::warn(&format!("no copy was filed in the Sent folder: {why}"));
                    Ok(())
                }
                None => Ok(()),
            }
        }
        Delivery::RetryLater { id, at, answer } => output::line(format!(
            "Not sent yet: {answer}. Outbox {id} will be tried again at {}.",
            output::local(followup_core::Moment::in_zone(*at, zone), zone)
        )),
        Delivery::Failed { id, answer } => {
            output::line(format!("Failed {what} (outbox {id}): {answer}"))
        }
        Delivery::Unconfirmed { id, answer } => {
            output::line(format!("Unconfirmed {what} (outbox {id}): {answer}"))
        }
        Delivery::Skipped { id } => output::line(format!(
            "Outbox {id} was already being sent by another followup process."
        )),
    }
}

/// After a send, the follow-up that comes next for this application.
fn next_step(ctx: &Ctx, file: &ApplicationFile, zone: &TimeZone) -> CliResult {
    let plan = followup_plan::plan(file, ctx.now);
    let next = plan
        .actions
        .iter()
        .filter(|a| a.status.is_open() && !a.optional)
        .min_by_key(|a| a.opens.timestamp());
    match next {
        Some(a) => output::line(paint(
            DIM,
            format!(
                "Next for {}: {} opens {}.",
                file.application.id,
                a.name(),
                output::local(a.opens, zone)
            ),
        )),
        None => output::line(paint(
            DIM,
            format!("Nothing more is planned for {}.", file.application.id),
        )),
    }
}

/// A LinkedIn note, a card or a call: printed for the user, logged once they say it is done.
async fn by_hand(ctx: &Ctx, store: &Store, p: &FollowUp, yes: bool) -> CliResult {
    let how = match p.planned.channel {
        Channel::Linkedin => "Paste this into LinkedIn",
        Channel::Phone => "Your notes for the call",
        Channel::Post => "Write this on the card",
        Channel::Email => unreachable!("email is sent, not printed"),
    };
    output::line(paint(
        DIM,
        format!("{how} ({} to {}):", p.action, p.person.name),
    ))?;
    output::line("")?;
    output::line(as_text(p.subject.as_deref(), &p.body).trim_end())?;
    output::line("")?;
    let confirmed = if yes {
        true
    } else if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        output::line("Done? Log it now [y/N] ")?;
        output::flush()?;
        let mut answer = String::new();
        std::io::stdin()
            .read_line(&mut answer)
            .map_err(output::io_error)?;
        matches!(answer.trim(), "y" | "Y" | "yes" | "Yes")
    } else {
        false
    };
    if !confirmed {
        return output::line(paint(
            DIM,
            format!(
                "Not logged. Once it is done: followup log {} --channel {}",
                p.action, p.planned.channel
            ),
        ));
    }
    let at = ctx.now_moment(&p.zone);
    log_done_by_hand(store, p, at).await?;
    output::line(format!(
        "Logged {} by {} at {}.",
        paint(BOLD, &p.action),
        p.planned.channel,
        output::local(at, &p.zone)
    ))
}

pub async fn export_eml(ctx: &Ctx, args: ExportEmlArgs) -> CliResult {
    let store = ctx.open().await?;
    let p = prepare(ctx, &store, &args.app, &args.action, None).await?;
    store.close().await;
    let config = MailConfig::load(&ctx.config_dir)?;
    let sender = sender_of(&p.file.profile, &config, &p.zone)?;
    let to = recipient_address(&p)?;
    let raw = render(&Outgoing {
        from: sender.from.clone(),
        to: Party {
            name: p.person.name.clone(),
            address: to,
        },
        reply_to: sender.reply_to.clone(),
        subject: p.subject.clone().unwrap_or_default(),
        body: p.body.clone(),
        message_id: new_message_id(ctx.now, &sender.from.address),
        date: ctx.now,
    })?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &raw)
                .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
            output::line(format!(
                "Wrote {} ({} to {}). Open it in your mail program, send it, then: followup log {}",
                path.display(),
                p.action,
                p.person.name,
                p.action
            ))
        }
        None => output::raw(&raw),
    }
}

pub async fn mailto_link(ctx: &Ctx, args: MailtoArgs) -> CliResult {
    let store = ctx.open().await?;
    let p = prepare(ctx, &store, &args.app, &args.action, None).await?;
    store.close().await;
    let to = recipient_address(&p)?;
    output::line(mailto(
        &to,
        p.subject.as_deref().unwrap_or_default(),
        &p.body,
    ))
}

pub async fn outbox_command(ctx: &Ctx, args: OutboxArgs) -> CliResult {
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    match args.command.unwrap_or(OutboxCommand::List) {
        OutboxCommand::List => {
            let entries = store.outbox(&[]).await?;
            store.close().await;
            if ctx.json {
                return output::json(&entries);
            }
            if entries.is_empty() {
                return output::line("The outbox is empty.");
            }
            let rows = entries
                .iter()
                .map(|e| {
                    let when = match (e.state, e.sent_at) {
                        (OutboxState::Sent, Some(at)) => output::local(at, &zone),
                        _ => output::local(
                            followup_core::Moment::in_zone(e.send_after.max(e.next_attempt), &zone),
                            &zone,
                        ),
                    };
                    vec![
                        e.id.to_string().into(),
                        e.state.as_str().into(),
                        when.into(),
                        e.application_id.clone().into(),
                        e.action.clone().into(),
                        format!("{} <{}>", e.recipient_name, e.recipient).into(),
                        output::or_dash(e.last_error.as_deref()).into(),
                    ]
                })
                .collect();
            output::table(
                &["#", "STATE", "WHEN", "APP", "ACTION", "TO", "SERVER SAID"],
                rows,
            )?;
            if entries.iter().any(|e| e.state == OutboxState::Sending) {
                output::line(paint(
                    DIM,
                    "An email still 'sending' may have gone out: check your Sent folder, then `followup outbox resolve N --sent` or `--not-sent`.",
                ))?;
            }
            Ok(())
        }
        OutboxCommand::Resolve { id, sent, .. } => {
            let at = followup_core::Moment::in_zone(ctx.now, &zone);
            let entry = followup_actions::settle_email(&store, id, sent, at).await?;
            store.close().await;
            if sent {
                output::line(format!("Recorded outbox {id} ({}) as sent.", entry.action))
            } else {
                output::line(format!(
                    "Outbox {id} ({}) is queued again; `followup run` sends it.",
                    entry.action
                ))
            }
        }
        OutboxCommand::Cancel { id } => {
            let entry = followup_actions::withdraw_email(&store, id).await?;
            store.close().await;
            output::line(format!("Cancelled outbox {id} ({}).", entry.action))
        }
    }
}

/// What one pass of the worker did, a line each.
async fn print_pass(ctx: &Ctx, store: &Store, report: &PassReport) -> CliResult {
    let zone = profile_zone(store.profile().await?.as_ref())?;
    for (id, folder) in &report.found_sent {
        output::line(format!("Outbox {id}: found in {folder}; recorded as sent."))?;
    }
    for notice in &report.notices {
        crate::warn(&notice.to_string());
    }
    for (entry, delivery) in &report.deliveries {
        report_delivery(delivery, entry, &zone)?;
    }
    if let Some(digest) = &report.digest {
        output::line(format!(
            "Sent today's digest to {}: {} overdue, {} due.",
            digest.to, digest.overdue, digest.due_today
        ))?;
    }
    if let Some(Ok(replies)) = &report.replies {
        crate::commands::inbox::print_sync(ctx, replies, &zone)?;
    }
    Ok(())
}

pub async fn run(ctx: &Ctx, args: RunArgs) -> CliResult {
    let store = ctx.open().await?;
    let config = MailConfig::load(&ctx.config_dir)?;
    if config.smtp.is_none() && config.imap.is_none() {
        return Err(CliError::bad_input(
            "no mail server is set up: the worker would have nothing to do",
            "set them up with `followup mail set --smtp URL --imap URL`",
        ));
    }
    let worker = Worker::new(
        store.clone(),
        worker_settings(
            ctx,
            "run",
            jiff::SignedDuration::from_secs(args.interval.max(1) as i64),
        ),
    );
    if args.once {
        let report = worker.once().await?;
        print_pass(ctx, &store, &report).await?;
        store.close().await;
        return match report.replies {
            Some(Err(e)) => Err(e.into()),
            _ => Ok(()),
        };
    }
    if !ctx.json {
        let describe = |service, url: Option<&String>| match url {
            Some(url) => Endpoint::parse(service, url)
                .map(|e| e.describe())
                .unwrap_or_else(|_| url.clone()),
            None => "nothing (not set up)".into(),
        };
        output::line(format!(
            "Sending through {}, reading replies from {} every {} s. Stop with Ctrl-C: nothing is lost.",
            describe(Service::Smtp, config.smtp.as_ref().map(|s| &s.url)),
            describe(Service::Imap, config.imap.as_ref().map(|s| &s.url)),
            args.interval.max(1)
        ))?;
        output::flush()?;
    }
    tokio::select! {
        shown = work_and_tell(ctx, &store, &worker) => shown,
        _ = stop_signal() => {
            worker.release().await;
            store.close().await;
            Ok(())
        }
    }
}

/// Runs the worker, printing what it does as it goes; ends only when printing fails.
pub(crate) async fn work_and_tell(ctx: &Ctx, store: &Store, worker: &Worker) -> CliResult {
    // A pass's replies are printed with what the store says of them, so the printing runs
    // beside the worker rather than inside its callback.
    let (events, mut printed) = tokio::sync::mpsc::unbounded_channel::<WorkerEvent>();
    let work = worker.run(|event| {
        let _ = events.send(event);
    });
    let print = async {
        while let Some(event) = printed.recv().await {
            let shown = match event {
                WorkerEvent::Waiting(other) => output::line(format!(
                    "{} is the worker for this data directory; this one waits and takes over if it stops.",
                    other.who
                )),
                WorkerEvent::TookOver => output::line("This process is the worker now."),
                WorkerEvent::Pass(report) => {
                    if let Some(Err(e)) = &report.replies {
                        crate::warn(&format!("cannot read replies: {}", with_hint(e)));
                    }
                    print_pass(ctx, store, &report).await
                }
                WorkerEvent::Failed { error, retry_in } => {
                    crate::warn(&format!(
                        "{}; trying again in {} s",
                        with_hint(&error),
                        retry_in.as_secs()
                    ));
                    Ok(())
                }
            };
            shown.and_then(|()| output::flush())?;
        }
        Ok::<(), CliError>(())
    };
    tokio::select! {
        () = work => Ok(()),
        shown = print => shown,
    }
}

/// An error with its hint, on one line.
fn with_hint(error: &followup_actions::ActionsError) -> String {
    match error.hint() {
        Some(hint) => format!("{error} ({hint})"),
        None => error.to_string(),
    }
}

/// Resolves when the user asks the process to stop (Ctrl-C, or SIGTERM from a service
/// manager), so the worker can give its lease up on the way out.
pub(crate) async fn stop_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        Some(()) = async { match term.as_mut() { Some(t) => t.recv().await, None => std::future::pending().await } } => {}
    }
}
