//! The worker's lease (issue 18): exactly one process at a time delivers the outbox and reads
//! replies for a data directory. A holder renews the lease while it lives; one that stops
//! renewing (killed, frozen) loses it when it runs out, and the next process takes it over.
//! Moments are wall-clock seconds since the Unix epoch.

use jiff::{SignedDuration, Timestamp};

use crate::db::sql;
use crate::{Result, Store};

/// Who holds the worker's lease, when another process does.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LeaseHolder {
    /// What the holder calls itself, e.g. "followup serve (pid 4242)".
    pub who: String,
    /// When the lease runs out unless renewed.
    pub until: Timestamp,
}

impl Store {
    /// Takes or renews the worker's lease for `holder` until `now + length`. Err-free None
    /// means it is ours now; Some names the live process that holds it.
    pub async fn take_worker_lease(
        &self,
        holder: &str,
        who: &str,
        now: Timestamp,
        length: SignedDuration,
    ) -> Result<Option<LeaseHolder>> {
        let mut tx = self.write().await?;
        let current: Option<(String, String, i64)> = sqlx::query_as(sql(
            &tx,
            "SELECT holder, who, until FROM worker_lease WHERE id = 1",
        ))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((other, who, until)) = current
            && other != holder
            && until > now.as_second()
        {
            return Ok(Some(LeaseHolder {
                who,
                until: Timestamp::from_second(until).unwrap_or(Timestamp::MAX),
            }));
        }
        let until = now.saturating_add(length).unwrap_or(Timestamp::MAX);
        sqlx::query(sql(
            &tx,
            "INSERT INTO worker_lease (id, holder, who, until) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, who = excluded.who,
               until = excluded.until",
        ))
        .bind(holder)
        .bind(who)
        .bind(until.as_second())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(None)
    }

    /// Gives the lease up, if `holder` has it, so the next worker need not wait for it to run
    /// out.
    pub async fn release_worker_lease(&self, holder: &str) -> Result<()> {
        sqlx::query(self.sql("DELETE FROM worker_lease WHERE id = 1 AND holder = ?"))
            .bind(holder)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_holder_at_a_time_and_a_lapsed_lease_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let t0 = Timestamp::from_second(1_800_000_000).unwrap();
        let lease = SignedDuration::from_secs(30);
        assert_eq!(
            store
                .take_worker_lease("a", "serve", t0, lease)
                .await
                .unwrap(),
            None
        );
        let held = store
            .take_worker_lease("b", "run", t0 + SignedDuration::from_secs(10), lease)
            .await
            .unwrap()
            .expect("a holds it");
        assert_eq!(held.who, "serve");
        // The holder renews; the other still waits.
        let t20 = t0 + SignedDuration::from_secs(20);
        assert_eq!(
            store
                .take_worker_lease("a", "serve", t20, lease)
                .await
                .unwrap(),
            None
        );
        let t45 = t0 + SignedDuration::from_secs(45);
        assert!(
            store
                .take_worker_lease("b", "run", t45, lease)
                .await
                .unwrap()
                .is_some()
        );
        // Not renewed: after it runs out, the other takes it over.
        let t51 = t0 + SignedDuration::from_secs(51);
        assert_eq!(
            store
                .take_worker_lease("b", "run", t51, lease)
                .await
                .unwrap(),
            None
        );
        let probe = |at| store.take_worker_lease("c", "probe", at, lease);
        assert_eq!(probe(t51).await.unwrap().unwrap().who, "run");
        // Given up, it is free at once; someone else's release leaves it alone.
        store.release_worker_lease("a").await.unwrap();
        assert!(probe(t51).await.unwrap().is_some());
        store.release_worker_lease("b").await.unwrap();
        assert_eq!(probe(t51).await.unwrap(), None, "free: the probe takes it");
    }
}
