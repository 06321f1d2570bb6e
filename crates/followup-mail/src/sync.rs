//! `followup sync`: new mail in the inbox, matched to applications, turned into proposals
//! for the user, and out-of-office return dates turned into held check-ins.

use followup_store::{InboxEntry, InboxState, MailboxMark, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::MailError;
use crate::headers::header_text;
use crate::imap::Imap;
use crate::inbound::{excerpt, match_incoming, parse_incoming, propose, return_date};

/// The mailbox replies are read from.
pub const INBOX: &str = "INBOX";

/// What one sync found.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SyncReport {
    /// Messages read from the server.
    pub read: usize,
    /// New entries: proposals, and automatic replies that hold a check-in.
    pub entries: Vec<InboxEntry>,
    /// Messages that belong to no application, or say nothing to act on.
    pub ignored: usize,
}

/// Reads new mail and records what it says. Nothing in the tracker changes but the hold an
/// out-of-office reply puts on the writer's check-ins; every outcome waits for the user.
pub async fn sync(
    store: &Store,
    imap: &mut Imap,
    own_address: Option<&str>,
    zone: &TimeZone,
    now: Timestamp,
) -> Result<SyncReport, MailError> {
    let mark = store.mailbox_mark(INBOX).await?;
    let first = store.first_email_sent().await?;
    let since = first.iter().map(|(_, t)| *t).min().map(|t| {
        t.to_zoned(zone.clone())
            .date()
            .yesterday()
            .unwrap_or(t.to_zoned(zone.clone()).date())
    });
    let mut report = SyncReport::default();
    if since.is_none() && mark.is_none() {
        // Nothing was ever sent: nothing can be a reply yet.
        return Ok(report);
    }
    let (validity, messages) = imap
        .fetch_new(INBOX, mark.map(|m| (m.uid_validity, m.last_uid)), since)
        .await?;
    let sent = store.sent_emails().await?;
    let known = store.known_addresses().await?;
    let mut last_uid = match mark {
        Some(m) if m.uid_validity == validity => m.last_uid,
        _ => 0,
    };
    report.read = messages.len();
    for message in messages {
        last_uid = last_uid.max(message.uid);
        let Some(mail) = parse_incoming(&message.raw) else {
            report.ignored += 1;
            continue;
        };
        let ours = own_address.is_some_and(|a| a.eq_ignore_ascii_case(&mail.from_address));
        let matched = (!ours)
            .then(|| match_incoming(&mail, &sent, &known, &first))
            .flatten();
        let Some(matched) = matched else {
            report.ignored += 1;
            continue;
        };
        let message_id = mail
            .message_id
            .clone()
            .unwrap_or_else(|| format!("imap.{validity}.{}", message.uid));
        if store.inbox_has(&message_id).await? {
            continue;
        }
        let received = mail.date.unwrap_or(now);
        let received_day = received.to_zoned(zone.clone()).date();
        let mut entry = InboxEntry {
            id: 0,
            message_id,
            application_id: matched.application_id,
            contact_id: matched.contact_id,
            received_at: followup_core::Moment::in_zone(received, zone),
            // What the other side wrote is shown and stored as one clean line.
            sender: header_text(&match &mail.from_name {
                Some(name) => format!("{name} <{}>", mail.from_address),
                None => mail.from_address.clone(),
            }),
            subject: header_text(&mail.subject),
            excerpt: excerpt(&mail.text),
            matched_by: matched.matched_by,
            automatic: mail.automatic,
            outcome: None,
            decision_expected_by: None,
            away_until: None,
            state: InboxState::Proposed,
        };
        if mail.automatic {
            // An auto-reply is no answer; only a return date (for a known person) matters.
            match (return_date(&mail.text, received_day), &entry.contact_id) {
                (Some(day), Some(_)) => {
                    entry.away_until = Some(day);
                    entry.state = InboxState::Noted;
                }
                _ => {
                    report.ignored += 1;
                    continue;
                }
            }
        } else {
            let (outcome, decision) = propose(&mail.text, received_day);
            entry.outcome = Some(outcome);
            entry.decision_expected_by = decision;
        }
        if let Some(saved) = store.add_inbox(&entry).await? {
            report.entries.push(saved);
        }
    }
    if last_uid > 0 {
        store
            .set_mailbox_mark(
                INBOX,
                MailboxMark {
                    uid_validity: validity,
                    last_uid,
                },
            )
            .await?;
    }
    Ok(report)
}
