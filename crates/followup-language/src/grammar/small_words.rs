//! Small words: one missing ("I would like thank you", "check in on status of"), one too many
//! ("to to"), "could of" for "could have", and the quantity words that depend on what they
//! count ("less openings", "the amount of people"), "went good", "real pleased".

use super::{Slip, Word};
use harper_brill::UPOS;

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for i in 0..s.len() {
        let w = &s[i];
        let next = s.get(i + 1);
        // "would like thank you" → "would like to thank you".
        if w.is(&[
            "like", "want", "wanted", "hope", "hoping", "need", "plan", "planning",
        ]) && i > 0
            && s[i - 1].is(&["would", "i", "we", "'d", "i'd", "really", "also"])
            && next.is_some_and(|n| {
                n.is(&[
                    "thank",
                    "ask",
                    "follow",
                    "share",
                    "discuss",
                    "learn",
                    "know",
                    "confirm",
                    "check",
                    "send",
                    "reiterate",
                    "express",
                ])
            })
        {
            found.push(Slip::new(
                &s[i..=i + 1],
                format!("\"{}\" takes \"to\" before the next verb", w.text),
                format!("{} to {}", w.text, s[i + 1].text),
            ));
        }
        // "on status of my application" → "on the status of".
        if w.is(&["on", "about", "regarding"])
            && next.is_some_and(|n| {
                n.is(&[
                    "status", "outcome", "timeline", "progress", "result", "decision",
                ])
            })
            && s.get(i + 2).is_some_and(|n| n.is(&["of"]))
        {
            found.push(Slip::new(
                &s[i..=i + 1],
                format!("\"{}\" needs an article here", s[i + 1].text),
                format!("{} the {}", w.text, s[i + 1].text),
            ));
        }
        // A word written twice: "to to", "the the".
        if let Some(n) = next
            && w.word()
            && n.word()
            && w.lower == n.lower
            && !w.is(&["that", "had", "is", "very", "so", "bye", "no"])
            && !w.noun()
        {
            found.push(Slip::new(
                &s[i..=i + 1],
                format!("\"{}\" is written twice", w.text),
                w.text.clone(),
            ));
        }
        // "could of" → "could have".
        if w.is(&["could", "would", "should", "might", "must"])
            && next.is_some_and(|n| n.is(&["of"]))
        {
            found.push(Slip::new(
                &s[i..=i + 1],
                format!(
                    "\"{} of\" is how \"{} have\" sounds; write \"have\"",
                    w.text, w.text
                ),
                format!("{} have", w.text),
            ));
        }
        // "less openings" → "fewer openings": "less" is for what cannot be counted.
        if w.is(&["less"]) && next.is_some_and(|n| n.plural_noun() && n.tagged(UPOS::NOUN)) {
            found.push(Slip::new(
                &s[i..=i],
                "things that can be counted take \"fewer\", not \"less\"",
                "fewer",
            ));
        }
        // "the amount of people" → "the number of people".
        if w.is(&["amount"])
            && next.is_some_and(|n| n.is(&["of"]))
            && s.get(i + 2)
                .is_some_and(|n| n.plural_noun() || n.is(&["people"]))
        {
            found.push(Slip::new(
                &s[i..=i],
                "things that can be counted take \"number\", not \"amount\"",
                "number",
            ));
        }
        // "went good" → "went well": an adverb says how something went.
        if w.is(&["went", "goes", "go", "going", "did", "performed", "worked"])
            && next.is_some_and(|n| n.is(&["good"]))
            && s.get(i + 2).is_none_or(|n| !n.noun())
        {
            found.push(Slip::new(
                &s[i + 1..=i + 1],
                format!("how something {} is said with \"well\"", w.text),
                "well",
            ));
        }
        // "real pleased" → "really pleased".
        if w.is(&["real"])
            && next.is_some_and(|n| n.tagged(UPOS::ADJ) || n.lower.ends_with("ed"))
            && s.get(i + 2).is_none_or(|n| !n.noun())
        {
            found.push(Slip::new(
                &s[i..=i],
                "before an adjective the adverb is \"really\"",
                "really",
            ));
        }
    }
}
