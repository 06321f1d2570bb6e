//! The tone model's reading of each line of standard input: its class, how sure it is, and
//! the words that carried it. `echo "…" | cargo run -p followup-check --example tone_judge`

use std::io::BufRead;

use followup_check::tone::model::{judge, probabilities};
use followup_check::tone::training::CLASSES;
use followup_check::{Context, Language, LanguageFinding, check};

/// Tone only: no spelling or grammar engine.
struct NoLanguage;

impl Language for NoLanguage {
    fn lint(&self, _text: &str, _known: &[String]) -> Vec<LanguageFinding> {
        Vec::new()
    }
}

fn main() {
    let context = Context {
        culture: Some(followup_core::Culture::Neutral),
        ..Context::default()
    };
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("standard input is text");
        let p = probabilities(&line);
        let shares: Vec<String> = CLASSES
            .iter()
            .zip(p)
            .map(|(c, p)| format!("{c} {p:.2}"))
            .collect();
        match judge(&line) {
            Some(j) => {
                let words: Vec<&str> = j.carriers.iter().map(|r| &line[r.clone()]).collect();
                println!("{}  {words:?}  [{}]  {line}", j.class, shares.join(", "));
            }
            None => println!("clean  [{}]  {line}", shares.join(", ")),
        }
        for d in check(&line, &context, &NoLanguage).diagnostics {
            println!("    {}: {} -> {:?}", d.rule, d.message, d.suggestions);
        }
    }
}
