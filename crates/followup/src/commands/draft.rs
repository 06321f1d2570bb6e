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
    let (mut file, now, action_text) = match (&args.input, &args.app) {
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
            let action_text = args.action.clone().unwrap_or_default();
            if args.save.is_some() || args.discard {
                return keep(ctx, &store, &file, &action_text, &args).await;
            }
            let action = ActionRef::parse("ACTION", &action_text)?;
            let saved = store
                .draft(&file.application.id, &action.to_string())
                .await?;
            store.close().await;
            if let Some(saved) = saved {
                let plan = followup_plan::plan(&file, ctx.now);
                find(&plan, &action, &file.application.id)?;
                if ctx.json {
                    return output::json(&saved);
                }
                crate::warn(&format!(
                    "this is your saved draft; `followup draft {app} {action} --discard` goes back to a fresh one"
                ));
                return print_text(saved.subject.as_deref(), &saved.body, None);
            }
            (file, ctx.now, action_text)
        }
        (None, None) => unreachable!("clap requires an application or --input"),
    };
    // The composer writes in the profile's English, else in the one of LANG.
    file.profile.locale.get_or_insert(ctx.locale);
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
pub fn find<'p>(
    plan: &'p Plan,
    action: &ActionRef,
    app: &str,
) -> Result<&'p followup_plan::Action, InputError> {
    followup_actions::find_planned(plan, action, app)
}

/// `draft --save FILE` and `draft --discard`: the user's own version of a follow-up.
async fn keep(
    ctx: &Ctx,
    store: &followup_store::Store,
    file: &ApplicationFile,
    action_text: &str,
    args: &DraftArgs,
) -> CliResult {
    let action = ActionRef::parse("ACTION", action_text)?;
    let plan = followup_plan::plan(file, ctx.now);
    find(&plan, &action, &file.application.id)?;
    let app = &file.application.id;
    if args.discard {
        let had = store.discard_draft(app, &action.to_string()).await?;
        return output::line(if had {
            format!("Discarded your draft of {action}; drafts are fresh again.")
        } else {
            format!("{action} had no saved draft.")
        });
    }
    let path = args.save.as_deref().unwrap_or(std::path::Path::new("-"));
    let (subject, body) = crate::commands::record::read_message(path)?;
    if body.trim().is_empty() {
        return Err(CliError::bad_input(
            "--save: the draft is empty",
            "give the text to keep: a first line \"Subject: …\", a blank line, then the body",
        ));
    }
    let zone = crate::context::profile_zone(Some(&file.profile))?;
    store
        .save_draft(
            app,
            &action.to_string(),
            subject.as_deref(),
            &body,
            ctx.now_moment(&zone),
        )
        .await?;
    output::line(format!(
        "Saved your draft of {action}. Check it with `followup check {app} {action}`; send it with `followup send {app} {action}`."
    ))
}

fn print(draft: &Draft) -> CliResult {
    print_text(
        draft.subject.as_deref(),
        &draft.body,
        draft.voicemail.as_deref(),
    )
}

fn print_text(subject: Option<&str>, body: &str, voicemail: Option<&str>) -> CliResult {
    if let Some(subject) = subject {
        output::line(format!("Subject: {subject}"))?;
        output::line("")?;
    }
    output::line(body.trim_end())?;
    if let Some(voicemail) = voicemail {
        output::line("")?;
        output::line(paint(DIM, "If you reach voicemail:"))?;
        output::line(voicemail.trim_end())?;
    }
    Ok(())
}
