//! Checks on the fields people type: time zones, email addresses, URLs, phone numbers, ids.

use jiff::tz::TimeZone;

use crate::error::InputError;

/// The zone for an IANA name, or an error suggesting the closest real name.
pub fn time_zone(field: &str, name: &str) -> Result<TimeZone, InputError> {
    let trimmed = name.trim();
    if !trimmed.is_empty()
        && let Ok(zone) = TimeZone::get(trimmed)
    {
        return Ok(zone);
    }
    Err(InputError::UnknownTimeZone {
        field: field.to_string(),
        value: name.to_string(),
        suggestion: closest_zone_name(trimmed),
    })
}

fn closest_zone_name(wanted: &str) -> Option<String> {
    if wanted.is_empty() {
        return None;
    }
    let wanted_lower = wanted.to_lowercase();
    let mut best: Option<(f64, String)> = None;
    for name in jiff::tz::db().available() {
        let name = name.as_str().to_string();
        let lower = name.to_lowercase();
        // A bare city ("berlin") matches the last part of the name.
        let city = lower.rsplit('/').next().unwrap_or(&lower).to_string();
        let score = strsim::jaro_winkler(&wanted_lower, &lower)
            .max(strsim::jaro_winkler(&wanted_lower, &city) - 0.02);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, name));
        }
    }
    best.filter(|(score, _)| *score >= 0.85).map(|(_, n)| n)
}

/// Checks an email address well enough to catch typos: one `@`, a plausible domain, no spaces.
pub fn email(field: &str, value: &str) -> Result<(), InputError> {
    let bad = || InputError::MalformedEmail {
        field: field.to_string(),
        value: value.to_string(),
    };
    let Some((local, domain)) = value.split_once('@') else {
        return Err(bad());
    };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"@".contains(c);
    if local.is_empty() || local.len() > 64 || local.chars().any(forbidden) {
        return Err(bad());
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(bad());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return Err(bad());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld = labels[labels.len() - 1];
    if !labels.iter().all(|l| label_ok(l))
        || tld.chars().count() < 2
        || tld.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok(())
}

/// Checks a web address: http or https, with a host that has a dot.
pub fn url(field: &str, value: &str) -> Result<(), InputError> {
    let bad = |reason: &str| InputError::MalformedUrl {
        field: field.to_string(),
        value: value.to_string(),
        reason: reason.to_string(),
    };
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains spaces"));
    }
    let parsed = url::Url::parse(value).map_err(|e| bad(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("it must start with https://"));
    }
    match parsed.host_str() {
        Some(host) if host.contains('.') => Ok(()),
        _ => Err(bad("it has no host name")),
    }
}

/// Adds `https://` to an address typed without a scheme (`linkedin.com/in/grace`), then checks it.
pub fn normalize_url(field: &str, value: &str) -> Result<String, InputError> {
    let value = value.trim();
    let full = if value.contains("://") {
        value.to_string()
    } else {
        format!("https://{value}")
    };
    url(field, &full).map_err(|e| match e {
        InputError::MalformedUrl { field, reason, .. } => InputError::MalformedUrl {
            field,
            value: value.to_string(),
            reason,
        },
        other => other,
    })?;
    Ok(full)
}

/// Checks a phone number: digits with the usual separators, between 5 and 20 digits.
pub fn phone(field: &str, value: &str) -> Result<(), InputError> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let plus_ok =
        value.trim_start().find('+').is_none_or(|i| i == 0) && value.matches('+').count() <= 1;
    if (5..=20).contains(&digits) && value.chars().all(allowed) && plus_ok {
        Ok(())
    } else {
        Err(InputError::MalformedPhone {
            field: field.to_string(),
            value: value.to_string(),
        })
    }
}

/// Checks an id from a file: short, without spaces or the `:` that separates action names.
pub fn id(field: &str, value: &str) -> Result<(), InputError> {
    let ok = !value.is_empty()
        && value.len() <= 40
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(InputError::invalid(
            field,
            value,
            format!("{value:?} is not a usable id"),
            "ids are 1 to 40 letters, digits, '-', '_' or '.', such as a1, r2 or p3",
        ))
    }
}

/// Checks a required text field is not blank and has no control characters but newlines.
pub fn text(field: &str, value: &str, multiline: bool) -> Result<(), InputError> {
    if value.trim().is_empty() {
        return Err(InputError::invalid(
            field,
            value,
            "it is empty",
            format!("give a value for {field}"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
    {
        return Err(InputError::invalid(
            field,
            value,
            "it contains control characters",
            "remove line breaks and other control characters",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_with_suggestions() {
        assert!(time_zone("tz", "America/New_York").is_ok());
        assert!(time_zone("tz", "UTC").is_ok());
        let err = time_zone("--tz", "America/New_Yrok").unwrap_err();
        assert_eq!(
            err.to_string(),
            "--tz: unknown time zone \"America/New_Yrok\""
        );
        assert!(err.hint().contains("America/New_York"), "{}", err.hint());
        let err = time_zone("--tz", "berlin").unwrap_err();
        assert!(err.hint().contains("Europe/Berlin"), "{}", err.hint());
        assert!(time_zone("--tz", "").is_err());
    }

    #[test]
    fn emails() {
        for good in [
            "grace@acme.example",
            "a.b+c@mail.co.uk",
            "x@xn--bcher-kva.example",
        ] {
            assert!(email("email", good).is_ok(), "{good}");
        }
        for bad in [
            "grace",
            "grace@",
            "@acme.com",
            "grace@acme",
            "grace @acme.com",
            "a@b@c.com",
            "grace@acme.c",
            "grace@-acme.com",
            "grace..x@acme.com",
            "grace@acme.com\nBcc: x@y.z",
            "grace@acme.123",
        ] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(url("linkedin", "https://www.linkedin.com/in/grace").is_ok());
        assert!(url("linkedin", "ftp://linkedin.com/in/grace").is_err());
        assert!(url("linkedin", "https://localhost/x").is_err());
        assert!(url("linkedin", "not a url").is_err());
        assert_eq!(
            normalize_url("linkedin", "linkedin.com/in/grace").unwrap(),
            "https://linkedin.com/in/grace"
        );
    }

    #[test]
    fn phones() {
        assert!(phone("phone", "+1 (555) 010-2030").is_ok());
        assert!(phone("phone", "555.0102").is_ok());
        assert!(phone("phone", "call me").is_err());
        assert!(phone("phone", "12").is_err());
        assert!(phone("phone", "1+555 0102").is_err());
    }
}
