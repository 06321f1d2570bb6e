//! The follow-ups as an iCalendar feed: `followup calendar` writes it, `GET /calendar.ics`
//! serves it to a calendar app that subscribes.

use followup_store::AgendaItem;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

fn chrono_utc(t: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), t.subsec_nanosecond().max(0) as u32)
        .unwrap_or_default()
}

/// Every open follow-up as an RFC 5545 calendar: one event per action at its suggested time,
/// with an alarm, and a UID that stays the same so re-importing updates the event.
pub fn ics(items: &[AgendaItem], now: Timestamp, zone: &TimeZone) -> String {
    use icalendar::{Alarm, Calendar, Component, Event, EventLike};
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", "-//followup//follow-ups//EN"));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.name("followup");
    for item in items {
        let a = &item.action;
        let start = a.suggested.timestamp();
        let what = match a.kind {
            followup_core::ActionKind::ThankYou => "Thank",
            followup_core::ActionKind::HandwrittenNote => "Handwritten card to",
            followup_core::ActionKind::CheckIn => "Check in with",
            followup_core::ActionKind::PhoneCall => "Call",
            followup_core::ActionKind::LinkedinConnect => "Connect on LinkedIn with",
            followup_core::ActionKind::RejectionReply => "Answer the rejection from",
        };
        let summary = format!("{what} {} ({})", item.name, item.company);
        let description = format!(
            "{} for {} — {}.\nSend by {} ({}).\n{}\nAction: {}",
            a.kind,
            item.company,
            item.role,
            a.due.to_zoned(zone.clone()).strftime("%a %Y-%m-%d %H:%M"),
            zone.iana_name().unwrap_or("UTC"),
            a.explanation(),
            a.name()
        );
        let uid = format!("{}/{}@followup", item.application, a.name());
        // The crate invents a UID and a stamp for any component without them; giving both
        // keeps the export reproducible.
        let alarm = Alarm::display(&summary, -chrono::Duration::zero())
            .uid(&format!("{uid}/alarm"))
            .timestamp(chrono_utc(now))
            .done();
        let event = Event::new()
            .uid(&uid)
            .timestamp(chrono_utc(now))
            .summary(&summary)
            .description(&description)
            .starts(chrono_utc(start))
            .ends(chrono_utc(start + SignedDuration::from_mins(15)))
            .alarm(alarm)
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}
