//! Homophones by their neighbours: "for you're time", "I know your busy", "glad to here",
//! "more now then before", "who's team", "to except the offer" (seed 002).

use super::{Slip, Word};
use harper_brill::UPOS;

fn push(found: &mut Vec<Slip>, s: &[Word], i: usize, right: &str, why: &str) {
    let right = if s[i].text.starts_with(char::is_uppercase) {
        let mut c = right.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        right.to_string()
    };
    found.push(Slip::new(
        &s[i..=i],
        format!("\"{}\" {why}; here it is \"{right}\"", s[i].text),
        right,
    ));
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for i in 0..s.len() {
        let next = s.get(i + 1);
        let prev = i.checked_sub(1).map(|p| &s[p]);
        let w = &s[i];
        // "you're time" → "your time": "you are" cannot stand before a noun after a preposition.
        if w.is(&["you're"])
            && prev.is_some_and(|p| {
                p.tagged(UPOS::ADP) || p.is(&["for", "of", "with", "about", "thank"])
            })
            && next.is_some_and(|n| n.noun())
        {
            push(found, s, i, "your", "means \"you are\"");
        }
        // "your busy" → "you're busy": a possessive needs a noun; an adjective alone ends it.
        if w.is(&["your"])
            && next.is_some_and(|n| {
                n.tagged(UPOS::ADJ)
                    && n.is(&[
                        "busy",
                        "right",
                        "welcome",
                        "correct",
                        "free",
                        "able",
                        "likely",
                        "interested",
                        "available",
                        "sure",
                        "aware",
                        "open",
                        "happy",
                    ])
            })
            && s.get(i + 2).is_none_or(|n| !n.noun())
        {
            push(found, s, i, "you're", "is a possessive");
        }
        // "to here that" → "to hear": after "to" or a modal, a verb.
        if w.is(&["here"])
            && prev.is_some_and(|p| p.is(&["to", "can", "could", "will", "would"]))
            && next.is_some_and(|n| {
                n.is(&[
                    "that", "from", "about", "back", "more", "how", "what", "whether",
                ])
            })
        {
            push(found, s, i, "hear", "is a place");
        }
        // "more … now then it did" → "than": a comparison.
        if w.is(&["then"])
            && s[..i].iter().rev().take(8).any(|p| {
                p.is(&["more", "less", "better", "rather", "fewer", "other"])
                    || (p.tagged(UPOS::ADJ) && p.lower.ends_with("er") && p.lower.len() > 4)
            })
            && next.is_some_and(|n| {
                n.is(&[
                    "it", "i", "we", "they", "he", "she", "you", "ever", "before", "expected",
                    "the", "a", "anyone", "usual",
                ])
            })
        {
            push(found, s, i, "than", "is about time");
        }
        // "who's team" → "whose team".
        if w.is(&["who's"]) && next.is_some_and(|n| n.noun() && !n.verb()) {
            push(found, s, i, "whose", "means \"who is\"");
        }
        // "to except the offer" → "accept".
        if w.is(&["except"])
            && prev.is_some_and(|p| p.is(&["to", "will", "would", "gladly", "happily", "i", "and"]))
            && next.is_some_and(|n| n.is(&["the", "your", "this", "an", "a", "it", "my"]))
        {
            push(found, s, i, "accept", "means \"leaving out\"");
        }
    }
}
