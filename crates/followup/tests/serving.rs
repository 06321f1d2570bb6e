//! `followup serve` as a user starts it: a real process on 127.0.0.1, spoken to over TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::support::with_one_application;

/// Stops the server when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http_get(port: u16, path: &str, host: &str) -> String {
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
    let mut child = f
        .command()
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _running = Running(child);
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
    let mut again = f
        .command()
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(again.stdout.take().unwrap()).lines();
    let _again = Running(again);
    lines.next();
    assert!(lines.next().unwrap().unwrap().ends_with(&token));
}
