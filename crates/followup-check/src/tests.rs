//! Checker tests without a dictionary: every rule on examples of its own, spans that point at
//! the words, negation, and the probe of grammar slips.

use super::*;

/// Spelling and general grammar belong to the dictionary engine; these tests cover the rest.
struct WithoutDictionary;

impl Language for WithoutDictionary {
    fn lint(&self, _text: &str, _known: &[String]) -> Vec<LanguageFinding> {
        Vec::new()
    }
}

fn context() -> Context {
    serde_json::from_value(serde_json::json!({
        "kind": "thank-you", "channel": "email", "culture": "neutral",
        "sender": {"name": "Ada Lovelace"}, "recipient": {"name": "Grace Hopper", "title": "Dr."},
        "company": "Northwind", "role": "Data Engineer", "other_companies": ["Globex", "Initech"],
        "details": ["moving billing to Kafka", "her 2019 outage story"],
        "sent_at": "2026-03-02T19:00:00-05:00", "interview_end": "2026-03-02T15:00:00-05:00"
    }))
    .unwrap()
}

const CLEAN: &str = "Subject: Thank you for today\n\nDear Grace,\n\nThank you for meeting me today about the Data Engineer role at Northwind. I enjoyed our conversation about moving billing to Kafka.\n\nI remain very interested in the role and would be glad to share anything else you need.\n\nBest regards,\nAda Lovelace\n";

fn rules(input: &str, c: &Context) -> Vec<&'static str> {
    check(input, c, &WithoutDictionary)
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn a_clean_note_has_no_findings() {
    let report = check(CLEAN, &context(), &WithoutDictionary);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn spans_point_at_the_words_and_lines_count_from_one() {
    let input = CLEAN.replace("Northwind. I", "[Company Name]. I");
    let report = check(&input, &context(), &WithoutDictionary);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "placeholder")
        .unwrap();
    assert_eq!(&input[d.start..d.end], "[Company Name]");
    assert_eq!(d.line, 5);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.column,
        input.lines().nth(4).unwrap().find('[').unwrap() + 1
    );
}

#[test]
fn every_rule_has_its_own_example() {
    let c = context();
    let cases: &[(&str, String, Option<Context>)] = &[
        ("placeholder", CLEAN.replace("Northwind. I", "{{company}}. I"), None),
        ("recipient-name", CLEAN.replace("Dear Grace,", "Dear Alan,"), None),
        ("recipient-name", CLEAN.replace("Dear Grace,", "Dear Grcae,"), None),
        ("recipient-name", CLEAN.replace("Dear Grace,", "Hello,"), None),
        ("group-address", CLEAN.replace("Dear Grace,", "Dear Grace and Alan,"), None),
        ("group-address", CLEAN.replace("Dear Grace,", "Dear all,"), None),
        ("wrong-company", CLEAN.replace("at Northwind", "at Globex"), None),
        ("wrong-company", CLEAN.replace("at Northwind", "at Northwnd"), None),
        ("missing-company", CLEAN.replace(" about the Data Engineer role at Northwind", ""), None),
        ("gratitude", CLEAN.replace("Thank you for meeting me today", "I met you today"), None),
        ("specific-detail", CLEAN.replace("moving billing to Kafka", "the weather"), None),
        ("interest", CLEAN.replace("I remain very interested in the role and would be glad to share anything else you need.", "Please tell me if you need anything else."), None),
        ("sign-off", CLEAN.replace("Best regards,\nAda Lovelace\n", ""), None),
        ("subject", CLEAN.replace("Subject: Thank you for today\n\n", ""), None),
        ("subject", CLEAN.replace("Thank you for today", "Thank you so much for taking the time to meet with me today about the role"), None),
        ("length", CLEAN.replace("I enjoyed", &"I enjoyed it. ".repeat(70)), None),
        ("tone-desperate", CLEAN.replace("I remain very", "I desperately hope I get this. I remain very"), None),
        ("tone-demanding", CLEAN.replace("I remain very", "I expect to hear back by Friday. I remain very"), None),
        ("tone-familiar", CLEAN.replace("I remain very", "It was awesome 🙂. I remain very"), None),
        ("tone-defensive", CLEAN.replace("I remain very", "I know I messed up the coding question. I remain very"), None),
        ("shouting", CLEAN.replace("very interested", "VERY INTERESTED"), None),
        ("shouting", CLEAN.replace("Kafka.", "Kafka!!"), None),
        ("long-sentence", CLEAN.replace("I enjoyed our conversation about moving billing to Kafka.", "I enjoyed our conversation about moving billing to Kafka and about the many ways in which the team has been thinking about its data platform, its on-call rotation, its hiring plans and the roadmap for the next two years of work together."), None),
        ("timing", CLEAN.to_string(), Some(Context { sent_at: Some("2026-03-06T10:00:00-05:00".parse().unwrap()), ..context() })),
        ("duplicate-note", CLEAN.to_string(), Some(Context { siblings: vec![CLEAN.replace("Dear Grace,", "Dear Alan,")], ..context() })),
    ];
    for (rule, input, other) in cases {
        let found = rules(input, other.as_ref().unwrap_or(&c));
        assert!(
            found.contains(rule),
            "{rule} not found in:\n{input}\nfound {found:?}"
        );
    }
    let check_in = Context {
        kind: Some(ActionKind::CheckIn),
        decision_expected_by: Some(followup_core::DecisionDate::parse("2026-03-13").unwrap()),
        sent_at: Some("2026-03-16T09:00:00-04:00".parse().unwrap()),
        check_ins_sent: Some(0),
        ..context()
    };
    let note = "Subject: Checking in\n\nDear Grace,\n\nThank you again for the interview for the Data Engineer role at Northwind. I remain very interested.\n\nBest regards,\nAda Lovelace\n";
    assert!(rules(note, &check_in).contains(&"next-steps"));
    let asked = note.replace(
        "I remain very interested.",
        "I remain very interested. Could you share an update on the timeline?",
    );
    assert!(!rules(&asked, &check_in).contains(&"next-steps"));
    let early = Context {
        sent_at: Some("2026-03-12T09:00:00-04:00".parse().unwrap()),
        ..check_in.clone()
    };
    assert!(rules(&asked, &early).contains(&"timing"));
    let third = Context {
        check_ins_sent: Some(2),
        ..check_in
    };
    assert!(rules(&asked, &third).contains(&"timing"));
}

#[test]
fn tone_rules_read_negation_and_leave_good_notes_alone() {
    let c = context();
    for fine in [
        "I am not desperate for a quick answer, and I am happy to wait.",
        "I do not expect to hear back before your decision date.",
        "I was never nervous talking with your team.",
        "The team's approach to incidents is clearly thoughtful.",
    ] {
        let input = CLEAN.replace("I remain very", &format!("{fine} I remain very"));
        let found = rules(&input, &c);
        assert!(
            !found.iter().any(|r| r.starts_with("tone-")),
            "{fine}: {found:?}"
        );
    }
}

#[test]
fn formal_notes_want_title_and_surname() {
    let formal = Context {
        culture: Some(Culture::Formal),
        ..context()
    };
    let report = check(CLEAN, &formal, &WithoutDictionary);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "recipient-name")
        .unwrap();
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.suggestions, ["Dear Dr. Hopper,"]);
    assert!(rules(&CLEAN.replace("Dear Grace,", "Dear Dr. Hopper,"), &formal).is_empty());
    assert!(rules(&CLEAN.replace("Dear Grace,", "Hey Grace,"), &formal).contains(&"tone-familiar"));
}

/// Grammar slips typical of these notes that a general checker lets through.
#[test]
fn the_probe_of_typical_slips() {
    let probe = [
        "I look forward to hear from you.",
        "I am looking forward to hear about the next steps.",
        "I look forward to meet the rest of the team.",
        "I look forward to speak with you again.",
        "I look forward to work with you.",
        "I look forward to talk more about the role.",
        "I look forward to join the team.",
        "Thank you for you time today.",
        "Thank you for time and consideration.",
        "Thank you your time yesterday.",
        "Thanks you for the interview.",
        "Thank for your time.",
        "Your welcome to contact my references.",
        "I could of explained that better.",
        "I would of liked to ask more.",
        "I enjoyed meeting there team.",
        "Their is a lot I could bring.",
        "Its been a pleasure to learn about the role.",
        "Its a pleasure to follow up.",
        "I am grateful for a opportunity like this.",
        "Thank you for a interview I enjoyed.",
        "I would value a update on the timeline.",
        "The role suits me more then any other.",
        "I hope this email find you well.",
        "I am writing to following up on our talk.",
        "It was great to met you.",
        "We discussed about the data platform.",
        "I do not want to loose touch.",
        "I has five years of experience.",
        "I enjoyed the the conversation.",
    ];
    assert!(probe.len() >= 25);
    let c = context();
    let mut missed = Vec::new();
    for sentence in probe {
        let input = CLEAN.replace("I remain very", &format!("{sentence} I remain very"));
        let report = check(&input, &c, &WithoutDictionary);
        let caught = report
            .diagnostics
            .iter()
            .any(|d| d.rule == "grammar" && input[d.start..d.end].len() < sentence.len() + 1);
        if !caught {
            missed.push(sentence);
        }
    }
    assert!(missed.is_empty(), "missed: {missed:#?}");
}

#[test]
fn names_in_the_context_are_known_words() {
    let known = rules::known_words(&Context {
        recipient: Some(Named {
            name: Some("Chidi Okafor".into()),
            title: None,
            ..Named::default()
        }),
        company: Some("Northwind Analytics".into()),
        details: vec!["Priya's team".into()],
        ..Context::default()
    });
    for w in ["Okafor", "Chidi", "Northwind", "Priya's"] {
        assert!(known.contains(&w.to_string()), "{w} in {known:?}");
    }
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(
        text in "\\PC{0,300}",
        subject in proptest::bool::ANY,
        words in "((Re|at|the|Bluefin|Analytics|Blufin|Data) ){0,12}",
    ) {
        let input = if subject { format!("Subject: {words}{text}") } else { format!("{words}{text}") };
        let c = Context { company: Some("Bluefin Analytics".into()), ..context() };
        let report = check(&input, &c, &WithoutDictionary);
        for d in &report.diagnostics {
            proptest::prop_assert!(d.start <= d.end && d.end <= input.len());
            proptest::prop_assert!(input.is_char_boundary(d.start) && input.is_char_boundary(d.end));
        }
    }
}

#[test]
fn an_unsigned_connection_note_ending_in_an_emoji_points_at_the_whole_emoji() {
    // Found by the fuzz target: the span once ended inside the emoji's bytes.
    let mut c = context();
    c.kind = Some(ActionKind::LinkedinConnect);
    c.channel = Some(Channel::Linkedin);
    let input = "Hi Grace, great to meet you at Northwind. Hope to stay in touch 🙂";
    let report = check(input, &c, &WithoutDictionary);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "sign-off")
        .unwrap();
    assert_eq!(&input[d.start..d.end], "🙂");
    assert!(check("]\u{234}", &c, &WithoutDictionary).summary.warnings >= 1);
}

#[test]
fn one_problem_caught_by_two_patterns_is_reported_once() {
    let input = CLEAN.replace(
        "I remain very interested in the role",
        "I really need this job and remain very interested in the role",
    );
    let report = check(&input, &context(), &WithoutDictionary);
    let desperate: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "tone-desperate")
        .map(|d| &input[d.start..d.end])
        .collect();
    assert_eq!(desperate.len(), 1, "{desperate:?}");
}

#[test]
fn a_check_in_may_ask_indirectly_or_with_more_than_one_mark() {
    let mut c = context();
    c.kind = Some(ActionKind::CheckIn);
    let with = |ask: &str| {
        let input = CLEAN.replace(
            "I remain very interested in the role",
            &format!("{ask} I remain very interested in the role"),
        );
        rules(&input, &c).contains(&"next-steps")
    };
    assert!(with("The weather was fine."));
    assert!(!with("Is there an update on the timeline?!"));
    assert!(!with(
        "I wanted to ask whether there is news on the decision."
    ));
    assert!(!with("I was wondering when you expect to decide."));
}

#[test]
fn titles_of_office_are_titles_unless_they_are_the_name() {
    let mut c = context();
    c.recipient = Some(Named {
        name: Some("Ruth Ginsburg".into()),
        title: Some("Justice".into()),
        ..Named::default()
    });
    let input = CLEAN.replace("Dear Grace,", "Dear Justice Ginsburg,");
    assert!(!rules(&input, &c).contains(&"recipient-name"));
    c.recipient = Some(Named {
        name: Some("Dean Okafor".into()),
        title: None,
        ..Named::default()
    });
    let input = CLEAN.replace("Dear Grace,", "Dear Dean,");
    assert!(!rules(&input, &c).contains(&"recipient-name"));
}

#[test]
fn greetings_by_given_name_or_by_title_and_family_name() {
    let mut c = context();
    let flagged = |greeting: &str, c: &Context| {
        let input = CLEAN.replace("Dear Grace,", greeting);
        rules(&input, c).contains(&"recipient-name")
    };
    // Dr. Grace Hopper, read from her name.
    assert!(!flagged("Dear Dr. Hopper,", &c));
    assert!(!flagged("Hi Grace,", &c));
    assert!(flagged("Hi Hopper,", &c));
    // A name written family name first, with its parts given.
    c.recipient = Some(Named {
        name: Some("Wang Xiuying".into()),
        given: Some("Xiuying".into()),
        family: Some("Wang".into()),
        ..Named::default()
    });
    assert!(!flagged("Dear Ms. Wang,", &c));
    assert!(!flagged("Hi Xiuying,", &c));
    assert!(!flagged("Dear Wang Xiuying,", &c));
    assert!(flagged("Hi Wang,", &c));
    let input = CLEAN.replace("Dear Grace,", "Hi Wang,");
    let report = check(&input, &c, &WithoutDictionary);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "recipient-name")
        .unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.suggestions, ["Dear Xiuying,"]);
    // Without the parts, the name reads given name first, and the greeting by it is right.
    c.recipient = Some(Named {
        name: Some("Wang Xiuying".into()),
        ..Named::default()
    });
    assert!(!flagged("Hi Wang,", &c));
}

#[test]
fn formal_greetings_want_title_and_family_name() {
    let mut c = context();
    c.culture = Some(Culture::Formal);
    let severities = |greeting: &str, c: &Context| -> Vec<Severity> {
        let input = CLEAN.replace("Dear Grace,", greeting);
        check(&input, c, &WithoutDictionary)
            .diagnostics
            .iter()
            .filter(|d| d.rule == "recipient-name")
            .map(|d| d.severity)
            .collect()
    };
    assert_eq!(severities("Dear Dr. Hopper,", &c), []);
    assert_eq!(severities("Dear Grace,", &c), [Severity::Warning]);
    c.recipient = Some(Named {
        name: Some("Ana de la Cruz".into()),
        title: Some("Ms.".into()),
        ..Named::default()
    });
    assert_eq!(severities("Dear Ms. de la Cruz,", &c), []);
    assert_eq!(severities("Dear Ana,", &c), [Severity::Warning]);
}
