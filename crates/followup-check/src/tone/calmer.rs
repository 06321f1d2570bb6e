//! A calmer sentence for one the tone model flagged: first the writer's own sentence with the
//! loud or casual words taken out or put plainly, and only when that still reads the same, a
//! sentence of our own that says what the note needs to say at that point.

use followup_core::ActionKind;

use super::model;

/// Casual words and what a note to an interviewer says instead ("" drops the word).
const PLAINER: &[(&str, &str)] = &[
    ("gonna", "going to"),
    ("wanna", "want to"),
    ("gotta", "have to"),
    ("hey", "Hello"),
    ("heya", "Hello"),
    ("hiya", "Hello"),
    ("yo", "Hello"),
    ("sup", ""),
    ("dude", ""),
    ("bro", ""),
    ("mate", ""),
    ("buddy", ""),
    ("pal", ""),
    ("guys", "everyone"),
    ("lol", ""),
    ("lmao", ""),
    ("haha", ""),
    ("hehe", ""),
    ("omg", ""),
    ("xoxo", ""),
    ("xx", ""),
    ("btw", ""),
    ("tbh", ""),
    ("thx", "thanks"),
    ("tnx", "thanks"),
    ("ty", "thank you"),
    ("pls", "please"),
    ("plz", "please"),
    ("u", "you"),
    ("ur", "your"),
    ("ya", "you"),
    ("yeah", "yes"),
    ("yep", "yes"),
    ("nope", "no"),
    ("nah", "no"),
    ("kinda", "rather"),
    ("sorta", "rather"),
    ("awesome", "great"),
    ("stoked", "excited"),
    ("pumped", "excited"),
    ("super", "very"),
    ("totally", "completely"),
    ("cuz", "because"),
    ("coz", "because"),
    ("tho", "though"),
    ("cheers", "thank you"),
    ("asap", ""),
];

/// What a note to an interviewer says for a casual word, when it says something ("thx" →
/// "thanks"); `None` for a word that is better dropped or is not casual.
pub fn plainer(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase().replace('’', "'");
    PLAINER
        .iter()
        .find(|(casual, plain)| *casual == lower && !plain.is_empty())
        .map(|(_, plain)| *plain)
}

/// Words that only turn the volume up; a sentence says the same without them.
const LOUDER: &[&str] = &[
    "really",
    "so",
    "truly",
    "desperately",
    "incredibly",
    "extremely",
    "absolutely",
    "utterly",
    "immensely",
    "literally",
    "seriously",
    "honestly",
    "very",
    "just",
];

/// Words in a line that a reader hears as shouting, lowered ("SO", "NOW"); short unknown
/// capitals ("AWS", "GDPR") are names and stay.
fn lowered(word: &str) -> Option<String> {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let all_capitals = letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if !all_capitals {
        return None;
    }
    let lower = word.to_lowercase();
    let common = super::features::tokens(&lower)
        .iter()
        .all(|t| t.word.len() <= 3 && t.word.chars().all(|c| c.is_alphabetic()))
        && [
            "so", "now", "you", "me", "my", "all", "not", "no", "yes", "do", "be", "is", "am",
            "are", "the", "and", "any", "we", "our", "it", "to", "of", "in", "on", "for", "why",
            "how", "big", "can", "get", "i'm",
        ]
        .contains(&lower.as_str());
    (letters > 4 || common).then_some(lower)
}

/// A letter said three times or more ("sooo", "pleeease") said once, or twice where English
/// doubles it ("goood" → "good").
fn unstretched(word: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j].eq_ignore_ascii_case(&chars[i]) {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 {
            let doubled = [
                "good", "soon", "too", "need", "feel", "cool", "sweet", "keen", "all", "well",
                "really", "see", "look",
            ];
            let rest: String = chars[j..].iter().collect();
            let twice = format!("{out}{}{}{rest}", chars[i], chars[i]).to_lowercase();
            if doubled
                .iter()
                .any(|d| twice.starts_with(d) && twice.len() == d.len())
            {
                2
            } else {
                1
            }
        } else {
            run
        };
        out.extend(std::iter::repeat_n(chars[i], keep));
        i = j;
    }
    out
}

/// The writer's sentence with each word passed through `change` (None keeps it, Some("")
/// drops it), runs of "!" and "?" made one, and spaces and capitals put right.
fn rewritten(sentence: &str, change: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        match change(word) {
            Some(new) if new.is_empty() => {
                // Drop the word and the space before it.
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(' ');
            }
            Some(new) => out.push_str(&new),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in sentence.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            if super::features::is_emoji(c) || c == '\u{FE0F}' {
                continue;
            }
            if (c == '!' || c == '?') && (out.ends_with('!') || out.ends_with('?')) {
                if c == '?' && out.ends_with('!') {
                    out.pop();
                    out.push('?');
                }
                continue;
            }
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    // Tidy what dropping left: doubled spaces, a space before punctuation, a lone comma.
    let mut tidy = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        (" ,", ","),
        (" .", "."),
        (" !", "!"),
        (" ?", "?"),
        (",,", ","),
        (", .", "."),
        (",.", "."),
        (", !", "!"),
    ] {
        while tidy.contains(from) {
            tidy = tidy.replace(from, to);
        }
    }
    let tidy = tidy.trim_start_matches([',', ' ']).trim().to_string();
    let mut chars = tidy.chars();
    match chars.next() {
        Some(first)
            if sentence.starts_with(|c: char| c.is_uppercase())
                || first == 'i' && chars.as_str().starts_with(' ') =>
        {
            first.to_uppercase().chain(chars).collect()
        }
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => tidy,
    }
}

/// What a note of this kind can say instead, calmly, at the point a `class` sentence stood.
fn our_own(class: &str, kind: Option<ActionKind>) -> Option<&'static str> {
    let rejection = kind == Some(ActionKind::RejectionReply);
    Some(match class {
        "desperate" if rejection => {
            "I would welcome the chance to be considered for a future role."
        }
        "desperate" => {
            "I remain very interested in the role and would welcome the chance to contribute."
        }
        "demanding" if rejection => {
            "If you are able to share any feedback, I would be grateful for it."
        }
        "demanding" => "Could you let me know when you expect to have an update on the timeline?",
        "defensive" if rejection => {
            "Thank you for letting me know; any feedback you can share would help me grow."
        }
        "defensive" => {
            "I enjoyed our conversation and would be glad to say more about any of my answers."
        }
        _ => return None,
    })
}

/// A calmer sentence for `sentence`, flagged as `class`, that the model no longer flags.
pub fn calmer(sentence: &str, class: &str, kind: Option<ActionKind>) -> Option<String> {
    let reads_calm = |s: &str| !s.is_empty() && model::judge(s).is_none_or(|j| j.class != class);
    let plain = |w: &str| {
        let lower = w.to_lowercase().replace('’', "'");
        if let Some(l) = lowered(w) {
            return Some(unstretched(&l));
        }
        let stretched = unstretched(w);
        if stretched != w {
            return Some(stretched);
        }
        PLAINER
            .iter()
            .find(|(casual, _)| *casual == lower)
            .map(|(_, plain)| plain.to_string())
    };
    let quieter = |w: &str| {
        let lower = w.to_lowercase();
        if LOUDER.contains(&lower.as_str()) {
            Some(String::new())
        } else {
            plain(w)
        }
    };
    let first = rewritten(sentence, plain);
    let candidates = [first.clone(), rewritten(&first, quieter)];
    for candidate in candidates {
        if candidate != sentence && reads_calm(&candidate) {
            return Some(candidate);
        }
    }
    our_own(class, kind).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casual_words_are_put_plainly() {
        assert_eq!(
            rewritten("hey, thx so much lol, it was awesome!!", |w| PLAINER
                .iter()
                .find(|(c, _)| *c == w.to_lowercase())
                .map(|(_, p)| p.to_string())),
            "Hello, thanks so much, it was great!"
        );
    }

    #[test]
    fn shouted_words_come_down_and_acronyms_stay() {
        let s = rewritten("I am SO READY to build your AWS pipelines!!!", |w| {
            lowered(w)
        });
        assert_eq!(s, "I am so ready to build your AWS pipelines!");
        assert_eq!(unstretched("sooooo"), "so");
        assert_eq!(unstretched("goooood"), "good");
        assert_eq!(unstretched("pleeeease"), "please");
    }
}
