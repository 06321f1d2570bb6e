//! Job-tracker spreadsheets (CSV) as applications.
