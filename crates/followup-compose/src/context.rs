//! What a template may say: the recipient, the sender, the interview, and the details the user
//! recorded, each either real or a clearly marked slot.

use std::collections::HashSet;

use followup_core::{
    ActionKind, ContactRole, Culture, Interview, Interviewer, Outcome, RoundKind, text,
};
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::{ComposeError, Request};

/// A gap the user must fill before sending: `[[what is missing]]`.
pub fn slot(what: &str) -> String {
    format!("[[{what}]]")
}

#[derive(Debug, Serialize)]
pub struct Person {
    pub name: String,
    pub first: String,
    pub last: String,
    pub title: Option<String>,
    /// What follows "Dear" or "Hi" in this tone.
    pub greeting: String,
    pub role: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Sender {
    pub name: String,
    pub first: String,
    /// The lines under the closing: the signature, or the name.
    pub signature: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Meeting {
    /// "Monday 2 March".
    pub date: String,
    /// "Monday".
    pub day: String,
    /// "video interview", "visit" …
    pub what: &'static str,
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Context {
    pub kind: &'static str,
    pub tone: &'static str,
    pub channel: &'static str,
    pub n: u32,
    pub late: bool,
    pub recipient: Person,
    pub sender: Sender,
    pub company: String,
    pub role: String,
    pub interview: Meeting,
    /// "Friday 13 March", when a decision date is known.
    pub decision: Option<String>,
    /// The main thing discussed with this person (a slot when nothing was recorded).
    pub topic: String,
    /// A second topic, when there is one.
    pub topic2: Option<String>,
    /// Something they shared, in the second person ("your 2019 outage story").
    pub shared: Option<String>,
    /// A concern they raised, to answer positively.
    pub concern: Option<String>,
    /// The concern as the object of "You asked": "whether I have run Kafka" or "about my notice period".
    pub concern_asked: Option<String>,
    /// The user's strength that fits this person best (a slot when there is none).
    pub highlight: String,
    /// "Sincerely", "Best regards", "Thanks again" …
    pub closing: &'static str,
    /// The person's place in the round: which phrasing they get.
    pub variant: usize,
    /// Whether a rejection carried a reason, to ask for feedback tactfully.
    pub has_feedback: bool,
    /// 0 for the full wording; higher asks short templates (LinkedIn notes) to say less.
    pub brevity: u8,
    /// Characters a LinkedIn connection note may have.
    pub limit: u32,
}

/// The first name and the surname; a surname keeps its particles ("van der Berg", "de la Cruz").
fn first_and_last(name: &str) -> (String, String) {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match parts.as_slice() {
        [] => (String::new(), String::new()),
        [only] => (only.to_string(), only.to_string()),
        [first, rest @ ..] => {
            let surname = rest[..rest.len() - 1]
                .iter()
                .position(|w| w.starts_with(char::is_lowercase))
                .unwrap_or(rest.len() - 1);
            (first.to_string(), rest[surname..].join(" "))
        }
    }
}

/// Notes are often written about a person ("her 2019 outage story"); a message speaks to them.
fn to_second_person(text: &str) -> String {
    swap_pronouns(text, true)
}

/// Topics are about the work, where "their" is as likely to be the customers' or the team's
/// as the interviewer's: there only "her", "his" and the like become "your".
fn topic_to_second_person(text: &str) -> String {
    swap_pronouns(text, false)
}

fn swap_pronouns(text: &str, they: bool) -> String {
    let swap = |w: &str| -> Option<&'static str> {
        Some(match w.to_lowercase().as_str() {
            "her" | "his" => "your",
            "hers" => "yours",
            "she" | "he" | "him" => "you",
            "herself" | "himself" => "yourself",
            "she's" | "he's" => "you're",
            "their" if they => "your",
            "theirs" if they => "yours",
            "they" if they => "you",
            "themselves" | "themself" if they => "yourself",
            "they're" if they => "you're",
            _ => return None,
        })
    };
    text.split(' ')
        .map(|word| {
            let core = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let tail = &word[core.len()..];
            match swap(core) {
                Some(new) => format!("{new}{tail}"),
                None => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A note as typed, ready to go inside a sentence: no surrounding spaces, no final full stop
/// or comma (the template ends the sentence).
fn clean(note: &str) -> String {
    note.trim()
        .trim_end_matches(['.', ',', ';'])
        .trim_end()
        .to_string()
}

/// A concern as the object of a preposition ("I wanted to come back to …"): a question noted
/// with "if" reads "whether" there.
fn concern_phrase(concern: &str) -> String {
    match concern.split_once(' ') {
        Some((first, rest)) if first.eq_ignore_ascii_case("if") => format!("whether {rest}"),
        _ => concern.to_string(),
    }
}

/// "You asked …": questions follow directly, anything else after "about".
fn asked(concern: &str) -> String {
    let first = concern
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if [
        "whether", "if", "how", "what", "why", "when", "where", "who", "which",
    ]
    .contains(&first.as_str())
    {
        concern.to_string()
    } else {
        format!("about {concern}")
    }
}

/// Highlights are often noted as "led the migration …"; after a colon in a message they read
/// better as "I led the migration …". Noun phrases ("five years of …") stay as they are.
fn as_statement(highlight: &str) -> String {
    let first = highlight
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let past = [
        "led",
        "built",
        "ran",
        "grew",
        "cut",
        "won",
        "made",
        "wrote",
        "shipped",
        "designed",
        "created",
        "launched",
        "managed",
        "reduced",
        "increased",
        "improved",
        "mentored",
        "moved",
        "founded",
        "taught",
        "drove",
        "delivered",
        "owned",
        "scaled",
        "migrated",
        "oversaw",
        "set",
        "spent",
        "brought",
        "kept",
        "held",
        "took",
        "sold",
        "rebuilt",
        "began",
    ];
    if past.contains(&first.as_str()) || (first.len() > 4 && first.ends_with("ed")) {
        format!("I {highlight}")
    } else {
        highlight.to_string()
    }
}

fn round_words(kind: RoundKind) -> (&'static str, &'static str) {
    match kind {
        RoundKind::Phone => ("phone call", "phone"),
        RoundKind::Video => ("video interview", "video"),
        RoundKind::Onsite => ("visit", "onsite"),
        RoundKind::Panel => ("panel interview", "panel"),
        RoundKind::Networking => ("conversation", "networking"),
    }
}

fn role_word(role: ContactRole) -> &'static str {
    role.as_str()
}

fn closing(kind: ActionKind, tone: Culture) -> &'static str {
    match (tone, kind) {
        (Culture::Formal, _) => "Sincerely",
        (Culture::Neutral, _) => "Best regards",
        (Culture::Casual, ActionKind::ThankYou | ActionKind::HandwrittenNote) => "Thanks again",
        (Culture::Casual, _) => "All the best",
    }
}

const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "my", "our", "their",
    "how", "what", "i", "we", "at", "by", "from", "about", "whether", "if", "have", "has", "your",
    "you", "is", "are", "was", "be", "can", "could", "would", "will",
];

/// The content words of some texts.
fn content_words<'t>(texts: impl IntoIterator<Item = &'t String>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(|t| text::words(t))
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How many words of `highlight` echo `theirs` (a shared stem of four letters counts).
fn echoes(highlight: &str, theirs: &HashSet<String>) -> usize {
    text::words(highlight)
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .filter(|w| {
            theirs
                .iter()
                .any(|t| t == *w || (w.len() > 4 && t.len() > 4 && t.starts_with(&w[..4])))
        })
        .count()
}

/// The user's highlight that shares the most words with what this person cared about; the
/// ones the debrief matched to them come first.
fn matching_highlight(person: &Interviewer, highlights: &[String]) -> Option<String> {
    if let Some(chosen) = person.details.highlights.first() {
        return Some(chosen.clone());
    }
    let d = &person.details;
    let theirs = content_words(d.topics.iter().chain(&d.concerns).chain(&d.shared));
    let best = highlights
        .iter()
        .enumerate()
        .max_by_key(|(i, h)| (echoes(h, &theirs), usize::MAX - i))?;
    Some(best.1.clone())
}

/// Whether the highlight can answer the concern: the debrief said it fits this person, or it
/// speaks to the concern's own words. A concern about a start date is not answered by a
/// strength; the note then leaves it for the conversation rather than answer beside the point.
fn answers_concern(person: &Interviewer, highlight: &str, concern: &String) -> bool {
    !person.details.highlights.is_empty() || echoes(highlight, &content_words([concern])) > 0
}

fn find_round<'a>(request: &'a Request) -> Result<&'a Interview, ComposeError> {
    request
        .file
        .interviews
        .iter()
        .find(|r| r.id == request.action.interview)
        .ok_or_else(|| ComposeError::UnknownInterview(request.action.interview.clone()))
}

pub fn build(request: &Request) -> Result<Context, ComposeError> {
    let file = request.file;
    let round = find_round(request)?;
    let person = round
        .interviewers
        .iter()
        .find(|p| p.id == request.action.to)
        .or_else(|| {
            file.people()
                .into_iter()
                .find(|p| p.id == request.action.to)
        })
        .ok_or_else(|| ComposeError::UnknownPerson(request.action.to.clone()))?;
    let tone = request.tone.unwrap_or_else(|| file.application.culture());
    let (first, last) = first_and_last(&person.name);
    let greeting = match tone {
        Culture::Formal => match &person.title {
            Some(title) => format!("{title} {last}"),
            None => person.name.clone(),
        },
        _ => first.clone(),
    };
    let profile_zone = TimeZone::get(&file.profile.timezone).unwrap_or(TimeZone::UTC);
    let round_zone = round
        .timezone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or_else(|| profile_zone.clone());
    let start = round.start.to_zoned(round_zone);
    let (what, kind) = round_words(round.kind);

    // The latest decision date: an update's, else the round's.
    let mut responses: Vec<_> = file.responses.iter().collect();
    responses.sort_by_key(|r| r.at.timestamp());
    let decision = responses
        .iter()
        .rev()
        .find(|r| r.outcome == Outcome::Update && r.decision_expected_by.is_some())
        .and_then(|r| r.decision_expected_by)
        .or(round.decision_expected_by)
        .map(|d| {
            d.deadline(&profile_zone)
                .to_zoned(profile_zone.clone())
                .strftime("%A %-d %B")
                .to_string()
        });
    let has_feedback = responses.iter().any(|r| {
        r.outcome == Outcome::Rejection && r.note.as_deref().is_some_and(|n| !n.trim().is_empty())
    });

    let details = &person.details;
    let topic = details
        .topics
        .first()
        .map(|t| topic_to_second_person(&clean(t)))
        .or_else(|| {
            details
                .shared
                .first()
                .filter(|_| details.topics.is_empty())
                .map(|s| format!("what you told me about {}", to_second_person(&clean(s))))
        })
        .unwrap_or_else(|| slot(&format!("a topic you discussed with {first}")));
    let sender_name = if file.profile.name.trim().is_empty() {
        slot("your name")
    } else {
        file.profile.name.clone()
    };
    let signature = match &file.profile.signature {
        Some(sig) if sig.contains(&sender_name) => sig.clone(),
        Some(sig) => format!("{sender_name}\n{sig}"),
        None => sender_name.clone(),
    };
    let highlight = matching_highlight(person, &file.profile.highlights);
    let concern = details
        .concerns
        .first()
        .filter(|c| {
            highlight
                .as_deref()
                .is_some_and(|h| answers_concern(person, h, c))
        })
        .cloned();
    let variant = round
        .interviewers
        .iter()
        .position(|p| p.id == person.id)
        .unwrap_or(0);

    Ok(Context {
        kind: request.action.kind.as_str(),
        tone: tone.as_str(),
        channel: request.channel.as_str(),
        n: request.action.n,
        late: request.late,
        recipient: Person {
            name: person.name.clone(),
            first: first.clone(),
            last,
            title: person.title.clone(),
            greeting,
            role: role_word(person.role),
        },
        sender: Sender {
            first: first_and_last(&sender_name).0,
            name: sender_name,
            signature,
            email: file.profile.email.clone(),
            phone: file.profile.phone.clone(),
        },
        company: file.application.company.clone(),
        role: file.application.role.clone(),
        interview: Meeting {
            date: start.strftime("%A %-d %B").to_string(),
            day: start.strftime("%A").to_string(),
            what,
            kind,
        },
        decision,
        topic,
        topic2: details
            .topics
            .get(1)
            .map(|t| topic_to_second_person(&clean(t))),
        shared: details.shared.first().map(|s| to_second_person(&clean(s))),
        concern: concern
            .as_ref()
            .map(|c| concern_phrase(&to_second_person(&clean(c)))),
        concern_asked: concern
            .as_ref()
            .map(|c| asked(&to_second_person(&clean(c)))),
        highlight: highlight
            .map(|h| as_statement(&clean(&h)))
            .unwrap_or_else(|| slot("a strength of yours that fits the role")),
        closing: closing(request.action.kind, tone),
        variant,
        has_feedback,
        brevity: 0,
        limit: file.settings.linkedin_note_limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_about_someone_speak_to_them() {
        assert_eq!(
            to_second_person("her 2019 outage story"),
            "your 2019 outage story"
        );
        assert_eq!(
            to_second_person("she moved cities for the job herself."),
            "you moved cities for the job yourself."
        );
        assert_eq!(
            to_second_person("the team's first analyst"),
            "the team's first analyst"
        );
    }

    #[test]
    fn names_split_into_first_and_last() {
        assert_eq!(
            first_and_last("Grace Brewster Hopper"),
            ("Grace".into(), "Hopper".into())
        );
        assert_eq!(first_and_last("Cher"), ("Cher".into(), "Cher".into()));
        assert_eq!(
            first_and_last("Ana de la Cruz"),
            ("Ana".into(), "de la Cruz".into())
        );
        assert_eq!(
            first_and_last("Maarten van der Berg"),
            ("Maarten".into(), "van der Berg".into())
        );
        assert_eq!(
            first_and_last("Hélène d'Aubigny"),
            ("Hélène".into(), "d'Aubigny".into())
        );
    }

    #[test]
    fn topics_speak_to_the_person_but_keep_other_peoples_things() {
        assert_eq!(
            topic_to_second_person("his plans for the clinic"),
            "your plans for the clinic"
        );
        assert_eq!(
            topic_to_second_person("how nurses plan their shifts"),
            "how nurses plan their shifts"
        );
    }

    #[test]
    fn notes_fit_inside_sentences() {
        assert_eq!(clean("  my notice period. "), "my notice period");
        assert_eq!(
            concern_phrase("if I could start in May"),
            "whether I could start in May"
        );
        assert_eq!(concern_phrase("my notice period"), "my notice period");
        assert_eq!(as_statement("oversaw the launch"), "I oversaw the launch");
    }
}
