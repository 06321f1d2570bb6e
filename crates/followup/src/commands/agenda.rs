//! `followup due` and `followup calendar`: what to send across all applications, and when.

use followup_plan::ActionStatus;
use followup_store::AgendaItem;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};

use crate::cli::{CalendarArgs, DueArgs};
use crate::commands::plan::{status_cell, why};
use crate::commands::transfer::write_atomically;
use crate::context::{Ctx, profile_zone};
use crate::error::CliResult;
use crate::output::{self, BOLD, Cell, DIM, paint};
use followup_core::InputError;

/// Reads `--within`: days, weeks or hours ("7d", "2w", "36h").
fn within(text: &str) -> Result<SignedDuration, InputError> {
    let bad = |reason: String| InputError::BadTime {
        field: "--within".into(),
        value: text.into(),
        expected: "a duration",
        reason,
    };
    let span: Span = text
        .trim()
        .parse()
        .map_err(|e: jiff::Error| bad(e.to_string()))?;
    if span.get_years() != 0 || span.get_months() != 0 {
        return Err(bad("use days or weeks, such as 7d or 2w".into()));
    }
    let duration = span
        .to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|e| bad(e.to_string()))?;
    if duration.is_negative() {
        return Err(bad("it must not be negative".into()));
    }
    Ok(duration)
}

pub async fn due(ctx: &Ctx, args: DueArgs) -> CliResult {
    let window = within(&args.within)?;
    let store = ctx.open().await?;
    let horizon = ctx.now.checked_add(window).unwrap_or(Timestamp::MAX);
    let items = store.agenda(ctx.now, horizon).await?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    store.close().await;

    let group = |status: ActionStatus| -> Vec<&AgendaItem> {
        items.iter().filter(|i| i.action.status == status).collect()
    };
    let (overdue, due, upcoming) = (
        group(ActionStatus::Overdue),
        group(ActionStatus::Due),
        group(ActionStatus::Upcoming),
    );
    if ctx.json {
        #[derive(serde::Serialize)]
        struct Agenda<'a> {
            now: followup_core::Moment,
            until: followup_core::Moment,
            overdue: &'a [&'a AgendaItem],
            due: &'a [&'a AgendaItem],
            upcoming: &'a [&'a AgendaItem],
        }
        return output::json(&Agenda {
            now: followup_core::Moment::in_zone(ctx.now, &zone),
            until: followup_core::Moment::in_zone(horizon, &zone),
            overdue: &overdue,
            due: &due,
            upcoming: &upcoming,
        });
    }
    if items.is_empty() {
        return output::line(format!(
            "Nothing to send in the next {}.",
            args.within.trim()
        ));
    }
    for (title, list) in [
        ("Overdue", &overdue),
        ("Due now", &due),
        ("Upcoming", &upcoming),
    ] {
        if list.is_empty() {
            continue;
        }
        output::line(paint(BOLD, format!("{title} ({})", list.len())))?;
        let rows = list
            .iter()
            .map(|item| {
                vec![
                    status_cell(item.action.status, item.action.late),
                    output::local(item.action.suggested, &zone).into(),
                    Cell::styled(item.action.name().to_string(), BOLD),
                    item.name.clone().into(),
                    format!("{} — {}", item.company, item.role).into(),
                    output::local(item.action.due, &zone).into(),
                ]
            })
            .collect();
        output::table(
            &["STATUS", "SEND AT", "ACTION", "TO", "FOR", "DUE BY"],
            rows,
        )?;
        output::line("")?;
    }
    output::line(paint(
        DIM,
        format!(
            "Times in your zone, {}. `followup plan APP` says why each one is due.",
            zone.iana_name().unwrap_or("UTC")
        ),
    ))
}

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
            output::local(a.due, zone),
            zone.iana_name().unwrap_or("UTC"),
            why(a),
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

pub async fn calendar(ctx: &Ctx, args: CalendarArgs) -> CliResult {
    let store = ctx.open().await?;
    let items = store.agenda(ctx.now, Timestamp::MAX).await?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    store.close().await;
    let text = ics(&items, ctx.now, &zone);
    match &args.output {
        Some(path) => {
            write_atomically(path, &text)?;
            if !ctx.json {
                output::line(format!(
                    "Wrote {} follow-ups to {}.",
                    items.len(),
                    path.display()
                ))?;
            }
            Ok(())
        }
        None => output::raw(text.as_bytes()),
    }
}
