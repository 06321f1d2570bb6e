//! Drafts every follow-up of SPEC §3 from what the user recorded, in the culture's tone; no I/O.
//!
//! A draft is a built-in (or user) template rendered by minijinja with strict undefined
//! variables over a context made from the application file: who it goes to, what they talked
//! about, the user's matching strength. Nothing is invented: a missing fact becomes a marked
//! slot such as `[[a topic you discussed with Grace]]`, which the checker reports. Notes to the
//! people of one round take different phrasings (chosen by their place in the round, so the
//! result is deterministic) and each draws on that person's own details.

mod context;
pub mod reading;
mod templates;

use followup_core::{ActionKind, ActionRef, ApplicationFile, Channel, Culture};
use serde::Serialize;
use thiserror::Error;

pub use context::slot;
pub use templates::{BUILT_IN, Templates, template_for};

/// A message ready for the user to read, edit and send.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    pub kind: ActionKind,
    pub channel: Channel,
    pub to: String,
    /// Email only.
    pub subject: Option<String>,
    pub body: String,
    /// What to say to an answering machine (phone calls only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voicemail: Option<String>,
    /// Which template drafted it.
    pub template: String,
    /// Problems met on the way, such as a broken user template that was set aside.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// What a draft is for.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub file: &'a ApplicationFile,
    pub action: &'a ActionRef,
    /// The channel the plan chose (a thank-you may go by LinkedIn).
    pub channel: Channel,
    /// The action is past its late-after time: the wording acknowledges the delay.
    pub late: bool,
    /// Overrides the application's culture.
    pub tone: Option<Culture>,
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ComposeError {
    #[error("there is no interview {0:?} in this application")]
    UnknownInterview(String),
    #[error("there is no interviewer {0:?} in this application")]
    UnknownPerson(String),
    /// A template failed to render; `template` names it and where.
    #[error("template {name}{}: {message}", location(*line, *column))]
    Template {
        name: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(", line {l}, column {c}"),
        (Some(l), None) => format!(", line {l}"),
        _ => String::new(),
    }
}

/// Drafts the message for one action.
///
/// A user template that fails is reported in `warnings` and the built-in one drafts instead;
/// only a failing built-in template is an error.
pub fn compose(request: &Request, templates: &Templates) -> Result<Draft, ComposeError> {
    let mut context = context::build(request)?;
    let name = template_for(request.action.kind, request.late);
    let mut warnings = Vec::new();
    let mut text = render_with_fallback(name, templates, &context, &mut warnings)?;
    if request.action.kind == ActionKind::LinkedinConnect {
        // A connection note must fit LinkedIn's limit: ask for shorter wordings, then
        // shorten the detail itself, keeping whole words.
        let limit = context.limit as usize;
        let fits = |text: &str| text.trim().chars().count() <= limit;
        while !fits(&text) && context.brevity < 2 {
            context.brevity += 1;
            text = render_with_fallback(name, templates, &context, &mut warnings)?;
        }
        while !fits(&text) {
            let mut words: Vec<&str> = context.topic.split_whitespace().collect();
            if words.len() <= 1 {
                text = cut_to(&text, limit);
                break;
            }
            words.pop();
            context.topic = format!("{}…", words.join(" ").trim_end_matches('…'));
            text = render_with_fallback(name, templates, &context, &mut warnings)?;
        }
    }
    warnings.dedup();
    let (subject, rest) = split_subject(&text);
    let (body, voicemail) = match rest.split_once("\n---voicemail---\n") {
        Some((script, voicemail)) => (script.to_string(), Some(tidy(voicemail))),
        None => (rest.to_string(), None),
    };
    let subject = subject.filter(|_| request.channel == Channel::Email);
    Ok(Draft {
        kind: request.action.kind,
        channel: request.channel,
        to: request.action.to.clone(),
        subject,
        body: tidy(&body),
        voicemail,
        template: name.to_string(),
        warnings,
    })
}

/// Renders the user's template if there is one and it works, else the built-in one.
fn render_with_fallback(
    name: &str,
    templates: &Templates,
    context: &context::Context,
    warnings: &mut Vec<String>,
) -> Result<String, ComposeError> {
    if let Some(source) = templates.user(name) {
        match templates::render(name, source, context) {
            Ok(text) => return Ok(text),
            Err(e) => warnings.push(format!("{e}; the built-in template was used instead")),
        }
    }
    templates::render(name, templates::built_in(name), context)
}

/// The longest run of whole words of `text` within `limit` characters.
fn cut_to(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + word.chars().count() > limit {
            break;
        }
        if extra == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A first line `Subject: …` followed by a blank line is the subject.
fn split_subject(text: &str) -> (Option<String>, &str) {
    let text = text.trim_start_matches('\n');
    if let Some(rest) = text.strip_prefix("Subject:")
        && let Some((subject, body)) = rest.split_once('\n')
    {
        return (Some(subject.trim().to_string()), body);
    }
    (None, text)
}

/// Templates are written for people to read; the output should be too: no trailing spaces,
/// no runs of blank lines, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        // Collapse spaces that optional parts of a template left behind.
        let mut collapsed = String::with_capacity(line.len());
        let mut last_space = false;
        for (i, c) in line.chars().enumerate() {
            if c == ' ' && last_space && i > 0 {
                continue;
            }
            last_space = c == ' ';
            collapsed.push(c);
        }
        let collapsed = collapsed.replace(" ,", ",").replace(" .", ".");
        if collapsed.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(&collapsed);
        out.push('\n');
    }
    out
}

/// A fixed application used to try templates out: a panel with notes on every person.
const SAMPLE: &str = include_str!("../tests/data/panel.json");

/// Checks a template by drafting the sample messages it would write (both check-ins, for
/// instance), so a mistake shows up when the template is saved rather than when a real draft
/// is due.
pub fn check_template(name: &str, source: &str) -> Result<(), ComposeError> {
    let file = ApplicationFile::from_json("sample", SAMPLE).expect("the built-in sample is valid");
    let (actions, late): (&[&str], bool) = match name {
        "thank-you" => (&["thank-you:r2:p1", "thank-you:r2:p2"], false),
        "late-thank-you" => (&["thank-you:r2:p1"], true),
        "handwritten-note" => (&["handwritten-note:r2:p1"], false),
        "check-in" => (&["check-in:r2:p3", "check-in:r2:p3:2"], false),
        "phone-call" => (&["phone-call:r2:p3:2"], false),
        "linkedin-connect" => (&["linkedin-connect:r2:p2"], false),
        "rejection-reply" => (&["rejection-reply:r2:p1"], false),
        other => {
            return Err(ComposeError::Template {
                name: other.to_string(),
                line: None,
                column: None,
                message: format!(
                    "there is no such template; the templates are {}",
                    BUILT_IN
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    };
    for text in actions {
        let action: ActionRef = text.parse().expect("sample actions are well formed");
        let request = Request {
            file: &file,
            action: &action,
            channel: action.kind.default_channel(),
            late,
            tone: None,
        };
        let context = context::build(&request)?;
        templates::render(name, source, &context)?;
    }
    Ok(())
}

/// The word and character limits of SPEC §3 for a kind of message.
pub fn word_limit(kind: ActionKind) -> usize {
    match kind {
        ActionKind::ThankYou => 200,
        ActionKind::HandwrittenNote => 120,
        ActionKind::CheckIn => 150,
        ActionKind::PhoneCall => 120,
        ActionKind::LinkedinConnect => 60,
        ActionKind::RejectionReply => 150,
    }
}

#[cfg(test)]
mod tests;
