//! Spelling and grammar by harper-core, behind one crate so nothing else rebuilds its weight.
//!
//! The dictionary and the lint group are built once per process and shared. Only the lint
//! kinds that matter in a short professional note are kept; style advice is left out, and
//! words the context knows (names, the company, the user's own notes) are never misspelled.

use std::sync::{Arc, Mutex, OnceLock};

use followup_check::{Language, LanguageFinding};
use harper_core::linting::{Lint, LintGroup, LintKind, Linter, Suggestion};
use harper_core::spell::{Dictionary, FstDictionary};
use harper_core::{Dialect, Document};

/// harper's curated English, loaded on first use.
pub struct Harper {
    dictionary: Arc<FstDictionary>,
    linter: Mutex<LintGroup>,
}

impl Harper {
    /// The shared engine; the first call pays for loading the dictionary.
    pub fn shared() -> &'static Harper {
        static ENGINE: OnceLock<Harper> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let dictionary = FstDictionary::curated();
            let linter = LintGroup::new_curated(dictionary.clone(), Dialect::American);
            Harper {
                dictionary,
                linter: Mutex::new(linter),
            }
        })
    }
}

/// Words of working life that harper's dictionary lacks but careful notes use.
const WORKPLACE_WORDS: &[&str] = &[
    "copyediting",
    "copyeditor",
    "onboarding",
    "offboarding",
    "upskilling",
    "reskilling",
    "stakeholder",
    "stakeholders",
    "roadmap",
    "roadmaps",
    "backend",
    "frontend",
    "fullstack",
    "dataset",
    "datasets",
    "workflow",
    "workflows",
    "teammate",
    "teammates",
    "internship",
    "internships",
    "fintech",
    "healthtech",
    "edtech",
    "proofreading",
    "scalability",
];

/// Which harper findings a follow-up note should hear about, and as what.
fn classify(kind: LintKind) -> Option<bool> {
    match kind {
        LintKind::Spelling => Some(false),
        LintKind::Agreement
        | LintKind::BoundaryError
        | LintKind::Eggcorn
        | LintKind::Grammar
        | LintKind::Malapropism
        | LintKind::Repetition
        | LintKind::Typo
        | LintKind::Usage
        | LintKind::WordChoice
        | LintKind::WordOrder
        | LintKind::Punctuation => Some(true),
        // Capitalization advice misfires on names and set phrases ("pro bono"); notes are
        // short enough for the writer to see their own capitals.
        _ => None,
    }
}

fn suggestion_text(s: &Suggestion, original: &str) -> String {
    match s {
        Suggestion::ReplaceWith(chars) => chars.iter().collect(),
        Suggestion::InsertAfter(chars) => format!("{original}{}", chars.iter().collect::<String>()),
        Suggestion::Remove => String::new(),
    }
}

impl Language for Harper {
    fn lint(&self, text: &str, known: &[String]) -> Vec<LanguageFinding> {
        let document = Document::new_plain_english(text, &*self.dictionary);
        let lints: Vec<Lint> = {
            let mut linter = self.linter.lock().unwrap_or_else(|p| p.into_inner());
            linter.lint(&document)
        };
        // harper counts in characters; findings are in bytes.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let at = |c: usize| bytes[c.min(bytes.len() - 1)];
        lints
            .into_iter()
            .filter_map(|lint| {
                let grammar = classify(lint.lint_kind)?;
                let span = at(lint.span.start)..at(lint.span.end);
                let original = &text[span.clone()];
                // Advice about a word the context knows (a name, a term from the user's own
                // notes, a trade word), or to split a word in two, is noise: "Iyer" is not "I yer".
                let single_word = !original.contains(char::is_whitespace);
                if grammar
                    && single_word
                    && (known.iter().any(|k| k.eq_ignore_ascii_case(original))
                        || WORKPLACE_WORDS
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(original))
                        || lint.lint_kind == LintKind::BoundaryError)
                {
                    return None;
                }
                if !grammar {
                    let bare = original.trim_end_matches("'s").trim_end_matches("’s");
                    // Names and the user's own words are spelled as the user knows them; and a
                    // word the dictionary holds in another dialect ("afterwards") is no typo.
                    if known
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(original) || k.eq_ignore_ascii_case(bare))
                        || WORKPLACE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(bare))
                        || self.dictionary.contains_word_str(original)
                    {
                        return None;
                    }
                }
                Some(LanguageFinding {
                    grammar,
                    span,
                    message: lint.message,
                    suggestions: lint
                        .suggestions
                        .iter()
                        .map(|s| suggestion_text(s, original))
                        .filter(|s| !s.is_empty())
                        .take(3)
                        .collect(),
                })
            })
            .collect()
    }
}
