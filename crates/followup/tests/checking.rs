//! `followup check` through the real binary: findings, spans, exit codes, drafts from the store.

use serde_json::Value;

use crate::support::{Followup, with_one_application};

const CONTEXT: &str = r#"{"kind": "thank-you", "channel": "email", "culture": "neutral",
  "sender": {"name": "Ada Lovelace"}, "recipient": {"name": "Chidi Okafor", "title": "Dr."},
  "company": "Northwind", "role": "Data Engineer", "other_companies": ["Globex"],
  "details": ["moving billing to Kafka"]}"#;

const CLEAN: &str = "Subject: Thank you for today\n\nDear Chidi,\n\nThank you for meeting me today about the Data Engineer role at Northwind. I enjoyed our conversation about moving billing to Kafka.\n\nI remain very interested in the role and would be glad to share anything else you need.\n\nBest regards,\nAda Lovelace\n";

#[test]
fn a_clean_draft_passes_and_names_are_known_words() {
    let f = Followup::new();
    let draft = f.write("draft.txt", CLEAN);
    let context = f.write("context.json", CONTEXT);
    let out = f.ok(&[
        "check",
        draft.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert!(out.contains("no findings"), "{out}");
    let report = f.json(&[
        "check",
        draft.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert_eq!(
        report["summary"],
        serde_json::json!({"errors": 0, "warnings": 0, "infos": 0})
    );
}

#[test]
fn errors_exit_with_one_and_point_at_the_words() {
    let f = Followup::new();
    let bad = CLEAN.replace(
        "Northwind. I enjoyed",
        "[Company Name]. I definately enjoyed",
    );
    let draft = f.write("draft.txt", &bad);
    let context = f.write("context.json", CONTEXT);
    let run = f.run(&[
        "--json",
        "check",
        draft.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let found = |rule: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} in {report}"))
            .clone()
    };
    let slot = found("placeholder");
    let (start, end) = (
        slot["start"].as_u64().unwrap() as usize,
        slot["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bad[start..end], "[Company Name]");
    assert_eq!(slot["line"], 5);
    let typo = found("spelling");
    let (start, end) = (
        typo["start"].as_u64().unwrap() as usize,
        typo["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bad[start..end], "definately");
    assert_eq!(typo["severity"], "error");

    // For people, the same under each line with a caret.
    let run = f.run(&[
        "check",
        draft.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[placeholder]"), "{}", run.stdout);
    assert!(run.stdout.contains("^^^^^^^^^^^^^^"), "{}", run.stdout);
    assert!(run.stdout.contains("draft.txt:5:"), "{}", run.stdout);
}

#[test]
fn unusable_input_exits_with_two() {
    let f = Followup::new();
    let draft = f.write("draft.txt", CLEAN);
    let context = f.write(
        "context.json",
        "{\"kind\": \"thank-you\",\n \"recipient\": 3}",
    );
    let err = f.bad(&[
        "check",
        draft.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert!(err.contains("invalid JSON at line 2, column"), "{err}");
    let err = f.bad(&["check", "/no/such/draft.txt"]);
    assert!(err.contains("cannot read /no/such/draft.txt"), "{err}");
}

#[test]
fn standard_input_and_eml_files_are_read() {
    let f = Followup::new();
    let run = f.run_with_input(&["--json", "check", "-"], "Subject: Hi\n\nThank you!!\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "shouting")
    );
    let eml = f.write("draft.eml", "From: Ada <ada@example.com>\r\nTo: Chidi <chidi@northwind.example>\r\nSubject: Thank you for today\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear Chidi,\r\n\r\nThank you for meeting me about the Data Engineer role at Northwind.\r\n\r\nBest regards,\r\nAda Lovelace\r\n");
    // The headers name the people, so their names are known words; the company comes
    // from the context.
    let context = f.write("context.json", r#"{"company": "Northwind"}"#);
    let report = f.json(&[
        "check",
        eml.to_str().unwrap(),
        "--context",
        context.to_str().unwrap(),
    ]);
    assert_eq!(report["summary"]["errors"], 0, "{report}");
}

#[test]
fn our_own_drafts_pass_the_checker() {
    let f = with_one_application();
    f.ok(&[
        "profile",
        "set",
        "--add-highlight",
        "five years building streaming data pipelines",
    ]);
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "-i",
        "Alan Turing, role=panelist, email=alan@acme.example",
    ]);
    crate::support::note_graces_details(&f);
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "--for",
        "p2",
        "--topic",
        "property-based testing of the ledger",
    ]);
    for action in [
        "thank-you:r1:p1",
        "thank-you:r1:p2",
        "handwritten-note:r1:p1",
    ] {
        let report = f.json(&["check", "a1", action]);
        assert_eq!(report["summary"]["errors"], 0, "{action}: {report}");
        assert_eq!(report["summary"]["warnings"], 0, "{action}: {report}");
    }
}
