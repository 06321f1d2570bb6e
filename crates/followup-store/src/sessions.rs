//! The web app's signed-in sessions and sign-in tries (issue 18): in the store, so a restart
//! of `serve` signs no one out, any number of servers over one directory agree, and "sign out
//! everywhere" reaches every browser. Moments are whole seconds since the Unix epoch.

use jiff::Timestamp;

use crate::db::sql;
use crate::{Result, Store};

impl Store {
    /// Opens a session known by `key` (a hash of the browser's token) until `until`, and
    /// forgets the sessions that have ended.
    pub async fn open_web_session(
        &self,
        key: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(sql(&tx, "DELETE FROM web_sessions WHERE until <= ?"))
            .bind(now.as_second())
            .execute(&mut *tx)
            .await?;
        sqlx::query(sql(&tx, "INSERT INTO web_sessions (key, opened_at, until) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET opened_at = excluded.opened_at, until = excluded.until"))
            .bind(key)
            .bind(now.as_second())
            .bind(until.as_second())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the session known by `key` is open at `now`.
    pub async fn web_session_is_open(&self, key: &str, now: Timestamp) -> Result<bool> {
        let open: Option<i64> =
            sqlx::query_scalar(self.sql("SELECT 1 FROM web_sessions WHERE key = ? AND until > ?"))
                .bind(key)
                .bind(now.as_second())
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(open.is_some())
    }

    /// Ends one session.
    pub async fn close_web_session(&self, key: &str) -> Result<()> {
        sqlx::query(self.sql("DELETE FROM web_sessions WHERE key = ?"))
            .bind(key)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Ends every session, in every browser; how many there were.
    pub async fn close_every_web_session(&self) -> Result<u64> {
        let done = sqlx::query(self.sql("DELETE FROM web_sessions"))
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(done.rows_affected())
    }

    /// Counts a sign-in try made at `now` against the last minute's `allowed`, before its
    /// password is checked, so that many sent at once cannot all be checked: false, and
    /// nothing counted, when the minute's tries are used up.
    pub async fn count_sign_in_try(&self, now: Timestamp, allowed: usize) -> Result<bool> {
        let mut tx = self.write().await?;
        let minute_ago = now.as_second() - 60;
        sqlx::query(sql(&tx, "DELETE FROM web_sign_in_tries WHERE at < ?"))
            .bind(minute_ago)
            .execute(&mut *tx)
            .await?;
        let recent: i64 = sqlx::query_scalar(sql(&tx, "SELECT COUNT(*) FROM web_sign_in_tries"))
            .fetch_one(&mut *tx)
            .await?;
        if recent >= i64::try_from(allowed).unwrap_or(i64::MAX) {
            return Ok(false);
        }
        sqlx::query(sql(&tx, "INSERT INTO web_sign_in_tries (at) VALUES (?)"))
            .bind(now.as_second())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The right password was given at `at`: its try does not count against anyone.
    pub async fn forgive_sign_in_try(&self, at: Timestamp) -> Result<()> {
        sqlx::query(self.sql(
            "DELETE FROM web_sign_in_tries WHERE rowid =
                 (SELECT rowid FROM web_sign_in_tries WHERE at = ? ORDER BY rowid DESC LIMIT 1)",
        ))
        .bind(at.as_second())
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use crate::Store;

    #[tokio::test]
    async fn sessions_outlive_the_store_that_opened_them_and_end_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let week = now + SignedDuration::from_hours(24 * 7);
        let store = Store::open(dir.path()).await.unwrap();
        store.open_web_session("k1", now, week).await.unwrap();
        store.open_web_session("k2", now, week).await.unwrap();
        store.close().await;
        let store = Store::open(dir.path()).await.unwrap();
        assert!(store.web_session_is_open("k1", now).await.unwrap());
        assert!(
            !store.web_session_is_open("k1", week).await.unwrap(),
            "ended"
        );
        assert!(!store.web_session_is_open("k3", now).await.unwrap());
        store.close_web_session("k1").await.unwrap();
        assert!(!store.web_session_is_open("k1", now).await.unwrap());
        assert_eq!(store.close_every_web_session().await.unwrap(), 1);
        assert!(!store.web_session_is_open("k2", now).await.unwrap());
    }

    #[tokio::test]
    async fn tries_are_counted_across_restarts_and_forgiven_when_right() {
        let dir = tempfile::tempdir().unwrap();
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        for _ in 0..4 {
            assert!(store.count_sign_in_try(now, 5).await.unwrap());
        }
        store.close().await;
        let store = Store::open(dir.path()).await.unwrap();
        assert!(store.count_sign_in_try(now, 5).await.unwrap());
        assert!(!store.count_sign_in_try(now, 5).await.unwrap(), "the sixth");
        store.forgive_sign_in_try(now).await.unwrap();
        assert!(
            store.count_sign_in_try(now, 5).await.unwrap(),
            "one was forgiven"
        );
        let later = now + SignedDuration::from_mins(2);
        assert!(
            store.count_sign_in_try(later, 5).await.unwrap(),
            "a minute on"
        );
    }
}
