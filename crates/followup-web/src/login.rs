//! Signing in, for a server opened beyond this machine (`followup serve --listen`): one
//! password, checked against its argon2 hash, opens a session kept in an HttpOnly,
//! SameSite=Strict cookie. The password itself is never kept: only its hash, in memory.
//! Sessions and tries live in the store, known by a SHA-256 of the browser's token (a copy of
//! the database opens no session), so a restart signs no one out and every server over the
//! directory agrees. Tries are limited for the whole server, not per address: a flood from
//! the network can keep the owner out for a minute, which is the lesser harm than letting it
//! guess.
//!
//! On a shared database (issue 19) every page but the sign-in page needs a session, and each
//! person signs in with their own email and password. The session token begins with the
//! account's number ("17.3fa9…"), so a request finds the account to act for before it can read
//! anything, and the session is then looked up among that account's own rows. Tries are
//! limited per account.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::{SignedDuration, Timestamp};
use minijinja::context;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::{
    CheckedForm, cleared_cookie, cookie, random_token, setting_cookie, site_cookie,
};
use crate::visits::FRESH_COOKIE;
use followup_store::Store;

/// The cookie that carries a signed-in session.
pub const SESSION_COOKIE: &str = "followup_session";
/// How long a session lasts.
const SESSION_LENGTH: SignedDuration = SignedDuration::from_hours(24 * 7);
/// Wrong passwords allowed in a minute before the door closes for that minute.
const TRIES_A_MINUTE: usize = 5;

/// The shortest password an account on a shared database may have.
pub const SHORTEST_PASSWORD: usize = 10;

/// A new account's password, refused when it is too short to be one.
pub fn check_new_password(field: &str, password: &str) -> Result<(), followup_core::InputError> {
    let length = password.chars().count();
    if length < SHORTEST_PASSWORD {
        return Err(followup_core::InputError::invalid(
            field,
            format!("{length} characters"),
            format!("a password needs at least {SHORTEST_PASSWORD} characters"),
            "choose a longer one; a few unrelated words make a good one",
        ));
    }
    Ok(())
}

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
pub fn session_key(token: &str) -> String {
    followup_core::hex::encode(&Sha256::digest(token.as_bytes()))
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

/// The account a token or a calendar secret begins with ("17.…").
fn account_of(token: &str) -> Option<i64> {
    let (id, rest) = token.split_once('.')?;
    (!rest.is_empty()).then_some(())?;
    id.parse().ok().filter(|id: &i64| *id > 0)
}

/// On a shared database: serves a request with the store of the person whose session it
/// carries, sends one without a session to sign in, and serves the open paths acting for no
/// one (the calendar feed acting for the account its secret names, which it then checks).
pub async fn shared_guard(state: &AppState, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path == "/calendar.ics" {
        let account = request
            .uri()
            .query()
            .and_then(|q| url_token(q).and_then(|token| account_of(&token)));
        return match account {
            Some(id) => {
                let store = state.server().as_user_unplanned(id);
                crate::acting_as(store, next.run(request)).await
            }
            None => next.run(request).await,
        };
    }
    if is_open(path) {
        return next.run(request).await;
    }
    let now = Timestamp::now();
    let session = cookie(request.headers(), SESSION_COOKIE)
        .and_then(|token| account_of(&token).map(|id| (id, session_key(&token))));
    let fresh = cookie(request.headers(), FRESH_COOKIE).is_some();
    if let Some((id, key)) = session
        && let Some(visit) = first_question(state, id, &key, fresh, now).await
    {
        let may_change = !matches!(
            *request.method(),
            axum::http::Method::GET | axum::http::Method::HEAD
        );
        let store = state.server().as_user_unplanned(id);
        let mut response = serve_signed_in(state, store, visit, request, next).await;
        // What this request changed is news that other servers hear a moment from now: the
        // browser's next request asks the database itself, wherever it goes.
        let mark = match (may_change, fresh) {
            (true, _) => site_cookie(FRESH_COOKIE, "1", None),
            (false, true) => cleared_cookie(FRESH_COOKIE),
            (false, false) => None,
        };
        if let Some(mark) = mark {
            response.headers_mut().append(header::SET_COOKIE, mark);
        }
        return response;
    }
    if request.method() == axum::http::Method::GET || request.method() == axum::http::Method::HEAD {
        Redirect::to("/login").into_response()
    } else {
        (StatusCode::UNAUTHORIZED, "Sign in first.").into_response()
    }
}

/// A signed-in request's first question: when `key` is an open session of account `id` at
/// `now`, the account and its change counter; kept from an earlier request while the
/// database's news says it holds, unless the browser changed something since (`fresh`).
async fn first_question(
    state: &AppState,
    id: i64,
    key: &str,
    fresh: bool,
    now: Timestamp,
) -> Option<followup_store::Visit> {
    let visits = state.visits();
    visits.listen(state.server());
    if !fresh && let Some(visit) = visits.kept(id, key, now) {
        return Some(visit);
    }
    let mark = visits.mark();
    let visit = state.server().visit(id, key, now).await.ok()??;
    visits.keep(id, key, &visit, mark);
    Some(visit)
}

/// Serves a signed-in request: as the account itself, or, for a coach reading an assigned
/// seeker's search, with the coach's read-only store for that seeker. While reading, only
/// pages are shown and comments taken; the coach's own session is still their own.
async fn serve_signed_in(
    state: &AppState,
    own: Store,
    visit: followup_store::Visit,
    request: Request,
    next: Next,
) -> Response {
    let user = visit.user;
    let reading = match cookie(request.headers(), crate::coach::READING_COOKIE)
        .and_then(|id| id.parse::<i64>().ok())
    {
        Some(seeker) if user.role == followup_store::Role::Coach => {
            match (
                state.server().coach_reading(user.id, seeker).await,
                state.server().user_by_id(seeker).await,
            ) {
                (Ok(store), Ok(Some(seeker))) => Some((store, seeker)),
                _ => None,
            }
        }
        _ => None,
    };
    let Some((store, seeker)) = reading else {
        let signed_in = crate::SignedIn {
            user,
            reading: None,
            generation: Some(visit.generation),
        };
        return crate::signed_in_as(signed_in, own, next.run(request)).await;
    };
    let path = request.uri().path();
    let read =
        request.method() == axum::http::Method::GET || request.method() == axum::http::Method::HEAD;
    let comment = path.ends_with("/comments") && path.starts_with("/apps/");
    let own_business = matches!(
        path,
        "/seekers/stop" | "/seekers/read" | "/logout" | "/logout-everywhere"
    );
    // The coach's own counter says nothing of the seeker's data: the pages ask for it.
    let signed_in = crate::SignedIn {
        user,
        reading: Some(seeker),
        generation: None,
    };
    if own_business {
        crate::signed_in_as(signed_in, own, next.run(request)).await
    } else if read || comment {
        crate::signed_in_as(signed_in, store, next.run(request)).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "You are reading a seeker's search: it cannot be changed from here. Go back to your own to make changes.",
        )
            .into_response()
    }
}

/// The `token` of a query string.
fn url_token(query: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
}

/// A hash to check a password against when no account has the address given, so that an
/// unknown address takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

/// Signs a person in on a shared database: their tries are counted against their account,
/// and a right password opens a session acting for them.
async fn shared_login(state: &AppState, headers: &HeaderMap, form: LoginForm) -> PageResult {
    let now = Timestamp::now();
    let wrong = || -> PageResult {
        let mut response = page(
            state,
            headers,
            "login.html",
            context! { title => "Sign in", wrong => true, shared => true },
        )?;
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        Ok(response)
    };
    let email = form.email.unwrap_or_default();
    let account = state.server().user_by_email(&email).await?;
    let Some((user, hash)) = account else {
        let decoy = decoy_hash().to_string();
        let password = form.password;
        let _ = tokio::task::spawn_blocking(move || verify(&decoy, &password)).await;
        return wrong();
    };
    let store = state.server().as_user(user.id).await?;
    if !store.count_sign_in_try(now, TRIES_A_MINUTE).await? {
        return Err(PageError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong passwords for this account in the last minute.".into(),
            Some("Wait a minute, then try again.".into()),
        ));
    }
    let password = form.password;
    let right = tokio::task::spawn_blocking(move || verify(&hash, &password))
        .await
        .unwrap_or(false);
    if !right {
        return wrong();
    }
    store.forgive_sign_in_try(now).await?;
    let token = format!("{}.{}", user.id, random_token());
    store
        .open_web_session(&session_key(&token), now, now + SESSION_LENGTH)
        .await?;
    Ok(signed_in(&token))
}

/// To the first page, with the session's cookie set.
fn signed_in(token: &str) -> Response {
    setting_cookie(
        Redirect::to("/").into_response(),
        site_cookie(SESSION_COOKIE, token, Some(SESSION_LENGTH.as_secs())),
    )
}

pub async fn login_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    if state.door().is_none() && !state.is_shared() {
        return Ok(Redirect::to("/").into_response());
    }
    page(
        &state,
        &headers,
        "login.html",
        context! { title => "Sign in", wrong => false, shared => state.is_shared() },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    /// On a shared database, whose account.
    email: Option<String>,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<LoginForm>,
) -> PageResult {
    if state.is_shared() {
        return shared_login(&state, &headers, form).await;
    }
    let Some(door) = state.door() else {
        return Ok(Redirect::to("/").into_response());
    };
    let now = Timestamp::now();
    if !door.try_once(&state.store(), now).await {
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
    door.forgive_one(&state.store(), now).await;
    let Some(token) = door.open_session(&state.store(), now).await else {
        return Err(PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot open a session".into(),
            None,
        ));
    };
    Ok(signed_in(&token))
}

/// Signs out. No CSRF token is needed: the session cookie is SameSite=Strict, so a post
/// from another site carries no session to close (and Today's cached page holds no token).
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(door) = state.door() {
        door.close_session(&state.store(), &headers).await;
    } else if state.is_shared()
        && let Some(token) = cookie(&headers, SESSION_COOKIE)
    {
        // The guard let this request through acting for the session's account.
        let _ = state.store().close_web_session(&session_key(&token)).await;
        forget_here(&state);
    }
    signed_out()
}

/// Signs out every browser, this one included (a laptop left signed in somewhere). Like
/// signing out, it needs a session to reach here, and a cross-site post carries none.
pub async fn logout_everywhere(State(state): State<AppState>) -> Result<Response, PageError> {
    if state.door().is_some() || state.is_shared() {
        // On a shared database, the sessions of the account signed in, and no one else's.
        state.store().close_every_web_session().await.map_err(|e| {
            PageError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot end the sessions: {e}"),
                None,
            )
        })?;
        forget_here(&state);
    }
    Ok(signed_out())
}

/// Forgets what this server kept of the signed-in account's sessions, which this request
/// ended: the database's news of it is not waited for.
fn forget_here(state: &AppState) {
    if let Some(id) = state.store().owner() {
        state.visits().forget(id);
    }
}

/// To the sign-in page, with this browser's session cookie cleared.
fn signed_out() -> Response {
    setting_cookie(
        Redirect::to("/login").into_response(),
        cleared_cookie(SESSION_COOKIE),
    )
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
