//! The checker, with harper's dictionary, over the project's own corpus of clean notes
//! (tests/corpus/clean in followup-check): no clean note may raise an error, and the findings
//! of lower severity are printed as a table for reading.

use std::collections::BTreeMap;
use std::path::Path;

use followup_check::{Context, Severity, check};
use followup_language::Harper;

/// The notes of one corpus folder with their contexts, by file name.
fn load_notes(dir: &Path) -> Vec<(String, String, Context)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let context_text = std::fs::read_to_string(path.with_extension("json")).unwrap();
            let context: Context = serde_json::from_str(&context_text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            notes.push((
                path.file_name().unwrap().to_string_lossy().to_string(),
                text,
                context,
            ));
        }
    }
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    notes
}

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../followup-check/tests/corpus")
}

fn corpus() -> Vec<(String, String, Context)> {
    load_notes(&corpus_dir().join("clean"))
}

#[test]
fn no_clean_note_raises_an_error() {
    let notes = corpus();
    assert!(
        notes.len() >= 40,
        "the corpus has {} clean notes",
        notes.len()
    );
    let mut by_rule: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, text, context) in &notes {
        let report = check(text, context, Harper::shared());
        for d in &report.diagnostics {
            *by_rule.entry((d.rule, d.severity)).or_default() += 1;
            if std::env::var_os("FOLLOWUP_CORPUS_VERBOSE").is_some() {
                println!(
                    "{name}: {} {:?}: {}",
                    d.rule,
                    &text[d.start..d.end],
                    d.message
                );
            }
            if d.severity == Severity::Error {
                errors.push(format!(
                    "{name}: {} {:?}: {}",
                    d.rule,
                    &text[d.start..d.end],
                    d.message
                ));
            }
        }
    }
    println!("{} clean notes; findings by rule:", notes.len());
    for ((rule, severity), n) in &by_rule {
        println!("  {rule:<16} {severity:?}: {n}");
    }
    assert!(
        errors.is_empty(),
        "errors on clean notes:\n{}",
        errors.join("\n")
    );
}

/// Every rule of SPEC §4, in the order of its table.
const RULES: &[&str] = &[
    "placeholder",
    "spelling",
    "grammar",
    "recipient-name",
    "group-address",
    "wrong-company",
    "missing-company",
    "gratitude",
    "specific-detail",
    "interest",
    "next-steps",
    "sign-off",
    "subject",
    "length",
    "tone-desperate",
    "tone-demanding",
    "tone-familiar",
    "tone-defensive",
    "shouting",
    "duplicate-note",
    "timing",
    "long-sentence",
];

/// The defective notes of one rule (at least ten): each should raise that rule.
fn defective(rule: &str) -> Vec<(String, String, Context)> {
    load_notes(&corpus_dir().join("defective").join(rule))
}

#[test]
fn each_rule_finds_its_defects() {
    println!(
        "{:<16} {:>5} {:>6} {:>7}",
        "rule", "notes", "found", "recall"
    );
    let mut failures = Vec::new();
    let mut missing = Vec::new();
    for rule in RULES {
        let notes = defective(rule);
        if notes.len() < 10 {
            missing.push(*rule);
            continue;
        }
        let mut found = 0;
        for (name, text, context) in &notes {
            let report = check(text, context, Harper::shared());
            if report.diagnostics.iter().any(|d| d.rule == *rule) {
                found += 1;
            } else {
                failures.push(format!("{rule}/{name}"));
            }
        }
        let recall = found as f64 / notes.len() as f64;
        println!("{rule:<16} {:>5} {found:>6} {recall:>7.2}", notes.len());
        if recall < 0.95 {
            failures.push(format!("{rule}: recall {recall:.2} is under 0.95"));
        }
    }
    assert!(
        missing.is_empty(),
        "rules without defective notes: {}",
        missing.join(", ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Many notes checked as one text find what each finds alone, at the same places: sentences
/// are shared out between threads and cached, and none of that may move or lose a finding.
#[test]
fn a_long_text_finds_what_its_notes_find_alone() {
    let notes: Vec<(String, String, Context)> = ["spelling", "grammar"]
        .iter()
        .flat_map(|rule| defective(rule))
        .collect();
    let language = Harper::shared_and_ready();
    let known = Vec::new();
    let mut joined = String::new();
    let mut offsets = Vec::new();
    for (_, text, _) in &notes {
        offsets.push(joined.len());
        joined.push_str(text);
        joined.push_str("\n\n");
    }
    // The long text first, while every sentence is new to the engine.
    let found: Vec<(usize, usize, String)> =
        followup_check::Language::lint(language, &joined, &known)
            .into_iter()
            .map(|f| (f.span.start, f.span.end, f.message))
            .collect();
    let mut expected = Vec::new();
    for ((_, text, _), offset) in notes.iter().zip(offsets) {
        for f in followup_check::Language::lint(language, text, &known) {
            expected.push((f.span.start + offset, f.span.end + offset, f.message));
        }
    }
    assert!(expected.len() >= 20, "{expected:?}");
    assert_eq!(found, expected);
}
