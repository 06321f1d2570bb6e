//! `followup plan`: one application's follow-ups, from the store or from a file.

use followup_core::ApplicationFile;
use followup_plan::{ActionStatus, Plan};
use jiff::tz::TimeZone;

use crate::cli::PlanArgs;
use crate::commands::transfer::read_input;
use crate::context::{Ctx, profile_zone};
use crate::error::CliResult;
use crate::output::{self, BOLD, CYAN, Cell, DIM, GREEN, RED, YELLOW, paint};

pub async fn run(ctx: &Ctx, args: PlanArgs) -> CliResult {
    let (file, now) = match (&args.input, &args.app) {
        (Some(path), _) => {
            let (name, text) = read_input(path)?;
            let file = ApplicationFile::from_json(&name, &text)?;
            // The file's own "now" counts unless --now (or FOLLOWUP_NOW) says otherwise.
            let now = match (ctx.now_given, file.now) {
                (false, Some(now)) => now.timestamp(),
                _ => ctx.now,
            };
            (file, now)
        }
        (None, Some(app)) => {
            let store = ctx.open().await?;
            let file = store.load(app).await?;
            store.close().await;
            (file, ctx.now)
        }
        (None, None) => unreachable!("clap requires an application or --input"),
    };
    let plan = followup_plan::plan(&file, now);
    if ctx.json {
        return output::json(&plan);
    }
    let zone = profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC);
    print_plan(&file, &plan, &zone)
}

pub fn status_cell(status: ActionStatus, late: bool) -> Cell {
    let text = if late {
        format!("{} late", status.as_str())
    } else {
        status.as_str().to_string()
    };
    let style = match status {
        ActionStatus::Overdue => RED,
        ActionStatus::Due => YELLOW,
        ActionStatus::Upcoming => CYAN,
        ActionStatus::Done => GREEN,
        ActionStatus::Cancelled => DIM,
    };
    Cell::styled(text, style)
}

/// The reason, with what kind of action it is when that matters.
fn print_plan(file: &ApplicationFile, plan: &Plan, zone: &TimeZone) -> CliResult {
    let a = &file.application;
    output::line(format!(
        "{}  {} — {}: {}",
        paint(BOLD, &a.id),
        a.company,
        a.role,
        paint(BOLD, plan.status.as_str())
    ))?;
    if plan.actions.is_empty() {
        return output::line("Nothing to plan yet: add an interview round first.");
    }
    let people = file.people();
    let rows = plan
        .actions
        .iter()
        .map(|action| {
            let name = people
                .iter()
                .find(|p| p.id == action.to)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| action.to.clone());
            vec![
                status_cell(action.status, action.late),
                Cell::styled(action.name().to_string(), BOLD),
                name.into(),
                action.channel.as_str().into(),
                output::local(action.suggested, zone).into(),
                output::local(action.due, zone).into(),
                Cell::styled(action.explanation(), DIM),
            ]
        })
        .collect();
    output::table(
        &["STATUS", "ACTION", "TO", "BY", "SUGGESTED", "DUE", "WHY"],
        rows,
    )?;
    output::line(paint(
        DIM,
        format!("Times in your zone, {}.", file.profile.timezone),
    ))
}
