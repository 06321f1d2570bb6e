//! Spelling, ours rather than harper's `SpellCheck` rule, though on harper's dictionary: a
//! word is misspelled when the dictionary lacks it in American English, as harper judges.
//!
//! The difference is when suggestions are looked for. harper looks for every unknown word as
//! it lints, names included, and backs off to four edits when three find nothing; preparing
//! the four-edit automaton takes over a second, once per thread. Here suggestions are looked
//! for only after the context's known words are set aside, within two edits and then three,
//! and remembered per word.

use std::collections::HashMap;
use std::ops::Range;

use harper_core::spell::{Dictionary, suggest_correct_spelling};
use harper_core::{CharStringExt, Dialect, Document, TokenStringExt};

/// The character spans of the words in `document` that the dictionary lacks.
pub fn unknown_words(document: &Document, dictionary: &impl Dictionary) -> Vec<Range<usize>> {
    let source = document.get_source();
    document
        .iter_words()
        .filter_map(|word| {
            let chars = document.get_span_content(&word.span);
            let listed = word
                .kind
                .as_word()
                .and_then(|m| m.as_ref())
                .is_some_and(|m| m.dialects.is_dialect_enabled(Dialect::American))
                && (dictionary.contains_exact_word(chars)
                    || dictionary.contains_exact_word(&chars.normalized())
                    || dictionary.contains_exact_word(&chars.normalized().to_lower()));
            // "interviewer(s)": the s in brackets is no word of its own.
            let bracketed_s = chars == ['s']
                && word.span.start > 0
                && source.get(word.span.start - 1) == Some(&'(');
            (!listed && !bracketed_s).then_some(word.span.start..word.span.end)
        })
        .collect()
}

/// Suggestions already found, by misspelled word.
#[derive(Default)]
pub struct Suggestions {
    found: HashMap<String, Vec<String>>,
}

impl Suggestions {
    /// Up to three spellings the dictionary holds near `word`, closest first, capitalised as
    /// `word` is.
    pub fn for_word(&mut self, word: &str, dictionary: &impl Dictionary) -> Vec<String> {
        if let Some(found) = self.found.get(word) {
            return found.clone();
        }
        let chars: Vec<char> = word.chars().collect();
        let mut found: Vec<String> = Vec::new();
        for distance in [2, 3] {
            for candidate in suggest_correct_spelling(&chars, 200, distance, dictionary) {
                let american = dictionary
                    .get_word_metadata(candidate)
                    .is_some_and(|m| m.dialects.is_dialect_enabled(Dialect::American));
                let spelled: String = candidate.iter().collect();
                if american && !found.iter().any(|f| f.eq_ignore_ascii_case(&spelled)) {
                    found.push(spelled);
                }
                if found.len() == 3 {
                    break;
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        // "Nortwind" → "Northwind": a capitalised word gets capitalised suggestions, unless
        // the suggestion has capitals of its own inside ("macOS").
        if word.chars().next().is_some_and(char::is_uppercase) {
            for f in &mut found {
                if !f.chars().skip(1).any(char::is_uppercase) {
                    let mut chars = f.chars();
                    if let Some(first) = chars.next() {
                        *f = first.to_uppercase().chain(chars).collect();
                    }
                }
            }
        }
        if self.found.len() > 4096 {
            self.found.clear();
        }
        self.found.insert(word.to_string(), found.clone());
        found
    }
}

/// What to say about a misspelled word.
pub fn message(word: &str, suggestions: &[String]) -> String {
    match suggestions {
        [] => format!("`{word}` is not in the dictionary"),
        [only] => format!("`{word}` is not in the dictionary; did you mean `{only}`?"),
        _ => format!("`{word}` is not in the dictionary; did you mean one of these?"),
    }
}
