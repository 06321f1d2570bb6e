//! `followup import` and `followup export`: one application as SPEC §5 JSON, lossless both ways.

use std::io::Read;

use followup_core::ApplicationFile;
use jiff::tz::TimeZone;

use crate::cli::{BackupArgs, ExportArgs, ImportArgs, RestoreArgs};
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
    if let Some(dir) = &args.csv {
        let files = store.load_every(true).await?;
        store.close().await;
        let written = write_csv(dir, &files)?;
        if !ctx.json {
            output::line(format!(
                "Wrote {} to {}.",
                written.join(", "),
                dir.display()
            ))?;
        }
        return Ok(());
    }
    let Some(app) = &args.app else {
        return Err(CliError::bad_input(
            "name the application to export, or --csv DIR for everything",
            "e.g. followup export a1, or followup export --csv exports/",
        ));
    };
    let file = store.load(app).await?;
    store.close().await;
    let text = file.to_json_pretty();
    match &args.output {
        Some(path) => {
            write_atomically("--output", path, &text)?;
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

/// One CSV file: its name, its header and its rows.
type CsvTable<'h> = (&'static str, Vec<&'h str>, Vec<Vec<String>>);

/// One CSV file per entity, each row naming its application.
fn write_csv(dir: &std::path::Path, files: &[ApplicationFile]) -> CliResult<Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::bad_input(
            format!("--csv: cannot create {}: {e}", dir.display()),
            "choose a writable directory",
        )
    })?;
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    let mut tables: Vec<CsvTable> = vec![
        (
            "applications.csv",
            vec![
                "id", "company", "role", "industry", "culture", "calls", "stage", "source",
                "notes", "archived",
            ],
            Vec::new(),
        ),
        (
            "rounds.csv",
            vec![
                "application",
                "id",
                "kind",
                "start",
                "end",
                "timezone",
                "decision_by",
                "rapport",
                "people",
            ],
            Vec::new(),
        ),
        (
            "people.csv",
            vec![
                "application",
                "round",
                "id",
                "name",
                "title",
                "role",
                "email",
                "phone",
                "linkedin",
                "timezone",
                "away_until",
                "topics",
                "shared",
                "concerns",
            ],
            Vec::new(),
        ),
        (
            "touchpoints.csv",
            vec![
                "application",
                "kind",
                "round",
                "to",
                "n",
                "channel",
                "at",
                "subject",
                "message",
            ],
            Vec::new(),
        ),
        (
            "responses.csv",
            vec![
                "application",
                "from",
                "at",
                "outcome",
                "decision_by",
                "note",
            ],
            Vec::new(),
        ),
    ];
    for f in files {
        let a = &f.application;
        tables[0].2.push(vec![
            a.id.clone(),
            a.company.clone(),
            a.role.clone(),
            text(a.industry.as_deref()),
            a.culture.map(|c| c.to_string()).unwrap_or_default(),
            if a.prefers_no_calls { "no" } else { "yes" }.into(),
            a.stage.to_string(),
            text(a.source.as_deref()),
            text(a.notes.as_deref()),
            a.archived.to_string(),
        ]);
        for r in &f.interviews {
            tables[1].2.push(vec![
                a.id.clone(),
                r.id.clone(),
                r.kind.to_string(),
                r.start.to_string(),
                r.end.map(|e| e.to_string()).unwrap_or_default(),
                text(r.timezone.as_deref()),
                r.decision_expected_by
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                r.personal_rapport.to_string(),
                r.interviewers
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]);
            for p in &r.interviewers {
                tables[2].2.push(vec![
                    a.id.clone(),
                    r.id.clone(),
                    p.id.clone(),
                    p.name.clone(),
                    text(p.title.as_deref()),
                    p.role.to_string(),
                    text(p.email.as_deref()),
                    text(p.phone.as_deref()),
                    text(p.linkedin.as_deref()),
                    text(p.timezone.as_deref()),
                    p.away_until.map(|d| d.to_string()).unwrap_or_default(),
                    p.details.topics.join("; "),
                    p.details.shared.join("; "),
                    p.details.concerns.join("; "),
                ]);
            }
        }
        for t in &f.touchpoints {
            tables[3].2.push(vec![
                a.id.clone(),
                t.kind.to_string(),
                t.interview.clone(),
                text(t.to.as_deref()),
                t.n.to_string(),
                t.channel.to_string(),
                t.at.to_string(),
                text(t.subject.as_deref()),
                text(t.message.as_deref()),
            ]);
        }
        for r in &f.responses {
            tables[4].2.push(vec![
                a.id.clone(),
                text(r.from.as_deref()),
                r.at.to_string(),
                r.outcome.to_string(),
                r.decision_expected_by
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                text(r.note.as_deref()),
            ]);
        }
    }
    let mut written = Vec::new();
    for (name, header, rows) in tables {
        let mut out = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| CliError::failure(format!("cannot write {name}: {e}"));
        out.write_record(&header).map_err(fail)?;
        for row in &rows {
            out.write_record(row).map_err(fail)?;
        }
        let bytes = out
            .into_inner()
            .map_err(|e| CliError::failure(format!("cannot write {name}: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| CliError::failure(format!("cannot write {name}: {e}")))?;
        write_atomically("--csv", &dir.join(name), &text)?;
        written.push(format!(
            "{name} ({} row{})",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(written)
}

pub async fn backup(ctx: &Ctx, args: BackupArgs) -> CliResult {
    let store = ctx.open().await?;
    let backup = store.backup().await?;
    store.close().await;
    let text = serde_json::to_string_pretty(&backup)
        .map_err(|e| CliError::failure(format!("cannot write the backup: {e}")))?;
    match &args.output {
        Some(path) => {
            write_atomically("--output", path, &(text + "\n"))?;
            if !ctx.json {
                let apps = backup.tables.get("applications").map_or(0, Vec::len);
                let secret = backup.tables.get("meta").is_some_and(|rows| {
                    rows.iter()
                        .any(|r| r.get("key").and_then(|k| k.as_str()) == Some("calendar_token"))
                });
                output::line(format!(
                    "Wrote a backup of {apps} application{} to {}.{}",
                    if apps == 1 { "" } else { "s" },
                    path.display(),
                    if secret {
                        " It holds your calendar feed's secret: keep it private."
                    } else {
                        ""
                    }
                ))?;
            }
            Ok(())
        }
        None => output::line(text),
    }
}

pub async fn restore(ctx: &Ctx, args: RestoreArgs) -> CliResult {
    let (name, text) = read_input(&args.file).map_err(|e| CliError {
        hint: Some("name a backup written by `followup backup`".into()),
        ..e
    })?;
    let backup: followup_store::Backup = serde_json::from_str(&text).map_err(|e| {
        CliError::bad_input(
            format!("{name} is not a followup backup: {e}"),
            "restore a file written by `followup backup`",
        )
    })?;
    let store = ctx.open().await?;
    let restored = store.restore(&backup).await;
    let path = store.path().to_path_buf();
    store.close().await;
    let restored = restored?;
    if ctx.json {
        return output::json(&restored);
    }
    output::line(format!(
        "Restored {} applications ({} rows) into {}.",
        restored.applications,
        restored.rows,
        path.display()
    ))
}

/// Writes through a temporary file beside the target so a failure never leaves half a file;
/// `flag` is the option that named the path, for the error.
pub fn write_atomically(flag: &str, path: &std::path::Path, text: &str) -> CliResult {
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
            format!("{flag}: cannot write {}: {e}", path.display()),
            "choose a writable path",
        )
    };
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
