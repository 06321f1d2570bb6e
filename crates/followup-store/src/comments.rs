//! Coaches' comments on a seeker's drafts, on a shared database (issue 19). A personal store
//! has none.

use followup_core::{InputError, Moment};
use sqlx::Row;

use crate::{Backend, Result, Store};

/// One comment on a draft.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DraftComment {
    /// Who wrote it, by email.
    pub author: String,
    pub body: String,
    pub at: Moment,
}

impl Store {
    /// Adds a comment by the acting user (a coach reading the seeker's search) on the draft of
    /// `action` in `application_id`.
    pub async fn add_comment(
        &self,
        application_id: &str,
        action: &str,
        body: &str,
        now: Moment,
    ) -> Result<()> {
        self.shared_only()?;
        let body = body.trim();
        if body.is_empty() {
            return Err(InputError::invalid(
                "comment",
                "",
                "the comment is empty",
                "write what the seeker should know about this draft",
            )
            .into());
        }
        let author = self.user.map_or(0, |acting| acting.actor);
        let mut tx = self.write().await?;
        crate::require_application(&mut tx, application_id).await?;
        sqlx::query(
            "INSERT INTO draft_comments (application_id, action, author, body, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(application_id)
        .bind(action)
        .bind(author)
        .bind(body)
        .bind(now.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The comments on the draft of `action` in `application_id`, oldest first.
    pub async fn comments_on(
        &self,
        application_id: &str,
        action: &str,
    ) -> Result<Vec<DraftComment>> {
        if self.backend == Backend::Sqlite {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT u.email, c.body, c.created_at FROM draft_comments c
             JOIN users u ON u.id = c.author
             WHERE c.application_id = $1 AND c.action = $2 ORDER BY c.rowid",
        )
        .bind(application_id)
        .bind(action)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftComment {
                    author: r.try_get(0)?,
                    body: r.try_get(1)?,
                    at: crate::rows::parse_col(r, "created_at")?,
                })
            })
            .collect()
    }
}
