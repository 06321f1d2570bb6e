//! The web app in real headless Chromium (Debian's), driven by playwright-core and audited by
//! axe-core from the npm registry (`tests/browser/`, installed by scripts/test).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::servers::{ImapServer, SmtpOptions, SmtpServer};
use crate::support::{Followup, Running, mail};

const PASSWORD: &str = "initech-flair-37";

/// The walks' directory, with playwright-core and axe-core installed, and Chromium's path.
fn browser() -> (PathBuf, String) {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser"));
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "run the tests through scripts/test, which installs playwright-core and axe-core in {}",
        dir.display()
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromium).exists(),
        "Chromium is missing at {chromium}: scripts/test-servers installs Debian's chromium"
    );
    (dir, chromium)
}

fn screenshots() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/browser-screenshots"
    ))
}

#[test]
fn a_follow_up_written_fixed_and_sent_in_chromium() {
    let (dir, chromium) = browser();
    let f = Followup::new();
    f.ok(&[
        "profile",
        "set",
        "--name",
        "Peter Gibbons",
        "--email",
        "peter@example.com",
        "--timezone",
        "America/New_York",
        "--highlight",
        "ten years of keeping payment systems running",
    ]);
    let server = SmtpServer::start(SmtpOptions::default());
    let mut serve = f.command();
    serve
        .env("FOLLOWUP_SMTP_URL", server.url())
        .env("FOLLOWUP_WEB_PASSWORD", PASSWORD)
        // Open to the network, as from a phone: the browser has to sign in.
        .args([
            "serve",
            "--port",
            "0",
            "--listen",
            "0.0.0.0",
            "--host",
            "127.0.0.1",
        ]);
    let (_serve, _lines, url) = Running::serving(&mut serve);
    let shots = screenshots();
    let out = Command::new("node")
        .arg(dir.join("flow.mjs"))
        .arg(&url)
        .arg(&shots)
        .arg(PASSWORD)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser flow failed (screenshots in {}):\n{stdout}\n{stderr}",
        shots.display()
    );
    assert!(stdout.contains("ok signed in"), "{stdout}");
    assert!(stdout.contains("ok debriefed and edited"), "{stdout}");
    assert!(stdout.contains("ok typo flagged while typing"), "{stdout}");
    assert!(stdout.contains("ok signed out"), "{stdout}");
    assert!(stdout.contains("done"), "{stdout}");
    assert_eq!(
        server.messages().len(),
        1,
        "one thank-you reached the server"
    );
    for page in [
        "login",
        "today",
        "compose",
        "application-after-send",
        "settings",
        "template",
        "inbox",
        "insights",
        "report",
    ] {
        assert!(
            shots.join(format!("{page}.png")).is_file(),
            "{page} screenshot kept"
        );
    }
}

/// SPEC's whole loop with `serve` alone on the wall clock, in Chromium: a check-in composed
/// and scheduled a few seconds ahead goes out at its time; the interviewer's answer, put in
/// the IMAP mailbox, is read from the Inbox page, accepted, and changes the plan.
#[test]
fn the_whole_loop_in_chromium_with_serve_alone() {
    let (dir, chromium) = browser();
    let f = Followup::new();
    let wall = |args: &[&str]| {
        let out = f
            .command()
            .env_remove("FOLLOWUP_NOW")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let days_ago = |n: i64| {
        (Timestamp::now() - jiff::SignedDuration::from_hours(24 * n))
            .to_zoned(jiff::tz::TimeZone::get("America/New_York").unwrap())
            .date()
            .to_string()
    };
    wall(&[
        "profile",
        "set",
        "--name",
        "Peter Gibbons",
        "--email",
        "peter@example.com",
        "--timezone",
        "America/New_York",
    ]);
    wall(&["app", "add", "Initech", "Platform Engineer"]);
    // They meant to decide five days ago: the first check-in is open whatever the weekday.
    wall(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        &format!("{} 14:00", days_ago(12)),
        "--decision",
        &days_ago(5),
        "-i",
        "Bill Lumbergh, role=hiring-manager, email=bill@initech.example",
    ]);
    wall(&[
        "log",
        "thank-you:r1:p1",
        "--at",
        &format!("{} 17:00", days_ago(12)),
    ]);

    let imap = ImapServer::start();
    let smtp = SmtpServer::start(SmtpOptions::default());
    let mut serve = f.command();
    serve
        .env_remove("FOLLOWUP_NOW")
        .env("FOLLOWUP_SMTP_URL", smtp.url())
        .env(
            "FOLLOWUP_IMAP_URL",
            format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
        )
        .env("FOLLOWUP_IMAP_PASSWORD", imap.password())
        // Replies are read when the user asks, in this test: not by the schedule.
        .args(["serve", "--port", "0", "--read-every", "600"]);
    let (_serve, _serve_lines, url) = Running::serving(&mut serve);

    let shots = screenshots();
    let mut walk = Command::new("node")
        .arg(dir.join("loop.mjs"))
        .arg(&url)
        .arg(&shots)
        .arg("America/New_York")
        .env("CHROMIUM", &chromium)
        .stdin(Stdio::piped())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut tell = Some(walk.stdin.take().unwrap());
    let (mut walk, lines) = Running::with_lines(walk);
    let mut said = Vec::new();
    for line in lines {
        let line = line.unwrap();
        said.push(line.clone());
        let Some(at) = line.strip_prefix("scheduled ") else {
            continue;
        };
        let at = Timestamp::from_millisecond(at.parse().unwrap()).unwrap();
        assert!(smtp.messages().is_empty(), "nothing goes before its time");
        let waited = Instant::now();
        while smtp.messages().is_empty() {
            assert!(
                waited.elapsed() < Duration::from_secs(90),
                "serve did not send the check-in; walk said {said:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let arrived = Timestamp::now();
        assert!(arrived >= at, "sent at {arrived}, before its time {at}");
        assert!(
            arrived.duration_since(at) < jiff::SignedDuration::from_secs(15),
            "sent at {arrived}, long after its time {at}"
        );
        let sent = smtp.messages().remove(0);
        let sent = mail_parser::MessageParser::default()
            .parse(&sent)
            .expect("a message");
        let to = sent
            .to()
            .and_then(|to| to.first())
            .and_then(|a| a.address());
        assert_eq!(to, Some("bill@initech.example"));
        let id = format!("<{}>", sent.message_id().expect("a Message-ID"));
        let subject = format!("Re: {}", sent.subject().expect("a subject"));
        let date =
            jiff::fmt::rfc2822::to_string(&Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC))
                .unwrap();
        imap.deliver(&mail(
            &[
                ("From", "Bill Lumbergh <bill@initech.example>"),
                ("To", "Peter Gibbons <peter@example.com>"),
                ("Subject", &subject),
                ("Date", &date),
                ("Message-ID", "<answer.1@initech.example>"),
                ("In-Reply-To", &id),
                ("References", &id),
            ],
            "Hi Peter,\n\n\
             Thank you for your patience. After a lot of thought we have decided to move \
             forward with another candidate for this role.\n\n\
             We wish you the best,\nBill\n",
        ));
        // One word, and standard input closes: the walk goes on to its end.
        let mut tell = tell.take().expect("scheduled once");
        writeln!(tell, "replied").unwrap();
    }
    let status = walk.0.wait().unwrap();
    assert!(
        status.success(),
        "the loop failed in the browser (screenshots in {}): {said:?}",
        shots.display()
    );
    for step in [
        "ok sent by itself",
        "ok reply in the inbox",
        "ok plan changed",
        "ok notified when it fell due",
        "done",
    ] {
        assert!(said.iter().any(|l| l == step), "{step}: {said:?}");
    }
    assert_eq!(smtp.messages().len(), 1, "one check-in, once");
    let plan = f.json(&["plan", "a1", "--now", &Timestamp::now().to_string()]);
    let actions = plan["actions"].as_array().unwrap();
    let status_of = |kind: &str, n: u64| {
        actions
            .iter()
            .find(|a| a["kind"] == kind && a["to"] == "p1" && a["n"] == n)
            .map(|a| a["status"].clone())
    };
    assert_eq!(status_of("check-in", 1), Some("done".into()), "{plan}");
    assert_eq!(status_of("check-in", 2), Some("cancelled".into()), "{plan}");
    assert!(status_of("rejection-reply", 1).is_some(), "{plan}");
}
