//! How fast a note is checked, against bare harper-core on the same text in the same run:
//! a fresh 200-word thank-you (every sentence new, so no cache helps), the same note again
//! after a one-word edit, and a megabyte of text.

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use followup_check::{Context, check};
use followup_language::Harper;
use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

const SENTENCES: &[&str] = &[
    "Thank you for meeting with me on Monday about the Data Engineer role at Northwind, and for the {} minutes you gave me.",
    "I especially enjoyed our conversation about moving the billing system to Kafka, which came up {} times.",
    "Hearing about your outage story from {} years ago made the challenges of the team very real to me.",
    "You asked whether I have run Kafka in production, and I have thought about it since our {} questions.",
    "In my last role I ran Kafka clusters for a payments platform that handled {} thousand events a second.",
    "I am genuinely excited about the chance to join the team and to help with the {} projects you described.",
    "If it would help to see examples of my work or to speak with {} references, I would be glad to provide them.",
    "Thank you again for your time and for the care you put into the {} stages of the process.",
];

fn note(seed: usize) -> String {
    let body: Vec<String> = SENTENCES
        .iter()
        .enumerate()
        .map(|(i, s)| s.replace("{}", &(seed * 10 + i + 2).to_string()))
        .collect();
    format!(
        "Subject: Thank you for Monday's interview\n\nDear Grace,\n\n{} {} {}\n\n{} {} {}\n\n{} {}\n\nBest regards,\nAda Lovelace\n",
        body[0], body[1], body[2], body[3], body[4], body[5], body[6], body[7]
    )
}

fn context() -> Context {
    serde_json::from_value(serde_json::json!({
        "kind": "thank-you", "channel": "email", "culture": "neutral",
        "sender": {"name": "Ada Lovelace"}, "recipient": {"name": "Grace Hopper"},
        "company": "Northwind", "role": "Data Engineer", "details": ["moving the billing system to Kafka"]
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let words = followup_core::text::word_count(&note(0));
    eprintln!("the note has {words} words");
    let mut group = c.benchmark_group("check_200_words");
    group.sample_size(30);

    // Bare harper-core: its curated dictionary and default lint group, built once.
    let dictionary = FstDictionary::curated();
    let mut harper = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    let seed = AtomicUsize::new(1_000);
    group.bench_function("harper_bare_fresh", |b| {
        b.iter(|| {
            let text = note(seed.fetch_add(1, Ordering::Relaxed));
            let document = Document::new_plain_english(&text, &*dictionary);
            black_box(harper.lint(&document).len())
        })
    });

    let context = context();
    let engine = Harper::shared_and_ready();
    group.bench_function("followup_check_fresh", |b| {
        b.iter(|| {
            let text = note(seed.fetch_add(1, Ordering::Relaxed));
            black_box(check(&text, &context, engine).diagnostics.len())
        })
    });

    let base = note(7);
    let _ = check(&base, &context, engine);
    let edited = base.replace("genuinely excited", "truly excited");
    group.bench_function("followup_recheck_one_word_edit", |b| {
        b.iter(|| black_box(check(&edited, &context, engine).diagnostics.len()))
    });
    group.finish();

    let mut big = String::new();
    let mut i = 0;
    while big.len() < 1_000_000 {
        big.push_str(&note(i));
        big.push('\n');
        i += 1;
    }
    let mut group = c.benchmark_group("check_one_megabyte");
    group.sample_size(10);
    group.bench_function("followup_check", |b| {
        b.iter(|| black_box(check(&big, &context, engine).diagnostics.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
