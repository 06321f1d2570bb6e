//! The composer's drafts pass the checker: every kind, every tone, every person of a panel,
//! with no error and no warning.

use followup_check::{Context, Named, check};
use followup_compose::{Request, Templates, compose};
use followup_core::{ActionKind, ActionRef, ApplicationFile, Channel, Culture, Locale};
use followup_language::Harper;

const SCENARIO: &str = include_str!("../../followup-compose/tests/data/panel.json");

/// The draft of `action`, as text with its subject line, and the context the app checks it in:
/// the people, the company and role, what was noted from that person in that round.
fn draft_in_context(
    file: &ApplicationFile,
    action: &ActionRef,
    channel: Channel,
    late: bool,
    tone: Culture,
    locale: Locale,
) -> (String, Context) {
    let request = Request {
        file,
        action,
        channel,
        late,
        tone: Some(tone),
    };
    let draft = compose(&request, &Templates::built_in_only()).unwrap();
    let text = match &draft.subject {
        Some(s) => format!("Subject: {s}\n\n{}", draft.body),
        None => draft.body.clone(),
    };
    let person = file
        .interviews
        .iter()
        .find(|r| r.id == action.interview)
        .and_then(|r| r.interviewers.iter().find(|p| p.id == action.to))
        .unwrap();
    let context = Context {
        kind: Some(action.kind),
        channel: Some(channel),
        culture: Some(tone),
        sender: Some(Named {
            name: Some(file.profile.name.clone()),
            ..Named::default()
        }),
        recipient: Some(Named {
            name: Some(person.name.clone()),
            title: person.title.clone(),
            given: Some(person.given_name()),
            family: Some(person.family_name()),
        }),
        company: Some(file.application.company.clone()),
        role: Some(file.application.role.clone()),
        details: person.details.notes().cloned().collect(),
        linkedin_note_limit: Some(file.settings.linkedin_note_limit),
        locale: Some(locale),
        ..Context::default()
    };
    (text, context)
}

#[test]
fn every_draft_passes_the_checker() {
    let file = ApplicationFile::from_json("panel.json", SCENARIO).unwrap();
    let actions = [
        "thank-you:r2:p1",
        "thank-you:r2:p2",
        "thank-you:r2:p3",
        "handwritten-note:r2:p1",
        "handwritten-note:r2:p2",
        "check-in:r2:p3",
        "check-in:r2:p3:2",
        "phone-call:r2:p3:2",
        "linkedin-connect:r2:p2",
        "rejection-reply:r2:p1",
    ];
    let mut checked = 0;
    for tone in [Culture::Formal, Culture::Neutral, Culture::Casual] {
        for late in [false, true] {
            for name in actions {
                let action: ActionRef = name.parse().unwrap();
                if late && action.kind != ActionKind::ThankYou {
                    continue;
                }
                let person = file
                    .people()
                    .into_iter()
                    .find(|p| p.id == action.to)
                    .unwrap();
                let channel = match action.kind {
                    ActionKind::ThankYou => person.thank_you_channel(),
                    kind => kind.default_channel(),
                };
                // The built-in wording is American English, and checked as such.
                let (text, context) =
                    draft_in_context(&file, &action, channel, late, tone, Locale::EnUs);
                let report = check(&text, &context, Harper::shared());
                let problems: Vec<String> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity != followup_check::Severity::Info)
                    .map(|d| format!("{} {:?}: {}", d.rule, &text[d.start..d.end], d.message))
                    .collect();
                assert!(
                    problems.is_empty(),
                    "{name} ({tone}{}):\n{text}\n{problems:#?}",
                    if late { ", late" } else { "" }
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3 * (actions.len() + 3));
}

/// One detail of the corpus: its field, the person's pronoun, the words as typed.
struct Detail {
    field: String,
    pronoun: String,
    detail: String,
}

/// Every detail of the debrief corpus (typed as people type: lower case, fragments, clauses,
/// typos) drafted in every kind, in turn formal, neutral and casual and in American, British
/// and Indian English: the full checker finds no error and no warning in any of them.
#[test]
fn drafts_from_every_debrief_detail_pass_the_checker() {
    let corpus: Vec<serde_json::Value> = serde_json::from_str(include_str!(
        "../../followup-compose/tests/data/details.json"
    ))
    .unwrap();
    let corpus: Vec<Detail> = corpus
        .iter()
        .map(|e| Detail {
            field: e["field"].as_str().unwrap().to_string(),
            pronoun: e["pronoun"].as_str().unwrap().to_string(),
            detail: e["detail"].as_str().unwrap().to_string(),
        })
        .collect();
    let actions = [
        ("thank-you:r2:p1", false),
        ("thank-you:r2:p1", true),
        ("handwritten-note:r2:p1", false),
        ("linkedin-connect:r2:p1", false),
        ("rejection-reply:r2:p1", false),
        ("check-in:r2:p1", false),
        ("check-in:r2:p1:2", false),
        ("phone-call:r2:p1:2", false),
    ];
    let locales = [Locale::EnUs, Locale::EnGb, Locale::EnIn];
    let mut problems = Vec::new();
    let mut checked = 0;
    for (i, entry) in corpus.iter().enumerate() {
        let mut file = ApplicationFile::from_json("panel.json", SCENARIO).unwrap();
        let tone = [Culture::Formal, Culture::Neutral, Culture::Casual][i % 3];
        let locale = locales[(i / 3) % 3];
        file.profile.locale = Some(locale);
        let person = &mut file.interviews[1].interviewers[0];
        person.details = Default::default();
        person.details.topics = vec!["the quarterly roadmap".into()];
        match entry.field.as_str() {
            "topic" => person.details.topics = vec![entry.detail.clone()],
            "shared" => person.details.shared = vec![entry.detail.clone()],
            _ => person.details.concerns = vec![entry.detail.clone()],
        }
        if entry.pronoun != "they" {
            person
                .details
                .shared
                .push(format!("{} mentioned the roadmap", entry.pronoun));
        }
        for (name, late) in actions {
            let action: ActionRef = name.parse().unwrap();
            let channel = action.kind.default_channel();
            let (text, context) = draft_in_context(&file, &action, channel, late, tone, locale);
            let report = check(&text, &context, Harper::shared());
            checked += 1;
            for d in &report.diagnostics {
                // A detail about the user's own stumble is left out, and its slot marked: the
                // slot, and the missing detail it stands for, are the user's to fill.
                let slot =
                    text.contains("[[") && ["placeholder", "specific-detail"].contains(&d.rule);
                if d.severity != followup_check::Severity::Info && !slot {
                    problems.push(format!(
                        "{name} {tone} {}{} for {:?}: {} {:?}: {}",
                        locale.as_str(),
                        if late { " late" } else { "" },
                        entry.detail,
                        d.rule,
                        &text[d.start..d.end],
                        d.message
                    ));
                }
            }
        }
    }
    println!("{checked} drafts checked, {} findings", problems.len());
    assert!(
        problems.is_empty(),
        "{} findings:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
