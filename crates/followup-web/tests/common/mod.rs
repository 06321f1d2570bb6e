//! What the web app's whole-router tests share: sending a request through the router and
//! reading the answer, and the form posts they make.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A response, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// Sends `request` through `router` and reads the answer.
pub async fn send(router: &axum::Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A form POST of `fields` to `path` on `host`, with `cookie` when given.
pub fn form(
    path: &str,
    host: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, host)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    let body = serde_urlencoded::to_string(fields).unwrap();
    request.body(Body::from(body)).unwrap()
}
