//! Data in and out: tracker CSVs, calendar and contact files, backup and restore, CSV
//! exports and the printable record of applications; and how the follow-ups are going.

use crate::support::{Followup, with_one_application};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/interop/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_tracker_csv_is_shown_first_then_imported_with_its_bad_rows_listed() {
    let f = Followup::new();
    f.ok(&["app", "list"]);
    let before = f.snapshot();
    let dry = f.run(&["import", &fixture("tracker.csv")]);
    assert_eq!(dry.code, 1, "rejected rows make the exit code 1:\n{dry:?}");
    assert!(dry.stdout.contains("Would add (3):"), "{}", dry.stdout);
    assert!(
        dry.stdout
            .contains("Northwind Traders — Data Analyst (interviewing; applied 2026-02-10)")
    );
    assert!(
        dry.stdout
            .contains("Fabrikam, Inc. — Product Manager (offer; applied 2026-02-03)")
    );
    assert!(
        dry.stdout
            .contains("contoso ltd — Site Reliability Engineer (line 9 repeats an earlier row)")
    );
    assert!(dry.stdout.contains("line 6: the role is empty"));
    assert!(dry.stdout.contains("line 7: the stage \"Daydreaming\""));
    assert!(dry.stdout.contains("line 8: \"2026-02-30\" is not a date"));
    assert!(dry.stdout.contains("Nothing was changed"));
    assert!(
        dry.stderr.contains("3 entries could not be imported"),
        "{}",
        dry.stderr
    );
    assert_eq!(f.snapshot(), before, "a dry run writes nothing");

    let atomic = f.run(&["import", &fixture("tracker.csv"), "--apply", "--atomic"]);
    assert_eq!(atomic.code, 1);
    assert!(atomic.stdout.contains("Nothing was imported: --atomic"));
    assert_eq!(f.snapshot(), before);

    let applied = f.run(&["import", &fixture("tracker.csv"), "--apply"]);
    assert_eq!(applied.code, 1, "{applied:?}");
    assert!(applied.stdout.contains("Added (3):"), "{}", applied.stdout);
    assert!(applied.stdout.contains("a1 Northwind Traders"));
    let northwind = f.json(&["app", "show", "a1"]);
    assert_eq!(
        northwind["application"]["notes"],
        "Referred by a former colleague.\nSecond call was with the CFO.\nPosting: https://northwind.example/jobs/17"
    );
    assert_eq!(northwind["application"]["stage"], "interviewing");
    let list = f.json(&["app", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    // Again: everything is already there.
    let again = f.run(&["import", &fixture("tracker.csv"), "--apply"]);
    assert!(
        again.stdout.contains("Already there, left alone (4):"),
        "{}",
        again.stdout
    );
    assert!(again.stdout.contains("Nothing to import."));
    assert_eq!(f.json(&["app", "list"]).as_array().unwrap().len(), 3);
}

#[test]
fn presets_and_maps_read_other_trackers() {
    let f = Followup::new();
    let huntr = f.ok(&[
        "import",
        &fixture("huntr.csv"),
        "--preset",
        "huntr",
        "--apply",
    ]);
    assert!(huntr.contains("Columns: Company → company, Job Title → role, List → stage, URL → url, Location → location, Created → applied"), "{huntr}");
    assert!(
        huntr.contains("a2 Proseware — Backend Developer (interviewing; applied 2026-02-01)"),
        "{huntr}"
    );
    let teal = f.ok(&[
        "import",
        &fixture("teal.csv"),
        "--preset",
        "teal",
        "--apply",
    ]);
    assert!(
        teal.contains("Margie's Travel — Travel Consultant (rejected"),
        "{teal}"
    );
    assert!(teal.contains("Litware — QA Engineer (offer"), "{teal}");
    let err = f.bad(&["import", &fixture("teal.csv"), "--map", "Salary=notes"]);
    assert!(err.contains("the file has no column \"Salary\""), "{err}");
    assert!(
        err.contains("\"Job Position\""),
        "lists the columns there are: {err}"
    );
    let err = f.bad(&["import", &fixture("teal.csv"), "--preset", "lever"]);
    assert!(err.contains("huntr, teal, generic"), "{err}");
    let mapped = f.ok(&[
        "import",
        &fixture("teal.csv"),
        "--format",
        "csv",
        "--map",
        "Job Position=role,Source=industry",
    ]);
    assert!(mapped.contains("Source → industry"), "{mapped}");
}

#[test]
fn backup_restore_backup_is_byte_for_byte_the_same() {
    let f = Followup::new();
    f.ok(&["demo"]);
    let first = f.data_dir().join("backup.json");
    let out = f.ok(&["backup", "-o", first.to_str().unwrap()]);
    assert!(out.contains("Wrote a backup of 7 applications"), "{out}");
    let other = Followup::new();
    let restored = other.ok(&["restore", first.to_str().unwrap()]);
    assert!(restored.contains("Restored 7 applications"), "{restored}");
    let second = other.data_dir().join("backup.json");
    other.ok(&["backup", "-o", second.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap()
    );
    assert_eq!(f.ok(&["due"]), other.ok(&["due"]), "the same plans follow");
    let err = other.bad(&["restore", first.to_str().unwrap()]);
    assert!(err.contains("already holds data"), "{err}");
    let junk = other.write(
        "junk.json",
        "{\"format\": \"something-else\", \"schema\": 1, \"tables\": {}}",
    );
    let third = Followup::new();
    let err = third.bad(&["restore", junk.to_str().unwrap()]);
    assert!(err.contains("not a followup backup"), "{err}");
}

#[test]
fn every_entity_goes_out_as_csv_and_the_record_prints() {
    let f = with_one_application();
    let dir = f.data_dir().join("csv");
    let out = f.ok(&["export", "--csv", dir.to_str().unwrap()]);
    assert!(out.contains("applications.csv (1 row)"), "{out}");
    let people = std::fs::read_to_string(dir.join("people.csv")).unwrap();
    assert!(people.starts_with("application,round,id,name,title,role,email"));
    assert!(people.contains("a1,r1,p1,Grace Hopper"), "{people}");
    for name in ["rounds.csv", "touchpoints.csv", "responses.csv"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    let report = f.ok(&["report"]);
    assert!(report.starts_with("<!doctype html>"));
    assert!(report.contains("Record of job applications"));
    assert!(report.contains("Acme Corp"), "{report}");
    assert!(report.contains("interview with Grace Hopper"), "{report}");
    let none = f.ok(&["report", "--since", "2030-01-01"]);
    assert!(none.contains("No applications since 2030-01-01"));
    f.bad(&["report", "--since", "someday"]);
}

fn parser_fixture(name: &str) -> String {
    format!(
        "{}/../followup-interop/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn calendar_events_become_rounds_and_contacts_fill_in_the_people() {
    let f = Followup::new();
    f.ok(&[
        "profile",
        "set",
        "--name",
        "Sam Candidate",
        "--email",
        "me@candidate.example",
        "--timezone",
        "Europe/London",
    ]);
    for (company, role) in [
        ("Brightwater Analytics", "Data Engineer"),
        ("Lumen Freight", "Operations Analyst"),
        ("Kestrel Robotics", "Robotics Engineer"),
    ] {
        f.ok(&["app", "add", company, role]);
    }
    let ics = parser_fixture("calendar.ics");
    let dry = f.run(&["import", &ics]);
    assert_eq!(dry.code, 1, "{dry:?}");
    assert!(dry.stdout.contains("Would add (5):"), "{}", dry.stdout);
    assert!(dry.stdout.contains(
        "a1 Brightwater Analytics: onsite round Tue 10 Mar 2026 10:00 with Henrike Vos (new), Jonas Feld (new)"
    ), "the organizer listed twice is one person; the room is nobody: {}", dry.stdout);
    assert!(
        dry.stdout
            .contains("a2 Lumen Freight: phone round Thu 5 Mar 2026 16:00 with Ruth Okafor (new)"),
        "the user is left out, and \"Okafor, Ruth\" reads naturally"
    );
    assert!(
        dry.stdout
            .contains("a3 Kestrel Robotics: onsite round Wed 15 Apr 2026 13:00 (#3)"),
        "a moved occurrence keeps its number"
    );
    assert!(
        dry.stdout
            .contains("line 63: an all-day event, not an interview")
    );
    assert_eq!(
        dry.stdout.matches("line 69:").count(),
        1,
        "one line per rejected series"
    );
    assert!(
        dry.stdout
            .contains("names none of your applications' companies; give --app")
    );
    let applied = f.run(&["import", &ics, "--apply"]);
    assert!(applied.stdout.contains("Added (5):"), "{}", applied.stdout);
    let rounds = f.json(&["interview", "list", "a1"]);
    let round = &rounds[0];
    assert_eq!(round["timezone"], "Europe/Berlin");
    assert_eq!(round["start"], "2026-03-10T10:00:00+01:00");
    assert_eq!(
        round["interviewers"][0]["email"],
        "henrike.vos@brightwater.example"
    );
    let plan = f.ok(&["plan", "a1"]);
    assert!(
        plan.contains("thank-you"),
        "the new round is planned: {plan}"
    );
    let again = f.run(&["import", &ics, "--apply"]);
    assert!(
        again.stdout.contains("Already there, left alone (5):"),
        "{}",
        again.stdout
    );

    // Contacts fill in what the calendar did not know, and never overwrite.
    let v3 = parser_fixture("contacts-v3.vcf");
    let updated = f.run(&["import", &v3, "--apply"]);
    assert!(
        updated.stdout.contains("Updated (2):"),
        "{}",
        updated.stdout
    );
    assert!(
        updated
            .stdout
            .contains("a1 Henrike Vos (p1): phone, title, linkedin")
    );
    assert!(updated.stdout.contains("line 32: a card with no name"));
    let henrike = &f.json(&["interview", "list", "a1"])[0]["interviewers"][0];
    assert_eq!(henrike["title"], "Dr.");
    assert_eq!(henrike["email"], "henrike.vos@brightwater.example");
    assert!(
        henrike["linkedin"]
            .as_str()
            .unwrap()
            .contains("linkedin.com")
    );
    // Someone not met yet joins the round named.
    let v4 = parser_fixture("contacts-v4.vcf");
    let missing = f.run(&["import", &v4, "--app", "a3"]);
    assert!(
        missing.stdout.contains("give --round"),
        "{}",
        missing.stdout
    );
    let joined = f.run(&["import", &v4, "--round", "r3", "--apply"]);
    assert!(
        joined.stdout.contains("a3 r3: Priya Raman"),
        "{}",
        joined.stdout
    );
    let r3 = f.json(&["interview", "list", "a3"]);
    let names: Vec<&str> = r3[0]["interviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Priya Raman"), "{names:?}");
    let err = f.bad(&["import", &v4, "--round", "r3", "--preset", "huntr"]);
    assert!(
        err.contains("--preset and --map are for CSV files"),
        "{err}"
    );
}

#[test]
fn a_long_import_shows_progress_on_a_terminal_only() {
    let f = Followup::new();
    let mut csv = String::from("Company,Role\n");
    for i in 0..5000 {
        csv.push_str(&format!("Company {i},Role {i}\n"));
    }
    let path = f.write("long.csv", &csv);
    let plain = f.run(&["import", path.to_str().unwrap()]);
    assert_eq!(plain.code, 0, "{plain:?}");
    assert!(
        !plain.stderr.contains("reading"),
        "no bar in a pipe: {}",
        plain.stderr
    );
    // A terminal, as `script` (util-linux) gives one, with the harness's environment.
    let command = format!(
        "{} import {} --apply",
        env!("CARGO_BIN_EXE_followup"),
        path.display()
    );
    let mut script = std::process::Command::new("script");
    script.env_clear();
    for (key, value) in f.command().get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    let out = script
        .env("TERM", "xterm")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script (util-linux) runs the import on a terminal");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("reading"), "a bar on a terminal: {shown}");
    assert!(shown.contains("Added (5000):"), "{shown}");
    assert_eq!(f.json(&["app", "list"]).as_array().unwrap().len(), 5000);
}

#[test]
fn imports_ask_rather_than_guess() {
    let f = Followup::new();
    f.ok(&[
        "profile",
        "set",
        "--name",
        "Sam",
        "--email",
        "me@example.com",
        "--timezone",
        "UTC",
    ]);
    f.ok(&["app", "add", "Acme", "Analyst"]);
    f.ok(&["app", "add", "Acme", "Engineer"]);
    f.ok(&["app", "add", "Ro", "Designer"]);
    f.ok(&["app", "add", "Globex", "Buyer"]);
    let ics = f.write(
        "mixed.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
         BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260310T140000Z\r\nSUMMARY:Interview at Acme\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20260311T140000Z\r\nSUMMARY:Dentist\r\nLOCATION:Room 3\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:3\r\nDTSTART:20260312T140000Z\r\nSUMMARY:Globex screen\r\n\
         RRULE:FREQ=WEEKLY;COUNT=3\r\nATTENDEE;CN=Carol New:mailto:carol@globex.example\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n",
    );
    let run = f.run(&["import", ics.to_str().unwrap(), "--apply"]);
    assert!(
        run.stdout.contains("could belong to a1 or a2; give --app"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"Dentist\" names none of your applications"),
        "whole words only: {}",
        run.stdout
    );
    assert!(run.stdout.contains("Added (3):"), "{}", run.stdout);
    let globex = f.json(&["interview", "list", "a4"]);
    let ids: Vec<&str> = globex
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["interviewers"][0]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "Carol is one person in three rounds: {ids:?}"
    );

    // One contact in two applications is filled in in both.
    f.ok(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "phone",
        "--start",
        "2026-03-02 10:00",
        "-i",
        "Jane Roe, email=jane@acme.example",
    ]);
    f.ok(&[
        "interview",
        "add",
        "a2",
        "--kind",
        "phone",
        "--start",
        "2026-03-03 10:00",
        "-i",
        "Jane Roe, email=jane@acme.example",
    ]);
    let vcf = f.write(
        "jane.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Roe\r\nEMAIL:jane@acme.example\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad Number\r\nTEL:call me maybe\r\nURL:https://linkedin.com/in/bad\r\nEND:VCARD\r\n",
    );
    let run = f.run(&["import", vcf.to_str().unwrap(), "--apply"]);
    assert!(run.stdout.contains("Updated (2):"), "{}", run.stdout);
    assert!(
        run.stdout.contains("line 7: vcard phone"),
        "the bad card is refused whole: {}",
        run.stdout
    );
    for app in ["a1", "a2"] {
        let rounds = f.json(&["interview", "list", app]);
        assert_eq!(
            rounds[0]["interviewers"][0]["phone"], "+1 555 0100",
            "{app}"
        );
    }

    // Flags that mean nothing for the format are refused, not ignored.
    let json = f.data_dir().join("a1.json");
    f.ok(&["export", "a1", "-o", json.to_str().unwrap()]);
    let err = f.bad(&["import", json.to_str().unwrap(), "--map", "Foo=company"]);
    assert!(
        err.contains("--preset and --map are for CSV files"),
        "{err}"
    );
    let csv = f.write("semi.csv", "Company;Role\nInitech;Analyst\n");
    let err = f.bad(&["import", csv.to_str().unwrap(), "--app", "a1"]);
    assert!(err.contains("--app is for calendar events"), "{err}");
    let semi = f.ok(&["import", csv.to_str().unwrap()]);
    assert!(
        semi.contains("Initech — Analyst"),
        "semicolons are found: {semi}"
    );
    let empty = f.write("empty.csv", "");
    let err = f.bad(&["import", empty.to_str().unwrap()]);
    assert!(err.contains("the file is empty"), "{err}");
}

#[test]
fn stats_say_how_the_follow_ups_are_going() {
    let f = Followup::new();
    let empty = f.ok(&["stats"]);
    assert!(empty.contains("0 applications, 0 interviewed"), "{empty}");
    assert!(empty.contains("none sent yet"), "{empty}");
    f.ok(&["demo"]);
    let out = f.ok(&["stats"]);
    assert!(
        out.contains(
            "7 applications, 6 interviewed: 1 offer, 1 rejected, 0 no response, 4 waiting"
        ),
        "{out}"
    );
    assert!(out.contains("7 of 7 on time (100%)"), "{out}");
    assert!(out.contains("thank-you   5     3         60%"), "{out}");
    assert!(out.contains("median 7.4 days; no answer yet: 2"), "{out}");
    assert!(out.contains("8 in 12 weeks"), "{out}");
    assert!(
        out.chars().any(|c| ('▁'..='█').contains(&c)),
        "sparklines: {out}"
    );
    let json = f.json(&["stats"]);
    assert_eq!(json["funnel"]["interviewed"], 6);
    assert_eq!(json["punctuality"]["on_time"], 7);
    assert_eq!(json["weekly"].as_array().unwrap().len(), 12);
}
