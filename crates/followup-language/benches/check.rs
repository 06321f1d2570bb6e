//! How fast a note is checked, against bare harper-core on the same text in the same run:
//! a fresh 221-word thank-you (every clause new, so no cache helps), the same note re-checked
//! after a one-word edit, and a megabyte of fresh text.

#[path = "data/fresh.rs"]
mod fresh;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use followup_check::{Context, check};
use followup_language::Harper;
use fresh::{NOTE, fresh};
use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn context() -> Context {
    serde_json::from_value(serde_json::json!({
        "kind": "thank-you", "channel": "email", "culture": "neutral",
        "sender": {"name": "Ada Lovelace"}, "recipient": {"name": "Grace Hopper"},
        "company": "Northwind", "role": "Data Engineer", "details": ["moving the billing system to Kafka"]
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    eprintln!(
        "the note has {} words",
        followup_core::text::word_count(NOTE)
    );
    let mut seed = 1;
    let mut next = move || {
        seed += 1;
        fresh(NOTE, seed)
    };
    let mut group = c.benchmark_group("check_200_words");
    group.sample_size(30);

    // Bare harper-core: its curated dictionary and default lint group, built once.
    let dictionary = FstDictionary::curated();
    let mut harper = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    group.bench_function("harper_bare_fresh", |b| {
        b.iter_batched(
            &mut next,
            |text| {
                let document = Document::new_plain_english(&text, &*dictionary);
                black_box(harper.lint(&document).len())
            },
            BatchSize::SmallInput,
        )
    });

    let context = context();
    let engine = Harper::shared_and_ready();
    group.bench_function("followup_check_fresh", |b| {
        b.iter_batched(
            &mut next,
            |text| black_box(check(&text, &context, engine).diagnostics.len()),
            BatchSize::SmallInput,
        )
    });

    // The note as the user types: each check follows an edit of one word (a number in one
    // sentence), so one sentence is new and the rest were checked a moment before.
    let base = next();
    let _ = check(&base, &context, engine);
    let marker = base
        .split(". ")
        .find(|s| s.contains("projects you described"))
        .expect("the note has the sentence")
        .to_string();
    let mut edit = 0;
    group.bench_function("followup_recheck_one_word_edit", |b| {
        b.iter_batched(
            || {
                edit += 1;
                base.replace(&marker, &fresh(&marker, 1_000_000 + edit))
            },
            |text| black_box(check(&text, &context, engine).diagnostics.len()),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    // Tens of seconds a pass at most: ten passes, one each, are enough to see the figure.
    let mut megabyte = || {
        let mut text = String::new();
        while text.len() < 1_000_000 {
            text.push_str(&next());
            text.push('\n');
        }
        text
    };
    let mut group = c.benchmark_group("check_one_megabyte");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    group.bench_function("followup_check", |b| {
        b.iter_batched(
            &mut megabyte,
            |text| black_box(check(&text, &context, engine).diagnostics.len()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
