//! Reading dates and times the way people type them: RFC 3339, `2026-03-02 14:00`,
//! `tomorrow 10:00`, `friday 2pm`, `in 3 days`, `2 hours ago`.
//!
//! Everything here is pure: `now` and the zone to read civil times in are parameters.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Zoned};

use crate::error::InputError;
use crate::moment::{DecisionDate, Moment};

/// Reads an instant. Civil forms are read in `zone`; RFC 3339 keeps its own offset.
pub fn parse_moment(
    field: &str,
    input: &str,
    now: &Zoned,
    zone: &TimeZone,
) -> Result<Moment, InputError> {
    let bad = |reason: &str| InputError::BadTime {
        field: field.to_string(),
        value: input.to_string(),
        expected: "a date and time",
        reason: reason.to_string(),
    };
    match read(input, now, zone).map_err(|r| bad(&r))? {
        Reading::Instant(moment) => Ok(moment),
        Reading::Day(_) => Err(bad("it has no time of day")),
    }
}

/// Reads a decision date: a day (`2026-03-13`, `friday`, `in 2 weeks`) or a precise moment.
pub fn parse_decision(
    field: &str,
    input: &str,
    now: &Zoned,
    zone: &TimeZone,
) -> Result<DecisionDate, InputError> {
    match read(input, now, zone) {
        Ok(Reading::Instant(moment)) => Ok(DecisionDate::At(moment)),
        Ok(Reading::Day(date)) => Ok(DecisionDate::Day(date)),
        Err(reason) => Err(InputError::BadTime {
            field: field.to_string(),
            value: input.to_string(),
            expected: "a date",
            reason,
        }),
    }
}

/// Reads a length of time: `45m`, `1h 30m`, `90 minutes`, `PT1H`.
pub fn parse_duration(field: &str, input: &str) -> Result<SignedDuration, InputError> {
    let bad = |reason: String| InputError::BadTime {
        field: field.to_string(),
        value: input.to_string(),
        expected: "a duration",
        reason,
    };
    let span: Span = input
        .trim()
        .parse()
        .map_err(|e: jiff::Error| bad(e.to_string()))?;
    if span.get_years() != 0 || span.get_months() != 0 || span.get_weeks() != 0 {
        return Err(bad("use days, hours and minutes".into()));
    }
    let duration = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|e| bad(e.to_string()))?;
    if duration.is_negative() || duration.is_zero() {
        return Err(bad("it must be longer than zero".into()));
    }
    if duration > MAX_ROUND {
        return Err(bad("a round lasts at most a day (24h)".into()));
    }
    Ok(duration)
}

/// A round's length as typed: empty means the usual hour.
pub fn round_length(field: &str, input: &str) -> Result<SignedDuration, InputError> {
    match input.trim() {
        "" => Ok(SignedDuration::from_hours(1)),
        text => parse_duration(field, text),
    }
}

/// The longest a round may last: an on-site day is the longest there is.
pub const MAX_ROUND: SignedDuration = SignedDuration::from_hours(24);

/// When a round that starts at `start` and lasts `length` ends, in `zone`; an error rather
/// than an overflow at the end of time.
pub fn end_after(
    field: &str,
    start: Moment,
    length: SignedDuration,
    zone: &TimeZone,
) -> Result<Moment, InputError> {
    start
        .timestamp()
        .checked_add(length)
        .map(|end| Moment::in_zone(end, zone))
        .map_err(|e| InputError::BadTime {
            field: field.to_string(),
            value: format!("{start} + {length:#}"),
            expected: "an end within the calendar",
            reason: e.to_string(),
        })
}

enum Reading {
    Instant(Moment),
    Day(Date),
}

fn read(input: &str, now: &Zoned, zone: &TimeZone) -> Result<Reading, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("it is empty".into());
    }
    if text.len() > 80 {
        return Err("it is too long".into());
    }
    // RFC 3339 with its own offset, kept as written.
    if let Ok(moment) = Moment::parse_rfc3339(text) {
        return Ok(Reading::Instant(moment));
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| *w != "at" && *w != "on")
        .collect();
    let here = now.with_time_zone(zone.clone());

    if words == ["now"] {
        return Ok(Reading::Instant(Moment::from_zoned(&here)));
    }
    if let Some(reading) = relative(&words, &here)? {
        return Ok(reading);
    }

    let (date, rest) = date_words(&words, here.date())?;
    let time = if rest.is_empty() {
        None
    } else {
        let unknown = || match date {
            None => "it names no date or time".to_string(),
            Some(_) => format!("{:?} is not a time of day", rest.join(" ")),
        };
        Some(time_words(rest).ok_or_else(unknown)?)
    };
    match (date, time) {
        (Some(date), None) => Ok(Reading::Day(date)),
        (date, Some(time)) => {
            let date = date.unwrap_or(here.date());
            let zoned = DateTime::from_parts(date, time)
                .to_zoned(zone.clone())
                .map_err(|e| e.to_string())?;
            Ok(Reading::Instant(Moment::from_zoned(&zoned)))
        }
        (None, None) => Err("it names no date or time".into()),
    }
}

/// `in 3 days`, `2 hours ago`, `in 1 week`.
fn relative(words: &[&str], here: &Zoned) -> Result<Option<Reading>, String> {
    let (span_text, sign) = match words {
        ["in", rest @ ..] if !rest.is_empty() => (rest.join(" "), 1),
        [rest @ .., "ago"] if !rest.is_empty() => (rest.join(" "), -1),
        _ => return Ok(None),
    };
    let span: Span = span_text
        .parse()
        .map_err(|_| format!("{span_text:?} is not a length of time such as \"3 days\""))?;
    let span = if sign < 0 { span.negate() } else { span };
    let moved = here.checked_add(span).map_err(|e| e.to_string())?;
    let has_clock_units =
        span.get_hours() != 0 || span.get_minutes() != 0 || span.get_seconds() != 0;
    Ok(Some(if has_clock_units {
        Reading::Instant(Moment::from_zoned(&moved))
    } else {
        Reading::Day(moved.date())
    }))
}

/// Takes a leading date (ISO, today/tomorrow/yesterday, a weekday with this/next/last).
fn date_words<'a>(
    words: &'a [&'a str],
    today: Date,
) -> Result<(Option<Date>, &'a [&'a str]), String> {
    let Some(first) = words.first() else {
        return Ok((None, words));
    };
    // `2026-03-02t14:00` (T lower-cased) splits into date and time.
    if first.len() > 11 && first.as_bytes()[10] == b't' && first[..10].parse::<Date>().is_ok() {
        return Err("write the date and time with a space, or add an offset such as -05:00".into());
    }
    if looks_like_iso_date(first) {
        let date = first
            .parse::<Date>()
            .map_err(|_| format!("{first:?} is not a real date"))?;
        return Ok((Some(date), &words[1..]));
    }
    let shift = |days: i32| {
        today
            .checked_add(Span::new().days(days))
            .map_err(|e| e.to_string())
    };
    match *first {
        "today" | "tonight" => return Ok((Some(today), &words[1..])),
        "tomorrow" => return Ok((Some(shift(1)?), &words[1..])),
        "yesterday" => return Ok((Some(shift(-1)?), &words[1..])),
        _ => {}
    }
    let (modifier, day_word, rest) = match words {
        [m @ ("this" | "next" | "last"), day, rest @ ..] => (*m, *day, rest),
        [day, rest @ ..] => ("", *day, rest),
        [] => return Ok((None, words)),
    };
    let Some(weekday) = weekday(day_word) else {
        if modifier.is_empty() {
            return Ok((None, words));
        }
        return Err(format!("{day_word:?} is not a day of the week"));
    };
    let ahead =
        (weekday.to_monday_zero_offset() - today.weekday().to_monday_zero_offset()).rem_euclid(7);
    let days = match modifier {
        "next" => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        "last" => {
            if ahead == 0 {
                -7
            } else {
                ahead - 7
            }
        }
        _ => ahead,
    };
    Ok((Some(shift(i32::from(days))?), rest))
}

fn looks_like_iso_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A day of the week written out or shortened to three letters or more ("fri", "thurs").
pub fn weekday(word: &str) -> Option<Weekday> {
    let days = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    days.iter()
        .find(|(name, _)| word == *name || (word.len() >= 3 && name.starts_with(word)))
        .map(|(_, day)| *day)
}

/// `14:00`, `14:00:30`, `2pm`, `2:30 pm`, `noon`, `midnight`.
fn time_words(words: &[&str]) -> Option<Time> {
    let joined: String = words.concat();
    match joined.as_str() {
        "noon" | "midday" => return Time::new(12, 0, 0, 0).ok(),
        "midnight" => return Time::new(0, 0, 0, 0).ok(),
        "morning" => return Time::new(9, 0, 0, 0).ok(),
        _ => {}
    }
    let (clock, meridiem) = if let Some(c) = joined.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = joined.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (joined.as_str(), None)
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // A bare number is only a time with am/pm ("9" alone is ambiguous).
    if parts.len() == 1 && meridiem.is_none() {
        return None;
    }
    let mut hour: i8 = parts[0].parse().ok()?;
    let minute: i8 = parts.get(1).map_or(Some(0), |m| m.parse().ok())?;
    let second: i8 = parts.get(2).map_or(Some(0), |s| s.parse().ok())?;
    if parts.len() > 1 && parts[1].len() != 2 {
        return None;
    }
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    Time::new(hour, minute, second, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Zoned {
        // Monday 2 March 2026, 18:00 in New York.
        "2026-03-02T18:00:00-05:00[America/New_York]"
            .parse()
            .unwrap()
    }

    fn ny() -> TimeZone {
        TimeZone::get("America/New_York").unwrap()
    }

    fn at(input: &str) -> String {
        parse_moment("--at", input, &now(), &ny())
            .map(|m| m.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn forms_people_type() {
        let cases = [
            ("2026-03-02T14:00:00-05:00", "2026-03-02T14:00:00-05:00"),
            ("2026-03-02T19:00:00Z", "2026-03-02T19:00:00+00:00"),
            ("2026-03-02 14:00", "2026-03-02T14:00:00-05:00"),
            ("2026-03-02 14:00:30", "2026-03-02T14:00:30-05:00"),
            ("2026-03-02 2pm", "2026-03-02T14:00:00-05:00"),
            ("tomorrow 10:00", "2026-03-03T10:00:00-05:00"),
            ("Tomorrow at 9:30 am", "2026-03-03T09:30:00-05:00"),
            ("yesterday 16:30", "2026-03-01T16:30:00-05:00"),
            ("today noon", "2026-03-02T12:00:00-05:00"),
            ("14:00", "2026-03-02T14:00:00-05:00"),
            ("friday 2pm", "2026-03-06T14:00:00-05:00"),
            ("monday 9am", "2026-03-02T09:00:00-05:00"),
            ("next monday 9am", "2026-03-09T09:00:00-04:00"),
            ("last fri 12pm", "2026-02-27T12:00:00-05:00"),
            ("in 2 hours", "2026-03-02T20:00:00-05:00"),
            ("3 hours ago", "2026-03-02T15:00:00-05:00"),
            ("now", "2026-03-02T18:00:00-05:00"),
            // Across the spring-forward change on 8 March the offset follows the zone.
            ("2026-03-09 10:00", "2026-03-09T10:00:00-04:00"),
            ("12am", "2026-03-02T00:00:00-05:00"),
        ];
        for (input, want) in cases {
            assert_eq!(at(input), want, "{input}");
        }
    }

    #[test]
    fn refusals_say_why() {
        for input in [
            "",
            "2026-03-02",
            "soon",
            "2026-02-30 10:00",
            "25:00",
            "13pm",
            "tomorrow 9",
            "next blursday 9am",
            "2026-03-02T14:00",
        ] {
            assert!(at(input).starts_with("error:"), "{input} -> {}", at(input));
        }
        let err = parse_moment("--start", "2026-03-02", &now(), &ny()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--start: cannot read \"2026-03-02\" as a date and time (it has no time of day)"
        );
    }

    #[test]
    fn decision_dates() {
        let d = |input| {
            parse_decision("--decision", input, &now(), &ny())
                .unwrap()
                .to_string()
        };
        assert_eq!(d("2026-03-13"), "2026-03-13");
        assert_eq!(d("friday"), "2026-03-06");
        assert_eq!(d("in 2 weeks"), "2026-03-16");
        assert_eq!(d("2026-03-13 17:00"), "2026-03-13T17:00:00-04:00");
        assert!(parse_decision("--decision", "whenever", &now(), &ny()).is_err());
    }

    #[test]
    fn durations() {
        let d = |input| parse_duration("--duration", input).map(|d| d.as_secs());
        assert_eq!(d("45m"), Ok(2700));
        assert_eq!(d("1h 30m"), Ok(5400));
        assert_eq!(d("90 minutes"), Ok(5400));
        assert_eq!(d("PT1H"), Ok(3600));
        assert!(d("0m").is_err());
        assert!(d("2 months").is_err());
        assert!(d("long").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,40}") {
            let _ = parse_moment("f", &input, &now(), &ny());
            let _ = parse_decision("f", &input, &now(), &ny());
            let _ = parse_duration("f", &input);
        }

        #[test]
        fn never_panics_on_near_misses(
            a in "(today|tomorrow|next|last|mon|in|ago|[0-9]{1,4}|:|-|am|pm| ){0,8}"
        ) {
            let _ = parse_moment("f", &a, &now(), &ny());
            let _ = parse_decision("f", &a, &now(), &ny());
        }
    }
}
