//! Drafts on a fixed scenario (snapshots, read and approved), and on generated ones.

use followup_core::{ActionKind, ActionRef, ApplicationFile, Channel, Culture, text};

use super::*;

const SCENARIO: &str = include_str!("../tests/data/panel.json");

fn file() -> ApplicationFile {
    ApplicationFile::from_json("panel.json", SCENARIO).unwrap()
}

fn draft(file: &ApplicationFile, name: &str, tone: Culture, late: bool) -> Draft {
    let action: ActionRef = name.parse().unwrap();
    let channel = match action.kind {
        ActionKind::ThankYou => file
            .people()
            .into_iter()
            .find(|p| p.id == action.to)
            .unwrap()
            .thank_you_channel(),
        kind => kind.default_channel(),
    };
    let request = Request {
        file,
        action: &action,
        channel,
        late,
        tone: Some(tone),
    };
    compose(&request, &Templates::built_in_only()).unwrap()
}

fn shown(d: &Draft) -> String {
    let mut out = String::new();
    if let Some(s) = &d.subject {
        out.push_str(&format!("Subject: {s}\n\n"));
    }
    out.push_str(&d.body);
    if let Some(v) = &d.voicemail {
        out.push_str(&format!("\n--- voicemail ---\n{v}"));
    }
    out
}

#[test]
fn every_kind_in_every_tone() {
    let file = file();
    let cases = [
        ("thank-you:r2:p1", false),
        ("thank-you:r2:p1", true),
        ("handwritten-note:r2:p1", false),
        ("check-in:r2:p3", false),
        ("check-in:r2:p3:2", false),
        ("phone-call:r2:p3:2", false),
        ("linkedin-connect:r2:p2", false),
        ("rejection-reply:r2:p1", false),
    ];
    for (name, late) in cases {
        for tone in [Culture::Formal, Culture::Neutral, Culture::Casual] {
            let d = draft(&file, name, tone, late);
            let label = format!(
                "{}{}-{}",
                name.replace(':', "_"),
                if late { "-late" } else { "" },
                tone
            );
            insta::assert_snapshot!(label, shown(&d));
        }
    }
}

#[test]
fn panel_notes_do_not_read_as_copies() {
    let file = file();
    let names: Vec<String> = file.people().iter().map(|p| p.name.clone()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for tone in [Culture::Formal, Culture::Neutral, Culture::Casual] {
        let notes: Vec<Draft> = ["thank-you:r2:p1", "thank-you:r2:p2", "thank-you:r2:p3"]
            .iter()
            .map(|n| draft(&file, n, tone, false))
            .collect();
        for i in 0..notes.len() {
            for j in i + 1..notes.len() {
                let similarity = text::trigram_similarity(&notes[i].body, &notes[j].body, &names);
                assert!(
                    similarity < 0.5,
                    "{tone} notes {i} and {j}: {similarity:.2}\n{}\n{}",
                    notes[i].body,
                    notes[j].body
                );
            }
        }
    }
}

#[test]
fn missing_details_leave_marked_slots_never_inventions() {
    let mut file = file();
    for round in &mut file.interviews {
        for p in &mut round.interviewers {
            p.details = Default::default();
        }
    }
    file.profile.highlights.clear();
    let d = draft(&file, "thank-you:r2:p1", Culture::Neutral, false);
    assert!(
        d.body.contains("[[a topic you discussed with Grace]]"),
        "{}",
        d.body
    );
    assert!(
        d.body
            .contains("[[a strength of yours that fits the role]]"),
        "{}",
        d.body
    );
}

#[test]
fn linkedin_notes_fit_the_limit() {
    let mut file = file();
    file.interviews[1].interviewers[1].details.topics[0] =
        "the long and winding history of the billing platform migration across three continents and two mergers".into();
    for limit in [300, 200, 120, 60] {
        file.settings.linkedin_note_limit = limit;
        let d = draft(&file, "linkedin-connect:r2:p2", Culture::Neutral, false);
        assert!(
            d.body.trim().chars().count() <= limit as usize,
            "{limit}: {}",
            d.body
        );
        assert!(d.subject.is_none());
        assert_eq!(d.channel, Channel::Linkedin);
    }
}

#[test]
fn a_broken_user_template_falls_back_to_the_built_in_one() {
    let file = file();
    let action: ActionRef = "thank-you:r2:p1".parse().unwrap();
    let request = Request {
        file: &file,
        action: &action,
        channel: Channel::Email,
        late: false,
        tone: None,
    };
    let user = Templates::with_user(
        [(
            "thank-you".to_string(),
            "Dear {{ recipient.greeting }},\n\nThanks for {{ no_such_thing }}.\n".to_string(),
        )]
        .into(),
    );
    let d = compose(&request, &user).unwrap();
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(
        d.warnings[0],
        "template thank-you, line 3, column 15: undefined value: `no_such_thing` is undefined; the built-in template was used instead"
    );
    assert!(d.body.starts_with("Dear Dr. Hopper,"), "{}", d.body);
    // A working user template is used as it is.
    let mine = Templates::with_user([("thank-you".to_string(), "Subject: Thanks\n\nDear {{ recipient.greeting }}, thank you.\n\n{{ closing }},\n{{ sender.name }}\n".to_string())].into());
    let d = compose(&request, &mine).unwrap();
    assert!(d.warnings.is_empty());
    assert_eq!(d.subject.as_deref(), Some("Thanks"));
    assert_eq!(
        d.body,
        "Dear Dr. Hopper, thank you.\n\nSincerely,\nAda Lovelace\n"
    );
}
