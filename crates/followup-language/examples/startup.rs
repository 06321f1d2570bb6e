//! Where a one-note `followup check` spends its start-up, phase by phase (issue 16, point 4):
//! harper's curated dictionary, the lint group over it, the tagger's first sentence, and the
//! check itself. `cargo run --release -p followup-language --example startup -- NOTE`

use std::time::Instant;

use followup_check::{Context, check};
use followup_language::{Harper, lean_group};
use harper_core::spell::{Dictionary, FstDictionary};
use harper_core::{Dialect, Document};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: startup NOTE");
        std::process::exit(2);
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("startup: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let phase = |name: &str, since: Instant| {
        eprintln!(
            "{name:38} {:7.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
        Instant::now()
    };
    let start = Instant::now();
    let t = Instant::now();
    let dictionary = FstDictionary::curated();
    let t = phase("harper's curated dictionary", t);
    let group = lean_group(dictionary.clone());
    let t = phase("the lint group with the kept rules", t);
    let mut curated =
        harper_core::linting::LintGroup::new_curated(dictionary.clone(), Dialect::American);
    curated.set_all_rules_to(Some(false));
    let t = phase("(harper's full curated group, for scale)", t);
    drop(Document::new_plain_english(
        "Thank you for your time.",
        &*dictionary,
    ));
    let t = phase("the tagger's first sentence", t);
    drop(group);
    // What a dictionary prepared at build time would still pay: the words and their facts
    // handed over whole, and harper's automaton built over them.
    let words: Vec<(harper_core::CharString, harper_core::DictWordMetadata)> = dictionary
        .words_iter()
        .map(|w| {
            (
                w.iter().copied().collect(),
                dictionary
                    .get_word_metadata(w)
                    .map(|m| m.into_owned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let t = phase("(reading its words back out)", t);
    let count = words.len();
    drop(FstDictionary::new(words));
    let t = phase(&format!("(an automaton over {count} words)"), t);
    let report = check(&text, &Context::default(), Harper::shared());
    let _ = phase("followup's shared engine and the check", t);
    eprintln!(
        "{:38} {:7.1} ms ({} findings)",
        "in all",
        start.elapsed().as_secs_f64() * 1000.0,
        report.diagnostics.len()
    );
}
