//! Tone judged by meaning (issue 17), measured on sentences written for the purpose:
//! `tone/heldout/` by a writer who saw neither the rules nor the training sentences, never
//! tuned on, and `tone/train/`, which the model is fitted to, as a check that it learned them.
//! Each line is checked as a note of its own to an interviewer at a neutral company.

use std::path::Path;

#[path = "support/tone_corpus.rs"]
mod tone_corpus;
use tone_corpus::sentences_of;

use followup_check::tone::training::CLASSES;
use followup_check::{Context, Language, LanguageFinding, check};

struct NoLanguage;

impl Language for NoLanguage {
    fn lint(&self, _text: &str, _known: &[String]) -> Vec<LanguageFinding> {
        Vec::new()
    }
}

fn rule_of(class: &str) -> &'static str {
    match class {
        "desperate" => "tone-desperate",
        "demanding" => "tone-demanding",
        "familiar" => "tone-familiar",
        "defensive" => "tone-defensive",
        "shouting" => "shouting",
        _ => unreachable!("{class}"),
    }
}

const TONE_RULES: &[&str] = &[
    "tone-desperate",
    "tone-demanding",
    "tone-familiar",
    "tone-defensive",
    "shouting",
];

struct Row {
    class: &'static str,
    lines: usize,
    caught: usize,
    misses: Vec<String>,
}

fn measure(part: &str) -> Vec<Row> {
    let context: Context = serde_json::from_str(r#"{"culture": "neutral"}"#).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tone")
        .join(part);
    CLASSES
        .iter()
        .map(|class| {
            let text = sentences_of(&dir, class);
            let mut row = Row {
                class,
                lines: 0,
                caught: 0,
                misses: Vec::new(),
            };
            for line in followup_check::tone::training::examples(&text) {
                row.lines += 1;
                let report = check(line, &context, &NoLanguage);
                let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
                let hit = if *class == "clean" {
                    rules.iter().any(|r| TONE_RULES.contains(r))
                } else {
                    rules.contains(&rule_of(class))
                };
                if hit {
                    row.caught += 1;
                }
                if hit == (*class == "clean") {
                    row.misses.push(format!("{line}    {rules:?}"));
                }
            }
            row
        })
        .collect()
}

fn table(part: &str, rows: &[Row]) {
    println!("tone, {part}: class, lines, found, recall (clean: flagged, false-alarm rate)");
    for r in rows {
        println!(
            "  {:10} {:4} {:4}  {:.3}",
            r.class,
            r.lines,
            r.caught,
            r.caught as f64 / r.lines as f64
        );
    }
    if std::env::var_os("TONE_MISSES").is_some() {
        for r in rows {
            for m in &r.misses {
                println!("  miss {}: {m}", r.class);
            }
        }
    }
}

/// Issue 17's acceptance: recall of at least 0.9 for every tone class, and at most one clean
/// sentence in 60 with a tone finding.
fn holds(rows: &[Row]) -> Vec<String> {
    let mut failures = Vec::new();
    for r in rows {
        let rate = r.caught as f64 / r.lines as f64;
        if r.class == "clean" {
            if rate > 1.0 / 60.0 {
                failures.push(format!("clean: {} of {} flagged", r.caught, r.lines));
            }
        } else if rate < 0.9 {
            failures.push(format!("{}: recall {rate:.3}", r.class));
        }
    }
    failures
}

#[test]
fn held_out_sentences() {
    let rows = measure("heldout");
    table("held out", &rows);
    let failures = holds(&rows);
    assert!(failures.is_empty(), "below issue 17's floor: {failures:?}");
}

#[test]
fn training_sentences() {
    let rows = measure("train");
    table("training", &rows);
    let failures = holds(&rows);
    assert!(
        failures.is_empty(),
        "the model has not learned its own corpus: {failures:?}"
    );
}

/// The whole clean notes of the checker's corpus, in their own cultures and kinds: a tone
/// finding in at most one note in 60, the rate issue 17 allows on clean sentences.
#[test]
fn clean_notes_of_the_corpus_keep_their_tone() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/clean");
    let mut notes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    notes.sort();
    let mut flagged = Vec::new();
    let mut notes_flagged = 0;
    for path in &notes {
        let before = flagged.len();
        let text = std::fs::read_to_string(path).unwrap();
        let context: Context =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        for d in check(&text, &context, &NoLanguage).diagnostics {
            if TONE_RULES.contains(&d.rule) {
                flagged.push(format!(
                    "{}: {} {:?}: {}",
                    path.file_name().unwrap().to_string_lossy(),
                    d.rule,
                    &text[d.start..d.end],
                    d.message
                ));
            }
        }
        if flagged.len() > before {
            notes_flagged += 1;
        }
    }
    println!(
        "{notes_flagged} of {} clean notes with a tone finding",
        notes.len()
    );
    for f in &flagged {
        println!("  {f}");
    }
    assert!(notes.len() >= 50, "{} notes", notes.len());
    assert!(
        notes_flagged <= notes.len().div_ceil(60),
        "{notes_flagged} of {} clean notes flagged:\n{}",
        notes.len(),
        flagged.join("\n")
    );
}
