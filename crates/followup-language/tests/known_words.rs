//! Names and the company in the context are known words: "Okafor", "Priya" and "Northwind"
//! raise no spelling finding when the context names them, and do when it does not.

use followup_check::{Context, check};
use followup_language::Harper;

const NOTE: &str = "Subject: Thank you, Priya\n\nDear Priya,\n\nThank you for the conversation about the Northwind data team. Dr. Okafor's story about the migration stayed with me, and I remain very interested in the role.\n\nBest regards,\nAda Lovelace\n";

fn misspelled(context: &Context) -> Vec<String> {
    check(NOTE, context, Harper::shared())
        .diagnostics
        .iter()
        .filter(|d| d.rule == "spelling")
        .map(|d| NOTE[d.start..d.end].to_string())
        .collect()
}

#[test]
fn names_in_the_context_are_spelled_as_given() {
    let known: Context = serde_json::from_value(serde_json::json!({
        "kind": "thank-you", "sender": {"name": "Ada Lovelace"},
        "recipient": {"name": "Priya Raman"}, "company": "Northwind",
        "details": ["Dr. Okafor's migration story"]
    }))
    .unwrap();
    assert_eq!(misspelled(&known), Vec::<String>::new());
    let unknown = misspelled(&Context::default());
    for word in ["Priya", "Northwind", "Okafor's"] {
        assert!(
            unknown
                .iter()
                .any(|w| w.starts_with(word.trim_end_matches("'s"))),
            "{word} in {unknown:?}"
        );
    }
}

#[test]
fn harpers_advice_on_a_real_word_misused_keeps_its_own_words() {
    // "theses" is in the dictionary; harper's ThesesThese rule reports it as a spelling slip
    // with its own suggestion, which must not be replaced by a dictionary lookup.
    let text = "I enjoyed theses conversations about the team.";
    let found = followup_check::Language::lint(Harper::shared(), text, &[]);
    let slip = found
        .iter()
        .find(|f| &text[f.span.clone()] == "theses")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(slip.suggestions.iter().any(|s| s == "these"), "{slip:?}");
    assert!(!slip.message.contains("not in the dictionary"), "{slip:?}");
}

#[test]
fn spelling_follows_the_locale() {
    let text = "Subject: Thank you\n\nDear Priya,\n\nI liked the colour scheme of the new dashboard and the center of the office.\n\nBest regards,\nAda Lovelace\n";
    let spelling = |locale: Option<&str>| -> Vec<(String, followup_check::Severity, String)> {
        let context = Context {
            recipient: serde_json::from_value(serde_json::json!({"name": "Priya Raman"})).unwrap(),
            sender: serde_json::from_value(serde_json::json!({"name": "Ada Lovelace"})).unwrap(),
            locale: locale.map(|l| l.parse().unwrap()),
            ..Context::default()
        };
        check(text, &context, Harper::shared())
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == "spelling")
            .map(|d| (text[d.start..d.end].to_string(), d.severity, d.message))
            .collect()
    };
    let words = |found: &[(String, followup_check::Severity, String)]| -> Vec<String> {
        found.iter().map(|(w, ..)| w.clone()).collect()
    };
    // American English writes "color"; the word is English all the same, so a warning.
    let american = spelling(Some("en-US"));
    assert_eq!(words(&american), ["colour"]);
    assert_eq!(american[0].1, followup_check::Severity::Warning);
    assert!(american[0].2.contains("`color`"), "{american:?}");
    // British English writes "centre".
    let british = spelling(Some("en-GB"));
    assert_eq!(words(&british), ["center"], "{british:?}");
    assert!(british[0].2.contains("`centre`"), "{british:?}");
    // No locale: any English spelling is right, as before locales.
    assert_eq!(words(&spelling(None)), Vec::<String>::new());
}
