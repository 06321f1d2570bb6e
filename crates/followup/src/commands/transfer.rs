//! `followup import` and `followup export`: one application as SPEC §5 JSON, lossless both ways.

use std::io::Read;

use followup_core::ApplicationFile;
use jiff::tz::TimeZone;

use crate::cli::{ExportArgs, ImportArgs};
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

/// Reads a JSON file named on the command line ("-" for standard input), with its display name.
pub fn read_input(path: &std::path::Path) -> CliResult<(String, String)> {
    if path.as_os_str() == "-" {
        return Ok((
            "standard input".to_string(),
            read_standard_input("pipe a JSON file in")?,
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::bad_input(
            format!("cannot read {}: {e}", path.display()),
            "name a readable UTF-8 JSON file, such as one written by `followup export`",
        )
    })?;
    Ok((path.display().to_string(), text))
}

/// All of standard input as text; `hint` says what to pipe in when it cannot be read.
pub fn read_standard_input(hint: &str) -> CliResult<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| CliError::bad_input(format!("cannot read standard input: {e}"), hint))?;
    Ok(text)
}

pub async fn import(ctx: &Ctx, args: ImportArgs) -> CliResult {
    let (name, text) = read_input(&args.file)?;
    let file = ApplicationFile::from_json(&name, &text)?;
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref()).unwrap_or(TimeZone::UTC);
    let report = store.import(&file, ctx.now_moment(&zone)).await?;
    store.close().await;
    if ctx.json {
        return output::json(&report);
    }
    output::line(format!(
        "Imported {} as {} ({} rounds, {} touchpoints, {} responses).",
        file.application.company,
        paint(BOLD, &report.application),
        file.interviews.len(),
        file.touchpoints.len(),
        file.responses.len()
    ))?;
    for r in &report.renamed {
        output::line(format!(
            "  {} {} was taken; it is now {}",
            r.kind, r.from, r.to
        ))?;
    }
    if report.profile_imported {
        output::line(paint(
            DIM,
            "The store had no profile yet, so the file's profile was used.",
        ))?;
    }
    if report.settings_imported {
        output::line(paint(
            DIM,
            "The store had no settings yet, so the file's settings were used.",
        ))?;
    }
    Ok(())
}

pub async fn export(ctx: &Ctx, args: ExportArgs) -> CliResult {
    let store = ctx.open().await?;
    let file = store.load(&args.app).await?;
    store.close().await;
    let text = file.to_json_pretty();
    match &args.output {
        Some(path) => {
            write_atomically(path, &text)?;
            if !ctx.json {
                output::line(format!(
                    "Wrote {} to {}.",
                    file.application.id,
                    path.display()
                ))?;
            }
            Ok(())
        }
        None => output::line(text.trim_end()),
    }
}

/// Writes through a temporary file beside the target so a failure never leaves half a file.
pub fn write_atomically(path: &std::path::Path, text: &str) -> CliResult {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let fail = |e: std::io::Error| {
        CliError::bad_input(
            format!("--output: cannot write {}: {e}", path.display()),
            "choose a writable path",
        )
    };
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
