//! Signing in, for a server opened beyond this machine (`followup serve --listen`): one
//! password, checked against its argon2 hash, opens a session kept in an HttpOnly,
//! SameSite=Strict cookie. The password itself is never kept: only its hash, in memory.
//! Tries are limited for the whole server, not per address: a flood from the network can keep
//! the owner out for a minute, which is the lesser harm than letting it guess.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::{SignedDuration, Timestamp};
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::{CheckedForm, cookie, random_token};

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

/// The password's hash, the open sessions and the recent tries.
pub struct Door {
    hash: String,
    sessions: Mutex<HashMap<String, Timestamp>>,
    /// When each try of the last minute was made.
    tries: Mutex<VecDeque<Timestamp>>,
}

impl Door {
    pub fn new(hash: String) -> Door {
        Door {
            hash,
            sessions: Mutex::new(HashMap::new()),
            tries: Mutex::new(VecDeque::new()),
        }
    }

    /// Whether the request carries a session that is open at `now`.
    pub fn admits(&self, headers: &HeaderMap, now: Timestamp) -> bool {
        let Some(token) = cookie(headers, SESSION_COOKIE) else {
            return false;
        };
        let Ok(mut sessions) = self.sessions.lock() else {
            return false;
        };
        sessions.retain(|_, until| *until > now);
        sessions.contains_key(&token)
    }

    /// Counts an attempt before its password is checked, so that many sent at once cannot
    /// all be checked; false when the minute's tries are used up.
    fn try_once(&self, now: Timestamp) -> bool {
        let Ok(mut tries) = self.tries.lock() else {
            return false;
        };
        let minute_ago = now - SignedDuration::from_mins(1);
        while tries.front().is_some_and(|t| *t < minute_ago) {
            tries.pop_front();
        }
        if tries.len() >= TRIES_A_MINUTE {
            return false;
        }
        tries.push_back(now);
        true
    }

    /// The right password was given: its try does not count against anyone.
    fn forgive_one(&self) {
        if let Ok(mut tries) = self.tries.lock() {
            tries.pop_back();
        }
    }

    fn open_session(&self, now: Timestamp) -> Option<String> {
        let token = random_token();
        self.sessions
            .lock()
            .ok()?
            .insert(token.clone(), now + SESSION_LENGTH);
        Some(token)
    }

    fn close_session(&self, headers: &HeaderMap) {
        if let (Some(token), Ok(mut sessions)) =
            (cookie(headers, SESSION_COOKIE), self.sessions.lock())
        {
            sessions.remove(&token);
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
    if !door.try_once(now) {
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
    door.forgive_one();
    let Some(token) = door.open_session(now) else {
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
        door.close_session(&headers);
    }
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
    fn sessions_end_and_guesses_are_limited() {
        let door = Door::new(hash_password("pw").unwrap());
        let now = Timestamp::UNIX_EPOCH + SignedDuration::from_hours(1000);
        let token = door.open_session(now).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}")).unwrap(),
        );
        assert!(door.admits(&headers, now));
        assert!(!door.admits(&headers, now + SESSION_LENGTH));
        for _ in 0..TRIES_A_MINUTE {
            assert!(door.try_once(now));
        }
        assert!(
            !door.try_once(now),
            "the sixth try in a minute is refused unchecked"
        );
        assert!(door.try_once(now + SignedDuration::from_mins(2)));
    }
}
