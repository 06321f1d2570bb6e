//! An administrator's page on a shared database (issue 19): the accounts, adding one,
//! assigning a seeker to a coach, removing an account with all its data. The same use cases
//! as `followup users`, for whoever signs in with the admin role; for anyone else the page is
//! not there.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::login::{check_new_password, hash_password};
use crate::pages::{PageError, PageResult, page};
use crate::security::CheckedForm;

/// The administrator signed in (not reading anyone's search), or a 404 for anyone else.
fn admin() -> Result<crate::SignedIn, PageError> {
    crate::signed_in()
        .filter(|s| s.user.role == followup_store::Role::Admin && s.reading.is_none())
        .ok_or_else(|| {
            PageError::new(
                StatusCode::NOT_FOUND,
                "There is no such page.".into(),
                Some("go back to Today".into()),
            )
        })
}

pub async fn accounts_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    admin()?;
    let users = state.server().users().await?;
    page(
        &state,
        &headers,
        "accounts.html",
        context! {
            title => "Accounts",
            users => minijinja::Value::from(minijinja::value::Serde(users)),
        },
    )
}

#[derive(Deserialize)]
pub struct AddForm {
    email: String,
    role: String,
    password: String,
}

pub async fn add_account(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<AddForm>,
) -> PageResult {
    admin()?;
    let role: followup_store::Role = form.role.parse()?;
    check_new_password("password", &form.password)?;
    let password = form.password;
    // argon2 is slow on purpose: off the async threads.
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| PageError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string(), None))?
        .map_err(|e| PageError::new(StatusCode::INTERNAL_SERVER_ERROR, e, None))?;
    state
        .server()
        .add_user(&form.email, role, &hash, jiff::Timestamp::now())
        .await?;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize)]
pub struct AssignForm {
    coach: String,
    seeker: String,
}

pub async fn assign(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<AssignForm>,
) -> PageResult {
    admin()?;
    state
        .server()
        .assign_coach(&form.coach, &form.seeker)
        .await?;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize)]
pub struct RemoveForm {
    email: String,
}

pub async fn remove(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<RemoveForm>,
) -> PageResult {
    let me = admin()?;
    if me.user.email == form.email.trim().to_lowercase() {
        return Err(PageError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "You cannot remove your own account while signed in with it.".into(),
            Some("ask another administrator, or use followup users remove".into()),
        ));
    }
    let removed = state.server().remove_user(&form.email).await?;
    // Its sessions end here at once; other servers hear of it a moment later.
    state.visits().forget(removed.id);
    Ok(Redirect::to("/admin").into_response())
}
