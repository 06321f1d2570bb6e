//! Fills a data directory with N applications for load tests of the web app:
//! `cargo run --release -p followup-web --example store_of -- N DIR NOW`.
//!
//! Each application has one round that ended somewhere in the 60 days before NOW, two or
//! three interviewers, and, for most, thank-yous already sent, so Today shows the realistic
//! mix of overdue, due and upcoming follow-ups a long job search has.

use std::path::PathBuf;

use followup_core::{ApplicationFile, Moment};
use followup_store::Store;
use jiff::{SignedDuration, Timestamp};

fn file(i: usize, now: Timestamp) -> ApplicationFile {
    // A fixed spread, not random: the same N give the same store.
    let ended = now - SignedDuration::from_hours(((i * 7919) % (60 * 24)) as i64);
    let start = ended - SignedDuration::from_hours(1);
    let thanked = !i.is_multiple_of(4);
    let touch = |to: &str| {
        format!(
            r#"{{"kind": "thank-you", "interview": "r1", "to": "{to}", "channel": "email", "at": "{}"}}"#,
            Moment::in_zone(
                ended + SignedDuration::from_hours(3),
                &jiff::tz::TimeZone::UTC
            )
        )
    };
    let touchpoints = if thanked {
        format!("[{}, {}]", touch("p1"), touch("p2"))
    } else {
        "[]".to_string()
    };
    let text = format!(
        r#"{{
  "profile": {{"name": "Ada Lovelace", "email": "ada@example.com", "timezone": "America/New_York"}},
  "application": {{"id": "a{i}", "company": "Company {i}", "role": "Engineer {}", "industry": "retail"}},
  "interviews": [{{
    "id": "r1", "kind": "video",
    "start": "{}", "end": "{}",
    "interviewers": [
      {{"id": "p1", "name": "Person {i} One", "role": "recruiter", "email": "one@c{i}.example"}},
      {{"id": "p2", "name": "Person {i} Two", "role": "panelist", "email": "two@c{i}.example"}}
    ]
  }}],
  "touchpoints": {touchpoints},
  "responses": []
}}"#,
        i % 17,
        Moment::in_zone(start, &jiff::tz::TimeZone::UTC),
        Moment::in_zone(ended, &jiff::tz::TimeZone::UTC),
    );
    ApplicationFile::from_json("generated", &text).expect("a valid generated file")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: store_of N DIR NOW(RFC 3339)";
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let dir = PathBuf::from(args.next().expect(usage));
    let now: Timestamp = Moment::parse_rfc3339(&args.next().expect(usage))
        .expect(usage)
        .timestamp();
    let store = Store::open(&dir).await.expect("the store opens");
    let files: Vec<ApplicationFile> = (1..=n).map(|i| file(i, now)).collect();
    for chunk in files.chunks(1000) {
        store
            .import_batch(chunk, Moment::in_zone(now, &jiff::tz::TimeZone::UTC))
            .await
            .expect("the import succeeds");
    }
    store.close().await;
    println!("{n} applications in {}", dir.display());
}
