//! The daily digest (issue 18): an email to the user's own address, at the time they chose,
//! listing what is overdue, what is due now and what falls due that day, each with a link to its draft in the
//! web app. The worker sends it at most once a day.

use followup_mail::config::MailConfig;
use followup_mail::headers::address;
use followup_mail::message::{Outgoing, Party, new_message_id, render};
use followup_plan::ActionStatus;
use followup_store::{AgendaItem, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::{ActionsError, smtp_of};

/// Where `serve` says it can be reached, for the digest's links.
pub const WEB_URL_KEY: &str = "web_url";
/// The web app's address when no `serve` has said where it is.
pub const DEFAULT_WEB_URL: &str = "http://127.0.0.1:7878/";
/// The day (in the profile's zone) the last digest went out.
const SENT_ON_KEY: &str = "digest_sent_on";
/// The most follow-ups one digest lists; the rest are counted.
const MOST: usize = 100;

/// What a digest said, once sent.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DigestSent {
    pub to: String,
    pub overdue: usize,
    pub due_today: usize,
}

/// Sends today's digest if one is set up, its time has come at `now`, none went out today,
/// and something is overdue or due today. None when there was nothing to send.
pub async fn send_digest_if_due(
    store: &Store,
    config: &MailConfig,
    now: Timestamp,
) -> Result<Option<DigestSent>, ActionsError> {
    let Some(section) = &config.digest else {
        return Ok(None);
    };
    let Some(profile) = store.profile().await? else {
        return Ok(None);
    };
    let Some(own) = profile.email.clone() else {
        return Ok(None);
    };
    let zone = followup_core::validate::time_zone("profile.timezone", &profile.timezone)?;
    let local = now.to_zoned(zone.clone());
    if local.time() < section.time()? {
        return Ok(None);
    }
    let today = local.date();
    let end_of_day = today
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(zone.clone()).ok())
        .map(|z| z.timestamp())
        .unwrap_or(now);
    let items = store.agenda(now, end_of_day).await?;
    let overdue: Vec<&AgendaItem> = items
        .iter()
        .filter(|i| i.action.status == ActionStatus::Overdue)
        .collect();
    let due_today: Vec<&AgendaItem> = items
        .iter()
        // Due now (its window is open), or falling due before the day ends.
        .filter(|i| {
            i.action.status == ActionStatus::Due
                || (i.action.status != ActionStatus::Overdue
                    && i.action.due.timestamp() < end_of_day)
        })
        .collect();
    // Claimed before it is sent: two workers racing (or a crash after sending) never send a
    // second one the same day; a failure to send is reported, not retried.
    if !store.claim_meta(SENT_ON_KEY, &today.to_string()).await? {
        return Ok(None);
    }
    if overdue.is_empty() && due_today.is_empty() {
        return Ok(None);
    }
    let base = store
        .meta(WEB_URL_KEY)
        .await?
        .unwrap_or_else(|| DEFAULT_WEB_URL.to_string());
    let body = digest_body(&base, &overdue, &due_today, &zone);
    let me = Party {
        name: profile.name.clone(),
        address: own.clone(),
    };
    let raw = render(&Outgoing {
        from: me.clone(),
        to: me,
        reply_to: None,
        subject: subject_of(
            overdue.len(),
            due_today.len(),
            &local.strftime("%a %-d %b").to_string(),
        ),
        body,
        message_id: new_message_id(now, &own),
        date: now,
    })?;
    let smtp = smtp_of(config)?;
    let mailbox = address("profile.email", &own)?;
    smtp.deliver(&mailbox, &mailbox, &raw)
        .await
        .map_err(|e| ActionsError::Digest(e.to_string()))?;
    Ok(Some(DigestSent {
        to: own,
        overdue: overdue.len(),
        due_today: due_today.len(),
    }))
}

fn subject_of(overdue: usize, due: usize, day: &str) -> String {
    let mut parts = Vec::new();
    if overdue > 0 {
        parts.push(format!("{overdue} overdue"));
    }
    if due > 0 {
        parts.push(format!("{due} due"));
    }
    format!("Follow-ups for {day}: {}", parts.join(", "))
}

/// The digest's text: a section per status, a line per follow-up with its link.
fn digest_body(
    base: &str,
    overdue: &[&AgendaItem],
    due_today: &[&AgendaItem],
    zone: &TimeZone,
) -> String {
    let base = base.trim_end_matches('/');
    let mut body = String::new();
    for (title, items) in [("Overdue", overdue), ("Due now or today", due_today)] {
        if items.is_empty() {
            continue;
        }
        body.push_str(&format!("{title}:\n\n"));
        for item in items.iter().take(MOST) {
            let due = item
                .action
                .due
                .to_zoned(zone.clone())
                .strftime("%a %-d %b %H:%M");
            body.push_str(&format!(
                "- {} to {} ({}, {}), due {due}\n  {base}/apps/{}/compose/{}\n",
                item.action.kind,
                item.name,
                item.company,
                item.role,
                item.application,
                item.action.name(),
            ));
        }
        if items.len() > MOST {
            body.push_str(&format!("- and {} more: {base}/\n", items.len() - MOST));
        }
        body.push('\n');
    }
    body.push_str(&format!(
        "Everything else is on Today: {base}/\nTo stop these: followup mail set --digest off\n"
    ));
    body
}
