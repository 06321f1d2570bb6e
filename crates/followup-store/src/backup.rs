//! The whole store as one JSON document, and back: every row of every table the user's
//! data lives in, column by column, so nothing is lost on the way (drafts, the outbox with
//! its exact bytes, replies, sync marks and the calendar secret included). Plans are left
//! out: they follow from the rest and are made again on restore.

use std::collections::BTreeMap;

use followup_core::{InputError, hex};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Row, ValueRef};

use crate::db::{Conn, DbRow, is_postgres, sql};
use crate::{Result, Store, StoreError, plans};

/// What a backup file says it is.
pub const BACKUP_FORMAT: &str = "followup-backup";

/// Tables that hold nothing of the user's own: the migrations' record, what is derived (the
/// plans and the counter of their changes), the web app's sessions and sign-in tries, which
/// belong to the browsers of this machine, and the worker's lease, which belongs to a process
/// (on a shared database, the queue the workers lease from, which follows from the outbox, and
/// coaches' comments, whose authors are accounts of that server only).
const DERIVED: [&str; 8] = [
    "_sqlx_migrations",
    "planned_actions",
    "changes",
    "web_sessions",
    "web_sign_in_tries",
    "worker_lease",
    "outbox_queue",
    "draft_comments",
];

/// Columns only a shared database has: whose row it is, and the order rows were added in
/// (SQLite keeps that itself). A backup is the same whichever database wrote it.
const SHARED_ONLY: [&str; 2] = ["owner", "rowid"];

/// Tables holding ids PostgreSQL numbers itself, whose counters a restore moves past the
/// numbers it put back.
const NUMBERED: [&str; 4] = ["touchpoints", "responses", "outbox", "inbox"];

/// Bookkeeping an empty store already has, replaced by the backup's.
const BOOKKEEPING: [&str; 2] = ["meta", "id_counters"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub format: String,
    /// The schema version the rows were written under.
    pub schema: i64,
    /// Each table's rows in the order they were added, each row its columns by name. Blobs
    /// are written as `{"hex": "…"}`.
    pub tables: BTreeMap<String, Vec<BTreeMap<String, Value>>>,
}

/// What a restore put back.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Restored {
    pub applications: usize,
    pub rows: usize,
}

fn cell(row: &DbRow, index: usize) -> Result<Value> {
    let raw = row.try_get_raw(index)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().kind();
    Ok(match kind {
        AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
            Value::from(row.try_get::<i64, _>(index)?)
        }
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => {
            Value::from(row.try_get::<f64, _>(index)?)
        }
        AnyTypeInfoKind::Bool => Value::from(i64::from(row.try_get::<bool, _>(index)?)),
        AnyTypeInfoKind::Blob => {
            let bytes: Vec<u8> = row.try_get(index)?;
            serde_json::json!({ "hex": hex::encode(&bytes) })
        }
        _ => Value::from(row.try_get::<String, _>(index)?),
    })
}

/// The tables to save, in the order they were created (so a parent comes before its rows).
async fn user_tables(conn: &mut Conn) -> Result<Vec<String>> {
    let names: Vec<String> = if is_postgres(conn) {
        // The accounts are the server's, not any one user's.
        sqlx::query_scalar(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind = 'r'
               AND c.relname NOT IN ('users', 'coach_assignments')
             ORDER BY c.oid",
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY rowid",
        )
        .fetch_all(&mut *conn)
        .await?
    };
    Ok(names
        .into_iter()
        .filter(|n| !DERIVED.contains(&n.as_str()))
        .collect())
}

/// The columns of `table` a backup holds.
async fn columns_of(conn: &mut Conn, table: &str) -> Result<Vec<String>> {
    let names: Vec<String> = if is_postgres(conn) {
        sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1
             ORDER BY ordinal_position",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(table)
            .fetch_all(&mut *conn)
            .await?
    };
    Ok(names
        .into_iter()
        .filter(|c| !SHARED_ONLY.contains(&c.as_str()))
        .collect())
}

/// Reads back everything restored the way the app will, so that a backup edited by hand
/// into something the app cannot read is refused now rather than failing later; each
/// application, once read and found sound, is planned.
async fn check_and_plan(tx: &mut Conn) -> Result<()> {
    let wrapped = |what: String| move |e: StoreError| bad_backup(what.clone(), e.to_string());
    crate::read_profile(tx)
        .await
        .map_err(wrapped("profile".into()))?;
    crate::read_settings(tx)
        .await
        .map_err(wrapped("settings".into()))?;
    let ids: Vec<String> =
        sqlx::query_scalar(sql(&*tx, "SELECT id FROM applications ORDER BY rowid"))
            .fetch_all(&mut *tx)
            .await?;
    for id in ids {
        let file = crate::load_file(tx, &id)
            .await
            .map_err(wrapped(format!("application {id}")))?;
        file.validate()
            .map_err(|e| bad_backup(format!("application {id}"), e.to_string()))?;
        let created: String = sqlx::query_scalar(sql(
            &*tx,
            "SELECT created_at FROM applications WHERE id = ?",
        ))
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
        created.parse::<followup_core::Moment>().map_err(|e| {
            bad_backup(
                created.clone(),
                format!("application {id} has no readable created_at: {e}"),
            )
        })?;
        plans::write_plan(tx, &file, true).await?;
    }
    plans::mark_current(tx).await?;
    for row in sqlx::query(sql(&*tx, "SELECT * FROM outbox"))
        .fetch_all(&mut *tx)
        .await?
    {
        crate::mail::outbox_entry(&row).map_err(wrapped("outbox".into()))?;
    }
    for row in sqlx::query(sql(&*tx, "SELECT * FROM inbox"))
        .fetch_all(&mut *tx)
        .await?
    {
        crate::mail::inbox_entry(&row).map_err(wrapped("inbox".into()))?;
    }
    for row in sqlx::query(sql(&*tx, "SELECT * FROM drafts"))
        .fetch_all(&mut *tx)
        .await?
    {
        crate::mail::saved_draft(&row).map_err(wrapped("drafts".into()))?;
    }
    Ok(())
}

fn bad_backup(value: impl Into<String>, reason: impl Into<String>) -> StoreError {
    StoreError::Input(InputError::invalid(
        "backup",
        value,
        reason,
        "restore a file written by `followup backup`",
    ))
}

impl Store {
    /// Every row of the user's data, read in one transaction so the picture is consistent.
    pub async fn backup(&self) -> Result<Backup> {
        let mut tx = self.read().await?;
        let mut tables = BTreeMap::new();
        for table in user_tables(&mut tx).await? {
            let rows = sqlx::query(sql(
                &tx,
                &format!("SELECT * FROM \"{table}\" ORDER BY rowid"),
            ))
            .fetch_all(&mut *tx)
            .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let mut cells = BTreeMap::new();
                for (i, column) in row.columns().iter().enumerate() {
                    if SHARED_ONLY.contains(&column.name()) {
                        continue;
                    }
                    cells.insert(column.name().to_string(), cell(row, i)?);
                }
                out.push(cells);
            }
            tables.insert(table, out);
        }
        tx.commit().await?;
        Ok(Backup {
            format: BACKUP_FORMAT.to_string(),
            schema: Store::latest_schema_version(),
            tables,
        })
    }

    /// Puts a backup into this store, which must hold no data of its own yet; all of it or,
    /// on any error, nothing. Plans are made afresh.
    pub async fn restore(&self, backup: &Backup) -> Result<Restored> {
        if backup.format != BACKUP_FORMAT {
            return Err(bad_backup(
                &backup.format,
                format!("it is not a followup backup (format {:?})", backup.format),
            ));
        }
        let current = Store::latest_schema_version();
        if backup.schema > current {
            return Err(bad_backup(
                backup.schema.to_string(),
                format!(
                    "it was written by a newer followup (schema {}; this one knows {current})",
                    backup.schema
                ),
            ));
        }
        let mut tx = self.write().await?;
        let tables = user_tables(&mut tx).await?;
        for table in &tables {
            if BOOKKEEPING.contains(&table.as_str()) {
                continue;
            }
            let count: i64 =
                sqlx::query_scalar(sql(&tx, &format!("SELECT COUNT(*) FROM \"{table}\"")))
                    .fetch_one(&mut *tx)
                    .await?;
            if count > 0 {
                let (field, hint) = match self.backend {
                    crate::Backend::Sqlite => (
                        "data directory",
                        "restore into a fresh data directory: followup --data-dir DIR restore FILE",
                    ),
                    crate::Backend::Postgres => (
                        "account",
                        "restore into an account that holds nothing yet: followup users add EMAIL",
                    ),
                };
                return Err(StoreError::Input(InputError::invalid(
                    field,
                    self.path.display().to_string(),
                    format!(
                        "it already holds data ({count} rows in {table}); a restore never mixes into it"
                    ),
                    hint,
                )));
            }
        }
        if !backup.tables.contains_key("applications") {
            return Err(bad_backup(
                "",
                "it holds no applications table, so it is not a whole backup",
            ));
        }
        if let Some(unknown) = backup.tables.keys().find(|t| !tables.contains(t)) {
            return Err(bad_backup(
                unknown,
                format!("it holds a table {unknown:?} this followup does not know"),
            ));
        }
        for table in BOOKKEEPING {
            if backup.tables.contains_key(table) {
                sqlx::query(sql(&tx, &format!("DELETE FROM \"{table}\"")))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let mut restored = Restored::default();
        for table in &tables {
            let Some(rows) = backup.tables.get(table) else {
                continue;
            };
            let known = columns_of(&mut tx, table).await?;
            for (n, row) in rows.iter().enumerate() {
                if let Some(column) = row.keys().find(|c| !known.contains(c)) {
                    return Err(bad_backup(
                        column,
                        format!("table {table} has no column {column:?} here"),
                    ));
                }
                if row.is_empty() {
                    return Err(bad_backup(
                        table,
                        format!("row {} of {table} is empty", n + 1),
                    ));
                }
                let columns: Vec<&String> = row.keys().collect();
                // A null is written out, not bound: PostgreSQL gives a bound value a type,
                // and a null text is not a null number.
                let text = format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    columns
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    row.values()
                        .map(|v| if v.is_null() { "NULL" } else { "?" })
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let text = if is_postgres(&tx) {
                    crate::db::to_postgres(&text)
                } else {
                    text
                };
                let mut query = sqlx::query(&text);
                for value in row.values() {
                    query = match value {
                        Value::Null => query,
                        Value::Bool(b) => query.bind(i64::from(*b)),
                        Value::Number(n) => match n.as_i64() {
                            Some(i) => query.bind(i),
                            None => query.bind(n.as_f64()),
                        },
                        Value::String(s) => query.bind(s.clone()),
                        Value::Object(o) => {
                            let bytes = o
                                .get("hex")
                                .and_then(Value::as_str)
                                .and_then(hex::decode)
                                .ok_or_else(|| {
                                    bad_backup(
                                        value.to_string(),
                                        format!("a value in {table} is neither text, a number nor {{\"hex\": …}}"),
                                    )
                                })?;
                            query.bind(bytes)
                        }
                        Value::Array(_) => {
                            return Err(bad_backup(
                                value.to_string(),
                                format!("a value in {table} is a list"),
                            ));
                        }
                    };
                }
                query.execute(&mut *tx).await.map_err(|e| {
                    bad_backup(
                        table,
                        format!("row {} of {table} cannot be stored: {e}", n + 1),
                    )
                })?;
                restored.rows += 1;
            }
            if table == "applications" {
                restored.applications = rows.len();
            }
        }
        if is_postgres(&tx) {
            for table in NUMBERED {
                // The next number is past every one restored (and every one given before).
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                       GREATEST((SELECT COALESCE(MAX(id), 1) FROM {table}),
                                (SELECT last_value FROM pg_sequences
                                 WHERE schemaname = current_schema()
                                   AND sequencename = (parse_ident(pg_get_serial_sequence('{table}', 'id')))[2])))"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        check_and_plan(&mut tx).await?;
        tx.commit().await?;
        Ok(restored)
    }
}
