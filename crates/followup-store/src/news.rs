//! News of accounts from a shared database as it happens: which account's pages or sessions
//! changed, so a server that keeps what it asked of the database knows what to ask again.

use sqlx::postgres::PgListener;

use crate::{Result, Store};

/// The channel migration 0005 announces on.
const CHANNEL: &str = "followup_accounts";

/// What the database said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    /// Account `id` changed: its change counter moved, one of its sessions ended or changed,
    /// or the account itself was changed or removed.
    Account(i64),
    /// Something was announced that names no account: anything may have changed.
    Anything,
}

/// A connection that hears every account's news, from the moment it was opened.
pub struct AccountNews {
    listener: PgListener,
}

impl std::fmt::Debug for AccountNews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountNews").finish_non_exhaustive()
    }
}

impl Store {
    /// Starts hearing account news; when this returns, nothing committed afterwards goes
    /// unheard while the connection lasts. Only a shared database has news.
    pub async fn account_news(&self) -> Result<AccountNews> {
        let pool = self
            .news
            .as_ref()
            .ok_or_else(crate::accounts::personal_store)?;
        let mut listener = PgListener::connect_with(pool).await?;
        // A lost connection is reported, not quietly replaced: what was said meanwhile is
        // lost with it, and only the caller knows what to forget.
        listener.eager_reconnect(false);
        listener.listen(CHANNEL).await?;
        Ok(AccountNews { listener })
    }
}

impl AccountNews {
    /// The next news. An error means the connection is lost and news may have been missed;
    /// hear again with a new [`Store::account_news`].
    pub async fn next(&mut self) -> Result<News> {
        match self.listener.try_recv().await? {
            Some(notice) => Ok(notice
                .payload()
                .parse()
                .map_or(News::Anything, News::Account)),
            None => Err(crate::StoreError::Database(sqlx::Error::Io(
                std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "the connection that hears account news was lost",
                ),
            ))),
        }
    }
}
