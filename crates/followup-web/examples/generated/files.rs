//! The generated applications of the load tests' stores, shared by `store_of` and
//! `shared_of`.

use followup_core::{ApplicationFile, Moment};
use jiff::{SignedDuration, Timestamp};

/// Application `i` of a generated search at `now`.
pub fn file(i: usize, now: Timestamp) -> ApplicationFile {
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
