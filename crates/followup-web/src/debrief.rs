//! The debrief's live preview: the sentence a detail will become in a draft, asked for by
//! assets/debrief.js while the user types a person's topics, shared things or concerns.
//!
//! It is a GET that changes nothing, so it needs no CSRF token; the Host guard and the
//! password (when there is one) cover it like every other page.

use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use followup_compose::reading::{self, Field, Pronoun};
use followup_core::validate;
use serde::Deserialize;

/// A detail is a note, not an essay; the cap keeps one request from tagging a whole book.
const MAX_DETAIL: usize = 500;
/// All of a person's notes, from which their pronoun is read.
const MAX_NOTES: usize = 20_000;

#[derive(Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    field: String,
    #[serde(default)]
    text: String,
    /// The person's other notes, one per line: they tell whether "she" or "he" is them.
    #[serde(default)]
    notes: String,
}

fn refuse(message: String) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// `/preview-detail?field=topic&text=…&notes=…`: the sentence as plain text, or nothing when
/// the detail is empty or reads as nothing a draft can use.
pub async fn preview_detail(Query(query): Query<PreviewQuery>) -> Response {
    let field = match query.field.as_str() {
        "topic" | "topics" => Field::Topic,
        "shared" => Field::Shared,
        "concern" | "concerns" => Field::Concern,
        other => {
            return refuse(format!(
                "field: {other:?} is not a debrief field; use field=topic, field=shared or field=concern"
            ));
        }
    };
    let text = query.text.trim();
    if text.chars().count() > MAX_DETAIL {
        return refuse(format!(
            "text: longer than {MAX_DETAIL} characters; a detail is one short note, so shorten it"
        ));
    }
    if query.notes.chars().count() > MAX_NOTES {
        return refuse(format!(
            "notes: longer than {MAX_NOTES} characters; send only this person's notes"
        ));
    }
    let sentence = if text.is_empty() {
        String::new()
    } else {
        if let Err(e) = validate::text("text", text, false) {
            return refuse(format!("{e}; {}", e.hint()));
        }
        let notes = query.notes.lines().chain([text]);
        reading::preview(field, text, Pronoun::of_notes(notes)).unwrap_or_default()
    };
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            // Each answer is for one keystroke's text; keeping it would only grow the cache.
            (header::CACHE_CONTROL, "no-store"),
        ],
        sentence,
    )
        .into_response()
}

/// The script that asks for the preview; the CSP allows no inline script, so it is served.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/debrief.js"),
    )
}
