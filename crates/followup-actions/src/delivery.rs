//! Sending one follow-up by email, now or at a chosen time: the use case behind
//! `followup send` and the Compose page's Send button. The check runs as it would for the
//! moment the email goes out; a later email waits in the outbox for the worker.

use followup_check::{Language, Report, check};
use followup_compose::Templates;
use followup_core::when::parse_moment;
use followup_core::{ApplicationFile, Channel, InputError, Moment, Touchpoint};
use followup_mail::config::MailConfig;
use followup_mail::message::new_message_id;
use followup_mail::outbox::{self, CrashPoint, Delivery};
use followup_plan::ActionStatus;
use followup_store::{NewEmail, OutboxEntry, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::{
    ActionsError, FollowUp, as_text, check_context, imap_of, recipient_address, sender_of,
    sent_copy, smtp_of,
};

/// When an email is to go out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendAt {
    Now,
    /// The plan's suggested moment (a business morning in the recipient's zone), or now when
    /// it has passed.
    Suggested,
    /// A moment of the user's choosing, or now when it has passed.
    At(Timestamp),
}

impl SendAt {
    /// Reads `now`, `suggested` or a date and time, which is read in `zone` (the recipient's,
    /// in which the user picked it) unless it names its own offset.
    pub fn parse(
        field: &str,
        text: &str,
        now: Timestamp,
        zone: &TimeZone,
    ) -> Result<SendAt, InputError> {
        match text.trim() {
            "" | "now" => Ok(SendAt::Now),
            "suggested" => Ok(SendAt::Suggested),
            when => {
                let local = now.to_zoned(zone.clone());
                // A browser's date-time field gives 2026-03-03T09:30, without an offset.
                let when = match when.as_bytes() {
                    [_, _, _, _, b'-', _, _, b'-', _, _, b'T', rest @ ..]
                        if !rest.is_empty()
                            && rest.len() <= 8
                            && !rest.contains(&b'+')
                            && !rest.contains(&b'-') =>
                    {
                        when.replacen('T', " ", 1)
                    }
                    _ => when.to_string(),
                };
                let moment = parse_moment(field, &when, &local, zone)?;
                Ok(SendAt::At(moment.timestamp()))
            }
        }
    }

    /// The instant this means for `f` at `now`: never in the past.
    pub fn instant(self, f: &FollowUp, now: Timestamp) -> Timestamp {
        match self {
            SendAt::Now => now,
            SendAt::Suggested => f.planned.suggested.timestamp().max(now),
            SendAt::At(at) => at.max(now),
        }
    }
}

/// The recipient's zone, in which the plan suggests times: the person's, else the round's,
/// else the user's.
pub fn recipient_zone(f: &FollowUp) -> TimeZone {
    TimeZone::get(&f.planned.zone).unwrap_or_else(|_| f.zone.clone())
}

/// What became of a send.
#[derive(Debug)]
pub enum SendOutcome {
    /// The check found errors and `force` was not given: nothing was queued.
    Refused { report: Report },
    /// Waiting in the outbox for its time; the worker sends it then. `no_smtp` says that no
    /// server is set up yet to send it with.
    Queued {
        entry: OutboxEntry,
        report: Report,
        no_smtp: bool,
    },
    /// Handed to the server now, with its answer and the application as it stands after.
    Delivered {
        entry: OutboxEntry,
        delivery: Delivery,
        report: Report,
        /// A copy was asked for, but the mailbox has no Sent folder to file it in.
        no_sent_folder: bool,
        after: Box<ApplicationFile>,
    },
}

/// What the user asked for.
#[derive(Clone, Copy, Debug)]
pub struct SendRequest {
    pub at: SendAt,
    /// Send even when the check finds errors.
    pub force: bool,
    /// A test hook that stops the process at one step of the delivery.
    pub crash_at: Option<CrashPoint>,
}

/// Checks `f` for the moment it will go out, then queues it, and delivers it at once when
/// that moment is now. Input errors (no address, no subject, a follow-up already done, no
/// server) come before anything is queued.
pub async fn send_follow_up(
    store: &Store,
    config: &MailConfig,
    f: &FollowUp,
    templates: &Templates,
    language: &(dyn Language + Sync),
    request: SendRequest,
    now: Timestamp,
) -> Result<SendOutcome, ActionsError> {
    if matches!(
        f.planned.status,
        ActionStatus::Done | ActionStatus::Cancelled
    ) {
        return Err(InputError::invalid(
            "ACTION",
            f.action.to_string(),
            format!("{} is {} already", f.action, f.planned.status.as_str()),
            format!(
                "see what is open with: followup plan {}",
                f.file.application.id
            ),
        )
        .into());
    }
    if f.planned.channel != Channel::Email {
        return Err(InputError::invalid(
            "ACTION",
            f.action.to_string(),
            format!("{} goes by {}, not by email", f.action, f.planned.channel),
            format!("once it is done, log it with: followup log {}", f.action),
        )
        .into());
    }
    let sender = sender_of(&f.file.profile, config, &f.zone)?;
    let to = recipient_address(f)?;
    followup_mail::headers::address("recipient email", &to)?;
    let subject = f
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            InputError::invalid(
                "subject",
                "",
                "the email has no subject",
                "start the draft with a line \"Subject: …\" and a blank line",
            )
        })?;
    let send_after = request.at.instant(f, now);
    let text = as_text(Some(&subject), &f.body);
    let context = check_context(
        store,
        &text,
        &f.file,
        &f.plan,
        &f.action,
        f.planned.channel,
        templates,
        send_after,
    )
    .await?;
    let report = check(&text, &context, language);
    if report.has_errors() && !request.force {
        return Ok(SendOutcome::Refused { report });
    }
    let sending_now = send_after <= now;
    // Settings problems surface before anything is queued.
    let smtp = if sending_now {
        Some(smtp_of(config)?)
    } else {
        None
    };
    let email = NewEmail {
        message_id: new_message_id(now, &sender.from.address),
        application_id: f.file.application.id.clone(),
        action: f.action.to_string(),
        recipient_name: f.person.name.clone(),
        recipient: to.trim().to_string(),
        subject,
        body: f.body.clone(),
        send_after,
    };
    let entry = store
        .queue_email(&email, Moment::in_zone(now, &f.zone))
        .await?;
    let Some(smtp) = smtp else {
        return Ok(SendOutcome::Queued {
            entry,
            report,
            no_smtp: config.smtp.is_none(),
        });
    };
    let mut imap = if config.imap.as_ref().is_some_and(|i| i.save_sent) {
        imap_of(config).await?
    } else {
        None
    };
    let wants_copy = imap.as_ref().is_some_and(|a| a.save_sent);
    let mut copy = sent_copy(&mut imap).await?;
    let no_sent_folder = wants_copy && copy.is_none();
    let delivery = outbox::deliver(
        store,
        &smtp,
        &sender,
        &entry,
        now,
        request.crash_at,
        copy.as_mut(),
    )
    .await;
    drop(copy);
    if let Some(account) = imap {
        account.imap.logout().await;
    }
    let delivery = delivery?;
    let after = store.load(&f.file.application.id).await?;
    Ok(SendOutcome::Delivered {
        entry,
        delivery,
        report,
        no_sent_folder,
        after: Box::new(after),
    })
}

/// Logs a follow-up the user sent another way (a LinkedIn note, a card, a call, their own
/// mail program) at `at`, with the text they used, and drops its saved draft.
pub async fn log_done_by_hand(
    store: &Store,
    f: &FollowUp,
    at: Moment,
) -> Result<Touchpoint, ActionsError> {
    let touchpoint = Touchpoint {
        kind: f.action.kind,
        interview: f.action.interview.clone(),
        to: Some(f.action.to.clone()),
        n: f.action.n,
        channel: f.planned.channel,
        at,
        subject: f.subject.clone(),
        message: Some(f.body.clone()),
    };
    store
        .add_touchpoint(&f.file.application.id, &touchpoint)
        .await?;
    store
        .discard_draft(&f.file.application.id, &f.action.to_string())
        .await?;
    Ok(touchpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_read_in_the_recipients_zone_as_a_browser_or_a_person_writes_it() {
        let now: Timestamp = "2026-03-02T23:00:00Z".parse().unwrap();
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let at = |text: &str| SendAt::parse("at", text, now, &berlin);
        let nine_thirty: Timestamp = "2026-03-03T08:30:00Z".parse().unwrap();
        assert_eq!(at("2026-03-03T09:30").unwrap(), SendAt::At(nine_thirty));
        assert_eq!(at("2026-03-03 09:30").unwrap(), SendAt::At(nine_thirty));
        assert_eq!(at("2026-03-03T09:30:00").unwrap(), SendAt::At(nine_thirty));
        assert_eq!(
            at("2026-03-03T09:30:00+02:00").unwrap(),
            SendAt::At("2026-03-03T07:30:00Z".parse().unwrap()),
            "its own offset wins"
        );
        assert_eq!(at("").unwrap(), SendAt::Now);
        assert_eq!(at(" suggested ").unwrap(), SendAt::Suggested);
        let bad = at("someday").unwrap_err().to_string();
        assert!(bad.starts_with("at:"), "{bad}");
        assert!(at("2026-03-03T").is_err());
    }
}
