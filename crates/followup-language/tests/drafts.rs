//! The composer's drafts pass the checker: every kind, every tone, every person of a panel,
//! with no error and no warning.

use followup_check::{Context, Named, check};
use followup_compose::{Request, Templates, compose};
use followup_core::{ActionKind, ActionRef, ApplicationFile, Culture};
use followup_language::Harper;

const SCENARIO: &str = include_str!("../../followup-compose/tests/data/panel.json");

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
                let request = Request {
                    file: &file,
                    action: &action,
                    channel,
                    late,
                    tone: Some(tone),
                };
                let draft = compose(&request, &Templates::built_in_only()).unwrap();
                let text = match &draft.subject {
                    Some(s) => format!("Subject: {s}\n\n{}", draft.body),
                    None => draft.body.clone(),
                };
                let round = file
                    .interviews
                    .iter()
                    .find(|r| r.id == action.interview)
                    .unwrap();
                let details = round
                    .interviewers
                    .iter()
                    .find(|p| p.id == action.to)
                    .unwrap()
                    .details
                    .clone();
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
                    details: details
                        .topics
                        .iter()
                        .chain(&details.shared)
                        .chain(&details.concerns)
                        .cloned()
                        .collect(),
                    linkedin_note_limit: Some(file.settings.linkedin_note_limit),
                    // The built-in wording is American English, and checked as such.
                    locale: Some(followup_core::Locale::EnUs),
                    ..Context::default()
                };
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
