//! The accounts of a shared database (issue 19): job seekers, their coaches and the admins
//! who manage them. A personal store has one user, its owner, and no accounts.

use followup_core::InputError;
use jiff::Timestamp;
use sqlx::Row;

use crate::{Backend, Result, Store, StoreError};

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Keeps their own job search.
    Seeker,
    /// Reads the searches of the seekers assigned to them, and comments on drafts.
    Coach,
    /// Manages accounts.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Seeker, Role::Coach, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seeker => "seeker",
            Role::Coach => "coach",
            Role::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = InputError;

    fn from_str(s: &str) -> Result<Role, InputError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                InputError::invalid("role", s, "no such role", "use seeker, coach or admin")
            })
    }
}

/// A signed-in request's account (without the seekers a coach reads), its change counter and
/// until when its session is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub user: User,
    pub generation: i64,
    pub until: Timestamp,
}

/// An account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// For coaches, the seekers assigned to them, by email.
    pub seekers: Vec<String>,
}

/// An account's role from its column.
fn role_of(row: &crate::db::DbRow, column: &str) -> Result<Role> {
    let role: String = row.try_get(column)?;
    role.parse()
        .map_err(|e: InputError| crate::rows::corrupt("users.role", role, e.to_string()))
}

pub(crate) fn personal_store() -> StoreError {
    StoreError::Input(InputError::invalid(
        "database",
        "a data directory",
        "a personal store has one user and no accounts",
        "accounts live on a shared database: give --database postgres://… (or \
         FOLLOWUP_DATABASE_URL)",
    ))
}

impl Store {
    pub(crate) fn shared_only(&self) -> Result<()> {
        match self.backend {
            Backend::Postgres => Ok(()),
            Backend::Sqlite => Err(personal_store()),
        }
    }

    /// Adds an account; `password_hash` is a PHC string (argon2id).
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<User> {
        self.shared_only()?;
        let email = email.trim().to_lowercase();
        let mut tx = self.plain.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(&email)
        .bind(role.as_str())
        .bind(password_hash)
        .bind(now.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Err(InputError::invalid(
                "EMAIL",
                &email,
                "an account with this address exists already",
                "see the accounts with: followup users list",
            )
            .into());
        };
        tx.commit().await?;
        Ok(User {
            id,
            email,
            role,
            seekers: Vec::new(),
        })
    }

    /// The account with address `email`, with its password hash.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>> {
        self.shared_only()?;
        let row = sqlx::query("SELECT id, email, role, password_hash FROM users WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.plain)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let user = self.user_from(&row).await?;
        Ok(Some((user, row.try_get("password_hash")?)))
    }

    /// A signed-in request's first question, in one round trip: when `key` is an open session
    /// of account `id` at `now`, the account, its change counter and the session's end.
    pub async fn visit(&self, id: i64, key: &str, now: Timestamp) -> Result<Option<Visit>> {
        self.shared_only()?;
        let row = sqlx::query("SELECT * FROM followup_visit($1, $2, $3)")
            .bind(id)
            .bind(key)
            .bind(now.as_second())
            .fetch_optional(&self.plain)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(Visit {
            user: User {
                id,
                email: row.try_get("account_email")?,
                role: role_of(&row, "account_role")?,
                seekers: Vec::new(),
            },
            generation: row.try_get("changes_count")?,
            // Past the range of time, a session is open as long as time goes.
            until: Timestamp::from_second(row.try_get("session_until")?).unwrap_or(Timestamp::MAX),
        }))
    }

    /// The account numbered `id`, if there is one.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>> {
        self.shared_only()?;
        let row = sqlx::query("SELECT id, email, role FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.plain)
            .await?;
        match row {
            Some(row) => Ok(Some(self.user_from(&row).await?)),
            None => Ok(None),
        }
    }

    async fn user_from(&self, row: &crate::db::DbRow) -> Result<User> {
        let id: i64 = row.try_get("id")?;
        let seekers = sqlx::query_scalar(
            "SELECT u.email FROM coach_assignments c JOIN users u ON u.id = c.seeker
             WHERE c.coach = $1 ORDER BY u.email",
        )
        .bind(id)
        .fetch_all(&self.plain)
        .await?;
        Ok(User {
            id,
            email: row.try_get("email")?,
            role: role_of(row, "role")?,
            seekers,
        })
    }

    /// The account with address `email`, or an error that says which exist.
    pub async fn require_user(&self, email: &str) -> Result<User> {
        match self.user_by_email(email).await? {
            Some((user, _)) => Ok(user),
            None => Err(InputError::UnknownId {
                kind: "account",
                value: email.to_string(),
                known: self.users().await?.into_iter().map(|u| u.email).collect(),
            }
            .into()),
        }
    }

    /// Every account, by address.
    pub async fn users(&self) -> Result<Vec<User>> {
        self.shared_only()?;
        let rows = sqlx::query("SELECT id, email, role FROM users ORDER BY email")
            .fetch_all(&self.plain)
            .await?;
        // Every assignment at once, not a question per account.
        let mut reads: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for row in sqlx::query(
            "SELECT c.coach, u.email FROM coach_assignments c JOIN users u ON u.id = c.seeker
             ORDER BY u.email",
        )
        .fetch_all(&self.plain)
        .await?
        {
            reads
                .entry(row.try_get(0)?)
                .or_default()
                .push(row.try_get(1)?);
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(User {
                    id,
                    email: row.try_get("email")?,
                    role: role_of(row, "role")?,
                    seekers: reads.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Lets coach `coach` read seeker `seeker`'s search; true when it is new.
    pub async fn assign_coach(&self, coach: &str, seeker: &str) -> Result<bool> {
        let coach = self.require_user(coach).await?;
        let seeker = self.require_user(seeker).await?;
        if coach.role != Role::Coach {
            return Err(InputError::invalid(
                "COACH_EMAIL",
                &coach.email,
                format!("{} is a {}, not a coach", coach.email, coach.role.as_str()),
                "assign a seeker to an account added with --role coach",
            )
            .into());
        }
        if seeker.role != Role::Seeker {
            return Err(InputError::invalid(
                "SEEKER_EMAIL",
                &seeker.email,
                format!(
                    "{} is a {}, not a seeker",
                    seeker.email,
                    seeker.role.as_str()
                ),
                "coaches are assigned to accounts added with --role seeker",
            )
            .into());
        }
        let done = sqlx::query(
            "INSERT INTO coach_assignments (coach, seeker) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(coach.id)
        .bind(seeker.id)
        .execute(&self.plain)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The handle through which coach `coach` reads seeker `seeker`'s search, when the seeker
    /// is assigned to them: it reads, and every write through it is refused by the database.
    /// A seeker not assigned, or not there, is unknown here.
    pub async fn coach_reading(&self, coach: i64, seeker: i64) -> Result<Store> {
        self.shared_only()?;
        let assigned: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM coach_assignments WHERE coach = $1 AND seeker = $2")
                .bind(coach)
                .bind(seeker)
                .fetch_optional(&self.plain)
                .await?;
        if assigned.is_none() {
            return Err(InputError::UnknownId {
                kind: "seeker",
                value: seeker.to_string(),
                known: Vec::new(),
            }
            .into());
        }
        Ok(Store {
            user: Some(crate::Acting {
                owner: seeker,
                actor: coach,
            }),
            ..self.clone()
        })
    }

    /// Removes an account with all its data and sessions, in one transaction.
    pub async fn remove_user(&self, email: &str) -> Result<User> {
        let user = self.require_user(email).await?;
        // The user's rows are visible to a connection acting for them only, so the removal
        // acts for them; their rows go with the account (ON DELETE CASCADE).
        let as_them = self.as_user_unplanned(user.id);
        let mut tx = as_them.write().await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(user)
    }
}
