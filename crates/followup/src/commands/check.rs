//! `followup check`: a draft's findings under their lines, like a compiler's.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use followup_actions::{FollowUp, check_context};
use followup_check::{Context, Named, Report, Severity, check};
use followup_core::interchange::json_error;
use followup_language::Harper;

use crate::cli::CheckArgs;
use crate::commands::templates::user_templates;
use crate::commands::transfer::read_standard_input;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output;

/// Exit code when the draft has errors.
const EXIT_FINDINGS: u8 = 1;

/// Who an email is from and to, by its headers' display names.
struct EmailPeople {
    sender: Option<String>,
    recipient: Option<String>,
}

fn read_text(path: &Path) -> CliResult<(String, String, Option<EmailPeople>)> {
    if path.as_os_str() == "-" {
        let text = read_standard_input("pipe the draft in as UTF-8 text")?;
        return Ok(("standard input".into(), text, None));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        CliError::bad_input(
            format!("cannot read {}: {e}", path.display()),
            "name a readable text or .eml file, or - for standard input",
        )
    })?;
    let name = path.display().to_string();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"))
    {
        let message = mail_parser::MessageParser::default()
            .parse(&bytes)
            .ok_or_else(|| {
                CliError::bad_input(
                    format!("{name} is not a readable email"),
                    "give an RFC 5322 .eml file, or the draft as plain text",
                )
            })?;
        let subject = message.subject().unwrap_or_default().to_string();
        let body = message
            .body_text(0)
            .map(|b| b.to_string())
            .unwrap_or_default();
        let person = |list: Option<&mail_parser::Address>| {
            list.and_then(|a| a.first())
                .and_then(|a| a.name())
                .map(str::to_string)
        };
        let people = EmailPeople {
            sender: person(message.from()),
            recipient: person(message.to()),
        };
        return Ok((
            name,
            format!("Subject: {subject}\n\n{}", body.replace("\r\n", "\n")),
            Some(people),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::bad_input(
            format!("{name} is not UTF-8 text"),
            "save the draft as UTF-8",
        )
    })?;
    Ok((name, text, None))
}

pub async fn run(ctx: &Ctx, args: CheckArgs) -> CliResult {
    // harper takes about half a second to load; it loads while the draft is read or made.
    Harper::warm_up();
    let (name, text, context) = match args.target.as_slice() {
        [file] => {
            let (name, text, people) = read_text(Path::new(file))?;
            let mut context = match &args.context {
                Some(path) => {
                    let (ctx_name, ctx_text) = crate::commands::transfer::read_input(path)?;
                    serde_json::from_str::<Context>(&ctx_text)
                        .map_err(|e| CliError::from(json_error(&ctx_name, &e)))?
                }
                None => Context::default(),
            };
            // An email's headers say who writes to whom, when the context does not.
            if let Some(people) = people {
                let named = |name| {
                    Some(Named {
                        name: Some(name),
                        ..Named::default()
                    })
                };
                if context.sender.is_none() {
                    context.sender = people.sender.and_then(named);
                }
                if context.recipient.is_none() {
                    context.recipient = people.recipient.and_then(named);
                }
            }
            (name, text, context)
        }
        [app, action] => {
            if args.context.is_some() {
                return Err(CliError::bad_input(
                    "--context goes with a file; an application's draft takes its context from the store",
                    format!("run: followup check {app} {action}"),
                ));
            }
            from_store(ctx, app, action).await?
        }
        _ => unreachable!("clap takes one or two values"),
    };
    let report = check(&text, &context, Harper::shared());
    if ctx.json {
        output::json(&report)?;
    } else {
        print(&name, &text, &report)?;
    }
    if report.has_errors() {
        // Findings are a result, not a failure: stdout says what they are.
        output::flush()?;
        std::process::exit(i32::from(EXIT_FINDINGS));
    }
    Ok(())
}

/// The draft of a planned action (the saved one, else a fresh one) and its context.
async fn from_store(ctx: &Ctx, app: &str, action: &str) -> CliResult<(String, String, Context)> {
    let store = ctx.open().await?;
    let templates = user_templates(ctx)?;
    let f = FollowUp::load(&store, app, action, ctx.now, &templates, None, ctx.locale).await?;
    let text = f.text();
    let context = check_context(
        &store,
        &text,
        &f.file,
        &f.plan,
        &f.action,
        f.planned.channel,
        &templates,
        ctx.now,
    )
    .await?;
    store.close().await;
    Ok((f.action.to_string(), text, context))
}

pub fn print(name: &str, text: &str, report: &Report) -> CliResult {
    if report.diagnostics.is_empty() {
        return output::line(format!("{name}: no findings."));
    }
    let renderer = if output::colour() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let span = if d.start == d.end && d.end < text.len() {
            d.start..(d.start + text[d.start..].chars().next().map_or(0, char::len_utf8))
        } else {
            d.start..d.end
        };
        let mut group = level.primary_title(d.message.as_str()).id(d.rule).element(
            Snippet::source(text)
                .line_start(1)
                .path(name)
                .fold(true)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        if !d.suggestions.is_empty() {
            let help = format!("try: {}", d.suggestions.join(" | ").replace('\n', " ⏎ "));
            group = group.element(Level::HELP.message(help));
        }
        output::line(renderer.render(&[group]))?;
    }
    let s = &report.summary;
    output::line(format!(
        "{name}: {}, {}, {}",
        counted(s.errors, "error"),
        counted(s.warnings, "warning"),
        counted(s.infos, "note")
    ))
}

/// "1 error", "2 errors".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
