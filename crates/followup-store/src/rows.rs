//! Reading typed values out of the store's rows, reporting anything unreadable as corruption.

use std::str::FromStr;

use followup_core::{Application, Interview, Interviewer};
use sqlx::Row;

use crate::db::{DbRow, flag};
use crate::{Result, StoreError};

/// A text column parsed with `FromStr` (words, instants).
pub fn parse_col<T>(row: &DbRow, column: &str) -> Result<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    let text: String = row.try_get(column)?;
    text.parse()
        .map_err(|e: T::Err| corrupt(column, text.clone(), e.to_string()))
}

/// A nullable text column parsed with `parse`.
pub fn parse_opt_col<T, E: std::fmt::Display>(
    row: &DbRow,
    column: &str,
    parse: impl Fn(&str) -> std::result::Result<T, E>,
) -> Result<Option<T>> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|t| parse(&t).map_err(|e| corrupt(column, t.clone(), e.to_string())))
        .transpose()
}

pub fn opt_text(row: &DbRow, column: &str) -> Result<Option<String>> {
    Ok(row.try_get(column)?)
}

/// A column holding a JSON array of strings.
pub fn json_list(row: &DbRow, column: &str) -> Result<Vec<String>> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|e| corrupt(column, text, e.to_string()))
}

pub fn corrupt(column: &str, value: String, reason: String) -> StoreError {
    StoreError::Corrupt {
        what: column.to_string(),
        value,
        reason,
    }
}

pub fn application(row: &DbRow) -> Result<Application> {
    Ok(Application {
        id: row.try_get("id")?,
        company: row.try_get("company")?,
        role: row.try_get("role")?,
        industry: row.try_get("industry")?,
        culture: parse_opt_col(row, "culture", str::parse)?,
        prefers_no_calls: flag(row, "prefers_no_calls")?,
        stage: parse_col(row, "stage")?,
        source: row.try_get("source")?,
        notes: row.try_get("notes")?,
        archived: flag(row, "archived")?,
    })
}

pub fn contact(row: &DbRow) -> Result<Interviewer> {
    Ok(Interviewer {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        title: row.try_get("title")?,
        given: row.try_get("given")?,
        family: row.try_get("family")?,
        role: parse_col(row, "role")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        linkedin: row.try_get("linkedin")?,
        timezone: row.try_get("timezone")?,
        away_until: parse_opt_col(row, "away_until", str::parse::<jiff::civil::Date>)?,
        details: Default::default(),
    })
}

/// A round without its interviewers (they come from `round_interviewers`).
pub fn round(row: &DbRow) -> Result<Interview> {
    Ok(Interview {
        id: row.try_get("id")?,
        kind: parse_col(row, "kind")?,
        start: parse_col(row, "start_at")?,
        end: parse_opt_col(row, "end_at", followup_core::Moment::parse_rfc3339)?,
        timezone: row.try_get("timezone")?,
        decision_expected_by: parse_opt_col(
            row,
            "decision_expected_by",
            followup_core::DecisionDate::parse,
        )?,
        personal_rapport: flag(row, "personal_rapport")?,
        interviewers: Vec::new(),
    })
}
