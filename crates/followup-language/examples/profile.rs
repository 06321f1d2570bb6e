//! Where the time of checking one note goes, in-process and warm: harper's parsing, its
//! curated rules and our lean set, the whole check fresh and after a one-word edit, and our
//! own rules. With `--rules`, each harper rule alone, slowest last (tab-separated).
//!
//! cargo run --release -p followup-language --example profile -- [NOTE.txt] [--rules]
//!
//! Without a note, the benchmarks' 221-word thank-you is used.

#[path = "../benches/data/fresh.rs"]
mod fresh;

use std::time::{Duration, Instant};

use followup_check::{Context, Language, LanguageFinding, check};
use followup_language::{Harper, lean_group};
use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

/// A language engine that finds nothing, to time our own rules alone.
struct Silent;

impl Language for Silent {
    fn lint(&self, _: &str, _: &[String]) -> Vec<LanguageFinding> {
        Vec::new()
    }
}

const RUNS: u32 = 30;

/// The mean time of `f` over [`RUNS`] runs, each given its run number.
fn time(mut f: impl FnMut(u32)) -> Duration {
    let start = Instant::now();
    for i in 0..RUNS {
        f(i)
    }
    start.elapsed() / RUNS
}

fn main() {
    let text = match std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        Some(path) => std::fs::read_to_string(&path).expect("a readable note"),
        None => fresh::NOTE.to_string(),
    };
    let dictionary = FstDictionary::curated();
    let mut curated = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    let mut lean = lean_group(dictionary.clone());
    let engine = Harper::shared_and_ready();
    let context = Context::default();
    let mut seed = 0u64;
    let mut next = || {
        seed += 1;
        fresh::fresh(&text, seed)
    };
    let parse = time(|_| {
        std::hint::black_box(Document::new_plain_english(&next(), &*dictionary));
    });
    let bare = time(|_| {
        let document = Document::new_plain_english(&next(), &*dictionary);
        std::hint::black_box(curated.lint(&document));
    });
    let kept = time(|_| {
        let document = Document::new_plain_english(&next(), &*dictionary);
        std::hint::black_box(lean.lint(&document));
    });
    let whole = time(|_| {
        std::hint::black_box(check(&next(), &context, engine));
    });
    // Each run edits one number in one sentence, as a user typing would.
    let base = next();
    check(&base, &context, engine);
    let sentence = base
        .split(". ")
        .find(|s| s.contains("projects you described"))
        .unwrap_or(&base)
        .to_string();
    let again = time(|i| {
        let edited = base.replace(
            &sentence,
            &fresh::fresh(&sentence, 1_000_000 + u64::from(i)),
        );
        std::hint::black_box(check(&edited, &context, engine));
    });
    let ours = time(|_| {
        std::hint::black_box(check(&text, &context, &Silent));
    });
    println!("parse only                       {parse:>10.2?}");
    println!("parse + harper's curated rules   {bare:>10.2?}");
    println!(
        "parse + our {} rules            {kept:>10.2?}",
        followup_language::KEPT_RULES.len()
    );
    println!("followup check, fresh            {whole:>10.2?}");
    println!("followup check, one word edited  {again:>10.2?}");
    println!("our own rules alone              {ours:>10.2?}");

    if std::env::args().any(|a| a == "--rules") {
        let names: Vec<String> = curated.iter_keys().map(str::to_string).collect();
        let mut single = LintGroup::new_curated(dictionary.clone(), Dialect::American);
        let mut costs = Vec::new();
        for name in names {
            single.set_all_rules_to(Some(false));
            single.config.set_rule_enabled(&name, true);
            let mut linting = Duration::ZERO;
            time(|_| {
                let document = Document::new_plain_english(&next(), &*dictionary);
                let start = Instant::now();
                std::hint::black_box(single.lint(&document));
                linting += start.elapsed();
            });
            costs.push((linting / RUNS, name));
        }
        costs.sort();
        for (cost, name) in costs {
            println!("{}\t{name}", cost.as_micros());
        }
    }
}
