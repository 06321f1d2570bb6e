//! Noun and verb compounds: the noun is one word or hyphenated ("a follow-up", "the setup",
//! "a check-in"), the verb two words ("to follow up", "set up a call", "log in").

use super::{Slip, Word};
use harper_brill::UPOS;

/// The verb's two words and the noun's spelling.
const COMPOUNDS: &[(&str, &str, &str)] = &[
    ("follow", "up", "follow-up"),
    ("check", "in", "check-in"),
    ("set", "up", "setup"),
    ("log", "in", "login"),
    ("walk", "through", "walkthrough"),
    ("break", "down", "breakdown"),
    ("work", "out", "workout"),
    ("back", "up", "backup"),
    ("sign", "up", "sign-up"),
    ("hand", "off", "handoff"),
    ("roll", "out", "rollout"),
    ("sign", "off", "sign-off"),
    ("start", "up", "startup"),
    ("catch", "up", "catch-up"),
    ("hand", "over", "handover"),
    ("turn", "around", "turnaround"),
];

/// Words after which a noun comes: a determiner, a possessive, an adjective.
fn noun_slot(word: &Word) -> bool {
    word.is(&[
        "a", "an", "the", "my", "your", "our", "their", "his", "her", "this", "that", "quick",
        "brief", "short", "detailed", "final", "first", "second", "next", "any", "another",
    ]) || word.tagged(UPOS::ADJ) && !word.is(&["able", "happy", "glad", "keen", "eager"])
}

/// Words after which a verb comes: "to", a modal, a subject pronoun.
fn verb_slot(word: &Word) -> bool {
    word.is(&[
        "to", "can", "could", "will", "would", "should", "might", "may", "must", "i", "we",
        "please", "let's", "i'll", "we'll", "i'd", "we'd", "you", "they",
    ])
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for i in 0..s.len() {
        let prev = i.checked_sub(1).map(|p| &s[p]);
        for (verb, particle, noun) in COMPOUNDS {
            let joined: String = format!("{verb}{particle}");
            let hyphened = format!("{verb}-{particle}");
            let w = &s[i];
            // The noun where a verb belongs: "to followup", "can setup", "to login to".
            if (w.lower == joined || w.lower == hyphened) && prev.is_some_and(verb_slot) {
                // "the login" after "to" is "to the login": only a verb slot right before.
                found.push(Slip::new(
                    &s[i..=i],
                    format!(
                        "\"{}\" is the noun; the verb is two words, \"{verb} {particle}\"",
                        w.text
                    ),
                    format!("{verb} {particle}"),
                ));
            }
            // The verb where a noun belongs: "a follow up email", "the set up of", "my check in".
            if w.lower == *verb
                && s.get(i + 1).is_some_and(|n| n.lower == *particle)
                && prev.is_some_and(noun_slot)
                && !prev.is_some_and(|p| p.is(&["to"]))
            {
                found.push(Slip::new(
                    &s[i..=i + 1],
                    format!("as a noun, \"{verb} {particle}\" is written \"{noun}\""),
                    noun.to_string(),
                ));
            }
        }
        // "is there anyway I can" → "any way".
        if s[i].is(&["anyway"])
            && prev.is_some_and(|p| p.is(&["is", "there", "any", "if"]))
            && s.get(i + 1)
                .is_some_and(|n| n.is(&["i", "we", "to", "that", "you"]))
        {
            found.push(Slip::new(
                &s[i..=i],
                "\"anyway\" means \"in any case\"; a way of doing something is \"any way\"",
                "any way",
            ));
        }
    }
}
