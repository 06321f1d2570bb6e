//! Drafts, the debrief and user templates, through the real binary.

use serde_json::Value;

use crate::support::{Followup, with_one_application};

const SPEC_EXAMPLE: &str = include_str!("../../followup-core/tests/data/spec-example.json");

#[test]
fn a_thank_you_from_the_store_in_the_culture_s_tone() {
    let f = with_one_application(); // Acme Corp, banking: formal
    crate::support::note_graces_details(&f);
    let text = f.ok(&["draft", "a1", "thank-you:r1:p1"]);
    assert!(text.starts_with("Subject: "), "{text}");
    assert!(text.contains("Dear Dr. Hopper,"), "{text}");
    assert!(text.contains("moving billing to Kafka"), "{text}");
    assert!(text.contains("your 2019 outage story"), "{text}");
    // A formal sign-off, one of those the person's place in the round picks.
    assert!(
        [
            "Sincerely",
            "Yours sincerely",
            "Respectfully",
            "With appreciation",
            "Kind regards",
            "With gratitude"
        ]
        .iter()
        .any(|s| text.contains(&format!("{s},\nAda Lovelace"))),
        "{text}"
    );

    let casual = f.json(&["draft", "a1", "thank-you:r1:p1", "--tone", "casual"]);
    assert!(
        casual["body"].as_str().unwrap().starts_with("Hi Grace,"),
        "{casual}"
    );
    assert_eq!(casual["kind"], "thank-you");
    assert_eq!(casual["channel"], "email");
    assert_eq!(casual["to"], "p1");
    assert_eq!(casual["template"], "thank-you");

    // Three days later the thank-you is late, and its wording says so differently.
    let late = f.json(&[
        "--now",
        "2026-03-05T12:00:00-05:00",
        "draft",
        "a1",
        "thank-you:r1:p1",
    ]);
    assert_eq!(late["template"], "late-thank-you");

    let err = f.bad(&["draft", "a1", "check-in:r1:p1:2"]);
    assert!(
        err.contains("check-in:r1:p1:2 is not in the plan of a1"),
        "{err}"
    );
    assert!(err.contains("planned: thank-you:r1:p1"), "{err}");
    let err = f.bad(&["draft", "a1", "thank-you:r1:p1", "--tone", "chummy"]);
    assert!(
        err.contains("--tone: \"chummy\" is not one of formal, neutral, casual"),
        "{err}"
    );
}

#[test]
fn a_draft_from_the_interchange_file() {
    let f = Followup::new();
    let input = f.write("example.json", SPEC_EXAMPLE);
    let draft = f.json(&[
        "draft",
        "--input",
        input.to_str().unwrap(),
        "--action",
        "handwritten-note:r1:p1",
    ]);
    for key in ["kind", "channel", "to", "subject", "body"] {
        assert!(draft.get(key).is_some(), "{key} in {draft}");
    }
    assert_eq!(draft["channel"], "post");
    assert_eq!(draft["subject"], Value::Null, "a card has no subject");
    assert!(
        draft["body"]
            .as_str()
            .unwrap()
            .contains("moving billing to Kafka")
    );
    let check_in = f.ok(&[
        "draft",
        "--input",
        input.to_str().unwrap(),
        "--action",
        "check-in:r1:p1",
    ]);
    assert!(
        // In the locale LANG names: en-US unless it says otherwise.
        check_in.contains("Friday, March 20") || check_in.contains("Friday 20 March"),
        "the updated decision date: {check_in}"
    );
}

#[test]
fn the_debrief_keeps_what_each_person_said() {
    let f = with_one_application();
    f.ok(&[
        "profile",
        "set",
        "--add-highlight",
        "five years building streaming data pipelines",
        "--add-highlight",
        "cut cloud costs by a third",
    ]);
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "-i",
        "Alan Turing, role=panelist, email=alan@acme.example",
    ]);
    let answers = "moving billing to Kafka\nthe on-call rotation\n\nher 2019 outage story\n\nwhether I have run Kafka in production\n\n1\n\n\
                   property-based testing\n\n\n\n2\n";
    let run = f.run_with_input(&["--json", "debrief", "r1"], answers);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Grace Hopper: what did you discuss?"),
        "{}",
        run.stderr
    );
    // One line on how to type details, then each detail as the sentence it will become.
    assert!(
        run.stderr
            .contains("Type details as you would jot them: \"moving billing to kafka\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  → I enjoyed our conversation about moving billing to Kafka.\n"),
        "{}",
        run.stderr
    );
    let round: Value = serde_json::from_str(&run.stdout).unwrap();
    let grace = &round["interviewers"][0]["details"];
    assert_eq!(
        grace["topics"],
        serde_json::json!(["moving billing to Kafka", "the on-call rotation"])
    );
    assert_eq!(
        grace["shared"],
        serde_json::json!(["her 2019 outage story"])
    );
    assert_eq!(
        grace["concerns"],
        serde_json::json!(["whether I have run Kafka in production"])
    );
    assert_eq!(
        grace["highlights"],
        serde_json::json!(["five years building streaming data pipelines"])
    );
    let alan = &round["interviewers"][1]["details"];
    assert_eq!(
        alan["topics"],
        serde_json::json!(["property-based testing"])
    );
    assert_eq!(
        alan["highlights"],
        serde_json::json!(["cut cloud costs by a third"])
    );

    // The notes now draw on it, each from its own person.
    let grace_note = f.ok(&["draft", "a1", "thank-you:r1:p1"]);
    assert!(
        grace_note.contains("whether I have run Kafka in production"),
        "{grace_note}"
    );
    assert!(
        grace_note.contains("five years building streaming data pipelines"),
        "{grace_note}"
    );
    let alan_note = f.ok(&["draft", "a1", "thank-you:r1:p2"]);
    assert!(alan_note.contains("property-based testing"), "{alan_note}");
    assert!(
        alan_note.contains("cut cloud costs by a third"),
        "{alan_note}"
    );

    let before = f.snapshot();
    let run = f.run_with_input(&["debrief", "r1"], "\n\n\n7\n");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("highlights: \"7\" is not one of the numbers 1 to 2"),
        "{}",
        run.stderr
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_broken_user_template_is_named_and_the_built_in_one_drafts() {
    let f = with_one_application();
    // An "editor" that writes a template using a variable that does not exist.
    let editor = f.write("editor.sh", "#!/bin/sh\nprintf 'Subject: Hi\\n\\nDear {{ recipient.greeting }},\\n\\nThank you for {{ meeting_place }}.\\n' > \"$1\"\n");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let mut cmd = f.command();
    cmd.env("EDITOR", &editor)
        .args(["templates", "edit", "thank-you"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: template thank-you, line 5, column 18: undefined value: `meeting_place` is undefined"), "{stderr}");

    let list = f.json(&["templates", "list"]);
    assert_eq!(list[0]["name"], "thank-you");
    assert_eq!(list[0]["state"], "yours, broken");

    let run = f.run(&["draft", "a1", "thank-you:r1:p1"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("template thank-you, line 5, column 18"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the built-in template was used instead"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("Dear Dr. Hopper,"), "{}", run.stdout);

    // A working template of one's own is used.
    let fixed = f.write("fixed.sh", "#!/bin/sh\nprintf 'Subject: Thanks, {{ recipient.first }}\\n\\nDear {{ recipient.greeting }},\\n\\nThank you.\\n\\n{{ closing }},\\n{{ sender.name }}\\n' > \"$1\"\n");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fixed)
        .status()
        .unwrap();
    let mut cmd = f.command();
    cmd.env("EDITOR", &fixed)
        .args(["templates", "edit", "thank-you"]);
    assert!(cmd.output().unwrap().status.success());
    let mine = f.ok(&["draft", "a1", "thank-you:r1:p1"]);
    assert_eq!(
        mine,
        "Subject: Thanks, Grace\n\nDear Dr. Hopper,\n\nThank you.\n\nSincerely,\nAda Lovelace\n"
    );
    assert!(
        f.ok(&["templates", "show", "thank-you"])
            .contains("{{ recipient.first }}")
    );
    assert!(
        f.ok(&["templates", "show", "thank-you", "--built-in"])
            .contains("pick(")
    );

    f.ok(&["templates", "reset", "thank-you"]);
    assert_eq!(f.json(&["templates", "list"])[0]["state"], "built-in");
    let err = f.bad(&["templates", "show", "thank-yu"]);
    assert!(err.contains("there is no template \"thank-yu\""), "{err}");
}

/// Every open action of the demo drafts a note our own checker passes as it stands: no error,
/// no warning, no note. Only `timing` is set aside: the demo's overdue thank-yous are late by
/// construction, which says when the note goes, not how it reads.
#[test]
fn every_open_action_of_the_demo_drafts_a_note_the_checker_passes() {
    let f = Followup::new();
    f.ok(&["demo"]);
    let due = f.json(&["due", "--within", "8w"]);
    let mut actions = Vec::new();
    for status in ["overdue", "due", "upcoming"] {
        for a in due[status].as_array().into_iter().flatten() {
            let n = a["n"].as_u64().unwrap_or(1);
            let mut name = format!(
                "{}:{}:{}",
                a["kind"].as_str().unwrap(),
                a["interview"].as_str().unwrap(),
                a["to"].as_str().unwrap()
            );
            if n > 1 {
                name.push_str(&format!(":{n}"));
            }
            actions.push((a["application"].as_str().unwrap().to_string(), name));
        }
    }
    assert!(
        actions.len() >= 10,
        "the demo has open actions of every kind: {actions:?}"
    );
    let mut findings = Vec::new();
    for (app, action) in &actions {
        let run = f.run(&["--json", "check", app, action]);
        let report: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{app} {action}: {e}\n{}\n{}", run.stdout, run.stderr));
        for d in report["diagnostics"].as_array().unwrap() {
            if d["rule"] != "timing" {
                findings.push(format!("{app} {action}: {} {}", d["rule"], d["message"]));
            }
        }
    }
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings.join("\n")
    );
}
