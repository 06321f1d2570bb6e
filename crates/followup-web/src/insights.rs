//! The Insights page (how the follow-ups are going, as charts with their numbers beside
//! them) and the printable record of applications.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse};
use followup_insights::{chart, insights};
use minijinja::{Value, context};
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, cache_key_hourly, profile_zone, render, with_cookie};

pub async fn insights_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    // Reading every application takes a while with thousands of them; the page holds no
    // form, so it is served again while the store and the hour stay the same.
    let key = cache_key_hourly(&state).await?;
    if let Some(html) = state.cached_page("insights", "", key) {
        return Ok(with_cookie(&headers, html));
    }
    let zone = profile_zone(&state).await?;
    let files = state.store().load_every(true).await?;
    let found = insights(&files, state.now(), &zone);
    // The charts are drawn by our own code from numbers alone, with every text escaped:
    // they go into the page as they are.
    let charts = [
        (
            "punctuality",
            "Thank-yous sent within 24 hours, by month",
            chart::punctuality(&found),
        ),
        (
            "answers",
            "Answers after the thank-you and each check-in",
            chart::response_rates(&found),
        ),
        (
            "days",
            "Days from the first interview to the first answer",
            chart::days_to_response(&found),
        ),
        (
            "funnel",
            "Where the interviewed applications stand",
            chart::funnel(&found),
        ),
        ("weekly", "Follow-ups sent per week", chart::weekly(&found)),
    ]
    .into_iter()
    .map(|(id, caption, svg)| context! { id, caption, svg => Value::from_safe_string(svg) })
    .collect::<Vec<_>>();
    let html = bytes::Bytes::from(render(
        &state,
        "insights.html",
        context! {
            title => "Insights",
            charts,
            numbers => Value::from(minijinja::value::Serde(&found)),
            csrf => "",
        },
    )?);
    state.cache_page("insights", "", key, html.clone());
    Ok(with_cookie(&headers, html))
}

#[derive(Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    since: String,
}

pub async fn report(State(state): State<AppState>, Query(query): Query<ReportQuery>) -> PageResult {
    let since = match query.since.trim() {
        "" => None,
        s => Some(followup_core::edit::date("since", s)?),
    };
    // Every application in full: kept while nothing in it changes, as Insights is.
    let key = cache_key_hourly(&state).await?;
    let asked = since.map(|d| d.to_string()).unwrap_or_default();
    let html = match state.cached_page("report", &asked, key) {
        Some(html) => html,
        None => {
            let zone = profile_zone(&state).await?;
            let added = state.store().added_moments().await?;
            let files = state.store().load_every(true).await?;
            let profile = state.store().profile().await?;
            let (html, _) = crate::report::proof_of_applications(
                &files,
                &added,
                profile.as_ref(),
                since,
                state.now(),
                &zone,
            )
            .map_err(|e| {
                PageError::new(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot make the report: {e}"),
                    None,
                )
            })?;
            let html = bytes::Bytes::from(html);
            state.cache_page("report", &asked, key, html.clone());
            html
        }
    };
    let mut response = Html(html).into_response();
    // A self-contained page to print or save: its only style is its own, and nothing runs.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    Ok(response)
}
