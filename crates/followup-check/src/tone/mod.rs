//! The tone family of SPEC §4 (tone-desperate, tone-demanding, tone-familiar,
//! tone-defensive, shouting; seeds 000–004): phrase rules for what they explain well, and a
//! model trained on our corpus for the same intent said in other words.

mod calmer;
pub mod features;
pub mod model;
pub mod training;

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

use followup_core::{Culture, text};

use crate::Context;
use crate::Severity;
use crate::note::Note;
use crate::rules::{Findings, lower_words};

/// The whole family: the phrase rules first, then the model for what they let through.
pub fn run(note: &Note, c: &Context, f: &mut Findings) {
    tone(note, c, f);
    shouting(note, c, f);
    by_meaning(note, c, f);
}

/// The tone rules that work on phrases alone, without the model, over `text` as a note:
/// the rule id of each finding. For measuring the two halves apart.
pub fn by_phrases(text: &str, c: &Context) -> Vec<&'static str> {
    let note = Note::parse(text);
    let mut f = Findings::new(text);
    tone(&note, c, &mut f);
    shouting(&note, c, &mut f);
    f.finish().diagnostics.into_iter().map(|d| d.rule).collect()
}

/// The rule id of a model class, and what its message says of a sentence.
fn rule_of(class: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match class {
        "desperate" => (
            "tone-desperate",
            "sounds needy",
            "confidence reads better than pleading",
        ),
        "demanding" => ("tone-demanding", "sounds impatient", "ask, don't demand"),
        "defensive" => (
            "tone-defensive",
            "dwells on the interview's weak spots",
            "lead with what you offer",
        ),
        "familiar" => (
            "tone-familiar",
            "is too casual for a note to an interviewer",
            "keep it friendly but plain",
        ),
        "shouting" => (
            "shouting",
            "reads as shouting",
            "let the words carry the feeling",
        ),
        _ => return None,
    })
}

/// Each sentence judged by the trained model; a finding names the words that weighed most
/// and offers a calmer sentence. A sentence a phrase rule already flagged for the same tone
/// is not flagged twice.
fn by_meaning(note: &Note, c: &Context, f: &mut Findings) {
    let culture = c.culture.unwrap_or(Culture::Neutral);
    // Greetings, subjects and sign-offs are short set forms the phrase rules know; the model
    // learned from sentences, and reads sentences.
    for piece in &note.sentences {
        let Some(judged) = model::judge(piece.text) else {
            continue;
        };
        // Casual words suit a casual culture; SPEC §4 flags them where the culture is not.
        if judged.class == "familiar" && culture == Culture::Casual {
            continue;
        }
        let Some((rule, reads, instead)) = rule_of(judged.class) else {
            continue;
        };
        if f.has(rule, &piece.span) {
            continue;
        }
        let words: Vec<String> = judged
            .carriers
            .iter()
            .map(|r| format!("\"{}\"", &piece.text[r.clone()]))
            .collect();
        let because = if words.is_empty() {
            String::new()
        } else {
            format!(" (the weight is on {})", words.join(", "))
        };
        let suggestions = calmer::calmer(piece.text, judged.class, c.kind)
            .into_iter()
            .collect();
        f.push(
            rule,
            Severity::Warning,
            piece.span.clone(),
            format!("this sentence {reads}{because}; {instead}"),
            suggestions,
        );
    }
}

/// A phrase pattern: words in order, where `*` stands for any one word.
struct Pattern {
    words: &'static [&'static str],
    /// A demand only when the reader is to do it: "respond by Friday" is, "I'll respond by
    /// Friday" is not.
    of_the_reader: bool,
}

const fn p(words: &'static [&'static str]) -> Pattern {
    Pattern {
        words,
        of_the_reader: false,
    }
}

const fn r(words: &'static [&'static str]) -> Pattern {
    Pattern {
        words,
        of_the_reader: true,
    }
}

const DESPERATE: &[Pattern] = &[
    p(&["desperate"]),
    p(&["desperately"]),
    p(&["beg"]),
    p(&["begging"]),
    p(&["plead"]),
    p(&["pleading"]),
    p(&["really", "need", "this"]),
    p(&["need", "this", "job"]),
    p(&["need", "this", "role"]),
    p(&["need", "this", "position"]),
    p(&["need", "this", "opportunity"]),
    p(&["really", "need", "the", "job"]),
    p(&["please", "please"]),
    p(&["i'll", "do", "anything"]),
    p(&["i", "will", "do", "anything"]),
    p(&["any", "job", "at", "all"]),
    p(&["my", "last", "hope"]),
    p(&["only", "hope"]),
    p(&["can't", "afford", "to", "lose"]),
    p(&["cannot", "afford", "to", "lose"]),
    p(&["please", "give", "me", "a", "chance"]),
    p(&["please", "hire", "me"]),
    p(&["please", "don't", "reject"]),
    p(&["my", "family", "depends"]),
    p(&["i", "really", "really"]),
    p(&["so", "badly"]),
    p(&["more", "than", "anything"]),
];

const DEMANDING: &[Pattern] = &[
    p(&["asap"]),
    p(&["a.s.a.p"]),
    p(&["i", "expect", "to", "hear"]),
    p(&["i", "expect", "a", "response"]),
    p(&["i", "expect", "an", "answer"]),
    p(&["i", "expect", "a", "decision"]),
    p(&["why", "haven't", "i", "heard"]),
    p(&["why", "have", "i", "not", "heard"]),
    p(&["why", "hasn't", "anyone"]),
    p(&["i", "need", "an", "answer"]),
    p(&["i", "need", "a", "decision"]),
    p(&["i", "need", "to", "know", "by"]),
    p(&["i", "demand"]),
    p(&["you", "must"]),
    r(&["respond", "immediately"]),
    r(&["reply", "immediately"]),
    p(&["by", "end", "of", "day"]),
    p(&["by", "eod"]),
    p(&["get", "back", "to", "me", "asap"]),
    p(&["i", "insist"]),
    p(&["still", "waiting"]),
    p(&["i've", "been", "waiting"]),
    p(&["i", "have", "been", "waiting"]),
    p(&["no", "one", "has", "bothered"]),
    r(&["respond", "by"]),
    r(&["answer", "by"]),
    p(&["you", "need", "to", "tell", "me"]),
];

const DEFENSIVE: &[Pattern] = &[
    p(&["i", "messed", "up"]),
    p(&["messed", "up"]),
    p(&["i", "blew"]),
    p(&["i", "bombed"]),
    p(&["i", "blanked"]),
    p(&["i", "froze"]),
    p(&["was", "unfair"]),
    p(&["unfair", "question"]),
    p(&["not", "fair"]),
    p(&["in", "my", "defense"]),
    p(&["in", "my", "defence"]),
    p(&["to", "be", "fair"]),
    p(&["i", "wasn't", "prepared"]),
    p(&["i", "was", "not", "prepared"]),
    p(&["i", "was", "so", "nervous"]),
    p(&["i", "was", "nervous"]),
    p(&["didn't", "do", "well"]),
    p(&["did", "not", "do", "well"]),
    p(&["did", "poorly"]),
    p(&["i", "know", "i", "didn't"]),
    p(&["sorry", "for", "my", "performance"]),
    p(&["apologize", "for", "my", "performance"]),
    p(&["apologise", "for", "my", "performance"]),
    p(&["not", "my", "best"]),
    p(&["wasn't", "given", "enough", "time"]),
    p(&["trick", "question"]),
    p(&["badly", "worded"]),
    p(&["i", "should", "have", "said"]),
    p(&["i", "stumbled"]),
];

const SLANG: &[&str] = &[
    "gonna", "wanna", "gotta", "lol", "lmao", "omg", "btw", "thx", "tnx", "pls", "plz", "dude",
    "bro", "stoked", "pumped", "awesome", "yo", "ya", "yeah", "yep", "nope", "kinda", "sorta",
    "y'all", "ur", "u", "cya", "haha", "hehe", "xoxo", "crushed", "killer", "legit", "vibes",
    "vibe", "mate",
];

/// Casual but common words a neutral note can carry ("it's totally fine", "cheers for the
/// tour"), and a formal one cannot.
const MILD_SLANG: &[&str] = &["totally", "cool", "super", "cheers"];

const STRONG_SLANG: &[&str] = &[
    "lol", "lmao", "omg", "ur", "u", "cya", "haha", "hehe", "xoxo", "bro", "dude", "thx", "plz",
    "pls", "yo",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "no", "isn't", "wasn't", "am't", "aren't", "don't", "didn't", "without", "nor",
    "hardly",
];

/// A set of words, hashed as the tone features hash them.
type WordSet = HashSet<&'static str, BuildHasherDefault<features::Fnv>>;

/// The words before word `i` in its clause, nearest first, at most six.
fn clause_before<'w>(
    source: &str,
    words: &'w [(String, Range<usize>)],
    i: usize,
) -> impl Iterator<Item = &'w str> {
    (0..i)
        .rev()
        .take(6)
        .take_while(move |&j| {
            let gap = &source[words[j].1.end..words[j + 1].1.start];
            !gap.contains([',', '.', ';', ':', '!', '?', '('])
        })
        .map(|j| words[j].0.as_str())
}

/// Finds each pattern; a negation earlier in its clause turns it off ("I am not desperate",
/// "I'm not in a position where I need a decision").
fn find_patterns(
    source: &str,
    words: &[(String, Range<usize>)],
    patterns: &[Pattern],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Only a word some pattern starts with can start a match; most words are not one.
    static FIRSTS: OnceLock<WordSet> = OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        [DESPERATE, DEMANDING, DEFENSIVE]
            .iter()
            .flat_map(|list| list.iter().map(|p| p.words[0]))
            .collect()
    });
    'at: for i in 0..words.len() {
        if !firsts.contains(words[i].0.as_str()) {
            continue;
        }
        for pattern in patterns {
            let n = pattern.words.len();
            if i + n > words.len() {
                continue;
            }
            if !pattern
                .words
                .iter()
                .zip(&words[i..i + n])
                .all(|(p, (w, _))| *p == "*" || p == w)
            {
                continue;
            }
            let negated = clause_before(source, words, i)
                .any(|w| NEGATIONS.contains(&w) || w.ends_with("n't"));
            if negated {
                continue;
            }
            let by_the_writer = clause_before(source, words, i)
                .any(|w| matches!(w, "i" | "i'll" | "i'd" | "i'm" | "we" | "we'll" | "me"));
            if pattern.of_the_reader && by_the_writer {
                continue;
            }
            out.push(words[i].1.start..words[i + n - 1].1.end);
            continue 'at;
        }
    }
    out
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x1F000..=0x1F2FF | 0xFE0F)
}

fn tone(note: &Note, c: &Context, f: &mut Findings) {
    let words = lower_words(note);
    for (patterns, class) in [
        (DESPERATE, "desperate"),
        (DEMANDING, "demanding"),
        (DEFENSIVE, "defensive"),
    ] {
        let Some((rule, reads, instead)) = rule_of(class) else {
            continue;
        };
        for span in find_patterns(note.source, &words, patterns) {
            let what = &note.source[span.clone()];
            let message = format!("\"{what}\" {reads}; {instead}");
            // The tone is the sentence's, so the finding covers it and offers a calmer one
            // in its place; a phrase outside the body's sentences is pointed at alone.
            match note
                .sentences
                .iter()
                .find(|s| s.span.start <= span.start && span.end <= s.span.end)
            {
                Some(sentence) => f.push(
                    rule,
                    Severity::Warning,
                    sentence.span.clone(),
                    message,
                    calmer::calmer(sentence.text, class, c.kind)
                        .into_iter()
                        .collect(),
                ),
                None => f.push(rule, Severity::Warning, span, message, Vec::new()),
            }
        }
    }
    let culture = c.culture.unwrap_or(Culture::Neutral);
    static SETS: OnceLock<[WordSet; 3]> = OnceLock::new();
    let [strong, any, formal] = SETS.get_or_init(|| {
        [
            STRONG_SLANG.iter().copied().collect(),
            SLANG.iter().copied().collect(),
            SLANG.iter().chain(MILD_SLANG).copied().collect(),
        ]
    });
    let slang = match culture {
        Culture::Casual => strong,
        Culture::Neutral => any,
        Culture::Formal => formal,
    };
    for (w, span) in &words {
        if slang.contains(w.as_str()) {
            f.push(
                "tone-familiar",
                Severity::Warning,
                span.clone(),
                format!(
                    "\"{}\" is too casual for a {culture} note",
                    &note.source[span.clone()]
                ),
                calmer::plainer(w).map(str::to_string).into_iter().collect(),
            );
        }
    }
    for (i, ch) in note.source.char_indices() {
        if is_emoji(ch) && ch != '\u{FE0F}' {
            f.push(
                "tone-familiar",
                Severity::Warning,
                i..i + ch.len_utf8(),
                "an emoji is too familiar for a message to an interviewer".to_string(),
                Vec::new(),
            );
        }
    }
    if culture != Culture::Casual
        && let Some(g) = &note.greeting
    {
        let lower = g.text.to_lowercase();
        for casual in ["hey", "hiya", "yo"] {
            if lower.starts_with(casual)
                && lower[casual.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric())
            {
                f.push(
                    "tone-familiar",
                    Severity::Warning,
                    g.span.start..g.span.start + casual.len(),
                    format!(
                        "\"{}\" is too casual a greeting for a {culture} note",
                        &g.text[..casual.len()]
                    ),
                    vec!["Dear".into()],
                );
            }
        }
    }
}

fn shouting(note: &Note, c: &Context, f: &mut Findings) {
    // An acronym the user's own notes, the company or the role name ("gdpr", "NHS Digital")
    // is a name, not a raised voice, whatever capitals the draft gives it.
    let known: HashSet<String> = c
        .details
        .iter()
        .chain(&c.company)
        .chain(&c.role)
        .flat_map(|t| text::words(t))
        .collect();
    for w in &note.words {
        let letters: Vec<char> = w.text.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 2
            && letters.iter().all(|c| c.is_uppercase())
            && features::is_raised(w.text)
            && !known.contains(&w.text.to_lowercase())
        {
            f.push(
                "shouting",
                Severity::Warning,
                w.span.clone(),
                format!("{} in capitals reads as shouting", w.text),
                vec![w.text.to_lowercase()],
            );
        }
    }
    let s = note.source;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'!' {
            let start = i;
            while i < bytes.len() && (bytes[i] == b'!' || bytes[i] == b'?') {
                i += 1;
            }
            if s[start..i].matches('!').count() >= 2 {
                f.push(
                    "shouting",
                    Severity::Warning,
                    start..i,
                    "repeated exclamation marks read as shouting".to_string(),
                    vec![".".into()],
                );
            }
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str, culture: &str) -> Vec<crate::Diagnostic> {
        let c: Context = serde_json::from_value(serde_json::json!({ "culture": culture })).unwrap();
        let note = Note::parse(text);
        let mut f = Findings::new(text);
        run(&note, &c, &mut f);
        f.finish().diagnostics
    }

    #[test]
    fn a_paraphrase_no_phrase_rule_knows_is_found_with_its_words_and_a_calmer_line() {
        let text = "Thank you for Tuesday. honestly if this falls through i dont know what \
                    i'll do, my savings are almost gone.";
        let found = findings(text, "neutral");
        let d = found
            .iter()
            .find(|d| d.rule == "tone-desperate")
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert!(d.message.contains("the weight is on \""), "{}", d.message);
        let calmer = d.suggestions.first().expect("a calmer sentence");
        assert!(
            model::judge(calmer).is_none_or(|j| j.class != "desperate"),
            "{calmer}"
        );
    }

    #[test]
    fn a_negated_or_fixed_problem_is_not_a_tone() {
        for text in [
            "I'm not in any hurry, so please take the time the panel needs.",
            "Sorry for the mix-up over the calendar invite; Thursday at ten works well.",
            "During the outage I stayed calm, found the failing job and fixed it within the hour.",
            "I used GDPR and HIPAA rules daily in my last role.",
        ] {
            let found = findings(text, "neutral");
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
    }

    #[test]
    fn a_casual_culture_keeps_its_casual_words() {
        let text = "Thanks heaps for the chat, it was awesome to see the studio.";
        assert!(
            findings(text, "casual")
                .iter()
                .all(|d| d.rule != "tone-familiar"),
            "{:#?}",
            findings(text, "casual")
        );
    }
}
