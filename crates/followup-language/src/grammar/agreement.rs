//! Subject and verb agree in number: through "of" phrases ("the results of the pilot was"),
//! after "each of" and "one of", with a coordinated subject ("my manager and I was") and
//! after "there is" (seed 002: the note stands for the writer's care).

use super::{MODALS, Slip, Word, skip_adverbs};

/// Verb forms that need a singular subject, with their plural.
fn singular_form(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "is" => "are",
        "was" => "were",
        "has" => "have",
        "does" => "do",
        "doesn't" => "don't",
        "isn't" => "aren't",
        "wasn't" => "weren't",
        "hasn't" => "haven't",
        _ => return None,
    })
}

/// Verb forms that need a plural subject, with their singular.
fn plural_form(verb: &str) -> Option<String> {
    Some(match verb {
        "are" => "is".into(),
        "were" => "was".into(),
        "have" => "has".into(),
        "do" => "does".into(),
        "don't" => "doesn't".into(),
        "aren't" => "isn't".into(),
        "weren't" => "wasn't".into(),
        "haven't" => "hasn't".into(),
        _ => return None,
    })
}

/// The third-person singular of a plain present verb: "stand" → "stands", "look" → "looks".
fn third_person(verb: &Word) -> Option<String> {
    let m = verb.meta.as_ref()?;
    // A plain present form only: not a past that is also a lemma somewhere ("stuck", "set").
    if !m.is_verb_lemma()
        || m.is_verb_past_form()
        || verb.tag != Some(harper_brill::UPOS::VERB)
        || verb.is(&[
            "stuck", "set", "put", "cut", "let", "hit", "read", "led", "met", "felt", "found",
            "left", "made", "said", "told", "thought", "brought", "spent", "built", "kept", "held",
            "won", "ran", "came", "became", "cost", "hurt", "shut", "spread", "quit", "bet", "fit",
        ])
    {
        return None;
    }
    let w = verb.lower.as_str();
    Some(
        if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
            format!("{}ies", &w[..w.len() - 1])
        } else if ["s", "sh", "ch", "x", "z", "o"]
            .iter()
            .any(|e| w.ends_with(e))
        {
            format!("{w}es")
        } else {
            format!("{w}s")
        },
    )
}

fn push(found: &mut Vec<Slip>, s: &[Word], v: usize, right: String, why: &str) {
    found.push(Slip::new(
        &s[v..=v],
        format!("\"{}\" does not agree with its subject, {why}", s[v].text),
        right,
    ));
}

/// The first finite verb at or after `i`, past a noun phrase and its "of"/"from" phrases.
fn verb_after_phrase(s: &[Word], mut i: usize) -> Option<usize> {
    loop {
        let w = s.get(i)?;
        if w.mark.is_some()
            || w.is(&[
                "who", "which", "that", "i", "you", "we", "they", "he", "she",
            ])
        {
            return None;
        }
        // "The reason these problems occur": a second noun phrase with no preposition before
        // it opens a relative clause, whose verb is not the subject's.
        if i > 0
            && w.is(&[
                "the", "these", "those", "this", "my", "our", "your", "their", "his", "her", "a",
                "an", "some", "many",
            ])
            && !s[i - 1].tagged(harper_brill::UPOS::ADP)
            && !s[i - 1].is(&[
                "of", "from", "with", "to", "for", "in", "on", "about", "and", "or",
            ])
        {
            return None;
        }
        // A modal carries the agreement ("this will give"): nothing to check.
        if w.is(MODALS) {
            return None;
        }
        if w.verb() && !w.lower.ends_with("ing") && i > 0 && !s[i - 1].is(&["to"]) {
            return Some(skip_adverbs(s, i));
        }
        if w.tag == Some(harper_brill::UPOS::ADV) {
            i += 1;
            continue;
        }
        i += 1;
    }
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    let n = s.len();
    for i in 0..n {
        // "Each of the interviewers were", "one of the projects are": the head is "each".
        if s[i].is(&[
            "each",
            "one",
            "neither",
            "either",
            "everyone",
            "everybody",
            "nobody",
            "someone",
        ]) && (i == 0 || s[i - 1].mark.is_some() || s[i - 1].is(&["that", "and", "but"]))
        {
            let start = if s.get(i + 1).is_some_and(|w| w.is(&["of"])) {
                i + 2
            } else {
                i + 1
            };
            if s[i].is(&["each", "one", "neither", "either"]) && start == i + 1 {
                continue;
            }
            if let Some(v) = verb_after_phrase(s, start)
                && let Some(right) = plural_form(&s[v].lower)
            {
                push(
                    found,
                    s,
                    v,
                    right,
                    &format!("\"{}\", which is singular", s[i].text),
                );
            }
            continue;
        }
        // "There is a few points", "there was several questions".
        if s[i].is(&["there"]) && s.get(i + 1).is_some_and(|w| w.is(&["is", "was", "'s"])) {
            let next = s.get(i + 2);
            let many = next.is_some_and(|w| {
                w.is(&[
                    "several", "many", "few", "two", "three", "four", "some", "lots",
                ])
            }) || (next.is_some_and(|w| w.is(&["a"]))
                && s.get(i + 3)
                    .is_some_and(|w| w.is(&["few", "couple", "number"])));
            if many {
                let right = if s[i + 1].is(&["was"]) { "were" } else { "are" };
                push(found, s, i + 1, right.into(), "which is plural here");
            }
            continue;
        }
        // "my manager and I was": two subjects take a plural verb.
        if s[i].is(&["and"]) && i > 0 && i + 1 < n {
            let left_ok = s[i - 1].noun() || s[i - 1].is(&["i", "he", "she", "we", "they", "you"]);
            let right_ok = s[i + 1].is(&["i", "he", "she", "we", "they", "you"]);
            let subject_start = (0..i)
                .rev()
                .take_while(|&k| {
                    s[k].word()
                        && !s[k].verb()
                        && !s[k].is(&[
                            "and", "that", "with", "for", "to", "of", "about", "by", "from",
                        ])
                })
                .last();
            let opens = subject_start.is_some_and(|k| {
                k == 0 || s[k - 1].mark.is_some() || s[k - 1].is(&["that", "because", "when"])
            });
            if left_ok && right_ok && opens {
                let v = skip_adverbs(s, i + 2);
                if let Some(verb) = s.get(v)
                    && let Some(right) = singular_form(&verb.lower)
                {
                    push(found, s, v, right.into(), "which names two");
                }
            }
        }
    }
    // The subject at the start of the sentence, its head before any "of"/"from" phrase.
    let Some(start) = s.iter().position(Word::word) else {
        return;
    };
    if !s[start].is(&[
        "the", "my", "your", "our", "their", "his", "her", "this", "these", "those", "its",
    ]) {
        // A gerund subject: "Working with the team sound like …".
        if s[start].lower.ends_with("ing")
            && s[start].verb()
            && let Some(v) = verb_after_phrase(s, start + 1)
            && let Some(right) = third_person(&s[v])
        {
            push(found, s, v, right, "a gerund, which is singular");
        }
        return;
    }
    let mut head = start + 1;
    if !s
        .get(head)
        .is_some_and(|w| w.noun() || w.tagged(harper_brill::UPOS::ADJ))
        || s[head].is(MODALS)
    {
        return;
    }
    while head + 1 < n
        && (s[head + 1].noun() || s[head + 1].tagged(harper_brill::UPOS::ADJ))
        && s[head + 1].word()
        && !s[head + 1].is(MODALS)
    {
        head += 1;
    }
    // "The team's approach": the possessive is not the head.
    while head + 1 < n && s[head].lower.ends_with("'s") && s[head + 1].word() && !s[head + 1].verb()
    {
        head += 1;
    }
    let Some(v) = verb_after_phrase(s, head + 1) else {
        return;
    };
    // Only a phrase of nouns and prepositions lies between the head and the verb.
    let between_ok = s[head + 1..v]
        .iter()
        .all(|w| w.word() && !w.verb() || w.tag == Some(harper_brill::UPOS::ADV));
    if !between_ok {
        return;
    }
    let verb = &s[v];
    if s[head].plural_noun() {
        if let Some(right) = singular_form(&verb.lower) {
            push(
                found,
                s,
                v,
                right.into(),
                &format!("\"{}\", which is plural", s[head].text),
            );
        }
    } else if s[head].singular_noun()
        && !s[head].is(&["team", "staff", "panel", "family", "police"])
    {
        if let Some(right) = plural_form(&verb.lower) {
            push(
                found,
                s,
                v,
                right,
                &format!("\"{}\", which is singular", s[head].text),
            );
        } else if let Some(right) = third_person(verb) {
            push(
                found,
                s,
                v,
                right,
                &format!("\"{}\", which is singular", s[head].text),
            );
        }
    }
}
