//! Coaches on a shared database (issue 19): a coach picks one of the seekers assigned to them
//! and reads that search as the seeker sees it, with nothing to change but a comment on a
//! draft. Reading is a cookie naming the seeker; the guard acts for the seeker with the
//! coach's read-only store only when the database says the seeker is assigned to the coach.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use followup_core::Moment;
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::{CheckedForm, cleared_cookie, setting_cookie, site_cookie};

/// The cookie that names the seeker a coach reads.
pub const READING_COOKIE: &str = "followup_reading";

/// The signed-in coach, or a 404 for anyone else: the pages do not exist for them.
fn coach() -> Result<crate::SignedIn, PageError> {
    crate::signed_in()
        .filter(|s| s.user.role == followup_store::Role::Coach)
        .ok_or_else(not_found)
}

fn not_found() -> PageError {
    PageError::new(
        StatusCode::NOT_FOUND,
        "There is no such page.".into(),
        Some("go back to Today".into()),
    )
}

/// The seekers assigned to the coach signed in.
pub async fn seekers_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let seekers = assigned(&state, &coach()?).await?;
    page(
        &state,
        &headers,
        "seekers.html",
        context! { title => "Seekers", seekers },
    )
}

/// The seekers assigned to the coach, by email.
async fn assigned(state: &AppState, who: &crate::SignedIn) -> Result<Vec<String>, PageError> {
    Ok(state
        .server()
        .user_by_id(who.user.id)
        .await?
        .map(|u| u.seekers)
        .unwrap_or_default())
}

#[derive(Deserialize)]
pub struct ReadForm {
    email: String,
}

/// Starts reading an assigned seeker's search.
pub async fn read_seeker(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<ReadForm>,
) -> PageResult {
    let who = coach()?;
    let seekers = assigned(&state, &who).await?;
    let seeker = state
        .server()
        .user_by_email(&form.email)
        .await?
        .map(|(user, _)| user)
        .filter(|user| seekers.contains(&user.email))
        .ok_or_else(not_found)?;
    // Asked again of the database: the assignment, not the page, decides.
    state
        .server()
        .coach_reading(who.user.id, seeker.id)
        .await
        .map_err(|_| not_found())?;
    Ok(setting_cookie(
        Redirect::to("/").into_response(),
        site_cookie(READING_COOKIE, &seeker.id.to_string(), None),
    ))
}

/// Back to the coach's own search. No CSRF token is needed: it only gives up reading, and a
/// post from another site carries no session (SameSite=Strict).
pub async fn stop_reading() -> Response {
    setting_cookie(
        Redirect::to("/seekers").into_response(),
        cleared_cookie(READING_COOKIE),
    )
}

#[derive(Deserialize)]
pub struct CommentForm {
    body: String,
}

/// A coach's comment on the draft of a seeker's follow-up.
pub async fn add_comment(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<CommentForm>,
) -> PageResult {
    let reading = coach()?.reading.is_some();
    if !reading {
        return Err(not_found());
    }
    let now = Moment::in_zone(state.now(), &jiff::tz::TimeZone::UTC);
    state
        .store()
        .add_comment(&id, &action, &form.body, now)
        .await?;
    Ok(Redirect::to(&format!("/apps/{id}/compose/{action}#comments")).into_response())
}
