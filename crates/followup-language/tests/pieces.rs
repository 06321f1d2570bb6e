//! Checking a note a sentence at a time finds exactly what checking it whole finds, over the
//! whole corpus and every kind of draft; so caching findings by sentence loses nothing.

use std::path::Path;

use followup_language::{lean_group, sentences};
use harper_core::Document;
use harper_core::linting::Linter;
use harper_core::spell::FstDictionary;

fn notes() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../followup-check/tests/corpus");
    let mut dirs = vec![root.join("clean")];
    for entry in std::fs::read_dir(root.join("defective")).unwrap() {
        dirs.push(entry.unwrap().path());
    }
    let mut notes = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                notes.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    notes.sort();
    notes
}

/// (rule kind, byte span, message) of every lint, in bytes of `text` shifted by `offset`.
fn lints(
    group: &mut harper_core::linting::LintGroup,
    text: &str,
    offset: usize,
) -> Vec<(String, usize, usize, String)> {
    let dictionary = FstDictionary::curated();
    let document = Document::new_plain_english(text, &*dictionary);
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    group
        .lint(&document)
        .into_iter()
        .map(|l| {
            (
                format!("{:?}", l.lint_kind),
                offset + bytes[l.span.start],
                offset + bytes[l.span.end],
                l.message,
            )
        })
        .collect()
}

#[test]
fn sentence_by_sentence_finds_what_the_whole_note_finds() {
    let mut whole_group = lean_group(FstDictionary::curated());
    let mut piece_group = lean_group(FstDictionary::curated());
    let notes = notes();
    assert!(notes.len() > 250);
    let mut differences = Vec::new();
    for (name, text) in &notes {
        let mut whole = lints(&mut whole_group, text, 0);
        let mut pieces = Vec::new();
        for range in sentences(text) {
            pieces.extend(lints(&mut piece_group, &text[range.clone()], range.start));
        }
        whole.sort();
        pieces.sort();
        if whole != pieces {
            differences.push(format!("{name}:\n  whole: {whole:?}\n  cut:   {pieces:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
