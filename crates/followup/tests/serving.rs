//! `followup serve` as a user starts it: a real process on 127.0.0.1, spoken to over TCP.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::support::{Running, with_one_application};

pub(crate) fn http_get(port: u16, path: &str, host: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn serve_prints_its_url_and_answers_only_to_its_own_name() {
    let f = with_one_application();
    let child = f
        .command()
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (_running, mut lines) = Running::with_lines(child);
    let first = lines.next().unwrap().unwrap();
    let url = first.strip_prefix("followup is at ").unwrap().to_string();
    let port: u16 = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let feed = lines.next().unwrap().unwrap();
    let token = feed.rsplit_once("token=").unwrap().1.to_string();
    assert_eq!(token.len(), 64, "{feed}");

    let today = http_get(port, "/", &format!("127.0.0.1:{port}"));
    assert!(today.starts_with("HTTP/1.1 200"), "{today}");
    assert!(
        today.contains("thank-you</strong> to Grace Hopper"),
        "{today}"
    );
    let rebound = http_get(port, "/", "attacker.example");
    assert!(rebound.starts_with("HTTP/1.1 421"), "{rebound}");
    let feed = http_get(port, &format!("/calendar.ics?token={token}"), "localhost");
    assert!(feed.contains("BEGIN:VCALENDAR"), "{feed}");

    // The same secret on the next start: a subscribed calendar keeps working.
    drop(_running);
    let again = f
        .command()
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (_again, mut lines) = Running::with_lines(again);
    lines.next();
    assert!(lines.next().unwrap().unwrap().ends_with(&token));
}

/// The `name=value` of the first cookie an answer sets.
fn first_cookie(answer: &str) -> String {
    answer
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

fn http_post(port: u16, path: &str, cookie: &str, form: &str) -> String {
    http_post_to(port, &format!("127.0.0.1:{port}"), path, cookie, form)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn a_thank_you_sent_from_the_browser_reaches_the_smtp_server_once() {
    let f = with_one_application();
    crate::support::note_graces_details(&f);
    f.ok(&[
        "profile",
        "set",
        "--highlight",
        "five years of streaming pipelines",
    ]);
    let server = crate::servers::SmtpServer::start(Default::default());
    let child = f
        .command()
        .env("FOLLOWUP_SMTP_URL", server.url())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (_running, mut lines) = Running::with_lines(child);
    let first = lines.next().unwrap().unwrap();
    let port: u16 = first
        .trim_start_matches("followup is at http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let path = "/apps/a1/compose/thank-you:r1:p1";
    let page = http_get(port, path, "127.0.0.1");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let cookie = first_cookie(&page);
    let token = cookie.split_once('=').unwrap().1;
    let value = |name: &str| {
        let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
        page[at..at + page[at..].find('"').unwrap()].to_string()
    };
    let subject = value("subject")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let body_at = page.find("name=\"body\" rows=\"18\">").unwrap() + 22;
    let body = page[body_at..body_at + page[body_at..].find("</textarea>").unwrap()]
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x2f;", "/");
    let form = format!(
        "csrf={token}&intent=send&subject={}&body={}",
        encode(&subject),
        encode(&body)
    );
    let sent = http_post(port, path, &cookie, &form);
    assert!(sent.starts_with("HTTP/1.1 303"), "{sent}");
    assert_eq!(server.messages().len(), 1);
    let app = http_get(port, "/apps/a1", "127.0.0.1");
    assert!(
        app.contains(
            "thank-you</strong> to Grace Hopper by email\n        <span class=\"badge\">done"
        ),
        "{app}"
    );
    // Sending again is refused by the page, and nothing more goes out.
    let again = http_post(port, path, &cookie, &form);
    assert!(
        again.contains("Not sent: this follow-up is done already."),
        "{again}"
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn listening_beyond_this_machine_asks_for_a_password() {
    let f = with_one_application();
    // Every interface, but no name to be reached by: refused before anything is opened.
    let out = f
        .command()
        .args(["serve", "--port", "0", "--listen", "0.0.0.0"])
        .env("FOLLOWUP_WEB_PASSWORD", "correct horse battery")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--host"), "{err}");
    let mut setting = f
        .command()
        .args(["serve", "--set-password"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    setting.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let short = setting.wait_with_output().unwrap();
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8"));

    let child = f
        .command()
        .args([
            "serve",
            "--port",
            "0",
            "--listen",
            "0.0.0.0",
            "--host",
            "laptop.home.arpa",
        ])
        .env("FOLLOWUP_WEB_PASSWORD", "correct horse battery")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (_running, mut lines) = Running::with_lines(child);
    let url = lines.next().unwrap().unwrap();
    assert!(
        url.starts_with("followup is at http://laptop.home.arpa:"),
        "{url}"
    );
    let port: u16 = url
        .trim_start_matches("followup is at http://laptop.home.arpa:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let host = format!("laptop.home.arpa:{port}");
    let today = http_get(port, "/", &host);
    assert!(today.starts_with("HTTP/1.1 303"), "{today}");
    assert!(today.contains("location: /login"), "{today}");
    let login = http_get(port, "/login", &host);
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    let csrf_cookie = first_cookie(&login);
    let token = csrf_cookie.split_once('=').unwrap().1;
    let signed_in = http_post_to(
        port,
        &host,
        "/login",
        &csrf_cookie,
        &format!("csrf={token}&password={}", encode("correct horse battery")),
    );
    assert!(signed_in.starts_with("HTTP/1.1 303"), "{signed_in}");
    let session = signed_in
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    let session = session.split(';').next().unwrap();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {host}\r\nCookie: {session}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut today = String::new();
    stream.read_to_string(&mut today).unwrap();
    assert!(today.starts_with("HTTP/1.1 200"), "{today}");
    assert!(today.contains("thank-you</strong> to Grace Hopper"));
}

fn http_post_to(port: u16, host: &str, path: &str, cookie: &str, form: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}
