//! A shared deployment on PostgreSQL (issue 19) from the command line: accounts, every
//! command acting for one of them, and a personal store moving in and back out.

use std::process::Command;

use crate::support::{Followup, Run, root};

/// A fresh, empty database in the cluster `scripts/test` runs for the tests.
fn database() -> String {
    let cluster = std::env::var("FOLLOWUP_TEST_DATABASE_URL").expect(
        "these tests need PostgreSQL: run scripts/test, or start a cluster with \
         `scripts/postgres-cluster start DIR PORT` and set FOLLOWUP_TEST_DATABASE_URL to the \
         address it prints",
    );
    let out = Command::new(root().join("scripts/postgres-cluster"))
        .args(["database", &cluster])
        .output()
        .expect("scripts/postgres-cluster runs");
    assert!(
        out.status.success(),
        "a database for the test: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Runs followup on `url` as `user` (or as no one).
fn on(f: &Followup, url: &str, user: Option<&str>, args: &[&str], input: &str) -> Run {
    let mut all = vec!["--database", url];
    if let Some(user) = user {
        all.extend(["--user", user]);
    }
    all.extend_from_slice(args);
    f.run_with_input(&all, input)
}

#[track_caller]
fn ok(run: Run) -> String {
    assert_eq!(run.code, 0, "failed:\n{}{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn accounts_are_managed_and_every_command_acts_for_one() {
    let f = Followup::new();
    let url = database();
    let admin = |args: &[&str], input: &str| on(&f, &url, None, args, input);
    ok(admin(
        &["users", "add", "ana@example.org"],
        "correct horse battery\n",
    ));
    ok(admin(
        &["users", "add", "Ben@Example.org"],
        "another long passphrase\n",
    ));
    ok(admin(
        &["users", "add", "coach@example.org", "--role", "coach"],
        "coaching passphrase\n",
    ));
    let short = admin(&["users", "add", "cy@example.org"], "short\n");
    assert_eq!(short.code, 2);
    assert!(short.stderr.contains("at least 10"), "{}", short.stderr);
    let twice = admin(
        &["users", "add", "ana@example.org"],
        "correct horse battery\n",
    );
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("exists already"), "{}", twice.stderr);
    ok(admin(
        &["users", "assign", "coach@example.org", "ana@example.org"],
        "",
    ));
    let not_coach = admin(
        &["users", "assign", "ana@example.org", "ben@example.org"],
        "",
    );
    assert_eq!(not_coach.code, 2);
    assert!(
        not_coach.stderr.contains("not a coach"),
        "{}",
        not_coach.stderr
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(admin(&["--json", "users", "list"], ""))).unwrap();
    let emails: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["ana@example.org", "ben@example.org", "coach@example.org"]
    );
    assert_eq!(listed[2]["seekers"][0], "ana@example.org");
    let table = ok(admin(&["users", "list"], ""));
    assert!(
        !table.contains("passphrase") && !table.contains("argon2"),
        "{table}"
    );

    // Every other command needs an account to act for.
    let nobody = admin(&["app", "list"], "");
    assert_eq!(nobody.code, 2);
    assert!(nobody.stderr.contains("--user"), "{}", nobody.stderr);
    let stranger = on(&f, &url, Some("eve@example.org"), &["app", "list"], "");
    assert_eq!(stranger.code, 2);
    assert!(
        stranger.stderr.contains("eve@example.org"),
        "{}",
        stranger.stderr
    );

    let ana = |args: &[&str]| ok(on(&f, &url, Some("ana@example.org"), args, ""));
    let ben = |args: &[&str]| on(&f, &url, Some("ben@example.org"), args, "");
    ana(&["app", "add", "Initech", "Platform Engineer"]);
    ana(&["app", "add", "Globex", "Data Analyst"]);
    ok(ben(&["app", "add", "Hooli", "Designer"]));
    let mine = ok(ben(&["--json", "app", "list"]));
    assert!(
        mine.contains("Hooli") && !mine.contains("Initech"),
        "{mine}"
    );
    // Ben's a1 is his Hooli; Ana's a2 is not there for him.
    assert!(ok(ben(&["app", "show", "a1"])).contains("Hooli"));
    let theirs = ben(&["app", "show", "a2"]);
    assert_eq!(theirs.code, 2);
    assert!(
        !theirs.stderr.contains("Globex") && !theirs.stdout.contains("Globex"),
        "nothing of Ana's: {}",
        theirs.stderr
    );

    // A removed account goes with all its data.
    ok(admin(&["users", "remove", "ben@example.org"], ""));
    let gone = ben(&["app", "list"]);
    assert_eq!(gone.code, 2);
    assert!(ana(&["app", "list"]).contains("Globex"));
}

#[test]
fn a_personal_backup_moves_into_an_account_and_back_out_identical() {
    let home = Followup::new();
    home.ok(&["demo"]);
    let backup = home.data_dir().join("backup.json");
    home.ok(&["backup", "-o", backup.to_str().unwrap()]);

    let url = database();
    ok(on(
        &home,
        &url,
        None,
        &["users", "add", "ana@example.org"],
        "correct horse battery\n",
    ));
    let as_ana = |args: &[&str]| on(&home, &url, Some("ana@example.org"), args, "");
    let restored = ok(as_ana(&["restore", backup.to_str().unwrap()]));
    assert!(restored.contains("Restored 7 applications"), "{restored}");
    let out = home.data_dir().join("out.json");
    ok(as_ana(&["backup", "-o", out.to_str().unwrap()]));
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        std::fs::read_to_string(&out).unwrap(),
        "the same bytes out as went in"
    );
    assert_eq!(
        ok(as_ana(&["due"])),
        home.ok(&["due"]),
        "the same plans follow"
    );
}

#[test]
fn a_database_that_is_not_postgres_is_refused_by_name() {
    let f = Followup::new();
    let err = f.bad(&[
        "--database",
        "mysql://root:secret@db/followup",
        "app",
        "list",
    ]);
    assert!(err.contains("not a PostgreSQL address"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is never shown: {err}"
    );
    let err = f.bad(&["users", "list"]);
    assert!(err.contains("shared database"), "{err}");
}
