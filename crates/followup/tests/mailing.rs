//! Sending and reading mail through the real binary, against real servers on 127.0.0.1:
//! aiosmtpd for SMTP and Dovecot for IMAP (see `servers.rs`).

use std::process::Stdio;

use mail_parser::MimeHeaders;
use serde_json::Value;

use crate::servers::{ImapServer, SmtpOptions, SmtpServer};
use crate::support::{Followup, Run, mail, note_graces_details, with_one_application};

/// Runs the binary with extra environment variables.
fn run_with(f: &Followup, env: &[(&str, String)], args: &[&str]) -> Run {
    let mut cmd = f.command();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the followup binary runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[track_caller]
fn ok_with(f: &Followup, env: &[(&str, String)], args: &[&str]) -> String {
    let run = run_with(f, env, args);
    assert_eq!(
        run.code, 0,
        "followup {args:?}:\n{}{}",
        run.stdout, run.stderr
    );
    run.stdout
}

/// The DATA part of a stored message: the server adds X-MailFrom and X-RcptTo lines first.
fn data_of(stored: &[u8]) -> &[u8] {
    let mut rest = stored;
    while rest.starts_with(b"X-MailFrom:") || rest.starts_with(b"X-RcptTo:") {
        let end = rest.iter().position(|b| *b == b'\n').unwrap();
        rest = &rest[end + 1..];
    }
    rest
}

/// The header names of a message, in order, as they are on the wire.
fn header_names(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap().to_string();
    head.split("\r\n")
        .filter(|line| !line.starts_with([' ', '\t']))
        .map(|line| line.split(':').next().unwrap().to_ascii_lowercase())
        .collect()
}

fn smtp_env(server: &SmtpServer) -> Vec<(&'static str, String)> {
    vec![("FOLLOWUP_SMTP_URL", server.url())]
}

fn imap_env(imap: &ImapServer) -> Vec<(&'static str, String)> {
    vec![
        (
            "FOLLOWUP_IMAP_URL",
            format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
        ),
        ("FOLLOWUP_IMAP_PASSWORD", imap.password().to_string()),
    ]
}

fn ready_to_thank() -> Followup {
    let f = with_one_application();
    note_graces_details(&f);
    f.ok(&[
        "profile",
        "set",
        "--highlight",
        "five years running streaming pipelines in production",
    ]);
    f
}

#[test]
fn a_thank_you_goes_out_once_and_the_plan_moves_on() {
    let f = ready_to_thank();
    f.ok(&["profile", "set", "--name", "Zoë Lovelace"]);
    let server = SmtpServer::start(SmtpOptions::default());
    let draft = f.json(&["draft", "a1", "thank-you:r1:p1"]);
    let out = ok_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    assert!(
        out.contains("Sent thank-you:r1:p1 to Grace Hopper <grace@acme.example>"),
        "{out}"
    );
    assert!(out.contains("Next for a1:"), "{out}");

    let stored = server.messages();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].starts_with(b"X-MailFrom: ada@example.com"));
    assert!(String::from_utf8_lossy(&stored[0]).contains("X-RcptTo: grace@acme.example"));
    let raw = data_of(&stored[0]);
    assert!(raw.is_ascii(), "7-bit on the wire");
    let message = mail_parser::MessageParser::default().parse(raw).unwrap();
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Zoë Lovelace"), "RFC 2047 name decoded");
    assert_eq!(from.address(), Some("ada@example.com"));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(
        (to.name(), to.address()),
        (Some("Grace Hopper"), Some("grace@acme.example"))
    );
    assert_eq!(message.subject(), draft["subject"].as_str());
    assert_eq!(
        message
            .body_text(0)
            .unwrap()
            .replace("\r\n", "\n")
            .trim_end(),
        draft["body"].as_str().unwrap().trim_end()
    );
    let id = message.message_id().unwrap();
    assert!(id.ends_with("@example.com"), "{id}");
    assert!(message.date().is_some());
    let reply_to = message.reply_to().unwrap().first().unwrap();
    assert_eq!(reply_to.address(), Some("ada@example.com"));
    let content_type = message.content_type().unwrap();
    assert_eq!(content_type.ctype(), "text");
    assert_eq!(content_type.subtype(), Some("plain"));
    assert_eq!(
        content_type
            .attribute("charset")
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("utf-8")
    );

    // The touchpoint is recorded with the message, and the plan moved on.
    let export = f.json(&["export", "a1"]);
    let touchpoints = export["touchpoints"].as_array().unwrap();
    assert_eq!(touchpoints.len(), 1, "{export}");
    assert_eq!(touchpoints[0]["kind"], "thank-you");
    assert_eq!(touchpoints[0]["channel"], "email");
    assert_eq!(touchpoints[0]["subject"], draft["subject"]);
    let plan = f.json(&["plan", "a1"]);
    let thank_you = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "thank-you")
        .unwrap();
    assert_eq!(thank_you["status"], "done", "{plan}");
    let outbox = f.json(&["outbox"]);
    assert_eq!(outbox[0]["state"], "sent");
    assert_eq!(outbox[0]["message_id"], id);

    // A second send of the same follow-up is refused, and nothing more reaches the server.
    let again = run_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    assert_eq!(again.code, 2, "{again:?}");
    assert!(again.stderr.contains("done already"), "{}", again.stderr);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_saved_draft_is_what_goes_out_and_errors_stop_it() {
    let f = ready_to_thank();
    let server = SmtpServer::start(SmtpOptions::default());
    let draft = f.json(&["draft", "a1", "thank-you:r1:p1"]);
    // A leftover placeholder is an error: nothing is queued or sent.
    let bad = format!(
        "Subject: {}\n\n{}",
        draft["subject"].as_str().unwrap(),
        draft["body"]
            .as_str()
            .unwrap()
            .replace("Dear Dr. Hopper,", "Dear [Interviewer Name],")
    );
    let path = f.write("bad.txt", &bad);
    f.ok(&[
        "draft",
        "a1",
        "thank-you:r1:p1",
        "--save",
        path.to_str().unwrap(),
    ]);
    let run = run_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("placeholder"), "{}", run.stdout);
    assert!(run.stderr.contains("not sent"), "{}", run.stderr);
    assert!(server.messages().is_empty());
    assert_eq!(f.json(&["outbox"]), serde_json::json!([]));

    // The user's own wording is kept and sent as written.
    let mine = format!(
        "Subject: Thank you, Dr. Hopper\n\n{}",
        draft["body"]
            .as_str()
            .unwrap()
            .replacen(",\n\n", ",\n\nMany thanks for your time. ", 1)
    );
    let path = f.write("mine.txt", &mine);
    f.ok(&[
        "draft",
        "a1",
        "thank-you:r1:p1",
        "--save",
        path.to_str().unwrap(),
    ]);
    assert!(
        f.ok(&["draft", "a1", "thank-you:r1:p1"])
            .contains("Many thanks")
    );
    ok_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    let stored = server.messages();
    assert_eq!(stored.len(), 1);
    let message = mail_parser::MessageParser::default()
        .parse(data_of(&stored[0]))
        .unwrap();
    assert_eq!(message.subject(), Some("Thank you, Dr. Hopper"));
    assert!(message.body_text(0).unwrap().contains("Many thanks"));
    // Once sent, the saved draft is gone with the follow-up.
    let export = f.json(&["export", "a1"]);
    assert_eq!(export["touchpoints"][0]["subject"], "Thank you, Dr. Hopper");
}

#[test]
fn a_crash_at_any_step_neither_loses_nor_repeats_an_email() {
    for crash in ["before-send", "after-accept"] {
        let f = ready_to_thank();
        let imap = ImapServer::start();
        // A provider that files what it sends under Sent, as most do.
        let server = SmtpServer::start_with_maildir(SmtpOptions::default(), &imap.sent_maildir());
        let mut env = smtp_env(&server);
        env.push(("FOLLOWUP_CRASH_AT", crash.to_string()));
        let died = run_with(&f, &env, &["send", "a1", "thank-you:r1:p1"]);
        assert_ne!(died.code, 0, "{crash}: the process was stopped dead");
        let outbox = f.json(&["outbox"]);
        assert_eq!(outbox[0]["state"], "sending", "{crash}: {outbox}");
        let expected_on_server = usize::from(crash == "after-accept");
        assert_eq!(server.messages().len(), expected_on_server, "{crash}");

        // Sending the same follow-up again is refused while its fate is unknown.
        let again = run_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
        assert_eq!(again.code, 2, "{crash}: {again:?}");
        assert!(
            again.stderr.contains("already has an email in the outbox"),
            "{}",
            again.stderr
        );

        // The worker restarts: it looks in the Sent folder and never resends blindly.
        let mut env = smtp_env(&server);
        env.extend(imap_env(&imap));
        let run = run_with(&f, &env, &["run", "--once"]);
        assert_eq!(run.code, 0, "{crash}: {run:?}");
        match crash {
            "after-accept" => {
                assert!(
                    run.stdout.contains("found in Sent; recorded as sent"),
                    "{run:?}"
                );
            }
            _ => {
                assert!(run.stderr.contains("is not sent again"), "{run:?}");
                assert!(server.messages().is_empty(), "nothing sent while unsettled");
                // The user looks, finds nothing, and says so: it goes out once.
                let out = f.ok(&["outbox", "resolve", "1", "--not-sent"]);
                assert!(out.contains("queued again"), "{out}");
                ok_with(&f, &env, &["run", "--once"]);
            }
        }
        assert_eq!(
            server.messages().len(),
            1,
            "{crash}: exactly one copy on the server"
        );
        assert_eq!(f.json(&["outbox"])[0]["state"], "sent", "{crash}");
        let export = f.json(&["export", "a1"]);
        assert_eq!(
            export["touchpoints"].as_array().unwrap().len(),
            1,
            "{crash}: one record"
        );
        // Running again changes nothing.
        ok_with(&f, &env, &["run", "--once"]);
        assert_eq!(server.messages().len(), 1, "{crash}");
        assert_eq!(
            f.json(&["export", "a1"])["touchpoints"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
}

#[test]
fn a_temporary_refusal_is_retried_later_and_a_schedule_is_kept() {
    let f = ready_to_thank();
    let server = SmtpServer::start(SmtpOptions {
        fail_first: 1,
        ..Default::default()
    });
    let run = run_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stdout.contains("451"), "{run:?}");
    let outbox = f.json(&["outbox"]);
    assert_eq!(outbox[0]["state"], "queued");
    assert_eq!(outbox[0]["attempts"], 1);
    // Not due again until the backoff has passed.
    ok_with(&f, &smtp_env(&server), &["run", "--once"]);
    assert!(server.messages().is_empty());
    let later = [("FOLLOWUP_NOW", "2026-03-02T18:02:00-05:00".to_string())];
    let mut env = smtp_env(&server);
    env.extend(later.iter().cloned());
    let out = ok_with(&f, &env, &["run", "--once"]);
    assert!(out.contains("Sent thank-you:r1:p1"), "{out}");
    assert_eq!(server.messages().len(), 1);

    // Scheduled: queued for the suggested time, sent by the worker only once it comes.
    let g = ready_to_thank();
    let early = [("FOLLOWUP_NOW", "2026-03-02T15:10:00-05:00".to_string())];
    let mut env = smtp_env(&server);
    env.extend(early.iter().cloned());
    let out = ok_with(
        &g,
        &env,
        &["send", "a1", "thank-you:r1:p1", "--at", "suggested"],
    );
    assert!(out.contains("Queued thank-you:r1:p1"), "{out}");
    ok_with(&g, &env, &["run", "--once"]);
    assert_eq!(server.messages().len(), 1, "not yet");
    let mut env = smtp_env(&server);
    env.push(("FOLLOWUP_NOW", "2026-03-02T16:00:00-05:00".to_string()));
    let out = ok_with(&g, &env, &["run", "--once"]);
    assert!(out.contains("Sent thank-you:r1:p1"), "{out}");
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn login_and_tls_as_the_url_says() {
    // A user of its own: the OS keyring is shared by every process of this user.
    let tls_user = format!("ada-tls-{}", std::process::id());
    for (options, scheme) in [
        (
            SmtpOptions {
                auth: Some((tls_user.clone(), "s3cret".into())),
                starttls: true,
                ..Default::default()
            },
            "starttls",
        ),
        (
            SmtpOptions {
                auth: Some((tls_user.clone(), "s3cret".into())),
                implicit_tls: true,
                ..Default::default()
            },
            "implicit",
        ),
    ] {
        let f = ready_to_thank();
        let server = SmtpServer::start(options);
        let url = match scheme {
            "starttls" => format!("smtp://{tls_user}@127.0.0.1:{}?tls=required", server.port()),
            _ => format!("smtps://{tls_user}@127.0.0.1:{}", server.port()),
        };
        let ca = server.cert_path().to_str().unwrap().to_string();
        // Without the password: a clear error, and nothing queued.
        let env = vec![
            ("FOLLOWUP_SMTP_URL", url.clone()),
            ("FOLLOWUP_MAIL_CA_FILE", ca.clone()),
        ];
        let run = run_with(&f, &env, &["send", "a1", "thank-you:r1:p1"]);
        assert_ne!(run.code, 0, "{scheme}: {run:?}");
        assert!(
            run.stderr.contains("FOLLOWUP_SMTP_PASSWORD"),
            "{scheme}: {}",
            run.stderr
        );
        assert_eq!(f.json(&["outbox"]), serde_json::json!([]));
        // With it, the message goes over TLS; the password appears nowhere.
        let mut env = env;
        env.push(("FOLLOWUP_SMTP_PASSWORD", "s3cret".into()));
        let run = run_with(&f, &env, &["send", "a1", "thank-you:r1:p1"]);
        assert_eq!(run.code, 0, "{scheme}: {run:?}");
        assert!(!run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"));
        assert_eq!(server.messages().len(), 1, "{scheme}");
        let store = std::fs::read(f.db()).unwrap();
        assert!(
            !store.windows(6).any(|w| w == b"s3cret"),
            "never in the database"
        );
    }
}

/// Names and subjects that try to start a header of their own.
const INJECTIONS: &[&str] = &[
    "Thanks\rBcc: evil@attacker.example",
    "Thanks\0Bcc: evil@attacker.example",
    "Thanks =?utf-8?q?=0D=0ABcc:_evil@attacker.example?=",
    "Thanks\u{2028}Bcc: evil@attacker.example",
    "Thanks %0D%0ABcc: evil@attacker.example",
    "Thanks\u{85}Bcc: evil@attacker.example",
];

#[test]
fn no_subject_or_name_ever_adds_a_header_on_the_wire() {
    let f = ready_to_thank();
    let server = SmtpServer::start(SmtpOptions::default());
    let draft = f.json(&["draft", "a1", "thank-you:r1:p1"]);
    let body = draft["body"].as_str().unwrap();
    for (n, evil) in INJECTIONS.iter().enumerate() {
        let g = ready_to_thank();
        let path = g.write("evil.txt", &format!("Subject: {evil}\n\n{body}"));
        let run = run_with(
            &g,
            &smtp_env(&server),
            &[
                "send",
                "a1",
                "thank-you:r1:p1",
                "--force",
                "--file",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{evil:?}: {run:?}");
        let stored = server.messages();
        assert_eq!(stored.len(), n + 1);
        let raw = data_of(&stored[n]);
        let names = header_names(raw);
        assert!(!names.iter().any(|h| h == "bcc"), "{evil:?}: {names:?}");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            [
                "content-transfer-encoding",
                "content-type",
                "date",
                "from",
                "message-id",
                "mime-version",
                "reply-to",
                "subject",
                "to"
            ],
            "{evil:?}"
        );
        assert!(String::from_utf8_lossy(&stored[n]).contains("X-RcptTo: grace@acme.example\r\n"));
        assert_eq!(
            String::from_utf8_lossy(&stored[n])
                .matches("X-RcptTo")
                .count(),
            1
        );
    }
}

#[test]
fn sync_proposes_the_right_outcomes_and_an_auto_reply_holds_the_check_in() {
    let f = ready_to_thank();
    let imap = ImapServer::start();
    let server = SmtpServer::start(SmtpOptions::default());
    ok_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    let ours = f.json(&["outbox"])[0]["message_id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = f.json(&["plan", "a1"]);
    let check_in = |plan: &Value| {
        plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "check-in" && a["n"] == 1)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        check_in(&before)["opens"],
        "2026-03-10T09:00:00-04:00",
        "{before}"
    );

    let in_reply = format!("<{ours}>");
    imap.deliver(&mail(
        &[
            ("From", "Grace Hopper <grace@acme.example>"),
            ("To", "Ada Lovelace <ada@example.com>"),
            ("Subject", "Re: Thank you"),
            ("Date", "Tue, 03 Mar 2026 10:15:00 -0500"),
            ("Message-ID", "<reply-1@acme.example>"),
            ("In-Reply-To", &in_reply),
            ("References", &in_reply),
        ],
        "Hi Ada,\n\nThanks for the note. We expect to make a decision by March 20.\n\nGrace\n\nOn Mon, Mar 2, 2026 Ada wrote:\n> Thank you for your time\n",
    ));
    imap.deliver(&mail(
        &[
            ("From", "Grace Hopper <grace@acme.example>"),
            ("To", "ada@example.com"),
            ("Subject", "Out of office: Thank you"),
            ("Date", "Wed, 04 Mar 2026 08:00:00 -0500"),
            ("Message-ID", "<ooo-1@acme.example>"),
            ("Auto-Submitted", "auto-replied"),
            ("In-Reply-To", &in_reply),
        ],
        "I am out of the office until Friday, March 13, with no access to email.\n",
    ));
    imap.deliver(&mail(
        &[
            ("From", "Deals <news@shop.example>"),
            ("To", "ada@example.com"),
            ("Subject", "Spring sale: we expect to offer 20% off"),
            ("Date", "Tue, 03 Mar 2026 11:00:00 -0500"),
            ("Message-ID", "<sale-1@shop.example>"),
        ],
        "We are pleased to offer you 20% off everything until March 31.\n",
    ));

    let now = [("FOLLOWUP_NOW", "2026-03-04T12:00:00-05:00".to_string())];
    let mut env = imap_env(&imap);
    env.extend(now.iter().cloned());
    let out = ok_with(&f, &env, &["sync"]);
    assert!(
        out.contains("Read 3 new messages: 1 to confirm, 1 unrelated or automatic."),
        "{out}"
    );
    assert!(out.contains("away until Fri 2026-03-13"), "{out}");

    let waiting = f.json(&["inbox"]);
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");
    assert_eq!(waiting[0]["outcome"], "update");
    assert_eq!(waiting[0]["decision_expected_by"], "2026-03-20");
    assert_eq!(waiting[0]["contact_id"], "p1");
    assert_eq!(waiting[0]["matched_by"], "thread");
    let all = f.json(&["inbox", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[1]["state"], "noted");
    assert_eq!(all[1]["away_until"], "2026-03-13");

    // Nothing was recorded on the user's behalf, but the check-in waits for Grace's return.
    assert!(
        f.json(&["export", "a1"])["responses"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let held = f.json(&["plan", "a1"]);
    assert_eq!(
        check_in(&held)["opens"],
        "2026-03-16T09:00:00-04:00",
        "{held}"
    );
    assert!(
        check_in(&held)["reason"]
            .as_str()
            .unwrap()
            .contains("back on Fri 13 Mar")
    );

    // A second sync finds nothing new.
    let out = ok_with(&f, &env, &["sync"]);
    assert!(out.contains("Read 0 new messages"), "{out}");

    // The user can lift the hold (the person answered after all).
    f.ok(&["interview", "edit", "r1", "-i", "p1, away="]);
    let lifted = f.json(&["plan", "a1"]);
    assert_eq!(
        check_in(&lifted)["opens"],
        "2026-03-10T09:00:00-04:00",
        "{lifted}"
    );
    let bad = f.bad(&["interview", "edit", "r1", "-i", "p1, away=next spring"]);
    assert!(bad.contains("YYYY-MM-DD"), "{bad}");

    // Accepting the update records it; the new decision date moves the check-in again.
    f.ok(&["inbox", "accept", "1"]);
    let export = f.json(&["export", "a1"]);
    assert_eq!(export["responses"][0]["outcome"], "update");
    assert_eq!(export["responses"][0]["decision_expected_by"], "2026-03-20");
    let after = f.json(&["plan", "a1"]);
    assert_eq!(
        check_in(&after)["opens"],
        "2026-03-23T09:00:00-04:00",
        "{after}"
    );
    assert_eq!(f.json(&["inbox"]), serde_json::json!([]));
}

#[test]
fn other_ways_out_eml_mailto_and_linkedin() {
    let f = ready_to_thank();
    let eml = f.data_dir().join("thanks.eml");
    let out = f.ok(&[
        "export-eml",
        "a1",
        "thank-you:r1:p1",
        "-o",
        eml.to_str().unwrap(),
    ]);
    assert!(out.contains("followup log thank-you:r1:p1"), "{out}");
    let raw = std::fs::read(&eml).unwrap();
    let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("grace@acme.example")
    );
    assert!(message.message_id().is_some());
    // The check reads .eml files too.
    let checked = f.run(&["check", eml.to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{checked:?}");

    let link = f.ok(&["mailto", "a1", "thank-you:r1:p1"]);
    assert!(
        link.starts_with("mailto:grace%40acme.example?subject="),
        "{link}"
    );
    assert!(!link.trim_end().contains(' '), "{link}");

    // No SMTP set up: a clear message, nothing queued.
    let run = f.run(&["send", "a1", "thank-you:r1:p1"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no SMTP server"), "{}", run.stderr);
    assert!(run.stderr.contains("export-eml"), "{}", run.stderr);
    let idle = f.bad(&["run", "--once"]);
    assert!(idle.contains("no mail server is set up"), "{idle}");
    assert_eq!(f.json(&["outbox"]), serde_json::json!([]));
}

#[test]
fn a_password_kept_in_the_os_keyring_is_used_and_never_stored() {
    // A user name of its own, so parallel runs never share a keyring entry.
    let user = format!("ada-{}", std::process::id());
    let f = ready_to_thank();
    let server = SmtpServer::start(SmtpOptions {
        auth: Some((user.clone(), "kept-s3cret".into())),
        ..Default::default()
    });
    f.ok(&[
        "mail",
        "set",
        "--smtp",
        &format!("smtp://{user}@127.0.0.1:{}", server.port()),
    ]);
    let config = std::fs::read_to_string(f.data_dir().join("config/mail.toml")).unwrap();
    assert!(
        config.contains(&user) && !config.contains("s3cret"),
        "{config}"
    );
    let kept = f.run_with_input(&["mail", "password", "smtp"], "kept-s3cret\n");
    assert_eq!(kept.code, 0, "{kept:?}");
    assert!(f.ok(&["mail", "show"]).contains("a password is available"));
    let out = f.ok(&["send", "a1", "thank-you:r1:p1"]);
    assert!(out.contains("Sent thank-you:r1:p1"), "{out}");
    assert_eq!(server.messages().len(), 1);
    let store = std::fs::read(f.db()).unwrap();
    assert!(!store.windows(11).any(|w| w == b"kept-s3cret"));
    let forgot = f.ok(&["mail", "password", "smtp", "--forget"]);
    assert!(forgot.contains("Removed"), "{forgot}");
    assert!(f.ok(&["mail", "show"]).contains("no password found"));
}

#[test]
fn imap_over_tls_and_starttls() {
    let f = ready_to_thank();
    let imap = ImapServer::start();
    let server = SmtpServer::start(SmtpOptions::default());
    ok_with(&f, &smtp_env(&server), &["send", "a1", "thank-you:r1:p1"]);
    let ca = imap.cert_path().to_str().unwrap().to_string();
    for url in [
        format!("imaps://{}@127.0.0.1:{}", imap.user(), imap.tls_port()),
        format!(
            "imap://{}@127.0.0.1:{}?tls=required",
            imap.user(),
            imap.port()
        ),
    ] {
        let env = [
            ("FOLLOWUP_IMAP_URL", url.clone()),
            ("FOLLOWUP_IMAP_PASSWORD", imap.password().to_string()),
            ("FOLLOWUP_MAIL_CA_FILE", ca.clone()),
        ];
        let out = ok_with(&f, &env, &["sync"]);
        assert!(out.contains("Read 0 new messages"), "{url}: {out}");
        // Without trusting the test certificate, TLS fails with a clear message.
        let run = run_with(&f, &env[..2], &["sync"]);
        assert_eq!(run.code, 3, "{url}: {run:?}");
        assert!(run.stderr.contains("TLS failed"), "{url}: {}", run.stderr);
    }
    // A wrong password is named as such.
    let env = [
        (
            "FOLLOWUP_IMAP_URL",
            format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
        ),
        ("FOLLOWUP_IMAP_PASSWORD", "wrong".to_string()),
    ];
    let run = run_with(&f, &env, &["sync"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("refused the login"), "{}", run.stderr);
    assert!(!run.stderr.contains("wrong"), "{}", run.stderr);
}

#[test]
fn a_copy_goes_to_sent_for_servers_that_do_not_file_it() {
    let f = ready_to_thank();
    let imap = ImapServer::start();
    let server = SmtpServer::start(SmtpOptions::default());
    f.ok(&[
        "mail",
        "set",
        "--imap",
        &format!("imap://{}@127.0.0.1:{}", imap.user(), imap.port()),
        "--save-sent",
        "true",
    ]);
    assert!(
        f.ok(&["mail", "show"])
            .contains("a copy of each email sent is filed there")
    );
    let mut env = smtp_env(&server);
    env.push(("FOLLOWUP_IMAP_PASSWORD", imap.password().to_string()));
    let out = ok_with(&f, &env, &["send", "a1", "thank-you:r1:p1"]);
    assert!(out.contains("Sent thank-you:r1:p1"), "{out}");
    assert!(out.contains("A copy is in Sent."), "{out}");
    assert_eq!(server.messages().len(), 1);
    let filed: Vec<_> = ["new", "cur"]
        .iter()
        .flat_map(|d| std::fs::read_dir(imap.sent_maildir().join(d)).unwrap())
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(filed.len(), 1, "one copy in Sent");
    let copy = mail_parser::MessageParser::default()
        .parse(&filed[0])
        .unwrap();
    let id = f.json(&["outbox"])[0]["message_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(copy.message_id(), Some(id.as_str()));
}
