//! The one seam between the store and its two databases: SQLite for one person, PostgreSQL
//! for a shared deployment (issue 19).
//!
//! Every statement is written once, in SQLite's words, and reaches PostgreSQL through
//! [`sql`], which changes the little that differs: `?` markers become `$1…$n`, a conflict on
//! a key is a conflict on the owner's key (every PostgreSQL table is keyed by its owner
//! first), and SQLite's planner hints are dropped. The few statements that need functions
//! only one of them has (JSON aggregates, the catalogue) ask [`is_postgres`] and say both.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::Result;

pub(crate) type Conn = AnyConnection;
pub(crate) type DbRow = AnyRow;

/// Which database a store is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub(crate) fn of(conn: &Conn) -> Backend {
        if conn.backend_name() == "PostgreSQL" {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Whether `conn` is a PostgreSQL connection.
pub(crate) fn is_postgres(conn: &Conn) -> bool {
    Backend::of(conn) == Backend::Postgres
}

/// `text` as the database on the other end of `conn` takes it.
pub(crate) fn sql<'a>(conn: &Conn, text: &'a str) -> &'a str {
    for_backend(Backend::of(conn), text)
}

/// `text` as `backend` takes it. Rewritten statements are kept, so each is rewritten once
/// per process; every statement the store makes is one of a bounded set (the lists of
/// markers it builds are at most a few hundred long), so the set kept stays small.
pub(crate) fn for_backend(backend: Backend, text: &str) -> &str {
    match backend {
        Backend::Sqlite => text,
        Backend::Postgres => {
            static KEPT: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
            let kept = KEPT.get_or_init(Default::default);
            let mut kept = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(done) = kept.get(text) {
                return done;
            }
            let done: &'static str = Box::leak(to_postgres(text).into_boxed_str());
            kept.insert(text.to_string(), done);
            done
        }
    }
}

/// The PostgreSQL spelling of a statement written for SQLite.
pub(crate) fn to_postgres(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut next = 0u32;
    let mut chars = text.char_indices().peekable();
    let mut quoted = false;
    while let Some((i, c)) = chars.next() {
        if quoted {
            out.push(c);
            if c == '\'' {
                quoted = false;
            }
            continue;
        }
        match c {
            '\'' => {
                quoted = true;
                out.push(c);
            }
            '?' => {
                let digits: String = text[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                out.push('$');
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&next.to_string());
                } else {
                    for _ in 0..digits.len() {
                        chars.next();
                    }
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    let out = out.replace("ON CONFLICT (", "ON CONFLICT (owner, ");
    match out.find("INDEXED BY ") {
        Some(at) => {
            let name_end = out[at + 11..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(out.len(), |n| at + 11 + n);
            format!("{}{}", &out[..at], &out[name_end..])
        }
        None => out,
    }
}

/// A column holding a flag (0 or 1), which both databases keep as an integer.
pub(crate) fn flag(row: &DbRow, column: &str) -> Result<bool> {
    use sqlx::Row as _;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

#[cfg(test)]
mod tests {
    use super::to_postgres;

    #[test]
    fn markers_are_numbered_and_quoted_text_is_left_alone() {
        assert_eq!(
            to_postgres("SELECT * FROM t WHERE a = ? AND b = '?' AND c IN (?, ?)"),
            "SELECT * FROM t WHERE a = $1 AND b = '?' AND c IN ($2, $3)"
        );
        assert_eq!(
            to_postgres("WHERE x = ?2 AND y <> ?1 OR z = ?2"),
            "WHERE x = $2 AND y <> $1 OR z = $2"
        );
    }

    #[test]
    fn conflicts_are_on_the_owners_key_and_hints_go() {
        assert_eq!(
            to_postgres("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (owner, key) DO NOTHING"
        );
        assert_eq!(
            to_postgres("SELECT 1 FROM p INDEXED BY p_by_due WHERE a"),
            "SELECT 1 FROM p  WHERE a"
        );
    }
}
