//! The web app in real headless Chromium (Debian's), driven by playwright-core and audited by
//! axe-core from the npm registry (`tests/browser/`, installed by scripts/test).

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::servers::{SmtpOptions, SmtpServer};
use crate::support::{Followup, Running};

fn browser_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser"))
}

const PASSWORD: &str = "initech-flair-37";

#[test]
fn a_follow_up_written_fixed_and_sent_in_chromium() {
    let dir = browser_dir();
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
    let child = f
        .command()
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
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (_server, mut lines) = Running::with_lines(child);
    let url = lines
        .next()
        .unwrap()
        .unwrap()
        .trim_start_matches("followup is at ")
        .to_string();
    let shots = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/browser-screenshots"
    ));
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
