//! Signing in, for a server opened beyond this machine (`followup serve --listen`): one
//! password, checked against its argon2 hash, opens a session kept in an HttpOnly,
//! SameSite=Strict cookie. The password itself is never kept: only its hash, in memory.
//! Sessions and tries live in the store, known by a SHA-256 of the browser's token (a copy of
//! the database opens no session), so a restart signs no one out and every server over the
//! directory agrees. Tries are limited for the whole server, not per address: a flood from
//! the network can keep the owner out for a minute, which is the lesser harm than letting it
//! guess.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::{SignedDuration, Timestamp};
use minijinja::context;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::{CheckedForm, cookie, random_token};
use followup_store::Store;

/// The cookie that carries a signed-in session.
pub const SESSION_COOKIE: &str = "followup_session";
/// How long a session lasts.
const SESSION_LENGTH: SignedDuration = SignedDuration::from_hours(24 * 7);
/// Wrong passwords allowed in a minute before the door closes for that minute.
const TRIES_A_MINUTE: usize = 5;

/// The argon2 hash (PHC string) of a password, with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no random salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// The password's hash; the sessions and tries it keeps are in the store.
pub struct Door {
    hash: String,
}

/// What the store knows a session by: a hash of the browser's token, never the token.
fn session_key(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Door {
    pub fn new(hash: String) -> Door {
        Door { hash }
    }

    /// Whether the request carries a session that is open at `now`; a store that cannot
    /// answer admits no one.
    pub async fn admits(&self, store: &Store, headers: &HeaderMap, now: Timestamp) -> bool {
        let Some(token) = cookie(headers, SESSION_COOKIE) else {
            return false;
        };
        store
            .web_session_is_open(&session_key(&token), now)
            .await
            .unwrap_or(false)
    }

    /// Counts an attempt before its password is checked, so that many sent at once cannot
    /// all be checked; false when the minute's tries are used up.
    async fn try_once(&self, store: &Store, now: Timestamp) -> bool {
        store
            .count_sign_in_try(now, TRIES_A_MINUTE)
            .await
            .unwrap_or(false)
    }

    /// The right password was given: its try does not count against anyone.
    async fn forgive_one(&self, store: &Store, at: Timestamp) {
        let _ = store.forgive_sign_in_try(at).await;
    }

    async fn open_session(&self, store: &Store, now: Timestamp) -> Option<String> {
        let token = random_token();
        store
            .open_web_session(&session_key(&token), now, now + SESSION_LENGTH)
            .await
            .ok()?;
        Some(token)
    }

    async fn close_session(&self, store: &Store, headers: &HeaderMap) {
        if let Some(token) = cookie(headers, SESSION_COOKIE) {
            let _ = store.close_web_session(&session_key(&token)).await;
        }
    }
}

/// The paths open without signing in: the sign-in page, its stylesheet, and the calendar
/// feed, which has its own secret.
pub fn is_open(path: &str) -> bool {
    matches!(path, "/login" | "/static/app.css" | "/calendar.ics")
}

pub async fn login_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    if state.door().is_none() {
        return Ok(Redirect::to("/").into_response());
    }
    page(
        &state,
        &headers,
        "login.html",
        context! { title => "Sign in", wrong => false },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<LoginForm>,
) -> PageResult {
    let Some(door) = state.door() else {
        return Ok(Redirect::to("/").into_response());
    };
    let now = Timestamp::now();
    if !door.try_once(state.store(), now).await {
        return Err(PageError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong passwords in the last minute.".into(),
            Some("Wait a minute, then try again.".into()),
        ));
    }
    let hash = door.hash.clone();
    // argon2 is slow on purpose: off the async threads.
    let right = tokio::task::spawn_blocking(move || verify(&hash, &form.password))
        .await
        .unwrap_or(false);
    if !right {
        let mut response = page(
            &state,
            &headers,
            "login.html",
            context! { title => "Sign in", wrong => true },
        )?;
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(response);
    }
    door.forgive_one(state.store(), now).await;
    let Some(token) = door.open_session(state.store(), now).await else {
        return Err(PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot open a session".into(),
            None,
        ));
    };
    let mut response = Redirect::to("/").into_response();
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
        SESSION_LENGTH.as_secs()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Signs out. No CSRF token is needed: the session cookie is SameSite=Strict, so a post
/// from another site carries no session to close (and Today's cached page holds no token).
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(door) = state.door() {
        door.close_session(state.store(), &headers).await;
    }
    signed_out()
}

/// Signs out every browser, this one included (a laptop left signed in somewhere). Like
/// signing out, it needs a session to reach here, and a cross-site post carries none.
pub async fn logout_everywhere(State(state): State<AppState>) -> Result<Response, PageError> {
    if state.door().is_some() {
        state.store().close_every_web_session().await.map_err(|e| {
            PageError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot end the sessions: {e}"),
                None,
            )
        })?;
    }
    Ok(signed_out())
}

/// To the sign-in page, with this browser's session cookie cleared.
fn signed_out() -> Response {
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("followup_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_admits_its_password_only() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("correct"));
        assert!(verify(&hash, "correct horse"));
        assert!(!verify(&hash, "correct horse "));
        assert!(!verify("not a hash", "correct horse"));
        assert_ne!(hash, hash_password("correct horse").unwrap(), "salted");
    }

    #[test]
    fn a_session_is_known_by_a_hash_of_its_token() {
        let token = random_token();
        let key = session_key(&token);
        assert_eq!(key.len(), 64);
        assert_ne!(key, token);
        assert_eq!(key, session_key(&token));
    }
}
