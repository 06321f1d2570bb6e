//! Feeling participles: the person feels "-ed" ("I am excited"), the thing that causes it is
//! "-ing" ("the role is exciting"). A slip here reads oddly ("I am very exciting") in exactly
//! the sentence that says how keen the writer is (SPEC §3: reaffirmed interest).

use super::{Slip, Word};

/// Verbs of feeling, whose "-ed" form describes the person and "-ing" form the cause.
const FEELINGS: &[&str] = &[
    "excit",
    "interest",
    "bor",
    "confus",
    "amaz",
    "motivat",
    "disappoint",
    "surpris",
    "fascinat",
    "encourag",
    "inspir",
    "thrill",
    "frustrat",
    "overwhelm",
    "impress",
    "delight",
    "satisf",
    "tir",
    "worr",
    "annoy",
    "embarrass",
    "intrigu",
    "reliev",
    "astonish",
    "energiz",
    "energis",
    "humbl",
    "reassur",
    "challeng",
    "exhaust",
    "puzzl",
    "shock",
    "touch",
];

const PEOPLE: &[&str] = &["i", "we", "i'm", "we're", "i've", "we've", "i'd", "we'd"];
const LINKING: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "feel", "felt", "feeling", "seem",
    "seemed", "seems", "sounded", "sounds", "sound", "looked", "looks", "remain", "remained",
    "got", "get", "became", "become", "grew",
];
fn feeling(word: &str) -> Option<(&'static str, bool)> {
    let (stem, ing) = if let Some(stem) = word.strip_suffix("ing") {
        (stem, true)
    } else if let Some(stem) = word.strip_suffix("ed") {
        (stem, false)
    } else if let Some(stem) = word.strip_suffix('d') {
        (stem, false)
    } else {
        return None;
    };
    let stem = stem.trim_end_matches('i');
    FEELINGS
        .iter()
        .find(|f| stem == **f || stem.strip_suffix('e') == Some(**f) || format!("{stem}e") == **f)
        .map(|f| (*f, ing))
}

fn other_form(word: &str, ing: bool) -> String {
    if ing {
        // exciting → excited, worrying → worried, interesting → interested
        let stem = &word[..word.len() - 3];
        match stem.strip_suffix('y') {
            Some(base) => format!("{base}ied"),
            None => format!("{stem}ed"),
        }
    } else {
        // excited → exciting, worried → worrying, surprised → surprising
        let stem = word.strip_suffix("ed").unwrap_or(word);
        match stem.strip_suffix('i') {
            Some(base) => format!("{base}ying"),
            None => format!("{stem}ing"),
        }
    }
}

/// People named by a noun: "the team was excited" is right.
const PERSON_NOUNS: &[&str] = &[
    "team",
    "manager",
    "everyone",
    "everybody",
    "colleague",
    "colleagues",
    "interviewer",
    "interviewers",
    "recruiter",
    "panel",
    "candidate",
    "people",
    "staff",
    "engineers",
    "students",
];

/// Whether the clause whose verb is at `verb` has a person for its subject (Some(true)), a
/// thing (Some(false)), or one the words do not tell.
fn subject_is_person(s: &[Word], verb: usize) -> Option<bool> {
    let start = s[..verb]
        .iter()
        .rposition(|w| {
            w.mark.is_some_and(|m| matches!(m, ',' | ';' | ':'))
                || w.is(&[
                    "and", "but", "that", "because", "when", "while", "since", "although",
                ])
        })
        .map_or(0, |i| i + 1);
    let first = s.get(start)?;
    if start >= verb {
        return None;
    }
    if first.is(&[
        "i", "we", "you", "he", "she", "they", "i'm", "we're", "you're", "he's", "she's", "they're",
    ]) {
        return Some(true);
    }
    if first.is(&["it", "this", "that", "it's", "that's"]) {
        return Some(false);
    }
    if first.is(&[
        "the", "your", "my", "our", "their", "his", "her", "this", "that", "its", "a", "an",
    ]) {
        let head = s[start + 1..verb]
            .iter()
            .take_while(|w| {
                !w.is(&[
                    "of", "on", "about", "from", "with", "you", "we", "i", "in", "for",
                ])
            })
            .last()?;
        return Some(head.is(PERSON_NOUNS));
    }
    if first.tag == Some(harper_brill::UPOS::PROPN) && start + 1 == verb {
        return Some(true);
    }
    None
}

pub fn check(s: &[Word], found: &mut Vec<Slip>) {
    for a in 1..s.len() {
        let word = &s[a];
        let Some((_, ing)) = feeling(&word.lower) else {
            continue;
        };
        // Back over the adverbs to the linking verb, or a subject that carries one ("I'm").
        let mut v = a;
        while v > 0 && s[v - 1].is(super::MIDDLE_ADVERBS) {
            v -= 1;
        }
        let Some(link) = v.checked_sub(1).map(|i| &s[i]) else {
            continue;
        };
        let person = if link.is(LINKING) {
            subject_is_person(s, v - 1)
        } else if link.is(PEOPLE) && link.lower.contains('\'') {
            Some(true)
        } else {
            None
        };
        let Some(person) = person else { continue };
        let object_follows = s
            .get(a + 1)
            .is_some_and(|n| n.is(&["me", "you", "us", "them", "him", "her"]));
        if (person != ing) || object_follows {
            continue;
        }
        let right = other_form(&word.lower, ing);
        found.push(Slip::new(
            &s[a..=a],
            if person {
                format!(
                    "a feeling you have is \"{right}\"; \"{}\" is what causes it",
                    word.text
                )
            } else {
                format!(
                    "a thing that causes a feeling is \"{right}\"; \"{}\" is how a person feels",
                    word.text
                )
            },
            right,
        ));
    }
}
