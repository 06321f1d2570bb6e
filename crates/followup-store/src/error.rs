//! What can go wrong in the store, with the data each message needs.

use std::path::PathBuf;

use followup_core::InputError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The change was refused: the input names something that does not exist, or clashes.
    #[error(transparent)]
    Input(#[from] InputError),

    #[error("cannot create the data directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot open the store {}: {source}", path.display())]
    Open { path: PathBuf, source: sqlx::Error },

    #[error("cannot bring the store {} up to date: {source}", path.display())]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },

    #[error("the store holds an unreadable {what} {value:?}: {reason}")]
    Corrupt {
        what: String,
        value: String,
        reason: String,
    },

    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    #[error("cannot encode a value: {0}")]
    Encode(#[from] serde_json::Error),
}

impl StoreError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::Input(e) => Some(e.hint()),
            StoreError::CreateDir { .. } | StoreError::Open { .. } => Some(
                "check that the directory is writable, or choose another with --data-dir".into(),
            ),
            StoreError::Migrate { source, .. } => Some(match source {
                sqlx::migrate::MigrateError::VersionMissing(_) => {
                    "this store was written by a newer followup; upgrade followup to use it".into()
                }
                _ => "restore the database from a backup, or point --data-dir elsewhere".into(),
            }),
            StoreError::Corrupt { .. } => Some("restore the database from a backup".into()),
            StoreError::Database(_) | StoreError::Encode(_) => None,
        }
    }
}
