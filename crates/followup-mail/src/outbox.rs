//! Delivering the outbox: each queued email is claimed, handed to the server, and recorded,
//! with a commit between every step, so that no crash can send it twice or lose it.

use followup_core::{ActionRef, Channel, Moment, Touchpoint};
use followup_store::{OutboxEntry, OutboxState, Store};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::MailError;
use crate::headers::address;
use crate::imap::Imap;
use crate::message::{Outgoing, Party, render};
use crate::smtp::{SendFailure, Smtp};

/// A step at which a test may stop the process dead (`FOLLOWUP_CRASH_AT`), to show that a
/// crash there neither loses an email nor sends it twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrashPoint {
    /// Claimed (`sending` committed), before the server is contacted.
    BeforeSend,
    /// The server accepted the message; nothing recorded yet.
    AfterAccept,
}

impl CrashPoint {
    pub fn parse(text: &str) -> Option<CrashPoint> {
        match text {
            "before-send" => Some(CrashPoint::BeforeSend),
            "after-accept" => Some(CrashPoint::AfterAccept),
            _ => None,
        }
    }
}

fn crash_if(at: Option<CrashPoint>, here: CrashPoint) {
    if at == Some(here) {
        // As abrupt as a power cut: no destructors, no flushing, no commit.
        std::process::abort();
    }
}

/// After this many attempts a temporary refusal counts as final.
pub const MAX_ATTEMPTS: u32 = 8;

/// How long to wait before attempt `attempts + 1` after a temporary refusal.
pub fn backoff(attempts: u32) -> SignedDuration {
    let minutes = match attempts {
        0 | 1 => 1,
        2 => 5,
        3 => 15,
        4 => 60,
        _ => 240,
    };
    SignedDuration::from_mins(minutes)
}

/// What became of one attempt.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Delivery {
    Sent {
        id: i64,
        answer: String,
        /// When a copy was to be filed in the Sent folder: where, or why it was not.
        copy: Option<Result<String, String>>,
    },
    RetryLater {
        id: i64,
        at: Timestamp,
        answer: String,
    },
    Failed {
        id: i64,
        answer: String,
    },
    /// Handed over, but no answer came: it stays `sending` until someone can say.
    Unconfirmed {
        id: i64,
        answer: String,
    },
    /// Someone else had already taken it.
    Skipped {
        id: i64,
    },
}

/// Who the outbox sends as.
#[derive(Clone, Debug)]
pub struct Sender {
    pub from: Party,
    pub reply_to: Option<String>,
    /// The zone touchpoints are recorded in (the profile's).
    pub zone: TimeZone,
}

/// The touchpoint an email makes once sent.
pub fn touchpoint_of(entry: &OutboxEntry, at: Moment) -> Result<Touchpoint, MailError> {
    let action = ActionRef::parse("action", &entry.action)
        .map_err(|e| MailError::Build(format!("outbox entry {}: {e}", entry.id)))?;
    Ok(Touchpoint {
        kind: action.kind,
        interview: action.interview,
        to: Some(action.to),
        n: action.n,
        channel: Channel::Email,
        at,
        subject: Some(entry.subject.clone()),
        message: Some(entry.body.clone()),
    })
}

/// The bytes an outbox entry goes out as, dated `now`.
pub fn message_of(
    entry: &OutboxEntry,
    sender: &Sender,
    now: Timestamp,
) -> Result<Vec<u8>, MailError> {
    render(&Outgoing {
        from: sender.from.clone(),
        to: Party {
            name: entry.recipient_name.clone(),
            address: entry.recipient.clone(),
        },
        reply_to: sender.reply_to.clone(),
        subject: entry.subject.clone(),
        body: entry.body.clone(),
        message_id: entry.message_id.clone(),
        date: now,
    })
}

/// Where to file a copy of what is sent, for servers that do not do it themselves.
pub struct SentCopy<'a> {
    pub imap: &'a mut Imap,
    pub folder: String,
}

/// Sends one queued email: claim, hand over, record. Each step is committed before the next.
/// With `copy`, the message is filed in the Sent folder between the hand-over and the record,
/// so an interruption there can still be settled by looking.
pub async fn deliver(
    store: &Store,
    smtp: &Smtp,
    sender: &Sender,
    entry: &OutboxEntry,
    now: Timestamp,
    crash_at: Option<CrashPoint>,
    copy: Option<&mut SentCopy<'_>>,
) -> Result<Delivery, MailError> {
    let raw = message_of(entry, sender, now)?;
    let from = address("profile.email", &sender.from.address)?;
    let to = address("recipient email", &entry.recipient)?;
    if !store.begin_sending(entry.id, &raw).await? {
        return Ok(Delivery::Skipped { id: entry.id });
    }
    crash_if(crash_at, CrashPoint::BeforeSend);
    match smtp.deliver(&from, &to, &raw).await {
        Ok(answer) => {
            crash_if(crash_at, CrashPoint::AfterAccept);
            // The email went out whatever happens to the copy: a failure here is reported
            // with the result, never turned into a failed send.
            let copy = match copy {
                Some(copy) => Some(match copy.imap.append(&copy.folder, &raw).await {
                    Ok(()) => Ok(copy.folder.clone()),
                    Err(e) => Err(e.to_string()),
                }),
                None => None,
            };
            let at = Moment::in_zone(now, &sender.zone);
            store
                .mark_sent(entry.id, &touchpoint_of(entry, at)?, at)
                .await?;
            Ok(Delivery::Sent {
                id: entry.id,
                answer,
                copy,
            })
        }
        Err(SendFailure::Refused {
            transient: true,
            answer,
        }) if entry.attempts + 1 < MAX_ATTEMPTS => {
            let at = now + backoff(entry.attempts + 1);
            store.retry_later(entry.id, &answer, at).await?;
            Ok(Delivery::RetryLater {
                id: entry.id,
                at,
                answer,
            })
        }
        Err(SendFailure::Refused { answer, .. }) => {
            store.mark_failed(entry.id, &answer).await?;
            Ok(Delivery::Failed {
                id: entry.id,
                answer,
            })
        }
        Err(SendFailure::Unknown { answer }) => Ok(Delivery::Unconfirmed {
            id: entry.id,
            answer,
        }),
    }
}

/// What was learned about an email left in `sending`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Settled {
    /// Found in the Sent folder: recorded as sent.
    FoundSent { id: i64, folder: String },
    /// Not found, or no folder to look in: the user must say.
    Unsettled { id: i64, reason: String },
}

/// Settles emails left in `sending` by an earlier crash: one found in the Sent folder is
/// recorded as sent (dated as its message was). None is ever sent again from here.
pub async fn reconcile(
    store: &Store,
    imap: Option<(&mut Imap, Option<&str>)>,
    sender: &Sender,
) -> Result<Vec<Settled>, MailError> {
    let stuck = store.outbox(&[OutboxState::Sending]).await?;
    if stuck.is_empty() {
        return Ok(Vec::new());
    }
    let mut settled = Vec::new();
    let Some((imap, configured)) = imap else {
        for entry in stuck {
            settled.push(Settled::Unsettled {
                id: entry.id,
                reason: "no IMAP account is set up to look in the Sent folder".into(),
            });
        }
        return Ok(settled);
    };
    let folder = match configured {
        Some(f) => Some(f.to_string()),
        None => imap.sent_folder().await?,
    };
    for entry in stuck {
        let Some(folder) = &folder else {
            settled.push(Settled::Unsettled {
                id: entry.id,
                reason: "the mailbox has no Sent folder".into(),
            });
            continue;
        };
        if imap.has_message(folder, &entry.message_id).await? {
            let sent_at = entry
                .raw
                .as_deref()
                .and_then(|raw| mail_parser::MessageParser::default().parse_headers(raw))
                .and_then(|m| m.date().map(|d| d.to_timestamp()))
                .and_then(|s| Timestamp::from_second(s).ok())
                .unwrap_or(entry.send_after);
            let at = Moment::in_zone(sent_at, &sender.zone);
            store
                .mark_sent(entry.id, &touchpoint_of(&entry, at)?, at)
                .await?;
            settled.push(Settled::FoundSent {
                id: entry.id,
                folder: folder.clone(),
            });
        } else {
            settled.push(Settled::Unsettled {
                id: entry.id,
                reason: format!("it is not in {folder}"),
            });
        }
    }
    Ok(settled)
}
