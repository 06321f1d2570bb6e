//! What keeps a local server local: a Host allow-list against DNS rebinding, a CSRF token
//! on every change, and headers that forbid inline scripts, framing and sniffing.

use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::AppState;

/// The cookie that carries the CSRF token (double submit: the form repeats it).
pub const CSRF_COOKIE: &str = "followup_csrf";
/// The form field that repeats it.
pub const CSRF_FIELD: &str = "csrf";

/// Only our own files, no inline script or style, no framing, forms only to ourselves.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// 32 random bytes from the OS, as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source does not fail on the platforms we build for; a zero token would
    // only make the page refuse every form.
    let _ = getrandom::fill(&mut bytes);
    followup_core::hex::encode(&bytes)
}

/// The host a request names, without its port, lower-cased.
fn host_of(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:7878
        rest.split(']').next()?.to_string()
    } else {
        host.rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(name, _)| name)
            .to_string()
    };
    Some(name.to_ascii_lowercase())
}

/// Refuses a request whose Host is not ours (a page elsewhere that rebinds its name to
/// 127.0.0.1 sends its own name), and adds the security headers to every answer.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let allowed = host_of(request.headers()).is_some_and(|h| state.allows_host(&h));
    if allowed && state.is_shared() {
        let response = crate::login::shared_guard(&state, request, next).await;
        return with_security_headers(response);
    }
    let locked_out = match state.door() {
        Some(door) if allowed && !crate::login::is_open(request.uri().path()) => {
            !door
                .admits(&state.store(), request.headers(), jiff::Timestamp::now())
                .await
        }
        _ => false,
    };
    let response = if allowed && locked_out {
        if request.method() == Method::GET || request.method() == Method::HEAD {
            axum::response::Redirect::to("/login").into_response()
        } else {
            (
                StatusCode::UNAUTHORIZED,
                "Sign in first: this server asks for its password.",
            )
                .into_response()
        }
    } else if allowed {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "This server answers only to its own name (127.0.0.1 or localhost).",
        )
            .into_response()
    };
    with_security_headers(response)
}

/// The headers every answer carries.
fn with_security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    // A page that sets its own (stricter or self-contained) policy keeps it.
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The CSRF token of this browser: the cookie's, or a new one to set.
pub fn csrf_of(headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    if let Some(token) = cookie(headers, CSRF_COOKIE).filter(|t| t.len() == 64) {
        return (token, None);
    }
    let token = random_token();
    let value = site_cookie(CSRF_COOKIE, &token, None);
    (token, value)
}

/// The `Set-Cookie` value of one of our cookies: for this site only, out of scripts' reach,
/// lasting `max_age` seconds when given (else until the browser closes).
pub(crate) fn site_cookie(name: &str, value: &str, max_age: Option<i64>) -> Option<HeaderValue> {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    HeaderValue::from_str(&cookie).ok()
}

/// The `Set-Cookie` value that removes cookie `name`.
pub(crate) fn cleared_cookie(name: &str) -> Option<HeaderValue> {
    site_cookie(name, "", Some(0))
}

/// `response` setting `cookie` (replacing any cookie it set before).
pub(crate) fn setting_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(value) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Equal without telling, by its timing, how much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A form posted with the CSRF token of this browser; anything else is refused with 403.
pub struct CheckedForm<T>(pub T);

impl<T, S> FromRequest<S> for CheckedForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if request.method() != Method::POST {
            return Err(StatusCode::METHOD_NOT_ALLOWED.into_response());
        }
        let expected = cookie(request.headers(), CSRF_COOKIE);
        let body = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
            .map_err(|e| (StatusCode::BAD_REQUEST, e.to_string()).into_response())?;
        let given = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.as_str());
        match (expected, given) {
            (Some(expected), Some(given)) if same(&expected, given) => {}
            _ => {
                return Err((
                    StatusCode::FORBIDDEN,
                    "This form was not sent from followup's own page (its CSRF token is missing or wrong). Reload the page and try again.",
                )
                    .into_response());
            }
        }
        let value = serde_urlencoded::from_bytes(&body)
            .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response())?;
        Ok(CheckedForm(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_without_their_port() {
        let mut h = HeaderMap::new();
        for (value, want) in [
            ("127.0.0.1:7878", "127.0.0.1"),
            ("LOCALHOST", "localhost"),
            ("[::1]:7878", "::1"),
            ("evil.example:7878", "evil.example"),
        ] {
            h.insert(header::HOST, HeaderValue::from_static(value));
            assert_eq!(host_of(&h).as_deref(), Some(want));
        }
    }

    #[test]
    fn tokens_are_random_and_compared_in_full() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..63]));
    }
}
