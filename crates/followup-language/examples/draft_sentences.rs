//! Every sentence our composer writes for the sample panel, in every kind, culture and
//! English, and for every detail of the debrief corpus: the clean sentences in our own voice
//! that the tone model learns from (`crates/followup-check/tone/train/clean-drafts.txt`).
//! `cargo run -p followup-language --example draft_sentences > …/clean-drafts.txt`

use std::collections::BTreeSet;

use followup_check::Note;
use followup_compose::{Request, Templates, compose};
use followup_core::{ActionRef, ApplicationFile, Culture, Locale};

const SCENARIO: &str = include_str!("../../followup-compose/tests/data/panel.json");
const DETAILS: &str = include_str!("../../followup-compose/tests/data/details.json");

fn main() {
    let details: Vec<serde_json::Value> = serde_json::from_str(DETAILS).expect("details.json");
    let actions = [
        ("thank-you:r2:p1", false),
        ("thank-you:r2:p2", true),
        ("thank-you:r2:p3", false),
        ("handwritten-note:r2:p1", false),
        ("linkedin-connect:r2:p2", false),
        ("rejection-reply:r2:p1", false),
        ("check-in:r2:p3", false),
        ("check-in:r2:p3:2", false),
        ("phone-call:r2:p3:2", false),
    ];
    let mut sentences = BTreeSet::new();
    for (i, entry) in details.iter().enumerate() {
        let mut file = ApplicationFile::from_json("panel.json", SCENARIO).expect("panel.json");
        let tone = [Culture::Formal, Culture::Neutral, Culture::Casual][i % 3];
        file.profile.locale = Some([Locale::EnUs, Locale::EnGb, Locale::EnIn][(i / 3) % 3]);
        let detail = entry["detail"].as_str().unwrap_or_default().to_string();
        let person = &mut file.interviews[1].interviewers[0];
        match entry["field"].as_str() {
            Some("topic") => person.details.topics = vec![detail],
            Some("shared") => person.details.shared = vec![detail],
            _ => person.details.concerns = vec![detail],
        }
        for (name, late) in actions {
            let action: ActionRef = name.parse().expect("an action name");
            let request = Request {
                file: &file,
                action: &action,
                channel: action.kind.default_channel(),
                late,
                tone: Some(tone),
            };
            let Ok(draft) = compose(&request, &Templates::built_in_only()) else {
                continue;
            };
            let note = Note::parse(&draft.body);
            for s in &note.sentences {
                // A slot left for the user is theirs to fill, not our sentence.
                if !s.text.contains("[[") {
                    sentences.insert(s.text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    println!("# Made by crates/followup-language/examples/draft_sentences.rs: our composer's");
    println!("# own sentences, clean by design, so the tone model learns our voice as clean.");
    for s in sentences {
        println!("{s}");
    }
}
