//! Reads a debrief detail as the user typed it and rebuilds it as a phrase a draft can use.
//!
//! People note details in every shape: "the hiring plan for next year", "moving billing to
//! kafka", "she showed me their dashboards", "asked about my thesis", "whether i can travel".
//! Pasted after "about" most of them are not English. harper's part-of-speech tagger and
//! noun-phrase chunker tell the shapes apart; the detail is then turned toward the person the
//! note is for (she → you), a leading "we talked about" is folded into the frame, dictionary
//! proper nouns get their capitals, and a clause is given a frame that takes any clause
//! ("how you showed me …"), so every result can follow a preposition.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use harper_brill::{BrillChunker, BrillTagger, Chunker, FreqDict, Tagger, UPOS};
use serde::Serialize;

/// What a detail is, grammatically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// "the hiring plan for next year"
    NounPhrase,
    /// "moving billing to Kafka"
    Gerund,
    /// A clause whose subject is not the user: "she showed me their dashboards".
    Clause,
    /// "I haven't led a team"
    FirstPerson,
    /// The subject left out, a verb or an adjective first: "asked about my thesis".
    Fragment,
    /// An indirect question: "whether I can travel".
    Question,
}

impl Shape {
    /// A noun phrase, a gerund or a question: words that can follow "about" as they are.
    pub fn is_object(self) -> bool {
        matches!(self, Shape::NounPhrase | Shape::Gerund | Shape::Question)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::NounPhrase => "noun-phrase",
            Shape::Gerund => "gerund",
            Shape::Clause => "clause",
            Shape::FirstPerson => "first-person",
            Shape::Fragment => "fragment",
            Shape::Question => "question",
        }
    }
}

/// Which part of the debrief a detail comes from: each is framed its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Something talked about with the person.
    Topic,
    /// Something the person shared.
    Shared,
    /// A question or concern the person raised.
    Concern,
}

/// The pronoun the notes use for the person a draft is for: theirs turn into "you", anyone
/// else's stay as written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pronoun {
    She,
    He,
    They,
    /// Nothing in the notes tells: "she" and "he" both mean the person.
    #[default]
    Unknown,
}

impl Pronoun {
    /// The pronoun the person's own notes use most, by the words that name them.
    pub fn of_notes<'a>(notes: impl IntoIterator<Item = &'a str>) -> Pronoun {
        let (mut she, mut he) = (0, 0);
        for note in notes {
            for word in words(note) {
                match word.as_str() {
                    "she" | "her" | "hers" | "herself" | "she's" | "she'd" | "she'll" => she += 1,
                    "he" | "him" | "his" | "himself" | "he's" | "he'd" | "he'll" => he += 1,
                    _ => {}
                }
            }
        }
        match (she, he) {
            (0, 0) => Pronoun::Unknown,
            (s, h) if s > h => Pronoun::She,
            (s, h) if h > s => Pronoun::He,
            _ => Pronoun::Unknown,
        }
    }

    fn turns(self, word: &str) -> bool {
        let she = matches!(self, Pronoun::She | Pronoun::Unknown);
        let he = matches!(self, Pronoun::He | Pronoun::Unknown);
        let they = self == Pronoun::They;
        match word {
            "she" | "her" | "hers" | "herself" | "she's" | "she'd" | "she'll" => she,
            "he" | "him" | "his" | "himself" | "he's" | "he'd" | "he'll" => he,
            "they" | "them" | "their" | "theirs" | "themselves" | "themself" | "they're"
            | "they've" | "they'd" | "they'll" => they,
            _ => false,
        }
    }
}

/// A detail, read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub shape: Shape,
    /// The detail's words, addressed to the person and with their capitals: a phrase that can
    /// follow a preposition, or a clause when `object` is false.
    pub text: String,
    /// Whether `text` can follow "about" as it is.
    pub object: bool,
    /// A clause whose subject is the person addressed ("you showed me …").
    pub about_you: bool,
}

/// How people note their own stumbles: "i was nervous", "rambled on the sql question".
const STUMBLES: &[&str] = &[
    "nervous",
    "anxious",
    "flustered",
    "rambled",
    "rambling",
    "blanked",
    "froze",
    "stumbled",
    "struggled",
    "messed",
    "botched",
    "muddled",
    "rusty",
    "unprepared",
    "nerves",
    "bombed",
    "waffled",
    "fumbled",
    "panicked",
    "awkward",
];

impl Reading {
    /// A note about the user's own stumble in the interview: a follow-up does not bring it up
    /// again (seed 000: never defensive or self-critical).
    pub fn dwells_on_a_stumble(&self) -> bool {
        self.shape == Shape::FirstPerson
            && words(&self.text)
                .iter()
                .any(|w| STUMBLES.contains(&w.as_str()))
    }

    /// The detail as something that can follow "about", "to" or "on" in the field's frames.
    pub fn phrase(&self, field: Field) -> String {
        if self.object {
            return self.text.clone();
        }
        match field {
            Field::Concern if self.about_you => format!("what you said when {}", self.text),
            Field::Concern => format!("your concern that {}", self.text),
            Field::Topic | Field::Shared => format!("how {}", self.text),
        }
    }
}

/// How a detail will read in a draft, as the debrief shows it while the user types.
pub fn preview(field: Field, detail: &str, pronoun: Pronoun) -> Option<String> {
    let phrase = read(detail, field, pronoun)?.phrase(field);
    Some(match field {
        Field::Topic => format!("I enjoyed our conversation about {phrase}."),
        Field::Shared => format!("Thank you for telling me about {phrase}."),
        Field::Concern => format!("I wanted to come back to {phrase}."),
    })
}

#[derive(Clone, Debug)]
struct Token {
    text: String,
    lower: String,
    tag: Option<UPOS>,
    /// Whether a space came before it as typed.
    space: bool,
    word: bool,
}

impl Token {
    fn is(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }

    fn nominal(&self) -> bool {
        self.word
            && (matches!(
                self.tag,
                Some(UPOS::NOUN | UPOS::PROPN | UPOS::ADJ | UPOS::NUM)
            ) || self
                .lower
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit()))
            && !self.is(PREPOSITIONS)
    }

    fn verb(&self) -> bool {
        matches!(self.tag, Some(UPOS::VERB | UPOS::AUX)) || self.is(AUXILIARIES)
    }
}

const SUBJECTS: &[&str] = &[
    "i", "we", "you", "she", "he", "they", "it", "i'm", "i've", "i'd", "i'll", "we're", "we've",
    "we'd", "we'll", "you're", "you've", "you'd", "she's", "she'd", "she'll", "he's", "he'd",
    "he'll", "they're", "they've", "they'd", "they'll", "it's",
];
const FIRST_PERSON: &[&str] = &["i", "i'm", "i've", "i'd", "i'll"];
const AUXILIARIES: &[&str] = &[
    // Typed without their apostrophe, as notes often are.
    "wasnt",
    "isnt",
    "doesnt",
    "didnt",
    "hasnt",
    "werent",
    "arent",
    "havent",
    "dont",
    "cant",
    "wont",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "doesn't",
    "don't",
    "didn't",
    "can",
    "can't",
    "could",
    "couldn't",
    "will",
    "won't",
    "would",
    "wouldn't",
    "should",
    "shouldn't",
    "may",
    "might",
    "must",
];
const PREPOSITIONS: &[&str] = &[
    "about",
    "of",
    "on",
    "to",
    "for",
    "with",
    "in",
    "at",
    "by",
    "from",
    "over",
    "into",
    "through",
    "regarding",
    "around",
];
const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "how", "what", "why", "when", "where", "who", "whom", "whose", "which",
];
/// Verbs of talking that a draft's own frame already says ("our conversation about …").
const TALK: &[&str] = &[
    "talked",
    "talk",
    "discussed",
    "discuss",
    "spoke",
    "speak",
    "chatted",
    "chat",
    "asked",
    "ask",
    "covered",
    "mentioned",
    "raised",
    "went",
    "touched",
    "brought",
];
/// Words after a verb of talking that belong to the frame too ("talked about", "went over").
const TALK_PARTICLES: &[&str] = &[
    "about",
    "thru",
    "of",
    "on",
    "over",
    "through",
    "regarding",
    "up",
    "around",
];
/// Adjectives that say a concern: "worried about my notice period" is a concern about it.
const WORRIED: &[&str] = &[
    "worried",
    "concerned",
    "unsure",
    "curious",
    "nervous",
    "anxious",
    "skeptical",
    "sceptical",
    "hesitant",
    "uncertain",
    "doubtful",
];
const LINKS: &[&str] = &[
    "was", "is", "were", "are", "seemed", "seems", "sounded", "a", "bit", "little", "slightly",
    "very", "quite", "really", "somewhat",
];

struct Models {
    tagger: Arc<BrillTagger<FreqDict>>,
    chunker: Arc<BrillChunker>,
}

static MODELS: LazyLock<Models> = LazyLock::new(|| Models {
    tagger: harper_brill::brill_tagger(),
    chunker: harper_brill::brill_chunker(),
});

/// Dictionary proper nouns and acronyms by their lower-case form (see scripts/proper-nouns).
static PROPER: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    include_str!("../data/proper-nouns.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|w| (w.to_lowercase(), w))
        .collect()
});

/// The dictionary's spelling of a proper noun or acronym typed in lower case: "kafka" →
/// "Kafka".
pub fn proper_noun(lower: &str) -> Option<&'static str> {
    PROPER.get(lower).copied()
}

/// Loads the tagger, the chunker and the proper nouns now rather than in the first draft.
pub fn warm_up() {
    LazyLock::force(&MODELS);
    LazyLock::force(&PROPER);
}

fn words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.word)
        .map(|t| t.lower)
        .collect()
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut space = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            i += 1;
            while i < chars.len() {
                let c = chars[i];
                let joiner = matches!(c, '\'' | '’' | '-' | '.' | '/' | '&')
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                    && !(c == '.'
                        && !chars[start].is_ascii_digit()
                        && !chars[i - 1].is_uppercase());
                if c.is_alphanumeric() || joiner {
                    i += 1;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect::<String>().replace('’', "'");
        tokens.push(Token {
            lower: text.to_lowercase(),
            word: c.is_alphanumeric(),
            text,
            tag: None,
            space,
        });
        space = false;
    }
    tokens
}

fn tag(tokens: &mut [Token]) {
    let models = &*MODELS;
    let strings: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    let tags = models.tagger.tag_sentence(&strings);
    for (token, tag) in tokens.iter_mut().zip(tags) {
        token.tag = tag;
        // The tagger learnt from text where contractions are split; ours are whole words.
        if token.is(SUBJECTS) || token.is(&["her", "him", "his", "them", "their", "me", "my"]) {
            token.tag = Some(UPOS::PRON);
        } else if token.is(AUXILIARIES) {
            token.tag = Some(UPOS::AUX);
        }
    }
    // The tagger learnt from text with capitals and full sentences; notes have neither. A
    // word after a determiner or a possessive is part of a noun phrase ("my notice period"),
    // and a word it has never seen is most likely a noun ("dashboards", "kafka").
    for i in 0..tokens.len() {
        let after_determiner = i > 0 && tokens[i - 1].is(DETERMINERS);
        let token = &mut tokens[i];
        if !token.word || token.is(AUXILIARIES) || token.is(SUBJECTS) {
            continue;
        }
        if token.tag.is_none() {
            token.tag = Some(if token.lower.contains('-') {
                // "property-based", "data-driven", "on-call": compounds qualify a noun.
                if token.lower.ends_with("ed") || token.lower.ends_with("ing") {
                    UPOS::ADJ
                } else {
                    UPOS::NOUN
                }
            } else if token.lower.ends_with("ing") || token.lower.ends_with("ed") {
                UPOS::VERB
            } else {
                UPOS::NOUN
            });
        }
        if after_determiner && token.tag == Some(UPOS::VERB) && !token.lower.ends_with("ing") {
            token.tag = Some(UPOS::NOUN);
        }
    }
    // A plain verb form right after a noun continues a compound ("the december release
    // freeze", "my first hire"); a finite one starts a predicate ("the kitchen closes").
    for i in 1..tokens.len() {
        if tokens[i].tag == Some(UPOS::VERB)
            && !finite(&tokens[i])
            && !tokens[i].lower.ends_with("ing")
            && matches!(tokens[i - 1].tag, Some(UPOS::NOUN | UPOS::PROPN | UPOS::ADJ | UPOS::NUM))
            && tokens[i - 1].word
            // "the partners prefer": a plural subject takes the plain form.
            && !(tokens[i - 1].tag == Some(UPOS::NOUN) && tokens[i - 1].lower.ends_with('s'))
        {
            tokens[i].tag = Some(UPOS::NOUN);
        }
    }
}

/// Past forms that do not end in "-ed": "grew up in Leeds" is a fragment with its verb first.
const IRREGULAR_PAST: &[&str] = &[
    "began",
    "bought",
    "brought",
    "built",
    "came",
    "chose",
    "did",
    "drew",
    "drove",
    "fell",
    "felt",
    "found",
    "flew",
    "forgot",
    "gave",
    "got",
    "grew",
    "had",
    "heard",
    "held",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lent",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "ran",
    "read",
    "rode",
    "said",
    "sat",
    "saw",
    "sent",
    "set",
    "shook",
    "shot",
    "showed",
    "shown",
    "sold",
    "spent",
    "spoke",
    "stood",
    "struck",
    "swam",
    "taught",
    "thought",
    "threw",
    "told",
    "took",
    "understood",
    "went",
    "was",
    "were",
    "won",
    "wrote",
    "woke",
    "became",
    "broke",
    "caught",
    "dealt",
    "fought",
    "hung",
    "lit",
    "quit",
    "rang",
    "rose",
    "sang",
    "slept",
    "split",
    "spun",
    "stole",
    "stuck",
    "swore",
    "tore",
    "wore",
    "wound",
    "oversaw",
    "undertook",
    "rebuilt",
    "rewrote",
    "withdrew",
    "overcame",
];

/// A verb form that can carry a clause by itself: "runs", "showed", "grew", "is".
fn finite(token: &Token) -> bool {
    let w = token.lower.as_str();
    token.is(AUXILIARIES)
        || token.is(IRREGULAR_PAST)
        || (w.ends_with("ed") && w.len() > 3)
        || (w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("'s")
            && !w.ends_with("us")
            && w.len() > 2)
}

const ADVERBS: &[&str] = &[
    "once",
    "just",
    "recently",
    "also",
    "still",
    "always",
    "never",
    "actually",
    "really",
    "apparently",
    "only",
    "already",
    "often",
    "usually",
    "mostly",
    "now",
    "even",
    "clearly",
];

/// Nouns that end in "-ing" and open a noun phrase, not a gerund.
const ING_NOUNS: &[&str] = &[
    "morning",
    "evening",
    "thing",
    "ceiling",
    "building",
    "ring",
    "king",
    "spring",
    "string",
    "wedding",
    "meeting",
    "something",
    "nothing",
    "anything",
    "everything",
    "offering",
    "funding",
    "housing",
    "clothing",
    "earnings",
    "painting",
    "setting",
    "feeling",
    "training",
    "pricing",
    "billing",
    "hiring",
    "marketing",
    "engineering",
    "nursing",
    "staffing",
    "onboarding",
    "tooling",
    "landing",
    "opening",
    "listing",
    "posting",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "our", "your", "her", "his", "their", "its", "this", "that", "these",
    "those", "every", "each", "some", "any", "no",
];

fn chunks(tokens: &[Token]) -> Vec<bool> {
    let strings: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
    let tags: Vec<Option<UPOS>> = tokens.iter().map(|t| t.tag).collect();
    MODELS.chunker.chunk_sentence(&strings, &tags)
}

fn join(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.space {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

fn set(token: &mut Token, text: &str) {
    token.text = text.to_string();
    token.lower = text.to_lowercase();
}

/// Reads a detail for a note to someone the notes call `pronoun`; `None` when there is
/// nothing to read.
pub fn read(detail: &str, field: Field, pronoun: Pronoun) -> Option<Reading> {
    let trimmed = detail
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ' '])
        .trim();
    let mut tokens = tokenize(trimmed);
    if !tokens.iter().any(|t| t.word) {
        return None;
    }
    capitalize(&mut tokens);
    tag(&mut tokens);
    let typed = |tokens: &[Token]| -> Shape {
        if tokens[0].is(FIRST_PERSON) {
            Shape::FirstPerson
        } else if tokens[0].is(SUBJECTS) {
            Shape::Clause
        } else {
            Shape::Fragment
        }
    };
    let folded = fold(&tokens, field).and_then(|(rest, that)| {
        let (shape, body) = shape_of(rest.to_vec());
        let object = shape.is_object();
        // "mentioned his team is doubling" keeps its verb: only an object folds, or the
        // clause of a concern ("worried that I'd get bored").
        (object || that).then(|| (typed(&tokens), body, object))
    });
    let (shape, mut body, object) = match folded {
        Some(folded) => folded,
        None => {
            let (shape, body) = shape_of(tokens);
            let object = shape.is_object();
            (shape, body, object)
        }
    };
    let fragment = !object
        && !body[0].is(SUBJECTS)
        && body[0].tag != Some(UPOS::PRON)
        && shape == Shape::Fragment;
    if fragment {
        body = with_subject(body, pronoun);
    }
    turn(&mut body, pronoun);
    let about_you = !object
        && body
            .first()
            .is_some_and(|t| t.is(&["you", "you're", "you've", "you'd", "you'll"]));
    Some(Reading {
        shape,
        text: join(&body),
        object,
        about_you,
    })
}

/// The object of a leading "we talked about", "asked whether" or (for a concern) "worried
/// about": what the draft's own frame will introduce. `None` when there is no such frame.
fn fold(tokens: &[Token], field: Field) -> Option<(&[Token], bool)> {
    let mut i = 0;
    if tokens.first()?.is(&["we", "she", "he", "they", "you"]) {
        i = 1;
    }
    // "we briefly talked about", "she also asked"
    while tokens
        .get(i)
        .is_some_and(|t| t.is(ADVERBS) || t.is(&["briefly", "mainly", "then"]))
    {
        i += 1;
    }
    let verb = tokens.get(i)?;
    if verb.is(TALK) || verb.is(&["told", "tell"]) {
        let mut j = i + 1;
        let next = |j: usize, words: &[&str]| tokens.get(j).is_some_and(|t| t.is(words));
        if verb.is(&["went"]) && !next(j, &["over", "through"])
            || verb.is(&["touched"]) && !next(j, &["on", "upon"])
            || verb.is(&["brought"]) && !next(j, &["up"])
            || verb.is(&["asked", "ask"]) && next(j, &["me", "us", "for", "him", "her", "them"])
        {
            return None;
        }
        if verb.is(&["told", "tell"]) {
            if !(next(j, &["me", "us"]) && next(j + 1, &["about"])) {
                return None;
            }
            j += 1;
        }
        // "asked a lot about", "talked at length about": how much is the frame's too.
        let mut k = j;
        while next(
            k,
            &[
                "a", "lot", "lots", "loads", "bit", "quite", "mostly", "mainly", "at", "length",
                "more", "briefly", "again",
            ],
        ) {
            k += 1;
        }
        if k > j && next(k, TALK_PARTICLES) {
            j = k;
        }
        if next(j, TALK_PARTICLES) {
            j += 1;
        }
        if next(j, &["that"]) && j + 1 < tokens.len() {
            j += 1;
        }
        return (j < tokens.len()).then(|| (&tokens[j..], false));
    }
    if field == Field::Concern {
        while tokens.get(i).is_some_and(|t| t.is(LINKS)) {
            i += 1;
        }
        if tokens.get(i)?.is(WORRIED) {
            let mut j = i + 1;
            let that = tokens.get(j).is_some_and(|t| t.is(&["that"]));
            if that
                || tokens
                    .get(j)
                    .is_some_and(|t| t.is(&["about", "by", "regarding", "over", "with"]))
            {
                j += 1;
            }
            return (j > i + 1 && j < tokens.len()).then(|| (&tokens[j..], that));
        }
    }
    None
}

/// The shape of a run of words, and the words (an "if" that opens a question reads
/// "whether").
fn shape_of(mut tokens: Vec<Token>) -> (Shape, Vec<Token>) {
    let first = &tokens[0];
    if first.is(QUESTION_WORDS) && tokens.len() > 1 {
        if first.is(&["if"]) {
            set(&mut tokens[0], "whether");
        }
        return (Shape::Question, tokens);
    }
    if first.is(FIRST_PERSON) {
        return (Shape::FirstPerson, tokens);
    }
    if first.is(SUBJECTS) {
        return (Shape::Clause, tokens);
    }
    if first.lower.ends_with("ing")
        && first.lower.len() > 4
        && matches!(first.tag, Some(UPOS::VERB | UPOS::NOUN | UPOS::AUX))
        && !first.is(ING_NOUNS)
    {
        return (Shape::Gerund, tokens);
    }
    // A verb first, after any adverbs ("once missed a flight"): the person is its subject.
    let lead = tokens.iter().take_while(|t| t.is(ADVERBS)).count();
    if let Some(verb) = tokens.get(lead)
        && verb.verb()
        && !verb.lower.ends_with("ing")
        && (finite(verb)
            || tokens.get(lead + 1).is_some_and(|n| {
                matches!(n.tag, Some(UPOS::PRON | UPOS::DET | UPOS::ADP | UPOS::PART))
            }))
    {
        return (Shape::Fragment, tokens);
    }
    if first.tag == Some(UPOS::ADJ)
        && tokens.get(1).is_none_or(|n| {
            n.is(&[
                "about", "by", "with", "that", "to", "of", "for", "at", "in", "on",
            ])
        })
    {
        return (Shape::Fragment, tokens);
    }
    // A noun phrase, unless a finite verb follows it: then it is the subject of a clause.
    let np = chunks(&tokens);
    let mut end = 0;
    while end < tokens.len() {
        let t = &tokens[end];
        // "the time his CEO pulled the plug": a second noun phrase right after a noun starts
        // a relative clause, and the whole is a noun phrase.
        if end > 0
            && tokens[end - 1].nominal()
            && (t.is(&["my", "his", "her", "their", "our", "your", "the", "a", "an"])
                || t.is(SUBJECTS))
        {
            return (Shape::NounPhrase, tokens);
        }
        // "the kitchen closes on Mondays": a finite-looking word the tagger took for a noun
        // is the verb when what follows it cannot continue a noun phrase.
        if end > 0
            && t.tag == Some(UPOS::NOUN)
            && finite(t)
            && matches!(tokens[end - 1].tag, Some(UPOS::NOUN | UPOS::PROPN))
            && !tokens[end - 1].lower.ends_with('s')
            && tokens.get(end + 1).is_some_and(|n| {
                matches!(n.tag, Some(UPOS::DET | UPOS::ADP | UPOS::PRON | UPOS::NUM))
            })
        {
            break;
        }
        let determiner =
            t.is(DETERMINERS) && !(t.is(&["that"]) && end > 0 && !tokens[end - 1].is(PREPOSITIONS));
        let inside = (np[end] || t.nominal() || determiner || t.is(&["-", "&", "and"]))
            && !(end > 0 && (t.verb() || t.is(SUBJECTS) || t.is(&["that", "who", "which"])));
        if !inside {
            break;
        }
        end += 1;
    }
    let mut verb = end;
    while tokens.get(verb).is_some_and(|t| t.is(ADVERBS)) {
        verb += 1;
    }
    if end > 0
        && let Some(candidate) = tokens.get(verb)
    {
        let plural_subject = tokens[end - 1].tag == Some(UPOS::NOUN)
            && tokens[end - 1].lower.ends_with('s')
            && candidate.tag == Some(UPOS::VERB)
            && !candidate.lower.ends_with("ing");
        let predicate = candidate.verb() && finite(candidate)
            || plural_subject
            || candidate.word
                && finite(candidate)
                && !candidate.lower.ends_with("ed")
                && tokens.get(verb + 1).is_some_and(|n| {
                    matches!(n.tag, Some(UPOS::DET | UPOS::ADP | UPOS::PRON | UPOS::NUM))
                });
        let coordinated = tokens
            .get(verb + 1)
            .is_some_and(|n| n.is(&["and", "or", ","]));
        if predicate && !coordinated && !tokens[end - 1].is(PREPOSITIONS) {
            return (Shape::Clause, tokens);
        }
    }
    (Shape::NounPhrase, tokens)
}

/// A fragment's subject is the person the notes are about: "showed me the office" → "you
/// showed me the office", "worried about relocating" → "you were worried about relocating".
fn with_subject(mut tokens: Vec<Token>, pronoun: Pronoun) -> Vec<Token> {
    let subject = match pronoun {
        Pronoun::They => "they",
        Pronoun::He => "he",
        _ => "she",
    };
    let mut added = vec![Token {
        text: subject.into(),
        lower: subject.into(),
        tag: Some(UPOS::PRON),
        space: false,
        word: true,
    }];
    let lead = tokens.iter().take_while(|t| t.is(ADVERBS)).count();
    if pronoun == Pronoun::They {
        // The notes say "doesn't own a car"; with "they" the verb takes its plain form.
        plain_predicate(&mut tokens, lead);
    }
    if !tokens.get(lead).is_some_and(Token::verb) {
        let be = if pronoun == Pronoun::They {
            "were"
        } else {
            "was"
        };
        added.push(Token {
            text: be.into(),
            lower: be.into(),
            tag: Some(UPOS::AUX),
            space: true,
            word: true,
        });
    }
    tokens[0].space = true;
    added.append(&mut tokens);
    added
}

/// Gives the verb at `at`, and any verb joined to it by "and", the form "you" takes.
fn plain_predicate(tokens: &mut [Token], at: usize) {
    let mut i = at;
    while i < tokens.len() {
        let t = &tokens[i];
        let joined = i == at || (i > 0 && tokens[i - 1].is(&["and", "or"]));
        let subject = i > at && t.is(SUBJECTS);
        if joined
            && t.word
            && (t.verb() || finite(t))
            && !t.is(SUBJECTS)
            && let Some(plain) = plain_form(&t.lower)
        {
            set(&mut tokens[i], &plain);
        }
        if subject {
            break;
        }
        i += 1;
    }
}

/// A present-tense verb after "she" takes its form after "you": "runs" → "run".
fn plain_form(verb: &str) -> Option<String> {
    Some(match verb {
        "is" => "are".into(),
        "was" => "were".into(),
        "has" => "have".into(),
        "does" => "do".into(),
        "isn't" | "isnt" => "aren't".into(),
        "wasnt" => "weren't".into(),
        "hasnt" => "haven't".into(),
        "doesnt" => "don't".into(),
        "wasn't" => "weren't".into(),
        "hasn't" => "haven't".into(),
        "doesn't" => "don't".into(),
        "goes" => "go".into(),
        v if v.ends_with("ies") && v.len() > 4 => format!("{}y", &v[..v.len() - 3]),
        v if v.ends_with("ches")
            || v.ends_with("shes")
            || v.ends_with("sses")
            || v.ends_with("xes")
            || v.ends_with("zes") =>
        {
            v[..v.len() - 2].to_string()
        }
        v if v.ends_with('s') && !v.ends_with("ss") && !v.ends_with("us") && v.len() > 2 => {
            v[..v.len() - 1].to_string()
        }
        _ => return None,
    })
}

/// Turns the person's pronouns toward them, and fixes the capitals of "i" and of dictionary
/// proper nouns; the user's own capitals stay.
fn turn(tokens: &mut [Token], pronoun: Pronoun) {
    for i in 0..tokens.len() {
        let lower = tokens[i].lower.clone();
        let next_nominal = tokens.get(i + 1).is_some_and(|n| {
            n.nominal() || n.tag == Some(UPOS::ADV) && tokens.get(i + 2).is_some_and(Token::nominal)
        });
        if pronoun.turns(&lower) {
            let new = match lower.as_str() {
                "she" | "he" | "they" => {
                    let mut v = i + 1;
                    while tokens.get(v).is_some_and(|t| t.is(ADVERBS)) {
                        v += 1;
                    }
                    if lower != "they" && tokens.get(v).is_some() {
                        plain_predicate(tokens, v);
                    }
                    "you"
                }
                "she's" | "he's" => {
                    let perfect = tokens.get(i + 1).is_some_and(|n| {
                        n.is(&[
                            "been", "got", "had", "done", "seen", "gone", "led", "built", "run",
                            "worked",
                        ]) || (n.lower.ends_with("ed") && n.tag == Some(UPOS::VERB))
                    });
                    if perfect { "you've" } else { "you're" }
                }
                "she'd" | "he'd" | "they'd" => "you'd",
                "she'll" | "he'll" | "they'll" => "you'll",
                "they're" => "you're",
                "they've" => "you've",
                "her" if next_nominal => "your",
                "her" | "him" | "them" => "you",
                "his" | "their" if next_nominal => "your",
                "his" | "hers" | "theirs" => "yours",
                "their" => "your",
                "herself" | "himself" | "themselves" | "themself" => "yourself",
                _ => continue,
            };
            set(&mut tokens[i], new);
            continue;
        }
    }
}

/// The capitals of "i" and of dictionary proper nouns; the user's own capitals stay.
fn capitalize(tokens: &mut [Token]) {
    for token in tokens.iter_mut() {
        if token.is(FIRST_PERSON) {
            let capital = format!("I{}", &token.text[1..]);
            token.text = capital;
            continue;
        }
        if token.word && token.text == token.lower {
            let (stem, tail) = match token.lower.strip_suffix("'s") {
                Some(stem) => (stem, "'s"),
                None => (token.lower.as_str(), ""),
            };
            if let Some(proper) = PROPER.get(stem) {
                token.text = format!("{proper}{tail}");
            }
        }
    }
}

/// The user's highlight as a statement after a colon: "led the migration" reads "I led the
/// migration"; a noun phrase stays as it is.
pub fn as_statement(highlight: &str) -> String {
    let trimmed = highlight.trim().trim_end_matches(['.', ',', ';']).trim();
    let mut tokens = tokenize(trimmed);
    if tokens.is_empty() {
        return String::new();
    }
    capitalize(&mut tokens);
    tag(&mut tokens);
    let first = &tokens[0];
    let past_verb = first.tag == Some(UPOS::VERB) && !first.lower.ends_with("ing")
        || first.is(IRREGULAR_PAST)
        || first.lower.ends_with("ed") && first.lower.len() > 4 && first.tag != Some(UPOS::ADJ);
    turn(&mut tokens, Pronoun::They);
    let text = join(&tokens);
    if past_verb { format!("I {text}") } else { text }
}

/// The content words of a text, cut to a stem, to tell whether two notes speak of the same
/// things ("leading" and "led a team" share "team", "migration" and "migrating" share "migr").
pub fn content_stems(text: &str) -> Vec<String> {
    let mut tokens = tokenize(text);
    tag(&mut tokens);
    tokens
        .into_iter()
        .filter(|t| {
            t.word
                && matches!(
                    t.tag,
                    Some(UPOS::NOUN | UPOS::PROPN | UPOS::VERB | UPOS::ADJ)
                )
                && !t.is(AUXILIARIES)
                && !t.is(&[
                    "get", "got", "make", "made", "take", "took", "think", "thought", "really",
                    "new", "good", "great", "way", "thing", "things", "lot", "bit",
                ])
        })
        .map(|t| {
            let w = t.lower.trim_end_matches("'s");
            w.chars().take(5).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(field: Field, detail: &str, pronoun: Pronoun) -> String {
        read(detail, field, pronoun).unwrap().phrase(field)
    }

    #[test]
    fn shapes() {
        for (detail, shape) in [
            ("the hiring plan for next year", Shape::NounPhrase),
            ("moving billing to kafka", Shape::Gerund),
            ("she showed me their dashboards", Shape::Clause),
            ("I haven't led a team", Shape::FirstPerson),
            ("asked about my thesis", Shape::Fragment),
            ("showed me the new office", Shape::Fragment),
            ("whether I can travel", Shape::Question),
            ("the team is doubling next year", Shape::Clause),
            ("property-based testing of the ledger", Shape::NounPhrase),
            (
                "she asked a lot about stakeholder management",
                Shape::Clause,
            ),
        ] {
            assert_eq!(
                read(detail, Field::Topic, Pronoun::She).unwrap().shape,
                shape,
                "{detail}"
            );
        }
    }

    #[test]
    fn phrases_fit_after_a_preposition() {
        assert_eq!(
            phrase(
                Field::Topic,
                "she showed me their dashboards.",
                Pronoun::She
            ),
            "how you showed me their dashboards"
        );
        assert_eq!(
            phrase(Field::Topic, "we talked about hiring", Pronoun::She),
            "hiring"
        );
        assert_eq!(
            phrase(Field::Topic, "moving billing to kafka", Pronoun::She),
            "moving billing to Kafka"
        );
        assert_eq!(
            phrase(
                Field::Shared,
                "she joined as the team's first analyst",
                Pronoun::She
            ),
            "how you joined as the team's first analyst"
        );
        assert_eq!(
            phrase(Field::Shared, "her 2019 outage story", Pronoun::She),
            "your 2019 outage story"
        );
        assert_eq!(
            phrase(Field::Concern, "if i'd relocate", Pronoun::He),
            "whether I'd relocate"
        );
        assert_eq!(
            phrase(
                Field::Concern,
                "worried about my notice period",
                Pronoun::He
            ),
            "my notice period"
        );
        assert_eq!(
            phrase(Field::Concern, "I haven't led a team", Pronoun::He),
            "your concern that I haven't led a team"
        );
        assert_eq!(
            phrase(Field::Shared, "runs the data team in leeds", Pronoun::He),
            "how you run the data team in Leeds"
        );
        assert_eq!(
            phrase(
                Field::Shared,
                "she said her boss thinks he'll approve it",
                Pronoun::She
            ),
            "how you said your boss thinks he'll approve it"
        );
    }

    #[test]
    fn notes_typed_in_a_hurry() {
        assert_eq!(
            phrase(Field::Topic, "talked thru the take home", Pronoun::She),
            "the take home"
        );
        assert_eq!(
            phrase(
                Field::Topic,
                "she asked a lot about stakeholder management",
                Pronoun::She
            ),
            "stakeholder management"
        );
        assert_eq!(
            phrase(
                Field::Concern,
                "he wasnt sure i had enough sql",
                Pronoun::He
            ),
            "what you said when you weren't sure I had enough SQL"
        );
    }

    #[test]
    fn pronouns_are_read_from_the_notes() {
        assert_eq!(
            Pronoun::of_notes(["her 2019 outage story", "she asked about sql"]),
            Pronoun::She
        );
        assert_eq!(Pronoun::of_notes(["the roadmap"]), Pronoun::Unknown);
    }

    #[test]
    fn highlights_become_statements() {
        assert_eq!(
            as_statement("led the migration to kafka"),
            "I led the migration to Kafka"
        );
        assert_eq!(
            as_statement("five years building streaming data pipelines"),
            "five years building streaming data pipelines"
        );
    }
}
