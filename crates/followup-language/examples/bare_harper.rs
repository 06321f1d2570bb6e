//! harper-core alone, as the yardstick issue 16 measures the checker against: its curated
//! dictionary and curated rules in American English, with `followup check --json`'s command
//! line and output shape, so `jfleg-score` and hyperfine can run it beside `followup`.
//!
//! `cargo run --release -p followup-language --example bare_harper -- check --json FILE`

use harper_core::linting::{LintGroup, LintKind};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--") && a != "check")
        .unwrap_or_else(|| {
            eprintln!("usage: bare_harper check --json FILE");
            std::process::exit(2);
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("bare_harper: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let dictionary = FstDictionary::curated();
    let mut group = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    let document = Document::new_plain_english(&text, &*dictionary);
    let chars: Vec<char> = text.chars().collect();
    let diagnostics: Vec<String> = group
        .organized_lints(&document)
        .into_iter()
        .flat_map(|(name, lints)| lints.into_iter().map(move |lint| (name.clone(), lint)))
        .map(|(name, lint)| {
            let line = 1 + chars[..lint.span.start.min(chars.len())]
                .iter()
                .filter(|c| **c == '\n')
                .count();
            let rule = if lint.lint_kind == LintKind::Spelling {
                "spelling"
            } else {
                "grammar"
            };
            // harper's rule, kind and message too, to see which of its rules fired
            format!(
                "{{\"rule\": \"{rule}\", \"line\": {line}, \"harper\": {name:?}, \"kind\": {:?}, \"message\": {:?}}}",
                lint.lint_kind.to_string(),
                lint.message
            )
        })
        .collect();
    println!("{{\"diagnostics\": [{}]}}", diagnostics.join(", "));
}
