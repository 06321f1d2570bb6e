//! The worker inside `followup serve`: a queued email goes out at its time with nothing else
//! running, and one process at a time is the worker for a data directory.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use crate::servers::{SmtpOptions, SmtpServer};
use crate::support::{Followup, Running, mail, note_graces_details, with_one_application};

/// Stops a server as a service manager would (SIGTERM) and waits for it to exit.
fn stop(mut serve: Running) {
    let pid = serve.0.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    let waited = Instant::now();
    while serve.0.try_wait().unwrap().is_none() {
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The binary on the wall clock: the worker waits for real moments.
fn on_the_wall_clock(f: &Followup, smtp: &SmtpServer) -> Command {
    let mut cmd = f.command();
    cmd.env_remove("FOLLOWUP_NOW")
        .env("FOLLOWUP_SMTP_URL", smtp.url());
    cmd
}

#[test]
fn serve_alone_sends_a_queued_email_at_its_time_and_is_the_only_worker() {
    let f = with_one_application();
    note_graces_details(&f);
    let smtp = SmtpServer::start(SmtpOptions::default());
    let (serve, mut lines, _url) = Running::serving(
        on_the_wall_clock(&f, &smtp)
            .args(["serve", "--port", "0"])
            .stderr(Stdio::null()),
    );
    let said: Vec<String> = lines.by_ref().take(2).map(Result::unwrap).collect();
    assert!(
        said[1].contains("sends queued emails at their time"),
        "{said:?}"
    );

    let at = Timestamp::now() + SignedDuration::from_secs(4);
    let queued = on_the_wall_clock(&f, &smtp)
        .args(["send", "a1", "thank-you:r1:p1", "--force", "--at"])
        .arg(at.to_string())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&queued.stdout);
    assert_eq!(
        queued.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&queued.stderr)
    );
    assert!(
        out.contains("Queued thank-you:r1:p1 to Grace Hopper"),
        "{out}"
    );
    assert!(smtp.messages().is_empty(), "not before its time");

    // serve is the worker: a `run` beside it refuses rather than racing it.
    let busy = on_the_wall_clock(&f, &smtp)
        .args(["run", "--once"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&busy.stderr);
    assert_ne!(busy.status.code(), Some(0), "{err}");
    assert!(
        err.contains("followup serve (pid") && err.contains("is already the worker"),
        "{err}"
    );

    let waited = Instant::now();
    while smtp.messages().is_empty() {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "serve did not send the queued email"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(Timestamp::now() >= at, "sent at its time, not before");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), 1, "once");
    let outbox = f.json(&["outbox"]);
    assert_eq!(outbox[0]["state"], "sent", "{outbox}");

    // Stopped politely, serve gives the worker's lease up at once.
    let pid = serve.0.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    let waited = Instant::now();
    let mut serve = serve;
    while serve.0.try_wait().unwrap().is_none() {
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let free = on_the_wall_clock(&f, &smtp)
        .args(["run", "--once"])
        .output()
        .unwrap();
    assert_eq!(
        free.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&free.stderr)
    );
}

/// A process that must not outlive the test.
fn spawn(mut cmd: Command) -> Running {
    Running(cmd.stdin(Stdio::null()).spawn().unwrap())
}

/// Waits until `done` holds, or fails saying `what` after `limit`.
#[track_caller]
fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "waited {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_killed_mid_delivery_beside_run_neither_loses_nor_repeats_an_email() {
    use crate::servers::ImapServer;
    let imap = ImapServer::start();
    // A provider that files what it sends under Sent, as most do.
    let smtp = SmtpServer::start_with_maildir(SmtpOptions::default(), &imap.sent_maildir());
    let mail_env = |cmd: &mut Command| {
        cmd.env_remove("FOLLOWUP_NOW")
            .env("FOLLOWUP_SMTP_URL", smtp.url())
            .env(
                "FOLLOWUP_IMAP_URL",
                format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
            )
            .env("FOLLOWUP_IMAP_PASSWORD", imap.password())
            .env("FOLLOWUP_WORKER_LEASE_SECS", "2");
    };
    let mut crashes = 0;
    let mut trials = 0;
    while crashes < 20 {
        trials += 1;
        assert!(trials <= 40, "serve was the worker in too few trials");
        let crash = ["before-send", "after-accept"][trials % 2];
        let f = with_one_application();
        note_graces_details(&f);
        let mut send = f.command();
        mail_env(&mut send);
        let at = Timestamp::now() + SignedDuration::from_millis(1500);
        let queued = send
            .args(["send", "a1", "thank-you:r1:p1", "--force", "--at"])
            .arg(at.to_string())
            .output()
            .unwrap();
        assert_eq!(queued.status.code(), Some(0), "{queued:?}");
        let id = f.json(&["outbox"])[0]["message_id"]
            .as_str()
            .unwrap()
            .to_string();
        let on_server = || {
            smtp.messages()
                .iter()
                .filter(|m| String::from_utf8_lossy(m).contains(&id))
                .count()
        };

        // serve is the worker and dies mid-delivery; run waits beside it to take over.
        let mut serve = f.command();
        mail_env(&mut serve);
        serve
            .env("FOLLOWUP_CRASH_AT", crash)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut serve = spawn(serve);
        let mut lines = BufReader::new(serve.0.stdout.take().unwrap()).lines();
        for _ in 0..3 {
            lines.next().unwrap().unwrap();
        }
        // Until serve holds the worker's lease, a probe is told nothing; then it is refused.
        wait_until(Duration::from_secs(10), "serve to be the worker", || {
            let mut probe = f.command();
            mail_env(&mut probe);
            let probe = probe.args(["run", "--once"]).output().unwrap();
            String::from_utf8_lossy(&probe.stderr).contains("is already the worker")
        });
        let mut run = f.command();
        mail_env(&mut run);
        run.args(["run", "--interval", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let run = spawn(run);
        wait_until(Duration::from_secs(15), "serve to deliver or die", || {
            serve.0.try_wait().unwrap().is_some() || f.json(&["outbox"])[0]["state"] == "sent"
        });
        let died = serve.0.try_wait().unwrap().is_some();
        if died {
            crashes += 1;
            if crash == "before-send" {
                // Nothing reached the server, so nothing is in Sent: the email stays
                // 'sending' (may have gone out) and is never sent blindly.
                std::thread::sleep(Duration::from_secs(4));
                assert_eq!(
                    on_server(),
                    0,
                    "trial {trials}: nothing sent while unsettled"
                );
                assert_eq!(f.json(&["outbox"])[0]["state"], "sending");
                // The user looks in Sent, finds nothing, and says so: run sends it once.
                f.ok(&["outbox", "resolve", "1", "--not-sent"]);
            }
        }
        wait_until(
            Duration::from_secs(20),
            "the email to be recorded as sent",
            || f.json(&["outbox"])[0]["state"] == "sent",
        );
        drop(run);
        drop(serve);

        // Restarted, serve finds nothing left to do.
        let mut again = f.command();
        mail_env(&mut again);
        again
            .args(["serve", "--port", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let again = spawn(again);
        std::thread::sleep(Duration::from_millis(1500));
        drop(again);
        assert_eq!(on_server(), 1, "trial {trials} ({crash}): exactly once");
        eprintln!("trial {trials} ({crash}): serve killed mid-delivery: {died}; sent once");
        assert_eq!(
            f.json(&["export", "a1"])["touchpoints"]
                .as_array()
                .unwrap()
                .len(),
            1,
            "trial {trials}: one record"
        );
    }
}

#[test]
fn the_daily_digest_is_a_real_email_from_the_worker_with_links_to_the_drafts() {
    let f = with_one_application();
    let bad = f.bad(&["mail", "set", "--digest", "25:00"]);
    assert!(
        bad.contains("digest: \"25:00\" is not a time of day"),
        "{bad}"
    );
    assert!(bad.contains("HH:MM"), "{bad}");
    f.ok(&["mail", "set", "--digest", "7:30"]);
    assert!(
        std::fs::read_to_string(f.data_dir().join("config/mail.toml"))
            .unwrap()
            .contains("at = \"07:30\"")
    );
    let smtp = SmtpServer::start(SmtpOptions::default());
    // serve's worker sends it (it is 18:00, past 07:30), linking to this server's pages.
    let (serve, _lines, url) = Running::serving(
        f.command()
            .env("FOLLOWUP_SMTP_URL", smtp.url())
            .args(["serve", "--port", "0"])
            .stderr(Stdio::null()),
    );
    let waited = Instant::now();
    while smtp.messages().is_empty() {
        assert!(waited.elapsed() < Duration::from_secs(20), "no digest came");
        std::thread::sleep(Duration::from_millis(100));
    }
    let stored = smtp.messages();
    assert_eq!(stored.len(), 1);
    let text = String::from_utf8_lossy(&stored[0]).into_owned();
    assert!(
        text.contains("X-RcptTo: ada@example.com"),
        "to the user: {text}"
    );
    let message = mail_parser::MessageParser::default()
        .parse(text.split_once("\n").unwrap().1.as_bytes())
        .unwrap();
    assert_eq!(
        message.subject(),
        Some("Follow-ups for Mon 2 Mar: 2 due"),
        "{text}"
    );
    let body = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        body.contains(
            "- thank-you to Grace Hopper (Acme Corp, Data Engineer), due Tue 3 Mar 15:00"
        ),
        "{body}"
    );
    let link = format!("{url}apps/a1/compose/thank-you:r1:p1");
    assert!(body.contains(&link), "{link} in {body}");
    // The link leads to the draft.
    let port: u16 = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let page = crate::serving::http_get(port, &link[url.len() - 1..], "127.0.0.1");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("thank-you to Grace Hopper"), "{page}");
    stop(serve);
    // Once a day: another worker the same day sends nothing more.
    let again = f
        .command()
        .env("FOLLOWUP_SMTP_URL", smtp.url())
        .args(["run", "--once"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    assert!(!String::from_utf8_lossy(&again.stdout).contains("digest"));
    assert_eq!(smtp.messages().len(), 1);
}

/// A reply from Grace to our email `id`, as her mail program would send it.
fn reply_from_grace(id: &str, n: u32, body: &str) -> Vec<u8> {
    mail(
        &[
            ("From", "Grace Hopper <grace@acme.example>"),
            ("To", "Ada Lovelace <ada@example.com>"),
            ("Subject", "Re: Thank you"),
            ("Date", &format!("Tue, 3 Mar 2026 10:0{n}:00 -0500")),
            ("Message-ID", &format!("<grace.{n}@acme.example>")),
            ("In-Reply-To", &format!("<{id}>")),
        ],
        body,
    )
}

#[test]
fn serve_reads_a_reply_as_it_comes_where_the_server_offers_idle() {
    use crate::servers::ImapServer;
    let imap = ImapServer::start();
    let smtp = SmtpServer::start(SmtpOptions::default());
    let f = with_one_application();
    note_graces_details(&f);
    let mail_env = |cmd: &mut Command| {
        cmd.env("FOLLOWUP_SMTP_URL", smtp.url())
            .env(
                "FOLLOWUP_IMAP_URL",
                format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
            )
            .env("FOLLOWUP_IMAP_PASSWORD", imap.password());
    };
    let mut send = f.command();
    mail_env(&mut send);
    let sent = send
        .args(["send", "a1", "thank-you:r1:p1", "--force"])
        .output()
        .unwrap();
    assert_eq!(sent.status.code(), Some(0), "{sent:?}");
    let id = f.json(&["outbox"])[0]["message_id"]
        .as_str()
        .unwrap()
        .to_string();

    // Replies on the schedule only every ten hours. The first reply may be read by the look
    // the watcher takes when it begins; the second, sent after that, only by IDLE's word.
    let mut serve = f.command();
    mail_env(&mut serve);
    serve
        .args(["serve", "--port", "0", "--read-every", "600"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _serve = spawn(serve);
    let f = &f;
    let waiting = |n: usize| move || f.json(&["inbox", "--json"]).as_array().unwrap().len() >= n;
    std::thread::sleep(Duration::from_secs(3));
    imap.deliver(&reply_from_grace(
        &id,
        1,
        "Thank you, Ada. We will decide by the end of next week.",
    ));
    wait_until(Duration::from_secs(20), "the first reply read", waiting(1));
    std::thread::sleep(Duration::from_secs(2));
    imap.deliver(&reply_from_grace(
        &id,
        2,
        "One more thing: could you send two references?",
    ));
    wait_until(Duration::from_secs(20), "the second reply read", waiting(2));
    let inbox = f.json(&["inbox", "--json"]);
    assert_eq!(inbox[0]["outcome"], "update", "{inbox}");
    // "By the end of next week", written on Tuesday 3 March: Friday the 13th.
    assert_eq!(inbox[0]["decision_expected_by"], "2026-03-13", "{inbox}");
    assert_eq!(inbox[1]["outcome"], "reply", "{inbox}");
}
