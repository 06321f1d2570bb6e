//! A determiner or quantifier agrees with its noun in number: "several reason", "a lot of
//! project", "one of the best way" want plurals; "a products", "every details", "this
//! reasons" want singulars (seed 002: a careless slip undoes a careful note).

use super::{Lexicon, Slip, Word};
use harper_brill::UPOS;

/// Words that take a plural noun after them.
const TAKE_PLURAL: &[&str] = &[
    "several",
    "many",
    "few",
    "both",
    "these",
    "those",
    "various",
    "numerous",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "twenty",
    "hundreds",
    "thousands",
    "multiple",
];

/// Words that take a singular noun after them.
const TAKE_SINGULAR: &[&str] = &["a", "an", "every", "each", "another", "this", "one"];

/// Words after "a" that make a quantity of what follows ("a few", "a lot of").
const QUANTITY_AFTER_A: &[&str] = &[
    "few", "lot", "couple", "number", "great", "good", "series", "range", "variety", "host",
    "pair", "dozen", "handful", "bunch", "total", "means", "set",
];

fn is_number(w: &Word) -> bool {
    w.word() && w.meta.is_none() && w.text.chars().all(|c| c.is_ascii_digit())
}

/// The noun a determiner at `det` governs: past adjectives to the last noun of the run
/// ("several job offer" → "offer"), with the count of words in the run. None when the run
/// ends in something other than a common noun.
fn head_after(s: &[Word], det: usize) -> Option<(usize, usize)> {
    let mut i = det + 1;
    let mut last_noun = None;
    let mut run = 0;
    while let Some(w) = s.get(i) {
        if !w.word() {
            break;
        }
        // "this fishing limits": an -ing word before the noun describes it.
        let adjective = w.tagged(UPOS::ADJ)
            || (w.verb() && w.lower.ends_with("ing"))
            || w.is(&["more", "other", "different", "new", "main", "key"]);
        if w.tagged(UPOS::NOUN) {
            last_noun = Some(i);
        } else if !(adjective && last_noun.is_none()) {
            break;
        }
        run += 1;
        i += 1;
    }
    let head = last_noun?;
    // A noun followed by "of" heads a phrase of its own ("a couple of", "kind of").
    if s.get(head + 1).is_some_and(|w| w.is(&["of"]))
        && run == 1
        && s[head].is(&["kind", "sort", "type"])
    {
        return None;
    }
    Some((head, run))
}

/// A common noun that counts: no name, no word the dictionary lacks, not only a mass noun.
fn countable(w: &Word) -> bool {
    let Some(m) = w.meta.as_ref() else {
        return false;
    };
    w.tagged(UPOS::NOUN)
        && !w.text.starts_with(char::is_uppercase)
        && m.is_countable_noun()
        && !m.is_mass_noun_only()
}

pub fn check(s: &[Word], lexicon: &Lexicon, found: &mut Vec<Slip>) {
    for i in 0..s.len() {
        let w = &s[i];
        if !w.word() {
            continue;
        }
        let before = i.checked_sub(1).map(|k| &s[k]);
        // Plural wanted: "several reason", "a lot of project", "one of the best way".
        let wants_plural = if w.is(TAKE_PLURAL) || is_number(w) {
            // "a two year contract", "two-year", "these were", "two of": not a determiner here.
            let numeral = is_number(w) || w.is(&["two", "three", "four", "five", "ten"]);
            let after_article = before.is_some_and(|b| b.is(&["a", "an", "the", "one"]));
            let no_noun_next = s
                .get(i + 1)
                .is_some_and(|n| !n.word() || n.is(&["of", "more", "less"]));
            let one = is_number(w) && w.text == "1";
            let counted = !(no_noun_next || (numeral && after_article) || one);
            counted.then_some((i, numeral))
        } else if w.is(&["most"])
            && !before.is_some_and(|b| b.is(&["the", "at"]))
            && s.get(i + 1).is_some_and(|n| n.tagged(UPOS::NOUN))
        {
            // "most student": "most" before a noun that is never a mass noun.
            Some((i, false))
        } else if w.is(&["of"])
            && i >= 2
            && (s[i - 1].is(&["lot", "lots", "plenty"])
                || (s[i - 1].is(&["couple", "number"]) && s[i - 2].is(&["a"])))
        {
            Some((i, false))
        } else if w.is(&["one"])
            && s.get(i + 1).is_some_and(|n| n.is(&["of"]))
            && s.get(i + 2).is_some_and(|n| {
                n.is(&[
                    "the", "my", "our", "your", "their", "his", "her", "its", "these", "those",
                ])
            })
        {
            Some((i + 2, false))
        } else {
            None
        };
        if let Some((det, numeral)) = wants_plural
            && let Some((head, run)) = head_after(s, det)
        {
            let noun = &s[head];
            // "a lot of time", "two years experience": a noun that may be a mass noun takes
            // "a lot of"; a numeral's noun must follow it directly.
            let mass_too = noun
                .meta
                .as_ref()
                .and_then(|m| m.noun.as_ref())
                .is_some_and(|n| n.is_mass == Some(true));
            let of_quantity = (s[det].is(&["of"]) && s[det - 1].is(&["lot", "lots", "plenty"]))
                || s[det].is(&["most"]);
            // "lots of hardship": an abstract noun often goes uncounted.
            let abstract_noun = ["ship", "ness", "ity", "ism", "ance", "ence", "ment", "tion"]
                .iter()
                .any(|e| noun.lower.ends_with(e));
            let fits = !(of_quantity && (mass_too || abstract_noun)) && !(numeral && run > 1);
            if fits
                && countable(noun)
                && noun.singular_noun()
                && s.get(head + 1).is_none_or(|n| !n.is(&["of", "'s"]))
                && let Some(plural) = lexicon.plural_of(&noun.lower)
            {
                let what = if s[det].is(&["of"]) {
                    format!("\"{} {}\"", s[det - 1].text, s[det].text)
                } else if s[i].is(&["one"]) {
                    "\"one of\"".to_string()
                } else {
                    format!("\"{}\"", s[det].text)
                };
                found.push(Slip::new(
                    &s[head..=head],
                    format!(
                        "after {what} the noun is plural: \"{plural}\", not \"{}\"",
                        noun.text
                    ),
                    plural,
                ));
            }
            continue;
        }
        // Singular wanted: "a products", "every details", "this reasons".
        if w.is(TAKE_SINGULAR)
            && !s
                .get(i + 1)
                .is_some_and(|n| n.is(QUANTITY_AFTER_A) || n.is(&["of"]))
            && !(w.is(&["one", "this"]) && before.is_some_and(|b| b.is(&["the", "that"])))
            && let Some((head, run)) = head_after(s, i)
        {
            let noun = &s[head];
            let plural = noun.plural_noun()
                && countable(noun)
                && noun
                    .meta
                    .as_ref()
                    .is_some_and(|m| !m.is_singular_noun() && m.is_plural_noun_only());
            // "this means", "each costs", "this person guides you": a verb after a pronoun
            // or a noun, tagged a noun.
            let verb_too = (run == 1
                && w.is(&["this", "each", "one"])
                && noun.meta.as_ref().is_some_and(|m| m.is_verb()))
                || (run > 1
                    && noun
                        .meta
                        .as_ref()
                        .is_some_and(|m| m.is_verb_third_person_singular_present_form())
                    && s.get(head + 1).is_some_and(|o| {
                        o.tagged(UPOS::PRON) || o.tagged(UPOS::DET) || o.tagged(UPOS::ADP)
                    }));
            if plural
                && !verb_too
                && s.get(head + 1).is_none_or(|n| !n.tagged(UPOS::NOUN))
                && let Some(one) = lexicon.singular_of(&noun.lower)
            {
                found.push(Slip::new(
                    &s[head..=head],
                    format!(
                        "after \"{}\" the noun is singular: \"{one}\", not \"{}\"",
                        w.text, noun.text
                    ),
                    one,
                ));
            }
        }
    }
}
