//! The Insights page (how the follow-ups are going, as charts with their numbers beside
//! them) and the printable record of applications.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse};
use followup_insights::{chart, insights};
use minijinja::{Value, context};
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, page, profile_zone};

pub async fn insights_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
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
    page(
        &state,
        &headers,
        "insights.html",
        context! {
            title => "Insights",
            charts,
            numbers => Value::from(minijinja::value::Serde(&found)),
        },
    )
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
