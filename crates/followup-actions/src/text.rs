//! A planned follow-up and its text: the user's saved draft, a given text, or a fresh draft
//! from the templates.

use std::collections::BTreeMap;
use std::path::Path;

use followup_compose::{BUILT_IN, Draft, Request, Templates, compose};
use followup_core::{ActionRef, ApplicationFile, Channel, InputError, Interviewer, Locale};
use followup_plan::{Action, Plan};
use followup_store::Store;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ActionsError;

/// Where the user's version of a template lives: `config_dir/templates/NAME.txt`.
pub fn template_path(config_dir: &Path, name: &str) -> std::path::PathBuf {
    config_dir.join("templates").join(format!("{name}.txt"))
}

/// The built-in template of that name, or an error listing the names there are.
pub fn built_in_template(field: &str, name: &str) -> Result<&'static str, InputError> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source)
        .ok_or_else(|| {
            let known = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
            let hint = InputError::UnknownId {
                kind: "template",
                value: name.into(),
                known,
            }
            .hint();
            InputError::invalid(field, name, format!("there is no template {name:?}"), hint)
        })
}

/// The user's templates, read from `config_dir/templates/NAME.txt`.
pub fn user_templates(config_dir: &Path) -> Result<Templates, ActionsError> {
    let mut user = BTreeMap::new();
    for (name, _) in BUILT_IN {
        let path = template_path(config_dir, name);
        match std::fs::read_to_string(&path) {
            Ok(source) => {
                user.insert(name.to_string(), source);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(ActionsError::Template {
                    path,
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(Templates::with_user(user))
}

/// The planned action of that name, or an error listing the ones there are.
pub fn find_planned<'p>(
    plan: &'p Plan,
    action: &ActionRef,
    app: &str,
) -> Result<&'p Action, InputError> {
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

/// A fresh draft of a planned action.
pub fn draft_of(
    file: &ApplicationFile,
    templates: &Templates,
    action: &ActionRef,
    channel: Channel,
    late: bool,
) -> Result<Draft, ActionsError> {
    compose(
        &Request {
            file,
            action,
            channel,
            late,
            tone: None,
        },
        templates,
    )
    .map_err(|e| ActionsError::Compose(e.to_string()))
}

/// A draft as one text: a first line `Subject: …` and a blank line when it has a subject.
pub fn as_text(subject: Option<&str>, body: &str) -> String {
    match subject {
        Some(s) => format!("Subject: {s}\n\n{body}"),
        None => body.to_string(),
    }
}

/// Splits a text written as [`as_text`] writes it: a first line `Subject: …` followed by a
/// line break (and a blank line, which is dropped) makes the subject.
pub fn split_text(text: &str) -> (Option<String>, String) {
    if let Some(rest) = text.strip_prefix("Subject:")
        && let Some((subject, body)) = rest.split_once('\n')
    {
        let body = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
            .unwrap_or(body);
        return (Some(subject.trim().to_string()), body.to_string());
    }
    (None, text.to_string())
}

/// One planned follow-up, ready to be shown, checked or sent.
#[derive(Clone, Debug)]
pub struct FollowUp {
    pub file: ApplicationFile,
    pub plan: Plan,
    pub action: ActionRef,
    pub planned: Action,
    pub person: Interviewer,
    pub subject: Option<String>,
    pub body: String,
    /// When the user saved the draft shown, if it is theirs.
    pub saved_at: Option<followup_core::Moment>,
    /// The profile's zone.
    pub zone: TimeZone,
}

impl FollowUp {
    /// Loads a follow-up at `now`, with `text` (subject, body) when given, else the saved
    /// draft, else a fresh one. `locale` is the shell's (from `LANG`), for a profile that
    /// names none: the composer and the checker always write in some English.
    pub async fn load(
        store: &Store,
        app: &str,
        action: &str,
        now: Timestamp,
        templates: &Templates,
        text: Option<(Option<String>, String)>,
        locale: Locale,
    ) -> Result<FollowUp, ActionsError> {
        let action = ActionRef::parse("ACTION", action)?;
        let mut file = store.load(app).await?;
        file.profile.locale.get_or_insert(locale);
        let zone = followup_core::validate::time_zone("profile.timezone", &file.profile.timezone)
            .unwrap_or(TimeZone::UTC);
        let plan = followup_plan::plan(&file, now);
        let planned = find_planned(&plan, &action, app)?.clone();
        let person = file
            .people()
            .into_iter()
            .find(|p| p.id == action.to)
            .cloned()
            .ok_or_else(|| InputError::UnknownId {
                kind: "interviewer",
                value: action.to.clone(),
                known: file.people().iter().map(|p| p.id.clone()).collect(),
            })?;
        let (subject, body, saved_at) = match text {
            Some((subject, body)) => (subject, body, None),
            None => match store.draft(app, &action.to_string()).await? {
                Some(saved) => (saved.subject, saved.body, Some(saved.updated_at)),
                None => {
                    let draft = draft_of(&file, templates, &action, planned.channel, planned.late)?;
                    (draft.subject, draft.body, None)
                }
            },
        };
        Ok(FollowUp {
            file,
            plan,
            action,
            planned,
            person,
            subject,
            body,
            saved_at,
            zone,
        })
    }

    /// The text as the checker and the editor see it.
    pub fn text(&self) -> String {
        as_text(self.subject.as_deref(), &self.body)
    }
}
