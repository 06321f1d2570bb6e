//! Comma splices: two sentences joined by a comma alone ("I enjoyed our conversation, it made
//! me even more excited"). Seed 000 asks for clear, short sentences; a splice blurs them.

use super::{Slip, Word, skip_adverbs};

/// Words that open a clause which depends on another: a comma before their clause is right.
const SUBORDINATE: &[&str] = &[
    "if", "when", "while", "although", "though", "because", "since", "as", "after", "before",
    "once", "unless", "whether", "until", "whereas", "thank", "thanks", "hope", "hoping",
];

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    let Some(first) = s.iter().position(Word::word) else {
        return;
    };
    if s[first].is(SUBORDINATE) && !s[first].is(&["thank", "thanks"]) {
        return;
    }
    // "Having reflected on it, I …", "Should it help, I …", "To be clear, I …": an opening
    // phrase or an inverted condition, whose comma is right.
    if s[first].lower.ends_with("ing")
        || s[first].is(&[
            "should", "had", "were", "to", "having", "given", "as", "like", "unlike", "for", "in",
            "on", "at", "with", "from", "during", "over", "coming", "looking",
        ])
    {
        return;
    }
    for c in 0..s.len() {
        if s[c].mark != Some(',') || c == 0 {
            continue;
        }
        // "…; however, I understand": an opening adverb takes its comma.
        if s[c - 1].is(&[
            "however",
            "therefore",
            "still",
            "yes",
            "no",
            "sadly",
            "unfortunately",
            "meanwhile",
            "instead",
            "also",
            "first",
            "finally",
            "otherwise",
            "then",
            "now",
            "again",
        ]) {
            continue;
        }
        // The left side is a clause since the last semicolon: it has a subject and a finite
        // verb, or thanks someone.
        let first = s[..c]
            .iter()
            .rposition(|w| matches!(w.mark, Some(';' | ':')))
            .map_or(first, |p| p + 1);
        if first >= c {
            continue;
        }
        let left = &s[first..c];
        let thanks = s[first].is(&["thank", "thanks"]);
        let has_verb = left.iter().any(|w| w.verb() && !w.lower.ends_with("ing"));
        let has_subject = left
            .iter()
            .any(|w| w.is(super::SUBJECT_PRONOUNS) || w.noun());
        if !(thanks || has_verb && has_subject) {
            continue;
        }
        if left
            .iter()
            .any(|w| w.is(SUBORDINATE) && !w.is(&["thank", "thanks", "hope", "hoping"]))
        {
            continue;
        }
        // The right side opens a clause of its own: a subject pronoun and a verb, "please",
        // or "however" with a subject.
        let mut r = c + 1;
        let however = s
            .get(r)
            .is_some_and(|w| w.is(&["however", "therefore", "otherwise"]));
        if however {
            r += 1;
        }
        let Some(start) = s.get(r) else { continue };
        let opens = if start.is(&["please"]) {
            s.get(r + 1)
                .is_some_and(|w| w.verb() || w.is(&["let", "pass", "feel", "find", "see", "keep"]))
        } else if start.is(&["i", "it", "they", "we", "he", "she", "this", "you"]) {
            let v = skip_adverbs(s, r + 1);
            s.get(v)
                .is_some_and(|w| w.verb() && w.word() && !w.lower.ends_with("ing"))
        } else {
            false
        };
        // "…, I think, …" and "…, you know" are asides, not clauses.
        let aside = s
            .get(r + 1)
            .is_some_and(|w| w.is(&["think", "believe", "hope", "know", "mean", "guess"]))
            && s.get(r + 2).is_none_or(|w| w.mark.is_some());
        if opens && !aside {
            found.push(Slip::new(
                &s[c..=c],
                "a comma alone joins two sentences here; use a full stop, a semicolon, or a word such as \"and\"",
                ";",
            ));
        }
    }
}
