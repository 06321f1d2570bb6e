//! What the tone model reads in a sentence: word stems with negation marked, pairs of them,
//! who the clause is about, families of words that carry a tone, and the look of the text.
//!
//! Standard library only: the build script includes this file to train the model, and the
//! checker uses it to read a draft, so the two can never read a sentence differently.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// FNV-1a as a `Hasher`: the word tables are looked up for every word of every sentence, and
/// their keys are short words no one chooses to collide.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.0 == 0 {
            self.0 = 0xcbf2_9ce4_8422_2325;
        }
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// One word as the model sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Lower case, apostrophes straightened; a contraction's parts each get one token.
    pub word: String,
    pub stem: String,
    /// Bytes of the sentence this token was read from (a contraction's parts share them).
    pub span: Range<usize>,
    /// Inside the reach of a "not", "never", "no" … before it in the same clause.
    pub negated: bool,
    /// Written in capitals, two letters or more.
    pub capitals: bool,
    /// A comma, "but", "because" … ends the clause after this token.
    pub clause_end: bool,
    /// One of [`FUNCTION_WORDS`].
    pub function_word: bool,
    /// "not", "never", "no" …
    pub negator: bool,
    /// "but", "because" … which start a new clause.
    pub clause_break: bool,
}

const FUNCTION: u8 = 1;
const BREAK: u8 = 2;
const NEGATOR: u8 = 4;

/// What a word is to the reader of a clause, as bits: a function word, a clause break, a
/// negator; looked up once per token.
fn word_role(word: &str) -> u8 {
    static ROLES: OnceLock<WordMap<&str, u8>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        let mut roles = WordMap::default();
        for (list, bit) in [
            (FUNCTION_WORDS, FUNCTION),
            (CLAUSE_BREAKS, BREAK),
            (NEGATORS, NEGATOR),
        ] {
            for w in list {
                *roles.entry(*w).or_insert(0) |= bit;
            }
        }
        roles
    });
    roles.get(word).copied().unwrap_or(0)
}

/// A feature and the tokens it was read from, so a finding can name the words that weighed.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub name: String,
    pub tokens: Range<usize>,
}

/// Words that turn what follows them in the clause around.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly",
];

/// Words that end the reach of a negation or a subject.
const CLAUSE_BREAKS: &[&str] = &[
    "but", "because", "although", "though", "so", "and", "while", "since", "if", "when",
];

/// Contractions and the words they stand for, with the common apostrophe-less typings.
const CONTRACTIONS: &[(&str, &[&str])] = &[
    ("can't", &["can", "not"]),
    ("cant", &["can", "not"]),
    ("won't", &["will", "not"]),
    ("shan't", &["shall", "not"]),
    ("i'm", &["i", "am"]),
    ("im", &["i", "am"]),
    ("dont", &["do", "not"]),
    ("didnt", &["did", "not"]),
    ("doesnt", &["does", "not"]),
    ("isnt", &["is", "not"]),
    ("wasnt", &["was", "not"]),
    ("havent", &["have", "not"]),
    ("hasnt", &["has", "not"]),
    ("wouldnt", &["would", "not"]),
    ("couldnt", &["could", "not"]),
    ("shouldnt", &["should", "not"]),
    ("ive", &["i", "have"]),
    ("youre", &["you", "are"]),
    ("thats", &["that", "is"]),
    ("it's", &["it", "is"]),
    ("that's", &["that", "is"]),
    ("let's", &["let", "us"]),
];

/// Forms a suffix rule cannot reach, mapped to the stem of their plain form.
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("doing", "do"),
    ("went", "go"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("felt", "feel"),
    ("froze", "freez"),
    ("frozen", "freez"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("thought", "think"),
    ("said", "sai"),
    ("made", "mak"),
    ("took", "tak"),
    ("taken", "tak"),
    ("gave", "giv"),
    ("given", "giv"),
    ("knew", "know"),
    ("known", "know"),
    ("left", "leav"),
    ("kept", "keep"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "writ"),
    ("written", "writ"),
    ("sent", "send"),
    ("began", "begin"),
    ("begun", "begin"),
    ("ran", "run"),
    ("came", "com"),
    ("saw", "see"),
    ("seen", "see"),
    ("told", "tell"),
    ("found", "find"),
    ("meant", "mean"),
    ("understood", "understand"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("lost", "los"),
    ("better", "good"),
    ("best", "good"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("wanna", "want"),
    ("gonna", "go"),
    ("gotta", "get"),
];

/// The stem a word shares with its other forms: "hoping", "hoped" and "hopes" give "hop",
/// "desperately" and "desperate" give "desperat". Not a dictionary form: only the same for
/// the same word, which is all the model needs.
pub fn stem(word: &str) -> String {
    static IRREGULARS: OnceLock<WordMap<&str, &str>> = OnceLock::new();
    let irregular = IRREGULARS.get_or_init(|| IRREGULAR.iter().copied().collect());
    if let Some(s) = irregular.get(word) {
        return (*s).to_string();
    }
    if !word.chars().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    if word.len() < 4 {
        // "try" as "tries" and "tried" have it; "my" and "by" stay as they are.
        return match word.strip_suffix('y') {
            Some(base) if base.len() == 2 => format!("{base}i"),
            _ => word.to_string(),
        };
    }
    let mut s = word.to_string();
    let strip = |s: &mut String, suffix: &str, keep: usize| -> bool {
        if s.len() >= suffix.len() + keep && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            true
        } else {
            false
        }
    };
    let mut changed = false;
    if (s.ends_with("ies") || s.ends_with("ied")) && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('i');
    } else if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|e| s.ends_with(e))
    {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !["ss", "us", "is"].iter().any(|e| s.ends_with(e)) {
        s.pop();
    } else {
        changed = strip(&mut s, "edly", 3)
            || strip(&mut s, "ingly", 3)
            || strip(&mut s, "ing", 3)
            || (!s.ends_with("eed") && strip(&mut s, "ed", 3))
            || strip(&mut s, "ly", 3);
    }
    let b = s.as_bytes();
    if changed
        && b.len() >= 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !b"aeioulsz".contains(&b[b.len() - 1])
    {
        s.pop();
    }
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    if s.len() > 2 && s.ends_with('y') {
        s.pop();
        s.push('i');
    }
    s
}

/// Families of words that carry a tone whatever the phrasing, so a sentence in words the
/// model never saw still weighs; each word stands for all its forms.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "need",
        &[
            "need",
            "desperate",
            "beg",
            "plead",
            "please",
            "pray",
            "anything",
            "chance",
            "hope",
            "hopeless",
            "depend",
            "rely",
            "survive",
            "afford",
            "bills",
            "rent",
            "mortgage",
            "family",
            "kids",
            "savings",
            "broke",
            "unemployed",
            "months",
            "lifeline",
            "mean",
            "everything",
            "world",
            "dream",
            "only",
            "last",
            "whatever",
            "free",
            "less",
            "grateful",
            "forever",
            "indebted",
            "struggle",
            "anywhere",
            "sacrifice",
            "rescue",
            "save",
        ],
    ),
    (
        "urgent",
        &[
            "asap",
            "immediately",
            "urgent",
            "now",
            "today",
            "tonight",
            "tomorrow",
            "deadline",
            "yet",
            "still",
            "wait",
            "weeks",
            "days",
            "hours",
            "respond",
            "reply",
            "answer",
            "decision",
            "expect",
            "must",
            "require",
            "insist",
            "demand",
            "owe",
            "deserve",
            "unacceptable",
            "unprofessional",
            "rude",
            "ignore",
            "chase",
            "remind",
            "again",
            "already",
            "eod",
            "soon",
            "prompt",
            "quickly",
            "longer",
            "ridiculous",
            "courtesy",
            "silence",
            "bothered",
            "least",
            "obviously",
            "surely",
            "hurry",
            "latest",
        ],
    ),
    (
        "self_critical",
        &[
            "nervous",
            "anxious",
            "mess",
            "blank",
            "freeze",
            "stumble",
            "ramble",
            "awful",
            "terrible",
            "poorly",
            "bad",
            "weak",
            "sorry",
            "apologise",
            "apologize",
            "excuse",
            "unfair",
            "tired",
            "sleep",
            "sick",
            "mistake",
            "wrong",
            "embarrassed",
            "disappointed",
            "fumble",
            "flub",
            "botch",
            "bomb",
            "blew",
            "trick",
            "vague",
            "confused",
            "clumsy",
            "underprepared",
            "unprepared",
            "rusty",
            "forget",
            "mind",
            "mumble",
            "incoherent",
            "regret",
            "defensive",
            "misjudge",
            "misunderstood",
            "harsh",
            "pressure",
            "overthink",
            "flop",
            "shaky",
            "choke",
            "idiot",
            "stupid",
            "dumb",
            "failed",
            "worst",
            "disaster",
            "cringe",
            "rushed",
            "unclear",
        ],
    ),
    (
        "casual",
        &[
            "hey", "yo", "dude", "bro", "mate", "lol", "lmao", "omg", "haha", "hehe", "btw", "thx",
            "pls", "plz", "ur", "u", "ya", "yeah", "yep", "nope", "kinda", "sorta", "awesome",
            "cool", "stoked", "pumped", "vibes", "legit", "sick", "buddy", "pal", "beer", "drinks",
            "pint", "chill", "crushed", "killer", "rock", "ttyl", "xoxo", "xx", "cheers", "catch",
            "hang", "fam", "epic", "insane", "wicked", "sweet", "ha", "sup", "gonna", "wanna",
            "gotta", "y'all", "folks", "guys", "tho", "cuz", "coz", "nah", "totally", "super",
            "stuff", "hun", "babe", "man", "geez", "gosh", "nailed",
        ],
    ),
    (
        "intense",
        &[
            "really",
            "so",
            "truly",
            "extremely",
            "absolutely",
            "totally",
            "completely",
            "incredibly",
            "desperately",
            "utterly",
            "deeply",
            "immensely",
            "very",
            "beyond",
            "whole",
            "entire",
            "literally",
            "seriously",
            "honestly",
            "sincerely",
        ],
    ),
];

/// The family of phrases that take the pressure off the reader ("no rush", "I do not expect
/// …"): a sentence that says one is not a demand, whatever else it mentions.
pub const REASSURANCE: &str = "reassurance";

/// Whether the sentence takes the pressure off the reader with one of the [`REASSURANCE`]
/// phrases.
pub fn reassures(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|i| phrases_at(tokens, i).any(|(family, _)| family == REASSURANCE))
}

/// Set phrases that carry a tone as a whole, in the words [`tokens`] gives (contractions
/// opened): the courtesies of a calm note as much as the stock phrases of a needy, pushy or
/// self-critical one, so a sentence built on either is read for what it is.
const PHRASES: &[(&str, &[&[&str]])] = &[
    (
        "courtesy",
        &[
            &["let", "me", "know"],
            &["anything", "else"],
            &["happy", "to"],
            &["glad", "to"],
            &["look", "forward"],
            &["looking", "forward"],
            &["thank", "you", "for"],
            &["thanks", "for"],
            &["if", "it", "helps"],
            &["if", "helpful"],
            &["do", "not", "hesitate"],
            &["all", "the", "best"],
            &["i", "hope"],
            &["hope", "you"],
            &["i", "enjoyed"],
            &["i", "appreciate"],
            &["i", "appreciated"],
            &["would", "be", "glad"],
            &["would", "welcome"],
            &["in", "the", "meantime"],
            &["understand", "completely"],
            &["i", "understand"],
        ],
    ),
    (
        REASSURANCE,
        &[
            &["at", "your", "convenience"],
            &["when", "you", "have", "a", "moment"],
            &["when", "you", "are", "able"],
            &["in", "your", "own", "time"],
            &["no", "rush"],
            &["no", "pressure"],
            &["no", "hurry"],
            &["do", "not", "expect"],
            &["not", "expecting"],
            &["not", "in", "a", "hurry"],
            &["not", "in", "any", "rush"],
            &["no", "need", "to"],
            &["not", "urgent"],
            &["not", "chasing"],
            &["happy", "to", "wait"],
            &["take", "your", "time"],
            &["take", "the", "time"],
            &["whenever", "suits"],
        ],
    ),
    (
        "pleading",
        &[
            &["please", "please"],
            &["i", "beg"],
            &["give", "me", "a", "chance"],
            &["one", "chance"],
            &["last", "chance"],
            &["mean", "the", "world"],
            &["means", "the", "world"],
            &["means", "everything"],
            &["mean", "everything"],
            &["anything", "at", "all"],
            &["do", "anything"],
            &["any", "role"],
            &["any", "job"],
            &["any", "position"],
            &["whatever", "it", "takes"],
            &["need", "this"],
            &["need", "the", "money"],
            &["can", "not", "afford"],
            &["begging", "you"],
        ],
    ),
    (
        "demand",
        &[
            &["by", "end", "of"],
            &["by", "the", "end", "of", "today"],
            &["right", "away"],
            &["right", "now"],
            &["at", "once"],
            &["i", "expect"],
            &["you", "need", "to"],
            &["you", "should", "have"],
            &["you", "must"],
            &["i", "insist"],
            &["still", "waiting"],
            &["still", "have", "not"],
            &["no", "response"],
            &["no", "reply"],
            &["been", "waiting"],
            &["why", "have", "i", "not"],
            &["why", "has", "no", "one"],
            &["get", "back", "to", "me"],
            &["i", "need", "an", "answer"],
            &["i", "need", "a", "decision"],
        ],
    ),
    (
        "self_blame",
        &[
            &["my", "answer"],
            &["my", "answers"],
            &["my", "performance"],
            &["i", "should", "have"],
            &["i", "could", "have"],
            &["not", "my", "best"],
            &["on", "the", "spot"],
            &["off", "day"],
            &["went", "blank"],
            &["my", "mind", "went"],
            &["i", "was", "nervous"],
            &["i", "was", "so", "nervous"],
            &["did", "not", "do", "well"],
            &["did", "not", "come", "across"],
            &["in", "my", "defence"],
            &["in", "my", "defense"],
            &["to", "be", "fair"],
            &["was", "unfair"],
        ],
    ),
];

/// The tone phrases of [`PHRASES`] that start at token `i`, with the token after each.
fn phrases_at(tokens: &[Token], i: usize) -> impl Iterator<Item = (&'static str, usize)> + '_ {
    type Starting = WordMap<&'static str, Vec<(&'static str, &'static [&'static str])>>;
    static BY_FIRST_WORD: OnceLock<Starting> = OnceLock::new();
    let by_first = BY_FIRST_WORD.get_or_init(|| {
        let mut map = Starting::default();
        for (family, phrases) in PHRASES {
            for words in *phrases {
                map.entry(words[0]).or_default().push((*family, *words));
            }
        }
        map
    });
    by_first
        .get(tokens[i].word.as_str())
        .into_iter()
        .flatten()
        .filter_map(move |(family, words)| {
            let end = i + words.len();
            (end <= tokens.len() && words.iter().zip(&tokens[i..end]).all(|(w, t)| *w == t.word))
                .then_some((*family, end))
        })
}

/// The families a stem belongs to, as bits in the order of [`FAMILIES`]; each family's
/// words are stemmed once.
fn families_of(stem: &str) -> u8 {
    static STEMMED: OnceLock<WordMap<String, u8>> = OnceLock::new();
    let table = STEMMED.get_or_init(|| {
        let mut table = WordMap::default();
        for (bit, (_, words)) in FAMILIES.iter().enumerate() {
            for w in *words {
                *table.entry(self::stem(w)).or_insert(0u8) |= 1 << bit;
            }
        }
        table
    });
    table.get(stem).copied().unwrap_or(0)
}

/// Words a writer raises their voice with when they put them in capitals ("SO", "NOW",
/// "PLEASE"); other short capitals ("GDPR", "REST", "HIPAA") are names and acronyms.
const SHOUTED_WORDS: &[&str] = &[
    "so", "now", "you", "me", "my", "all", "not", "no", "yes", "do", "be", "is", "am", "are",
    "the", "and", "this", "that", "very", "need", "want", "love", "really", "please", "any", "we",
    "our", "your", "to", "of", "in", "on", "for", "why", "what", "how", "must", "ever", "big",
    "best", "hire", "job", "role", "call", "wait", "today", "soon", "dream", "thank", "thanks",
    "much", "great", "huge", "can", "will", "just", "still", "yet", "i'm", "can't", "don't",
    "asap", "help", "ready", "happy", "sorry", "again", "never", "every", "team", "love", "keen",
    "hope", "sure", "true", "only", "must", "have", "had", "was", "were", "did", "does", "get",
    "got", "go", "let", "know", "tell", "hear", "news", "time", "one", "two", "more", "most",
    "less", "ago", "week", "weeks", "days", "day", "month", "wow", "yay", "omg", "lol", "fun",
    "cool", "nice", "good", "glad", "fast", "soon", "late", "hard", "real", "kind", "fit", "work",
    "start", "wish", "want", "like", "yours", "ours", "sir", "dear", "hello", "hi", "hey", "back",
    "up", "out", "here", "there", "they", "them",
];

/// Whether a word written in capitals is a raised voice rather than an acronym: a common
/// word, or a long one that reads as a word (vowels in it), since acronyms are mostly short.
pub fn is_raised(word: &str) -> bool {
    let lower = word.to_lowercase().replace('’', "'");
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    let vowels = lower.chars().filter(|c| "aeiouy".contains(*c)).count();
    SHOUTED_WORDS.contains(&lower.as_str()) || (letters >= 6 && vowels >= 2)
}

/// The sentence's tokens, contractions opened up and negation marked.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = sentence.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                let joins = n == '\'' || n == '’';
                let after = sentence[i + n.len_utf8()..].chars().next();
                if n.is_alphanumeric() || (joins && after.is_some_and(char::is_alphanumeric)) {
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let surface = &sentence[start..end];
            let mut word = if surface.is_ascii() {
                surface.to_ascii_lowercase()
            } else {
                surface.to_lowercase()
            };
            if word.contains('’') {
                word = word.replace('’', "'");
            }
            let capitals = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && surface
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            static OPENED: OnceLock<WordMap<&str, &[&str]>> = OnceLock::new();
            let opened = OPENED.get_or_init(|| CONTRACTIONS.iter().copied().collect());
            let mut push = |part: String| {
                let role = word_role(&part);
                out.push(Token {
                    function_word: role & FUNCTION != 0,
                    negator: role & NEGATOR != 0,
                    clause_break: role & BREAK != 0,
                    stem: stem(&part),
                    word: part,
                    span: start..end,
                    negated: false,
                    capitals,
                    clause_end: false,
                });
            };
            if let Some(parts) = opened.get(word.as_str()) {
                for p in *parts {
                    push(p.to_string());
                }
            } else if let Some(base) = word.strip_suffix("n't") {
                push(base.to_string());
                push("not".to_string());
            } else if let Some((base, tail)) = word.split_once('\'') {
                let tail = match tail {
                    "m" => "am",
                    "re" => "are",
                    "ve" => "have",
                    "ll" => "will",
                    "d" => "would",
                    "s" => "'s",
                    other => other,
                };
                push(base.to_string());
                push(tail.to_string());
            } else {
                push(word);
            }
        } else if !c.is_whitespace()
            && c != '\''
            && c != '’'
            && let Some(last) = out.last_mut()
        {
            // Punctuation closes a clause; a hyphen or slash inside a phrase does not.
            if !matches!(c, '-' | '/' | '&') {
                last.clause_end = true;
            }
        }
    }
    for i in 0..out.len() {
        if out[i].clause_break && i > 0 {
            out[i - 1].clause_end = true;
        }
    }
    let mut reach = 0;
    for t in &mut out {
        if reach > 0 && !t.clause_break {
            t.negated = true;
            reach -= 1;
        } else {
            reach = 0;
        }
        if t.negator {
            reach = 4;
        }
        if t.clause_end {
            reach = 0;
        }
    }
    out
}

/// Words too common to say anything on their own about who a clause is about.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "to", "of", "and", "in", "on", "for", "with", "at", "by", "from", "it",
    "that", "this", "be", "have", "do", "will", "would", "can", "could", "'s", "as", "or", "is",
    "am", "are", "was", "were", "been", "has", "had", "did", "does", "its", "there", "these",
    "those", "than", "then", "also", "about", "into", "over", "after", "before", "which", "who",
    "what", "when", "where", "how", "if", "but", "so", "just", "any", "some", "our", "their",
    "his", "her", "we", "they", "he", "she", "us", "them", "one",
];

/// Every feature of a sentence, each name once, with the tokens it first came from.
pub fn features(sentence: &str) -> Vec<Feature> {
    let tokens = tokens(sentence);
    let mut out: Vec<Feature> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    each_feature(sentence, &tokens, &mut |parts, from| {
        let name = parts.concat();
        if seen.insert(name.clone()) {
            out.push(Feature { name, tokens: from });
        }
    });
    out
}

/// A feature's name as a number: FNV-1a over its bytes, so the checker can look a feature up
/// without building its name.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Every feature of a sentence as [`hash`] numbers it, each once, with its tokens.
pub fn hashed_features(sentence: &str, tokens: &[Token]) -> Vec<(u64, Range<usize>)> {
    let mut out: Vec<(u64, Range<usize>)> = Vec::with_capacity(tokens.len() * 6);
    each_feature(sentence, tokens, &mut |parts, from| {
        out.push((hash(parts), from))
    });
    // Each feature once, with the tokens it first came from, as training counts it.
    out.sort_by_key(|(h, _)| *h);
    out.dedup_by_key(|(h, _)| *h);
    out
}

/// Hands each feature of the sentence to `add` as the parts of its name.
fn each_feature(sentence: &str, tokens: &[Token], add: &mut dyn FnMut(&[&str], Range<usize>)) {
    let neg = |t: &Token| if t.negated { "~" } else { "" };
    // Who the clause is about: the writer ("I froze"), the reader ("you must") or neither.
    let mut subject: Option<&str> = None;
    let mut clause_start = true;
    for (i, t) in tokens.iter().enumerate() {
        if clause_start {
            subject = None;
        }
        if subject.is_none() {
            subject = match t.word.as_str() {
                "i" | "me" | "my" | "myself" => Some("I"),
                "you" | "your" | "yourself" | "u" | "ur" => Some("YOU"),
                _ => None,
            };
        }
        clause_start = t.clause_end;
        let function_word = t.function_word;
        // A word like "this" or "the" says nothing of tone by itself; it counts only in
        // the pairs it makes ("this job", "the chance").
        if !function_word {
            add(&[neg(t), &t.stem], i..i + 1);
        }
        if let Some(next) = tokens.get(i + 1)
            && !t.clause_end
        {
            add(&[neg(t), &t.stem, " ", neg(next), &next.stem], i..i + 2);
        }
        for (family, end) in phrases_at(tokens, i) {
            add(&["@@", neg(t), family], i..end);
            if let Some(who) = subject {
                add(&[who, ">@@", neg(t), family], i..end);
            }
        }
        let families = families_of(&t.stem);
        for (bit, (family, _)) in FAMILIES.iter().enumerate() {
            if families & (1 << bit) == 0 {
                continue;
            }
            add(&["@", neg(t), family], i..i + 1);
            if let Some(who) = subject {
                add(&[who, ">@", neg(t), family], i..i + 1);
            }
        }
        if let Some(who) = subject
            && !function_word
            && !matches!(t.word.as_str(), "i" | "me" | "my" | "you" | "your")
        {
            add(&[who, ">", neg(t), &t.stem], i..i + 1);
        }
        if t.capitals && t.word != "i" {
            let shouted = is_raised(&t.word);
            add(&[if shouted { "#shouted" } else { "#capitals" }], i..i + 1);
        }
        if has_stretch(&t.word) {
            add(&["#stretched"], i..i + 1);
        }
    }
    let last = tokens.len().saturating_sub(1)..tokens.len();
    if sentence.contains('!') {
        add(&["#exclamation"], last.clone());
    }
    if sentence.contains("!!") || sentence.contains("!?") || sentence.contains("?!") {
        add(&["#exclamations"], last.clone());
    }
    if sentence.contains("??") {
        add(&["#questions"], last.clone());
    }
    if sentence.chars().any(is_emoji)
        || sentence.contains(":)")
        || sentence.contains(":D")
        || sentence.contains(";)")
    {
        add(&["#emoji"], last);
    }
}

/// A letter three times running ("sooo", "pleeease"): a voice stretched for emphasis.
fn has_stretch(word: &str) -> bool {
    let b = word.as_bytes();
    b.windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic())
        && !word.starts_with("www")
}

pub fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x1F000..=0x1F2FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for group in [
            &["hope", "hoping", "hoped", "hopes"][..],
            &["desperate", "desperately"],
            &["beg", "begging", "begged"],
            &["try", "tries", "tried"],
            &["wait", "waiting", "waited", "waits"],
            &["apologise", "apologised", "apologising"],
        ] {
            let stems: HashSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{group:?} gave {stems:?}");
        }
        assert_eq!(stem("need"), "need");
        assert_eq!(stem("this"), "this");
    }

    #[test]
    fn negation_reaches_to_the_end_of_the_clause() {
        let t = tokens("i'm not desperate, just keen");
        let negated: Vec<&str> = t
            .iter()
            .filter(|t| t.negated)
            .map(|t| t.word.as_str())
            .collect();
        assert_eq!(negated, ["desperate"]);
        let names: Vec<String> = features("I'm not desperate")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(names.contains(&"~desperat".to_string()), "{names:?}");
        assert!(!names.contains(&"@need".to_string()), "{names:?}");
    }

    #[test]
    fn contractions_open_whatever_the_apostrophe() {
        let words = |s: &str| tokens(s).into_iter().map(|t| t.word).collect::<Vec<_>>();
        assert_eq!(words("I can’t wait"), ["i", "can", "not", "wait"]);
        assert_eq!(words("im sure"), ["i", "am", "sure"]);
        assert_eq!(words("they'll call"), ["they", "will", "call"]);
    }

    #[test]
    fn the_clause_says_whose_fault() {
        let names: Vec<String> = features("I completely froze on the second question")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(names.contains(&"I>@self_critical".to_string()), "{names:?}");
    }

    #[test]
    fn capitals_of_a_short_common_word_are_a_raised_voice() {
        let names = |s: &str| features(s).into_iter().map(|f| f.name).collect::<Vec<_>>();
        assert!(names("I am SO keen").contains(&"#shouted".to_string()));
        assert!(names("I used AWS and SQL").contains(&"#capitals".to_string()));
        assert!(!names("I used AWS and SQL").contains(&"#shouted".to_string()));
    }
}
