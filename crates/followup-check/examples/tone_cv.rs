//! Five-fold cross-validation of the tone model on its training corpus, at several
//! thresholds: how settings are chosen without looking at the held-out part.
//! `cargo run --release -p followup-check --example tone_cv [-- --misses]`

#[path = "../tests/support/tone_corpus.rs"]
mod tone_corpus;

use followup_check::tone::features::{features, reassures, tokens};
use followup_check::tone::training::{CLASSES, Settings, examples, train, verdict};
use tone_corpus::sentences_of;

fn main() {
    let show_misses = std::env::args().any(|a| a == "--misses");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tone/train");
    let mut all: Vec<(usize, String, Vec<String>)> = Vec::new();
    for (class, name) in CLASSES.iter().enumerate() {
        let text = sentences_of(&dir, name);
        for line in examples(&text) {
            let drop = std::env::var("DROP").unwrap_or_default();
            let names = features(line)
                .into_iter()
                .map(|f| f.name)
                .filter(|n| !drop.split(',').any(|d| !d.is_empty() && n.starts_with(d)))
                .collect();
            all.push((class, line.to_string(), names));
        }
    }
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f32>().ok());
    let mut settings = Settings::default();
    if let Some(v) = env("L2") {
        settings.l2 = v;
    }
    if let Some(v) = env("EPOCHS") {
        settings.epochs = v as usize;
    }
    if let Some(v) = env("CLEAN") {
        settings.clean_weight = v;
    }
    if let Some(v) = env("RATE") {
        settings.rate = v;
    }
    if let Some(v) = env("MIN") {
        settings.min_count = v as usize;
    }
    println!("{settings:?}");
    let thresholds = [0.5f32, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
    // What the phrase rules flag, which the model's findings add to.
    let context: followup_check::Context =
        serde_json::from_str(r#"{"culture": "neutral"}"#).unwrap();
    let ruled: Vec<Vec<usize>> = all
        .iter()
        .map(|(_, line, _)| {
            followup_check::tone::by_phrases(line, &context)
                .into_iter()
                .map(|rule| {
                    let class = rule.strip_prefix("tone-").unwrap_or(rule);
                    CLASSES.iter().position(|c| *c == class).unwrap()
                })
                .collect()
        })
        .collect();
    // predicted[t][i]: the class given to sentence i at threshold t.
    let mut predicted = vec![vec![0usize; all.len()]; thresholds.len()];
    let folds = 5;
    for fold in 0..folds {
        let fit: Vec<(usize, Vec<String>)> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, (c, _, f))| (*c, f.clone()))
            .collect();
        let model = train(&fit, settings);
        for (i, (_, _, f)) in all.iter().enumerate().filter(|(i, _)| i % folds == fold) {
            let p = model.probabilities(f.iter().map(String::as_str));
            // As the checker does: a sentence that reassures the reader is no demand.
            let reassuring = reassures(&tokens(&all[i].1));
            for (t, threshold) in thresholds.iter().enumerate() {
                predicted[t][i] = match verdict(&p, *threshold) {
                    Some(2) if reassuring => 0,
                    Some(class) => class,
                    None => 0,
                };
            }
        }
    }
    println!("model alone, then with the phrase rules:");
    println!("threshold  clean-FA  {}", CLASSES[1..].join("  "));
    for (t, threshold) in thresholds.iter().enumerate() {
        let mut line = format!("{threshold:9.2}");
        for class in 0..CLASSES.len() {
            let of: Vec<usize> = (0..all.len()).filter(|i| all[*i].0 == class).collect();
            let rate = if class == 0 {
                of.iter().filter(|i| predicted[t][**i] != 0).count() as f64 / of.len() as f64
            } else {
                of.iter().filter(|i| predicted[t][**i] == class).count() as f64 / of.len() as f64
            };
            line.push_str(&format!("  {rate:8.3}"));
        }
        println!("{line}");
        let mut line = format!("{:>9}", "+rules");
        for class in 0..CLASSES.len() {
            let of: Vec<usize> = (0..all.len()).filter(|i| all[*i].0 == class).collect();
            let hit = |i: usize| {
                if class == 0 {
                    predicted[t][i] != 0 || !ruled[i].is_empty()
                } else {
                    predicted[t][i] == class || ruled[i].contains(&class)
                }
            };
            let rate = of.iter().filter(|i| hit(**i)).count() as f64 / of.len() as f64;
            line.push_str(&format!("  {rate:8.3}"));
        }
        println!("{line}");
    }
    if std::env::args().any(|a| a == "--rules") {
        for (i, (class, line, _)) in all.iter().enumerate() {
            if *class == 0 && !ruled[i].is_empty() {
                println!("rules flag clean: {line}");
            }
        }
    }
    if show_misses {
        for (i, (class, line, _)) in all.iter().enumerate() {
            let got = predicted[std::env::var("AT")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)][i];
            if got != *class {
                println!("{} -> {}: {line}", CLASSES[*class], CLASSES[got]);
            }
        }
    }
}
