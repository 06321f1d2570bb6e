//! `followup log` and `followup response`: what happened after the interview.

use std::io::Read;
use std::path::Path;

use followup_core::when::parse_moment;
use followup_core::{ActionKind, ActionRef, Channel, Touchpoint, validate};
use jiff::tz::TimeZone;

use followup_actions::{NewResponse, Recorded, ResponseFields, record_response, require_person};

use crate::cli::{LogArgs, ResponseArgs};
use crate::commands::word;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

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
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref()).unwrap_or(TimeZone::UTC);
    let Recorded {
        response,
        file,
        new_stage,
    } = record_response(
        &store,
        &args.app,
        NewResponse {
            outcome: &args.outcome,
            from: args.from.as_deref(),
            at: args.at.as_deref(),
            decision: args.decision.as_deref(),
            note: args.note.as_deref(),
        },
        &ResponseFields {
            outcome: "OUTCOME",
            from: "--from",
            at: "--at",
            decision: "--decision",
            note: "--note",
        },
        &ctx.now_in(&zone),
    )
    .await?;
    store.close().await;
    if ctx.json {
        return output::json(&response);
    }
    output::line(format!(
        "Recorded {} for {} ({} — {}) at {}.",
        paint(BOLD, response.outcome),
        file.application.id,
        file.application.company,
        file.application.role,
        output::local(response.at, &zone)
    ))?;
    if let Some(stage) = new_stage {
        output::line(format!("Stage: {} → {stage}.", file.application.stage))?;
    }
    Ok(())
}
