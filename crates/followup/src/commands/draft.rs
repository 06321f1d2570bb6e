//! `followup draft`: the message for a planned follow-up, from the store or from a file.

use followup_compose::{Draft, Request, compose};
use followup_core::{ActionRef, ApplicationFile, Culture, InputError};
use followup_plan::Plan;

use crate::cli::DraftArgs;
use crate::commands::templates::user_templates;
use crate::commands::transfer::read_input;
use crate::commands::word;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output::{self, DIM, paint};

pub async fn run(ctx: &Ctx, args: DraftArgs) -> CliResult {
    let tone: Option<Culture> = args
        .tone
        .as_deref()
        .map(|t| word("--tone", t))
        .transpose()?;
    let (file, now, action_text) = match (&args.input, &args.app) {
        (Some(path), _) => {
            let (name, text) = read_input(path)?;
            let file = ApplicationFile::from_json(&name, &text)?;
            let now = match (ctx.now_given, file.now) {
                (false, Some(now)) => now.timestamp(),
                _ => ctx.now,
            };
            let action = args.action_flag.clone().unwrap_or_default();
            (file, now, action)
        }
        (None, Some(app)) => {
            let store = ctx.open().await?;
            let file = store.load(app).await?;
            store.close().await;
            (file, ctx.now, args.action.clone().unwrap_or_default())
        }
        (None, None) => unreachable!("clap requires an application or --input"),
    };
    let action = ActionRef::parse("ACTION", &action_text)?;
    let plan = followup_plan::plan(&file, now);
    let planned = find(&plan, &action, &file.application.id)?;
    let templates = user_templates(ctx)?;
    let request = Request {
        file: &file,
        action: &action,
        channel: planned.channel,
        late: planned.late,
        tone,
    };
    let draft = compose(&request, &templates).map_err(|e| CliError::failure(e.to_string()))?;
    for warning in &draft.warnings {
        crate::warn(warning);
    }
    if ctx.json {
        return output::json(&draft);
    }
    print(&draft)
}

/// The planned action of that name, or an error listing the ones there are.
fn find<'p>(
    plan: &'p Plan,
    action: &ActionRef,
    app: &str,
) -> Result<&'p followup_plan::Action, InputError> {
    plan.actions
        .iter()
        .find(|a| a.name() == *action)
        .ok_or_else(|| {
            let known: Vec<String> = plan.actions.iter().map(|a| a.name().to_string()).collect();
            let hint = InputError::UnknownId {
                kind: "action",
                value: action.to_string(),
                known,
            }
            .hint();
            InputError::invalid(
                "ACTION",
                action.to_string(),
                format!("{action} is not in the plan of {app}"),
                hint.replace("known:", "planned:"),
            )
        })
}

fn print(draft: &Draft) -> CliResult {
    if let Some(subject) = &draft.subject {
        output::line(format!("Subject: {subject}"))?;
        output::line("")?;
    }
    output::line(draft.body.trim_end())?;
    if let Some(voicemail) = &draft.voicemail {
        output::line("")?;
        output::line(paint(DIM, "If you reach voicemail:"))?;
        output::line(voicemail.trim_end())?;
    }
    Ok(())
}
