//! A shared deployment on PostgreSQL (issue 19) from the command line: accounts, every
//! command acting for one of them, and a personal store moving in and back out.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::servers::{ImapServer, SmtpOptions, SmtpServer};
use crate::support::{Followup, Run, Running, mail, root};

/// A fresh, empty database in the cluster `scripts/test` runs for the tests (the script
/// says what to do when there is none).
fn database() -> String {
    let out = Command::new(root().join("scripts/postgres-cluster"))
        .arg("database")
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

/// How many accounts, and emails each, the race is run over.
const ACCOUNTS: usize = 10;
const EMAILS_EACH: usize = 100;
const _: () = assert!(EMAILS_EACH <= 100, "99 check-ins and a thank-you");

#[test]
fn two_servers_on_one_database_deliver_a_thousand_emails_each_exactly_once() {
    let f = Followup::new();
    let url = database();
    let key = followup_mail::sealed::ServerKey::generate().unwrap();
    let smtp = SmtpServer::start(SmtpOptions {
        auth: Some(("mailer".into(), "relay passphrase".into())),
        ..SmtpOptions::default()
    });
    let with_key = |cmd: &mut Command| {
        cmd.env("FOLLOWUP_SERVER_KEY", &key);
    };
    // Ten accounts, each sending from its own address through the relay, with its password
    // sealed in the database.
    for n in 0..ACCOUNTS {
        let email = format!("seeker{n}@example.org");
        ok(on(
            &f,
            &url,
            None,
            &["users", "add", &email],
            "a long enough passphrase\n",
        ));
        let as_them = |args: &[&str], input: &str| {
            let mut cmd = f.command();
            with_key(&mut cmd);
            let mut all = vec!["--database", url.as_str(), "--user", email.as_str()];
            all.extend_from_slice(args);
            let out = run_piped(&mut cmd, &all, input);
            assert_eq!(out.code, 0, "{all:?}: {}{}", out.stdout, out.stderr);
        };
        as_them(
            &[
                "profile",
                "set",
                "--name",
                &format!("Seeker {n}"),
                "--email",
                &email,
                "--timezone",
                "UTC",
            ],
            "",
        );
        as_them(
            &[
                "mail",
                "set",
                "--smtp",
                &smtp.url().replace("smtp://", "smtp://mailer@"),
            ],
            "",
        );
        as_them(&["mail", "password", "smtp"], "relay passphrase\n");
    }
    // A thousand emails, all due now, queued straight into each account's outbox.
    let queued = queue_emails(&url);
    assert_eq!(queued.len(), ACCOUNTS * EMAILS_EACH);
    // The sealed passwords are in the database; the passphrase is not (read whole, by the
    // cluster's superuser, past the row-level security that hides every row from the
    // server's own role).
    let whole = url.replacen("followup@", "postgres@", 1);
    let dump = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_dump '{whole}'"
        ))
        .output()
        .unwrap();
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dump = String::from_utf8_lossy(&dump.stdout);
    assert!(dump.contains("mail.smtp_password"));
    assert!(
        !dump.contains("relay passphrase"),
        "a password in the clear"
    );

    // Two servers over the one database, racing.
    let start = || {
        let mut serve = f.command();
        with_key(&mut serve);
        serve
            .env_remove("FOLLOWUP_NOW")
            .args(["--database", &url, "serve", "--port", "0"]);
        Running::serving(&mut serve)
    };
    let (first, first_lines, _) = start();
    let (second, second_lines, _) = start();
    let began = Instant::now();
    while smtp.messages().len() < queued.len() {
        assert!(
            began.elapsed() < Duration::from_secs(180),
            "only {} of {} arrived:\n{}",
            smtp.messages().len(),
            queued.len(),
            smtp.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Time for a second copy of anything to arrive, were one to come.
    std::thread::sleep(Duration::from_secs(3));
    let took = began.elapsed();
    drop(first);
    drop(second);
    let sent_by = |lines: std::io::Lines<std::io::BufReader<std::process::ChildStdout>>| {
        let lines: Vec<String> = lines.map_while(Result::ok).collect();
        let unsent: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("account") && !l.ends_with(" sent"))
            .collect();
        assert!(unsent.is_empty(), "{unsent:#?}");
        lines.iter().filter(|l| l.ends_with(" sent")).count()
    };
    let (by_first, by_second) = (sent_by(first_lines), sent_by(second_lines));
    let mut arrived: Vec<String> = smtp
        .messages()
        .iter()
        .map(|raw| {
            let message = mail_parser::MessageParser::default().parse(raw).unwrap();
            message.message_id().unwrap().to_string()
        })
        .collect();
    arrived.sort();
    let mut expected = queued.clone();
    expected.sort();
    assert_eq!(
        arrived.len(),
        expected.len(),
        "as many arrived as were queued"
    );
    assert_eq!(arrived, expected, "each queued email arrived, and once");
    assert_eq!(
        by_first + by_second,
        expected.len(),
        "each sent by one server"
    );
    eprintln!(
        "{} emails in {:.1} s: {by_first} by the first server, {by_second} by the second",
        expected.len(),
        took.as_secs_f64()
    );
}

/// Queues [`EMAILS_EACH`] check-ins due now in each account, each in an application with
/// the round and person they are for; their Message-IDs.
fn queue_emails(url: &str) -> Vec<String> {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let server = followup_store::Store::connect(url).await.unwrap();
        let example: followup_core::ApplicationFile = serde_json::from_str(include_str!(
            "../../followup-core/tests/data/spec-example.json"
        ))
        .unwrap();
        let now = jiff::Timestamp::now();
        let moment = followup_core::Moment::in_zone(now, &jiff::tz::TimeZone::UTC);
        let mut ids = Vec::new();
        for user in server.users().await.unwrap() {
            let store = server.as_user(user.id).await.unwrap();
            let app = store.import(&example, moment).await.unwrap().application;
            let file = store.load(&app).await.unwrap();
            let round = &file.interviews[0];
            let person = &round.interviewers[0];
            for n in 1..=EMAILS_EACH {
                let message_id = format!("race-{}-{n}@followup.test", user.id);
                store
                    .queue_email(
                        &followup_store::NewEmail {
                            message_id: message_id.clone(),
                            application_id: app.clone(),
                            // Check-ins are numbered up to 99; the hundredth is the thank-you.
                            action: if n < 100 {
                                format!("check-in:{}:{}:{n}", round.id, person.id)
                            } else {
                                format!("thank-you:{}:{}", round.id, person.id)
                            },
                            recipient_name: person.name.clone(),
                            recipient: "hiring@acme.example".into(),
                            subject: format!("Checking in ({n})"),
                            body: format!("Hello,\n\nchecking in, note {n}.\n"),
                            send_after: now,
                        },
                        moment,
                    )
                    .await
                    .unwrap();
                ids.push(message_id);
            }
        }
        ids
    })
}

/// Runs `cmd` with `args` and `input` on standard input.
fn run_piped(cmd: &mut Command, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = cmd
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn serve_reads_each_accounts_replies_from_its_own_mailbox() {
    let f = Followup::new();
    let url = database();
    let imap = ImapServer::start();
    let key = followup_mail::sealed::ServerKey::generate().unwrap();
    ok(on(
        &f,
        &url,
        None,
        &["users", "add", "ada@example.org"],
        "a long enough passphrase\n",
    ));
    let as_ada = |args: &[&str], input: &str| {
        let mut cmd = f.command();
        cmd.env("FOLLOWUP_SERVER_KEY", &key);
        let mut all = vec!["--database", url.as_str(), "--user", "ada@example.org"];
        all.extend_from_slice(args);
        let out = run_piped(&mut cmd, &all, input);
        assert_eq!(out.code, 0, "{all:?}: {}{}", out.stdout, out.stderr);
        out.stdout
    };
    let example = root().join("crates/followup-core/tests/data/spec-example.json");
    as_ada(&["import", example.to_str().unwrap()], "");
    as_ada(
        &[
            "profile",
            "set",
            "--email",
            "ada@example.org",
            "--timezone",
            "UTC",
        ],
        "",
    );
    as_ada(
        &[
            "mail",
            "set",
            "--imap",
            &format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
        ],
        "",
    );
    as_ada(
        &["mail", "password", "imap"],
        &format!("{}\n", imap.password()),
    );
    imap.deliver(&mail(
        &[
            ("From", "Grace Hopper <grace@acme.example>"),
            ("To", "ada@example.org"),
            ("Subject", "Re: thank you"),
            ("Message-ID", "<reply-1@acme.example>"),
            ("Date", "Tue, 03 Mar 2026 10:00:00 +0000"),
        ],
        "Thanks, Ada. We have decided to move forward with another candidate.\n",
    ));
    let mut serve = f.command();
    serve
        .env("FOLLOWUP_SERVER_KEY", &key)
        .env_remove("FOLLOWUP_NOW")
        .args(["--database", &url, "serve", "--port", "0"]);
    let (running, lines, _) = Running::serving(&mut serve);
    // What serve says, as it says it, for up to a minute.
    let (said, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if said.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut all = Vec::new();
    while let Ok(line) = heard.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        let done = line.contains("in the inbox");
        all.push(line);
        if done {
            break;
        }
    }
    drop(running);
    assert!(
        all.last()
            .is_some_and(|l| l.ends_with(": 1 new in the inbox")),
        "serve said:\n{}",
        all.join("\n")
    );
    let inbox = as_ada(&["--json", "inbox"], "");
    assert!(inbox.contains("rejection"), "{inbox}");
}
