//! The user's word on an email in the outbox: one left unconfirmed by an interruption went
//! out or did not; one not yet sent is withdrawn.

use followup_core::{InputError, Moment};
use followup_store::{OutboxEntry, OutboxState, Store};

use crate::ActionsError;

/// Settles an email left `sending`: recorded as sent (with its touchpoint, so the plan moves
/// on), or queued again.
pub async fn settle_email(
    store: &Store,
    id: i64,
    went_out: bool,
    at: Moment,
) -> Result<OutboxEntry, ActionsError> {
    let entry = store.outbox_entry(id).await?;
    if entry.state != OutboxState::Sending {
        return Err(InputError::invalid(
            "outbox",
            id.to_string(),
            format!(
                "outbox {id} is {}, not waiting to be settled",
                entry.state.as_str()
            ),
            "only an email left 'sending' by an interruption needs this",
        )
        .into());
    }
    if went_out {
        let touchpoint = followup_mail::outbox::touchpoint_of(&entry, at)?;
        store.mark_sent(id, &touchpoint, at).await?;
    } else {
        store.requeue_unsent(id, at.timestamp()).await?;
    }
    Ok(entry)
}

/// Withdraws a queued or failed email.
pub async fn withdraw_email(store: &Store, id: i64) -> Result<OutboxEntry, ActionsError> {
    let entry = store.outbox_entry(id).await?;
    if !store.cancel_email(id).await? {
        return Err(InputError::invalid(
            "outbox",
            id.to_string(),
            format!(
                "outbox {id} is {} and cannot be cancelled",
                entry.state.as_str()
            ),
            "only a queued or failed email can be withdrawn",
        )
        .into());
    }
    Ok(entry)
}
