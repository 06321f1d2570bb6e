//! Reading an interviewer from one command-line value: `"Grace Hopper, role=hiring-manager, email=…"`.

use followup_core::{ContactRole, Details, InputError, Interviewer, validate};

/// One `--interviewer` value, split into an optional leading word and `key=value` pairs.
#[derive(Debug, PartialEq)]
pub struct PersonSpec {
    /// The first part when it has no `=`: a name, or an existing person's id.
    pub lead: Option<String>,
    pub fields: Vec<(String, String)>,
}

const KEYS: &[&str] = &[
    "name", "title", "role", "email", "phone", "linkedin", "tz", "away",
];

pub fn parse_spec(field: &str, text: &str) -> Result<PersonSpec, InputError> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                current.push(',');
                chars.next();
            }
            ',' => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);

    let mut spec = PersonSpec {
        lead: None,
        fields: Vec::new(),
    };
    for (i, part) in parts.iter().enumerate() {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match part.split_once('=') {
            Some((key, value)) => {
                let key = key.trim().to_ascii_lowercase();
                let key = if key == "timezone" {
                    "tz".to_string()
                } else {
                    key
                };
                if !KEYS.contains(&key.as_str()) {
                    return Err(InputError::invalid(
                        field,
                        text,
                        format!("{key:?} is not an interviewer field"),
                        format!("use the keys {}", KEYS.join(", ")),
                    ));
                }
                spec.fields.push((key, value.trim().to_string()));
            }
            None if i == 0 => spec.lead = Some(part.to_string()),
            None => {
                return Err(InputError::invalid(
                    field,
                    text,
                    format!("{part:?} has no key"),
                    "write key=value after the name, e.g. \"Grace Hopper, role=hiring-manager\"; \\, is a comma inside a value",
                ));
            }
        }
    }
    Ok(spec)
}

/// A new person with no fields set yet; `id` empty means "give me a new id".
pub fn blank(name: &str) -> Interviewer {
    Interviewer {
        id: String::new(),
        name: name.to_string(),
        title: None,
        role: ContactRole::Other,
        email: None,
        phone: None,
        linkedin: None,
        timezone: None,
        away_until: None,
        details: Details::default(),
    }
}

/// Sets one field from `key=value`, validating it; an empty value clears an optional field.
pub fn apply(
    person: &mut Interviewer,
    field: &str,
    key: &str,
    value: &str,
) -> Result<(), InputError> {
    let at = format!("{field} {key}");
    let optional = |v: &str| (!v.is_empty()).then(|| v.to_string());
    match key {
        "name" => {
            validate::text(&at, value, false)?;
            person.name = value.to_string();
        }
        "title" => person.title = optional(value),
        "role" => {
            person.role = value
                .parse()
                .map_err(|e| InputError::not_one_of(at.clone(), e))?;
        }
        "email" => {
            if !value.is_empty() {
                validate::email(&at, value)?;
            }
            person.email = optional(value);
        }
        "phone" => {
            if !value.is_empty() {
                validate::phone(&at, value)?;
            }
            person.phone = optional(value);
        }
        "linkedin" => {
            person.linkedin = if value.is_empty() {
                None
            } else {
                Some(validate::normalize_url(&at, value)?)
            };
        }
        "tz" => {
            if !value.is_empty() {
                validate::time_zone(&at, value)?;
            }
            person.timezone = optional(value);
        }
        "away" => {
            person.away_until = if value.is_empty() {
                None
            } else {
                Some(value.parse::<jiff::civil::Date>().map_err(|e| {
                    InputError::invalid(
                        at.clone(),
                        value,
                        format!("{value:?} is not a date: {e}"),
                        "give the day they are back as YYYY-MM-DD, or away= to clear it",
                    )
                })?)
            };
        }
        _ => unreachable!("keys are checked when parsing"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_and_fields() {
        let spec = parse_spec(
            "-i",
            "Grace Hopper, title=Dr., role=hiring-manager, email=grace@acme.example",
        )
        .unwrap();
        assert_eq!(spec.lead.as_deref(), Some("Grace Hopper"));
        assert_eq!(spec.fields.len(), 3);
        let spec = parse_spec("-i", "name=Hopper\\, Grace").unwrap();
        assert_eq!(
            spec.fields,
            [("name".to_string(), "Hopper, Grace".to_string())]
        );
        assert!(parse_spec("-i", "Grace, boss=yes").is_err());
        assert!(parse_spec("-i", "Grace, Hopper").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,80}", key in "(name|title|role|email|phone|linkedin|tz|away)", value in "\\PC{0,30}") {
            let _ = parse_spec("-i", &text);
            let mut p = blank("Grace");
            let _ = apply(&mut p, "-i", &key, &value);
        }
    }

    #[test]
    fn applies_and_validates() {
        let mut p = blank("Grace");
        apply(&mut p, "-i", "linkedin", "linkedin.com/in/grace").unwrap();
        assert_eq!(p.linkedin.as_deref(), Some("https://linkedin.com/in/grace"));
        assert!(apply(&mut p, "-i", "email", "grace").is_err());
        assert!(apply(&mut p, "-i", "role", "boss").is_err());
        apply(&mut p, "-i", "linkedin", "").unwrap();
        assert_eq!(p.linkedin, None);
    }
}
