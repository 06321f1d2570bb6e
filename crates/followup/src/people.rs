//! Reading an interviewer from one command-line value: `"Grace Hopper, role=hiring-manager, email=…"`.

use followup_core::InputError;

/// One `--interviewer` value, split into an optional leading word and `key=value` pairs.
#[derive(Debug, PartialEq)]
pub struct PersonSpec {
    /// The first part when it has no `=`: a name, or an existing person's id.
    pub lead: Option<String>,
    pub fields: Vec<(String, String)>,
}

use followup_core::edit::PERSON_FIELDS as KEYS;

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
        fn never_panics(text in "\\PC{0,80}") {
            let _ = parse_spec("-i", &text);
        }
    }
}
