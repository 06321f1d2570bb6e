//! `followup send`, `run`, `outbox`, `export-eml` and `mailto`: a follow-up leaves the
//! machine, once.

use std::path::Path;

use followup_actions::{
    FollowUp, as_text, check_context, imap_of, recipient_address, sender_of, sent_copy, smtp_of,
};
use followup_check::check;
use followup_core::when::parse_moment;
use followup_core::{ApplicationFile, Channel, Touchpoint};
use followup_language::Harper;
use followup_mail::config::{Endpoint, MailConfig, Service};
use followup_mail::message::{Outgoing, Party, mailto, new_message_id, render};
use followup_mail::outbox::{self, CrashPoint, Delivery, Sender, Settled};
use followup_plan::ActionStatus;
use followup_store::{NewEmail, OutboxEntry, OutboxState, Store};
use jiff::Timestamp;
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

/// `FOLLOWUP_CRASH_AT`: a test hook that stops the process dead at one step of a delivery.
fn crash_point() -> Option<CrashPoint> {
    std::env::var("FOLLOWUP_CRASH_AT")
        .ok()
        .and_then(|v| CrashPoint::parse(&v))
}

pub async fn send(ctx: &Ctx, args: SendArgs) -> CliResult {
    let store = ctx.open().await?;
    let p = prepare(ctx, &store, &args.app, &args.action, args.file.as_deref()).await?;
    if matches!(
        p.planned.status,
        ActionStatus::Done | ActionStatus::Cancelled
    ) {
        return Err(CliError::bad_input(
            format!(
                "ACTION: {} is {} already",
                p.action,
                p.planned.status.as_str()
            ),
            format!("see what is open with: followup plan {}", args.app),
        ));
    }
    if p.planned.channel != Channel::Email {
        return by_hand(ctx, &store, &p, args.yes).await;
    }
    let config = MailConfig::load(&ctx.config_dir)?;
    let sender = sender_of(&p.file, &config, &p.zone)?;
    let to = recipient_address(&p)?;
    followup_mail::headers::address("recipient email", &to)?;
    let subject = p
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            CliError::bad_input(
                "the email has no subject",
                "start the draft with a line \"Subject: …\" and a blank line",
            )
        })?;

    let now_local = ctx.now_in(&p.zone);
    let send_after = match args.at.as_deref() {
        None | Some("now") => ctx.now,
        Some("suggested") => p.planned.suggested.timestamp().max(ctx.now),
        Some(when) => parse_moment("--at", when, &now_local, &p.zone)?
            .timestamp()
            .max(ctx.now),
    };

    // The check, as `followup check APP ACTION` runs it, judged for when it will go out.
    Harper::warm_up();
    let templates = user_templates(ctx)?;
    let context = check_context(
        &store,
        &p.file,
        &p.plan,
        &p.action,
        p.planned.channel,
        &templates,
        send_after,
    )
    .await?;
    let text = as_text(Some(&subject), &p.body);
    let report = check(&text, &context, Harper::shared());
    if report.has_errors() && !args.force {
        print_findings(&p.action.to_string(), &text, &report)?;
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
    if !report.diagnostics.is_empty() && !ctx.json {
        print_findings(&p.action.to_string(), &text, &report)?;
    }

    let sending_now = send_after <= ctx.now;
    // Settings problems surface before anything is queued.
    let smtp = if sending_now {
        Some(smtp_of(&config)?)
    } else {
        None
    };
    let email = NewEmail {
        message_id: new_message_id(ctx.now, &sender.from.address),
        application_id: p.file.application.id.clone(),
        action: p.action.to_string(),
        recipient_name: p.person.name.clone(),
        recipient: to.trim().to_string(),
        subject,
        body: p.body.clone(),
        send_after,
    };
    let entry = store.queue_email(&email, ctx.now_moment(&p.zone)).await?;
    let Some(smtp) = smtp else {
        store.close().await;
        if ctx.json {
            return output::json(&entry);
        }
        if config.smtp.is_none() {
            crate::warn(
                "no SMTP server is set up yet: `followup mail set --smtp URL` before it is due",
            );
        }
        return output::line(format!(
            "Queued {} to {} for {} (outbox {}). `followup run` sends it then.",
            paint(BOLD, &p.action),
            p.person.name,
            output::local(followup_core::Moment::in_zone(send_after, &p.zone), &p.zone),
            entry.id
        ));
    };
    let mut imap = if config.imap.as_ref().is_some_and(|i| i.save_sent) {
        imap_of(&config).await?
    } else {
        None
    };
    let wants_copy = imap.as_ref().is_some_and(|a| a.save_sent);
    let mut copy = sent_copy(&mut imap).await?;
    if wants_copy && copy.is_none() {
        crate::warn(
            "the mailbox has no Sent folder to file copies in; set one with `followup mail set --sent-folder NAME`",
        );
    }
    let result = outbox::deliver(
        &store,
        &smtp,
        &sender,
        &entry,
        ctx.now,
        crash_point(),
        copy.as_mut(),
    )
    .await?;
    drop(copy);
    if let Some(account) = imap {
        account.imap.logout().await;
    }
    let after = store.load(&args.app).await?;
    store.close().await;
    if ctx.json {
        return output::json(&result);
    }
    report_delivery(&result, &entry, &p.zone)?;
    if matches!(result, Delivery::Sent { .. }) {
        next_step(ctx, &after, &p.zone)?;
    }
    match result {
        Delivery::Sent { .. } | Delivery::Skipped { .. } => Ok(()),
        Delivery::RetryLater { .. } => Err(CliError {
            message: "not sent yet: the server asked to try later".into(),
            hint: Some("`followup run` retries it when due".into()),
            code: crate::error::EXIT_FAILURE,
        }),
        Delivery::Failed { answer, .. } => Err(CliError {
            message: format!("not sent: {answer}"),
            hint: Some(
                "check `followup mail show`; the email stays in the outbox as failed".into(),
            ),
            code: crate::error::EXIT_FAILURE,
        }),
        Delivery::Unconfirmed { id, .. } => Err(unconfirmed_error(id)),
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
    store
        .add_touchpoint(
            &p.file.application.id,
            &Touchpoint {
                kind: p.action.kind,
                interview: p.action.interview.clone(),
                to: Some(p.action.to.clone()),
                n: p.action.n,
                channel: p.planned.channel,
                at,
                subject: p.subject.clone(),
                message: Some(p.body.clone()),
            },
        )
        .await?;
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
    let sender = sender_of(&p.file, &config, &p.zone)?;
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

/// One pass of the worker: settle interrupted sends, deliver what is due, read replies.
async fn pass(ctx: &Ctx, store: &Store, config: &MailConfig, now: Timestamp) -> CliResult {
    let Some(profile) = store.profile().await? else {
        return Err(CliError::bad_input(
            "no profile yet: the worker sends as you",
            "set it up with: followup profile set --name … --email … --timezone …",
        ));
    };
    let zone = profile_zone(Some(&profile))?;
    let sender = match &profile.email {
        Some(address) => Some(Sender {
            from: Party {
                name: profile.name.clone(),
                address: address.clone(),
            },
            reply_to: Some(
                config
                    .smtp
                    .as_ref()
                    .and_then(|s| s.reply_to.clone())
                    .unwrap_or_else(|| address.clone()),
            ),
            zone: zone.clone(),
        }),
        None => None,
    };
    let mut imap = imap_of(config).await?;
    if sender.is_none() {
        let waiting = store
            .outbox(&[OutboxState::Queued, OutboxState::Sending])
            .await?
            .len();
        if waiting > 0 {
            crate::warn(&format!(
                "{waiting} email(s) wait in the outbox, but profile.email is not set: set it with `followup profile set --email …`"
            ));
        }
    }
    if let Some(sender) = &sender {
        let settled = outbox::reconcile(
            store,
            imap.as_mut()
                .map(|a| (&mut a.imap, a.sent_folder.as_deref())),
            sender,
        )
        .await?;
        for s in &settled {
            match s {
                Settled::FoundSent { id, folder } => {
                    output::line(format!("Outbox {id}: found in {folder}; recorded as sent."))?
                }
                Settled::Unsettled { id, reason } => crate::warn(&format!(
                    "outbox {id} may have gone out ({reason}); it is not sent again. Check your Sent folder, then `followup outbox resolve {id} --sent` or `--not-sent`."
                )),
            }
        }
        let due = store.due_emails(now).await?;
        if !due.is_empty() {
            let smtp = smtp_of(config)?;
            let wants_copy = imap.as_ref().is_some_and(|a| a.save_sent);
            let mut copy = sent_copy(&mut imap).await?;
            if wants_copy && copy.is_none() {
                crate::warn(
                    "the mailbox has no Sent folder to file copies in; set one with `followup mail set --sent-folder NAME`",
                );
            }
            for entry in due {
                let result = outbox::deliver(
                    store,
                    &smtp,
                    sender,
                    &entry,
                    now,
                    crash_point(),
                    copy.as_mut(),
                )
                .await?;
                report_delivery(&result, &entry, &zone)?;
            }
        }
    }
    if let Some(account) = imap.as_mut() {
        let report = followup_mail::sync::sync(
            store,
            &mut account.imap,
            profile.email.as_deref(),
            &zone,
            now,
        )
        .await?;
        crate::commands::inbox::print_sync(ctx, store, &report, &zone).await?;
    }
    if let Some(account) = imap {
        account.imap.logout().await;
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
    if !args.once && !ctx.json {
        let describe = |service, url: Option<&String>| match url {
            Some(url) => Endpoint::parse(service, url)
                .map(|e| e.describe())
                .unwrap_or_else(|_| url.clone()),
            None => "nothing (not set up)".into(),
        };
        output::line(format!(
            "Sending through {}, reading replies from {}; every {} s. Stop with Ctrl-C: nothing is lost.",
            describe(Service::Smtp, config.smtp.as_ref().map(|s| &s.url)),
            describe(Service::Imap, config.imap.as_ref().map(|s| &s.url)),
            args.interval.max(1)
        ))?;
        output::flush()?;
    }
    loop {
        let now = if ctx.now_given {
            ctx.now
        } else {
            Timestamp::now()
        };
        pass(ctx, &store, &config, now).await?;
        output::flush()?;
        if args.once {
            break;
        }
        let interval = jiff::SignedDuration::from_secs(args.interval.max(1) as i64);
        let wake = match store.next_due().await? {
            Some(at) if at > now => at.duration_since(now).min(interval),
            Some(_) => jiff::SignedDuration::from_secs(1),
            None => interval,
        };
        tokio::time::sleep(wake.unsigned_abs()).await;
    }
    store.close().await;
    Ok(())
}
