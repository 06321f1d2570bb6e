//! The tracker store: every entity of SPEC §1 in SQLite on disk, migrated on open, changed in transactions.
//!
//! The store does I/O and bookkeeping (ids, references, transactions) and nothing clever:
//! planning, drafting and checking happen in the pure crates on what it loads.

mod accounts;
mod backup;
mod comments;
mod db;
mod error;
mod mail;
mod news;
mod plans;
mod queue;
mod rows;
mod sessions;
mod worker;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use followup_core::{
    Application, ApplicationFile, InputError, Interview, Interviewer, Moment, Profile, Response,
    Settings, Touchpoint,
};
use sqlx::AnyPool;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, ConnectOptions, Row, Transaction};

pub use accounts::{Role, User, Visit};
pub use backup::{BACKUP_FORMAT, Backup, Restored};
pub use comments::DraftComment;
pub use db::Backend;
use db::{Conn, DbRow, flag, is_postgres, sql};
pub use error::StoreError;
pub use mail::{
    InboxEntry, InboxState, KnownAddress, MailboxMark, MatchedBy, NewEmail, OutboxEntry,
    OutboxState, SavedDraft, SentEmail,
};
pub use news::{AccountNews, News};
pub use plans::{AgendaItem, AgendaPage};
pub use queue::Leased;
use rows::{json_list, opt_text, parse_col, parse_opt_col};
pub use worker::LeaseHolder;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The file name of the database inside the data directory.
pub const DATABASE_FILE: &str = "followup.db";

/// A line of the application list.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ApplicationSummary {
    #[serde(flatten)]
    pub application: Application,
    pub rounds: u32,
    pub last_interview: Option<Moment>,
    pub touchpoints: u32,
    pub responses: u32,
    /// Where the application stands by its plan at the time asked.
    pub status: followup_plan::AppStatus,
}

/// An application's board line as stored: where it stands follows from its plan's summary
/// at whatever moment is asked, so a page may keep the rows while the store is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    pub id: String,
    pub company: String,
    pub role: String,
    pub archived: bool,
    outcome: Option<String>,
    quiet_from_ns: Option<i64>,
    thank_yous_done: bool,
}

impl BoardRow {
    /// Where the application stands at `now`.
    pub fn status(&self, now: jiff::Timestamp) -> followup_plan::AppStatus {
        plans::status_at(
            self.outcome.as_deref(),
            self.quiet_from_ns,
            self.thank_yous_done,
            now,
        )
    }
}

/// The columns of an application's line in the list, counts and round starts included.
fn summary_query(conn: &Conn) -> &'static str {
    if is_postgres(conn) {
        "SELECT a.*,
            (SELECT COUNT(*) FROM rounds r WHERE r.application_id = a.id) AS round_count,
            (SELECT COUNT(*) FROM touchpoints t WHERE t.application_id = a.id) AS touchpoint_count,
            (SELECT COUNT(*) FROM responses s WHERE s.application_id = a.id) AS response_count,
            (SELECT COALESCE(json_agg(start_at)::text, '[]') FROM rounds r
             WHERE r.application_id = a.id) AS starts
         FROM applications a"
    } else {
        "SELECT a.*,
            (SELECT COUNT(*) FROM rounds r WHERE r.application_id = a.id) AS round_count,
            (SELECT COUNT(*) FROM touchpoints t WHERE t.application_id = a.id) AS touchpoint_count,
            (SELECT COUNT(*) FROM responses s WHERE s.application_id = a.id) AS response_count,
            (SELECT json_group_array(start_at) FROM rounds r WHERE r.application_id = a.id) AS starts
         FROM applications a"
    }
}

/// A line of the list from a row of [`summary_query`].
fn summary(row: &db::DbRow, now: jiff::Timestamp) -> Result<ApplicationSummary> {
    let starts: Vec<String> = json_list(row, "starts")?;
    let last_interview = starts
        .iter()
        .filter_map(|s| Moment::parse_rfc3339(s).ok())
        .max_by_key(|m| m.timestamp());
    Ok(ApplicationSummary {
        application: rows::application(row)?,
        rounds: row.try_get::<i64, _>("round_count")? as u32,
        last_interview,
        touchpoints: row.try_get::<i64, _>("touchpoint_count")? as u32,
        responses: row.try_get::<i64, _>("response_count")? as u32,
        status: plans::status_at(
            row.try_get("plan_outcome")?,
            row.try_get("plan_quiet_from_ns")?,
            flag(row, "plan_thank_yous_done")?,
            now,
        ),
    })
}

/// Ids an import had to change because the store already used them.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ImportReport {
    pub application: String,
    pub renamed: Vec<Renamed>,
    pub profile_imported: bool,
    pub settings_imported: bool,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Renamed {
    pub kind: &'static str,
    pub from: String,
    pub to: String,
}

/// An open store: a SQLite file of one person's, or one user's part of a shared PostgreSQL
/// database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// On a shared database, connections that never act for anyone beyond one statement or
    /// transaction (accounts, the queue, a request's first question), so none needs resetting
    /// on its way back; on SQLite, the same pool.
    plain: AnyPool,
    backend: Backend,
    /// The database file, or the shared database's address without its password.
    path: PathBuf,
    /// On a shared database, whose data this handle reads and writes, and who acts (a coach
    /// reading a seeker's is not the seeker).
    user: Option<Acting>,
    /// On a shared database, where the connection that hears account news comes from
    /// (opened when first asked for).
    news: Option<sqlx::PgPool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Acting {
    pub(crate) owner: i64,
    pub(crate) actor: i64,
}

/// The SQLite migrations and the PostgreSQL ones, each embedded at build time so no database
/// is needed to build.
static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Whether `location` names a PostgreSQL database rather than a data directory.
pub fn is_database_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A database address without its password, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "(an unreadable database address)".to_string(),
    }
}

impl Store {
    /// Opens (creating if needed) the store in `dir` and applies any pending migrations.
    pub async fn open(dir: &Path) -> Result<Store> {
        sqlx::any::install_default_drivers();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DATABASE_FILE);
        let url = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .to_url_lossy();
        let options = AnyConnectOptions::from_url(&url).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // Readers beside one writer, a write that waits its turn (up to 10 s)
                    // instead of failing, and references kept.
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = NORMAL",
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 10000",
                    ] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        SQLITE_MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                path: path.clone(),
                source,
            })?;
        let store = Store {
            plain: pool.clone(),
            pool,
            backend: Backend::Sqlite,
            path,
            user: None,
            news: None,
        };
        plans::ensure_current(&store).await?;
        Ok(store)
    }

    /// Connects to a shared PostgreSQL database and brings its schema up to date. The handle
    /// acts for no one: accounts are managed through it, and [`Store::as_user`] gives the
    /// handle for one user's data.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let path = PathBuf::from(redacted(url));
        let open_error = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let options = AnyConnectOptions::from_url(&url.parse().map_err(|e: url::ParseError| {
            open_error(sqlx::Error::Configuration(e.to_string().into()))
        })?)
        .map_err(open_error)?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .after_release(|conn, _| {
                Box::pin(async move {
                    // A connection goes back to the pool acting for no one.
                    sqlx::query("SELECT set_config('followup.user', '', false), set_config('followup.actor', '', false)")
                        .execute(&mut *conn)
                        .await?;
                    Ok(true)
                })
            })
            .connect_with(options.clone())
            .await
            .map_err(open_error)?;
        let bypasses: bool = sqlx::query_scalar(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
        )
        .fetch_one(&pool)
        .await?;
        if bypasses {
            return Err(StoreError::Input(InputError::invalid(
                "database",
                path.display().to_string(),
                "its role is a superuser or bypasses row-level security, which is the shared \
                 database's second wall between users",
                "connect as an ordinary role that owns the database (see the README's shared \
                 deployment)",
            )));
        }
        POSTGRES_MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                path: path.clone(),
                source,
            })?;
        let plain = AnyPoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        // One long-lived connection at a time, which neither idles out nor ages out while
        // it listens.
        let news = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_lazy_with(url.parse().map_err(open_error)?);
        Ok(Store {
            pool,
            plain,
            backend: Backend::Postgres,
            path,
            user: None,
            news: Some(news),
        })
    }

    /// The handle for user `id`'s own data on a shared database; the same store otherwise.
    pub async fn as_user(&self, id: i64) -> Result<Store> {
        let store = self.as_user_unplanned(id);
        if store.user.is_some() {
            plans::ensure_current(&store).await?;
        }
        Ok(store)
    }

    /// The handle for user `id`, without bringing their plans up to date (for a request of
    /// someone whose plans were brought up to date when they signed in).
    pub fn as_user_unplanned(&self, id: i64) -> Store {
        Store {
            user: (self.backend == Backend::Postgres).then_some(Acting {
                owner: id,
                actor: id,
            }),
            ..self.clone()
        }
    }

    /// On a shared database, whose data this handle reads (None: a personal store, or the
    /// database acting for no one).
    pub fn owner(&self) -> Option<i64> {
        self.user.map(|acting| acting.owner)
    }

    /// On a shared database, who is acting through this handle (the owner, or a coach reading
    /// the owner's search).
    pub fn actor(&self) -> Option<i64> {
        self.user.map(|acting| acting.actor)
    }

    /// Whether this handle may change what it reads (a coach reading a seeker's may not).
    pub fn may_write(&self) -> bool {
        self.user.is_none_or(|acting| acting.owner == acting.actor)
    }

    /// Which database the store is in.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// `text` as this store's database takes it.
    pub(crate) fn sql<'a>(&self, text: &'a str) -> &'a str {
        db::for_backend(self.backend, text)
    }

    /// A connection acting for this handle's user.
    pub(crate) async fn conn(&self) -> Result<PoolConnection<Any>> {
        let mut conn = self.pool.acquire().await?;
        if let Some(acting) = self.user {
            sqlx::query(
                "SELECT set_config('followup.user', $1, false), set_config('followup.actor', $2, false)",
            )
            .bind(acting.owner.to_string())
            .bind(acting.actor.to_string())
            .execute(&mut *conn)
            .await?;
        }
        Ok(conn)
    }

    /// A transaction that reads one consistent picture.
    pub(crate) async fn read(&self) -> Result<Transaction<'static, Any>> {
        let mut tx = self.pool.begin().await?;
        self.act_in(&mut tx).await?;
        Ok(tx)
    }

    /// A transaction for a change. On SQLite it takes the write lock as it starts (`BEGIN
    /// IMMEDIATE`): a deferred one reads first and asks for the lock at its first write, and
    /// when another process wrote in between SQLite cannot let it wait and fails it with
    /// "database is locked". Taken up front, the lock is waited for on the busy timeout, so
    /// writers from `serve`, `run` and the CLI queue instead of failing. PostgreSQL locks
    /// rows as they are written.
    pub(crate) async fn write(&self) -> Result<Transaction<'static, Any>> {
        let mut tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        self.act_in(&mut tx).await?;
        Ok(tx)
    }

    /// Says, for this transaction only, whom it acts for.
    async fn act_in(&self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        if let Some(acting) = self.user {
            sqlx::query(
                "SELECT set_config('followup.user', $1, true), set_config('followup.actor', $2, true)",
            )
            .bind(acting.owner.to_string())
            .bind(acting.actor.to_string())
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema versions applied to this database, oldest first.
    pub async fn schema_versions(&self) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            self.sql("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version"),
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }

    /// The newest schema version this binary knows.
    pub fn latest_schema_version() -> i64 {
        SQLITE_MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Folds the write-ahead log back into the database file and closes the pool, so a
    /// store at rest is one self-contained file that can be copied or backed up.
    pub async fn close(self) {
        if self.backend == Backend::Sqlite {
            // Best effort: a reader elsewhere may keep the log busy, which is harmless.
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await;
        }
        self.pool.close().await;
        self.plain.close().await;
    }

    // ----- profile and settings -------------------------------------------------------------

    pub async fn profile(&self) -> Result<Option<Profile>> {
        let mut conn = self.conn().await?;
        read_profile(&mut conn).await
    }

    pub async fn set_profile(&self, profile: &Profile) -> Result<()> {
        let mut tx = self.write().await?;
        write_profile(&mut tx, profile).await?;
        // Zones and date-only decision dates are read in the profile's zone.
        plans::replan_all(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The settings, or the defaults when none were saved.
    pub async fn settings(&self) -> Result<Settings> {
        let mut conn = self.conn().await?;
        Ok(read_settings(&mut conn).await?.unwrap_or_default())
    }

    pub async fn set_settings(&self, settings: &Settings) -> Result<()> {
        let mut tx = self.write().await?;
        write_settings(&mut tx, settings).await?;
        plans::replan_all(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    // ----- applications ---------------------------------------------------------------------

    /// Adds an application; an empty id gets the next free `aN`.
    pub async fn create_application(&self, app: &Application, now: Moment) -> Result<Application> {
        let mut tx = self.write().await?;
        let mut app = app.clone();
        if app.id.is_empty() {
            app.id = next_id(&mut tx, "a").await?;
        } else if exists(&mut tx, "applications", &app.id).await? {
            return Err(StoreError::Input(InputError::invalid(
                "application.id",
                &app.id,
                format!("an application with the id {:?} exists already", app.id),
                "leave the id out to get a new one",
            )));
        }
        insert_application(&mut tx, &app, now).await?;
        plans::refresh(&mut tx, &app.id).await?;
        tx.commit().await?;
        Ok(app)
    }

    /// Adds many new applications in one transaction, each with the next free `aN` and its
    /// own creation moment: all of them, or none. `on_added` is told of each (for progress).
    ///
    /// New applications have no history, so each is planned from what is in hand rather than
    /// read back, and rows go in hundreds at a time: a tracker's hundred thousand rows take a
    /// few hundred statements, not a few hundred thousand.
    pub async fn add_applications(
        &self,
        apps: &[(Application, Moment)],
        mut on_added: impl FnMut(usize),
    ) -> Result<Vec<String>> {
        /// Rows per statement: 500 × 14 values stays under SQLite's limit of 32,766.
        const CHUNK: usize = 500;
        let mut tx = self.write().await?;
        let taken: std::collections::HashSet<String> =
            sqlx::query_scalar(sql(&tx, "SELECT id FROM applications"))
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
        let mut next: i64 =
            sqlx::query_scalar(sql(&tx, "SELECT next FROM id_counters WHERE kind = 'a'"))
                .fetch_optional(&mut *tx)
                .await?
                .unwrap_or(1);
        let mut file = ApplicationFile {
            now: None,
            profile: read_profile(&mut tx).await?.unwrap_or_else(unnamed_profile),
            settings: read_settings(&mut tx).await?.unwrap_or_default(),
            application: Application {
                id: String::new(),
                company: String::new(),
                role: String::new(),
                industry: None,
                culture: None,
                prefers_no_calls: false,
                stage: Default::default(),
                source: None,
                notes: None,
                archived: false,
            },
            interviews: Vec::new(),
            touchpoints: Vec::new(),
            responses: Vec::new(),
        };
        let mut ids = Vec::with_capacity(apps.len());
        for (c, chunk) in apps.chunks(CHUNK).enumerate() {
            let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            let sql_text = format!(
                "INSERT INTO applications (id, company, role, industry, culture, prefers_no_calls,
                   stage, source, notes, archived, created_at, plan_outcome, plan_quiet_from_ns,
                   plan_thank_yous_done)
                 VALUES {}",
                vec![row; chunk.len()].join(", ")
            );
            let mut query = sqlx::query(sql(&tx, &sql_text));
            let mut with_actions = Vec::new();
            for (app, created) in chunk {
                let id = loop {
                    let candidate = format!("a{next}");
                    next += 1;
                    if !taken.contains(&candidate) {
                        break candidate;
                    }
                };
                file.application.clone_from(app);
                file.application.id = id.clone();
                let schedule = followup_plan::schedule(&file);
                if schedule.actions.iter().any(|a| a.status.is_open()) {
                    with_actions.push(file.application.clone());
                }
                let (outcome, quiet_from, thank_yous_done) = plans::columns(&schedule);
                query = query
                    .bind(id.clone())
                    .bind(app.company.clone())
                    .bind(app.role.clone())
                    .bind(app.industry.clone())
                    .bind(app.culture.map(|c| c.as_str()))
                    .bind(i64::from(app.prefers_no_calls))
                    .bind(app.stage.as_str())
                    .bind(app.source.clone())
                    .bind(app.notes.clone())
                    .bind(i64::from(app.archived))
                    .bind(created.timestamp().to_string())
                    .bind(outcome)
                    .bind(quiet_from)
                    .bind(i64::from(thank_yous_done));
                ids.push(id);
            }
            query.execute(&mut *tx).await?;
            // The planner has nothing to plan without a round, but should it ever have,
            // those applications are planned the long way.
            for app in with_actions {
                file.application = app;
                plans::write_plan(&mut tx, &file, false).await?;
            }
            on_added(c * CHUNK + chunk.len());
        }
        sqlx::query(sql(
            &tx,
            "INSERT INTO id_counters (kind, next) VALUES ('a', ?)
             ON CONFLICT (kind) DO UPDATE SET next = excluded.next",
        ))
        .bind(next)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Every application whole (archived ones only when asked), in the order they were added,
    /// read in one transaction so they agree with each other.
    pub async fn load_every(&self, archived: bool) -> Result<Vec<ApplicationFile>> {
        // A read: one transaction for a consistent picture, without the write lock.
        let mut tx = self.read().await?;
        let files = load_files(&mut tx, archived).await?;
        tx.commit().await?;
        Ok(files)
    }

    /// When each application was added, by id (archived ones too).
    pub async fn added_moments(&self) -> Result<HashMap<String, Moment>> {
        let rows = sqlx::query(self.sql("SELECT id, created_at FROM applications"))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let mut added = HashMap::with_capacity(rows.len());
        for row in &rows {
            let id: String = row.try_get("id")?;
            added.insert(id, rows::parse_col(row, "created_at")?);
        }
        Ok(added)
    }

    /// Saves the changed fields of an existing application.
    pub async fn update_application(&self, app: &Application) -> Result<()> {
        let mut tx = self.write().await?;
        require_application(&mut tx, &app.id).await?;
        sqlx::query(sql(
            &tx,
            "UPDATE applications SET company = ?, role = ?, industry = ?, culture = ?,
             prefers_no_calls = ?, stage = ?, source = ?, notes = ?, archived = ? WHERE id = ?",
        ))
        .bind(&app.company)
        .bind(&app.role)
        .bind(&app.industry)
        .bind(app.culture.map(|c| c.as_str()))
        .bind(i64::from(app.prefers_no_calls))
        .bind(app.stage.as_str())
        .bind(&app.source)
        .bind(&app.notes)
        .bind(i64::from(app.archived))
        .bind(&app.id)
        .execute(&mut *tx)
        .await?;
        plans::refresh(&mut tx, &app.id).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn application(&self, id: &str) -> Result<Application> {
        let mut conn = self.conn().await?;
        let row = sqlx::query(sql(&conn, "SELECT * FROM applications WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        match row {
            Some(row) => rows::application(&row),
            None => Err(unknown_application(&mut conn, id).await),
        }
    }

    /// Every application (archived ones only when asked), in the order they were added.
    pub async fn list_applications(
        &self,
        include_archived: bool,
        now: jiff::Timestamp,
    ) -> Result<Vec<ApplicationSummary>> {
        let mut conn = self.conn().await?;
        let text = format!(
            "{} WHERE ? = 1 OR a.archived = 0 ORDER BY a.rowid",
            summary_query(&conn)
        );
        let rows = sqlx::query(sql(&conn, &text))
            .bind(i64::from(include_archived))
            .fetch_all(&mut *conn)
            .await?;
        rows.iter().map(|row| summary(row, now)).collect()
    }

    /// Every application's board line, archived ones too, in the order they were added: a
    /// page filters and counts them all, then reads in full only the ones it shows
    /// ([`Store::summaries`]).
    pub async fn board_rows(&self) -> Result<Vec<BoardRow>> {
        let rows = sqlx::query(self.sql(
            "SELECT id, company, role, archived, plan_outcome, plan_quiet_from_ns,
                    plan_thank_yous_done
             FROM applications ORDER BY rowid",
        ))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BoardRow {
                    id: row.try_get("id")?,
                    company: row.try_get("company")?,
                    role: row.try_get("role")?,
                    archived: flag(row, "archived")?,
                    outcome: row.try_get("plan_outcome")?,
                    quiet_from_ns: row.try_get("plan_quiet_from_ns")?,
                    thank_yous_done: flag(row, "plan_thank_yous_done")?,
                })
            })
            .collect()
    }

    /// The companies of applications other than `except` that `text` may name, each once: a
    /// note naming one of them names the wrong company. Every run of up to eight words of the
    /// text is looked up in the index of names (case folded as SQLite folds it, ASCII only),
    /// so a check costs the same at ten applications and at ten thousand; names with other
    /// letters are always returned. The checker confirms each on word boundaries.
    pub async fn other_companies_in(&self, except: &str, text: &str) -> Result<Vec<String>> {
        let phrases = serde_json::to_string(&word_runs(text, 8)).unwrap_or_default();
        let text = match self.backend {
            Backend::Sqlite => {
                "SELECT company FROM applications
                 WHERE lower(company) IN (SELECT value FROM json_each(?2)) AND id <> ?1
                 UNION
                 SELECT company FROM applications
                 WHERE company GLOB '*[^ -~]*' AND id <> ?1"
            }
            Backend::Postgres => {
                "SELECT company FROM applications
                 WHERE lower(company) IN (SELECT json_array_elements_text(?2::json)) AND id <> ?1
                 UNION
                 SELECT company FROM applications
                 WHERE company ~ '[^ -~]' AND id <> ?1"
            }
        };
        let rows = sqlx::query_scalar(self.sql(text))
            .bind(except)
            .bind(phrases)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok(rows)
    }

    /// The summaries of the applications `ids`, in the order given; unknown ids are left out.
    pub async fn summaries(
        &self,
        ids: &[&str],
        now: jiff::Timestamp,
    ) -> Result<Vec<ApplicationSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = HashMap::new();
        let mut conn = self.conn().await?;
        // SQLite takes a few hundred parameters at most; the board asks for a few hundred.
        for chunk in ids.chunks(400) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let text = format!("{} WHERE a.id IN ({marks})", summary_query(&conn));
            let mut query = sqlx::query(sql(&conn, &text));
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(&mut *conn).await? {
                let s = summary(&row, now)?;
                found.insert(s.application.id.clone(), s);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(*id)).collect())
    }

    /// Everything known about one application, in the interchange shape (SPEC §5).
    pub async fn load(&self, id: &str) -> Result<ApplicationFile> {
        let mut conn = self.conn().await?;
        load_file(&mut conn, id).await
    }

    /// The application a round belongs to.
    pub async fn application_of_round(&self, round_id: &str) -> Result<String> {
        let row = sqlx::query(self.sql("SELECT application_id FROM rounds WHERE id = ?"))
            .bind(round_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        match row {
            Some(row) => Ok(row.get(0)),
            None => {
                let known = ids(
                    &mut *self.conn().await?,
                    "SELECT id FROM rounds ORDER BY rowid",
                )
                .await?;
                Err(StoreError::Input(InputError::UnknownId {
                    kind: "interview",
                    value: round_id.to_string(),
                    known,
                }))
            }
        }
    }

    // ----- rounds and interviewers ----------------------------------------------------------

    /// Adds or replaces a round with its interviewers, in one transaction.
    ///
    /// An empty round id makes a new round `rN`; an interviewer with an empty id becomes a new
    /// contact `pN`, one with a known id updates that contact (everywhere it appears). The
    /// round's interviewer list and details are replaced by the given ones.
    pub async fn save_round(
        &self,
        application_id: &str,
        interview: &Interview,
    ) -> Result<Interview> {
        let mut tx = self.write().await?;
        require_application(&mut tx, application_id).await?;
        let saved = write_round(&mut tx, application_id, interview, &mut HashMap::new()).await?;
        plans::refresh(&mut tx, application_id).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Saves many rounds, of one application or several, in one transaction: all or none.
    ///
    /// A person new to the store may appear in several of the rounds: give them the same
    /// placeholder id starting with [`NEW_PERSON`] (`new:` and any key) in each, and they are
    /// added once, under one new id.
    pub async fn save_rounds(&self, rounds: &[(String, Interview)]) -> Result<Vec<Interview>> {
        let mut tx = self.write().await?;
        let mut saved = Vec::with_capacity(rounds.len());
        let mut touched: Vec<&str> = Vec::new();
        let mut placeholders = HashMap::new();
        for (application_id, interview) in rounds {
            require_application(&mut tx, application_id).await?;
            saved.push(write_round(&mut tx, application_id, interview, &mut placeholders).await?);
            if !touched.contains(&application_id.as_str()) {
                touched.push(application_id);
            }
        }
        for id in touched {
            plans::refresh(&mut tx, id).await?;
        }
        tx.commit().await?;
        Ok(saved)
    }

    // ----- touchpoints and responses --------------------------------------------------------

    pub async fn add_touchpoint(
        &self,
        application_id: &str,
        touchpoint: &Touchpoint,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        require_application(&mut tx, application_id).await?;
        require_round_of(
            &mut tx,
            application_id,
            &touchpoint.interview,
            "touchpoint.interview",
        )
        .await?;
        if let Some(to) = &touchpoint.to {
            require_contact_of(&mut tx, application_id, to, "touchpoint.to").await?;
        }
        insert_touchpoint(&mut tx, application_id, touchpoint).await?;
        plans::refresh(&mut tx, application_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a response, and sets the application's stage when it says so.
    pub async fn add_response(
        &self,
        application_id: &str,
        response: &Response,
        new_stage: Option<followup_core::Stage>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        require_application(&mut tx, application_id).await?;
        if let Some(from) = &response.from {
            require_contact_of(&mut tx, application_id, from, "response.from").await?;
        }
        insert_response(&mut tx, application_id, response).await?;
        if let Some(stage) = new_stage {
            sqlx::query(sql(&tx, "UPDATE applications SET stage = ? WHERE id = ?"))
                .bind(stage.as_str())
                .bind(application_id)
                .execute(&mut *tx)
                .await?;
        }
        plans::refresh(&mut tx, application_id).await?;
        tx.commit().await?;
        Ok(())
    }

    // ----- import and export ----------------------------------------------------------------

    /// Imports one application file in a single transaction.
    ///
    /// Ids are kept when free and renamed (and reported) when the store already uses them.
    /// The file's profile and settings are taken only when the store has none yet, so an
    /// import never overwrites who the user is.
    pub async fn import(&self, file: &ApplicationFile, now: Moment) -> Result<ImportReport> {
        file.validate()?;
        let mut tx = self.write().await?;
        let report = import_file(&mut tx, file, now).await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Imports many application files in one transaction: all of them, or none.
    pub async fn import_batch(
        &self,
        files: &[ApplicationFile],
        now: Moment,
    ) -> Result<Vec<ImportReport>> {
        for file in files {
            file.validate()?;
        }
        let mut tx = self.write().await?;
        let mut reports = Vec::with_capacity(files.len());
        for file in files {
            reports.push(import_file(&mut tx, file, now).await?);
        }
        tx.commit().await?;
        Ok(reports)
    }

    /// The open follow-ups of every application that are open by `horizon`, most urgent
    /// first, with their status at `now` (archived applications left out).
    pub async fn agenda(
        &self,
        now: jiff::Timestamp,
        horizon: jiff::Timestamp,
    ) -> Result<Vec<AgendaItem>> {
        let mut conn = self.conn().await?;
        plans::agenda(&mut conn, now, horizon).await
    }

    /// When the next open follow-up opens after `now`, if any does.
    pub async fn next_opening(&self, now: jiff::Timestamp) -> Result<Option<jiff::Timestamp>> {
        let mut conn = self.conn().await?;
        plans::next_opening(&mut conn, now).await
    }

    /// The agenda counted by status, with at most `limit` of each status, most urgent first.
    pub async fn agenda_page(
        &self,
        now: jiff::Timestamp,
        horizon: jiff::Timestamp,
        limit: usize,
    ) -> Result<AgendaPage> {
        let mut conn = self.conn().await?;
        plans::agenda_page(&mut conn, now, horizon, limit).await
    }
}

/// Every run of one to `longest` words of `text`, lower-cased as SQLite's `lower` does (ASCII
/// letters only) and joined by single spaces, in three spellings: the words as written
/// ("acme, inc."), without the punctuation around them or a possessive ("initech" from
/// "(Initech's)"), and split at hyphens, slashes and dashes ("globex" from "Globex-sponsored").
fn word_runs(text: &str, longest: usize) -> Vec<String> {
    let text = text.to_ascii_lowercase();
    let written: Vec<&str> = text.split_whitespace().collect();
    let bare = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '+');
        ["'s", "’s"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(w)
            .to_string()
    };
    let trimmed: Vec<String> = written.iter().map(|w| bare(w)).collect();
    let split: Vec<String> = written
        .iter()
        .flat_map(|w| w.split(['-', '/', '–', '—']))
        .map(bare)
        .collect();
    let mut runs = std::collections::BTreeSet::new();
    for words in [
        written.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        trimmed,
        split,
    ] {
        for start in 0..words.len() {
            let mut run = String::new();
            for word in words.iter().skip(start).take(longest) {
                if !run.is_empty() {
                    run.push(' ');
                }
                run.push_str(word);
                if !word.is_empty() {
                    runs.insert(run.clone());
                }
            }
        }
    }
    runs.into_iter().collect()
}

/// Imports one validated file inside the caller's transaction, replanning it.
async fn import_file(tx: &mut Conn, file: &ApplicationFile, now: Moment) -> Result<ImportReport> {
    let mut report = ImportReport::default();

    if read_profile(tx).await?.is_none() {
        write_profile(tx, &file.profile).await?;
        report.profile_imported = true;
    }
    if read_settings(tx).await?.is_none() {
        write_settings(tx, &file.settings).await?;
        report.settings_imported = true;
    }

    let mut app = file.application.clone();
    app.id = keep_or_rename(tx, "a", &app.id, &mut report).await?;
    insert_application(tx, &app, now).await?;
    report.application = app.id.clone();

    let mut round_ids: HashMap<String, String> = HashMap::new();
    let mut person_ids: HashMap<String, String> = HashMap::new();
    for person in file.people() {
        let id = keep_or_rename(tx, "p", &person.id, &mut report).await?;
        let mut contact = person.clone();
        contact.id = id.clone();
        insert_contact(tx, &app.id, &contact).await?;
        person_ids.insert(person.id.clone(), id);
    }
    for interview in &file.interviews {
        let id = keep_or_rename(tx, "r", &interview.id, &mut report).await?;
        let mut round = interview.clone();
        round.id = id.clone();
        for person in &mut round.interviewers {
            person.id = person_ids[&person.id].clone();
        }
        insert_round(tx, &app.id, &round).await?;
        insert_round_interviewers(tx, &round).await?;
        round_ids.insert(interview.id.clone(), id);
    }
    for touchpoint in &file.touchpoints {
        let mut t = touchpoint.clone();
        t.interview = round_ids[&t.interview].clone();
        t.to = t.to.map(|to| person_ids[&to].clone());
        insert_touchpoint(tx, &app.id, &t).await?;
    }
    for response in &file.responses {
        let mut r = response.clone();
        r.from = r.from.map(|from| person_ids[&from].clone());
        insert_response(tx, &app.id, &r).await?;
    }
    if report.profile_imported || report.settings_imported {
        // The other applications were planned without this profile or these settings.
        plans::replan_all(tx).await?;
    } else {
        plans::refresh(tx, &app.id).await?;
    }
    Ok(report)
}

/// An imported id stays when it is free; a taken one is replaced by the next free id of its
/// kind, and the renaming is reported.
async fn keep_or_rename(
    conn: &mut Conn,
    kind: &'static str,
    wanted: &str,
    report: &mut ImportReport,
) -> Result<String> {
    let (table, name) = id_kind(kind);
    if !exists(conn, table, wanted).await? {
        return Ok(wanted.to_string());
    }
    let new = next_id(conn, kind).await?;
    report.renamed.push(Renamed {
        kind: name,
        from: wanted.to_string(),
        to: new.clone(),
    });
    Ok(new)
}

/// The table and the word for each kind of short id.
fn id_kind(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "a" => ("applications", "application"),
        "r" => ("rounds", "interview"),
        _ => ("contacts", "interviewer"),
    }
}

async fn ids(conn: &mut Conn, text: &str) -> Result<Vec<String>> {
    let rows = sqlx::query(sql(conn, text)).fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
}

async fn exists(conn: &mut Conn, table: &'static str, id: &str) -> Result<bool> {
    let text = format!("SELECT 1 FROM {table} WHERE id = ?");
    Ok(sqlx::query(sql(conn, &text))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

/// The next free short id of a kind (`a`, `r`, `p`), counted inside the caller's transaction
/// so a rolled-back change uses up no number.
async fn next_id(conn: &mut Conn, kind: &'static str) -> Result<String> {
    let (table, _) = id_kind(kind);
    let start: i64 = sqlx::query(sql(&*conn, "SELECT next FROM id_counters WHERE kind = ?"))
        .bind(kind)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.get(0))
        .unwrap_or(1);
    let mut n = start;
    // Imported files may have taken numbers ahead of the counter.
    let id = loop {
        let candidate = format!("{kind}{n}");
        if !exists(conn, table, &candidate).await? {
            break candidate;
        }
        n += 1;
    };
    sqlx::query(sql(
        &*conn,
        "INSERT INTO id_counters (kind, next) VALUES (?, ?)
         ON CONFLICT (kind) DO UPDATE SET next = excluded.next",
    ))
    .bind(kind)
    .bind(n + 1)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

async fn unknown_application(conn: &mut Conn, id: &str) -> StoreError {
    let known = match sqlx::query(sql(&*conn, "SELECT id FROM applications ORDER BY rowid"))
        .fetch_all(&mut *conn)
        .await
    {
        Ok(rows) => rows.iter().map(|r| r.get::<String, _>(0)).collect(),
        Err(e) => return e.into(),
    };
    StoreError::Input(InputError::UnknownId {
        kind: "application",
        value: id.to_string(),
        known,
    })
}

async fn require_application(conn: &mut Conn, id: &str) -> Result<()> {
    if exists(conn, "applications", id).await? {
        Ok(())
    } else {
        Err(unknown_application(conn, id).await)
    }
}

async fn require_round_of(conn: &mut Conn, app: &str, round: &str, field: &str) -> Result<()> {
    let ids = "SELECT id FROM rounds WHERE application_id = ? ORDER BY start_at";
    require_part_of(conn, ids, "interview", app, round, field).await
}

async fn require_contact_of(conn: &mut Conn, app: &str, person: &str, field: &str) -> Result<()> {
    let ids = "SELECT id FROM contacts WHERE application_id = ? ORDER BY rowid";
    require_part_of(conn, ids, "interviewer", app, person, field).await
}

/// That application `app` has the `kind` numbered `id`, among those `ids` lists (a query of
/// the application's, in the order a hint names them); else an error on `field`.
async fn require_part_of(
    conn: &mut Conn,
    ids: &'static str,
    kind: &'static str,
    app: &str,
    id: &str,
    field: &str,
) -> Result<()> {
    let known: Vec<String> = sqlx::query(sql(&*conn, ids))
        .bind(app)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if known.iter().any(|k| k == id) {
        return Ok(());
    }
    let hint = InputError::UnknownId {
        kind,
        value: id.into(),
        known,
    }
    .hint();
    Err(StoreError::Input(InputError::invalid(
        field,
        id,
        format!("application {app} has no {kind} {id:?}"),
        hint,
    )))
}

async fn read_profile(conn: &mut Conn) -> Result<Option<Profile>> {
    let row = sqlx::query(sql(&*conn, "SELECT * FROM profile WHERE id = 1"))
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|row| {
        Ok(Profile {
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            signature: row.try_get("signature")?,
            timezone: row.try_get("timezone")?,
            highlights: json_list(&row, "highlights")?,
            locale: parse_opt_col(&row, "locale", str::parse::<followup_core::Locale>)?,
        })
    })
    .transpose()
}

async fn write_profile(conn: &mut Conn, p: &Profile) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO profile (id, name, email, phone, signature, timezone, highlights, locale)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
           phone = excluded.phone, signature = excluded.signature,
           timezone = excluded.timezone, highlights = excluded.highlights,
           locale = excluded.locale",
    ))
    .bind(&p.name)
    .bind(&p.email)
    .bind(&p.phone)
    .bind(&p.signature)
    .bind(&p.timezone)
    .bind(serde_json::to_string(&p.highlights)?)
    .bind(p.locale.map(|l| l.as_str()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn read_settings(conn: &mut Conn) -> Result<Option<Settings>> {
    let row = sqlx::query(sql(&*conn, "SELECT body FROM settings WHERE id = 1"))
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|row| {
        let body: String = row.try_get(0)?;
        serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
            what: "settings".into(),
            value: body,
            reason: e.to_string(),
        })
    })
    .transpose()
}

async fn write_settings(conn: &mut Conn, s: &Settings) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO settings (id, body) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    ))
    .bind(serde_json::to_string(s)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_application(conn: &mut Conn, app: &Application, now: Moment) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO applications (id, company, role, industry, culture, prefers_no_calls,
           stage, source, notes, archived, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&app.id)
    .bind(&app.company)
    .bind(&app.role)
    .bind(&app.industry)
    .bind(app.culture.map(|c| c.as_str()))
    .bind(i64::from(app.prefers_no_calls))
    .bind(app.stage.as_str())
    .bind(&app.source)
    .bind(&app.notes)
    .bind(i64::from(app.archived))
    .bind(now.timestamp().to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_contact(conn: &mut Conn, app: &str, p: &Interviewer) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO contacts (id, application_id, name, title, given, family, role, email, phone,
           linkedin, timezone, away_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&p.id)
    .bind(app)
    .bind(&p.name)
    .bind(&p.title)
    .bind(&p.given)
    .bind(&p.family)
    .bind(p.role.as_str())
    .bind(&p.email)
    .bind(&p.phone)
    .bind(&p.linkedin)
    .bind(&p.timezone)
    .bind(p.away_until.map(|d| d.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn update_contact(conn: &mut Conn, p: &Interviewer) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "UPDATE contacts SET name = ?, title = ?, given = ?, family = ?, role = ?, email = ?,
           phone = ?, linkedin = ?, timezone = ?, away_until = ? WHERE id = ?",
    ))
    .bind(&p.name)
    .bind(&p.title)
    .bind(&p.given)
    .bind(&p.family)
    .bind(p.role.as_str())
    .bind(&p.email)
    .bind(&p.phone)
    .bind(&p.linkedin)
    .bind(&p.timezone)
    .bind(p.away_until.map(|d| d.to_string()))
    .bind(&p.id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_round(conn: &mut Conn, app: &str, r: &Interview) -> Result<()> {
    sqlx::query(sql(
        &*conn,
        "INSERT INTO rounds (id, application_id, kind, start_at, end_at, timezone,
           decision_expected_by, personal_rapport)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ))
    .bind(&r.id)
    .bind(app)
    .bind(r.kind.as_str())
    .bind(r.start.to_string())
    .bind(r.end.map(|e| e.to_string()))
    .bind(&r.timezone)
    .bind(r.decision_expected_by.map(|d| d.to_string()))
    .bind(i64::from(r.personal_rapport))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_round_interviewers(conn: &mut Conn, r: &Interview) -> Result<()> {
    for (position, p) in r.interviewers.iter().enumerate() {
        sqlx::query(sql(&*conn,
            "INSERT INTO round_interviewers (round_id, contact_id, position, topics, shared, concerns,
               highlights)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        ))
        .bind(&r.id)
        .bind(&p.id)
        .bind(position as i64)
        .bind(serde_json::to_string(&p.details.topics)?)
        .bind(serde_json::to_string(&p.details.shared)?)
        .bind(serde_json::to_string(&p.details.concerns)?)
        .bind(serde_json::to_string(&p.details.highlights)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The start of a placeholder id for a person new to the store (see [`Store::save_rounds`]).
pub const NEW_PERSON: &str = "new:";

async fn write_round(
    tx: &mut Transaction<'_, sqlx::Any>,
    app: &str,
    interview: &Interview,
    placeholders: &mut HashMap<(String, String), String>,
) -> Result<Interview> {
    let mut round = interview.clone();
    // The stage follows the facts: a round recorded means the application is interviewing.
    if let Some(stage) = followup_core::Stage::Applied.with_round() {
        sqlx::query(sql(
            tx,
            "UPDATE applications SET stage = ? WHERE id = ? AND stage = ?",
        ))
        .bind(stage.as_str())
        .bind(app)
        .bind(followup_core::Stage::Applied.as_str())
        .execute(&mut **tx)
        .await?;
    }
    if round.id.is_empty() {
        round.id = next_id(tx, "r").await?;
        insert_round(tx, app, &round).await?;
    } else {
        require_round_of(tx, app, &round.id, "interview").await?;
        sqlx::query(sql(
            tx,
            "UPDATE rounds SET kind = ?, start_at = ?, end_at = ?, timezone = ?,
               decision_expected_by = ?, personal_rapport = ? WHERE id = ?",
        ))
        .bind(round.kind.as_str())
        .bind(round.start.to_string())
        .bind(round.end.map(|e| e.to_string()))
        .bind(&round.timezone)
        .bind(round.decision_expected_by.map(|d| d.to_string()))
        .bind(i64::from(round.personal_rapport))
        .bind(&round.id)
        .execute(&mut **tx)
        .await?;
        sqlx::query(sql(tx, "DELETE FROM round_interviewers WHERE round_id = ?"))
            .bind(&round.id)
            .execute(&mut **tx)
            .await?;
    }
    for person in &mut round.interviewers {
        let placeholder = person
            .id
            .starts_with(NEW_PERSON)
            .then(|| (app.to_string(), person.id.clone()));
        if let Some(id) = placeholder.as_ref().and_then(|key| placeholders.get(key)) {
            person.id = id.clone();
            update_contact(tx, person).await?;
        } else if person.id.is_empty() || placeholder.is_some() {
            person.id = next_id(tx, "p").await?;
            insert_contact(tx, app, person).await?;
            if let Some(key) = placeholder {
                placeholders.insert(key, person.id.clone());
            }
        } else {
            require_contact_of(tx, app, &person.id, "interviewer").await?;
            update_contact(tx, person).await?;
        }
    }
    insert_round_interviewers(tx, &round).await?;
    Ok(round)
}

/// Logs a touchpoint; its number.
async fn insert_touchpoint(conn: &mut Conn, app: &str, t: &Touchpoint) -> Result<i64> {
    Ok(sqlx::query_scalar(sql(&*conn,
        "INSERT INTO touchpoints (application_id, kind, round_id, contact_id, n, channel, at, subject, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    ))
    .bind(app)
    .bind(t.kind.as_str())
    .bind(&t.interview)
    .bind(&t.to)
    .bind(i64::from(t.n))
    .bind(t.channel.as_str())
    .bind(t.at.to_string())
    .bind(&t.subject)
    .bind(&t.message)
    .fetch_one(&mut *conn)
    .await?)
}

async fn insert_response(conn: &mut Conn, app: &str, r: &Response) -> Result<()> {
    sqlx::query(sql(&*conn,
        "INSERT INTO responses (application_id, contact_id, at, outcome, decision_expected_by, note)
         VALUES (?, ?, ?, ?, ?, ?)",
    ))
    .bind(app)
    .bind(&r.from)
    .bind(r.at.to_string())
    .bind(r.outcome.as_str())
    .bind(r.decision_expected_by.map(|d| d.to_string()))
    .bind(&r.note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Who plans are made for before the user has said: no name, in UTC.
fn unnamed_profile() -> Profile {
    Profile {
        name: String::new(),
        email: None,
        phone: None,
        signature: None,
        timezone: "UTC".into(),
        highlights: Vec::new(),
        locale: None,
    }
}

pub(crate) async fn load_file(conn: &mut Conn, id: &str) -> Result<ApplicationFile> {
    let row = sqlx::query(sql(&*conn, "SELECT * FROM applications WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Err(unknown_application(conn, id).await);
    };
    let profile = read_profile(conn).await?.unwrap_or_else(unnamed_profile);
    let settings = read_settings(conn).await?.unwrap_or_default();
    let backend = Backend::of(conn);
    let of_app = |text: &'static str| sqlx::query(db::for_backend(backend, text)).bind(id);
    let contacts = of_app("SELECT * FROM contacts WHERE application_id = ?")
        .fetch_all(&mut *conn)
        .await?;
    let rounds = of_app("SELECT * FROM rounds WHERE application_id = ?")
        .fetch_all(&mut *conn)
        .await?;
    let members = of_app(
        "SELECT ri.* FROM round_interviewers ri JOIN rounds r ON r.id = ri.round_id
         WHERE r.application_id = ? ORDER BY ri.round_id, ri.position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let touchpoints = of_app("SELECT * FROM touchpoints WHERE application_id = ? ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let responses = of_app("SELECT * FROM responses WHERE application_id = ? ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    assemble(
        &row,
        Parts {
            contacts: &contacts,
            rounds: &rounds,
            members: &members,
            touchpoints: &touchpoints,
            responses: &responses,
        },
        profile,
        settings,
    )
}

/// Every application's file, archived ones too when asked, in the order they were added.
/// Each table is read once for all of them, not once per application: ten thousand files
/// take six queries instead of sixty thousand.
pub(crate) async fn load_files(conn: &mut Conn, archived: bool) -> Result<Vec<ApplicationFile>> {
    let profile = read_profile(conn).await?.unwrap_or_else(unnamed_profile);
    let settings = read_settings(conn).await?.unwrap_or_default();
    let apps = sqlx::query(sql(
        &*conn,
        "SELECT * FROM applications WHERE archived = 0 OR ? = 1 ORDER BY rowid",
    ))
    .bind(i64::from(archived))
    .fetch_all(&mut *conn)
    .await?;
    // The rows of one table for the applications asked for, by application.
    async fn by_app(
        conn: &mut Conn,
        text: &str,
        archived: bool,
    ) -> Result<HashMap<String, Vec<DbRow>>> {
        let mut grouped: HashMap<String, Vec<DbRow>> = HashMap::new();
        for row in sqlx::query(crate::sql(conn, text))
            .bind(i64::from(archived))
            .fetch_all(&mut *conn)
            .await?
        {
            let app: String = row.try_get("app_id")?;
            grouped.entry(app).or_default().push(row);
        }
        Ok(grouped)
    }
    const LIVE: &str =
        "JOIN applications a ON a.id = x.application_id WHERE a.archived = 0 OR ? = 1";
    let contacts = by_app(
        conn,
        &format!("SELECT x.*, x.application_id AS app_id FROM contacts x {LIVE}"),
        archived,
    )
    .await?;
    let rounds = by_app(
        conn,
        &format!("SELECT x.*, x.application_id AS app_id FROM rounds x {LIVE}"),
        archived,
    )
    .await?;
    let members = by_app(
        conn,
        &format!(
            "SELECT ri.*, x.application_id AS app_id FROM round_interviewers ri
             JOIN rounds x ON x.id = ri.round_id {LIVE} ORDER BY ri.round_id, ri.position"
        ),
        archived,
    )
    .await?;
    let touchpoints = by_app(
        conn,
        &format!("SELECT x.*, x.application_id AS app_id FROM touchpoints x {LIVE} ORDER BY x.id"),
        archived,
    )
    .await?;
    let responses = by_app(
        conn,
        &format!("SELECT x.*, x.application_id AS app_id FROM responses x {LIVE} ORDER BY x.id"),
        archived,
    )
    .await?;
    fn rows_of<'m>(table: &'m HashMap<String, Vec<DbRow>>, id: &str) -> &'m [DbRow] {
        table.get(id).map_or(&[], Vec::as_slice)
    }
    apps.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let of = |table| rows_of(table, &id);
            assemble(
                row,
                Parts {
                    contacts: of(&contacts),
                    rounds: of(&rounds),
                    members: of(&members),
                    touchpoints: of(&touchpoints),
                    responses: of(&responses),
                },
                profile.clone(),
                settings.clone(),
            )
        })
        .collect()
}

/// The rows of one application in each of its tables.
struct Parts<'a> {
    contacts: &'a [DbRow],
    rounds: &'a [DbRow],
    /// Round memberships, ordered by round and position.
    members: &'a [DbRow],
    /// Ordered by id.
    touchpoints: &'a [DbRow],
    /// Ordered by id.
    responses: &'a [DbRow],
}

/// An application's file from its rows.
fn assemble(
    row: &DbRow,
    parts: Parts,
    profile: Profile,
    settings: Settings,
) -> Result<ApplicationFile> {
    let application = rows::application(row)?;
    let contacts: HashMap<String, Interviewer> = parts
        .contacts
        .iter()
        .map(|row| rows::contact(row).map(|c| (c.id.clone(), c)))
        .collect::<Result<_>>()?;

    let mut interviews: Vec<Interview> = parts
        .rounds
        .iter()
        .map(rows::round)
        .collect::<Result<_>>()?;
    for row in parts.members {
        let round_id: String = row.try_get("round_id")?;
        let contact_id: String = row.try_get("contact_id")?;
        let mut person = contacts
            .get(&contact_id)
            .cloned()
            .ok_or_else(|| StoreError::Corrupt {
                what: "round_interviewers.contact_id".into(),
                value: contact_id.clone(),
                reason: "no such contact".into(),
            })?;
        person.details = followup_core::Details {
            topics: json_list(row, "topics")?,
            shared: json_list(row, "shared")?,
            concerns: json_list(row, "concerns")?,
            highlights: json_list(row, "highlights")?,
        };
        if let Some(round) = interviews.iter_mut().find(|r| r.id == round_id) {
            round.interviewers.push(person);
        }
    }
    interviews.sort_by(|a, b| {
        a.start
            .timestamp()
            .cmp(&b.start.timestamp())
            .then(a.id.cmp(&b.id))
    });

    let mut touchpoints = Vec::new();
    for row in parts.touchpoints {
        touchpoints.push(Touchpoint {
            kind: parse_col(row, "kind")?,
            interview: row.try_get("round_id")?,
            to: row.try_get("contact_id")?,
            n: row.try_get::<i64, _>("n")? as u32,
            channel: parse_col(row, "channel")?,
            at: parse_col(row, "at")?,
            subject: opt_text(row, "subject")?,
            message: opt_text(row, "message")?,
        });
    }
    touchpoints.sort_by_key(|t: &Touchpoint| t.at.timestamp());

    let mut responses = Vec::new();
    for row in parts.responses {
        responses.push(Response {
            from: row.try_get("contact_id")?,
            at: parse_col(row, "at")?,
            outcome: parse_col(row, "outcome")?,
            decision_expected_by: parse_opt_col(
                row,
                "decision_expected_by",
                followup_core::DecisionDate::parse,
            )?,
            note: opt_text(row, "note")?,
        });
    }
    responses.sort_by_key(|r: &Response| r.at.timestamp());

    Ok(ApplicationFile {
        now: None,
        profile,
        application,
        interviews,
        touchpoints,
        responses,
        settings,
    })
}

#[cfg(test)]
mod tests;
