//! Real mail servers on 127.0.0.1 for whole-binary tests.
//!
//! - [`SmtpServer`]: aiosmtpd (`tests/fixtures/smtp_server.py`, run by the Python environment that
//!   `scripts/test` prepares and names in `FOLLOWUP_TEST_PYTHON`). It keeps every message it
//!   accepts as one file in a Maildir.
//! - [`ImapServer`]: Debian's Dovecot (installed by `scripts/test-servers`) with a configuration of
//!   its own in a temporary directory, one user and a Maildir with an INBOX and a `Sent` folder.
//!
//! Each server picks free ports, waits until it answers, and is stopped when dropped.
#![allow(dead_code)] // Not every test module uses every helper.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{PermissionsExt, chown};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a server may take to come up before the test fails.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How many times a server is started again on other ports when its ports were taken meanwhile.
const PORT_ATTEMPTS: usize = 5;
/// How long a server may take to stop after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// The uid and gid Dovecot runs the mail user as (`nobody`), so no user needs creating.
const MAIL_UID: u32 = 65534;

// ------------------------------------------------------------------------------------------------
// SMTP

/// How an [`SmtpServer`] behaves. `SmtpOptions::default()` is plain SMTP without AUTH.
#[derive(Clone, Debug, Default)]
pub struct SmtpOptions {
    /// Require AUTH PLAIN or LOGIN with this user and password; it works without TLS.
    pub auth: Option<(String, String)>,
    /// Offer STARTTLS; with `auth`, also require it before AUTH.
    pub starttls: bool,
    /// Speak TLS from the first byte (SMTPS).
    pub implicit_tls: bool,
    /// Answer the first N DATA commands with `451 4.3.0 try again later`.
    pub fail_first: u32,
}

/// An aiosmtpd server that stores every message it accepts; stopped on drop.
pub struct SmtpServer {
    child: Child,
    port: u16,
    implicit_tls: bool,
    maildir: PathBuf,
    cert: PathBuf,
    log: PathBuf,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts a server that stores messages in a Maildir of its own ([`SmtpServer::maildir`]).
    pub fn start(options: SmtpOptions) -> SmtpServer {
        let dir = temp_dir("followup-smtp-");
        let maildir = dir.path().join("maildir");
        Self::launch(options, dir, maildir)
    }

    /// Starts a server that stores messages in `maildir` (created if missing), for instance
    /// [`ImapServer::sent_maildir`] to play a provider that files what it sends under Sent.
    pub fn start_with_maildir(options: SmtpOptions, maildir: &Path) -> SmtpServer {
        Self::launch(options, temp_dir("followup-smtp-"), maildir.to_path_buf())
    }

    fn launch(options: SmtpOptions, dir: tempfile::TempDir, maildir: PathBuf) -> SmtpServer {
        let python = test_python();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smtp_server.py");
        let (cert, key) = make_certificate(dir.path());
        let log = dir.path().join("smtp.log");
        let started = Instant::now();
        for attempt in 1..=PORT_ATTEMPTS {
            let port = free_ports::<1>()[0];
            let mut cmd = Command::new(&python);
            cmd.arg(&script)
                .arg("--port")
                .arg(port.to_string())
                .arg("--maildir")
                .arg(&maildir);
            if let Some((user, password)) = &options.auth {
                cmd.arg("--auth").arg(format!("{user}:{password}"));
            }
            if options.starttls {
                cmd.arg("--starttls").arg(&cert).arg(&key);
            }
            if options.implicit_tls {
                cmd.arg("--implicit-tls").arg(&cert).arg(&key);
            }
            if options.fail_first > 0 {
                cmd.arg("--fail-first").arg(options.fail_first.to_string());
            }
            let stderr = fs::File::create(&log).expect("a log file for the SMTP server");
            let mut child = cmd
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(stderr)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));

            // Read `READY <port>` on a thread, so a server that hangs cannot hang the test;
            // the thread then drains stdout until the server exits.
            let stdout = child.stdout.take().expect("piped stdout");
            let (ready_tx, ready_rx) = mpsc::channel();
            thread::spawn(move || {
                let mut lines = BufReader::new(stdout).lines();
                let first = lines.next().and_then(Result::ok);
                let _ = ready_tx.send(first);
                lines.for_each(drop);
            });
            let first = ready_rx.recv_timeout(START_TIMEOUT).ok().flatten();
            if first.as_deref() == Some(&format!("READY {port}")) {
                let server = SmtpServer {
                    child,
                    port,
                    implicit_tls: options.implicit_tls,
                    maildir,
                    cert,
                    log,
                    dir,
                };
                server.note_start(started);
                return server;
            }
            stop_child(&mut child, None);
            let log_text = fs::read_to_string(&log).unwrap_or_default();
            if log_text.contains("address already in use") && attempt < PORT_ATTEMPTS {
                continue; // Another process took the port between our probe and the bind.
            }
            panic!(
                "the test SMTP server did not come up on 127.0.0.1:{port} within {START_TIMEOUT:?} \
                 (first line of output: {first:?}); its log:\n{log_text}"
            );
        }
        unreachable!("the loop returns or panics");
    }

    fn note_start(&self, started: Instant) {
        if std::env::var_os("FOLLOWUP_TEST_SERVERS_VERBOSE").is_some() {
            eprintln!(
                "SMTP server on {} ready in {:?}",
                self.port,
                started.elapsed()
            );
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `smtp://127.0.0.1:PORT`, or `smtps://127.0.0.1:PORT` with implicit TLS.
    pub fn url(&self) -> String {
        let scheme = if self.implicit_tls { "smtps" } else { "smtp" };
        format!("{scheme}://127.0.0.1:{}", self.port)
    }

    /// The Maildir the messages land in (each in `new/`).
    pub fn maildir(&self) -> &Path {
        &self.maildir
    }

    /// Every message in the Maildir (`new/` and `cur/`), in the order they arrived (sorted by
    /// file name). Each one the server stored is `X-MailFrom:` and `X-RcptTo:` header lines
    /// followed by the exact bytes sent in DATA.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        maildir_messages(&self.maildir)
    }

    /// The self-signed certificate (CN=localhost, IP:127.0.0.1) a client must trust for TLS.
    pub fn cert_path(&self) -> &Path {
        &self.cert
    }

    /// What the server logged so far (each command it received, each message it stored).
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        stop_child(&mut self.child, None);
    }
}

/// The Python of the test environment, which has aiosmtpd.
fn test_python() -> PathBuf {
    let Some(python) = std::env::var_os("FOLLOWUP_TEST_PYTHON") else {
        panic!(
            "FOLLOWUP_TEST_PYTHON is not set: run the tests through scripts/test, which prepares \
             a Python environment with aiosmtpd (scripts/test-requirements.txt) and sets it"
        );
    };
    let python = PathBuf::from(python);
    assert!(
        python.exists(),
        "FOLLOWUP_TEST_PYTHON names {}, which does not exist: run the tests through scripts/test",
        python.display()
    );
    python
}

// ------------------------------------------------------------------------------------------------
// IMAP

const IMAP_USER: &str = "alice@example.com";
const IMAP_PASSWORD: &str = "secret";

/// A Dovecot IMAP server with one user, `alice@example.com` / `secret`; stopped on drop.
pub struct ImapServer {
    child: Child,
    port: u16,
    tls_port: u16,
    maildir: PathBuf,
    cert: PathBuf,
    dir: tempfile::TempDir,
}

impl ImapServer {
    pub fn start() -> ImapServer {
        let dovecot = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]
            .into_iter()
            .map(PathBuf::from)
            .find(|path| path.exists())
            .unwrap_or_else(|| {
                panic!(
                    "Dovecot is not installed: run scripts/test-servers as root (scripts/test \
                     does), which installs dovecot-imapd"
                )
            });
        // Under /tmp rather than $TMPDIR: Dovecot serves the mail as `nobody`, which must be
        // able to walk down to the Maildir, and its sockets need short paths.
        let dir = tempfile::Builder::new()
            .prefix("followup-imap-")
            .tempdir_in("/tmp")
            .expect("a temporary directory for Dovecot");
        let d = dir.path();
        set_mode(d, 0o755);
        let (cert, key) = make_certificate(d);
        let home = d.join("home/alice");
        let maildir = home.join("Maildir");
        for folder in [maildir.clone(), maildir.join(".Sent")] {
            for sub in ["cur", "new", "tmp"] {
                fs::create_dir_all(folder.join(sub)).expect("a Maildir folder");
            }
        }
        // Owned by the mail user, and open to all so that a process running as root (the SMTP
        // server filing into Sent, the tests delivering) can add files Dovecot can still move.
        for path in [d.join("home"), home.clone()] {
            own(&path);
            set_mode(&path, 0o755);
        }
        for folder in [maildir.clone(), maildir.join(".Sent")] {
            own(&folder);
            set_mode(&folder, 0o777);
            for sub in ["cur", "new", "tmp"] {
                own(&folder.join(sub));
                set_mode(&folder.join(sub), 0o777);
            }
        }
        fs::write(
            d.join("users"),
            format!(
                "{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}:{MAIL_UID}:{MAIL_UID}::{}\n",
                home.display()
            ),
        )
        .expect("Dovecot's users file");
        let log = d.join("dovecot.log");
        let started = Instant::now();

        for attempt in 1..=PORT_ATTEMPTS {
            let [port, tls_port] = free_ports::<2>();
            fs::write(
                d.join("dovecot.conf"),
                dovecot_config(d, &cert, &key, port, tls_port),
            )
            .expect("Dovecot's configuration");
            let _ = fs::remove_file(&log);
            // -F: stay in the foreground, so the master is our child (Ctrl-C reaches it too).
            let mut child = Command::new(&dovecot)
                .arg("-F")
                .arg("-c")
                .arg(d.join("dovecot.conf"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(fs::File::create(d.join("dovecot.stderr")).expect("a log file"))
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", dovecot.display()));

            let deadline = Instant::now() + START_TIMEOUT;
            let ready = loop {
                if let Ok(Some(_)) = child.try_wait() {
                    break false;
                }
                if imap_greets(port) && TcpStream::connect(("127.0.0.1", tls_port)).is_ok() {
                    break true;
                }
                if Instant::now() > deadline {
                    break false;
                }
                thread::sleep(Duration::from_millis(10));
            };
            if ready {
                let server = ImapServer {
                    child,
                    port,
                    tls_port,
                    maildir,
                    cert,
                    dir,
                };
                if std::env::var_os("FOLLOWUP_TEST_SERVERS_VERBOSE").is_some() {
                    eprintln!("IMAP server on {port} ready in {:?}", started.elapsed());
                }
                return server;
            }
            stop_child(&mut child, master_pid(d));
            let logs = format!(
                "{}{}",
                fs::read_to_string(d.join("dovecot.stderr")).unwrap_or_default(),
                fs::read_to_string(&log).unwrap_or_default()
            );
            if logs.contains("Address already in use") && attempt < PORT_ATTEMPTS {
                continue; // Another process took a port between our probe and the bind.
            }
            panic!(
                "the test IMAP server (Dovecot) did not come up on 127.0.0.1:{port} and \
                 :{tls_port} within {START_TIMEOUT:?}; its logs:\n{logs}"
            );
        }
        unreachable!("the loop returns or panics");
    }

    /// Plain IMAP, with STARTTLS available and LOGIN allowed without it.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// IMAP over TLS from the first byte (IMAPS).
    pub fn tls_port(&self) -> u16 {
        self.tls_port
    }

    /// The self-signed certificate (CN=localhost, IP:127.0.0.1) a client must trust for TLS.
    pub fn cert_path(&self) -> &Path {
        &self.cert
    }

    pub fn user(&self) -> &str {
        IMAP_USER
    }

    pub fn password(&self) -> &str {
        IMAP_PASSWORD
    }

    /// The user's Maildir; its root is the INBOX.
    pub fn maildir(&self) -> &Path {
        &self.maildir
    }

    /// The Maildir of the `Sent` folder (`.Sent` in Maildir++).
    pub fn sent_maildir(&self) -> PathBuf {
        self.maildir.join(".Sent")
    }

    /// Where new INBOX mail lands before a client has seen it.
    pub fn inbox_new(&self) -> PathBuf {
        self.maildir.join("new")
    }

    /// Where new mail of the `Sent` folder lands before a client has seen it.
    pub fn sent_new(&self) -> PathBuf {
        self.sent_maildir().join("new")
    }

    /// Puts a message into the INBOX, as a delivery agent would.
    pub fn deliver(&self, raw: &[u8]) -> PathBuf {
        deliver_to(&self.maildir, raw)
    }

    /// Puts a message into the `Sent` folder.
    pub fn deliver_sent(&self, raw: &[u8]) -> PathBuf {
        deliver_to(&self.sent_maildir(), raw)
    }

    /// What Dovecot logged so far (logins, failures).
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        stop_child(&mut self.child, master_pid(self.dir.path()));
    }
}

fn dovecot_config(d: &Path, cert: &Path, key: &Path, port: u16, tls_port: u16) -> String {
    let d = d.display();
    let cert = cert.display();
    let key = key.display();
    format!(
        "\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
"
    )
}

/// Whether an IMAP server on `port` answers with its `* OK` greeting.
fn imap_greets(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut greeting = [0u8; 4];
    stream.read_exact(&mut greeting).is_ok() && &greeting == b"* OK"
}

fn master_pid(d: &Path) -> Option<u32> {
    fs::read_to_string(d.join("run/master.pid"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Writes a message into `folder/tmp`, then renames it into `folder/new`, readable by all.
fn deliver_to(folder: &Path, raw: &[u8]) -> PathBuf {
    let name = maildir_name();
    let tmp = folder.join("tmp").join(&name);
    fs::write(&tmp, raw).expect("a message written into the Maildir");
    set_mode(&tmp, 0o666);
    own(&tmp);
    let new = folder.join("new").join(&name);
    fs::rename(&tmp, &new).expect("a message moved into new/");
    new
}

/// A unique Maildir file name that sorts by time of delivery.
fn maildir_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    format!(
        "{}.M{:06}P{}Q{}.followup-test",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

// ------------------------------------------------------------------------------------------------
// Shared

fn temp_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary directory")
}

/// Free TCP ports on 127.0.0.1, all different: each is bound at once, then released. Another
/// process may take one before the server binds it; the callers then start again.
fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1"))
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().unwrap().port())
}

/// A self-signed certificate for `localhost` and `127.0.0.1` in `dir`: (cert.pem, key.pem).
/// An end-entity certificate (CA:FALSE), which rustls accepts as its own trust anchor.
fn make_certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    let out = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec"])
        .args(["-pkeyopt", "ec_paramgen_curve:prime256v1"])
        .args(["-nodes", "-days", "2", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .args(["-addext", "keyUsage=critical,digitalSignature"])
        .args(["-addext", "extendedKeyUsage=serverAuth"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run openssl ({e}): run scripts/test-servers, which installs it")
        });
    assert!(
        out.status.success(),
        "openssl could not make a test certificate:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Readable by Dovecot's unprivileged processes and by the SMTP server alike.
    set_mode(&cert, 0o644);
    set_mode(&key, 0o644);
    (cert, key)
}

/// Every message in a Maildir (`new/` and `cur/`), sorted by file name.
fn maildir_messages(maildir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<(std::ffi::OsString, PathBuf)> = ["new", "cur"]
        .iter()
        .filter_map(|sub| fs::read_dir(maildir.join(sub)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| (entry.file_name(), entry.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, path)| fs::read(&path).expect("a stored message"))
        .collect()
}

/// Sends SIGTERM to `pid` (by default the child itself), waits for the child to exit, and kills
/// it if it does not within [`STOP_TIMEOUT`].
fn stop_child(child: &mut Child, pid: Option<u32>) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let pid = pid.unwrap_or(child.id());
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + STOP_TIMEOUT;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
}

/// Gives `path` to the mail user; needs root, as Dovecot does.
fn own(path: &Path) {
    chown(path, Some(MAIL_UID), Some(MAIL_UID)).unwrap_or_else(|e| {
        panic!(
            "cannot give {} to uid {MAIL_UID} ({e}): the IMAP tests run Dovecot and need root",
            path.display()
        )
    });
}

// ------------------------------------------------------------------------------------------------
// Smoke tests of the harness itself

/// Reads one (possibly multi-line) SMTP reply; returns all its lines.
fn smtp_reply(reader: &mut impl BufRead) -> String {
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("an SMTP reply") > 0,
            "the connection closed; got so far: {reply:?}"
        );
        reply.push_str(&line);
        if line.as_bytes().get(3) != Some(&b'-') {
            return reply;
        }
    }
}

/// Sends one SMTP command and checks that the reply has the expected code.
#[track_caller]
fn smtp_command(stream: &mut TcpStream, reader: &mut impl BufRead, command: &str, code: &str) {
    stream.write_all(command.as_bytes()).unwrap();
    stream.write_all(b"\r\n").unwrap();
    let reply = smtp_reply(reader);
    assert!(
        reply.starts_with(code),
        "{command} got {reply:?}, not {code}"
    );
}

fn smtp_connect(server: &SmtpServer) -> (TcpStream, BufReader<TcpStream>) {
    let stream = TcpStream::connect(("127.0.0.1", server.port())).expect("the SMTP server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let greeting = smtp_reply(&mut reader);
    assert!(greeting.starts_with("220 "), "{greeting:?}");
    (stream, reader)
}

const MESSAGE: &[u8] = b"From: Ana <ana@example.com>\r\nTo: Bo <bo@example.com>\r\n\
    Subject: Thank you\r\nMessage-ID: <t1@example.com>\r\n\r\nThanks for your time.\r\n\
    .A line that starts with a dot\r\n";

/// Sends [`MESSAGE`] in one transaction, expecting `data_code` after the data.
fn smtp_send(stream: &mut TcpStream, reader: &mut impl BufRead, data_code: &str) {
    smtp_command(stream, reader, "MAIL FROM:<ana@example.com>", "250");
    smtp_command(stream, reader, "RCPT TO:<bo@example.com>", "250");
    smtp_command(stream, reader, "DATA", "354");
    // Dot-stuffing: a line that starts with a dot is sent with one more.
    let stuffed = String::from_utf8(MESSAGE.to_vec())
        .unwrap()
        .replace("\r\n.", "\r\n..");
    stream.write_all(stuffed.as_bytes()).unwrap();
    smtp_command(stream, reader, ".", data_code);
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The stored message: the envelope lines, then exactly what was sent.
fn stored(message: &[u8]) -> Vec<u8> {
    let mut expected = b"X-MailFrom: ana@example.com\r\nX-RcptTo: bo@example.com\r\n".to_vec();
    expected.extend_from_slice(message);
    expected
}

#[test]
fn smtp_server_keeps_what_it_receives() {
    let server = SmtpServer::start(SmtpOptions::default());
    assert_eq!(server.url(), format!("smtp://127.0.0.1:{}", server.port()));
    let (mut stream, mut reader) = smtp_connect(&server);
    smtp_command(&mut stream, &mut reader, "EHLO test.example", "250");
    smtp_send(&mut stream, &mut reader, "250");
    smtp_command(&mut stream, &mut reader, "QUIT", "221");
    assert_eq!(server.messages(), vec![stored(MESSAGE)]);
    assert_eq!(
        fs::read_dir(server.maildir().join("new")).unwrap().count(),
        1
    );
}

#[test]
fn smtp_server_requires_auth_when_asked() {
    assert_eq!(base64(b"\0ana\0pw"), "AGFuYQBwdw==");
    assert_eq!(base64(b"ab"), "YWI=");
    let server = SmtpServer::start(SmtpOptions {
        auth: Some(("ana".into(), "s3cret".into())),
        ..SmtpOptions::default()
    });
    let (mut stream, mut reader) = smtp_connect(&server);
    stream.write_all(b"EHLO test.example\r\n").unwrap();
    let ehlo = smtp_reply(&mut reader);
    assert!(ehlo.contains("AUTH") && ehlo.contains("PLAIN"), "{ehlo}");
    smtp_command(
        &mut stream,
        &mut reader,
        "MAIL FROM:<ana@example.com>",
        "530",
    );
    let wrong = format!("AUTH PLAIN {}", base64(b"\0ana\0wrong"));
    smtp_command(&mut stream, &mut reader, &wrong, "535");
    let right = format!("AUTH PLAIN {}", base64(b"\0ana\0s3cret"));
    smtp_command(&mut stream, &mut reader, &right, "235");
    smtp_send(&mut stream, &mut reader, "250");
    smtp_command(&mut stream, &mut reader, "QUIT", "221");
    assert_eq!(server.messages(), vec![stored(MESSAGE)]);
}

#[test]
fn smtp_server_fails_the_first_data_when_asked() {
    let server = SmtpServer::start(SmtpOptions {
        fail_first: 1,
        ..SmtpOptions::default()
    });
    let (mut stream, mut reader) = smtp_connect(&server);
    smtp_command(&mut stream, &mut reader, "EHLO test.example", "250");
    smtp_send(&mut stream, &mut reader, "451 4.3.0");
    assert!(server.messages().is_empty());
    smtp_send(&mut stream, &mut reader, "250");
    smtp_command(&mut stream, &mut reader, "QUIT", "221");
    assert_eq!(server.messages().len(), 1);
}

/// Sends one tagged IMAP command; returns every line up to and including the tagged reply.
#[track_caller]
fn imap_command(
    stream: &mut TcpStream,
    reader: &mut impl BufRead,
    tag: &str,
    command: &str,
) -> String {
    write!(stream, "{tag} {command}\r\n").unwrap();
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("an IMAP reply") > 0,
            "the connection closed; got so far: {reply:?}"
        );
        reply.push_str(&line);
        if line.starts_with(&format!("{tag} ")) {
            assert!(line.starts_with(&format!("{tag} OK")), "{command}: {reply}");
            return reply;
        }
    }
}

fn imap_login(server: &ImapServer) -> (TcpStream, BufReader<TcpStream>) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).expect("the IMAP server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut greeting = String::new();
    reader.read_line(&mut greeting).unwrap();
    assert!(greeting.starts_with("* OK"), "{greeting:?}");
    let login = format!("LOGIN {} {}", server.user(), server.password());
    imap_command(&mut stream, &mut reader, "a", &login);
    (stream, reader)
}

#[test]
fn imap_server_serves_delivered_mail() {
    let server = ImapServer::start();
    server.deliver(MESSAGE);
    assert_eq!(fs::read_dir(server.inbox_new()).unwrap().count(), 1);
    let (mut stream, mut reader) = imap_login(&server);
    let select = imap_command(&mut stream, &mut reader, "b", "SELECT INBOX");
    assert!(select.contains("* 1 EXISTS"), "{select}");
    let fetch = imap_command(
        &mut stream,
        &mut reader,
        "c",
        "FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]",
    );
    assert!(fetch.contains("Subject: Thank you"), "{fetch}");
    imap_command(&mut stream, &mut reader, "d", "LOGOUT");
}

/// The SMTP server (root) files into Dovecot's Sent folder, and Dovecot (nobody) serves it.
#[test]
fn smtp_server_can_file_into_the_imap_sent_folder() {
    let imap = ImapServer::start();
    imap.deliver_sent(b"Subject: seeded\r\n\r\nAn earlier one.\r\n");
    let smtp = SmtpServer::start_with_maildir(SmtpOptions::default(), &imap.sent_maildir());
    let (mut stream, mut reader) = smtp_connect(&smtp);
    smtp_command(&mut stream, &mut reader, "EHLO test.example", "250");
    smtp_send(&mut stream, &mut reader, "250");
    smtp_command(&mut stream, &mut reader, "QUIT", "221");
    assert_eq!(fs::read_dir(imap.sent_new()).unwrap().count(), 2);

    let (mut stream, mut reader) = imap_login(&imap);
    let select = imap_command(&mut stream, &mut reader, "b", "SELECT Sent");
    assert!(select.contains("* 2 EXISTS"), "{select}");
    let fetch = imap_command(
        &mut stream,
        &mut reader,
        "c",
        "FETCH 2 BODY[HEADER.FIELDS (MESSAGE-ID)]",
    );
    assert!(fetch.contains("<t1@example.com>"), "{fetch}");
    imap_command(&mut stream, &mut reader, "d", "STORE 1 +FLAGS (\\Flagged)");
    imap_command(&mut stream, &mut reader, "e", "LOGOUT");
    // Dovecot moved both to cur/; the SMTP server still lists what it stored.
    assert_eq!(fs::read_dir(imap.sent_new()).unwrap().count(), 0);
    assert_eq!(smtp.messages().len(), 2);
}
