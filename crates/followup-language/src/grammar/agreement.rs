//! Subject and verb agree in number and person: through "of" phrases ("the results of the
//! pilot was"), past a relative clause ("the goals you outlined seems"), after "each of" and
//! "one of", with a coordinated subject ("my manager and I was"), after "there is", and with a
//! pronoun ("she need") (seed 002: the note stands for the writer's care).

use super::{Lexicon, MODALS, Slip, Word, skip_adverbs, without_s};
use harper_brill::UPOS;

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

/// What a subject asks of its verb.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Person {
    /// "he", "the list", "working with them": "is", "has", "looks".
    Singular,
    /// "they", "you", "the goals", "Priya and I": "are", "have", "look".
    Plural,
    /// "I": "am", "have", "look".
    I,
}

/// A subject found at the start of a clause: what it asks of its verb, the words that carry
/// its number (for the message), and the first word after it and anything qualifying it.
struct Subject {
    person: Person,
    named: String,
    end: usize,
    /// A name ("Northwind", "Priya"), which British English may give a plural verb.
    proper: bool,
}

/// Words after which a new clause, with a subject of its own, may start.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "because", "when", "if", "although", "though", "since", "while", "whether", "so",
    "but", "where", "once", "unless", "until", "and", "whose",
];

/// Pronouns that take a singular verb.
const SINGULAR_PRONOUNS: &[&str] = &[
    "he",
    "she",
    "it",
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "nobody",
    "anyone",
    "anybody",
    "nothing",
    "something",
    "everything",
    "anything",
];

/// Personal pronouns that open a clause of their own ("the goals you outlined").
const PERSONAL_SUBJECTS: &[&str] = &["i", "you", "we", "they", "he", "she"];

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "these", "those",
    "every", "each", "some", "many", "several", "few", "both", "all", "most", "no", "another",
    "any", "such", "whose",
];

/// Nouns for a group, which British English may give a plural verb ("the team are").
const COLLECTIVE: &[&str] = &[
    "team",
    "staff",
    "panel",
    "family",
    "police",
    "government",
    "company",
    "committee",
    "management",
    "board",
    "crew",
    "audience",
    "group",
    "public",
    "couple",
    "department",
    "firm",
    "council",
    "faculty",
    "jury",
    "data",
    "media",
    "criteria",
];

/// Nouns before "of" whose number is that of what follows ("a lot of people are").
const QUANTITY_HEADS: &[&str] = &[
    "lot", "lots", "plenty", "most", "some", "all", "half", "none", "majority", "rest", "part",
    "bunch", "variety", "percent", "number", "range", "series", "kind", "sort", "type",
];

/// Verbs the tagger may take for the last noun of a compound ("the platform team sound
/// like"), when a word that follows a verb comes next.
const OFTEN_TAGGED_NOUNS: &[&str] = &[
    "sound", "sounds", "look", "looks", "seem", "seems", "feel", "feels", "stand", "stands",
    "remain", "remains", "need", "needs", "make", "makes", "work", "works", "fit", "fits", "help",
    "helps",
];

/// Pronouns that can be the object inside a phrase ("with them", "for me").
const OBJECT_PRONOUNS: &[&str] = &[
    "me", "us", "them", "him", "her", "you", "it", "myself", "yourself",
];

fn is_name(w: &Word) -> bool {
    w.word()
        && (w.tagged(UPOS::PROPN) || (w.tag.is_none() && w.text.starts_with(char::is_uppercase)))
}

/// A verb the tagger filed as a noun after a compound: "sound" in "team sound like".
fn mistagged_verb(s: &[Word], k: usize) -> bool {
    s[k].is(OFTEN_TAGGED_NOUNS)
        && s.get(k + 1).is_some_and(|n| {
            n.is(&["like", "out", "very", "really", "so", "great", "good", "to"])
                || n.tagged(UPOS::ADJ)
        })
}

/// A noun phrase starting at `i`: the index of its head noun and the first index after it.
/// Adjectives, nouns, numbers and possessives ("the team's approach") run together; the last
/// noun is the head.
fn noun_phrase(s: &[Word], i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    if s.get(k)?.is(DETERMINERS) {
        k += 1;
    }
    let mut head = None;
    while let Some(w) = s.get(k) {
        // "the youngsters today do": a time word after a noun phrase is not its head.
        if !w.word() || w.is(MODALS) || w.is(&["today", "tomorrow", "yesterday", "tonight", "now"])
        {
            break;
        }
        // The tagger takes "people" for a verb now and then ("there is also people").
        // After a determiner or an adjective a word the dictionary has as a noun is one,
        // whatever the tagger says ("the second round was").
        let after_modifier = k > i
            && head.is_none()
            && (s[k - 1].is(DETERMINERS) || s[k - 1].tagged(UPOS::ADJ))
            && w.meta.as_ref().is_some_and(|m| m.is_noun())
            && !w.tagged(UPOS::AUX)
            && !w.tagged(UPOS::ADJ);
        let nounish = w.noun() || is_name(w) || w.is(&["people"]) || after_modifier;
        if nounish && head.is_some() && mistagged_verb(s, k) {
            break;
        }
        if nounish {
            head = Some(k);
        } else if w.tagged(UPOS::ADJ) || w.tagged(UPOS::NUM) {
            // an adjective after the head starts something else
            if head.is_some() {
                break;
            }
        } else {
            break;
        }
        k += 1;
        // "the team's approach": the possessive is not the head.
        if w.lower.ends_with("'s") && s.get(k).is_some_and(|n| n.noun() || n.tagged(UPOS::ADJ)) {
            head = None;
        }
    }
    Some((head?, k))
}

/// The first index after a phrase that is the object of a preposition: a noun phrase, an
/// object pronoun or a gerund with its object, with "and"/"or" joining more of them.
fn object_end(s: &[Word], i: usize) -> Option<usize> {
    let w = s.get(i)?;
    let her_noun = w.is(&["her"])
        && s.get(i + 1)
            .is_some_and(|n| n.noun() || n.tagged(UPOS::ADJ));
    let mut end = if w.is(OBJECT_PRONOUNS) && !her_noun {
        i + 1
    } else if w.lower.ends_with("ing") && w.verb() {
        // "to mentioning new hires": a gerund and what it takes.
        match noun_phrase(s, i + 1) {
            Some((_, end)) => end,
            None => i + 1,
        }
    } else {
        noun_phrase(s, i)?.1
    };
    while s.get(end).is_some_and(|w| w.is(&["and", "or"])) {
        match object_end(s, end + 1) {
            Some(next) => end = next,
            None => break,
        }
    }
    Some(end)
}

/// The first index after what qualifies a subject: phrases with a preposition ("of the
/// pilot", "for the first year") and a clause without "that" ("you outlined", "I met on
/// Tuesday"). None where a clause of another shape begins, whose verb is not the subject's.
fn past_qualifiers(s: &[Word], mut k: usize) -> Option<usize> {
    let mut clause_seen = false;
    loop {
        while s
            .get(k)
            .is_some_and(|w| w.tagged(UPOS::ADV) && !w.is(&["not", "n't"]))
        {
            k += 1;
        }
        let Some(w) = s.get(k) else {
            return Some(k);
        };
        // "to" before a noun or a gerund is a preposition, whatever the tagger says.
        let preposition = w.tagged(UPOS::ADP)
            || (w.is(&["to"]) && s.get(k + 1).is_some_and(|n| !n.is_plain_verb() || n.noun()));
        if preposition && !w.is(&["than", "as", "like", "because", "if", "so"]) {
            k = object_end(s, k + 1)?;
            continue;
        }
        if !clause_seen && w.is(PERSONAL_SUBJECTS) {
            // "the goals you outlined": a subject, perhaps an auxiliary, and a verb.
            let mut v = skip_adverbs(s, k + 1);
            if s.get(v).is_some_and(|a| {
                a.is(&[
                    "have", "has", "had", "did", "will", "would", "can", "could", "'ve", "'d",
                ])
            }) {
                v = skip_adverbs(s, v + 1);
            }
            let verb = s.get(v)?;
            if !verb.tagged(UPOS::VERB) || verb.lower.ends_with("ing") {
                return None;
            }
            clause_seen = true;
            k = v + 1;
            // "you wanted to discuss": an infinitive the clause goes on with.
            if s.get(k).is_some_and(|t| t.is(&["to"])) && s.get(k + 1).is_some_and(|t| t.verb()) {
                k += 2;
            }
            // "I met last week", "we discussed earlier".
            if s.get(k).is_some_and(|t| t.is(&["last", "this", "next"]))
                && s.get(k + 1).is_some_and(|t| t.noun())
            {
                k += 2;
            }
            continue;
        }
        if clause_seen && w.is(&["yesterday", "today", "earlier", "before", "together"]) {
            k += 1;
            continue;
        }
        return Some(k);
    }
}

/// The subject that opens a clause at `i`, if one does.
fn subject_at(s: &[Word], i: usize) -> Option<Subject> {
    let w = s.get(i)?;
    if !w.word() {
        return None;
    }
    let simple = |person, end| {
        Some(Subject {
            person,
            named: format!("\"{}\"", w.text),
            end,
            proper: false,
        })
    };
    if w.is(&["i"]) {
        return coordinated(s, simple(Person::I, i + 1)?);
    }
    if w.is(&["we", "they", "you"]) {
        return simple(Person::Plural, i + 1);
    }
    if w.is(SINGULAR_PRONOUNS) {
        return coordinated(s, simple(Person::Singular, i + 1)?);
    }
    // "Each of the interviewers", "one of the projects", "neither of the roles".
    if w.is(&["each", "one", "neither", "either"]) && s.get(i + 1).is_some_and(|n| n.is(&["of"])) {
        let (_, end) = noun_phrase(s, i + 2)?;
        return simple(Person::Singular, end);
    }
    // "This makes", "that sounds": a demonstrative standing alone.
    if w.is(&["this", "that"]) {
        let v = skip_adverbs(s, i + 1);
        if s.get(v).is_some_and(|n| n.verb()) {
            return simple(Person::Singular, i + 1);
        }
    }
    // A gerund: "Working with the team sound like".
    if w.verb() && w.lower.ends_with("ing") && i == first_word(s) {
        let end = object_end(s, i)?;
        return Some(Subject {
            person: Person::Singular,
            named: format!("\"{}\", a gerund,", w.text),
            end,
            proper: false,
        });
    }
    // "Rising costs are" but "understanding concepts is": a phrase opening with an -ing word
    // may be either.
    if w.lower.ends_with("ing") && !w.is(DETERMINERS) {
        return None;
    }
    let (head, end) = noun_phrase(s, i)?;
    let noun = &s[head];
    // "a lot of people", "most of the team": the number is what follows "of".
    if noun.is(QUANTITY_HEADS) && s.get(end).is_some_and(|n| n.is(&["of"])) {
        let number_is_one = noun.is(&["number"]) && s[i].is(&["the"]);
        if number_is_one {
            let (_, after) = noun_phrase(s, end + 1)?;
            return coordinated(
                s,
                Subject {
                    person: Person::Singular,
                    named: format!("\"the {}\"", noun.text),
                    end: after,
                    proper: false,
                },
            );
        }
        let (inner, after) = noun_phrase(s, end + 1)?;
        let person = person_of(&s[inner], &s[end + 1])?;
        return Some(Subject {
            person,
            named: format!("\"{}\"", s[inner].text),
            end: after,
            proper: false,
        });
    }
    let person = if s[i].is(&["every", "each", "another"]) {
        Person::Singular
    } else {
        person_of(noun, &s[i])?
    };
    coordinated(
        s,
        Subject {
            person,
            named: format!("\"{}\"", noun.text),
            end,
            proper: is_name(noun),
        },
    )
}

fn first_word(s: &[Word]) -> usize {
    s.iter().position(Word::word).unwrap_or(0)
}

/// The number of a noun heading a subject; none for a group ("the team") or a word the
/// dictionary cannot say.
fn person_of(noun: &Word, first: &Word) -> Option<Person> {
    if noun.is(COLLECTIVE) || noun.is(&["means", "series", "species", "news"]) {
        return None;
    }
    if noun.plural_noun() {
        Some(Person::Plural)
    } else if noun.singular_noun() || is_name(noun) || first.is(&["a", "an"]) {
        Some(Person::Singular)
    } else {
        None
    }
}

/// "Priya and I", "the list and the schedule": two subjects joined are plural.
fn coordinated(s: &[Word], subject: Subject) -> Option<Subject> {
    let k = subject.end;
    if !s.get(k).is_some_and(|w| w.is(&["and"])) {
        return Some(subject);
    }
    let next = s.get(k + 1)?;
    let end = if next.is(PERSONAL_SUBJECTS) {
        k + 2
    } else {
        noun_phrase(s, k + 1)?.1
    };
    Some(Subject {
        person: Person::Plural,
        named: format!(
            "\"{} and {}\", which names two",
            subject.named.trim_matches('"'),
            next.text
        ),
        end,
        proper: false,
    })
}

/// The form `verb` should take after a subject asking for `person`, if it is wrong.
fn right_form(verb: &Word, person: Person, lexicon: &Lexicon, subjunctive: bool) -> Option<String> {
    let w = verb.lower.as_str();
    let finite = verb.verb() || verb.is(OFTEN_TAGGED_NOUNS);
    if !finite {
        return None;
    }
    match person {
        Person::Singular => {
            if subjunctive && (w == "were" || verb.is_plain_verb()) {
                return None;
            }
            plural_form(w).or_else(|| third_person_of(verb))
        }
        Person::Plural => singular_form(w)
            .map(str::to_string)
            .or_else(|| plain_present(verb, lexicon)),
        Person::I => match w {
            "is" | "are" => Some("am".into()),
            "isn't" | "aren't" => Some("am not".into()),
            "has" => Some("have".into()),
            "does" => Some("do".into()),
            "doesn't" => Some("don't".into()),
            "hasn't" => Some("haven't".into()),
            _ => plain_present(verb, lexicon),
        },
    }
}

/// `third_person`, for a verb the tagger may have filed as a noun.
fn third_person_of(verb: &Word) -> Option<String> {
    if verb.tagged(UPOS::NOUN) && verb.is(OFTEN_TAGGED_NOUNS) && !verb.lower.ends_with('s') {
        let mut as_verb = verb.clone();
        as_verb.tag = Some(UPOS::VERB);
        return third_person(&as_verb);
    }
    third_person(verb)
}

/// The plain form of a third-person present ("seems" → "seem"), when `verb` is one.
fn plain_present(verb: &Word, lexicon: &Lexicon) -> Option<String> {
    let m = verb.meta.as_ref()?;
    if !m.is_verb_third_person_singular_present_form() || m.is_verb_lemma() {
        return None;
    }
    if !(verb.tagged(UPOS::VERB) || verb.is(OFTEN_TAGGED_NOUNS)) {
        return None;
    }
    without_s(&verb.lower).find(|c| lexicon.is_verb(c))
}

impl Word {
    /// A plain verb form ("need", "take"), as a subjunctive has it.
    fn is_plain_verb(&self) -> bool {
        self.meta
            .as_ref()
            .is_some_and(|m| m.is_verb_lemma() && !m.is_verb_third_person_singular_present_form())
    }
}

/// Verbs after which "that" opens a subjunctive ("I suggest that he take").
const SUBJUNCTIVE_AFTER: &[&str] = &[
    "suggest",
    "suggested",
    "recommend",
    "recommended",
    "insist",
    "insisted",
    "important",
    "essential",
    "ask",
    "asked",
    "request",
    "requested",
    "propose",
    "proposed",
    "demand",
    "require",
    "required",
    "vital",
    "crucial",
];

pub fn check(s: &[Word], lexicon: &Lexicon, found: &mut Vec<Slip>) {
    let n = s.len();
    let first = first_word(s);
    let mut checked_until = 0;
    for i in 0..n {
        // "There is a few points", "there was several questions", "there is also people".
        if s[i].is(&["there"]) && s.get(i + 1).is_some_and(|w| w.is(&["is", "was", "'s"])) {
            let at = skip_adverbs(s, i + 2);
            let many = s.get(at).is_some_and(|w| {
                w.is(&[
                    "several", "many", "few", "two", "three", "four", "some", "lots",
                ])
            }) || (s.get(at).is_some_and(|w| w.is(&["a"]))
                && s.get(at + 1)
                    .is_some_and(|w| w.is(&["few", "couple", "number"])));
            let plural_head = !s
                .get(at)
                .is_some_and(|w| w.is(&["a", "an", "one", "this", "lots", "plenty"]))
                && noun_phrase(s, at).is_some_and(|(head, end)| {
                    s[head].plural_noun()
                        && !s[head].is(COLLECTIVE)
                        && !s.get(end).is_some_and(|w| w.is(&["of"]))
                });
            if many || plural_head {
                let right = if s[i + 1].is(&["was"]) { "were" } else { "are" };
                push(found, s, i + 1, right.into(), "which is plural here");
            }
            continue;
        }
        // "people that is", "the roles which requires": a relative pronoun's verb agrees with
        // the noun before it.
        if i > 0 && s[i].is(&["who", "which", "that"]) && s[i - 1].noun() && !is_name(&s[i - 1]) {
            let v = skip_adverbs(s, i + 1);
            if let (Some(verb), Some(person)) = (s.get(v), person_of(&s[i - 1], &s[i - 1])) {
                let that_plural_only = !s[i].is(&["that"])
                    || (person == Person::Plural && singular_form(&verb.lower).is_some());
                if that_plural_only
                    && (person == Person::Plural || !s[i].is(&["that"]))
                    && let Some(right) = right_form(verb, person, lexicon, false)
                {
                    push(
                        found,
                        s,
                        v,
                        right,
                        &format!(
                            "\"{}\", which is {}",
                            s[i - 1].text,
                            if person == Person::Plural {
                                "plural"
                            } else {
                                "singular"
                            }
                        ),
                    );
                }
            }
            continue;
        }
        // A clause starts at the first word, after a mark, and after a word that opens one.
        // "and" joins clauses after a comma or before a pronoun; elsewhere it more often
        // joins two nouns ("her manager and his plans for the team").
        let joins_clauses = |k: usize| {
            !s[k].is(&["and"])
                || k.checked_sub(1).is_some_and(|p| s[p].mark == Some(','))
                || s[i].is(SINGULAR_PRONOUNS)
                || s[i].is(&["i", "we", "they", "you"])
        };
        let opens = i == first
            || (i > 0
                && (matches!(s[i - 1].mark, Some(',' | ';' | ':' | '('))
                    || (s[i - 1].is(CLAUSE_OPENERS) && joins_clauses(i - 1))));
        if !opens || i < checked_until {
            continue;
        }
        let Some(subject) = subject_at(s, i) else {
            continue;
        };
        let Some(k) = past_qualifiers(s, subject.end) else {
            continue;
        };
        checked_until = k;
        let v = skip_adverbs(s, k);
        let Some(verb) = s.get(v) else {
            continue;
        };
        if verb.is(MODALS) || !verb.word() {
            continue;
        }
        // "other television shows provide": a plural noun the tagger took for a verb, with
        // the real verb after it.
        if verb.lower.ends_with('s') && s.get(v + 1).is_some_and(|n| n.is_plain_verb() && n.verb())
        {
            continue;
        }
        let opener = i.checked_sub(1).map(|p| &s[p]);
        let subjunctive = opener.is_some_and(|o| o.is(&["if", "wish", "though"]))
            || (opener.is_some_and(|o| o.is(&["that"]))
                && i >= 2
                && s[i - 2].is(SUBJUNCTIVE_AFTER));
        // British English gives a name of a company a plural verb ("Northwind have").
        if subject.proper
            && subject.person == Person::Singular
            && plural_form(&verb.lower).is_some()
        {
            continue;
        }
        if let Some(right) = right_form(verb, subject.person, lexicon, subjunctive) {
            let why = match subject.person {
                Person::Singular
                    if subject.named.contains(',') || subject.named.contains("which") =>
                {
                    format!("{} which is singular", subject.named.trim_end_matches(','))
                }
                Person::Singular => format!("{}, which is singular", subject.named),
                Person::Plural if subject.named.contains("which names two") => {
                    subject.named.clone()
                }
                Person::Plural => format!("{}, which is plural", subject.named),
                Person::I => "\"I\"".to_string(),
            };
            push(found, s, v, right, &why);
        }
    }
}
