//! `followup due` and `followup calendar`: what to send across all applications, and when.

use followup_plan::ActionStatus;
use followup_store::AgendaItem;
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};

use crate::cli::{CalendarArgs, DueArgs};
use crate::commands::plan::status_cell;
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

pub async fn calendar(ctx: &Ctx, args: CalendarArgs) -> CliResult {
    let store = ctx.open().await?;
    let items = store.agenda(ctx.now, Timestamp::MAX).await?;
    let zone = profile_zone(store.profile().await?.as_ref())?;
    store.close().await;
    let text = followup_web::calendar::ics(&items, ctx.now, &zone);
    match &args.output {
        Some(path) => {
            write_atomically("--output", path, &text)?;
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
