//! Browser notifications while a page is open: what is due now, for the page's script to
//! tell the user about each follow-up the moment it falls due (opt-in, per browser).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use followup_core::ActionKind;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::AppState;
use crate::pages::PageResult;

/// How far ahead the script is told when the next follow-up opens; it asks again by then.
const LOOKAHEAD: SignedDuration = SignedDuration::from_hours(24);

/// How many due follow-ups are named; more than this at once is one look at Today.
const LIMIT: usize = 20;

#[derive(Serialize)]
pub struct DueNow {
    /// Every follow-up open now, most urgent first.
    due: Vec<DueFollowUp>,
    /// When the next one opens, if within a day.
    next: Option<Timestamp>,
}

#[derive(Serialize)]
struct DueFollowUp {
    /// Stable across polls and tabs: the application and the action.
    key: String,
    title: String,
    body: String,
    url: String,
}

/// What the notification says a follow-up is.
fn what(kind: ActionKind, name: &str) -> String {
    match kind {
        ActionKind::ThankYou => format!("Time to thank {name}"),
        ActionKind::HandwrittenNote => format!("Time for a handwritten note to {name}"),
        ActionKind::CheckIn => format!("Time to check in with {name}"),
        ActionKind::PhoneCall => format!("Time to call {name}"),
        ActionKind::LinkedinConnect => format!("Time to connect with {name} on LinkedIn"),
        ActionKind::RejectionReply => format!("Time to reply to {name}"),
    }
}

pub async fn due_now(State(state): State<AppState>) -> PageResult {
    let now = state.now();
    // Up to `now` only: what has opened is due or overdue.
    let agenda = state.store().agenda_page(now, now, LIMIT).await?;
    let due = agenda
        .items
        .iter()
        .take(LIMIT)
        .map(|i| {
            let action = i.action.name().to_string();
            DueFollowUp {
                key: format!("{}/{action}", i.application),
                title: what(i.action.kind, &i.name),
                body: format!(
                    "{} — {}, {} by {}",
                    i.company, i.role, i.action.kind, i.action.channel
                ),
                url: format!("/apps/{}/compose/{action}", i.application),
            }
        })
        .collect();
    let next = state
        .store()
        .next_opening(now)
        .await?
        .filter(|at| *at <= now.checked_add(LOOKAHEAD).unwrap_or(now));
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(DueNow { due, next }),
    )
        .into_response())
}

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/notify.js"),
    )
}
