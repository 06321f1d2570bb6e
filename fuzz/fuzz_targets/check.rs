//! Fuzz target for the pre-send checker: any draft with any context, spelling and grammar by
//! harper included, must give a report whose spans can be used to slice and point into the
//! draft, and whose summary agrees with its findings.
#![no_main]

use arbitrary::Arbitrary;
use followup_check::{Context, Named, Severity, check};
use followup_core::{ActionKind, Channel, Culture, DecisionDate, Locale, Moment};
use followup_language::Harper;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    kind: Option<u8>,
    channel: Option<u8>,
    culture: Option<u8>,
    locale: Option<u8>,
    sender: Option<Person>,
    recipient: Option<Person>,
    company: Option<String>,
    role: Option<String>,
    other_companies: Vec<String>,
    details: Vec<String>,
    siblings: Vec<String>,
    sent_at: Option<When>,
    interview_end: Option<When>,
    decision_expected_by: Option<Decision>,
    check_ins_sent: Option<u32>,
    linkedin_note_limit: Option<u32>,
}

#[derive(Arbitrary, Debug)]
struct Person {
    name: Option<String>,
    title: Option<String>,
    given: Option<String>,
    family: Option<String>,
}

/// Seconds from the base instant and an offset in quarter hours; both are folded into the
/// range real notes live in, so time arithmetic in the rules is exercised rather than jiff's
/// own range limits.
#[derive(Arbitrary, Debug)]
struct When {
    seconds: i32,
    quarter_hours: i8,
}

#[derive(Arbitrary, Debug)]
enum Decision {
    Day(When),
    At(When),
}

/// 2026-03-01T00:00:00Z, in the middle of the span the tests use.
const BASE: i64 = 1_772_323_200;
/// Two years either side of the base.
const SPAN: i64 = 2 * 366 * 86_400;

impl When {
    fn moment(&self) -> Moment {
        let seconds = BASE + i64::from(self.seconds) % SPAN;
        // UTC-12:00 to UTC+14:00, the offsets in use.
        let quarters = i32::from(self.quarter_hours).rem_euclid(105) - 48;
        let offset = Offset::from_seconds(quarters * 900).expect("offset in range");
        Moment::new(Timestamp::from_second(seconds).expect("in range"), offset)
    }

    fn day(&self) -> Date {
        let moment = self.moment();
        moment.timestamp().to_zoned(moment.offset().to_time_zone()).date()
    }
}

/// Picks by index so that every variant stays reachable whatever the enum grows to.
fn pick<T: Copy>(all: &[T], index: Option<u8>) -> Option<T> {
    index.map(|i| all[usize::from(i) % all.len()])
}

/// Keeps context lists short: a real application has a handful of each, and long lists only
/// slow the fuzzer down.
fn few(mut items: Vec<String>) -> Vec<String> {
    items.truncate(4);
    items
}

fn named(person: Option<Person>) -> Option<Named> {
    person.map(|p| Named {
        name: p.name,
        title: p.title,
        given: p.given,
        family: p.family,
    })
}

fuzz_target!(|input: Input| {
    let context = Context {
        kind: pick(ActionKind::ALL, input.kind),
        channel: pick(Channel::ALL, input.channel),
        culture: pick(Culture::ALL, input.culture),
        sender: named(input.sender),
        recipient: named(input.recipient),
        company: input.company,
        role: input.role,
        other_companies: few(input.other_companies),
        details: few(input.details),
        siblings: few(input.siblings),
        sent_at: input.sent_at.as_ref().map(When::moment),
        interview_end: input.interview_end.as_ref().map(When::moment),
        decision_expected_by: input.decision_expected_by.map(|d| match d {
            Decision::Day(when) => DecisionDate::Day(when.day()),
            Decision::At(when) => DecisionDate::At(when.moment()),
        }),
        check_ins_sent: input.check_ins_sent,
        linkedin_note_limit: input.linkedin_note_limit,
        // One past the last locale stands for none asked for.
        locale: input
            .locale
            .and_then(|i| Locale::ALL.get(usize::from(i) % (Locale::ALL.len() + 1)).copied()),
    };
    let text = input.text;
    let report = check(&text, &context, Harper::shared());

    for d in &report.diagnostics {
        assert!(
            d.start <= d.end && d.end <= text.len(),
            "{} span {}..{} outside a text of {} bytes",
            d.rule,
            d.start,
            d.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(d.start) && text.is_char_boundary(d.end),
            "{} span {}..{} splits a character",
            d.rule,
            d.start,
            d.end
        );
        assert!(
            d.line >= 1 && d.column >= 1,
            "{} at line {} column {}",
            d.rule,
            d.line,
            d.column
        );
    }
    let count = |s: Severity| report.diagnostics.iter().filter(|d| d.severity == s).count();
    assert_eq!(report.summary.errors, count(Severity::Error), "errors");
    assert_eq!(report.summary.warnings, count(Severity::Warning), "warnings");
    assert_eq!(report.summary.infos, count(Severity::Info), "infos");
});
