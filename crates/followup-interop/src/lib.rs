//! Reading what other tools export into followup's terms: job-tracker spreadsheets (CSV),
//! interview events from any calendar (iCalendar), and contacts (vCard). Pure: text in,
//! records and rejected entries out; the store and the CLI decide what to do with them.

pub mod ics;
pub mod tracker_csv;
pub mod vcard;

use serde::Serialize;

/// An entry that could not be read, with where it was and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The 1-based line of the input where the entry starts.
    pub line: u64,
    pub reason: String,
}

impl Rejected {
    pub fn new(line: u64, reason: impl Into<String>) -> Rejected {
        Rejected {
            line,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}
