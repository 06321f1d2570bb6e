//! Spelling, ours rather than harper's `SpellCheck` rule, though on harper's dictionary: a
//! word is misspelled when the dictionary lacks it in the dialect asked for, as harper judges.
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

/// A word the dictionary lacks in the dialect asked for.
pub struct Unknown {
    /// Characters in the document.
    pub span: Range<usize>,
    /// The dictionary has it, in another dialect ("colour" when American was asked for).
    pub other_dialect: bool,
}

/// The words in `document` that the dictionary lacks in `dialect`.
pub fn unknown_words(
    document: &Document,
    dictionary: &impl Dictionary,
    dialect: Dialect,
) -> Vec<Unknown> {
    let source = document.get_source();
    document
        .iter_words()
        .filter_map(|word| {
            let chars = document.get_span_content(&word.span);
            let metadata = word.kind.as_word().and_then(|m| m.as_ref());
            let in_dictionary = dictionary.contains_exact_word(chars)
                || dictionary.contains_exact_word(&chars.normalized())
                || dictionary.contains_exact_word(&chars.normalized().to_lower());
            let ours = metadata.is_some_and(|m| m.dialects.is_dialect_enabled(dialect));
            // "interviewer(s)": the s in brackets is no word of its own.
            let bracketed_s = chars == ['s']
                && word.span.start > 0
                && source.get(word.span.start - 1) == Some(&'(');
            ((!ours || !in_dictionary) && !bracketed_s).then(|| Unknown {
                span: word.span.start..word.span.end,
                other_dialect: in_dictionary && metadata.is_some() && !ours,
            })
        })
        .collect()
}

/// Suggestions already found, by misspelled word.
#[derive(Default)]
pub struct Suggestions {
    found: HashMap<(Dialect, String), Vec<String>>,
    twins: HashMap<(Dialect, String), Option<String>>,
}

/// harper's dialects, to compare the flags of two words.
const DIALECTS: [Dialect; 5] = [
    Dialect::American,
    Dialect::British,
    Dialect::Canadian,
    Dialect::Australian,
    Dialect::Indian,
];

/// `word` with its first letter a capital.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Suggestions {
    /// Up to three spellings the dictionary holds near `word` in `dialect`, closest first,
    /// capitalised as `word` is.
    pub fn for_word(
        &mut self,
        word: &str,
        dictionary: &impl Dictionary,
        dialect: Dialect,
    ) -> Vec<String> {
        let key = (dialect, word.to_string());
        if let Some(found) = self.found.get(&key) {
            return found.clone();
        }
        let chars: Vec<char> = word.chars().collect();
        let mut found: Vec<String> = Vec::new();
        for distance in [2, 3] {
            for candidate in suggest_correct_spelling(&chars, 200, distance, dictionary) {
                let in_dialect = dictionary
                    .get_word_metadata(candidate)
                    .is_some_and(|m| m.dialects.is_dialect_enabled(dialect));
                let spelled: String = candidate.iter().collect();
                if in_dialect && !found.iter().any(|f| f.eq_ignore_ascii_case(&spelled)) {
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
        self.found.insert(key, found.clone());
        found
    }
}

impl Suggestions {
    /// The way `dialect` spells a word that another English spells differently ("colour" →
    /// "color" in American): a near word of `dialect` that none of the word's own dialects
    /// use. None when harper's dictionary merely lacks the word in `dialect` with no twin of
    /// its own there ("afterwards" would become "afterwords", another word): then the word
    /// is no finding, as its flags say less than its use does.
    pub fn twin(
        &mut self,
        word: &str,
        dictionary: &impl Dictionary,
        dialect: Dialect,
    ) -> Option<String> {
        let key = (dialect, word.to_string());
        if let Some(twin) = self.twins.get(&key) {
            return twin.clone();
        }
        let own = dictionary.get_word_metadata_str(word)?.dialects;
        let chars: Vec<char> = word.to_lowercase().chars().collect();
        let twin = suggest_correct_spelling(&chars, 50, 2, dictionary)
            .into_iter()
            .find(|candidate| {
                dictionary.get_word_metadata(candidate).is_some_and(|m| {
                    m.dialects.is_dialect_enabled(dialect)
                        && !DIALECTS.iter().any(|d| {
                            m.dialects.is_dialect_enabled(*d) && own.is_dialect_enabled(*d)
                        })
                })
            })
            .map(|candidate| {
                let spelled: String = candidate.iter().collect();
                if word.chars().next().is_some_and(char::is_uppercase) {
                    capitalised(&spelled)
                } else {
                    spelled
                }
            });
        if self.twins.len() > 4096 {
            self.twins.clear();
        }
        self.twins.insert(key, twin.clone());
        twin
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

/// What to say about a word spelled as another English spells it.
pub fn other_dialect_message(word: &str, dialect: followup_core::Dialect, twin: &str) -> String {
    let english = match dialect {
        followup_core::Dialect::American => "American",
        followup_core::Dialect::British => "British",
        followup_core::Dialect::Canadian => "Canadian",
        followup_core::Dialect::Australian => "Australian",
        followup_core::Dialect::Indian => "Indian",
    };
    format!("`{word}` is how another English spells it; {english} English writes `{twin}`")
}
