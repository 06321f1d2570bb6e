//! How fast the checker's own rules read a note, with no language engine: a 200-word
//! thank-you and a 200-word check-in, the per-note cost the tone model must not raise.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use followup_check::{Context, Language, LanguageFinding, check};

/// The rules alone: spelling and grammar belong to followup-language's benchmark.
struct NoLanguage;

impl Language for NoLanguage {
    fn lint(&self, _text: &str, _known: &[String]) -> Vec<LanguageFinding> {
        Vec::new()
    }
}

const THANK_YOU: &str = "Subject: Thank you for Tuesday's conversation

Dear Ms Okafor,

Thank you for taking the time to talk with me on Tuesday about the Data Engineer role at \
Northwind. I enjoyed hearing how your team moved the billing system to Kafka last spring, and \
especially the story of the night the old batch jobs ran twice. It made the work feel real to \
me, and it is exactly the kind of problem I like to untangle.

Our conversation about testing pipelines against production-shaped data stayed with me on the \
way home. At my current company I built a small replay tool that caught two schema changes \
before they reached our reports, and I would be glad to bring that habit to your team.

I am very interested in the role and in helping the team finish the migration this year. If \
anything else would help you decide, I would be happy to send it along.

Thank you again for a thoughtful afternoon.

Best regards,
Ada Lovelace";

const CHECK_IN: &str = "Subject: Checking in on the Data Engineer role

Dear Ms Okafor,

I hope your week is going well. I am writing to check in on the Data Engineer role we \
discussed on the 4th; you mentioned the team hoped to decide by the end of last week, and I \
wanted to ask whether there is any news on the timeline.

I am still very interested in joining Northwind. Since we spoke I have finished the streaming \
course I mentioned, and I keep thinking about the billing migration and how a replay harness \
could make each cut-over safer. I would be glad to talk it through with the team.

If the decision has moved, I understand completely; could you let me know when you expect to \
have an update, or whether there is anything more I can send in the meantime?

Thank you again for your time and for the care your team took through the process.

Kind regards,
Ada Lovelace";

fn context(kind: &str) -> Context {
    serde_json::from_value(serde_json::json!({
        "kind": kind, "channel": "email", "culture": "neutral",
        "sender": {"name": "Ada Lovelace"}, "recipient": {"name": "Grace Okafor", "title": "Ms"},
        "company": "Northwind", "role": "Data Engineer",
        "details": ["moving the billing system to Kafka"]
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("rules_200_words");
    for (name, note, kind) in [
        ("thank_you", THANK_YOU, "thank-you"),
        ("check_in", CHECK_IN, "check-in"),
    ] {
        let context = context(kind);
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    check(black_box(note), &context, &NoLanguage)
                        .diagnostics
                        .len(),
                )
            })
        });
    }
    // The model's share: each sentence of the thank-you judged afresh (a number makes each
    // pass's sentences new, since judgements are remembered), as the tone rule does.
    let note = followup_check::Note::parse(THANK_YOU);
    let sentences: Vec<&str> = note.sentences.iter().map(|s| s.text).collect();
    let mut pass = 0u64;
    group.bench_function("tone_model_thank_you", |b| {
        b.iter_batched(
            || {
                pass += 1;
                sentences
                    .iter()
                    .map(|s| format!("{s} {pass}"))
                    .collect::<Vec<_>>()
            },
            |fresh| {
                fresh
                    .iter()
                    .filter(|s| followup_check::tone::model::judge(s).is_some())
                    .count()
            },
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
