//! A small builder for application files in tests, written as the JSON interchange so each
//! test reads like the file a user would import.

use followup_core::ApplicationFile;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

pub fn new_york() -> TimeZone {
    TimeZone::get("America/New_York").unwrap()
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// An application at Acme with a user in New York and no history yet.
pub fn application(id: &str) -> Fixture {
    Fixture(json!({
        "profile": {"name": "Ada Lovelace", "timezone": "America/New_York"},
        "application": {"id": id, "company": "Acme <Corp> & \"Sons\"", "role": "Data Engineer"},
        "interviews": [],
        "touchpoints": [],
        "responses": []
    }))
}

pub struct Fixture(Value);

impl Fixture {
    fn list(&mut self, key: &str) -> &mut Vec<Value> {
        self.0[key].as_array_mut().unwrap()
    }

    /// A video round with one interviewer, `p1`.
    pub fn round(mut self, id: &str, start: &str, end: Option<&str>) -> Self {
        let mut round = json!({
            "id": id, "kind": "video", "start": start,
            "interviewers": [{"id": "p1", "name": "Grace Hopper", "role": "recruiter",
                              "email": "grace@acme.example"}]
        });
        if let Some(end) = end {
            round["end"] = json!(end);
        }
        self.list("interviews").push(round);
        self
    }

    /// Another interviewer in round `round`.
    pub fn person(mut self, round: &str, id: &str) -> Self {
        let round = self
            .list("interviews")
            .iter_mut()
            .find(|r| r["id"] == round)
            .unwrap();
        round["interviewers"].as_array_mut().unwrap().push(json!({
            "id": id, "name": format!("Person {id}"), "role": "panelist"
        }));
        self
    }

    pub fn touch(mut self, kind: &str, round: &str, to: &str, n: u32, at: &str) -> Self {
        let channel = match kind {
            "handwritten-note" => "post",
            "phone-call" => "phone",
            "linkedin-connect" => "linkedin",
            _ => "email",
        };
        self.list("touchpoints").push(json!({
            "kind": kind, "interview": round, "to": to, "n": n, "channel": channel, "at": at
        }));
        self
    }

    pub fn response(mut self, outcome: &str, at: &str) -> Self {
        self.list("responses")
            .push(json!({"at": at, "outcome": outcome}));
        self
    }

    pub fn archived(mut self) -> Self {
        self.0["application"]["archived"] = json!(true);
        self
    }

    pub fn build(self) -> ApplicationFile {
        ApplicationFile::from_json("fixture", &self.0.to_string()).unwrap()
    }
}
