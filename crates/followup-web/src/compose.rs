//! Compose: one follow-up's draft in an editor, its findings marked in the text with fixes
//! to apply, and the ways out (send, .eml, mark as sent, a card to print).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Redirect, Response};
use followup_actions::{
    FollowUp, SendAt, SendOutcome, SendRequest, as_text, check_context, log_done_by_hand,
    recipient_address, recipient_zone, send_follow_up, sender_of, split_text, user_templates,
};
use followup_check::{Report, Severity, check};
use followup_core::{Channel, Moment};
use followup_language::Harper;
use followup_mail::message::{Outgoing, Party, new_message_id, render};
use followup_mail::outbox::Delivery;
use followup_store::OutboxState;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::pages::{PageError, PageResult, page, shown};
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
        &state.store(),
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
    let text = f.text();
    let context = check_context(
        &state.store(),
        &text,
        &f.file,
        &f.plan,
        &f.action,
        f.planned.channel,
        &templates,
        state.now(),
    )
    .await
    .map_err(PageError::from)?;
    Ok(check(&text, &context, Harper::shared()))
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
    let now = state.now();
    let recipient = recipient_zone(f);
    let suggested = f.planned.suggested.timestamp();
    let first_choice = suggested.max(now);
    let in_zone =
        |at: jiff::Timestamp, zone: &jiff::tz::TimeZone| shown(Moment::in_zone(at, zone), zone);
    let same_zone = f.planned.zone == f.file.profile.timezone;
    let queued = state
        .store()
        .outbox_of(&f.file.application.id)
        .await?
        .into_iter()
        .filter(|o| {
            o.action == f.action.to_string()
                && matches!(o.state, OutboxState::Queued | OutboxState::Sending)
        })
        .map(|o| {
            context! {
                id => o.id,
                state => o.state.as_str(),
                when => in_zone(o.send_after, &recipient),
                yours => (!same_zone).then(|| in_zone(o.send_after, &f.zone)),
                error => o.last_error,
            }
        })
        .next();
    let when = context! {
        recipient_zone => f.planned.zone.clone(),
        your_zone => (!same_zone).then(|| f.file.profile.timezone.clone()),
        suggested => in_zone(suggested, &recipient),
        suggested_yours => (!same_zone).then(|| in_zone(suggested, &f.zone)),
        suggested_ahead => suggested > now,
        first_choice => first_choice
            .to_zoned(recipient.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string(),
        worker => state.has_worker(),
    };
    let fresh = f.saved_at.is_some_and(|at| {
        state.now().duration_since(at.timestamp()) < jiff::SignedDuration::from_mins(FRESH_MINUTES)
    });
    let comments = state
        .store()
        .comments_on(&f.file.application.id, &f.action.to_string())
        .await?;
    let reading = crate::signed_in().is_some_and(|s| s.reading.is_some());
    page(
        state,
        headers,
        "compose.html",
        context! {
            comments => Value::from(minijinja::value::Serde(comments)),
            may_comment => reading,
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
            when,
            queued,
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
    /// When to send: now, suggested, or at (with `at`).
    #[serde(default)]
    when: Option<String>,
    /// A date and time in the recipient's zone, from the page's date-time field.
    #[serde(default)]
    at: Option<String>,
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
            log_done_by_hand(&state.store(), &f, at)
                .await
                .map_err(PageError::from)?;
            Ok(Redirect::to(&format!("/apps/{id}")).into_response())
        }
        "send" => send(&state, &headers, (&id, &action), (subject, body), &form).await,
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
    (id, action): (&str, &str),
    (subject, body): (Option<String>, String),
    form: &ComposeForm,
) -> PageResult {
    let f = load(state, id, action, Some((subject, body))).await?;
    if !f.planned.status.is_open() {
        let message = format!(
            "Not sent: this follow-up is {} already.",
            f.planned.status.as_str()
        );
        return render_compose(state, headers, &f, Some(message)).await;
    }
    let now = state.now();
    let recipient = recipient_zone(&f);
    let at = match form.when.as_deref().unwrap_or("now") {
        "at" => SendAt::parse("at", form.at.as_deref().unwrap_or(""), now, &recipient),
        "suggested" => Ok(SendAt::Suggested),
        _ => Ok(SendAt::Now),
    };
    let at = match at {
        Ok(at) => at,
        Err(e) => {
            let message = format!("Not queued: {e} ({})", e.hint());
            return render_compose(state, headers, &f, Some(message)).await;
        }
    };
    let config = state.mail_config().await?;
    let templates = user_templates(&state.settings().config_dir).map_err(PageError::from)?;
    if !f.body.trim().is_empty() {
        save(state, &f).await?;
    }
    let request = SendRequest {
        at,
        force: form.force.is_some(),
        crash_at: None,
    };
    let outcome = match send_follow_up(
        &state.store(),
        &config,
        &f,
        &templates,
        Harper::shared(),
        request,
        now,
    )
    .await
    {
        Ok(outcome) => outcome,
        // What the user can fix is said on the page, beside the draft.
        Err(e) if e.is_input() => {
            let hint = e.hint().map(|h| format!(" ({h})")).unwrap_or_default();
            let message = format!("Not sent: {e}{hint}");
            return render_compose(state, headers, &f, Some(message)).await;
        }
        Err(e) => return Err(e.into()),
    };
    let message = match outcome {
        SendOutcome::Refused { .. } => {
            "Not sent: fix the errors marked below, or tick “send anyway”.".to_string()
        }
        SendOutcome::Queued { entry, .. } => {
            state.ring_worker();
            return Ok(Redirect::to(&format!("/apps/{id}?queued={}", entry.id)).into_response());
        }
        SendOutcome::Delivered { delivery, .. } => match delivery {
            Delivery::Sent { .. } => {
                return Ok(Redirect::to(&format!("/apps/{id}?sent={}", f.action)).into_response());
            }
            Delivery::RetryLater { answer, .. } => {
                state.ring_worker();
                format!("Not sent yet: {answer}. It stays queued and is tried again.")
            }
            Delivery::Failed { answer, .. } => format!("Not sent: {answer}"),
            Delivery::Unconfirmed { answer, .. } => format!(
                "It may or may not have gone out ({answer}). Look in your Sent folder, then settle it in the Inbox page's outbox."
            ),
            // The worker picked it up first: it is going out, the application page shows it.
            Delivery::Skipped { id: n } => {
                return Ok(Redirect::to(&format!("/apps/{id}?queued={n}")).into_response());
            }
        },
    };
    let f = load(state, id, action, None).await?;
    render_compose(state, headers, &f, Some(message)).await
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
    let config = state.mail_config().await?;
    let sender = sender_of(&f.file.profile, &config, &f.zone).map_err(PageError::from)?;
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
