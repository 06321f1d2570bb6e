//! A singular countable noun needs an article or another determiner: "I was freshman", "it
//! will be good situation", "she does not have job" (seed 002: a careless slip undoes a
//! careful note). Only after "be" and "have", where a bare singular noun is rarely right.

use super::{Slip, Word};
use harper_brill::UPOS;

/// Nouns that go without an article after "be" or "have" ("have time", "is home", "was
/// fun", "is key"): places, meals, and what is had rather than counted.
const BARE_NOUNS: &[&str] = &[
    "home",
    "work",
    "school",
    "college",
    "university",
    "church",
    "bed",
    "town",
    "class",
    "lunch",
    "dinner",
    "breakfast",
    "fun",
    "key",
    "time",
    "access",
    "trouble",
    "control",
    "potential",
    "priority",
    "part",
    "enough",
    "plenty",
    "nothing",
    "something",
    "everything",
    "anything",
    "none",
    "one",
    "half",
    "president",
    "chair",
    "head",
    "captain",
    "ceo",
    "cto",
    "manager",
    "lead",
    "director",
    "mine",
    "yours",
    "ours",
    "theirs",
    "hers",
    "his",
    "less",
    "more",
    "most",
    "fine",
    "okay",
    "ok",
    "true",
    "right",
    "wrong",
    "interest",
    "faith",
    "hope",
    "courage",
    "sense",
    "use",
    "value",
    "fault",
    "debt",
    "risk",
    "luck",
    "confidence",
    "respect",
    "doubt",
    "authority",
    "permission",
    "insight",
    "influence",
    "impact",
    "room",
    "space",
    "place",
    "way",
    "today",
    "tomorrow",
    "tonight",
    "yesterday",
    "age",
    "business",
    "english",
    "french",
    "spanish",
    "german",
    "chinese",
    "japanese",
    "law",
    "medicine",
    "art",
    "science",
    "history",
    "music",
    "sport",
    "football",
    "tennis",
    "team",
    "experience",
    "knowledge",
    "training",
    "expertise",
    "background",
    "company",
];

fn countable_singular(w: &Word) -> bool {
    let Some(m) = w.meta.as_ref() else {
        return false;
    };
    let mass = m.noun.as_ref().is_some_and(|n| n.is_mass == Some(true));
    w.tagged(UPOS::NOUN)
        && !w.text.starts_with(char::is_uppercase)
        && w.singular_noun()
        && m.is_countable_noun()
        && !mass
        && !m.is_mass_noun_only()
        // "was kind and thoughtful": a word that is an adjective too is read as one.
        && !m.is_adjective()
        && !w.is(BARE_NOUNS)
        && !w.lower.ends_with("ing")
        && !w.lower.ends_with("ness")
        && !w.lower.ends_with("ity")
        && !w.lower.ends_with("ship")
        && !w.lower.ends_with("ism")
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for i in 0..s.len() {
        let w = &s[i];
        let be = w.is(&[
            "is", "was", "be", "been", "being", "am", "that's", "become", "became",
        ]);
        let have = w.is(&["have", "has", "had"]) && i > 0 && !s[i - 1].is(&["to"]);
        if !(be || have) {
            continue;
        }
        let mut k = i + 1;
        while s
            .get(k)
            .is_some_and(|a| a.is(&["very", "so", "really", "quite", "such", "not", "also"]))
        {
            k += 1;
        }
        let start = k;
        while s.get(k).is_some_and(|a| a.tagged(UPOS::ADJ) && a.word()) {
            k += 1;
        }
        let Some(noun) = s.get(k) else {
            continue;
        };
        // The noun ends the phrase: "is team work", "was part of" are something else.
        let ends = s.get(k + 1).is_none_or(|n| {
            (!n.word() && n.mark != Some('-')) || (n.word() && !(n.noun() || n.is(&["of", "'s"])))
        });
        if countable_singular(noun) && ends && !s[start..k].iter().any(|a| a.is(&["enough"])) {
            let phrase: Vec<&str> = s[start..=k].iter().map(|a| a.text.as_str()).collect();
            let phrase = phrase.join(" ");
            let article = if phrase
                .chars()
                .next()
                .is_some_and(|c| "aeiouAEIOU".contains(c))
            {
                "an"
            } else {
                "a"
            };
            found.push(Slip::new(
                &s[start..=k],
                format!(
                    "\"{}\" is a singular noun that counts, so it needs an article or another determiner",
                    noun.text
                ),
                format!("{article} {phrase}"),
            ));
        }
    }
}
