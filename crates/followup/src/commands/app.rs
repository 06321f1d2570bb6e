//! `followup app`: applications.

use followup_core::{Application, ApplicationFile, Culture, Stage, validate};
use followup_store::Store;
use jiff::tz::TimeZone;

use crate::cli::{AppAdd, AppCommand, AppEdit, AppList};
use crate::commands::{set_optional, word};
use crate::context::{Ctx, profile_zone};
use crate::error::CliResult;
use crate::output::{self, BOLD, CYAN, Cell, DIM, GREEN, RED, YELLOW, paint};

pub async fn run(ctx: &Ctx, command: AppCommand) -> CliResult {
    let store = ctx.open().await?;
    let result = match command {
        AppCommand::Add(args) => add(ctx, &store, args).await,
        AppCommand::List(args) => list(ctx, &store, args).await,
        AppCommand::Show { app } => show(ctx, &store, &app).await,
        AppCommand::Edit(args) => edit(ctx, &store, args).await,
        AppCommand::Archive { app, undo } => archive(ctx, &store, &app, undo).await,
    };
    store.close().await;
    result
}

fn culture_choice(flag: &str, value: &str) -> CliResult<Option<Culture>> {
    if value.trim().eq_ignore_ascii_case("auto") || value.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(word(flag, value)?))
}

async fn add(ctx: &Ctx, store: &Store, args: AppAdd) -> CliResult {
    validate::text("company", &args.company, false)?;
    validate::text("role", &args.role, false)?;
    let culture = match &args.culture {
        Some(c) => culture_choice("--culture", c)?,
        None => None,
    };
    let stage = match &args.stage {
        Some(s) => word("--stage", s)?,
        None => Stage::Applied,
    };
    let mut app = Application {
        id: String::new(),
        company: args.company.trim().to_string(),
        role: args.role.trim().to_string(),
        industry: None,
        culture,
        prefers_no_calls: args.no_calls,
        stage,
        source: None,
        notes: None,
        archived: false,
    };
    set_optional(&mut app.industry, args.industry);
    set_optional(&mut app.source, args.source);
    set_optional(&mut app.notes, args.notes);
    let zone = profile_zone(store.profile().await?.as_ref())?;
    let app = store
        .create_application(&app, ctx.now_moment(&zone))
        .await?;
    if ctx.json {
        return output::json(&app);
    }
    output::line(format!(
        "Added {} {} — {} ({} culture).",
        paint(BOLD, &app.id),
        app.company,
        app.role,
        app.culture()
    ))?;
    output::line(paint(
        DIM,
        format!(
            "Next: followup interview add {} --kind video --start \"tomorrow 10:00\" -i \"Name, role=recruiter, email=…\"",
            app.id
        ),
    ))
}

pub fn stage_style(stage: Stage) -> anstyle::Style {
    match stage {
        Stage::Offer | Stage::Accepted => GREEN,
        Stage::Rejected | Stage::Withdrawn => RED,
        Stage::Interviewing => YELLOW,
        Stage::Applied => CYAN,
    }
}

async fn list(ctx: &Ctx, store: &Store, args: AppList) -> CliResult {
    let stage: Option<Stage> = match &args.stage {
        Some(s) => Some(word("--stage", s)?),
        None => None,
    };
    let mut apps = store.list_applications(args.all, ctx.now).await?;
    if let Some(stage) = stage {
        apps.retain(|a| a.application.stage == stage);
    }
    if ctx.json {
        return output::json(&apps);
    }
    if apps.is_empty() {
        output::line("No applications yet.")?;
        return output::line(paint(
            DIM,
            "Add one with: followup app add \"Acme Corp\" \"Data Engineer\" --industry software   (or try: followup demo)",
        ));
    }
    let zone = profile_zone(store.profile().await?.as_ref())?;
    let rows = apps
        .iter()
        .map(|s| {
            let a = &s.application;
            let stage = if a.archived {
                Cell::styled(format!("{} (archived)", a.stage), DIM)
            } else {
                Cell::styled(a.stage.as_str(), stage_style(a.stage))
            };
            let status = Cell::styled(s.status.as_str(), if a.archived { DIM } else { BOLD });
            vec![
                Cell::styled(a.id.clone(), BOLD),
                a.company.clone().into(),
                a.role.clone().into(),
                stage,
                status,
                s.rounds.to_string().into(),
                s.last_interview
                    .map(|m| output::local(m, &zone))
                    .unwrap_or_else(|| "–".into())
                    .into(),
                format!("{} / {}", s.touchpoints, s.responses).into(),
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "COMPANY",
            "ROLE",
            "STAGE",
            "ROUNDS",
            "LAST INTERVIEW",
            "SENT / HEARD",
        ],
        rows,
    )
}

async fn show(ctx: &Ctx, store: &Store, id: &str) -> CliResult {
    let file = store.load(id).await?;
    if ctx.json {
        return output::json(&file);
    }
    let zone = profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC);
    print_file(&file, &zone)
}

/// The human view of one application.
pub fn print_file(file: &ApplicationFile, zone: &TimeZone) -> CliResult {
    let a = &file.application;
    output::line(format!(
        "{}  {} — {}",
        paint(BOLD, &a.id),
        paint(BOLD, &a.company),
        a.role
    ))?;
    let culture = match a.culture {
        Some(c) => format!("{c} culture"),
        None => format!("{} culture (from the industry)", a.culture()),
    };
    let mut facts = vec![
        paint(stage_style(a.stage), a.stage),
        culture,
        if a.prefers_no_calls {
            "no calls".into()
        } else {
            "calls ok".into()
        },
    ];
    if let Some(i) = &a.industry {
        facts.push(format!("industry: {i}"));
    }
    if let Some(s) = &a.source {
        facts.push(format!("source: {s}"));
    }
    if a.archived {
        facts.push(paint(DIM, "archived"));
    }
    output::line(format!("    {}", facts.join(" · ")))?;
    if let Some(n) = &a.notes {
        output::line(format!("    notes: {n}"))?;
    }

    output::line("")?;
    output::line(paint(BOLD, "Rounds"))?;
    if file.interviews.is_empty() {
        output::line(paint(
            DIM,
            format!("  none yet: followup interview add {} …", a.id),
        ))?;
    }
    for r in &file.interviews {
        super::interview::print_round(r, zone)?;
    }

    output::line("")?;
    output::line(paint(BOLD, "Touchpoints"))?;
    if file.touchpoints.is_empty() {
        output::line(paint(DIM, "  none yet"))?;
    }
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .map(|id| {
                file.people()
                    .iter()
                    .find(|p| &p.id == id)
                    .map(|p| format!("{} ({id})", p.name))
                    .unwrap_or_else(|| id.clone())
            })
            .unwrap_or_else(|| "–".into())
    };
    for t in &file.touchpoints {
        let n = if t.kind.is_numbered() {
            format!(" #{}", t.n)
        } else {
            String::new()
        };
        let subject = t
            .subject
            .as_ref()
            .map(|s| format!("  “{s}”"))
            .unwrap_or_default();
        output::line(format!(
            "  {}  {}{n} in {} to {} by {}{subject}",
            output::local(t.at, zone),
            paint(GREEN, t.kind),
            t.interview,
            name_of(&t.to),
            t.channel
        ))?;
    }

    output::line("")?;
    output::line(paint(BOLD, "Responses"))?;
    if file.responses.is_empty() {
        output::line(paint(DIM, "  none yet"))?;
    }
    for r in &file.responses {
        let decision = r
            .decision_expected_by
            .map(|d| format!(", decision by {}", output::decision(&d, zone)))
            .unwrap_or_default();
        let note = r
            .note
            .as_ref()
            .map(|n| format!("  “{n}”"))
            .unwrap_or_default();
        output::line(format!(
            "  {}  {} from {}{decision}{note}",
            output::local(r.at, zone),
            paint(CYAN, r.outcome),
            name_of(&r.from)
        ))?;
    }
    Ok(())
}

async fn edit(ctx: &Ctx, store: &Store, args: AppEdit) -> CliResult {
    let mut app = store.application(&args.app).await?;
    if let Some(company) = args.company {
        validate::text("--company", &company, false)?;
        app.company = company.trim().to_string();
    }
    if let Some(role) = args.role {
        validate::text("--role", &role, false)?;
        app.role = role.trim().to_string();
    }
    set_optional(&mut app.industry, args.industry);
    if let Some(c) = &args.culture {
        app.culture = culture_choice("--culture", c)?;
    }
    if args.no_calls {
        app.prefers_no_calls = true;
    }
    if args.calls {
        app.prefers_no_calls = false;
    }
    if let Some(s) = &args.stage {
        app.stage = word("--stage", s)?;
    }
    set_optional(&mut app.source, args.source);
    set_optional(&mut app.notes, args.notes);
    store.update_application(&app).await?;
    if ctx.json {
        return output::json(&app);
    }
    output::line(format!(
        "Saved {} {} — {}.",
        paint(BOLD, &app.id),
        app.company,
        app.role
    ))
}

async fn archive(ctx: &Ctx, store: &Store, id: &str, undo: bool) -> CliResult {
    let mut app = store.application(id).await?;
    app.archived = !undo;
    store.update_application(&app).await?;
    if ctx.json {
        return output::json(&app);
    }
    if undo {
        output::line(format!("{} is back in your lists.", app.id))
    } else {
        output::line(format!(
            "Archived {} ({} — {}); `followup app archive {} --undo` brings it back.",
            app.id, app.company, app.role, app.id
        ))
    }
}
