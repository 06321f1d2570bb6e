//! followup's own grammar rules, one family a file, on harper's tokens, part-of-speech tags and
//! dictionary facts: the slips careful people still make in follow-up notes that harper's own
//! rules let through (issue 16; SPEC §4 `grammar`).
//!
//! Each family reads a sentence as a list of [`Word`]s and says where it is wrong, why, and
//! what to write instead. A rule fires only where the tags leave no doubt: a checker that cries
//! wolf is one users learn to ignore.

mod agreement;
mod articles;
mod compounds;
mod homophones;
mod number;
mod participles;
mod pronoun_case;
mod small_words;
mod splices;
mod verb_forms;

use std::ops::Range;

use harper_brill::UPOS;
use harper_core::spell::Dictionary;
use harper_core::{DictWordMetadata, Document, TokenKind};

/// One token of a sentence, as the rules see it.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    pub lower: String,
    /// Characters in the document.
    pub span: Range<usize>,
    pub tag: Option<UPOS>,
    pub meta: Option<DictWordMetadata>,
    /// A punctuation mark (the character), for tokens that are not words.
    pub mark: Option<char>,
}

impl Word {
    pub fn is(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }

    pub fn word(&self) -> bool {
        self.mark.is_none()
    }

    pub fn tagged(&self, tag: UPOS) -> bool {
        self.tag == Some(tag)
    }

    pub fn noun(&self) -> bool {
        matches!(self.tag, Some(UPOS::NOUN | UPOS::PROPN))
    }

    pub fn verb(&self) -> bool {
        matches!(self.tag, Some(UPOS::VERB | UPOS::AUX))
    }

    /// A plural noun by the dictionary and not also a singular one ("results", not "news").
    pub fn plural_noun(&self) -> bool {
        self.meta
            .as_ref()
            .is_some_and(|m| m.is_plural_noun_only() && !m.is_singular_noun())
            || (self.noun()
                && self.lower.ends_with('s')
                && !self.lower.ends_with("ss")
                && !self.lower.ends_with("us")
                && !self.lower.ends_with("is")
                && self.meta.as_ref().is_some_and(|m| !m.is_singular_noun()))
    }

    /// A singular noun by the dictionary and not also a plural one.
    pub fn singular_noun(&self) -> bool {
        self.meta
            .as_ref()
            .is_some_and(|m| m.is_singular_noun() && !m.is_plural_noun_only())
            && !self.lower.ends_with('s')
    }
}

/// A mistake a family found: where (in characters), why, and what to write instead.
pub struct Slip {
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: String,
}

impl Slip {
    pub fn new(words: &[Word], message: impl Into<String>, suggestion: impl Into<String>) -> Slip {
        let start = words.first().map_or(0, |w| w.span.start);
        let end = words.last().map_or(start, |w| w.span.end);
        Slip {
            span: start..end,
            message: message.into(),
            suggestion: suggestion.into(),
        }
    }
}

/// The sentences of a document as lists of words and marks.
fn sentences(document: &Document) -> Vec<Vec<Word>> {
    let source = document.get_source();
    let mut out = vec![Vec::new()];
    for token in document.get_tokens() {
        let text: String = source[token.span.start..token.span.end].iter().collect();
        let (meta, mark) = match &token.kind {
            TokenKind::Word(meta) => (meta.clone(), None),
            TokenKind::Punctuation(_) => (None, text.chars().next()),
            TokenKind::Number(_) => (None, None),
            TokenKind::Newline(_) | TokenKind::ParagraphBreak => {
                out.push(Vec::new());
                continue;
            }
            _ => continue,
        };
        let tag = meta.as_ref().and_then(|m| m.pos_tag);
        let end = matches!(mark, Some('.' | '!' | '?'));
        out.last_mut()
            .expect("there is always a sentence")
            .push(Word {
                lower: text.to_lowercase().replace('’', "'"),
                text,
                span: token.span.start..token.span.end,
                tag,
                meta,
                mark,
            });
        if end {
            out.push(Vec::new());
        }
    }
    out.retain(|s| s.iter().any(Word::word));
    out
}

/// What the rules may ask harper's dictionary about words not in the sentence: the forms
/// they would suggest.
pub struct Lexicon<'a> {
    metadata: &'a dyn Fn(&str) -> Option<DictWordMetadata>,
}

impl Lexicon<'_> {
    pub fn is_verb(&self, word: &str) -> bool {
        (self.metadata)(word).is_some_and(|m| m.is_verb_lemma())
    }

    /// The plural of a singular noun, as the dictionary has it ("reason" → "reasons",
    /// "company" → "companies", "person" → "people").
    pub fn plural_of(&self, noun: &str) -> Option<String> {
        let irregular = [
            ("person", "people"),
            ("child", "children"),
            ("man", "men"),
            ("woman", "women"),
            ("foot", "feet"),
            ("tooth", "teeth"),
            ("mouse", "mice"),
            ("analysis", "analyses"),
            ("criterion", "criteria"),
            ("phenomenon", "phenomena"),
        ];
        if let Some((_, plural)) = irregular.iter().find(|(one, _)| *one == noun) {
            return Some(plural.to_string());
        }
        let candidates = if ends_in_consonant_y(noun) {
            vec![format!("{}ies", &noun[..noun.len() - 1])]
        } else if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| noun.ends_with(e))
        {
            vec![format!("{noun}es")]
        } else if let Some(stem) = noun.strip_suffix('f') {
            vec![format!("{noun}s"), format!("{stem}ves")]
        } else if let Some(stem) = noun.strip_suffix("fe") {
            vec![format!("{noun}s"), format!("{stem}ves")]
        } else {
            vec![format!("{noun}s"), format!("{noun}es")]
        };
        candidates
            .into_iter()
            .find(|c| (self.metadata)(c).is_some_and(|m| m.is_plural_noun_only() || m.is_noun()))
    }

    /// The past participle of a plain verb ("generate" → "generated", "take" → "taken").
    pub fn past_participle(&self, verb: &str) -> Option<String> {
        let irregular = [
            ("make", "made"),
            ("take", "taken"),
            ("give", "given"),
            ("go", "gone"),
            ("write", "written"),
            ("speak", "spoken"),
            ("choose", "chosen"),
            ("know", "known"),
            ("see", "seen"),
            ("do", "done"),
            ("get", "got"),
            ("find", "found"),
            ("think", "thought"),
            ("bring", "brought"),
            ("buy", "bought"),
            ("teach", "taught"),
            ("send", "sent"),
            ("spend", "spent"),
            ("build", "built"),
            ("leave", "left"),
            ("keep", "kept"),
            ("feel", "felt"),
            ("hold", "held"),
            ("meet", "met"),
            ("pay", "paid"),
            ("say", "said"),
            ("tell", "told"),
            ("sell", "sold"),
            ("lose", "lost"),
            ("win", "won"),
            ("begin", "begun"),
            ("grow", "grown"),
            ("show", "shown"),
            ("break", "broken"),
            ("forget", "forgotten"),
            ("understand", "understood"),
            ("lead", "led"),
            ("hear", "heard"),
        ];
        if let Some((_, participle)) = irregular.iter().find(|(plain, _)| *plain == verb) {
            return Some(participle.to_string());
        }
        let candidates = if verb.ends_with('e') {
            vec![format!("{verb}d")]
        } else if ends_in_consonant_y(verb) {
            vec![format!("{}ied", &verb[..verb.len() - 1])]
        } else {
            let last = verb.chars().last().unwrap_or('e');
            vec![format!("{verb}ed"), format!("{verb}{last}ed")]
        };
        candidates.into_iter().find(|c| {
            (self.metadata)(c)
                .is_some_and(|m| m.is_verb_past_participle_form() || m.is_verb_past_form())
        })
    }

    /// The singular of a plural noun, as the dictionary has it ("products" → "product").
    pub fn singular_of(&self, noun: &str) -> Option<String> {
        let irregular = [
            ("people", "person"),
            ("children", "child"),
            ("men", "man"),
            ("women", "woman"),
            ("feet", "foot"),
            ("teeth", "tooth"),
        ];
        if let Some((_, one)) = irregular.iter().find(|(many, _)| *many == noun) {
            return Some(one.to_string());
        }
        without_s(noun).find(|c| (self.metadata)(c).is_some_and(|m| m.is_singular_noun()))
    }
}

/// Whether a word ends in a "y" after a consonant, which becomes "ie" before an ending
/// ("company" → "companies", "apply" → "applied"; not "day", "key", "buy").
fn ends_in_consonant_y(word: &str) -> bool {
    word.ends_with('y') && !["ay", "ey", "oy", "uy"].iter().any(|e| word.ends_with(e))
}

/// What a word ending in "s" may be without it, likeliest first: "companies" → "company",
/// "guides" → "guide", "boxes" → "box". The caller asks the dictionary which one is a word.
pub fn without_s(word: &str) -> impl Iterator<Item = String> + '_ {
    [
        word.strip_suffix("ies").map(|stem| format!("{stem}y")),
        word.strip_suffix('s').map(str::to_string),
        word.strip_suffix("es").map(str::to_string),
    ]
    .into_iter()
    .flatten()
}

/// Every slip of every family in a document; `dictionary` tells which words are verbs.
pub fn slips(document: &Document, dictionary: &impl Dictionary) -> Vec<Slip> {
    let metadata = |word: &str| {
        dictionary
            .get_word_metadata_str(word)
            .map(std::borrow::Cow::into_owned)
    };
    let lexicon = Lexicon {
        metadata: &metadata,
    };
    let mut found = Vec::new();
    for sentence in sentences(document) {
        agreement::check(&sentence, &lexicon, &mut found);
        number::check(&sentence, &lexicon, &mut found);
        articles::check(&sentence, &mut found);
        pronoun_case::check(&sentence, &mut found);
        verb_forms::check(&sentence, &lexicon, &mut found);
        participles::check(&sentence, &mut found);
        homophones::check(&sentence, &mut found);
        small_words::check(&sentence, &mut found);
        compounds::check(&sentence, &mut found);
        splices::check(&sentence, &mut found);
    }
    found
}

/// Modal verbs, which take a plain verb and carry the subject's agreement themselves.
pub const MODALS: &[&str] = &[
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "cannot",
    "can't",
    "won't",
    "wouldn't",
    "couldn't",
    "shouldn't",
];

/// Words that open a clause as its subject and take a finite verb next.
pub const SUBJECT_PRONOUNS: &[&str] = &["i", "we", "you", "he", "she", "they", "it"];
/// Adverbs that may sit between a subject or an auxiliary and its verb.
pub const MIDDLE_ADVERBS: &[&str] = &[
    "really",
    "very",
    "so",
    "still",
    "also",
    "already",
    "just",
    "even",
    "more",
    "truly",
    "certainly",
    "clearly",
    "always",
    "never",
    "a",
    "little",
    "bit",
    "quite",
    "genuinely",
    "definitely",
    "all",
    "both",
    "only",
    "now",
    "finally",
    "recently",
    "not",
];

/// The index of the next word at or after `i` that is not a middle adverb.
pub fn skip_adverbs(words: &[Word], mut i: usize) -> usize {
    while words.get(i).is_some_and(|w| w.is(MIDDLE_ADVERBS)) {
        i += 1;
    }
    i
}
