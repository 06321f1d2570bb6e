//! Changing a person or the settings one field at a time, with the same checks whether the
//! value came from a command-line flag or a web form.

use jiff::civil::Date;

use crate::domain::{BusinessHours, ContactRole, Details, Interviewer, Settings};
use crate::error::InputError;
use crate::names::read_name;
use crate::validate;

/// The fields of a person that can be set by name.
/// `name` comes first: setting it may set title, given and family, which the later ones
/// then override.
pub const PERSON_FIELDS: &[&str] = &[
    "name", "title", "given", "family", "role", "email", "phone", "linkedin", "tz", "away",
];

impl Interviewer {
    /// A new person with only a name, read as [`Interviewer::set_name`] reads it; an empty id
    /// asks the store for a new one.
    pub fn named(name: &str) -> Interviewer {
        let mut person = Interviewer {
            id: String::new(),
            name: String::new(),
            title: None,
            given: None,
            family: None,
            role: ContactRole::Other,
            email: None,
            phone: None,
            linkedin: None,
            timezone: None,
            away_until: None,
            details: Details::default(),
        };
        person.set_name(name);
        person
    }

    /// Sets the name as typed. A name with a title ("Dr. Grace Hopper") or written family
    /// name first ("Hopper, Grace") says more than its letters in order would: the title and
    /// both parts are kept, and `name` becomes the display form ("Grace Hopper"). A plain
    /// name keeps the given and family names that are still part of it ("Wang Xiuying"
    /// respelt), and forgets those that are not (somebody else's).
    pub fn set_name(&mut self, typed: &str) {
        let typed = typed.trim();
        let read = read_name(typed);
        if read.title.is_some() || typed.contains(',') {
            self.title = read.title.or(self.title.take());
            self.given = Some(read.given).filter(|g| !g.is_empty());
            self.family = Some(read.family).filter(|f| !f.is_empty());
            self.name = read.display;
        } else {
            self.name = typed.to_string();
            let words: Vec<String> = typed.split_whitespace().map(str::to_lowercase).collect();
            let still_there = |part: &Option<String>| {
                part.as_ref().is_some_and(|p| {
                    p.split_whitespace()
                        .all(|w| words.contains(&w.to_lowercase()))
                })
            };
            if !still_there(&self.given) {
                self.given = None;
            }
            if !still_there(&self.family) {
                self.family = None;
            }
        }
    }

    /// Sets one field (one of [`PERSON_FIELDS`]) from text, checking it; an empty value clears
    /// an optional field. `field` names where the value came from, for the error.
    pub fn set_field(&mut self, field: &str, key: &str, value: &str) -> Result<(), InputError> {
        let at = format!("{field} {key}").trim().to_string();
        let value = value.trim();
        let optional = |v: &str| (!v.is_empty()).then(|| v.to_string());
        match key {
            "name" => {
                validate::text(&at, value, false)?;
                self.set_name(value);
            }
            "given" | "family" => {
                if !value.is_empty() {
                    validate::text(&at, value, false)?;
                }
                let part = optional(value);
                if key == "given" {
                    self.given = part;
                } else {
                    self.family = part;
                }
            }
            "title" => {
                if !value.is_empty() {
                    validate::text(&at, value, false)?;
                }
                self.title = optional(value);
            }
            "role" => {
                self.role = match value {
                    "" => ContactRole::Other,
                    v => v
                        .parse()
                        .map_err(|e| InputError::not_one_of(at.clone(), e))?,
                };
            }
            "email" => {
                if !value.is_empty() {
                    validate::email(&at, value)?;
                }
                self.email = optional(value);
            }
            "phone" => {
                if !value.is_empty() {
                    validate::phone(&at, value)?;
                }
                self.phone = optional(value);
            }
            "linkedin" => {
                self.linkedin = if value.is_empty() {
                    None
                } else {
                    Some(validate::normalize_url(&at, value)?)
                };
            }
            "tz" => {
                if !value.is_empty() {
                    validate::time_zone(&at, value)?;
                }
                self.timezone = optional(value);
            }
            "away" => {
                self.away_until = if value.is_empty() {
                    None
                } else {
                    Some(value.parse::<Date>().map_err(|e| {
                        InputError::invalid(
                            at.clone(),
                            value,
                            format!("{value:?} is not a date: {e}"),
                            "give the day they are back as YYYY-MM-DD, or leave it empty",
                        )
                    })?)
                };
            }
            other => {
                return Err(InputError::invalid(
                    field,
                    other,
                    format!("{other:?} is not a field of a person"),
                    format!("use one of {}", PERSON_FIELDS.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

impl Settings {
    /// How many check-ins to send before stopping: 0 to 10.
    pub fn set_max_check_ins(&mut self, field: &str, n: u32) -> Result<(), InputError> {
        if n > 10 {
            return Err(InputError::invalid(
                field,
                n.to_string(),
                format!("{n} check-ins would be nagging"),
                "use a number from 0 to 10 (2 is the default)",
            ));
        }
        self.max_check_ins = n;
        Ok(())
    }

    /// When messages should arrive, written like `09:00-17:00`.
    pub fn set_business_hours(&mut self, field: &str, text: &str) -> Result<(), InputError> {
        self.business_hours = BusinessHours::parse(text.trim()).map_err(|problem| {
            InputError::invalid(field, text, problem, "write them like 09:00-17:00")
        })?;
        Ok(())
    }

    /// The characters a LinkedIn connection note may have: 1 to 3000.
    pub fn set_linkedin_note_limit(&mut self, field: &str, limit: u32) -> Result<(), InputError> {
        if !(1..=3000).contains(&limit) {
            return Err(InputError::invalid(
                field,
                limit.to_string(),
                "it is outside 1 to 3000 characters",
                "use 200, or 300 for a premium account",
            ));
        }
        self.linkedin_note_limit = limit;
        Ok(())
    }

    /// Personalised LinkedIn notes allowed a month: at most 1000.
    pub fn set_linkedin_quota(&mut self, field: &str, quota: u32) -> Result<(), InputError> {
        if quota > 1000 {
            return Err(InputError::invalid(
                field,
                quota.to_string(),
                "that is more notes than LinkedIn allows",
                "free accounts get about 5 personalised notes a month",
            ));
        }
        self.linkedin_monthly_quota = quota;
        Ok(())
    }
}

/// One of a closed set of words (a stage, a kind, an outcome …), naming `field` on failure.
pub fn word<T: std::str::FromStr<Err = crate::UnknownWord>>(
    field: &str,
    value: &str,
) -> Result<T, InputError> {
    value.parse().map_err(|e| InputError::not_one_of(field, e))
}

/// A whole number typed into a form field.
pub fn number(field: &str, text: &str) -> Result<u32, InputError> {
    text.trim().parse::<u32>().map_err(|_| {
        InputError::invalid(
            field,
            text,
            format!("{:?} is not a whole number", text.trim()),
            "write digits only, such as 2",
        )
    })
}

/// A calendar date typed as `YYYY-MM-DD`.
pub fn date(field: &str, text: &str) -> Result<Date, InputError> {
    text.trim()
        .parse()
        .map_err(|e: jiff::Error| InputError::BadTime {
            field: field.into(),
            value: text.into(),
            expected: "a date",
            reason: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_changed_one_checked_field_at_a_time() {
        let mut p = Interviewer::named(" Grace ");
        assert_eq!(p.name, "Grace");
        p.set_field("-i", "linkedin", "linkedin.com/in/grace")
            .unwrap();
        assert_eq!(p.linkedin.as_deref(), Some("https://linkedin.com/in/grace"));
        assert!(p.set_field("-i", "email", "grace").is_err());
        assert!(p.set_field("-i", "role", "boss").is_err());
        assert!(p.set_field("-i", "boss", "yes").is_err());
        p.set_field("-i", "linkedin", "").unwrap();
        assert_eq!(p.linkedin, None);
        p.set_field("form", "away", "2026-03-13").unwrap();
        assert_eq!(p.away_until, Some(jiff::civil::date(2026, 3, 13)));
        let err = p.set_field("form", "away", "soon").unwrap_err();
        assert!(err.to_string().contains("form away"), "{err}");
    }

    #[test]
    fn a_name_with_a_title_or_a_comma_is_kept_in_parts() {
        let p = Interviewer::named("Dr. Grace Hopper");
        assert_eq!(p.name, "Grace Hopper");
        assert_eq!(p.title.as_deref(), Some("Dr."));
        assert_eq!(
            (p.given.as_deref(), p.family.as_deref()),
            (Some("Grace"), Some("Hopper"))
        );
        let p = Interviewer::named("Hopper, Grace");
        assert_eq!(
            (p.name.as_str(), p.title.as_deref()),
            ("Grace Hopper", None)
        );
        assert_eq!(p.family.as_deref(), Some("Hopper"));
        // A plain name is read when needed, not stored twice.
        let p = Interviewer::named("Grace Brewster Hopper");
        assert_eq!((p.given.clone(), p.family.clone()), (None, None));
        assert_eq!(p.family_name(), "Hopper");
    }

    #[test]
    fn given_and_family_say_it_outright() {
        let mut p = Interviewer::named("Wang Xiuying");
        p.set_field("-i", "given", "Xiuying").unwrap();
        p.set_field("-i", "family", "Wang").unwrap();
        assert_eq!(
            (p.given_name(), p.family_name()),
            ("Xiuying".into(), "Wang".into())
        );
        // The same name retyped keeps them; another person's name does not.
        p.set_field("-i", "name", "Wang  Xiuying").unwrap();
        assert_eq!(p.family.as_deref(), Some("Wang"));
        p.set_field("-i", "name", "Li Na").unwrap();
        assert_eq!((p.given.clone(), p.family.clone()), (None, None));
        p.set_field("-i", "given", "").unwrap();
        assert_eq!(p.given, None);
        let err = p.set_field("-i", "family", "a\u{0}b").unwrap_err();
        assert!(err.to_string().contains("-i family"), "{err}");
    }

    #[test]
    fn settings_refuse_what_makes_no_sense() {
        let mut s = Settings::default();
        assert!(s.set_max_check_ins("n", 11).is_err());
        s.set_max_check_ins("n", 0).unwrap();
        assert_eq!(s.max_check_ins, 0);
        assert!(s.set_business_hours("h", "17:00-09:00").is_err());
        s.set_business_hours("h", "08:30-16:00").unwrap();
        assert_eq!(s.business_hours.to_string(), "08:30-16:00");
        assert!(s.set_linkedin_note_limit("l", 0).is_err());
        assert!(s.set_linkedin_quota("q", 1001).is_err());
        assert!(number("n", "two").is_err());
        assert!(date("d", "2026-02-30").is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_value_panics(key in "(name|title|given|family|role|email|phone|linkedin|tz|away|x)", value in "\\PC{0,30}") {
            let mut p = Interviewer::named("Grace");
            let _ = p.set_field("-i", &key, &value);
            let mut s = Settings::default();
            let _ = s.set_business_hours("h", &value);
            let _ = number("n", &value);
            let _ = date("d", &value);
        }
    }
}
