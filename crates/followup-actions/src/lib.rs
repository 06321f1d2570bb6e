//! What the user does, shared by the CLI and the web app: find a planned follow-up with its
//! text (the saved draft, else a fresh one), give its check everything the store knows, send
//! it now or later, settle or withdraw an email, read replies and accept them, record a
//! response by hand, and run the worker that delivers the outbox and reads replies.
//!
//! No printing and no prompts here: the front ends decide how to show what comes back.

pub mod account_mail;
mod checking;
mod delivery;
pub mod digest;
mod outbox;
mod replies;
mod sending;
pub mod shared_worker;
mod text;
pub mod worker;

use std::path::PathBuf;

use followup_core::InputError;
use followup_mail::MailError;
use followup_store::StoreError;
use thiserror::Error;

pub use checking::check_context;
pub use delivery::{
    SendAt, SendOutcome, SendRequest, log_done_by_hand, recipient_zone, send_follow_up,
};
pub use outbox::{settle_email, withdraw_email};
pub use replies::{
    HeldCheckIn, NewResponse, Recorded, RepliesRead, ResponseFields, accept_reply, dismiss_reply,
    read_replies, record_response, require_person,
};
pub use sending::{ImapAccount, imap_of, recipient_address, sender_of, sent_copy, smtp_of};
pub use text::{
    FollowUp, as_text, built_in_template, draft_of, find_planned, split_text, template_path,
    user_templates,
};

#[derive(Debug, Error)]
pub enum ActionsError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("cannot draft: {0}")]
    Compose(String),
    #[error("cannot read the template {}: {reason}", path.display())]
    Template { path: PathBuf, reason: String },
    #[error("the digest was not sent: {0}")]
    Digest(String),
    #[error("{who} is already the worker for this data directory")]
    WorkerBusy { who: String },
}

impl ActionsError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            ActionsError::Input(e) => Some(e.hint()),
            ActionsError::Store(e) => e.hint(),
            ActionsError::Mail(e) => e.hint(),
            ActionsError::Compose(_) => {
                Some("check your templates with `followup templates list`".into())
            }
            ActionsError::Template { .. } => Some(
                "make the file readable, or go back to the built-in one with `followup templates reset NAME`".into(),
            ),
            ActionsError::Digest(_) => Some(
                "check the SMTP server with `followup mail show`; tomorrow's goes as usual".into(),
            ),
            ActionsError::WorkerBusy { .. } => Some(
                "it sends and reads replies already; stop it first, or start `followup serve --no-worker`".into(),
            ),
        }
    }

    /// Whether the input was at fault rather than the environment.
    pub fn is_input(&self) -> bool {
        match self {
            ActionsError::Input(_) => true,
            ActionsError::Store(StoreError::Input(_)) => true,
            ActionsError::Mail(e) => e.is_input(),
            _ => false,
        }
    }
}
