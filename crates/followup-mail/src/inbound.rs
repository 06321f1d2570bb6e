//! Mail that comes back: which application it belongs to, whether a person or a machine
//! wrote it, what it seems to say, and when an out-of-office writer is back. Pure: the
//! caller fetches the bytes and decides what to record.

use followup_core::{DecisionDate, Outcome};
use followup_store::{KnownAddress, MatchedBy, SentEmail};
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use mail_parser::{HeaderValue, MessageParser};

/// A received message, reduced to what matching and proposing need.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// Without angle brackets; None when the message has none.
    pub message_id: Option<String>,
    /// In-Reply-To and References, without angle brackets.
    pub thread: Vec<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub subject: String,
    pub date: Option<Timestamp>,
    /// An automatic reply (RFC 3834 `Auto-Submitted`, `X-Autoreply` and kin).
    pub automatic: bool,
    /// The new text of the message: quoted lines and the quoted original left out.
    pub text: String,
}

/// Reads a raw message; None when it is not a readable email with a sender.
pub fn parse_incoming(raw: &[u8]) -> Option<Incoming> {
    let message = MessageParser::default().parse(raw)?;
    let from = message.from()?.first()?;
    let from_address = from.address()?.trim().to_ascii_lowercase();
    let mut thread = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        match value {
            HeaderValue::Text(id) => thread.push(id.to_string()),
            HeaderValue::TextList(ids) => thread.extend(ids.iter().map(|id| id.to_string())),
            _ => {}
        }
    }
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let automatic = header("Auto-Submitted").is_some_and(|v| v != "no")
        || header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("X-Auto-Reply").is_some()
        || header("Precedence").is_some_and(|v| v == "auto_reply");
    let body = message
        .body_text(0)
        .map(|b| b.replace("\r\n", "\n"))
        .unwrap_or_default();
    Some(Incoming {
        message_id: message.message_id().map(str::to_string),
        thread,
        from_address,
        from_name: from.name().map(str::to_string),
        subject: message.subject().unwrap_or_default().to_string(),
        date: message
            .date()
            .and_then(|d| Timestamp::from_second(d.to_timestamp()).ok()),
        automatic,
        text: new_text(&body),
    })
}

/// The part of a reply its writer wrote: up to the quoted original.
fn new_text(body: &str) -> String {
    let mut out = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('>')
            || (trimmed.starts_with("On ") && trimmed.ends_with("wrote:"))
            || trimmed.starts_with("-----Original Message-----")
            || trimmed.starts_with("From: ")
        {
            break;
        }
        out.push(line);
    }
    out.join("\n").trim().to_string()
}

/// Of the candidates, the one whose application was written to most recently.
fn best(candidates: Vec<(&KnownAddress, Timestamp)>) -> Option<&KnownAddress> {
    candidates
        .into_iter()
        .max_by_key(|(_, t)| *t)
        .map(|(k, _)| k)
}

/// Which application a message belongs to, and how we know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub application_id: String,
    pub contact_id: Option<String>,
    pub matched_by: MatchedBy,
}

/// Domains anyone can have an address at: a message from one says nothing about a company.
const SHARED_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "web.de",
    "fastmail.com",
];

fn domain_of(address: &str) -> Option<&str> {
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

/// Ties a message to an application: by the thread (it answers one of our messages), else
/// by a known interviewer's address, else by the company's domain; the last two only for an
/// application we had already written to by email before the message came.
pub fn match_incoming(
    mail: &Incoming,
    sent: &[SentEmail],
    known: &[KnownAddress],
    first_email: &[(String, Timestamp)],
) -> Option<Match> {
    let person_in = |app: &str| {
        known
            .iter()
            .find(|k| k.application_id == app && k.email.eq_ignore_ascii_case(&mail.from_address))
            .map(|k| k.contact_id.clone())
    };
    if let Some(ours) = sent
        .iter()
        .rev()
        .find(|s| mail.thread.contains(&s.message_id))
    {
        return Some(Match {
            contact_id: person_in(&ours.application_id).or_else(|| ours.contact_id.clone()),
            application_id: ours.application_id.clone(),
            matched_by: MatchedBy::Thread,
        });
    }
    let received = mail.date.unwrap_or(Timestamp::MAX);
    // Of the applications written to before this message, the most recently begun.
    let written_before = |app: &str| -> Option<Timestamp> {
        first_email
            .iter()
            .find(|(a, _)| a == app)
            .map(|(_, t)| *t)
            .filter(|t| *t <= received)
    };
    let by_address = best(
        known
            .iter()
            .filter(|k| k.email.eq_ignore_ascii_case(&mail.from_address))
            .filter_map(|k| Some((k, written_before(&k.application_id)?)))
            .collect(),
    );
    if let Some(k) = by_address {
        return Some(Match {
            application_id: k.application_id.clone(),
            contact_id: Some(k.contact_id.clone()),
            matched_by: MatchedBy::Address,
        });
    }
    let domain = domain_of(&mail.from_address)?;
    if SHARED_DOMAINS.contains(&domain) {
        return None;
    }
    let by_domain = best(
        known
            .iter()
            .filter(|k| domain_of(&k.email).is_some_and(|d| d.eq_ignore_ascii_case(domain)))
            .filter_map(|k| Some((k, written_before(&k.application_id)?)))
            .collect(),
    );
    by_domain.map(|k| Match {
        application_id: k.application_id.clone(),
        contact_id: None,
        matched_by: MatchedBy::Domain,
    })
}

/// What a person's reply seems to say, for the user to confirm.
pub fn propose(text: &str, received: Date) -> (Outcome, Option<DecisionDate>) {
    let lower = text.to_lowercase();
    let any = |phrases: &[&str]| phrases.iter().any(|p| lower.contains(p));
    if any(&[
        "pleased to offer",
        "happy to offer",
        "delighted to offer",
        "like to offer you",
        "extend an offer",
        "extend you an offer",
        "offer letter",
        "formal offer",
        "verbal offer",
    ]) {
        return (Outcome::Offer, None);
    }
    if any(&[
        "not be moving forward",
        "not moving forward with your",
        "decided to move forward with other",
        "decided to move forward with another",
        "decided to pursue other",
        "decided to go with another",
        "decided to proceed with other",
        "will not be progressing",
        "won't be progressing",
        "regret to inform",
        "position has been filled",
        "role has been filled",
        "not been successful",
        "unable to offer you",
    ]) {
        return (Outcome::Rejection, None);
    }
    if any(&[
        "next round",
        "next stage",
        "final interview",
        "second interview",
        "final round",
        "invite you to",
        "invite you back",
        "schedule a time",
        "schedule another",
        "meet the team",
        "on-site interview",
        "onsite interview",
    ]) {
        return (Outcome::NextRound, None);
    }
    for cue in [
        "decision by",
        "decide by",
        "back to you by",
        "in touch by",
        "update by",
        "news by",
        "hear from us by",
        "timeline is",
        "expect to",
        "decision",
        "decide",
        "back to you",
        "in touch",
        "hear from us",
        "hear back",
        "update you",
        "let you know",
    ] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(cue) {
            let after = &lower[from + found + cue.len()..];
            from += found + cue.len();
            // Only the rest of this sentence says when: "We'll be in touch. Next week I'm
            // away." names no decision date.
            let after = after
                .split(['.', '!', '?', '\n', ';'])
                .next()
                .unwrap_or_default();
            // "in touch a week ago" is the past.
            if after
                .split_whitespace()
                .any(|w| w.trim_end_matches(',') == "ago")
            {
                continue;
            }
            if let Some(date) =
                date_after(after, received).or_else(|| relative_day(after, received))
            {
                return (Outcome::Update, Some(DecisionDate::Day(date)));
            }
        }
    }
    (Outcome::Reply, None)
}

/// A day written relative to `received` at the start of `text`, as people write when they
/// expect to decide: "by the end of next week" (its Friday), "this week", "tomorrow", "by the
/// end of the month", "next month" (its last day), "within two weeks", "in 10 days".
pub fn relative_day(text: &str, received: Date) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches(['.', ';', ':', ')', '!']))
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut i = 0;
    while i < words.len()
        && matches!(
            words[i],
            "by" | "the"
                | "end"
                | "close"
                | "of"
                | "within"
                | "in"
                | "over"
                | "sometime"
                | "some"
                | "time"
                | "early"
                | "before"
                | "a"
                | "about"
                | "around"
                | "roughly"
                | "approximately"
                | "next"
                | "this"
                | "coming"
                | "expected"
                | "is"
                | "will"
                | "be"
                | "made"
                | "should"
                | "come"
                | "to"
                | "or"
                | "so"
        )
        && !(matches!(words[i], "next" | "this" | "coming" | "a")
            && words.get(i + 1).is_some_and(|w| unit(w).is_some()))
    {
        i += 1;
    }
    let lead = &words[..i];
    let rest = &words[i..];
    // The Friday of the week (Monday to Sunday) `from` falls in: at the weekend, the one past.
    let friday = |from: Date| {
        let offset = i64::from(from.weekday().to_monday_zero_offset());
        from.checked_add(jiff::Span::new().days(4 - offset)).ok()
    };
    let month_end = |from: Date| from.last_of_month();
    match (rest.first().copied(), rest.get(1).copied()) {
        (Some("tomorrow"), _) => received.tomorrow().ok(),
        (Some("next" | "coming"), Some(w)) if unit(w) == Some('w') => {
            friday(received.checked_add(jiff::Span::new().days(7)).ok()?)
        }
        (Some("this"), Some(w)) if unit(w) == Some('w') => friday(received),
        (Some("next" | "coming"), Some(w)) if unit(w) == Some('m') => Some(month_end(
            received.checked_add(jiff::Span::new().months(1)).ok()?,
        )),
        (Some("this"), Some(w)) if unit(w) == Some('m') => Some(month_end(received)),
        (Some(w), _) if unit(w) == Some('w') && lead.contains(&"end") => friday(received),
        (Some(w), _) if unit(w) == Some('m') && lead.contains(&"end") => Some(month_end(received)),
        (Some(n), Some(w)) => {
            // "a couple of weeks", "a few days"
            let w = match w {
                "of" => rest.get(2).copied()?,
                w => w,
            };
            let n: i64 = match n {
                "a" | "one" => 1,
                "two" | "couple" => 2,
                "three" | "few" => 3,
                "four" => 4,
                "five" => 5,
                "six" => 6,
                "seven" => 7,
                "ten" => 10,
                digits => digits.parse().ok().filter(|n| (1..=90).contains(n))?,
            };
            match (unit(w)?, w) {
                ('d', "business" | "working") => {
                    // Business days leave the weekend out.
                    let mut day = received;
                    for _ in 0..n {
                        day = day.tomorrow().ok()?;
                        while day.weekday().to_monday_zero_offset() >= 5 {
                            day = day.tomorrow().ok()?;
                        }
                    }
                    Some(day)
                }
                ('d', _) => received.checked_add(jiff::Span::new().days(n)).ok(),
                ('w', _) => received.checked_add(jiff::Span::new().days(n * 7)).ok(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// 'd', 'w' or 'm' for a word naming days, weeks or months.
fn unit(word: &str) -> Option<char> {
    match word {
        "day" | "days" | "business" | "working" => Some('d'),
        "week" | "weeks" => Some('w'),
        "month" | "months" => Some('m'),
        _ => None,
    }
}

/// The day an out-of-office message says its writer is back (or away until), if it says.
pub fn return_date(text: &str, received: Date) -> Option<Date> {
    let lower = text.to_lowercase();
    const CUES: &[&str] = &[
        "back in the office on",
        "back in the office",
        "back on",
        "return on",
        "returning on",
        "return to the office on",
        "returning to the office on",
        "return to the office",
        "returning",
        "return",
        "back",
        "out of the office until",
        "out of office until",
        "away until",
        "until",
        "through",
        "till",
    ];
    let mut best: Option<(usize, Date)> = None;
    for cue in CUES {
        let mut from = 0;
        while let Some(found) = lower[from..].find(cue) {
            let at = from + found;
            from = at + cue.len();
            if let Some(date) = date_after(&lower[at + cue.len()..], received)
                && best.is_none_or(|(pos, _)| at < pos)
            {
                best = Some((at, date));
            }
        }
    }
    best.map(|(_, d)| d)
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| word.starts_with(m))?;
    // "march" and "mar" but not "market"; "sept" and "september".
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][position];
    (full.starts_with(word) || word == "sept").then(|| position as i8 + 1)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    followup_core::when::weekday(word.trim_end_matches('.'))
}

fn day_number(word: &str) -> Option<i8> {
    let digits = word
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end_matches('.');
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

/// A date written at the start of `text` (after small words such as "on" and a weekday):
/// `2026-03-23`, `March 23(rd)(, 2026)`, `23(rd) (of) March (2026)`, or a bare weekday
/// (the next one after `received`). Without a year, the first such day not long past.
pub fn date_after(text: &str, received: Date) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut i = 0;
    let mut weekday = None;
    while i < words.len() {
        match words[i] {
            "on" | "the" | "of" | "by" | "at" | "end" | "close" | "office" | "until" | "me" => {
                i += 1
            }
            w if weekday_of(w).is_some() => {
                weekday = weekday_of(w);
                i += 1;
            }
            _ => break,
        }
    }
    let rest = &words[i.min(words.len())..];
    let cleaned = |w: &str| w.trim_end_matches(['.', ';', ':', ')', '!']).to_string();
    if let Some(first) = rest.first().map(|w| cleaned(w)) {
        if let Ok(date) = first.parse::<Date>() {
            return Some(date);
        }
        let second = rest.get(1).map(|w| cleaned(w));
        let third = rest.get(2).map(|w| cleaned(w));
        let year = |w: Option<&String>| {
            w.and_then(|w| w.parse::<i16>().ok())
                .filter(|y| (2000..=2100).contains(y))
        };
        // March 23(, 2026)
        if let (Some(month), Some(day)) = (month_of(&first), second.as_deref().and_then(day_number))
        {
            return resolve(year(third.as_ref()), month, day, received);
        }
        // 23 (of) March (2026)
        if let Some(day) = day_number(&first) {
            let (month_word, year_word) = match second.as_deref() {
                Some("of") => (third.clone(), rest.get(3).map(|w| cleaned(w))),
                _ => (second.clone(), third.clone()),
            };
            if let Some(month) = month_word.as_deref().and_then(month_of) {
                return resolve(year(year_word.as_ref()), month, day, received);
            }
        }
    }
    // "back on Monday": the next such weekday.
    let day = weekday?;
    received.nth_weekday(1, day).ok()
}

fn resolve(year: Option<i16>, month: i8, day: i8, received: Date) -> Option<Date> {
    match year {
        Some(y) => Date::new(y, month, day).ok(),
        None => {
            let this_year = Date::new(received.year(), month, day).ok()?;
            // A return date does not lie far in the past: "Jan 5" written in December is next year's.
            if this_year < received.checked_sub(jiff::Span::new().days(31)).ok()? {
                Date::new(received.year() + 1, month, day).ok()
            } else {
                Some(this_year)
            }
        }
    }
}

/// A short single line of the message for lists.
pub fn excerpt(text: &str) -> String {
    let flat = crate::headers::header_text(text);
    match flat.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const RECEIVED: Date = date(2026, 3, 10);

    #[test]
    fn return_dates_in_the_ways_people_write_them() {
        let cases = [
            (
                "I am out of the office until Friday, March 20, with limited access.",
                date(2026, 3, 20),
            ),
            (
                "I'm away and will be back on Monday 23 March.",
                date(2026, 3, 23),
            ),
            ("Back in the office on 2026-03-16.", date(2026, 3, 16)),
            (
                "I return on the 18th of March and will reply then.",
                date(2026, 3, 18),
            ),
            ("Out until Mar 12th.", date(2026, 3, 12)),
            ("I'll be back Thursday.", date(2026, 3, 12)),
            ("Returning January 5, 2027.", date(2027, 1, 5)),
        ];
        for (text, want) in cases {
            assert_eq!(return_date(text, RECEIVED), Some(want), "{text}");
        }
        assert_eq!(return_date("Thanks for your note!", RECEIVED), None);
        assert_eq!(return_date("I will return your call soon.", RECEIVED), None);
    }

    #[test]
    fn a_year_is_inferred_forward() {
        assert_eq!(
            return_date("Back on January 5.", date(2026, 12, 22)),
            Some(date(2027, 1, 5))
        );
    }

    #[test]
    fn replies_are_read_for_their_outcome() {
        let r = |t| propose(t, RECEIVED);
        assert_eq!(r("We are pleased to offer you the role!").0, Outcome::Offer);
        assert_eq!(
            r("After careful thought we have decided to move forward with other candidates.").0,
            Outcome::Rejection
        );
        assert_eq!(
            r("We'd like to invite you to a final interview.").0,
            Outcome::NextRound
        );
        assert_eq!(
            r("Thanks! We expect to make a decision by March 20."),
            (Outcome::Update, Some(DecisionDate::Day(date(2026, 3, 20))))
        );
        assert_eq!(r("Thank you for the kind note.").0, Outcome::Reply);
    }

    #[test]
    fn decision_dates_written_as_people_write_them() {
        // RECEIVED is Tuesday 10 March 2026.
        let update = |t: &str| match propose(t, RECEIVED) {
            (Outcome::Update, Some(DecisionDate::Day(d))) => Some(d),
            other => panic!("{t}: {other:?}"),
        };
        let cases = [
            ("we will decide by the end of next week", date(2026, 3, 20)),
            ("We hope to make a decision next week.", date(2026, 3, 20)),
            (
                "thanks ada - we'll get back to you this week",
                date(2026, 3, 13),
            ),
            (
                "Expect a decision by the end of the week.",
                date(2026, 3, 13),
            ),
            ("we should decide tomorrow", date(2026, 3, 11)),
            ("We'll be in touch within two weeks.", date(2026, 3, 24)),
            ("you'll hear back in 10 days or so", date(2026, 3, 20)),
            (
                "We aim to let you know by the end of the month.",
                date(2026, 3, 31),
            ),
            ("decision expected sometime next month", date(2026, 4, 30)),
            ("We'll decide in a couple of weeks", date(2026, 3, 24)),
            ("we will get back to you by friday", date(2026, 3, 13)),
        ];
        for (text, want) in cases {
            assert_eq!(update(text), Some(want), "{text}");
        }
        // From a Saturday, next week's Friday is six days on, not thirteen.
        assert_eq!(
            propose("We'll decide next week.", date(2026, 3, 14)).1,
            Some(DecisionDate::Day(date(2026, 3, 20)))
        );
        assert_eq!(
            update("we'll get back to you within 5 business days"),
            Some(date(2026, 3, 17))
        );
        for text in [
            "Thanks for the note, it was a pleasure.",
            "The team will be in touch with the details of the benefits.",
            "I decided to write back quickly.",
            "We'll be in touch. Next week I'm travelling.",
            "We were in touch a week ago about your references.",
            "Just to let you know, this week's interviews are booked.",
        ] {
            assert_eq!(propose(text, RECEIVED).0, Outcome::Reply, "{text}");
        }
    }

    #[test]
    fn quoted_text_is_not_read() {
        let raw = b"From: Grace <grace@acme.example>\r\nSubject: Re: Thank you\r\nMessage-ID: <r1@acme.example>\r\nIn-Reply-To: <ours@home.example>\r\n\r\nThanks, lovely to meet you.\r\n\r\nOn Tue, Mar 3, 2026 Ada wrote:\r\n> we are pleased to offer nothing\r\n";
        let mail = parse_incoming(raw).unwrap();
        assert_eq!(mail.text, "Thanks, lovely to meet you.");
        assert_eq!(mail.thread, vec!["ours@home.example".to_string()]);
        assert!(!mail.automatic);
        assert_eq!(propose(&mail.text, RECEIVED).0, Outcome::Reply);
    }

    #[test]
    fn auto_replies_are_recognised_by_their_headers() {
        for header in [
            "Auto-Submitted: auto-replied",
            "X-Autoreply: yes",
            "Precedence: auto_reply",
        ] {
            let raw = format!("From: g@acme.example\r\n{header}\r\nSubject: Away\r\n\r\nAway.\r\n");
            assert!(
                parse_incoming(raw.as_bytes()).unwrap().automatic,
                "{header}"
            );
        }
        let raw = b"From: g@acme.example\r\nAuto-Submitted: no\r\nSubject: Hi\r\n\r\nHi.\r\n";
        assert!(!parse_incoming(raw).unwrap().automatic);
    }

    #[test]
    fn the_date_parser_never_panics_on_odd_text() {
        for text in [
            "",
            "on",
            "31 february",
            "march 99",
            "the 0th",
            "é 3 ü",
            "2026-13-45",
        ] {
            let _ = date_after(text, RECEIVED);
            let _ = return_date(text, RECEIVED);
        }
        assert_eq!(date_after("31 february", RECEIVED), None);
    }
}

#[cfg(test)]
mod arbitrary {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any bytes may arrive by mail: reading them never panics.
        #[test]
        fn any_message_is_read_without_panic(raw in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse_incoming(&raw);
        }

        #[test]
        fn any_text_is_read_without_panic(text in "(\\PC|[0-9]{1,4}|back on|until|march|mon|the|of|,){0,40}") {
            let received = jiff::civil::date(2026, 3, 10);
            let _ = return_date(&text, received);
            let _ = propose(&text, received);
            let _ = excerpt(&text);
        }
    }
}
