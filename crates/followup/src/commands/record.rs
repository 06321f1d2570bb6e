//! `followup log` and `followup response`: what happened after the interview.

use std::io::Read;
use std::path::Path;

use followup_core::when::{parse_decision, parse_moment};
use followup_core::{
    ActionKind, ActionRef, ApplicationFile, Channel, InputError, Outcome, Response, Touchpoint,
    validate,
};
use jiff::tz::TimeZone;

use crate::cli::{LogArgs, ResponseArgs};
use crate::commands::word;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

fn require_person(file: &ApplicationFile, field: &str, id: &str) -> Result<(), InputError> {
    let people = file.people();
    if people.iter().any(|p| p.id == id) {
        return Ok(());
    }
    let known = people.iter().map(|p| p.id.clone()).collect();
    let hint = InputError::UnknownId {
        kind: "interviewer",
        value: id.into(),
        known,
    }
    .hint();
    Err(InputError::invalid(
        field,
        id,
        format!(
            "application {} has no interviewer {id:?}",
            file.application.id
        ),
        hint,
    ))
}

/// Reads a message file; a first line `Subject: …` and a blank line make its subject.
pub fn read_message(path: &Path) -> CliResult<(Option<String>, String)> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            CliError::bad_input(
                format!("--message: cannot read standard input: {e}"),
                "pipe the message text in, or name a file",
            )
        })?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            CliError::bad_input(
                format!("--message: cannot read {}: {e}", path.display()),
                "name a readable UTF-8 text file, or - for standard input",
            )
        })?
    };
    Ok(followup_actions::split_text(&text))
}

pub async fn log(ctx: &Ctx, args: LogArgs) -> CliResult {
    let action = ActionRef::parse("ACTION", &args.action)?;
    let store = ctx.open().await?;
    let app_id = store.application_of_round(&action.interview).await?;
    let file = store.load(&app_id).await?;
    require_person(&file, "ACTION", &action.to)?;
    let zone = profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC);
    let channel: Channel = match &args.channel {
        Some(c) => word("--channel", c)?,
        None if action.kind == ActionKind::ThankYou => file
            .people()
            .into_iter()
            .find(|p| p.id == action.to)
            .map(|p| p.thank_you_channel())
            .unwrap_or(Channel::Email),
        None => action.kind.default_channel(),
    };
    let at = match &args.at {
        Some(at) => parse_moment("--at", at, &ctx.now_in(&zone), &zone)?,
        None => ctx.now_moment(&zone),
    };
    let (mut subject, message) = match &args.message {
        Some(path) => {
            let (s, m) = read_message(path)?;
            (s, Some(m))
        }
        None => (None, None),
    };
    if let Some(s) = args.subject {
        validate::text("--subject", &s, false)?;
        subject = Some(s.trim().to_string());
    }
    let touchpoint = Touchpoint {
        kind: action.kind,
        interview: action.interview.clone(),
        to: Some(action.to.clone()),
        n: action.n,
        channel,
        at,
        subject,
        message,
    };
    let repeated = file.touchpoints.iter().any(|t| {
        t.kind == touchpoint.kind
            && t.interview == touchpoint.interview
            && t.to == touchpoint.to
            && t.n == touchpoint.n
    });
    store.add_touchpoint(&app_id, &touchpoint).await?;
    store.close().await;
    if ctx.json {
        return output::json(&touchpoint);
    }
    output::line(format!(
        "Logged {} by {} at {} ({} — {}).",
        paint(BOLD, action.to_string()),
        touchpoint.channel,
        output::local(touchpoint.at, &zone),
        file.application.company,
        file.application.role
    ))?;
    if repeated {
        output::line(paint(
            DIM,
            "This follow-up was already logged once; both are kept.",
        ))?;
    }
    Ok(())
}

pub async fn response(ctx: &Ctx, args: ResponseArgs) -> CliResult {
    let outcome: Outcome = word("OUTCOME", &args.outcome)?;
    let store = ctx.open().await?;
    let file = store.load(&args.app).await?;
    if let Some(from) = &args.from {
        require_person(&file, "--from", from)?;
    }
    let zone = profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC);
    let now = ctx.now_in(&zone);
    let at = match &args.at {
        Some(at) => parse_moment("--at", at, &now, &zone)?,
        None => ctx.now_moment(&zone),
    };
    let decision = match &args.decision {
        Some(d) if outcome == Outcome::Update => {
            Some(parse_decision("--decision", d, &now, &zone)?)
        }
        Some(d) => {
            return Err(InputError::invalid(
                "--decision",
                d,
                format!("a new decision date comes with an update, not a {outcome}"),
                format!(
                    "record it as: followup response {} update --decision {d:?}",
                    args.app
                ),
            )
            .into());
        }
        None => None,
    };
    if let Some(note) = &args.note {
        validate::text("--note", note, true)?;
    }
    let new_stage = file.application.stage.after(outcome);
    let response = Response {
        from: args.from,
        at,
        outcome,
        decision_expected_by: decision,
        note: args.note.map(|n| n.trim().to_string()),
    };
    store
        .add_response(&file.application.id, &response, new_stage)
        .await?;
    store.close().await;
    if ctx.json {
        return output::json(&response);
    }
    output::line(format!(
        "Recorded {} for {} ({} — {}) at {}.",
        paint(BOLD, outcome),
        file.application.id,
        file.application.company,
        file.application.role,
        output::local(at, &zone)
    ))?;
    if let Some(stage) = new_stage {
        output::line(format!("Stage: {} → {stage}.", file.application.stage))?;
    }
    Ok(())
}
