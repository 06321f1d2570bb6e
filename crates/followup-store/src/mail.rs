//! Mail bookkeeping: saved drafts, the outbox that sends each email at most once, and the
//! inbox of replies waiting for the user's word.
//!
//! The outbox is a small state machine kept in SQLite so that it survives a crash at any
//! point: `queued` → `sending` (committed before the server is contacted) → `sent` (committed
//! with its touchpoint), or back to `queued` after a refusal the server called temporary, or
//! `failed`. A row found in `sending` may or may not have gone out; only the Sent folder or
//! the user can say, never a blind retry.

use followup_core::{InputError, Moment, Response, Stage, Touchpoint};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::Row;

use crate::db::{Conn, DbRow, flag, sql};
use crate::rows::{corrupt, parse_col, parse_opt_col};
use crate::{Result, Store, insert_response, insert_touchpoint, plans, require_application};

/// A draft the user edited and saved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SavedDraft {
    pub action: String,
    pub subject: Option<String>,
    pub body: String,
    pub updated_at: Moment,
}

/// Where an outgoing email stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Cancelled => "cancelled",
        }
    }
}

impl std::str::FromStr for OutboxState {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "failed" => OutboxState::Failed,
            "cancelled" => OutboxState::Cancelled,
            other => return Err(format!("unknown outbox state {other:?}")),
        })
    }
}

/// An email to queue.
#[derive(Clone, Debug)]
pub struct NewEmail {
    pub message_id: String,
    pub application_id: String,
    pub action: String,
    pub recipient_name: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Not before this instant.
    pub send_after: Timestamp,
}

/// One row of the outbox.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub message_id: String,
    pub application_id: String,
    pub action: String,
    pub recipient_name: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    #[serde(skip)]
    pub raw: Option<Vec<u8>>,
    pub state: OutboxState,
    pub send_after: Timestamp,
    pub next_attempt: Timestamp,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: Moment,
    pub sent_at: Option<Moment>,
    /// The user has seen that it failed; the web app stops showing the banner.
    #[serde(skip)]
    pub failure_seen: bool,
}

/// An email we sent, for matching what comes back.
#[derive(Clone, Debug, PartialEq)]
pub struct SentEmail {
    pub message_id: String,
    pub application_id: String,
    /// The person it went to.
    pub contact_id: Option<String>,
    pub recipient: String,
    pub sent_at: Timestamp,
}

/// A person with an address, for matching what comes back.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownAddress {
    pub application_id: String,
    pub contact_id: String,
    pub email: String,
}

/// How a message in the inbox was tied to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// It answers one of our messages (In-Reply-To or References).
    Thread,
    /// It comes from an interviewer's address.
    Address,
    /// It comes from the company's domain.
    Domain,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Thread => "thread",
            MatchedBy::Address => "address",
            MatchedBy::Domain => "domain",
        }
    }
}

impl std::str::FromStr for MatchedBy {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "thread" => MatchedBy::Thread,
            "address" => MatchedBy::Address,
            "domain" => MatchedBy::Domain,
            other => return Err(format!("unknown match {other:?}")),
        })
    }
}

/// What the user made of an inbox entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InboxState {
    /// A proposed outcome waits for the user.
    Proposed,
    Accepted,
    Dismissed,
    /// An automatic reply: nothing to accept; its return date, if any, holds the check-ins.
    Noted,
}

impl InboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            InboxState::Proposed => "proposed",
            InboxState::Accepted => "accepted",
            InboxState::Dismissed => "dismissed",
            InboxState::Noted => "noted",
        }
    }
}

impl std::str::FromStr for InboxState {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "proposed" => InboxState::Proposed,
            "accepted" => InboxState::Accepted,
            "dismissed" => InboxState::Dismissed,
            "noted" => InboxState::Noted,
            other => return Err(format!("unknown inbox state {other:?}")),
        })
    }
}

/// A message that came back, tied to an application.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InboxEntry {
    pub id: i64,
    pub message_id: String,
    pub application_id: String,
    pub contact_id: Option<String>,
    pub received_at: Moment,
    pub sender: String,
    pub subject: String,
    pub excerpt: String,
    pub matched_by: MatchedBy,
    pub automatic: bool,
    pub outcome: Option<followup_core::Outcome>,
    pub decision_expected_by: Option<followup_core::DecisionDate>,
    pub away_until: Option<jiff::civil::Date>,
    pub state: InboxState,
}

/// Where the last sync of a mailbox stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailboxMark {
    pub uid_validity: u32,
    pub last_uid: u32,
}

fn ns(t: Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX)
}

fn from_ns(row: &DbRow, column: &str) -> Result<Timestamp> {
    let n: i64 = row.try_get(column)?;
    Timestamp::from_nanosecond(i128::from(n))
        .map_err(|e| corrupt(column, n.to_string(), e.to_string()))
}

pub(crate) fn outbox_entry(row: &DbRow) -> Result<OutboxEntry> {
    let attempts: i64 = row.try_get("attempts")?;
    Ok(OutboxEntry {
        id: row.try_get("id")?,
        message_id: row.try_get("message_id")?,
        application_id: row.try_get("application_id")?,
        action: row.try_get("action")?,
        recipient_name: row.try_get("recipient_name")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        raw: row.try_get("raw")?,
        state: parse_col(row, "state")?,
        send_after: from_ns(row, "send_after_ns")?,
        next_attempt: from_ns(row, "next_attempt_ns")?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        last_error: row.try_get("last_error")?,
        created_at: parse_col(row, "created_at")?,
        sent_at: parse_opt_col(row, "sent_at", Moment::parse_rfc3339)?,
        failure_seen: row.try_get::<i64, _>("failure_seen")? != 0,
    })
}

pub(crate) fn saved_draft(row: &DbRow) -> Result<SavedDraft> {
    Ok(SavedDraft {
        action: row.try_get("action")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        updated_at: parse_col(row, "updated_at")?,
    })
}

pub(crate) fn inbox_entry(row: &DbRow) -> Result<InboxEntry> {
    Ok(InboxEntry {
        id: row.try_get("id")?,
        message_id: row.try_get("message_id")?,
        application_id: row.try_get("application_id")?,
        contact_id: row.try_get("contact_id")?,
        received_at: parse_col(row, "received_at")?,
        sender: row.try_get("sender")?,
        subject: row.try_get("subject")?,
        excerpt: row.try_get("excerpt")?,
        matched_by: parse_col(row, "matched_by")?,
        automatic: flag(row, "automatic")?,
        outcome: parse_opt_col(row, "outcome", str::parse::<followup_core::Outcome>)?,
        decision_expected_by: parse_opt_col(
            row,
            "decision_expected_by",
            followup_core::DecisionDate::parse,
        )?,
        away_until: parse_opt_col(row, "away_until", str::parse::<jiff::civil::Date>)?,
        state: parse_col(row, "state")?,
    })
}

/// The action part of an outbox row: `KIND:INTERVIEW:TO[:N]`, whose third field is the person.
fn contact_of_action(action: &str) -> Option<String> {
    action.split(':').nth(2).map(str::to_string)
}

impl Store {
    // ----- drafts ----------------------------------------------------------------------------

    /// Keeps the user's version of a follow-up's message, replacing any earlier one.
    pub async fn save_draft(
        &self,
        application_id: &str,
        action: &str,
        subject: Option<&str>,
        body: &str,
        now: Moment,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        require_application(&mut tx, application_id).await?;
        sqlx::query(sql(
            &tx,
            "INSERT INTO drafts (application_id, action, subject, body, updated_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (application_id, action)
             DO UPDATE SET subject = excluded.subject, body = excluded.body,
                           updated_at = excluded.updated_at",
        ))
        .bind(application_id)
        .bind(action)
        .bind(subject)
        .bind(body)
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The saved draft of a follow-up, if the user kept one.
    pub async fn draft(&self, application_id: &str, action: &str) -> Result<Option<SavedDraft>> {
        let row =
            sqlx::query(self.sql("SELECT * FROM drafts WHERE application_id = ? AND action = ?"))
                .bind(application_id)
                .bind(action)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.map(|row| saved_draft(&row)).transpose()
    }

    /// Forgets a saved draft; true when there was one.
    pub async fn discard_draft(&self, application_id: &str, action: &str) -> Result<bool> {
        let done =
            sqlx::query(self.sql("DELETE FROM drafts WHERE application_id = ? AND action = ?"))
                .bind(application_id)
                .bind(action)
                .execute(&mut *self.conn().await?)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    // ----- outbox ----------------------------------------------------------------------------

    /// Queues an email. Refused while another email for the same follow-up is queued, being
    /// sent, or sent: one follow-up, one email.
    pub async fn queue_email(&self, email: &NewEmail, now: Moment) -> Result<OutboxEntry> {
        let mut tx = self.write().await?;
        require_application(&mut tx, &email.application_id).await?;
        let existing = sqlx::query(sql(
            &tx,
            "SELECT * FROM outbox WHERE application_id = ? AND action = ?
               AND state IN ('queued', 'sending', 'sent')",
        ))
        .bind(&email.application_id)
        .bind(&email.action)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            let entry = outbox_entry(&row)?;
            return Err(InputError::invalid(
                "ACTION",
                &email.action,
                format!(
                    "{} already has an email in the outbox, {} ({})",
                    email.action,
                    entry.id,
                    entry.state.as_str()
                ),
                match entry.state {
                    OutboxState::Sent => "it was sent; see it with: followup outbox".to_string(),
                    _ => format!(
                        "see it with `followup outbox`; cancel it with `followup outbox cancel {}`",
                        entry.id
                    ),
                },
            )
            .into());
        }
        let id: i64 = sqlx::query_scalar(sql(
            &tx,
            "INSERT INTO outbox (message_id, application_id, action, recipient_name, recipient,
               subject, body, state, send_after_ns, next_attempt_ns, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
             RETURNING id",
        ))
        .bind(&email.message_id)
        .bind(&email.application_id)
        .bind(&email.action)
        .bind(&email.recipient_name)
        .bind(&email.recipient)
        .bind(&email.subject)
        .bind(&email.body)
        .bind(ns(email.send_after))
        .bind(ns(email.send_after))
        .bind(now.to_string())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        self.outbox_entry(id).await
    }

    /// One outbox row by its number.
    pub async fn outbox_entry(&self, id: i64) -> Result<OutboxEntry> {
        let row = sqlx::query(self.sql("SELECT * FROM outbox WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        match row {
            Some(row) => outbox_entry(&row),
            None => {
                let known: Vec<String> = sqlx::query(self.sql("SELECT id FROM outbox ORDER BY id"))
                    .fetch_all(&mut *self.conn().await?)
                    .await?
                    .iter()
                    .map(|r| r.get::<i64, _>(0).to_string())
                    .collect();
                Err(InputError::UnknownId {
                    kind: "outbox entry",
                    value: id.to_string(),
                    known,
                }
                .into())
            }
        }
    }

    /// The outbox, oldest first; all of it, or the rows in `states`.
    pub async fn outbox(&self, states: &[OutboxState]) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query(self.sql("SELECT * FROM outbox ORDER BY id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in &rows {
            let entry = outbox_entry(row)?;
            if states.is_empty() || states.contains(&entry.state) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }

    /// Queued emails whose time has come at `now`, oldest first.
    pub async fn due_emails(&self, now: Timestamp) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query(self.sql(
            "SELECT * FROM outbox WHERE state = 'queued' AND send_after_ns <= ?
               AND next_attempt_ns <= ? ORDER BY send_after_ns, id",
        ))
        .bind(ns(now))
        .bind(ns(now))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(outbox_entry).collect()
    }

    /// The next instant a queued email becomes due, if any.
    pub async fn next_due(&self) -> Result<Option<Timestamp>> {
        let row = sqlx::query(self.sql(
            "SELECT CASE WHEN send_after_ns > next_attempt_ns THEN send_after_ns
                    ELSE next_attempt_ns END AS at FROM outbox
             WHERE state = 'queued' ORDER BY at LIMIT 1",
        ))
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|r| from_ns(&r, "at")).transpose()
    }

    /// Claims a queued email for sending: records the exact bytes about to go out and moves
    /// it to `sending`, committed before the server is contacted. False when it was no longer
    /// queued (another worker took it, or the user cancelled it).
    pub async fn begin_sending(&self, id: i64, raw: &[u8]) -> Result<bool> {
        let done = sqlx::query(self.sql(
            "UPDATE outbox SET state = 'sending', raw = ?, attempts = attempts + 1
             WHERE id = ? AND state = 'queued'",
        ))
        .bind(raw)
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The server took the email: marks it sent and records its touchpoint, so the plan moves
    /// on, in one transaction. The saved draft, now used, is dropped.
    /// True when this call recorded it; false when it was no longer `sending`.
    pub async fn mark_sent(&self, id: i64, touchpoint: &Touchpoint, at: Moment) -> Result<bool> {
        let mut tx = self.write().await?;
        let row = sqlx::query(sql(&tx, "SELECT * FROM outbox WHERE id = ?"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let entry = outbox_entry(&row)?;
        // Only one caller moves a row out of `sending`: a second (a reconciling worker and
        // the sender racing) finds it already moved and records nothing.
        let moved = sqlx::query(sql(
            &tx,
            "UPDATE outbox SET state = 'sent', sent_at = ?, sent_ns = ?, last_error = NULL
             WHERE id = ? AND state = 'sending'",
        ))
        .bind(at.to_string())
        .bind(ns(at.timestamp()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Ok(false);
        }
        let logged = insert_touchpoint(&mut tx, &entry.application_id, touchpoint).await?;
        sqlx::query(sql(
            &tx,
            "UPDATE touchpoints SET message_id = ? WHERE id = ?",
        ))
        .bind(&entry.message_id)
        .bind(logged)
        .execute(&mut *tx)
        .await?;
        sqlx::query(sql(
            &tx,
            "DELETE FROM drafts WHERE application_id = ? AND action = ?",
        ))
        .bind(&entry.application_id)
        .bind(&entry.action)
        .execute(&mut *tx)
        .await?;
        plans::refresh(&mut tx, &entry.application_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The server refused for now (a 4xx answer or no connection): nothing went out, so the
    /// email goes back to the queue for `next_attempt`.
    pub async fn retry_later(&self, id: i64, error: &str, next_attempt: Timestamp) -> Result<()> {
        sqlx::query(self.sql(
            "UPDATE outbox SET state = 'queued', last_error = ?, next_attempt_ns = ?
             WHERE id = ? AND state = 'sending'",
        ))
        .bind(error)
        .bind(ns(next_attempt))
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// The server refused for good: the email is failed with the server's answer.
    pub async fn mark_failed(&self, id: i64, error: &str) -> Result<()> {
        sqlx::query(self.sql(
            "UPDATE outbox SET state = 'failed', last_error = ?, failure_seen = 0
             WHERE id = ? AND state IN ('sending', 'queued')",
        ))
        .bind(error)
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// The user (or a Sent folder) says an email left in `sending` never went out: it goes
    /// back to the queue, to be sent when next due.
    pub async fn requeue_unsent(&self, id: i64, now: Timestamp) -> Result<bool> {
        let done = sqlx::query(self.sql(
            "UPDATE outbox SET state = 'queued', next_attempt_ns = ?,
               last_error = 'confirmed not sent'
             WHERE id = ? AND state = 'sending'",
        ))
        .bind(ns(now))
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Withdraws a queued or failed email; true when it was withdrawn.
    pub async fn cancel_email(&self, id: i64) -> Result<bool> {
        let done = sqlx::query(self.sql(
            "UPDATE outbox SET state = 'cancelled' WHERE id = ? AND state IN ('queued', 'failed')",
        ))
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The user has seen that email `id` failed: its banner goes away. False when there was
    /// no such failure.
    pub async fn mark_failure_seen(&self, id: i64) -> Result<bool> {
        let done = sqlx::query(
            self.sql("UPDATE outbox SET failure_seen = 1 WHERE id = ? AND state = 'failed'"),
        )
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The outbox of one application, oldest first.
    pub async fn outbox_of(&self, application_id: &str) -> Result<Vec<OutboxEntry>> {
        let rows =
            sqlx::query(self.sql("SELECT * FROM outbox WHERE application_id = ? ORDER BY id"))
                .bind(application_id)
                .fetch_all(&mut *self.conn().await?)
                .await?;
        rows.iter().map(outbox_entry).collect()
    }

    /// What the outbox holds that the user should know of: every email queued or being sent,
    /// every failure not yet seen, and the emails sent since `sent_since`, oldest first.
    pub async fn outbox_news(&self, sent_since: Timestamp) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query(self.sql(
            "SELECT * FROM outbox WHERE state IN ('queued', 'sending')
               OR (state = 'failed' AND failure_seen = 0)
               OR (state = 'sent' AND sent_ns >= ?)
             ORDER BY id",
        ))
        .bind(ns(sent_since))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter().map(outbox_entry).collect()
    }

    /// Every email that went out, for matching replies.
    pub async fn sent_emails(&self) -> Result<Vec<SentEmail>> {
        let rows = sqlx::query(self.sql("SELECT * FROM outbox WHERE state = 'sent' ORDER BY id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let mut sent = Vec::with_capacity(rows.len());
        for row in &rows {
            let entry = outbox_entry(row)?;
            let at = entry
                .sent_at
                .map(|m| m.timestamp())
                .unwrap_or(entry.send_after);
            sent.push(SentEmail {
                contact_id: contact_of_action(&entry.action),
                message_id: entry.message_id,
                application_id: entry.application_id,
                recipient: entry.recipient,
                sent_at: at,
            });
        }
        Ok(sent)
    }

    /// Every interviewer with an email address, for matching replies.
    pub async fn known_addresses(&self) -> Result<Vec<KnownAddress>> {
        let rows = sqlx::query(self.sql(
            "SELECT application_id, id, email FROM contacts WHERE email IS NOT NULL ORDER BY rowid",
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(KnownAddress {
                    application_id: r.try_get(0)?,
                    contact_id: r.try_get(1)?,
                    email: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// The first time each application had an email of ours go out (sent outbox rows and
    /// email touchpoints logged by hand).
    pub async fn first_email_sent(&self) -> Result<Vec<(String, Timestamp)>> {
        let rows = sqlx::query(self.sql(
            "SELECT application_id, at FROM touchpoints WHERE channel = 'email' ORDER BY rowid",
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut first: Vec<(String, Timestamp)> = Vec::new();
        for row in &rows {
            let app: String = row.try_get(0)?;
            let at: Moment = parse_col(row, "at")?;
            match first.iter_mut().find(|(a, _)| *a == app) {
                Some((_, t)) => *t = (*t).min(at.timestamp()),
                None => first.push((app, at.timestamp())),
            }
        }
        Ok(first)
    }

    // ----- inbox -----------------------------------------------------------------------------

    /// Whether a message was already seen by an earlier sync.
    pub async fn inbox_has(&self, message_id: &str) -> Result<bool> {
        let row = sqlx::query(self.sql("SELECT 1 FROM inbox WHERE message_id = ?"))
            .bind(message_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        Ok(row.is_some())
    }

    /// Records a message that came back. An automatic reply with a return date holds the
    /// person's check-ins (their `away_until`), in the same transaction; nothing else changes
    /// until the user accepts. Returns the new entry, or None when it was already there.
    pub async fn add_inbox(&self, entry: &InboxEntry) -> Result<Option<InboxEntry>> {
        let mut tx = self.write().await?;
        require_application(&mut tx, &entry.application_id).await?;
        let inserted: Option<i64> = sqlx::query_scalar(sql(
            &tx,
            "INSERT INTO inbox (message_id, application_id, contact_id, received_at, sender,
               subject, excerpt, matched_by, automatic, outcome, decision_expected_by,
               away_until, state)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (message_id) DO NOTHING
             RETURNING id",
        ))
        .bind(&entry.message_id)
        .bind(&entry.application_id)
        .bind(&entry.contact_id)
        .bind(entry.received_at.to_string())
        .bind(&entry.sender)
        .bind(&entry.subject)
        .bind(&entry.excerpt)
        .bind(entry.matched_by.as_str())
        .bind(i64::from(entry.automatic))
        .bind(entry.outcome.map(|o| o.as_str()))
        .bind(entry.decision_expected_by.map(|d| d.to_string()))
        .bind(entry.away_until.map(|d| d.to_string()))
        .bind(entry.state.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = inserted else {
            return Ok(None);
        };
        if let (Some(date), Some(contact)) = (entry.away_until, &entry.contact_id) {
            set_away(&mut tx, &entry.application_id, contact, Some(date)).await?;
        }
        tx.commit().await?;
        Ok(Some(self.inbox_entry(id).await?))
    }

    pub async fn inbox_entry(&self, id: i64) -> Result<InboxEntry> {
        let row = sqlx::query(self.sql("SELECT * FROM inbox WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        match row {
            Some(row) => inbox_entry(&row),
            None => {
                let known: Vec<String> = sqlx::query(
                    self.sql("SELECT id FROM inbox WHERE state = 'proposed' ORDER BY id"),
                )
                .fetch_all(&mut *self.conn().await?)
                .await?
                .iter()
                .map(|r| r.get::<i64, _>(0).to_string())
                .collect();
                Err(InputError::UnknownId {
                    kind: "inbox entry",
                    value: id.to_string(),
                    known,
                }
                .into())
            }
        }
    }

    /// The inbox, oldest first; all of it, or the entries in `states`.
    pub async fn inbox(&self, states: &[InboxState]) -> Result<Vec<InboxEntry>> {
        let rows = sqlx::query(self.sql("SELECT * FROM inbox ORDER BY id"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let mut entries = Vec::new();
        for row in &rows {
            let entry = inbox_entry(row)?;
            if states.is_empty() || states.contains(&entry.state) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }

    /// The user accepts a proposal: its response is recorded (and the stage set) in the same
    /// transaction that marks the entry accepted.
    pub async fn accept_inbox(
        &self,
        id: i64,
        response: &Response,
        new_stage: Option<Stage>,
    ) -> Result<()> {
        let entry = self.inbox_entry(id).await?;
        let mut tx = self.write().await?;
        let done = sqlx::query(sql(
            &tx,
            "UPDATE inbox SET state = 'accepted' WHERE id = ? AND state = 'proposed'",
        ))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(InputError::invalid(
                "ID",
                id.to_string(),
                format!("inbox entry {id} is {}, not waiting", entry.state.as_str()),
                "list what waits with: followup inbox",
            )
            .into());
        }
        insert_response(&mut tx, &entry.application_id, response).await?;
        if let Some(stage) = new_stage {
            sqlx::query(sql(&tx, "UPDATE applications SET stage = ? WHERE id = ?"))
                .bind(stage.as_str())
                .bind(&entry.application_id)
                .execute(&mut *tx)
                .await?;
        }
        plans::refresh(&mut tx, &entry.application_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user sets a proposal aside; true when it was waiting.
    pub async fn dismiss_inbox(&self, id: i64) -> Result<bool> {
        self.inbox_entry(id).await?;
        let done = sqlx::query(
            self.sql("UPDATE inbox SET state = 'dismissed' WHERE id = ? AND state = 'proposed'"),
        )
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets or clears the day a person is back; their check-ins wait for it.
    pub async fn set_away(
        &self,
        application_id: &str,
        contact_id: &str,
        until: Option<jiff::civil::Date>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        set_away(&mut tx, application_id, contact_id, until).await?;
        tx.commit().await?;
        Ok(())
    }

    // ----- facts about the store ----------------------------------------------------------------

    /// A stored fact about the store itself (such as the calendar feed's secret).
    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar(self.sql("SELECT value FROM meta WHERE key = ?"))
                .bind(key)
                .fetch_optional(&mut *self.conn().await?)
                .await?,
        )
    }

    /// The fact under `key`, set to `make()` first when there is none; two callers racing
    /// get the same value.
    pub async fn meta_or_insert(&self, key: &str, make: impl FnOnce() -> String) -> Result<String> {
        sqlx::query(
            self.sql("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
        )
        .bind(key)
        .bind(make())
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(
            sqlx::query_scalar(self.sql("SELECT value FROM meta WHERE key = ?"))
                .bind(key)
                .fetch_one(&mut *self.conn().await?)
                .await?,
        )
    }

    /// Sets `key` to `value` unless it holds that value already: true when this call set it.
    /// Two processes claiming the same value get one true between them.
    pub async fn claim_meta(&self, key: &str, value: &str) -> Result<bool> {
        let done = sqlx::query(self.sql(
            "INSERT INTO meta (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE meta.value != excluded.value",
        ))
        .bind(key)
        .bind(value)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets the fact under `key`; true when there was one.
    pub async fn remove_meta(&self, key: &str) -> Result<bool> {
        let done = sqlx::query(self.sql("DELETE FROM meta WHERE key = ?"))
            .bind(key)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Sets `key` to `value`.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(self.sql(
            "INSERT INTO meta (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ))
        .bind(key)
        .bind(value)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// A number that changes whenever the agenda, the profile or any application's file may
    /// have (kept by triggers), for caching what is rendered from them.
    pub async fn agenda_generation(&self) -> Result<i64> {
        // A shared database counts each user's changes from their first.
        let count: Option<i64> =
            sqlx::query_scalar(self.sql("SELECT count FROM changes WHERE id = 1"))
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(count.unwrap_or(0))
    }

    // ----- mailboxes -------------------------------------------------------------------------

    pub async fn mailbox_mark(&self, name: &str) -> Result<Option<MailboxMark>> {
        let row =
            sqlx::query(self.sql("SELECT uid_validity, last_uid FROM mailboxes WHERE name = ?"))
                .bind(name)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.map(|r| {
            let validity: i64 = r.try_get(0)?;
            let last: i64 = r.try_get(1)?;
            Ok(MailboxMark {
                uid_validity: u32::try_from(validity).unwrap_or(0),
                last_uid: u32::try_from(last).unwrap_or(0),
            })
        })
        .transpose()
    }

    pub async fn set_mailbox_mark(&self, name: &str, mark: MailboxMark) -> Result<()> {
        sqlx::query(self.sql(
            "INSERT INTO mailboxes (name, uid_validity, last_uid) VALUES (?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET uid_validity = excluded.uid_validity,
               last_uid = excluded.last_uid",
        ))
        .bind(name)
        .bind(i64::from(mark.uid_validity))
        .bind(i64::from(mark.last_uid))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}

async fn set_away(
    conn: &mut Conn,
    application_id: &str,
    contact_id: &str,
    until: Option<jiff::civil::Date>,
) -> Result<()> {
    crate::require_contact_of(conn, application_id, contact_id, "contact").await?;
    sqlx::query(sql(
        &*conn,
        "UPDATE contacts SET away_until = ? WHERE id = ?",
    ))
    .bind(until.map(|d| d.to_string()))
    .bind(contact_id)
    .execute(&mut *conn)
    .await?;
    plans::refresh(conn, application_id).await?;
    Ok(())
}
