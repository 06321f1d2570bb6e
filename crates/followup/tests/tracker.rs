//! The tracker as a user meets it: profile, applications, rounds, people, touchpoints,
//! responses, and a lossless trip out through export and back in through import.

use crate::support::{Followup, with_one_application};

fn panel_story(f: &Followup) {
    f.ok(&[
        "profile",
        "set",
        "--name",
        "Ada Lovelace",
        "--email",
        "ada@example.com",
        "--timezone",
        "America/New_York",
        "--highlight",
        "five years building streaming data pipelines",
        "--signature",
        "Ada Lovelace\\n+1 555 010 0001",
    ]);
    f.ok(&[
        "app",
        "add",
        "Acme Corp",
        "Data Engineer",
        "--industry",
        "banking",
        "--source",
        "referral",
        "--notes",
        "Met Grace at a meetup",
    ]);
    f.ok(&[
        "interview", "add", "a1", "--kind", "panel", "--start", "2026-03-02 14:00", "--duration", "90m",
        "--decision", "2026-03-13", "--rapport",
        "-i", "Grace Hopper, title=Dr., role=hiring-manager, email=grace@acme.example",
        "-i", "Alan Turing, role=panelist, email=alan@acme.example, tz=Europe/London",
        "-i", "Katherine Johnson, role=recruiter, phone=+1 555 010 2030, linkedin=linkedin.com/in/kj-example",
    ]);
    crate::support::note_graces_details(f);
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "--for",
        "p2",
        "--topic",
        "property-based testing, and why it finds bugs",
        "--concern",
        "no Scala experience",
    ]);
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "--for",
        "p3",
        "--topic",
        "the relocation package",
    ]);
    let message = f.write(
        "note.txt",
        "Subject: Thank you, Dr. Hopper\n\nDear Dr. Hopper,\n\nThank you for your time today.\n",
    );
    f.ok(&[
        "log",
        "thank-you:r1:p1",
        "--at",
        "2026-03-02 19:00",
        "--message",
        message.to_str().unwrap(),
    ]);
    f.ok(&["log", "thank-you:r1:p2", "--at", "2026-03-02 19:20"]);
    f.ok(&["log", "thank-you:r1:p3", "--at", "2026-03-02 19:40"]);
    f.ok(&[
        "response",
        "a1",
        "update",
        "--from",
        "p3",
        "--at",
        "2026-03-05 10:00",
        "--decision",
        "2026-03-20",
        "--note",
        "Still interviewing",
    ]);
    f.ok(&["log", "check-in:r1:p3", "--at", "2026-03-23 09:00"]);
    f.ok(&[
        "response",
        "a1",
        "offer",
        "--from",
        "p1",
        "--at",
        "2026-03-25 11:00",
    ]);
}

#[test]
fn a_panel_survives_export_and_import_unchanged() {
    let first = Followup::new();
    panel_story(&first);
    let exported = first.ok(&["export", "a1"]);
    let file = first.write("a1.json", &exported);

    let second = Followup::new();
    let imported = second.json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported["application"], "a1");
    assert_eq!(imported["renamed"], serde_json::json!([]));
    let again = second.ok(&["export", "a1"]);
    assert_eq!(
        exported, again,
        "export → import → export must be identical"
    );

    let json: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let people = &json["interviews"][0]["interviewers"];
    assert_eq!(people.as_array().unwrap().len(), 3);
    assert_eq!(people[0]["details"]["topics"][0], "moving billing to Kafka");
    assert_eq!(
        people[1]["details"]["topics"][0],
        "property-based testing, and why it finds bugs"
    );
    assert_eq!(people[2]["linkedin"], "https://linkedin.com/in/kj-example");
    assert_eq!(json["interviews"][0]["end"], "2026-03-02T15:30:00-05:00");
    assert_eq!(json["interviews"][0]["decision_expected_by"], "2026-03-13");
    assert_eq!(json["touchpoints"].as_array().unwrap().len(), 4);
    assert_eq!(json["touchpoints"][0]["subject"], "Thank you, Dr. Hopper");
    assert_eq!(
        json["touchpoints"][0]["message"],
        "Dear Dr. Hopper,\n\nThank you for your time today.\n"
    );
    assert_eq!(
        json["touchpoints"][2]["channel"], "linkedin",
        "known only by LinkedIn: thanked there"
    );
    assert_eq!(json["touchpoints"][3]["kind"], "check-in");
    assert_eq!(json["responses"][0]["decision_expected_by"], "2026-03-20");
    assert_eq!(
        json["application"]["stage"], "offer",
        "an offer moves the stage"
    );
    assert_eq!(
        json["profile"]["signature"],
        "Ada Lovelace\n+1 555 010 0001"
    );

    // Importing the same file again keeps both, renaming what clashes.
    let report = second.json(&["import", file.to_str().unwrap()]);
    assert_eq!(report["application"], "a2");
    assert_eq!(report["renamed"].as_array().unwrap().len(), 5);
}

#[test]
fn entering_data_is_pleasant() {
    let f = with_one_application();
    // Natural dates in the profile's zone, end = start + 1 h, short ids.
    let round = f.json(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "onsite",
        "--start",
        "tomorrow 10:00",
        "-i",
        "p1",
        "-i",
        "Alan Turing",
    ]);
    assert_eq!(round["id"], "r2");
    assert_eq!(round["start"], "2026-03-03T10:00:00-05:00");
    assert_eq!(round["end"], "2026-03-03T11:00:00-05:00");
    assert_eq!(round["timezone"], "America/New_York");
    assert_eq!(
        round["interviewers"][0]["id"], "p1",
        "an existing person joins by id"
    );
    assert_eq!(round["interviewers"][1]["id"], "p2");
    // A different zone for one round.
    let round = f.json(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "phone",
        "--start",
        "friday 9am",
        "--tz",
        "Europe/Berlin",
    ]);
    assert_eq!(round["start"], "2026-03-06T09:00:00+01:00");
    // Moving the start keeps the length.
    let round = f.json(&["interview", "edit", "r2", "--start", "2026-03-04 15:30"]);
    assert_eq!(round["end"], "2026-03-04T16:30:00-05:00");
}

#[test]
fn applications_can_be_listed_edited_and_archived() {
    let f = with_one_application();
    f.ok(&[
        "app",
        "add",
        "Globex",
        "Analyst",
        "--culture",
        "casual",
        "--stage",
        "interviewing",
    ]);
    let list = f.json(&["app", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["rounds"], 1);
    let text = f.ok(&["app", "list"]);
    assert!(
        text.starts_with("ID  COMPANY    ROLE"),
        "aligned table:\n{text}"
    );
    assert!(text.contains("a2  Globex     Analyst"), "{text}");

    let edited = f.json(&[
        "app",
        "edit",
        "a2",
        "--role",
        "Senior Analyst",
        "--culture",
        "auto",
        "--no-calls",
        "--notes",
        "Ask about remote work",
    ]);
    assert_eq!(edited["role"], "Senior Analyst");
    assert_eq!(edited["culture"], serde_json::Value::Null);
    assert_eq!(edited["prefers_no_calls"], true);
    let cleared = f.json(&["app", "edit", "a2", "--notes", ""]);
    assert_eq!(cleared["notes"], serde_json::Value::Null);

    f.ok(&["app", "archive", "a2"]);
    assert_eq!(f.json(&["app", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(
        f.json(&["app", "list", "--all"]).as_array().unwrap().len(),
        2
    );
    f.ok(&["app", "archive", "a2", "--undo"]);
    // a1 was added as applied and then had a round recorded, so it is interviewing too.
    let interviewing = f.json(&["app", "list", "--stage", "interviewing"]);
    let ids: Vec<&str> = interviewing
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a2"]);

    let shown = f.ok(&["app", "show", "a1"]);
    assert!(shown.contains("a1  Acme Corp — Data Engineer"), "{shown}");
    assert!(
        shown.contains("formal culture (from the industry)"),
        "{shown}"
    );
    assert!(
        shown.contains("p1  Dr. Grace Hopper  hiring-manager  grace@acme.example"),
        "{shown}"
    );
}

#[test]
fn the_profile_is_shown_and_set() {
    let f = Followup::new();
    assert!(f.ok(&["profile"]).contains("No profile yet"));
    assert_eq!(f.json(&["profile"]), serde_json::Value::Null);
    let p = f.json(&["profile", "set", "--name", "Ada Lovelace"]);
    assert_eq!(
        p["timezone"], "America/New_York",
        "defaults to this computer's zone"
    );
    f.ok(&[
        "profile",
        "set",
        "--add-highlight",
        "shipped a payments API",
        "--phone",
        "+44 20 7946 0000",
    ]);
    let p = f.json(&[
        "profile",
        "set",
        "--add-highlight",
        "mentored three juniors",
    ]);
    assert_eq!(
        p["highlights"],
        serde_json::json!(["shipped a payments API", "mentored three juniors"])
    );
    assert_eq!(p["phone"], "+44 20 7946 0000");
    let shown = f.ok(&["profile"]);
    assert!(shown.contains("name        Ada Lovelace"), "{shown}");
}

#[test]
fn the_demo_fills_a_fresh_directory_and_says_what_next() {
    let f = Followup::new();
    let out = f.ok(&["demo"]);
    assert!(out.contains("Try next:"), "{out}");
    let list = f.json(&["app", "list"]);
    let stages: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["stage"].as_str().unwrap())
        .collect();
    for stage in ["applied", "interviewing", "offer", "rejected"] {
        assert!(stages.contains(&stage), "{stage} in {stages:?}");
    }
    let panel = f.json(&["export", "a1"]);
    let kinds: Vec<&str> = panel["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"panel"));
    let networking = f.json(&["export", "a6"]);
    assert_eq!(networking["interviews"][0]["kind"], "networking");
    // Every sample application is valid interchange.
    for app in list.as_array().unwrap() {
        let id = app["id"].as_str().unwrap();
        let text = f.ok(&["export", id]);
        let path = f.write(&format!("{id}.json"), &text);
        let other = Followup::new();
        other.ok(&["import", path.to_str().unwrap()]);
        assert_eq!(other.ok(&["export", id]), text);
    }
    // Running it again is harmless; mixing it into real data is refused.
    assert!(f.ok(&["demo"]).contains("already holds the sample"));
    assert_eq!(f.json(&["app", "list"]).as_array().unwrap().len(), 7);
    f.ok(&["app", "add", "Initech", "Analyst"]);
    let err = f.bad(&["demo"]);
    assert!(err.contains("already holds your applications"), "{err}");
}

#[test]
fn messages_come_from_standard_input_too() {
    let f = with_one_application();
    let run = f.run_with_input(
        &["--json", "log", "thank-you:r1:p1", "--message", "-"],
        "Subject: Thanks\n\nHello Grace,\nthank you.\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(t["subject"], "Thanks");
    assert_eq!(t["message"], "Hello Grace,\nthank you.\n");
    assert_eq!(
        t["at"], "2026-03-02T18:00:00-05:00",
        "now, from FOLLOWUP_NOW"
    );
}

#[test]
fn exports_match_the_published_json_schema() {
    let f = Followup::new();
    f.ok(&["demo"]);
    let mut files = Vec::new();
    for app in ["a1", "a2", "a3", "a4", "a5", "a6", "a7"] {
        files.push(f.write(&format!("{app}.json"), &f.ok(&["export", app])));
    }
    let schema = crate::support::root().join("docs/schema/application.schema.json");
    let mut args = vec![schema.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    crate::support::python("check_schema.py", &args);
}
