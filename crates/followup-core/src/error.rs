//! Typed errors for bad input: each names the field, the value, and how to fix it.

use thiserror::Error;

/// A word outside a closed set (a culture, a round kind …).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{value:?} is not one of {}", allowed.join(", "))]
pub struct UnknownWord {
    pub value: String,
    pub allowed: &'static [&'static str],
}

/// Input a person or a file gave us that cannot be used as it is.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum InputError {
    #[error("{field}: unknown time zone {value:?}")]
    UnknownTimeZone {
        field: String,
        value: String,
        suggestion: Option<String>,
    },

    #[error("{field}: the end {end} is before the start {start}")]
    EndBeforeStart {
        field: String,
        start: String,
        end: String,
    },

    #[error("{field}: {value:?} is not an email address")]
    MalformedEmail { field: String, value: String },

    #[error("{field}: {value:?} is not a usable URL ({reason})")]
    MalformedUrl {
        field: String,
        value: String,
        reason: String,
    },

    #[error("{field}: {value:?} is not a phone number")]
    MalformedPhone { field: String, value: String },

    #[error("{field}: cannot read {value:?} as {expected} ({reason})")]
    BadTime {
        field: String,
        value: String,
        expected: &'static str,
        reason: String,
    },

    #[error("{field}: {value:?} is not one of {}", allowed.join(", "))]
    NotOneOf {
        field: String,
        value: String,
        allowed: &'static [&'static str],
    },

    #[error("unknown {kind} {value:?}")]
    UnknownId {
        kind: &'static str,
        value: String,
        known: Vec<String>,
    },

    #[error("{source_name}: invalid JSON at line {line}, column {column}: {message}")]
    InvalidJson {
        source_name: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{field}: {problem}")]
    Invalid {
        field: String,
        value: String,
        problem: String,
        hint: String,
    },
}

impl InputError {
    /// A shorthand for the general case.
    pub fn invalid(
        field: impl Into<String>,
        value: impl Into<String>,
        problem: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        InputError::Invalid {
            field: field.into(),
            value: value.into(),
            problem: problem.into(),
            hint: hint.into(),
        }
    }

    pub fn not_one_of(field: impl Into<String>, word: UnknownWord) -> Self {
        InputError::NotOneOf {
            field: field.into(),
            value: word.value,
            allowed: word.allowed,
        }
    }

    /// What to do about it, in one sentence.
    pub fn hint(&self) -> String {
        match self {
            InputError::UnknownTimeZone { suggestion, .. } => match suggestion {
                Some(s) => format!(
                    "did you mean {s}? Time zones are IANA names such as America/New_York or Europe/Berlin"
                ),
                None => "use an IANA time zone name such as America/New_York, Europe/Berlin or UTC".into(),
            },
            InputError::EndBeforeStart { .. } => {
                "give an end after the start, or leave it out to use start + 1 hour".into()
            }
            InputError::MalformedEmail { .. } => {
                "write a single address such as grace@acme.example".into()
            }
            InputError::MalformedUrl { .. } => {
                "write a full address such as https://www.linkedin.com/in/grace-hopper".into()
            }
            InputError::MalformedPhone { .. } => {
                "use digits with optional +, spaces, dashes, dots or brackets, such as +1 555 010 2030".into()
            }
            InputError::BadTime { expected, .. } => match *expected {
                "a date" => "write a date such as 2026-03-13, tomorrow, friday or \"in 2 weeks\"".into(),
                "a duration" => "write a duration such as 45m, 1h, \"1h 30m\" or \"90 minutes\"".into(),
                "an RFC 3339 date-time" => {
                    "write a date-time with its offset such as 2026-03-02T14:00:00-05:00".into()
                }
                _ => "write a date and time such as 2026-03-02T14:00:00-05:00, \"2026-03-02 14:00\", \"tomorrow 10:00\" or \"monday 2pm\"".into(),
            },
            InputError::NotOneOf { allowed, .. } => {
                format!("choose one of: {}", allowed.join(", "))
            }
            InputError::UnknownId { kind, known, .. } => {
                if known.is_empty() {
                    // What the user does to make one, where it is not simply adding it.
                    match *kind {
                        "inbox entry" => "there is no inbox entry yet; `followup sync` reads new mail".into(),
                        "outbox entry" => "nothing was sent or queued yet; `followup send` queues an email".into(),
                        _ => format!("there is no {kind} yet; add one first"),
                    }
                } else {
                    let shown: Vec<&str> = known.iter().take(12).map(String::as_str).collect();
                    let more = if known.len() > 12 { ", …" } else { "" };
                    format!("known: {}{more}", shown.join(", "))
                }
            }
            InputError::InvalidJson { .. } => {
                "fix the file at that position; the format is described in docs/schema".into()
            }
            InputError::Invalid { hint, .. } => hint.clone(),
        }
    }
}
