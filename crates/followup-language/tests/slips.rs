//! A probe of the slips careful people still make in follow-up notes (tests/data/slips.json,
//! written apart from the rules): each class of mistake with the share the checker catches,
//! and the close-but-correct sentences beside them, which must stay clean. The table is
//! printed; the test fails below the floor the checker has reached.

use std::collections::BTreeMap;

use followup_check::{Context, check};
use followup_language::Harper;

struct Slip {
    class: String,
    slip: String,
    words: String,
}

fn probe(text: &str) -> Vec<Slip> {
    let data: Vec<serde_json::Value> = serde_json::from_str(text).expect("the probe is valid JSON");
    data.iter()
        .map(|e| Slip {
            class: e["class"].as_str().unwrap().to_string(),
            slip: e["slip"].as_str().unwrap().to_string(),
            words: e["words"].as_str().unwrap_or("").to_string(),
        })
        .collect()
}

/// The spelling and grammar findings of one sentence, as byte spans.
fn findings(sentence: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let context = Context {
        details: vec!["Priya Okafor Northwind".into()],
        ..Context::default()
    };
    check(sentence, &context, Harper::shared())
        .diagnostics
        .into_iter()
        .filter(|d| matches!(d.rule, "grammar" | "spelling"))
        .map(|d| (d.start..d.end, format!("{} {}", d.rule, d.message)))
        .collect()
}

/// The share of slips caught and the clean sentences flagged, with the table printed.
fn measure(probe: &[Slip]) -> (usize, usize, Vec<String>) {
    let mut table: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut false_alarms = Vec::new();
    for s in probe {
        let found = findings(&s.slip);
        let row = table.entry(s.class.as_str()).or_default();
        row.1 += 1;
        if s.class == "clean" {
            if found.is_empty() {
                row.0 += 1;
            } else {
                false_alarms.push(format!("{:?}: {:?}", s.slip, found));
            }
            continue;
        }
        let at = s.slip.find(&s.words).unwrap_or(0);
        let wrong = at..at + s.words.len();
        // Caught when a finding touches the wrong words, or the sentence for a splice.
        let caught = found.iter().any(|(span, _)| {
            s.class == "comma-splice" || (span.start < wrong.end && wrong.start < span.end)
        });
        if caught {
            row.0 += 1;
        } else {
            missed.push(format!("{:14} {:?} ({:?})", s.class, s.slip, s.words));
        }
    }
    let (mut caught, mut slips) = (0, 0);
    println!("{:14} caught", "class");
    for (class, (hit, all)) in &table {
        println!("{class:14} {hit:>3} of {all:<3}");
        if *class != "clean" {
            caught += hit;
            slips += all;
        }
    }
    println!(
        "slips caught: {caught} of {slips}\nmissed:\n{}",
        missed.join("\n")
    );
    println!("clean sentences flagged:\n{}", false_alarms.join("\n"));
    (caught, slips, false_alarms)
}

#[test]
fn the_probe_of_follow_up_slips() {
    let (caught, slips, false_alarms) = measure(&probe(include_str!("data/slips.json")));
    assert!(
        false_alarms.is_empty(),
        "{} clean sentences flagged",
        false_alarms.len()
    );
    assert!(
        caught * 100 >= slips * FLOOR,
        "{caught} of {slips} slips caught"
    );
}

/// A second probe, written after the rules by someone who had seen neither them nor the first
/// probe, and never tuned on: its figures are the honest ones.
#[test]
fn the_held_out_probe() {
    let (caught, slips, false_alarms) = measure(&probe(include_str!("data/slips-heldout.json")));
    assert!(
        false_alarms.len() <= HELD_OUT_FALSE_ALARMS,
        "{} clean sentences flagged",
        false_alarms.len()
    );
    assert!(
        caught * 100 >= slips * HELD_OUT_FLOOR,
        "{caught} of {slips} slips caught"
    );
}

/// Where the held-out probe stood when it was first measured: the floor, and the clean
/// sentences flagged then (a regression test, not a target).
const HELD_OUT_FLOOR: usize = 85;
const HELD_OUT_FALSE_ALARMS: usize = 1;

/// The share of slips caught, in percent, below which this test fails: where the checker
/// stands, raised as it learns (issue 16 aims at 95).
const FLOOR: usize = 95;
