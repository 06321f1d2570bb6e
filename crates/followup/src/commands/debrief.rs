//! `followup debrief`: asks, for each interviewer of a round, what you discussed, what they
//! shared, what concerned them and which of your highlights fit, and keeps the answers as
//! their details. Every personal note is drawn from them.

use std::io::BufRead;

use followup_compose::reading::{self, Field, Pronoun};
use followup_core::{Interviewer, validate};

use crate::cli::DebriefArgs;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, paint};

/// Questions go to stderr so that stdout stays the result (and JSON with --json).
fn ask(question: &str) {
    use std::io::Write;
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{question}");
    let _ = write!(err, "> ");
    let _ = err.flush();
}

/// How details may be typed, said once before the questions: the composer reads notes as
/// jotted, so nobody needs to phrase them as sentences for a draft.
const GUIDANCE: &str = "Type details as you would jot them: \"moving billing to kafka\", \
                        \"she showed me their dashboards\", \"worried about my notice period\".";

/// Shows the sentence a detail will become in a draft, so a note that reads badly can be
/// retyped now rather than found in the draft. The pronoun comes from all the person's notes,
/// the new ones included, as the composer will infer it.
fn show_preview(field: Field, detail: &str, notes: &[&str]) {
    use std::io::Write;
    let pronoun = Pronoun::of_notes(notes.iter().copied());
    if let Some(sentence) = reading::preview(field, detail, pronoun) {
        let _ = writeln!(anstream::stderr(), "  → {sentence}");
    }
}

/// Reads answers, one per line, until an empty line or the end of input. With a field, each
/// answer's preview is shown, reading the pronoun from `known` and the answers so far.
fn answers(
    input: &mut impl BufRead,
    field: &str,
    preview: Option<(Field, &[String])>,
) -> CliResult<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        let read = input
            .read_line(&mut line)
            .map_err(|e| CliError::failure(format!("cannot read your answer: {e}")))?;
        let line = line.trim();
        if read == 0 || line.is_empty() {
            return Ok(found);
        }
        validate::text(field, line, false)?;
        found.push(line.to_string());
        if let Some((kind, known)) = preview {
            let notes: Vec<&str> = known.iter().chain(&found).map(String::as_str).collect();
            show_preview(kind, line, &notes);
        }
    }
}

fn add(list: &mut Vec<String>, new: Vec<String>) {
    for item in new {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

pub async fn run(ctx: &Ctx, args: DebriefArgs) -> CliResult {
    let store = ctx.open().await?;
    let (app, file, mut round) =
        crate::commands::interview::load_round(&store, &args.round).await?;
    if round.interviewers.is_empty() {
        return Err(CliError::bad_input(
            format!("round {} has nobody in it to debrief", round.id),
            format!(
                "add the people you met: followup interview edit {} -i \"Name, role=…\"",
                round.id
            ),
        ));
    }
    let highlights = &file.profile.highlights;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    ask_nothing(GUIDANCE);
    for person in &mut round.interviewers {
        debrief_person(person, highlights, &mut input)?;
    }
    let saved = store.save_round(&app, &round).await?;
    store.close().await;
    if ctx.json {
        return output::json(&saved);
    }
    output::line(format!(
        "Saved the debrief of {} ({} — {}).",
        paint(BOLD, &saved.id),
        file.application.company,
        file.application.role
    ))?;
    let zone = crate::context::profile_zone(Some(&file.profile))?;
    crate::commands::interview::print_round(&saved, &zone)
}

/// A line for the user that asks nothing: stderr, like the questions, and no prompt.
fn ask_nothing(text: &str) {
    use std::io::Write;
    let _ = writeln!(anstream::stderr(), "{text}");
}

/// Every note already kept for the person, so a second debrief reads the pronoun from all of
/// them, not only from the new answers.
fn notes_of(person: &Interviewer) -> Vec<String> {
    person.details.notes().cloned().collect()
}

fn debrief_person(
    person: &mut Interviewer,
    highlights: &[String],
    input: &mut impl BufRead,
) -> CliResult {
    let name = person.name.clone();
    let first = name.split_whitespace().next().unwrap_or(&name).to_string();
    ask(&format!(
        "\n{name}: what did you discuss? One topic per line; an empty line moves on."
    ));
    let known = notes_of(person);
    let topics = answers(input, "topic", Some((Field::Topic, &known)))?;
    let known: Vec<String> = known.into_iter().chain(topics.iter().cloned()).collect();
    add(&mut person.details.topics, topics);
    ask(&format!(
        "What did {first} share: a story, a project, something about the team?"
    ));
    let shared = answers(input, "shared", Some((Field::Shared, &known)))?;
    let known: Vec<String> = known.into_iter().chain(shared.iter().cloned()).collect();
    add(&mut person.details.shared, shared);
    ask(&format!("Which questions or concerns did {first} raise?"));
    let concerns = answers(input, "concern", Some((Field::Concern, &known)))?;
    add(&mut person.details.concerns, concerns);
    if !highlights.is_empty() {
        let listed: Vec<String> = highlights
            .iter()
            .enumerate()
            .map(|(i, h)| format!("  {}. {h}", i + 1))
            .collect();
        ask(&format!(
            "Which of your highlights fit what {first} cares about? Their numbers, e.g. 1 3.\n{}",
            listed.join("\n")
        ));
        let mut chosen = Vec::new();
        for line in answers(input, "highlights", None)? {
            for token in line
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
            {
                match token.parse::<usize>() {
                    Ok(n) if (1..=highlights.len()).contains(&n) => {
                        chosen.push(highlights[n - 1].clone())
                    }
                    _ => {
                        return Err(CliError::bad_input(
                            format!(
                                "highlights: {token:?} is not one of the numbers 1 to {}",
                                highlights.len()
                            ),
                            "answer with the numbers shown, separated by spaces",
                        ));
                    }
                }
            }
        }
        add(&mut person.details.highlights, chosen);
    }
    Ok(())
}
