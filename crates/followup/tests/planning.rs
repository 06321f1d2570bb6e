//! Plans, the agenda, the calendar and the settings, through the real binary.

use serde_json::Value;

use crate::support::{Followup, python, root, with_one_application};

const SPEC_EXAMPLE: &str = include_str!("../../followup-core/tests/data/spec-example.json");

#[test]
fn plan_from_a_file_follows_the_spec_example() {
    let f = Followup::new();
    let input = f.write("example.json", SPEC_EXAMPLE);
    // The file's own "now" counts when no --now is given.
    let mut cmd = f.command();
    cmd.env_remove("FOLLOWUP_NOW")
        .args(["--json", "plan", "--input", input.to_str().unwrap()]);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["status"], "awaiting-decision");
    let names: Vec<String> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let n = if a["n"] == 1 {
                String::new()
            } else {
                format!(":{}", a["n"])
            };
            format!(
                "{}:{}:{}{n} {}",
                a["kind"].as_str().unwrap(),
                a["interview"].as_str().unwrap(),
                a["to"].as_str().unwrap(),
                a["status"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "thank-you:r1:p1 done",
            "handwritten-note:r1:p1 due",
            "check-in:r1:p1 upcoming"
        ]
    );
    assert_eq!(plan["actions"][2]["opens"], "2026-03-23T09:00:00-04:00");

    // --now wins over the file's.
    let later = f.json(&[
        "plan",
        "--input",
        input.to_str().unwrap(),
        "--now",
        "2026-03-24T12:00:00-04:00",
    ]);
    assert_eq!(later["actions"][2]["status"], "due");
    let path = f.write("plan.json", &serde_json::to_string(&later).unwrap());
    python(
        "check_schema.py",
        &[
            root().join("docs/schema/plan.schema.json").as_os_str(),
            path.as_os_str(),
        ],
    );

    let table = f.ok(&["plan", "--input", input.to_str().unwrap()]);
    assert!(
        table.contains("a1  Acme Corp — Data Engineer: awaiting-decision"),
        "{table}"
    );
    assert!(table.contains("upcoming  check-in:r1:p1"), "{table}");
}

#[test]
fn a_stored_plan_matches_the_plan_of_its_export() {
    let f = Followup::new();
    f.ok(&["demo"]);
    for app in ["a1", "a2", "a3", "a4", "a5", "a6"] {
        let stored = f.json(&["plan", app]);
        let file = f.write(&format!("{app}.json"), &f.ok(&["export", app]));
        let from_file = f.json(&["plan", "--input", file.to_str().unwrap()]);
        assert_eq!(stored, from_file, "{app}");
        let path = f.write(
            &format!("{app}-plan.json"),
            &serde_json::to_string(&stored).unwrap(),
        );
        python(
            "check_schema.py",
            &[
                root().join("docs/schema/plan.schema.json").as_os_str(),
                path.as_os_str(),
            ],
        );
    }
}

fn agenda_names(due: &Value, group: &str) -> Vec<String> {
    due[group]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let n = if i["n"] == 1 {
                String::new()
            } else {
                format!(":{}", i["n"])
            };
            format!(
                "{}:{}:{}{n}",
                i["kind"].as_str().unwrap(),
                i["interview"].as_str().unwrap(),
                i["to"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_agenda_moves_on_as_follow_ups_are_logged() {
    let f = with_one_application(); // a1: Acme, banking (formal), r1 ended 15:00, now 18:00
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "-i",
        "Alan Turing, role=panelist, email=alan@acme.example",
    ]);
    let due = f.json(&["due"]);
    assert_eq!(
        agenda_names(&due, "due"),
        [
            "thank-you:r1:p1",
            "thank-you:r1:p2",
            "handwritten-note:r1:p1",
            "handwritten-note:r1:p2"
        ]
    );
    assert_eq!(agenda_names(&due, "overdue"), Vec::<String>::new());
    assert_eq!(due["due"][0]["name"], "Grace Hopper");
    assert_eq!(due["due"][0]["company"], "Acme Corp");

    f.ok(&["log", "thank-you:r1:p1"]);
    let due = f.json(&["due"]);
    assert_eq!(
        agenda_names(&due, "due"),
        [
            "thank-you:r1:p2",
            "handwritten-note:r1:p1",
            "handwritten-note:r1:p2"
        ]
    );

    // Two days later the rest is overdue, and the thank-you is late.
    let later = f.json(&["--now", "2026-03-04T16:00:00-05:00", "due"]);
    assert_eq!(
        agenda_names(&later, "overdue"),
        [
            "thank-you:r1:p2",
            "handwritten-note:r1:p1",
            "handwritten-note:r1:p2"
        ]
    );
    assert_eq!(later["overdue"][0]["late"], true);
    // The check-in is only upcoming within a wider window.
    assert!(agenda_names(&f.json(&["due", "--within", "1d"]), "upcoming").is_empty());
    assert_eq!(
        agenda_names(&f.json(&["due", "--within", "2w"]), "upcoming"),
        ["check-in:r1:p1"]
    );

    // Archived applications leave the agenda; so does an answered one.
    f.ok(&["app", "archive", "a1"]);
    let none = f.json(&["due", "--within", "4w"]);
    assert!(agenda_names(&none, "due").is_empty() && agenda_names(&none, "upcoming").is_empty());
    assert!(f.ok(&["due"]).contains("Nothing to send in the next 7d."));
    f.ok(&["app", "archive", "a1", "--undo"]);
    f.ok(&["response", "a1", "offer", "--from", "p1"]);
    assert_eq!(
        agenda_names(&f.json(&["due", "--within", "4w"]), "upcoming"),
        Vec::<String>::new()
    );

    let text = f.ok(&["due"]);
    assert!(text.contains("Due now (3)"), "{text}");
    assert!(text.contains("SEND AT"), "{text}");
}

#[test]
fn settings_change_every_plan() {
    let f = with_one_application();
    f.ok(&["interview", "edit", "r1", "--decision", "2026-03-13"]);
    f.ok(&["log", "thank-you:r1:p1", "--at", "2026-03-02 19:00"]);
    let check_in = |f: &Followup| {
        let plan = f.json(&["plan", "a1"]);
        plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "check-in")
            .unwrap()["opens"]
            .clone()
    };
    assert_eq!(check_in(&f), "2026-03-16T09:00:00-04:00");
    let upcoming = |f: &Followup| f.json(&["due", "--within", "3w"])["upcoming"].clone();
    assert_eq!(upcoming(&f)[0]["opens"], "2026-03-16T09:00:00-04:00");

    let settings = f.json(&[
        "settings",
        "set",
        "--holiday",
        "2026-03-16",
        "--business-hours",
        "08:30-16:30",
        "--max-check-ins",
        "3",
        "--linkedin-premium",
    ]);
    assert_eq!(settings["holidays"], serde_json::json!(["2026-03-16"]));
    assert_eq!(settings["linkedin_note_limit"], 300);
    assert_eq!(check_in(&f), "2026-03-17T08:30:00-04:00");
    // The kept agenda was replanned too.
    assert_eq!(upcoming(&f)[0]["opens"], "2026-03-17T08:30:00-04:00");

    let shown = f.ok(&["settings"]);
    assert!(
        shown.contains("300 characters (premium account)"),
        "{shown}"
    );
    assert!(
        shown.contains("08:30-16:30 in the recipient's zone"),
        "{shown}"
    );
    f.ok(&["settings", "set", "--remove-holiday", "2026-03-16"]);
    assert_eq!(check_in(&f), "2026-03-16T08:30:00-04:00");

    let before = f.snapshot();
    let err = f.bad(&["settings", "set", "--max-check-ins", "11"]);
    assert!(
        err.contains("--max-check-ins: 11 check-ins would be nagging"),
        "{err}"
    );
    let err = f.bad(&["settings", "set", "--business-hours", "17:00-09:00"]);
    assert!(err.contains("ends before it starts"), "{err}");
    let err = f.bad(&["settings", "set", "--holiday", "christmas"]);
    assert!(
        err.contains("--holiday: cannot read \"christmas\" as a date"),
        "{err}"
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn the_calendar_has_one_event_per_open_follow_up() {
    let f = Followup::new();
    f.ok(&["demo"]);
    let path = f.data_dir().join("followups.ics");
    f.ok(&["calendar", "--output", path.to_str().unwrap()]);
    let read: Value = serde_json::from_str(&python("read_ics.py", &[path.as_os_str()])).unwrap();
    let events = read["events"].as_array().unwrap();

    let agenda = f.json(&["due", "--within", "520w"]);
    let mut open: Vec<(String, String)> = Vec::new();
    for group in ["overdue", "due", "upcoming"] {
        for item in agenda[group].as_array().unwrap() {
            let n = if item["n"] == 1 {
                String::new()
            } else {
                format!(":{}", item["n"])
            };
            let name = format!(
                "{}:{}:{}{n}",
                item["kind"].as_str().unwrap(),
                item["interview"].as_str().unwrap(),
                item["to"].as_str().unwrap()
            );
            let suggested: jiff::Timestamp = item["suggested"].as_str().unwrap().parse().unwrap();
            open.push((
                format!("{}/{name}@followup", item["application"].as_str().unwrap()),
                suggested.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ));
        }
    }
    assert!(!open.is_empty());
    assert_eq!(events.len(), open.len());
    for (uid, start) in &open {
        let event = events
            .iter()
            .find(|e| &e["uid"] == uid)
            .unwrap_or_else(|| panic!("{uid} in the calendar"));
        assert_eq!(&event["start"], start, "{uid} starts at its suggested time");
        assert_eq!(
            event["alarms"][0]["action"], "DISPLAY",
            "{uid} has an alarm"
        );
        assert!(
            event["description"].as_str().unwrap().contains("Send by "),
            "{uid} says when it is due"
        );
    }
    assert_eq!(read["prodid"], "-//followup//follow-ups//EN");

    // The same follow-ups keep their UIDs, so a re-import updates instead of duplicating.
    f.ok(&["log", "thank-you:r2:p1"]);
    let again = f.data_dir().join("again.ics");
    f.ok(&["calendar", "--output", again.to_str().unwrap()]);
    let reread: Value = serde_json::from_str(&python("read_ics.py", &[again.as_os_str()])).unwrap();
    let uids = |v: &Value| {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (before, after) = (uids(&read), uids(&reread));
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|u| before.contains(u)));
    assert!(!after.contains(&"a1/thank-you:r2:p1@followup".to_string()));
    // And the export is reproducible.
    f.ok(&["calendar", "--output", path.to_str().unwrap()]);
    f.ok(&["log", "thank-you:r2:p2"]);
    let text = std::fs::read_to_string(&again).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "CRLF line ends");
}
