//! What a template may say: the recipient, the sender, the interview, and the details the user
//! recorded, each either real or a clearly marked slot.

use std::collections::HashSet;

use followup_core::{ActionKind, ContactRole, Culture, Interview, Interviewer, Outcome, RoundKind};
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::reading::{self, Field, Pronoun};
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
    /// "Monday, March 2" or "Monday 2 March", as the user's locale writes dates.
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
    /// The decision date in the user's locale, when one was set.
    pub decision: Option<String>,
    /// The main thing discussed with this person (a slot when nothing was recorded).
    pub topic: String,
    /// A second topic, when there is one.
    pub topic2: Option<String>,
    /// Something they shared, in the second person ("your 2019 outage story").
    pub shared: Option<String>,
    /// A concern they raised, as the object of "come back to": "my notice period", "whether
    /// I can travel", "your concern that I haven't led a team".
    pub concern: Option<String>,
    /// Whether the highlight bears on the concern, so the note may offer it as the answer.
    pub answered: bool,
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

/// A detail as a phrase for a note to the person it was noted about; none for a note about
/// the user's own stumble, which a follow-up does not bring up again.
fn phrase(detail: &str, field: Field, pronoun: Pronoun) -> Option<String> {
    reading::read(detail, field, pronoun)
        .filter(|r| !r.dwells_on_a_stumble())
        .map(|r| r.phrase(field))
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

/// How many content words of `highlight` echo `theirs`, by stem.
fn echoes(highlight: &str, theirs: &HashSet<String>) -> usize {
    reading::content_stems(highlight)
        .iter()
        .filter(|w| theirs.contains(*w))
        .count()
}

fn stems<'t>(texts: impl IntoIterator<Item = &'t String>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(|t| reading::content_stems(t))
        .collect()
}

/// The user's highlight that shares the most words with what this person cared about; the
/// ones the debrief matched to them come first.
fn matching_highlight(person: &Interviewer, highlights: &[String]) -> Option<String> {
    if let Some(chosen) = person.details.highlights.first() {
        return Some(chosen.clone());
    }
    let theirs = stems(person.details.notes());
    let best = highlights
        .iter()
        .enumerate()
        .max_by_key(|(i, h)| (echoes(h, &theirs), usize::MAX - i))?;
    Some(best.1.clone())
}

/// Whether the highlight can answer the concern: the debrief linked it to this person, or it
/// shares content words with the concern. A concern about a start date is not answered by a
/// strength; the note then speaks of each in its own sentence.
fn answers_concern(person: &Interviewer, highlight: &str, concern: &String) -> bool {
    person
        .details
        .highlights
        .iter()
        .any(|h| h.trim() == highlight.trim())
        || echoes(highlight, &stems([concern])) > 0
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
    let (first, last) = (person.given_name(), person.family_name());
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
    // Dates as the user writes them: "Friday, December 4" or "Friday 4 December".
    let locale = file.profile.locale.unwrap_or_default();
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
            locale.long_date(
                d.deadline(&profile_zone)
                    .to_zoned(profile_zone.clone())
                    .date(),
            )
        });
    let has_feedback = responses.iter().any(|r| {
        r.outcome == Outcome::Rejection && r.note.as_deref().is_some_and(|n| !n.trim().is_empty())
    });

    let details = &person.details;
    let pronoun = Pronoun::of_notes(details.notes().map(String::as_str));
    let topic = details
        .topics
        .iter()
        .find_map(|t| phrase(t, Field::Topic, pronoun))
        .or_else(|| {
            details
                .shared
                .iter()
                .find_map(|s| phrase(s, Field::Shared, pronoun))
                .filter(|_| details.topics.is_empty())
                .map(|s| format!("what you told me about {s}"))
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
    // The first concern that can be said, as typed (to match highlights) and as read.
    let concern = details
        .concerns
        .iter()
        .find_map(|c| Some((c, phrase(c, Field::Concern, pronoun)?)));
    let answered = concern.as_ref().is_some_and(|(c, _)| {
        highlight
            .as_deref()
            .is_some_and(|h| answers_concern(person, h, c))
    });
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
            first: followup_core::names::read_name(&sender_name).given,
            name: sender_name,
            signature,
            email: file.profile.email.clone(),
            phone: file.profile.phone.clone(),
        },
        company: file.application.company.clone(),
        role: file.application.role.clone(),
        interview: Meeting {
            date: locale.long_date(start.date()),
            day: locale.weekday(start.date()),
            what,
            kind,
        },
        decision,
        topic,
        topic2: details
            .topics
            .get(1)
            .and_then(|t| phrase(t, Field::Topic, pronoun)),
        shared: details
            .shared
            .iter()
            .find_map(|s| phrase(s, Field::Shared, pronoun)),
        concern: concern.map(|(_, read)| read),
        answered,
        highlight: highlight
            .map(|h| reading::as_statement(&h))
            .unwrap_or_else(|| slot("a strength of yours that fits the role")),
        closing: closing(request.action.kind, tone),
        variant,
        has_feedback,
        brevity: 0,
        limit: file.settings.linkedin_note_limit,
    })
}
