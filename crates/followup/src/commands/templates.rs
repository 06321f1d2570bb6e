//! `followup templates`: the templates drafts are written from, and the user's own versions.

use std::path::PathBuf;

use followup_compose::{BUILT_IN, Templates, check_template};
use followup_core::InputError;

use crate::cli::TemplatesCommand;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, Cell, DIM, GREEN, RED, paint};

fn dir(ctx: &Ctx) -> PathBuf {
    ctx.config_dir.join("templates")
}

fn path(ctx: &Ctx, name: &str) -> PathBuf {
    followup_actions::template_path(&ctx.config_dir, name)
}

fn known(name: &str) -> Result<&'static str, InputError> {
    followup_actions::built_in_template("NAME", name)
}

/// The user's templates, read from the config directory.
pub fn user_templates(ctx: &Ctx) -> CliResult<Templates> {
    Ok(followup_actions::user_templates(&ctx.config_dir)?)
}

pub fn run(ctx: &Ctx, command: TemplatesCommand) -> CliResult {
    match command {
        TemplatesCommand::List => list(ctx),
        TemplatesCommand::Show { name, built_in } => {
            let built = known(&name)?;
            let source = if built_in {
                built.to_string()
            } else {
                user_templates(ctx)?
                    .user(&name)
                    .unwrap_or(built)
                    .to_string()
            };
            output::line(source.trim_end())
        }
        TemplatesCommand::Edit { name } => edit(ctx, &name),
        TemplatesCommand::Reset { name } => {
            known(&name)?;
            let path = path(ctx, &name);
            match std::fs::remove_file(&path) {
                Ok(()) => output::line(format!("{name} is the built-in template again.")),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    output::line(format!("{name} was already the built-in template."))
                }
                Err(e) => Err(CliError::failure(format!(
                    "cannot remove {}: {e}",
                    path.display()
                ))),
            }
        }
    }
}

fn list(ctx: &Ctx) -> CliResult {
    let user = user_templates(ctx)?;
    let mut rows = Vec::new();
    let mut listed = Vec::new();
    for (name, _) in BUILT_IN {
        let (state, problem) = match user.user(name) {
            None => ("built-in", None),
            Some(source) => match check_template(name, source) {
                Ok(()) => ("yours", None),
                Err(e) => ("yours, broken", Some(e.to_string())),
            },
        };
        listed.push(serde_json::json!({
            "name": name, "state": state, "path": path(ctx, name), "problem": problem,
        }));
        let style = match state {
            "built-in" => DIM,
            "yours" => GREEN,
            _ => RED,
        };
        rows.push(vec![
            Cell::styled(*name, BOLD),
            Cell::styled(state, style),
            problem.unwrap_or_default().into(),
        ]);
    }
    if ctx.json {
        return output::json(&listed);
    }
    output::table(&["TEMPLATE", "IN USE", "PROBLEM"], rows)?;
    output::line(paint(
        DIM,
        format!("Your templates live in {}.", dir(ctx).display()),
    ))
}

fn edit(ctx: &Ctx, name: &str) -> CliResult {
    let built = known(name)?;
    let path = path(ctx, name);
    if !path.exists() {
        std::fs::create_dir_all(dir(ctx))
            .and_then(|()| std::fs::write(&path, built))
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    }
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .ok()
        .filter(|e| !e.trim().is_empty());
    let Some(editor) = editor else {
        output::line(format!("Your copy of {name} is {}.", path.display()))?;
        return output::line(paint(
            DIM,
            "Set $EDITOR to open it from here; `followup templates list` checks it.",
        ));
    };
    // The editor may be a command with arguments ("code --wait").
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or_default();
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(&path)
        .status()
        .map_err(|e| {
            CliError::bad_input(
                format!("cannot start the editor {editor:?}: {e}"),
                "set $VISUAL or $EDITOR to an editor on your PATH",
            )
        })?;
    if !status.success() {
        return Err(CliError::failure(format!(
            "the editor {editor:?} failed ({status})"
        )));
    }
    let source = std::fs::read_to_string(&path)
        .map_err(|e| CliError::failure(format!("cannot read {}: {e}", path.display())))?;
    match check_template(name, &source) {
        Ok(()) => output::line(format!("Saved {name}; drafts will use your version.")),
        Err(e) => {
            crate::warn(&format!(
                "{e}. Drafts will use the built-in template until it is fixed; `followup templates edit {name}` reopens it."
            ));
            Ok(())
        }
    }
}
