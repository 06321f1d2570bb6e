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
        let mut candidates: Vec<(f32, usize, String)> = Vec::new();
        for distance in [2, 3] {
            for (rank, candidate) in suggest_correct_spelling(&chars, 200, distance, dictionary)
                .into_iter()
                .enumerate()
            {
                let Some(meta) = dictionary.get_word_metadata(candidate) else {
                    continue;
                };
                if !meta.dialects.is_dialect_enabled(dialect) {
                    continue;
                }
                let spelled: String = candidate.iter().collect();
                if candidates
                    .iter()
                    .any(|(_, _, f)| f.eq_ignore_ascii_case(&spelled))
                {
                    continue;
                }
                let cost = typing_cost(word, &spelled, meta.common);
                candidates.push((cost, rank, spelled));
            }
            if !candidates.is_empty() {
                break;
            }
        }
        // The word a person most likely meant first: fewest and likeliest slips of the
        // fingers, harper's own order breaking ties.
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut found: Vec<String> = candidates.into_iter().take(3).map(|(_, _, w)| w).collect();
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

/// What to say about a word typed in lower case that is written with capitals; the first
/// suggestion is its capitalised form, any others are near words in lower case.
pub fn capital_message(word: &str, suggestions: &[String]) -> String {
    match suggestions {
        [capital] => format!("`{word}` is written with capitals: `{capital}`"),
        [capital, other, ..] => {
            format!("`{word}` is written with capitals (`{capital}`), or did you mean `{other}`?")
        }
        [] => format!("`{word}` is written with capitals"),
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

/// Whether `intended` is one slip of the fingers from `typed` ("yong" for "young").
pub fn one_slip_from(typed: &str, intended: &str) -> bool {
    typing_cost(typed, intended, true) <= 1.0
}

/// Keys next to each other on a QWERTY keyboard.
const KEYBOARD: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

fn neighbours(a: char, b: char) -> bool {
    let at = |c: char| {
        KEYBOARD
            .iter()
            .enumerate()
            .find_map(|(row, keys)| keys.find(c).map(|col| (row as i32, col as i32)))
    };
    match (at(a), at(b)) {
        (Some((ra, ca)), Some((rb, cb))) => (ra - rb).abs() <= 1 && (ca - cb).abs() <= 1,
        _ => false,
    }
}

/// Letters that sound alike, so one is typed for the other: vowels, voiced and unvoiced pairs.
fn sound_alike(a: char, b: char) -> bool {
    const VOWELS: &str = "aeiouy";
    let pairs = ["dt", "bp", "gk", "ck", "cs", "sz", "fv", "mn", "jg"];
    (VOWELS.contains(a) && VOWELS.contains(b))
        || pairs
            .iter()
            .any(|p| p.contains(a) && p.contains(b) && a != b)
}

/// How unlikely it is that someone meaning `intended` typed `typed`: an edit distance where a
/// missing or doubled letter, swapped neighbours, a key next to the right one or a letter that
/// sounds alike cost less than an unrelated change. A possessive or a capitalised word is
/// rarely what a lower-case slip meant; a common word more often is.
fn typing_cost(typed: &str, intended: &str, common: bool) -> f32 {
    let t: Vec<char> = typed.to_lowercase().chars().collect();
    let w: Vec<char> = intended.to_lowercase().chars().collect();
    let (n, m) = (t.len(), w.len());
    let mut d = vec![vec![0f32; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i as f32;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j as f32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let (a, b) = (t[i - 1], w[j - 1]);
            let substitute = if a == b {
                0.0
            } else if neighbours(a, b) {
                0.75
            } else if sound_alike(a, b) {
                0.85
            } else {
                1.2
            };
            // A letter the typist left out: cheaper when it doubles its neighbour ("aded").
            let left_out = if j >= 2 && w[j - 1] == w[j - 2] {
                0.4
            } else {
                0.7
            };
            // A letter typed once too often: cheapest when it repeats the one before.
            let extra = if i >= 2 && t[i - 1] == t[i - 2] {
                0.5
            } else {
                0.85
            };
            let mut best = (d[i - 1][j - 1] + substitute)
                .min(d[i][j - 1] + left_out)
                .min(d[i - 1][j] + extra);
            if i >= 2 && j >= 2 && a == w[j - 2] && t[i - 2] == b {
                best = best.min(d[i - 2][j - 2] + 0.5);
            }
            d[i][j] = best;
        }
    }
    let mut cost = d[n][m];
    if intended.contains('\'') && !typed.contains('\'') {
        cost += 0.6;
    }
    if intended.contains(' ') && !typed.contains(' ') {
        cost += 0.3;
    }
    if intended.starts_with(char::is_uppercase) && !typed.starts_with(char::is_uppercase) {
        cost += 0.5;
    }
    if t.first() != w.first() {
        cost += 0.3;
    }
    if !common {
        cost += 0.15;
    }
    cost
}
