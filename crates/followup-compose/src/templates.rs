//! The built-in templates, the user's overrides, and rendering with strict undefined variables.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use followup_core::ActionKind;
use minijinja::value::{Rest, ValueKind};
use minijinja::{Environment, State, UndefinedBehavior, Value};

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

thread_local! {
    /// Calls of pick() in the render under way on this thread.
    static PICKS: Cell<usize> = const { Cell::new(0) };
    /// Parsed templates by name and source: parsing is most of a draft's cost, and a process
    /// drafts from the same few templates again and again.
    static ENVIRONMENTS: RefCell<HashMap<(String, u64), Rc<Environment<'static>>>> =
        RefCell::new(HashMap::new());
}

/// One phrasing of several, by the recipient's place in the round and the call's place in the
/// render: `pick(a, b, …)` or `pick([a, b, …])`.
fn pick(state: &State, options: Rest<Value>) -> Result<Value, minijinja::Error> {
    let variant = state
        .lookup("variant")
        .and_then(|v| usize::try_from(v).ok())
        .unwrap_or(0);
    let call = PICKS.with(|calls| {
        let n = calls.get();
        calls.set(n + 1);
        n
    });
    let list: Vec<Value> = if options.len() == 1 && options[0].kind() == ValueKind::Seq {
        options[0]
            .try_iter()
            .map(Iterator::collect)
            .unwrap_or_default()
    } else {
        options.0.clone()
    };
    if list.is_empty() {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::MissingArgument,
            "pick() needs at least one phrasing",
        ));
    }
    Ok(list[(variant + call) % list.len()].clone())
}

/// The environment holding one template, parsed once per thread.
fn environment(name: &str, source: &str) -> Result<Rc<Environment<'static>>, ComposeError> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    source.hash(&mut hasher);
    let key = (name.to_string(), hasher.finish());
    if let Some(env) = ENVIRONMENTS.with(|envs| envs.borrow().get(&key).cloned()) {
        return Ok(env);
    }
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
    env.add_function("pick", pick);
    env.add_template_owned(name.to_string(), source.to_string())
        .map_err(|e| error(name, source, &e))?;
    let env = Rc::new(env);
    ENVIRONMENTS.with(|envs| {
        let mut envs = envs.borrow_mut();
        // A user editing a template makes a new source each time; keep the cache small.
        if envs.len() >= 64 {
            envs.clear();
        }
        envs.insert(key, env.clone());
    });
    Ok(env)
}

/// Renders a template over the context. `pick(a, b, …)` (or `pick([a, b, …])`) chooses one
/// phrasing by the recipient's place in the round, shifting at every call, so two people of
/// one round never get the same choice at the same place (up to as many people as there are
/// choices).
pub fn render(name: &str, source: &str, context: &Context) -> Result<String, ComposeError> {
    let env = environment(name, source)?;
    let template = env
        .get_template(name)
        .map_err(|e| error(name, source, &e))?;
    // pick() counts its calls from zero in every render.
    PICKS.with(|calls| calls.set(0));
    template
        .render(Value::from(minijinja::value::Serde(context)))
        .map_err(|e| error(name, source, &e))
}
