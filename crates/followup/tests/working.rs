//! The worker inside `followup serve`: a queued email goes out at its time with nothing else
//! running, and one process at a time is the worker for a data directory.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use crate::servers::{SmtpOptions, SmtpServer};
use crate::support::{Followup, note_graces_details, with_one_application};

/// Stops the server when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
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
    let mut child = on_the_wall_clock(&f, &smtp)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let serve = Running(child);
    let first = lines.next().unwrap().unwrap();
    assert!(first.starts_with("followup is at "), "{first}");
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
