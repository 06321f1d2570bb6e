//! Pronoun case in a coordination: "me and my colleague were" as a subject, "between you and
//! I" as an object (seed 002: a note is read as a sample of the writer's care).

use super::{Slip, Word, skip_adverbs};

fn nominative(object: &str) -> Option<&'static str> {
    Some(match object {
        "me" => "I",
        "him" => "he",
        "her" => "she",
        "us" => "we",
        "them" => "they",
        _ => return None,
    })
}

fn accusative(subject: &str) -> Option<&'static str> {
    Some(match subject {
        "i" => "me",
        "he" => "him",
        "she" => "her",
        "we" => "us",
        "they" => "them",
        _ => return None,
    })
}

/// Words before a coordination that make it an object.
fn governs(word: &Word) -> bool {
    word.is(&[
        "for", "between", "to", "with", "from", "about", "by", "of", "at", "among", "like", "gave",
        "give", "giving", "told", "tell", "sent", "send", "thanked", "invited", "asked", "showed",
        "show", "helped", "let", "met", "joined",
    ])
}

/// Starts of a clause, after which a coordination is its subject.
fn opens_clause(before: Option<&Word>) -> bool {
    match before {
        None => true,
        Some(w) => {
            w.mark.is_some_and(|m| matches!(m, ',' | ';' | ':' | '"'))
                || w.is(&[
                    "that", "and", "but", "because", "when", "while", "since", "if", "so",
                    "although", "though", "after", "before", "once", "as",
                ])
        }
    }
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for c in 1..s.len().saturating_sub(1) {
        if !s[c].is(&["and", "or"]) {
            continue;
        }
        // The two members: one word each side, or a short noun phrase after the conjunction.
        let left = c - 1;
        let mut right_end = c + 1;
        if s[right_end].is(&["my", "the", "our", "your", "his", "their", "a"]) {
            while right_end + 1 < s.len()
                && (s[right_end + 1].noun()
                    || s[right_end + 1].tag == Some(harper_brill::UPOS::ADJ))
            {
                right_end += 1;
            }
        }
        // The left member may be a name or a noun phrase ending at `left`; find its start.
        let mut start = left;
        while start > 0 && s[start - 1].noun() && s[start].noun() {
            start -= 1;
        }
        let before = start.checked_sub(1).map(|i| &s[i]);
        let after = skip_adverbs(s, right_end + 1);
        let verb_follows = s.get(after).is_some_and(|w| w.verb() && w.word());
        let members = [left, right_end];
        if verb_follows && opens_clause(before) {
            // A subject: "me and my colleague were" → "my colleague and I were".
            for &m in &members {
                if let Some(right) = nominative(&s[m].lower) {
                    // "her" before a noun is a possessive ("her team and I").
                    if s[m].lower == "her" && m == left && start != left {
                        continue;
                    }
                    found.push(Slip::new(
                        &s[m..=m],
                        format!(
                            "\"{}\" is part of the subject here, which takes \"{right}\"",
                            s[m].text
                        ),
                        capital_as(&s[m].text, right),
                    ));
                }
            }
        } else if before.is_some_and(governs) {
            // An object: "for Daniel and I" → "for Daniel and me".
            for &m in &members {
                if let Some(right) = accusative(&s[m].lower) {
                    found.push(Slip::new(
                        &s[m..=m],
                        format!(
                            "after \"{}\" the pronoun is an object: \"{right}\", as you would say it alone",
                            before.map_or("", |b| b.text.as_str())
                        ),
                        right.to_string(),
                    ));
                }
            }
        }
    }
}

/// `new` with a capital when `old` starts with one ("Me" → "I", "Him" → "He").
fn capital_as(old: &str, new: &str) -> String {
    if old.starts_with(char::is_uppercase) || new == "I" {
        let mut chars = new.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        new.to_string()
    }
}
