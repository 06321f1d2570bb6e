//! Mail for followup: sending each follow-up exactly once over SMTP, and reading what comes
//! back over IMAP.
//!
//! - [`message`] turns a draft into RFC 5322 bytes (and `.eml` files and `mailto:` links);
//!   [`headers`] keeps user text from ever starting a header of its own.
//! - [`smtp`] hands one message to a server and says whether it surely went, surely did not,
//!   or may have; [`outbox`] builds the exactly-once promise on that and the store.
//! - [`imap`] reads the inbox and the Sent folder; [`inbound`] (pure) ties a message to an
//!   application and reads what it says; [`sync`] records it for the user to confirm.
//! - [`config`] says where the servers are; passwords come from the environment or the OS
//!   keyring only.

pub mod config;
pub mod headers;
pub mod imap;
pub mod inbound;
pub mod message;
pub mod outbox;
pub mod sealed;
pub mod secrets;
pub mod smtp;
pub mod sync;

use std::path::PathBuf;

use followup_store::StoreError;
use thiserror::Error;

pub use config::{Endpoint, MailConfig, Security, Service};
pub use message::{Outgoing, Party};

#[derive(Debug, Error)]
pub enum MailError {
    #[error("{field}: {value:?} is not a usable address: {reason}")]
    Address {
        field: String,
        value: String,
        reason: String,
    },

    #[error("{field}: {value:?} is not usable: {reason}")]
    Url {
        field: String,
        value: String,
        reason: String,
    },

    #[error("{field}: {value:?} is not a time of day")]
    TimeOfDay { field: String, value: String },

    #[error("cannot use the mail settings in {}: {reason}", path.display())]
    Config { path: PathBuf, reason: String },

    #[error("no {service} password for {account}: {detail}")]
    NoPassword {
        service: &'static str,
        account: String,
        variable: &'static str,
        detail: String,
    },

    #[error("the keyring refused the password: {0}")]
    Keyring(String),

    #[error("cannot build the message: {0}")]
    Build(String),

    #[error("IMAP {server}: {reason}")]
    Imap { server: String, reason: String },

    #[error("{reason}")]
    ServerKey { reason: String },

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MailError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            MailError::Address { field, .. } => {
                Some(format!("give {field} as name@domain, on one line"))
            }
            MailError::Url { .. } | MailError::Config { .. } => Some(
                "see `followup mail --help`; the forms are smtp://host:port, smtp://user@host:587?tls=required, smtps://user@host:465 (and imap://, imaps://)".into(),
            ),
            MailError::TimeOfDay { .. } => {
                Some("write it as HH:MM, such as 08:00, or \"off\" to stop it".into())
            }
            MailError::NoPassword {
                service, variable, ..
            } => Some(format!(
                "set {variable}, or keep it in the OS keyring with: followup mail password {service}"
            )),
            MailError::Keyring(_) => Some(
                "this system has no usable keyring; set the password in the environment instead"
                    .into(),
            ),
            MailError::Imap { .. } => Some(
                "check the IMAP URL and password with: followup mail show".into(),
            ),
            MailError::Store(e) => e.hint(),
            MailError::ServerKey { .. } => Some(format!(
                "give the server the key it sealed the passwords with in {}; a new one is made with `followup users key`",
                crate::sealed::SERVER_KEY_VARIABLE
            )),
            MailError::Build(_) => None,
        }
    }

    /// Whether the input was at fault (exit 2) rather than the environment (exit 3).
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            MailError::Address { .. }
                | MailError::Url { .. }
                | MailError::Config { .. }
                | MailError::TimeOfDay { .. }
        ) || matches!(self, MailError::Store(StoreError::Input(_)))
    }
}
