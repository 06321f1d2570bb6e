//! Spelling on real misspellings from a public list (codespell's dictionary, which scripts/test
//! installs; none of it is in the product): every misspelling is found, and the word meant
//! comes first among the suggestions. The figures are printed; the test fails below where the
//! checker stands (issue 16 asks for 99% found and 90% first).

use std::process::Command;

use followup_check::{Context, check};
use followup_language::Harper;
use harper_core::spell::{Dictionary, FstDictionary};

/// codespell's "misspelling->correction" list, from the test environment's Python.
fn codespell_list() -> String {
    let python = std::env::var("FOLLOWUP_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .args([
            "-c",
            "import codespell_lib, os; print(os.path.join(os.path.dirname(codespell_lib.__file__), 'data', 'dictionary.txt'))",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{python} runs ({e}); scripts/test prepares it"));
    assert!(
        out.status.success(),
        "codespell is installed by scripts/test: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8(out.stdout).unwrap();
    std::fs::read_to_string(path.trim()).expect("codespell's dictionary is readable")
}

#[test]
fn real_misspellings_are_found_and_the_word_meant_comes_first() {
    let dictionary = FstDictionary::curated();
    let known = |w: &str| dictionary.contains_exact_word_str(w);
    // Plain English words misspelt as non-words, one correction each.
    let pairs: Vec<(String, String)> = codespell_list()
        .lines()
        .filter_map(|l| l.split_once("->"))
        .filter(|(typo, fix)| {
            !fix.contains(',')
                && typo.len() >= 4
                && typo.chars().all(|c| c.is_ascii_lowercase())
                && fix.chars().all(|c| c.is_ascii_lowercase())
                && !known(typo)
                && known(fix)
                // The checker works in the user's English, here American: a British
                // correction ("apologise") is not a word it could suggest.
                && dictionary
                    .get_word_metadata_str(fix)
                    .is_some_and(|m| m.dialects.is_dialect_enabled(harper_core::Dialect::American))
        })
        .map(|(t, f)| (t.to_string(), f.to_string()))
        .collect();
    // Two even samples across the alphabet, about 1,200 pairs each: the first was looked at
    // while the suggestion order was tuned, the second, between its pairs, was not.
    let step = (pairs.len() / 1200).max(2);
    for (name, offset, floors) in [
        ("tuned-on", 0, (FOUND_FLOOR, FIRST_FLOOR)),
        (
            "held-out",
            step / 2,
            (HELD_OUT_FOUND_FLOOR, HELD_OUT_FIRST_FLOOR),
        ),
    ] {
        let sample: Vec<&(String, String)> = pairs.iter().skip(offset).step_by(step).collect();
        let (found, first, wrong) = measure(&sample);
        let n = sample.len();
        println!(
            "{name}: {n} misspellings, {found} found ({:.1}%), the word meant first {first} ({:.1}%)\n{}",
            found as f64 * 100.0 / n as f64,
            first as f64 * 100.0 / n as f64,
            wrong.join("\n")
        );
        assert!(n >= 1000, "only {n} pairs sampled");
        assert!(found * 1000 >= n * floors.0, "{name}: {found} of {n} found");
        assert!(first * 1000 >= n * floors.1, "{name}: {first} of {n} first");
    }
}

/// How many misspellings of `sample` are found, how many have the word meant first, and some
/// of those that do not.
fn measure(sample: &[&(String, String)]) -> (usize, usize, Vec<String>) {
    let (mut found, mut first) = (0, 0);
    let mut wrong = Vec::new();
    for (typo, fix) in sample {
        let text = format!("Thank you for the {typo} today.");
        let at = text.find(typo.as_str()).unwrap();
        let report = check(&text, &Context::default(), Harper::shared());
        let Some(d) = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "spelling" && d.start <= at && at < d.end)
        else {
            continue;
        };
        found += 1;
        if d.suggestions
            .first()
            .is_some_and(|s| s.eq_ignore_ascii_case(fix))
        {
            first += 1;
        } else if wrong.len() < 15 {
            wrong.push(format!("{typo} → {fix}: {:?}", d.suggestions));
        }
    }
    (found, first, wrong)
}

/// Where the checker stands, in tenths of a percent: the floors this test holds, for the
/// tuned-on sample and the held-out one.
const FOUND_FLOOR: usize = 997;
const FIRST_FLOOR: usize = 920;
const HELD_OUT_FOUND_FLOOR: usize = 997;
const HELD_OUT_FIRST_FLOOR: usize = 926;
