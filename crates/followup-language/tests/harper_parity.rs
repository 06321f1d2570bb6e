//! Nothing bare harper catches is lost inside followup: every slip of both probes that harper's
//! curated rules flag on their own (same dialect), the checker flags too. A rule left out of
//! `KEPT_RULES` must not be the reason a real mistake goes through (issue 16).

use followup_check::{Context, check};
use followup_language::Harper;
use harper_core::linting::{LintGroup, LintKind};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn slips() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for text in [
        include_str!("data/slips.json"),
        include_str!("data/slips-heldout.json"),
    ] {
        let data: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        for e in data {
            if e["class"] != "clean" {
                out.push((
                    e["slip"].as_str().unwrap().to_string(),
                    e["words"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_slip_harper_catches_alone_is_caught_by_the_checker() {
    let dictionary = FstDictionary::curated();
    let mut bare = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    let mut lost = Vec::new();
    let mut harper_catches = 0;
    for (slip, words) in slips() {
        let at = slip.find(&words).unwrap_or(0);
        // harper's spans are in characters; the probes are ASCII apart from a few quotes.
        let chars: Vec<char> = slip.chars().collect();
        let wrong_start = slip[..at].chars().count();
        let wrong = wrong_start..wrong_start + words.chars().count();
        let document = Document::new_plain_english(&slip, &*dictionary);
        let caught_alone = bare
            .organized_lints(&document)
            .into_values()
            .flatten()
            .filter(|l| {
                !matches!(
                    l.lint_kind,
                    LintKind::Spelling
                        | LintKind::Capitalization
                        | LintKind::Style
                        | LintKind::Enhancement
                        | LintKind::Readability
                )
            })
            .any(|l| l.span.start < wrong.end && wrong.start < l.span.end);
        if !caught_alone {
            continue;
        }
        harper_catches += 1;
        let ours = check(&slip, &Context::default(), Harper::shared())
            .diagnostics
            .into_iter()
            .filter(|d| matches!(d.rule, "grammar" | "spelling"))
            .any(|d| d.start < at + words.len() && at < d.end);
        if !ours {
            lost.push(format!("{slip:?} ({words:?}, {} characters)", chars.len()));
        }
    }
    println!(
        "bare harper catches {harper_catches} slips; followup loses {}",
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "caught by harper alone, lost in followup:\n{}",
        lost.join("\n")
    );
}
