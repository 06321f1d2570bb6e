//! The built-in templates, the user's overrides, and rendering with strict undefined variables.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use followup_core::ActionKind;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::ComposeError;
use crate::context::Context;

/// Every built-in template: its name and its text. Users may override any of them.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("thank-you", include_str!("../templates/thank-you.txt")),
    (
        "late-thank-you",
        include_str!("../templates/late-thank-you.txt"),
    ),
    (
        "handwritten-note",
        include_str!("../templates/handwritten-note.txt"),
    ),
    ("check-in", include_str!("../templates/check-in.txt")),
    ("phone-call", include_str!("../templates/phone-call.txt")),
    (
        "linkedin-connect",
        include_str!("../templates/linkedin-connect.txt"),
    ),
    (
        "rejection-reply",
        include_str!("../templates/rejection-reply.txt"),
    ),
];

/// The template that drafts an action (a late thank-you has its own wording).
pub fn template_for(kind: ActionKind, late: bool) -> &'static str {
    match kind {
        ActionKind::ThankYou if late => "late-thank-you",
        other => other.as_str(),
    }
}

pub fn built_in(name: &str) -> &'static str {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source)
        .unwrap_or("")
}

/// The user's templates, by name, as the shell read them from the config directory.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    user: BTreeMap<String, String>,
}

impl Templates {
    pub fn built_in_only() -> Self {
        Self::default()
    }

    pub fn with_user(user: BTreeMap<String, String>) -> Self {
        Templates { user }
    }

    pub fn user(&self, name: &str) -> Option<&str> {
        self.user.get(name).map(String::as_str)
    }
}

fn error(name: &str, source: &str, e: &minijinja::Error) -> ComposeError {
    let column = e.range().map(|range| {
        let start = range.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        source[line_start..start].chars().count() + 1
    });
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message}: {detail}");
    }
    ComposeError::Template {
        name: name.to_string(),
        line: e.line(),
        column,
        message,
    }
}

/// Renders a template over the context. `pick(a, b, …)` (or `pick([a, b, …])`) chooses one
/// phrasing by the recipient's place in the round, shifting at every call, so two people of
/// one round never get the same choice at the same place (up to as many people as there are
/// choices).
pub fn render(name: &str, source: &str, context: &Context) -> Result<String, ComposeError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = env
        .syntax()
        .to_builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| error(name, source, &e))?;
    env.set_syntax(syntax);
    let calls = Arc::new(AtomicUsize::new(0));
    let variant = context.variant;
    env.add_function("pick", move |options: minijinja::value::Rest<Value>| {
        if options.is_empty() {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::MissingArgument,
                "pick() needs at least one phrasing",
            ));
        }
        let call = calls.fetch_add(1, Ordering::Relaxed);
        // pick(["a", "b", …]) chooses from a list as pick("a", "b", …) does.
        if options.len() == 1
            && let Ok(list) = options[0].try_iter()
            && options[0].kind() == minijinja::value::ValueKind::Seq
        {
            let list: Vec<Value> = list.collect();
            if list.is_empty() {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    "pick() was given an empty list",
                ));
            }
            return Ok(list[(variant + call) % list.len()].clone());
        }
        Ok(options[(variant + call) % options.len()].clone())
    });
    env.add_template(name, source)
        .map_err(|e| error(name, source, &e))?;
    let template = env
        .get_template(name)
        .map_err(|e| error(name, source, &e))?;
    template
        .render(Value::from(minijinja::value::Serde(context)))
        .map_err(|e| error(name, source, &e))
}
