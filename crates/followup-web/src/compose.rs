//! Compose: one follow-up's draft in an editor, its findings marked in the text with fixes
//! to apply, and the ways out (send, .eml, mark as sent, a card to print).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Redirect, Response};
use followup_actions::{
    FollowUp, as_text, check_context, recipient_address, sender_of, sent_copy, smtp_of, split_text,
    user_templates,
};
use followup_check::{Report, Severity, check};
use followup_core::{Channel, Moment, Touchpoint};
use followup_language::Harper;
use followup_mail::MailConfig;
use followup_mail::message::{Outgoing, Party, new_message_id, render};
use followup_mail::outbox::{self, Delivery};
use followup_plan::ActionStatus;
use followup_store::NewEmail;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::pages::{PageError, PageResult, page};
use crate::security::CheckedForm;

/// A draft written this recently gets a gentle "read it again later".
const FRESH_MINUTES: i64 = 10;

async fn load(
    state: &AppState,
    id: &str,
    action: &str,
    text: Option<(Option<String>, String)>,
) -> Result<FollowUp, PageError> {
    let templates = user_templates(&state.settings().config_dir).map_err(PageError::from)?;
    FollowUp::load(
        state.store(),
        id,
        action,
        state.now(),
        &templates,
        text,
        state.settings().locale,
    )
    .await
    .map_err(PageError::from)
}

async fn report_of(state: &AppState, f: &FollowUp) -> Result<Report, PageError> {
    let templates = user_templates(&state.settings().config_dir).map_err(PageError::from)?;
    let context = check_context(
        state.store(),
        &f.file,
        &f.plan,
        &f.action,
        f.planned.channel,
        &templates,
        state.now(),
    )
    .await
    .map_err(PageError::from)?;
    Ok(check(&f.text(), &context, Harper::shared()))
}

/// One finding as the page and the script show it; offsets are in characters.
#[derive(Serialize)]
struct Finding {
    rule: &'static str,
    severity: &'static str,
    message: String,
    line: usize,
    start: usize,
    end: usize,
    /// Byte offsets, which the fix buttons send back.
    byte_start: usize,
    byte_end: usize,
    excerpt: String,
    suggestions: Vec<String>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn findings(text: &str, report: &Report) -> Vec<Finding> {
    let chars = |byte: usize| text[..byte.min(text.len())].chars().count();
    report
        .diagnostics
        .iter()
        .map(|d| Finding {
            rule: d.rule,
            severity: severity(d.severity),
            message: d.message.clone(),
            line: d.line,
            start: chars(d.start),
            end: chars(d.end),
            byte_start: d.start,
            byte_end: d.end,
            excerpt: text.get(d.start..d.end).unwrap_or_default().to_string(),
            suggestions: d.suggestions.clone(),
        })
        .collect()
}

/// The text cut into plain and marked pieces, for the highlighted preview.
#[derive(Serialize)]
struct Piece {
    text: String,
    severity: Option<&'static str>,
    message: Option<String>,
}

fn pieces(text: &str, report: &Report) -> Vec<Piece> {
    let mut marks: Vec<(usize, usize, &'static str, String)> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.end > d.start && text.is_char_boundary(d.start) && text.is_char_boundary(d.end)
        })
        .map(|d| (d.start, d.end, severity(d.severity), d.message.clone()))
        .collect();
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, sev, message) in marks {
        if start < at {
            continue; // overlapping marks: the first one shown is enough
        }
        if start > at {
            out.push(Piece {
                text: text[at..start].to_string(),
                severity: None,
                message: None,
            });
        }
        out.push(Piece {
            text: text[start..end].to_string(),
            severity: Some(sev),
            message: Some(message),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Piece {
            text: text[at..].to_string(),
            severity: None,
            message: None,
        });
    }
    out
}

pub async fn compose_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
) -> PageResult {
    let f = load(&state, &id, &action, None).await?;
    render_compose(&state, &headers, &f, None).await
}

async fn render_compose(
    state: &AppState,
    headers: &HeaderMap,
    f: &FollowUp,
    message: Option<String>,
) -> PageResult {
    let report = report_of(state, f).await?;
    let text = f.text();
    let fresh = f.saved_at.is_some_and(|at| {
        state.now().duration_since(at.timestamp()) < jiff::SignedDuration::from_mins(FRESH_MINUTES)
    });
    page(
        state,
        headers,
        "compose.html",
        context! {
            title => format!("{} to {}", f.action.kind, f.person.name),
            app => context! { id => f.file.application.id.clone(), company => f.file.application.company.clone(), role => f.file.application.role.clone() },
            action => f.action.to_string(),
            kind => f.action.kind.to_string(),
            channel => f.planned.channel.to_string(),
            email => f.planned.channel == Channel::Email,
            to => context! { name => f.person.name.clone(), email => f.person.email.clone() },
            status => f.planned.status.as_str(),
            open => f.planned.status.is_open(),
            subject => f.subject.clone().unwrap_or_default(),
            has_subject => f.subject.is_some(),
            body => f.body.clone(),
            saved => f.saved_at.is_some(),
            fresh,
            findings => Value::from(minijinja::value::Serde(findings(&text, &report))),
            pieces => Value::from(minijinja::value::Serde(pieces(&text, &report))),
            errors => report.summary.errors,
            warnings => report.summary.warnings,
            notes => report.summary.infos,
            message,
        },
    )
}

#[derive(Deserialize)]
pub struct ComposeForm {
    intent: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    #[serde(default)]
    replacement: Option<String>,
    #[serde(default)]
    force: Option<String>,
}

/// The text the form carries, with the editor's line endings made plain.
fn form_text(form: &ComposeForm) -> (Option<String>, String) {
    (
        form.subject
            .as_deref()
            .map(|s| s.replace(['\r', '\n'], " ").trim().to_string()),
        form.body.replace("\r\n", "\n"),
    )
}

pub async fn compose_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<ComposeForm>,
) -> PageResult {
    let (subject, body) = form_text(&form);
    let back = format!("/apps/{id}/compose/{action}");
    match form.intent.as_str() {
        "check" => {
            let f = load(&state, &id, &action, Some((subject, body))).await?;
            render_compose(&state, &headers, &f, None).await
        }
        "save" => {
            let f = load(&state, &id, &action, Some((subject.clone(), body.clone()))).await?;
            save(&state, &f).await?;
            Ok(Redirect::to(&back).into_response())
        }
        "apply" => {
            let text = as_text(subject.as_deref(), &body);
            let (Some(start), Some(end), Some(replacement)) =
                (form.start, form.end, &form.replacement)
            else {
                return Err(PageError::new(
                    StatusCode::BAD_REQUEST,
                    "a fix needs its place and its text".into(),
                    None,
                ));
            };
            if start > end
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                return Err(PageError::new(
                    StatusCode::CONFLICT,
                    "the draft changed since the fix was offered".into(),
                    Some("check it again and apply the fix from the new list".into()),
                ));
            }
            let fixed = format!("{}{}{}", &text[..start], replacement, &text[end..]);
            let (subject, body) = if subject.is_some() {
                split_text(&fixed)
            } else {
                (None, fixed)
            };
            let f = load(&state, &id, &action, Some((subject, body))).await?;
            save(&state, &f).await?;
            Ok(Redirect::to(&back).into_response())
        }
        "discard" => {
            state.store().discard_draft(&id, &action).await?;
            Ok(Redirect::to(&back).into_response())
        }
        "mark-sent" => {
            let f = load(&state, &id, &action, Some((subject, body))).await?;
            let at = Moment::in_zone(state.now(), &f.zone);
            state
                .store()
                .add_touchpoint(
                    &id,
                    &Touchpoint {
                        kind: f.action.kind,
                        interview: f.action.interview.clone(),
                        to: Some(f.action.to.clone()),
                        n: f.action.n,
                        channel: f.planned.channel,
                        at,
                        subject: f.subject.clone(),
                        message: Some(f.body.clone()),
                    },
                )
                .await?;
            state.store().discard_draft(&id, &action).await?;
            Ok(Redirect::to(&format!("/apps/{id}")).into_response())
        }
        "send" => {
            send(
                &state,
                &headers,
                &id,
                &action,
                subject,
                body,
                form.force.is_some(),
            )
            .await
        }
        other => Err(PageError::new(
            StatusCode::BAD_REQUEST,
            format!("{other:?} is not something this form does"),
            None,
        )),
    }
}

async fn save(state: &AppState, f: &FollowUp) -> Result<(), PageError> {
    if f.body.trim().is_empty() {
        return Err(PageError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the draft is empty".into(),
            Some("write the message before saving it".into()),
        ));
    }
    state
        .store()
        .save_draft(
            &f.file.application.id,
            &f.action.to_string(),
            f.subject.as_deref(),
            &f.body,
            Moment::in_zone(state.now(), &f.zone),
        )
        .await?;
    Ok(())
}

async fn send(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    action: &str,
    subject: Option<String>,
    body: String,
    force: bool,
) -> PageResult {
    let f = load(state, id, action, Some((subject, body))).await?;
    if matches!(
        f.planned.status,
        ActionStatus::Done | ActionStatus::Cancelled
    ) {
        return render_compose(
            state,
            headers,
            &f,
            Some(format!(
                "Not sent: this follow-up is {} already.",
                f.planned.status.as_str()
            )),
        )
        .await;
    }
    let report = report_of(state, &f).await?;
    if report.has_errors() && !force {
        return render_compose(
            state,
            headers,
            &f,
            Some("Not sent: fix the errors marked below, or tick “send anyway”.".into()),
        )
        .await;
    }
    let config = MailConfig::load(&state.settings().config_dir)?;
    let sender = sender_of(&f.file, &config, &f.zone).map_err(PageError::from)?;
    let to = recipient_address(&f).map_err(PageError::from)?;
    let subject = f
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the email has no subject".into(),
                Some("write one in the Subject field".into()),
            )
        })?;
    let smtp = smtp_of(&config).map_err(PageError::from)?;
    let now = state.now();
    save(state, &f).await?;
    let entry = state
        .store()
        .queue_email(
            &NewEmail {
                message_id: new_message_id(now, &sender.from.address),
                application_id: id.to_string(),
                action: f.action.to_string(),
                recipient_name: f.person.name.clone(),
                recipient: to,
                subject,
                body: f.body.clone(),
                send_after: now,
            },
            Moment::in_zone(now, &f.zone),
        )
        .await?;
    let mut imap = if config.imap.as_ref().is_some_and(|i| i.save_sent) {
        followup_actions::imap_of(&config)
            .await
            .map_err(PageError::from)?
    } else {
        None
    };
    let mut copy = sent_copy(&mut imap).await.map_err(PageError::from)?;
    let result = outbox::deliver(
        state.store(),
        &smtp,
        &sender,
        &entry,
        now,
        None,
        copy.as_mut(),
    )
    .await?;
    drop(copy);
    if let Some(account) = imap {
        account.imap.logout().await;
    }
    match result {
        Delivery::Sent { .. } => Ok(Redirect::to(&format!("/apps/{id}?sent={}", f.action)).into_response()),
        Delivery::RetryLater { answer, .. } => render_compose(state, headers, &f, Some(format!("Not sent yet: {answer}. `followup run` will try again."))).await,
        Delivery::Failed { answer, .. } => render_compose(state, headers, &f, Some(format!("Not sent: {answer}"))).await,
        Delivery::Unconfirmed { id: n, answer } => render_compose(state, headers, &f, Some(format!("It may or may not have gone out ({answer}). Look in your Sent folder, then settle it with `followup outbox resolve {n}`."))).await,
        Delivery::Skipped { .. } => render_compose(state, headers, &f, Some("Another followup was already sending it.".into())).await,
    }
}

#[derive(Deserialize)]
pub struct CheckRequest {
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    body: String,
}

/// The live check behind the editor: the findings of the text as typed, as JSON.
pub async fn check_json(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<CheckRequest>,
) -> Result<Response, PageError> {
    let subject = form
        .subject
        .map(|s| s.replace(['\r', '\n'], " ").trim().to_string());
    let body = form.body.replace("\r\n", "\n");
    let f = load(&state, &id, &action, Some((subject, body))).await?;
    let report = report_of(&state, &f).await?;
    let text = f.text();
    Ok(Json(context! {
        findings => Value::from(minijinja::value::Serde(findings(&text, &report))),
        pieces => Value::from(minijinja::value::Serde(pieces(&text, &report))),
        errors => report.summary.errors,
        warnings => report.summary.warnings,
    })
    .into_response())
}

/// The draft as an .eml file any mail program opens.
pub async fn eml(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
) -> PageResult {
    let f = load(&state, &id, &action, None).await?;
    let config = MailConfig::load(&state.settings().config_dir)?;
    let sender = sender_of(&f.file, &config, &f.zone).map_err(PageError::from)?;
    let to = recipient_address(&f).map_err(PageError::from)?;
    let raw = render(&Outgoing {
        from: sender.from.clone(),
        to: Party {
            name: f.person.name.clone(),
            address: to,
        },
        reply_to: sender.reply_to.clone(),
        subject: f.subject.clone().unwrap_or_default(),
        body: f.body.clone(),
        message_id: new_message_id(state.now(), &sender.from.address),
        date: state.now(),
    })?;
    let name = format!("{}-{}.eml", id, f.action.to_string().replace(':', "-"));
    Ok((
        [
            (header::CONTENT_TYPE, "message/rfc822".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        raw,
    )
        .into_response())
}

/// The draft on a card-sized page, for a handwritten note.
pub async fn print_view(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
) -> PageResult {
    let f = load(&state, &id, &action, None).await?;
    page(
        &state,
        &headers,
        "card.html",
        context! {
            title => format!("Card to {}", f.person.name),
            body => f.body.clone(),
            back => format!("/apps/{id}/compose/{action}"),
        },
    )
}
