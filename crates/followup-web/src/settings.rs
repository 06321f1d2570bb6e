//! The Settings pages: who the user is, how plans are made, the templates drafts are written
//! from, and where mail goes. Passwords are never asked for here: they stay with the command
//! line, the environment and the OS keyring.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use followup_compose::{BUILT_IN, check_template};
use followup_core::edit::{date, number};
use followup_core::{InputError, validate};
use followup_mail::config::{MailChanges, Passwords};
use followup_mail::{Endpoint, MailConfig, Service};
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::CheckedForm;

fn io_failure(what: String, e: std::io::Error) -> PageError {
    PageError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("{what}: {e}"),
        Some("check that the config directory can be written".into()),
    )
}

pub async fn settings_page(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let profile = state.store().profile().await?;
    // On a shared database each account's calendar feed has its own secret, begun here by
    // its owner (a coach reading the search is shown none).
    let store = state.store();
    let calendar = match store.owner() {
        Some(id) if state.is_shared() && store.may_write() => Some(format!(
            "/calendar.ics?token={id}.{}",
            store
                .meta_or_insert("calendar_token", crate::security::random_token)
                .await?
        )),
        _ => None,
    };
    let settings = state.store().settings().await?;
    let config_dir = &state.settings().config_dir;
    let (file, effective) = if state.is_shared() {
        let account = state.mail_config().await?;
        (account.clone(), account)
    } else {
        (
            MailConfig::load_file(config_dir)?,
            MailConfig::load(config_dir)?,
        )
    };
    let passwords = match &effective.passwords {
        Passwords::Account { smtp, imap } => Some(context! {
            smtp => smtp.is_some(),
            imap => imap.is_some(),
        }),
        Passwords::Local => None,
    };
    let describe = |service, url: Option<&String>| {
        url.map(|u| {
            Endpoint::parse(service, u)
                .map(|e| e.describe())
                .unwrap_or_else(|e| e.to_string())
        })
    };
    let user = followup_actions::user_templates(config_dir)?;
    let templates: Vec<minijinja::Value> = BUILT_IN
        .iter()
        .map(|(name, _)| {
            let state = match user.user(name) {
                None => "built-in".to_string(),
                Some(source) => match check_template(name, source) {
                    Ok(()) => "yours".to_string(),
                    Err(e) => format!("yours, not in use: {e}"),
                },
            };
            context! { name => *name, state }
        })
        .collect();
    page(
        &state,
        &headers,
        "settings.html",
        context! {
            title => "Settings",
            profile => profile.map(|p| context! {
                name => p.name,
                email => p.email,
                phone => p.phone,
                timezone => p.timezone,
                signature => p.signature,
                highlights => p.highlights.join("\n"),
                locale => p.locale.map(|l| l.as_str()),
            }),
            locales => followup_core::Locale::WORDS.to_vec(),
            lang_locale => state.settings().locale.as_str(),
            max_check_ins => settings.max_check_ins,
            holidays => settings.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
            business_hours => settings.business_hours.to_string(),
            linkedin_note_limit => settings.linkedin_note_limit,
            linkedin_quota => settings.linkedin_monthly_quota,
            templates,
            calendar,
            shared => state.is_shared(),
            mail => context! {
                passwords,
                smtp_url => file.smtp.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
                reply_to => file.smtp.as_ref().and_then(|s| s.reply_to.clone()).unwrap_or_default(),
                imap_url => file.imap.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
                sent_folder => file.imap.as_ref().and_then(|s| s.sent_folder.clone()).unwrap_or_default(),
                save_sent => file.imap.as_ref().is_some_and(|s| s.save_sent),
                digest => file.digest.as_ref().map(|d| d.at.clone()).unwrap_or_default(),
                smtp => describe(Service::Smtp, effective.smtp.as_ref().map(|s| &s.url)),
                imap => describe(Service::Imap, effective.imap.as_ref().map(|s| &s.url)),
                overridden => effective.smtp.as_ref().map(|s| &s.url) != file.smtp.as_ref().map(|s| &s.url)
                    || effective.imap.as_ref().map(|s| &s.url) != file.imap.as_ref().map(|s| &s.url),
            },
        },
    )
}

#[derive(Deserialize)]
pub struct ProfileForm {
    name: String,
    #[serde(default)]
    email: String,
    timezone: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    signature: String,
    #[serde(default)]
    highlights: String,
    /// Empty: follow `LANG`.
    #[serde(default)]
    locale: String,
}

pub async fn save_profile(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<ProfileForm>,
) -> PageResult {
    validate::text("name", &form.name, false)?;
    let email = form.email.trim();
    if !email.is_empty() {
        validate::email("email", email)?;
    }
    validate::time_zone("timezone", form.timezone.trim())?;
    if !form.signature.trim().is_empty() {
        validate::text("signature", &form.signature, true)?;
    }
    let highlights: Vec<String> = form
        .highlights
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    for h in &highlights {
        validate::text("highlights", h, false)?;
    }
    let locale = match form.locale.trim() {
        "" => None,
        l => Some(followup_core::edit::word("locale", l)?),
    };
    let profile = followup_core::Profile {
        name: form.name.trim().to_string(),
        email: Some(email.to_string()).filter(|e| !e.is_empty()),
        phone: match form.phone.trim() {
            "" => None,
            phone => {
                validate::phone("phone", phone)?;
                Some(phone.to_string())
            }
        },
        signature: Some(form.signature.replace("\r\n", "\n").trim().to_string())
            .filter(|s| !s.is_empty()),
        timezone: form.timezone.trim().to_string(),
        highlights,
        locale,
    };
    state.store().set_profile(&profile).await?;
    Ok(Redirect::to("/settings").into_response())
}

#[derive(Deserialize)]
pub struct PlanningForm {
    max_check_ins: String,
    #[serde(default)]
    holidays: String,
    #[serde(default)]
    business_hours: Option<String>,
    #[serde(default)]
    linkedin_note_limit: Option<String>,
    #[serde(default)]
    linkedin_quota: Option<String>,
}

pub async fn save_planning(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<PlanningForm>,
) -> PageResult {
    let mut settings = state.store().settings().await?;
    settings.set_max_check_ins(
        "max_check_ins",
        number("max_check_ins", &form.max_check_ins)?,
    )?;
    let mut holidays = Vec::new();
    for line in form
        .holidays
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        holidays.push(date("holidays", line)?);
    }
    holidays.sort();
    holidays.dedup();
    settings.holidays = holidays;
    if let Some(hours) = &form.business_hours {
        settings.set_business_hours("business_hours", hours)?;
    }
    if let Some(limit) = &form.linkedin_note_limit {
        settings.set_linkedin_note_limit(
            "linkedin_note_limit",
            number("linkedin_note_limit", limit)?,
        )?;
    }
    if let Some(quota) = &form.linkedin_quota {
        settings.set_linkedin_quota("linkedin_quota", number("linkedin_quota", quota)?)?;
    }
    state.store().set_settings(&settings).await?;
    Ok(Redirect::to("/settings").into_response())
}

#[derive(Deserialize)]
pub struct MailForm {
    #[serde(default)]
    smtp_url: String,
    #[serde(default)]
    reply_to: String,
    #[serde(default)]
    imap_url: String,
    #[serde(default)]
    sent_folder: String,
    #[serde(default)]
    save_sent: Option<String>,
    /// The daily digest's time, HH:MM; empty for none.
    #[serde(default)]
    digest: String,
    /// On a shared database, the account's passwords; empty keeps the one kept.
    #[serde(default)]
    smtp_password: String,
    #[serde(default)]
    imap_password: String,
}

pub async fn save_mail(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<MailForm>,
) -> PageResult {
    let config_dir = &state.settings().config_dir;
    let mut config = if state.is_shared() {
        state.mail_config().await?
    } else {
        MailConfig::load_file(config_dir)?
    };
    let has_smtp = !form.smtp_url.trim().is_empty();
    let has_imap = !form.imap_url.trim().is_empty();
    // A server's own settings are kept only with the server: clearing a URL clears them too.
    config.apply(MailChanges {
        smtp: Some(form.smtp_url),
        imap: Some(form.imap_url),
        reply_to: has_smtp.then_some(form.reply_to),
        sent_folder: has_imap.then_some(form.sent_folder),
        save_sent: has_imap.then_some(form.save_sent.is_some()),
        digest: Some(form.digest),
    })?;
    if state.is_shared() {
        let store = state.store();
        let key = state.settings().server_key.as_deref();
        followup_actions::account_mail::save_account_mail(&store, &config).await?;
        for (service, password) in [
            (Service::Smtp, form.smtp_password),
            (Service::Imap, form.imap_password),
        ] {
            if !password.is_empty() {
                followup_actions::account_mail::keep_account_password(
                    &store, key, service, &password,
                )
                .await?;
            }
        }
    } else {
        config.save(config_dir)?;
    }
    Ok(Redirect::to("/settings#mail").into_response())
}

/// One template in an editor: the user's version, or the built-in one to start from.
pub async fn template_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> PageResult {
    let built_in = followup_actions::built_in_template("template", &name)?;
    let user = followup_actions::user_templates(&state.settings().config_dir)?;
    let source = user.user(&name).unwrap_or(built_in).to_string();
    let problem = user
        .user(&name)
        .and_then(|s| check_template(&name, s).err())
        .map(|e| e.to_string());
    template_editor(&state, &headers, &name, source, problem, StatusCode::OK)
}

fn template_editor(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    source: String,
    problem: Option<String>,
    status: StatusCode,
) -> PageResult {
    let user = followup_actions::user_templates(&state.settings().config_dir)?;
    let mut response = page(
        state,
        headers,
        "template.html",
        context! {
            title => format!("Template {name}"),
            name,
            source,
            problem,
            yours => user.user(name).is_some(),
            built_in => followup_actions::built_in_template("template", name)?,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

#[derive(Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    source: String,
    #[serde(default)]
    reset: Option<String>,
}

pub async fn save_template(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
    CheckedForm(form): CheckedForm<TemplateForm>,
) -> PageResult {
    followup_actions::built_in_template("template", &name)?;
    if state.is_shared() {
        // The templates live in the server's config directory, shared by every account.
        return Err(PageError::new(
            StatusCode::FORBIDDEN,
            "On a shared server the templates are the server's, the same for every account.".into(),
            Some("ask the server's administrator to change them in its config directory".into()),
        ));
    }
    let path = followup_actions::template_path(&state.settings().config_dir, &name);
    if form.reset.is_some() {
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_failure(format!("cannot remove {}", path.display()), e)),
        }
        return Ok(Redirect::to(&format!("/settings/templates/{name}")).into_response());
    }
    let source = form.source.replace("\r\n", "\n");
    if let Err(e) = check_template(&name, &source) {
        // The text stays in the editor with what is wrong: nothing typed is lost.
        return template_editor(
            &state,
            &headers,
            &name,
            source,
            Some(e.to_string()),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    if source.trim().is_empty() {
        return Err(InputError::invalid(
            "source",
            "",
            "a template cannot be empty",
            "write the message, or go back to the built-in one",
        )
        .into());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| io_failure(format!("cannot create {}", dir.display()), e))?;
    }
    std::fs::write(&path, source)
        .map_err(|e| io_failure(format!("cannot write {}", path.display()), e))?;
    Ok(Redirect::to(&format!("/settings/templates/{name}")).into_response())
}
