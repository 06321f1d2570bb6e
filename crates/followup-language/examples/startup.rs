//! Where harper's start-up goes, step by step, in a fresh process: the curated dictionary
//! (its word list expanded, then a finite-state map built over it), the tagger and chunker,
//! the trie the `SplitWords` rule builds, the rules themselves, and the first note.
//! With `--lean`, the rules are our lean set, and the note is checked a sentence at a time.
//!
//! cargo run --release -p followup-language --example startup -- [NOTE.txt] [--lean]

use std::time::Instant;

use followup_language::{lean_group, sentences};
use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::{Dictionary, FstDictionary, MutableDictionary, TrieDictionary};
use harper_core::{Dialect, Document};

fn main() {
    let lean = std::env::args().any(|a| a == "--lean");
    let text = match std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        Some(path) => std::fs::read_to_string(&path).expect("a readable note"),
        None => include_str!("../benches/data/thank-you.txt").to_string(),
    };
    let step = |name: &str, t: Instant| eprintln!("{name:<42} {:>10.1?}", t.elapsed());
    let empty = FstDictionary::new(Vec::new());
    for distance in [2, 3, 4] {
        let t = Instant::now();
        empty.fuzzy_match_str("warm", distance, 1);
        step(&format!("edit distance {distance} automata"), t);
    }
    let t = Instant::now();
    MutableDictionary::curated();
    step("word list and annotations expanded", t);
    let t = Instant::now();
    let dictionary = FstDictionary::curated();
    step("finite-state map built", t);
    let t = Instant::now();
    drop(Document::new_plain_english("Hello there.", &*dictionary));
    step("tagger and chunker loaded", t);
    let t = Instant::now();
    dictionary.fuzzy_match_str("Northwindd", 3, 3);
    step("first misspelling matched", t);
    let t = Instant::now();
    TrieDictionary::curated();
    step("trie for SplitWords built", t);
    let t = Instant::now();
    let mut group = if lean {
        lean_group(dictionary.clone())
    } else {
        LintGroup::new_curated(dictionary.clone(), Dialect::American)
    };
    step("rules built", t);
    let t = Instant::now();
    let mut lints = 0;
    if lean {
        for range in sentences(&text) {
            let document = Document::new_plain_english(&text[range], &*dictionary);
            lints += group.lint(&document).len();
        }
    } else {
        let document = Document::new_plain_english(&text, &*dictionary);
        lints = group.lint(&document).len();
    }
    step(&format!("first note parsed and linted ({lints} lints)"), t);
}
