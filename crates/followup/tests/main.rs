//! Whole-binary tests: each runs the real `followup` on a temporary data directory.
//! One test binary for all of them keeps linking cheap.

mod support;

mod bad_input;
mod browser;
mod checking;
mod drafting;
mod help;
mod interop;
mod mailing;
mod planning;
mod servers;
mod serving;
mod shared;
mod tracker;
mod upgrade;
mod working;
