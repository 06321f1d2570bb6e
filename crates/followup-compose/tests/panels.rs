//! Generated panels: hundreds of rounds of two to five people with details of every shape.
//! Notes to different people of one round, and the card and the email to one person, must
//! differ in substance: with names and each person's own details taken out, their word-trigram
//! similarity (the checker's duplicate-note measure) stays below 0.35.

use followup_compose::reading::{Field, Pronoun, read};
use followup_compose::{Request, Templates, compose};
use followup_core::text::trigram_similarity;
use followup_core::{ActionRef, ApplicationFile, Channel, Culture};
use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    field: String,
    detail: String,
}

const SAMPLE: &str = include_str!("data/panel.json");
const NAMES: &[&str] = &[
    "Grace Hopper",
    "Alan Turing",
    "Katherine Johnson",
    "Ada Byrne",
    "Priya Raman",
    "Chidi Okafor",
    "Mei Chen",
    "Lars Nilsson",
    "Fatima Zahra",
    "Diego Alvarez",
    "Hana Sato",
    "Tom Baker",
];

/// A small deterministic generator, so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

struct Note {
    person: usize,
    kind: &'static str,
    text: String,
}

#[test]
fn notes_of_a_panel_differ_in_substance() {
    let corpus: Vec<Entry> = serde_json::from_str(include_str!("data/details.json")).unwrap();
    let by_field = |f: &str| -> Vec<&str> {
        corpus
            .iter()
            .filter(|e| e.field == f)
            .map(|e| e.detail.as_str())
            .collect()
    };
    let (topics, shared, concerns) = (by_field("topic"), by_field("shared"), by_field("concern"));
    let mut dice = Dice(2026);
    let mut worst = (0.0, String::new(), String::new());
    let mut pairs = 0;
    let mut over = Vec::new();
    for round in 0..300 {
        let mut file = ApplicationFile::from_json("sample", SAMPLE).unwrap();
        let tone = [Culture::Formal, Culture::Neutral, Culture::Casual][dice.roll(3)];
        let size = 2 + dice.roll(4);
        let template = file.interviews[1].interviewers[0].clone();
        let start = dice.roll(NAMES.len());
        let mut people = Vec::new();
        for i in 0..size {
            let mut p = template.clone();
            p.id = format!("p{}", i + 1);
            p.name = NAMES[(start + i) % NAMES.len()].to_string();
            p.title = None;
            p.linkedin = Some(format!("https://www.linkedin.com/in/person-{i}"));
            p.details = Default::default();
            for _ in 0..1 + dice.roll(2) {
                p.details
                    .topics
                    .push(topics[dice.roll(topics.len())].to_string());
            }
            if dice.roll(2) == 0 {
                p.details
                    .shared
                    .push(shared[dice.roll(shared.len())].to_string());
            }
            if dice.roll(2) == 0 {
                p.details
                    .concerns
                    .push(concerns[dice.roll(concerns.len())].to_string());
            }
            people.push(p);
        }
        file.interviews[1].interviewers = people.clone();
        let mut notes = Vec::new();
        for (i, p) in people.iter().enumerate() {
            for (kind, channel) in [
                ("thank-you", Channel::Email),
                ("handwritten-note", Channel::Post),
                ("linkedin-connect", Channel::Linkedin),
            ] {
                let action: ActionRef = format!("{kind}:r2:{}", p.id).parse().unwrap();
                let request = Request {
                    file: &file,
                    action: &action,
                    channel,
                    late: false,
                    tone: Some(tone),
                };
                let draft = compose(&request, &Templates::built_in_only()).unwrap();
                let mut text = format!("{}\n{}", draft.subject.unwrap_or_default(), draft.body);
                // Each person's own details are theirs to share; what is compared is the rest.
                let d = &p.details;
                let pronoun = Pronoun::of_notes(d.notes().map(String::as_str));
                for (field, list) in [
                    (Field::Topic, &d.topics),
                    (Field::Shared, &d.shared),
                    (Field::Concern, &d.concerns),
                ] {
                    for detail in list {
                        if let Some(r) = read(detail, field, pronoun) {
                            text = text.replace(&r.phrase(field), " ");
                        }
                    }
                }
                notes.push(Note {
                    person: i,
                    kind,
                    text,
                });
            }
        }
        let names: Vec<&str> = people
            .iter()
            .map(|p| p.name.as_str())
            .chain(["Ada Lovelace"])
            .collect();
        for (a, first) in notes.iter().enumerate() {
            for second in &notes[a + 1..] {
                // Notes to different people, and an email and a card to the same person.
                let compared = first.person != second.person
                    || (first.kind != second.kind
                        && first.kind != "linkedin-connect"
                        && second.kind != "linkedin-connect");
                if !compared {
                    continue;
                }
                pairs += 1;
                let score = trigram_similarity(&first.text, &second.text, &names);
                if score > worst.0 {
                    worst = (score, first.text.clone(), second.text.clone());
                }
                if score >= 0.35 {
                    over.push(format!(
                        "round {round}: {} to {} and {} to {}: {score:.2}",
                        first.kind, names[first.person], second.kind, names[second.person]
                    ));
                }
            }
        }
    }
    println!(
        "{pairs} pairs compared; the most alike, at {:.3}:\n--- one\n{}\n--- other\n{}",
        worst.0, worst.1, worst.2
    );
    assert!(
        over.is_empty(),
        "{} pairs at 0.35 or more:\n{}",
        over.len(),
        over.join("\n")
    );
}
