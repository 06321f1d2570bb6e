//! The application file of SPEC §5: one application with everything the planner, composer and
//! checker need, read with precise errors (line and column, or the path of the bad field).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::{Application, Interview, Interviewer, Profile, Response, Settings, Touchpoint};
use crate::error::InputError;
use crate::moment::Moment;
use crate::validate;

/// One application and its history, as `followup plan --input`, `import` and `export` use it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationFile {
    /// The moment to plan for; `--now` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<Moment>,
    pub profile: Profile,
    pub application: Application,
    #[serde(default)]
    pub interviews: Vec<Interview>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub settings: Settings,
}

/// Turns a serde_json error into one that names the source, line and column.
pub fn json_error(source_name: &str, error: &serde_json::Error) -> InputError {
    let full = error.to_string();
    // serde_json appends " at line L column C"; we report those as fields instead.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    InputError::InvalidJson {
        source_name: source_name.to_string(),
        line: error.line(),
        column: error.column(),
        message,
    }
}

impl ApplicationFile {
    /// Reads and validates a file's text; `source_name` is how errors refer to it.
    pub fn from_json(source_name: &str, text: &str) -> Result<Self, InputError> {
        let file: Self = serde_json::from_str(text).map_err(|e| json_error(source_name, &e))?;
        file.validate()?;
        Ok(file)
    }

    /// Pretty JSON with a final newline, stable for the same data.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("plain data always serialises");
        text.push('\n');
        text
    }

    /// Every interviewer of the application, once each, in order of first appearance.
    pub fn people(&self) -> Vec<&Interviewer> {
        let mut seen = HashSet::new();
        self.interviews
            .iter()
            .flat_map(|i| &i.interviewers)
            .filter(|p| seen.insert(p.id.as_str()))
            .collect()
    }

    /// Checks every field and every reference between the parts of the file.
    pub fn validate(&self) -> Result<(), InputError> {
        let p = &self.profile;
        validate::text("profile.name", &p.name, false)?;
        validate::time_zone("profile.timezone", &p.timezone)?;
        if let Some(email) = &p.email {
            validate::email("profile.email", email)?;
        }
        if let Some(phone) = &p.phone {
            validate::phone("profile.phone", phone)?;
        }

        let a = &self.application;
        validate::id("application.id", &a.id)?;
        validate::text("application.company", &a.company, false)?;
        validate::text("application.role", &a.role, false)?;

        let s = &self.settings;
        if s.max_check_ins > 10 {
            return Err(InputError::invalid(
                "settings.max_check_ins",
                s.max_check_ins.to_string(),
                format!("{} check-ins would be nagging", s.max_check_ins),
                "use a number from 0 to 10 (2 is the default)",
            ));
        }
        if !(1..=3000).contains(&s.linkedin_note_limit) {
            return Err(InputError::invalid(
                "settings.linkedin_note_limit",
                s.linkedin_note_limit.to_string(),
                "it is outside 1 to 3000 characters",
                "use 200, or 300 for premium accounts",
            ));
        }

        let mut interview_ids = HashSet::new();
        let mut people: HashMap<&str, &Interviewer> = HashMap::new();
        for (i, interview) in self.interviews.iter().enumerate() {
            let at = format!("interviews[{i}]");
            validate::id(&format!("{at}.id"), &interview.id)?;
            if !interview_ids.insert(interview.id.as_str()) {
                return Err(duplicate(&format!("{at}.id"), &interview.id));
            }
            if let Some(zone) = &interview.timezone {
                validate::time_zone(&format!("{at}.timezone"), zone)?;
            }
            if let Some(end) = interview.end
                && end.timestamp() < interview.start.timestamp()
            {
                return Err(InputError::EndBeforeStart {
                    field: format!("{at}.end"),
                    start: interview.start.to_string(),
                    end: end.to_string(),
                });
            }
            let mut in_round = HashSet::new();
            for (j, person) in interview.interviewers.iter().enumerate() {
                let at = format!("{at}.interviewers[{j}]");
                check_person(&at, person)?;
                if !in_round.insert(person.id.as_str()) {
                    return Err(duplicate(&format!("{at}.id"), &person.id));
                }
                match people.get(person.id.as_str()) {
                    Some(earlier) if !earlier.contact_fields_match(person) => {
                        return Err(InputError::invalid(
                            at.clone(),
                            &person.id,
                            format!(
                                "{} appears in two rounds with different contact fields",
                                person.id
                            ),
                            "give the same name, title, role, email, phone, LinkedIn and time zone wherever a person appears; only details differ per round",
                        ));
                    }
                    Some(_) => {}
                    None => {
                        people.insert(person.id.as_str(), person);
                    }
                }
            }
        }

        let known_people = || people.keys().map(|k| k.to_string()).collect::<Vec<_>>();
        let known_interviews = || {
            self.interviews
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        for (k, t) in self.touchpoints.iter().enumerate() {
            let at = format!("touchpoints[{k}]");
            if !interview_ids.contains(t.interview.as_str()) {
                return Err(unknown(
                    &format!("{at}.interview"),
                    "interview",
                    &t.interview,
                    known_interviews(),
                ));
            }
            if let Some(to) = &t.to
                && !people.contains_key(to.as_str())
            {
                return Err(unknown(
                    &format!("{at}.to"),
                    "interviewer",
                    to,
                    known_people(),
                ));
            }
            if t.n == 0 || t.n > 99 || (t.n != 1 && !t.kind.is_numbered()) {
                return Err(InputError::invalid(
                    format!("{at}.n"),
                    t.n.to_string(),
                    format!("{} cannot be number {}", t.kind, t.n),
                    "only check-ins and phone calls are numbered (1 to 99); leave n out otherwise",
                ));
            }
        }
        for (k, r) in self.responses.iter().enumerate() {
            if let Some(from) = &r.from
                && !people.contains_key(from.as_str())
            {
                return Err(unknown(
                    &format!("responses[{k}].from"),
                    "interviewer",
                    from,
                    known_people(),
                ));
            }
        }
        Ok(())
    }
}

fn check_person(at: &str, person: &Interviewer) -> Result<(), InputError> {
    validate::id(&format!("{at}.id"), &person.id)?;
    validate::text(&format!("{at}.name"), &person.name, false)?;
    // Present but empty would greet nobody: absent is how a file says "read it from name".
    if let Some(given) = &person.given {
        validate::text(&format!("{at}.given"), given, false)?;
    }
    if let Some(family) = &person.family {
        validate::text(&format!("{at}.family"), family, false)?;
    }
    if let Some(email) = &person.email {
        validate::email(&format!("{at}.email"), email)?;
    }
    if let Some(phone) = &person.phone {
        validate::phone(&format!("{at}.phone"), phone)?;
    }
    if let Some(url) = &person.linkedin {
        validate::url(&format!("{at}.linkedin"), url)?;
    }
    if let Some(zone) = &person.timezone {
        validate::time_zone(&format!("{at}.timezone"), zone)?;
    }
    Ok(())
}

fn duplicate(field: &str, id: &str) -> InputError {
    InputError::invalid(
        field,
        id,
        format!("the id {id:?} is used twice"),
        "give each one its own id",
    )
}

fn unknown(field: &str, kind: &'static str, value: &str, known: Vec<String>) -> InputError {
    let hint = InputError::UnknownId {
        kind,
        value: value.to_string(),
        known,
    }
    .hint();
    InputError::invalid(
        field,
        value,
        format!("no {kind} has the id {value:?}"),
        hint,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const SPEC_EXAMPLE: &str = include_str!("../tests/data/spec-example.json");

    #[test]
    fn reads_the_spec_example_and_writes_it_back_stably() {
        let file = ApplicationFile::from_json("example.json", SPEC_EXAMPLE).unwrap();
        assert_eq!(file.application.culture(), crate::Culture::Formal);
        let text = file.to_json_pretty();
        let again = ApplicationFile::from_json("again.json", &text).unwrap();
        assert_eq!(file, again);
        assert_eq!(text, again.to_json_pretty());
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let err = ApplicationFile::from_json("app.json", "{\n  \"profile\": {\n    \"name\": 3\n")
            .unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"app.json: invalid JSON at line 3, column 13: invalid type: integer `3`, expected a string");
        let err = ApplicationFile::from_json(
            "app.json",
            &SPEC_EXAMPLE.replace("\"kind\": \"video\"", "\"kind\": \"zoom\""),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("\"zoom\" is not one of phone, video, onsite, panel, networking"),
            "{err}"
        );
        let err = ApplicationFile::from_json(
            "app.json",
            &SPEC_EXAMPLE.replace("\"personal_rapport\"", "\"rapport\""),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `rapport`"), "{err}");
    }

    #[test]
    fn references_are_checked() {
        let err = ApplicationFile::from_json(
            "f",
            &SPEC_EXAMPLE.replace("\"to\": \"p1\"", "\"to\": \"p9\""),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "touchpoints[0].to: no interviewer has the id \"p9\""
        );
        assert_eq!(err.hint(), "known: p1");
        let err = ApplicationFile::from_json(
            "f",
            &SPEC_EXAMPLE.replace("\"end\": \"2026-03-02T15", "\"end\": \"2026-03-02T13"),
        )
        .unwrap_err();
        assert!(matches!(err, InputError::EndBeforeStart { .. }), "{err}");
        let err = ApplicationFile::from_json(
            "f",
            &SPEC_EXAMPLE.replace("grace@acme.example", "grace at acme"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "interviews[0].interviewers[0].email: \"grace at acme\" is not an email address"
        );
    }
}
