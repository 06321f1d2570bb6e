//! Data in and out: tracker CSVs, calendar and contact files, backup and restore, CSV
//! exports and the printable record of applications.

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
    assert!(out.contains("keep it private"), "{out}");
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
    assert!(out.contains("applications.csv (1 rows)"), "{out}");
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
