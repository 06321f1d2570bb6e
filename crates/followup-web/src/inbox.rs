//! The Inbox page: replies that `sync` read, each waiting for the user's word, and the
//! outbox with what became of every email. Mail can be read from here too.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use followup_actions::{accept_reply, dismiss_reply, read_replies, settle_email, withdraw_email};
use followup_core::{Moment, Outcome};
use followup_store::{InboxState, OutboxEntry, OutboxState};
use jiff::tz::TimeZone;
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageResult, page, profile_zone, shown};
use crate::security::CheckedForm;

#[derive(Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    all: Option<String>,
    /// What the last sync found, to say so: read, waiting, ignored.
    #[serde(default)]
    read: Option<usize>,
    #[serde(default)]
    waiting: Option<usize>,
    #[serde(default)]
    ignored: Option<usize>,
}

pub async fn inbox_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<InboxQuery>,
) -> PageResult {
    let zone = profile_zone(&state).await?;
    let all = query.all.as_deref().is_some_and(|a| !a.is_empty());
    let states: &[InboxState] = if all { &[] } else { &[InboxState::Proposed] };
    let entries = state.store().inbox(states).await?;
    let replies: Vec<minijinja::Value> = entries
        .iter()
        .map(|e| {
            context! {
                id => e.id,
                application => e.application_id.clone(),
                from => e.sender.clone(),
                received => shown(e.received_at, &zone),
                subject => e.subject.clone(),
                excerpt => e.excerpt.clone(),
                automatic => e.automatic,
                away_until => e.away_until.map(|d| d.to_string()),
                outcome => e.outcome.map(|o| o.to_string()),
                decision => e.decision_expected_by.map(|d| d.to_string()).unwrap_or_default(),
                state => e.state.as_str(),
                waiting => e.state == InboxState::Proposed,
            }
        })
        .collect();
    let outbox = outbox_rows(&state.store().outbox(&[]).await?, &zone);
    let config = state.mail_config().await?;
    let synced = query.read.map(|read| {
        context! {
            read,
            waiting => query.waiting.unwrap_or(0),
            ignored => query.ignored.unwrap_or(0),
        }
    });
    page(
        &state,
        &headers,
        "inbox.html",
        context! {
            title => "Inbox",
            replies,
            all,
            outbox,
            outcomes => Outcome::WORDS.to_vec(),
            can_sync => config.imap.is_some(),
            synced,
        },
    )
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    decision: String,
}

pub async fn accept(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(form): CheckedForm<AcceptForm>,
) -> PageResult {
    let zone = profile_zone(&state).await?;
    let now = state.now().to_zoned(zone);
    let accepted = accept_reply(
        &state.store(),
        id,
        ("outcome", Some(&form.outcome)),
        ("decision", Some(&form.decision)),
        &now,
    )
    .await?;
    Ok(Redirect::to(&format!("/apps/{}", accepted.file.application.id)).into_response())
}

pub async fn dismiss(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(_): CheckedForm<crate::edit::Nothing>,
) -> PageResult {
    dismiss_reply(&state.store(), id).await?;
    Ok(Redirect::to("/inbox").into_response())
}

#[derive(Deserialize)]
pub struct SettleForm {
    went_out: String,
}

pub async fn settle(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(form): CheckedForm<SettleForm>,
) -> PageResult {
    let zone = profile_zone(&state).await?;
    let went_out = match form.went_out.as_str() {
        "yes" => true,
        "no" => false,
        other => {
            return Err(followup_core::InputError::invalid(
                "went_out",
                other,
                "it must be yes or no",
                "use the page's buttons",
            )
            .into());
        }
    };
    settle_email(
        &state.store(),
        id,
        went_out,
        Moment::in_zone(state.now(), &zone),
    )
    .await?;
    Ok(Redirect::to("/inbox#outbox").into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(_): CheckedForm<crate::edit::Nothing>,
) -> PageResult {
    withdraw_email(&state.store(), id).await?;
    Ok(Redirect::to("/inbox#outbox").into_response())
}

/// The user has seen that an email failed: its banner goes, the email stays in the outbox
/// as failed (to send again from Compose, or withdraw).
pub async fn seen(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CheckedForm(_): CheckedForm<crate::edit::Nothing>,
) -> PageResult {
    let entry = state.store().outbox_entry(id).await?;
    state.store().mark_failure_seen(id).await?;
    Ok(Redirect::to(&format!("/apps/{}#outbox", entry.application_id)).into_response())
}

/// Outbox rows as the pages show them: what is queued and when, what went out, what failed
/// and why, newest first.
pub(crate) fn outbox_rows(entries: &[OutboxEntry], zone: &TimeZone) -> Vec<minijinja::Value> {
    entries
        .iter()
        .rev()
        .map(|o| {
            context! {
                id => o.id,
                application => o.application_id.clone(),
                action => o.action.clone(),
                to => format!("{} <{}>", o.recipient_name, o.recipient),
                recipient => o.recipient_name.clone(),
                subject => o.subject.clone(),
                state => o.state.as_str(),
                attempts => o.attempts,
                error => o.last_error.clone(),
                when => o.sent_at.map(|m| shown(m, zone)).unwrap_or_else(|| {
                    shown(Moment::in_zone(o.send_after.max(o.next_attempt), zone), zone)
                }),
                unsettled => o.state == OutboxState::Sending,
                withdrawable => matches!(o.state, OutboxState::Queued | OutboxState::Failed),
                banner => o.state == OutboxState::Failed && !o.failure_seen,
            }
        })
        .collect()
}

/// Reads new mail now, as `followup sync` does.
pub async fn sync_now(
    State(state): State<AppState>,
    CheckedForm(_): CheckedForm<crate::edit::Nothing>,
) -> PageResult {
    let config = state.mail_config().await?;
    let zone = profile_zone(&state).await?;
    let read = read_replies(&state.store(), &config, &zone, state.now()).await?;
    let report = read.report;
    let waiting = report
        .entries
        .iter()
        .filter(|e| e.state == InboxState::Proposed)
        .count();
    Ok(Redirect::to(&format!(
        "/inbox?read={}&waiting={waiting}&ignored={}",
        report.read, report.ignored
    ))
    .into_response())
}
