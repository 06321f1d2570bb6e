//! Arbitrary text and context through the whole checker, harper included: no panic, and every
//! finding points inside the text. A bounded stand-in in CI for the cargo-fuzz target in
//! `fuzz/`, which runs the same check for as long as it is given.

use followup_check::{Context, Severity, check};
use followup_language::Harper;
use proptest::prelude::*;

/// Text that looks like a note often enough to reach most rules, and like noise otherwise.
fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Thank".to_string()),
        Just("you".to_string()),
        Just("Dear".to_string()),
        Just("Okafor,".to_string()),
        Just("Northwind".to_string()),
        Just("[Company Name]".to_string()),
        Just("its".to_string()),
        Just("i".to_string()),
        Just("URGENT!!!".to_string()),
        Just("Dr.".to_string()),
        Just("e.g.".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("”.".to_string()),
        Just("Subject:".to_string()),
        // Words the grammar rules cut into stems and pairs.
        Just("caféing".to_string()),
        Just("naïved".to_string()),
        Just("and I was".to_string()),
        Just("to discussing".to_string()),
        Just("can sent".to_string()),
        Just("a follow up".to_string()),
        Just("very exciting".to_string()),
        Just("there is several".to_string()),
        "[a-zA-Zéü']{1,8}(ing|ed|ies|es|s)",
        "[a-zA-Z']{1,12}",
        "[.,!?;:()\"“”’\\- ]{1,3}",
        "\\PC{1,8}",
    ];
    prop::collection::vec(word, 0..60).prop_map(|words| words.join(" "))
}

fn context() -> impl Strategy<Value = Context> {
    (
        prop::sample::select(vec![
            "thank-you",
            "handwritten-note",
            "check-in",
            "phone-call",
            "linkedin-connect",
            "rejection-reply",
        ]),
        prop::sample::select(vec!["email", "linkedin", "post", "phone"]),
        prop::sample::select(vec!["formal", "neutral", "casual"]),
        prop::option::of("[A-Z][a-z]{0,8}( [A-Z][a-zé-]{0,10})?"),
        prop::option::of("\\PC{0,20}"),
        prop::collection::vec("\\PC{0,30}", 0..3),
        prop::collection::vec("\\PC{0,80}", 0..3),
        prop::option::of(0u32..400),
    )
        .prop_map(
            |(kind, channel, culture, name, company, details, siblings, limit)| {
                serde_json::from_value(serde_json::json!({
                    "kind": kind, "channel": channel, "culture": culture,
                    "sender": {"name": "Ada Lovelace"},
                    "recipient": {"name": name, "title": "Dr."},
                    "company": company, "role": "Data Engineer",
                    "details": details, "siblings": siblings,
                    "sent_at": "2026-03-02T19:00:00-05:00",
                    "interview_end": "2026-03-02T15:00:00-05:00",
                    "linkedin_note_limit": limit,
                }))
                .expect("the context is well formed")
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_text_and_context_is_checked_without_panic(text in text(), context in context()) {
        let report = check(&text, &context, Harper::shared());
        for d in &report.diagnostics {
            prop_assert!(d.start <= d.end && d.end <= text.len(), "{d:?}");
            prop_assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end), "{d:?}");
            prop_assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        }
        let count = |s: Severity| report.diagnostics.iter().filter(|d| d.severity == s).count();
        prop_assert_eq!(report.summary.errors, count(Severity::Error));
        prop_assert_eq!(report.summary.warnings, count(Severity::Warning));
        prop_assert_eq!(report.summary.infos, count(Severity::Info));
    }
}
