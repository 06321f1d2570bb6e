//! The queue of due emails across every account of a shared database (issue 19): workers in
//! any number of `serve` processes lease from it with `FOR UPDATE SKIP LOCKED`, so no two take
//! the same email, and one that dies mid-batch loses its lease when it runs out.

use jiff::{SignedDuration, Timestamp};
use sqlx::Row;

use crate::{Result, Store};

/// An email leased for delivery: whose, and its number in their outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leased {
    pub owner: i64,
    pub id: i64,
}

fn ns(t: Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX)
}

impl Store {
    /// Leases up to `most` emails due at `now` to `holder` until `now + length`, the most
    /// overdue first; emails another worker holds are skipped, not waited for.
    pub async fn lease_due_emails(
        &self,
        holder: &str,
        now: Timestamp,
        length: SignedDuration,
        most: i64,
    ) -> Result<Vec<Leased>> {
        self.shared_only()?;
        let until = now.saturating_add(length).unwrap_or(Timestamp::MAX);
        let rows = sqlx::query(
            "UPDATE outbox_queue q SET leased_by = $1, lease_until = $2
             FROM (SELECT owner, id FROM outbox_queue
                   WHERE due_ns <= $3 AND (lease_until IS NULL OR lease_until < $4)
                   ORDER BY due_ns LIMIT $5
                   FOR UPDATE SKIP LOCKED) picked
             WHERE q.owner = picked.owner AND q.id = picked.id
             RETURNING q.owner, q.id",
        )
        .bind(holder)
        .bind(until.as_second())
        .bind(ns(now))
        .bind(now.as_second())
        .bind(most)
        .fetch_all(&self.plain)
        .await?;
        let mut leased: Vec<Leased> = rows
            .iter()
            .map(|r| {
                Ok(Leased {
                    owner: r.try_get(0)?,
                    id: r.try_get(1)?,
                })
            })
            .collect::<Result<_>>()?;
        leased.sort_by_key(|l| (l.owner, l.id));
        Ok(leased)
    }

    /// Gives back what `holder` leased and did not send (a failure left it queued), so the
    /// next worker need not wait for the lease to run out.
    pub async fn release_leases(&self, holder: &str) -> Result<()> {
        self.shared_only()?;
        sqlx::query(
            "UPDATE outbox_queue SET leased_by = NULL, lease_until = NULL WHERE leased_by = $1",
        )
        .bind(holder)
        .execute(&self.plain)
        .await?;
        Ok(())
    }

    /// When the next email of any account falls due, if one is queued.
    pub async fn next_due_anywhere(&self) -> Result<Option<Timestamp>> {
        self.shared_only()?;
        let next: Option<i64> = sqlx::query_scalar("SELECT MIN(due_ns) FROM outbox_queue")
            .fetch_one(&self.plain)
            .await?;
        Ok(next.and_then(|n| Timestamp::from_nanosecond(i128::from(n)).ok()))
    }
}
