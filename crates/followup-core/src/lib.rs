//! The pure core of followup: domain types, the JSON interchange, and input validation; no I/O.
//!
//! Everything here takes what it needs as arguments (including "now") so that the planner,
//! composer and checker built on it stay deterministic and testable. The store, the CLI and
//! the web app translate between people, disks and these types.

pub mod action;
pub mod domain;
pub mod edit;
pub mod error;
pub mod hex;
pub mod interchange;
pub mod locale;
pub mod moment;
pub mod names;
pub mod text;
pub mod validate;
pub mod when;

pub use action::ActionRef;
pub use domain::*;
pub use error::{InputError, UnknownWord};
pub use interchange::ApplicationFile;
pub use locale::{Dialect, Locale};
pub use moment::{DecisionDate, Moment};
pub use names::{PersonName, read_name};
