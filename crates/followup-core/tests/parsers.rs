//! Every parser of user input, fed arbitrary text: errors are fine, panics are not.

use followup_core::{ActionRef, ApplicationFile, BusinessHours, DecisionDate, Moment, validate};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("data/spec-example.json");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn small_parsers_never_panic(text in "\\PC{0,60}") {
        let _ = ActionRef::parse("action", &text);
        let _ = BusinessHours::parse(&text);
        let _ = DecisionDate::parse(&text);
        let _ = Moment::parse_rfc3339(&text);
        let _ = validate::email("email", &text);
        let _ = validate::url("url", &text);
        let _ = validate::normalize_url("url", &text);
        let _ = validate::phone("phone", &text);
        let _ = validate::time_zone("tz", &text);
        let _ = validate::id("id", &text);
        let _ = validate::text("text", &text, true);
    }

    #[test]
    fn near_miss_instants_never_panic(text in "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}[T ][0-9:]{0,9}(Z|[+-][0-9:]{0,6})?") {
        let _ = Moment::parse_rfc3339(&text);
        let _ = DecisionDate::parse(&text);
    }

    #[test]
    fn application_files_never_panic(text in "\\PC{0,200}") {
        let _ = ApplicationFile::from_json("fuzz", &text);
    }

    /// A real file with one stretch of it replaced by noise: deep, plausible damage.
    #[test]
    fn damaged_application_files_never_panic(at in 0usize..EXAMPLE.len(), len in 0usize..40, noise in "\\PC{0,20}") {
        let mut text = EXAMPLE.to_string();
        let start = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = ((start + len).min(text.len())..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        text.replace_range(start..end, &noise);
        let _ = ApplicationFile::from_json("fuzz", &text);
    }
}
