//! A small harness that runs the real binary on a fresh data directory at a fixed "now".

use std::io::{BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The moment every test lives in unless it says otherwise: Monday 2 March 2026, 18:00 New York.
pub const NOW: &str = "2026-03-02T18:00:00-05:00";

/// A process a test started (a `serve`, a `run`), killed when the test ends however it ends.
pub struct Running(pub Child);

impl Running {
    /// A process started with a piped standard output, and that output line by line.
    pub fn with_lines(mut child: Child) -> (Running, Lines<BufReader<ChildStdout>>) {
        let lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        (Running(child), lines)
    }

    /// Starts `followup serve …`, and returns it with the rest of its output and the address
    /// its first line gives.
    pub fn serving(serve: &mut Command) -> (Running, Lines<BufReader<ChildStdout>>, String) {
        let child = serve.stdout(Stdio::piped()).spawn().unwrap();
        let (running, mut lines) = Running::with_lines(child);
        let first = lines.next().unwrap().unwrap();
        let url = first
            .strip_prefix("followup is at ")
            .unwrap_or_else(|| panic!("serve began with {first:?}"))
            .to_string();
        (running, lines, url)
    }
}

/// A message as a mail server would deliver it to the INBOX.
pub fn mail(headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&body.replace('\n', "\r\n"));
    out.into_bytes()
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Followup {
    dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Followup {
    pub fn new() -> Self {
        Followup {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("followup.db")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_followup"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("TZ", "America/New_York")
            .env("NO_COLOR", "1")
            .env("FOLLOWUP_NOW", NOW)
            .env("FOLLOWUP_DATA_DIR", self.dir.path())
            .env("FOLLOWUP_CONFIG_DIR", self.dir.path().join("config"));
        cmd
    }

    pub fn run_with_input(&self, args: &[&str], input: &str) -> Run {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the followup binary runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        Run {
            stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
            code: out.status.code().unwrap_or(-1),
        }
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_input(args, "")
    }

    /// Runs and insists on success; returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, 0,
            "followup {args:?} failed:\n{}{}",
            run.stdout, run.stderr
        );
        run.stdout
    }

    /// Runs with --json and parses the output.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}):\n{out}"))
    }

    /// Runs and insists on the bad-input exit code with nothing on stdout; returns stderr.
    #[track_caller]
    pub fn bad(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, 2,
            "followup {args:?} should fail with 2:\n{}{}",
            run.stdout, run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "nothing on stdout when failing: {}",
            run.stdout
        );
        run.stderr
    }

    /// The database file's bytes: equal bytes mean nothing was written.
    pub fn snapshot(&self) -> Vec<u8> {
        assert!(
            !self.dir.path().join("followup.db-wal").exists()
                || std::fs::metadata(self.dir.path().join("followup.db-wal"))
                    .unwrap()
                    .len()
                    == 0
        );
        std::fs::read(self.db()).expect("the database exists")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A store with a profile and one application, a1, with a round r1 and its person p1.
pub fn with_one_application() -> Followup {
    let f = Followup::new();
    f.ok(&[
        "profile",
        "set",
        "--name",
        "Ada Lovelace",
        "--email",
        "ada@example.com",
        "--timezone",
        "America/New_York",
    ]);
    f.ok(&[
        "app",
        "add",
        "Acme Corp",
        "Data Engineer",
        "--industry",
        "banking",
    ]);
    f.ok(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-02 14:00",
        "-i",
        "Grace Hopper, title=Dr., role=hiring-manager, email=grace@acme.example",
    ]);
    f
}

/// Runs one of the project's Python checkers (scripts/*.py) with the test environment's
/// Python, which scripts/test prepares; returns stdout.
#[track_caller]
pub fn python(script: &str, args: &[&std::ffi::OsStr]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let python = std::env::var("FOLLOWUP_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .arg(format!("{root}/scripts/{script}"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{python} runs ({e}); scripts/test prepares it"));
    assert!(
        out.status.success(),
        "{script} failed (scripts/test installs its packages):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The repository root, for schemas and fixtures.
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// What Grace (p1) of `with_one_application` talked about, as a debrief would record it.
pub fn note_graces_details(f: &Followup) {
    f.ok(&[
        "interview",
        "edit",
        "r1",
        "--for",
        "p1",
        "--topic",
        "moving billing to Kafka",
        "--shared",
        "her 2019 outage story",
    ]);
}
