//! Reading a hand-written calendar export that mixes what real calendars send: an Outlook
//! zone, an IANA zone, UTC, floating time, an all-day entry, series across a DST change,
//! an exception, an override, and things that are not interviews.

use followup_interop::Rejected;
use followup_interop::ics::{Attendee, Event, parse_events};
use jiff::Timestamp;
use jiff::civil::time;
use jiff::tz::TimeZone;

const CALENDAR: &str = include_str!("fixtures/calendar.ics");

fn london() -> TimeZone {
    TimeZone::get("Europe/London").unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn person(name: Option<&str>, email: &str) -> Attendee {
    Attendee {
        name: name.map(str::to_string),
        email: Some(email.to_string()),
    }
}

fn read() -> (Vec<Event>, Vec<Rejected>) {
    parse_events(CALENDAR, &london())
}

fn by_uid<'a>(events: &'a [Event], uid: &str) -> Vec<&'a Event> {
    events
        .iter()
        .filter(|e| e.uid.as_deref().is_some_and(|u| u.starts_with(uid)))
        .collect()
}

#[test]
fn windows_zone_from_outlook_maps_to_iana() {
    let (events, _) = read();
    let event = by_uid(&events, "040000008200E00074C5B7101A82E008")[0];
    assert_eq!(
        event,
        &Event {
            line: 21,
            uid: Some("040000008200E00074C5B7101A82E00800000000-brightwater-tech".into()),
            summary: "Technical interview – Brightwater Analytics".into(),
            location: Some("Brightwater HQ, Room 3B; Torstraße 12, Berlin".into()),
            description: Some(
                "Live coding (90 min).\nBring: laptop, charger.\nAsk for Henrike at reception."
                    .into()
            ),
            start: ts("2026-03-10T09:00:00Z"),
            end: Some(ts("2026-03-10T10:30:00Z")),
            zone: Some("Europe/Berlin".into()),
            organizer: Some(person(
                Some("Henrike Vos"),
                "henrike.vos@brightwater.example"
            )),
            // The room (CUTYPE=ROOM) is not an interviewer; folded addresses are rejoined.
            attendees: vec![
                person(Some("Vos, Henrike"), "henrike.vos@brightwater.example"),
                person(Some("Jonas Feld"), "jonas.feld@brightwater.example"),
            ],
            occurrence: None,
        }
    );
}

#[test]
fn iana_zone_with_duration() {
    let (events, _) = read();
    let event = by_uid(&events, "hm-call-tallis-reed")[0];
    assert_eq!(event.line, 41);
    // New York is already on daylight time (from 8 March 2026): UTC−4.
    assert_eq!(event.start, ts("2026-03-12T15:30:00Z"));
    assert_eq!(event.end, Some(ts("2026-03-12T16:15:00Z")));
    assert_eq!(event.zone.as_deref(), Some("America/New_York"));
    assert_eq!(
        event.organizer,
        Some(person(Some("Dana Whitcombe"), "dana@tallisreed.example"))
    );
    assert_eq!(event.attendees, []);
}

#[test]
fn utc_event_and_attendee_without_a_name() {
    let (events, _) = read();
    let event = by_uid(&events, "screen-lumen")[0];
    assert_eq!(event.line, 49);
    assert_eq!(event.start, ts("2026-03-05T16:00:00Z"));
    assert_eq!(event.end, Some(ts("2026-03-05T16:30:00Z")));
    assert_eq!(event.zone, None);
    assert_eq!(event.organizer, None);
    assert_eq!(
        event.attendees,
        [
            person(Some("Okafor, Ruth"), "ruth.okafor@lumenfreight.example"),
            person(None, "me@candidate.example"),
        ]
    );
}

#[test]
fn floating_time_is_read_in_the_default_zone() {
    let (events, _) = read();
    let event = by_uid(&events, "coffee-priya")[0];
    assert_eq!(event.line, 57);
    assert_eq!(event.start, ts("2026-03-06T08:30:00Z"));
    assert_eq!(event.end, Some(ts("2026-03-06T09:00:00Z")));
    assert_eq!(event.zone, None);

    let (events, _) = parse_events(CALENDAR, &TimeZone::get("America/Chicago").unwrap());
    let event = by_uid(&events, "coffee-priya")[0];
    assert_eq!(event.start, ts("2026-03-06T14:30:00Z"));
}

#[test]
fn weekly_series_keeps_14_00_local_across_the_clock_change() {
    let (events, _) = read();
    let series = by_uid(&events, "panel-northgate");
    let got: Vec<_> = series
        .iter()
        .map(|e| (e.line, e.occurrence, e.start, e.end))
        .collect();
    assert_eq!(
        got,
        [
            (
                69,
                Some(1),
                ts("2026-03-16T14:00:00Z"),
                Some(ts("2026-03-16T15:00:00Z"))
            ),
            (
                69,
                Some(2),
                ts("2026-03-23T14:00:00Z"),
                Some(ts("2026-03-23T15:00:00Z"))
            ),
            // British Summer Time from 29 March: 14:00 local is 13:00 UTC.
            (
                69,
                Some(3),
                ts("2026-03-30T13:00:00Z"),
                Some(ts("2026-03-30T14:00:00Z"))
            ),
        ]
    );
    for event in series {
        let zone = TimeZone::get(event.zone.as_deref().unwrap()).unwrap();
        assert_eq!(event.start.to_zoned(zone).time(), time(14, 0, 0, 0));
        assert_eq!(event.summary, "Panel interview – Northgate Labs");
    }
}

#[test]
fn exdate_removes_an_occurrence_and_an_override_replaces_one() {
    let (events, _) = read();
    let series = by_uid(&events, "onsite-kestrel");
    let got: Vec<_> = series
        .iter()
        .map(|e| (e.line, e.occurrence, e.start, e.end, e.summary.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                77,
                Some(1),
                ts("2026-04-13T08:00:00Z"),
                Some(ts("2026-04-13T16:00:00Z")),
                "Onsite day – Kestrel Robotics"
            ),
            // 14 April is excluded; numbering keeps each day's place in the series.
            (
                86,
                Some(3),
                ts("2026-04-15T12:00:00Z"),
                Some(ts("2026-04-15T16:00:00Z")),
                "Onsite day – Kestrel Robotics (afternoon only)"
            ),
            (
                77,
                Some(4),
                ts("2026-04-16T08:00:00Z"),
                Some(ts("2026-04-16T16:00:00Z")),
                "Onsite day – Kestrel Robotics"
            ),
        ]
    );
    assert!(
        series
            .iter()
            .all(|e| e.zone.as_deref() == Some("Europe/London"))
    );
}

#[test]
fn events_come_out_in_file_order() {
    let (events, _) = read();
    let lines: Vec<_> = events.iter().map(|e| (e.line, e.occurrence)).collect();
    assert_eq!(
        lines,
        [
            (21, None),
            (41, None),
            (49, None),
            (57, None),
            (69, Some(1)),
            (69, Some(2)),
            (69, Some(3)),
            (77, Some(1)),
            (86, Some(3)),
            (77, Some(4)),
        ]
    );
}

#[test]
fn what_is_not_an_interview_is_rejected_with_its_line() {
    let (_, rejected) = read();
    assert_eq!(
        rejected,
        [
            Rejected::new(63, "an all-day event, not an interview"),
            Rejected::new(94, "cancelled"),
            Rejected::new(
                100,
                "RRULE `FREQ=MONTHLY;BYDAY=3FR`: FREQ=MONTHLY is not supported (only DAILY or WEEKLY, with INTERVAL, COUNT or UNTIL)"
            ),
            Rejected::new(111, "no DTSTART, so no time to schedule"),
        ]
    );
}

#[test]
fn line_endings_do_not_change_the_result() {
    let lf = CALENDAR.replace("\r\n", "\n");
    assert_ne!(lf, CALENDAR);
    assert_eq!(parse_events(&lf, &london()), read());
}
