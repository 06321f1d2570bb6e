//! `followup interview`: rounds, the people in them, and what each one talked about.

use followup_core::when::{end_after, parse_decision, parse_duration, parse_moment};
use followup_core::{
    ApplicationFile, InputError, Interview, Interviewer, Moment, RoundKind, validate,
};
use followup_store::Store;
use jiff::SignedDuration;
use jiff::tz::TimeZone;

use crate::cli::{InterviewAdd, InterviewCommand, InterviewEdit};
use crate::commands::word;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, YELLOW, paint};
use crate::people;

pub async fn run(ctx: &Ctx, command: InterviewCommand) -> CliResult {
    let store = ctx.open().await?;
    let result = match command {
        InterviewCommand::Add(args) => add(ctx, &store, args).await,
        InterviewCommand::Edit(args) => edit(ctx, &store, args).await,
        InterviewCommand::List { app } => list(ctx, &store, app).await,
    };
    store.close().await;
    result
}

/// The zone named by `--tz`, with its name, or the fallback's.
fn zone_from(flag: Option<&str>, fallback: (String, TimeZone)) -> CliResult<(String, TimeZone)> {
    match flag {
        Some(name) => Ok((name.trim().to_string(), validate::time_zone("--tz", name)?)),
        None => Ok(fallback),
    }
}

fn end_after_start(start: Moment, end: Moment) -> Result<(), InputError> {
    if end.timestamp() <= start.timestamp() {
        return Err(InputError::EndBeforeStart {
            field: "--end".into(),
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    Ok(())
}

/// Applies `--interviewer` values to a round's list of people.
fn apply_people(file: &ApplicationFile, round: &mut Interview, specs: &[String]) -> CliResult {
    for text in specs {
        let spec = people::parse_spec("--interviewer", text)?;
        let known = spec
            .lead
            .as_ref()
            .and_then(|lead| file.people().into_iter().find(|p| &p.id == lead).cloned());
        let index = match known {
            Some(person) => match round.interviewers.iter().position(|p| p.id == person.id) {
                Some(i) => i,
                None => {
                    let mut person = person;
                    person.details = Default::default();
                    round.interviewers.push(person);
                    round.interviewers.len() - 1
                }
            },
            None => {
                let name = spec.lead.clone().or_else(|| {
                    spec.fields
                        .iter()
                        .find(|(k, _)| k == "name")
                        .map(|(_, v)| v.clone())
                });
                let Some(name) = name else {
                    return Err(CliError::bad_input(
                        format!("--interviewer: {text:?} has no name"),
                        "start with the person's name, e.g. \"Grace Hopper, role=recruiter\", or an existing id such as p1",
                    ));
                };
                validate::text("--interviewer name", &name, false)?;
                if round
                    .interviewers
                    .iter()
                    .any(|p| p.id.is_empty() && p.name == name)
                {
                    return Err(CliError::bad_input(
                        format!("--interviewer: {name} is given twice"),
                        "give each person once",
                    ));
                }
                round
                    .interviewers
                    .push(followup_core::Interviewer::named(&name));
                round.interviewers.len() - 1
            }
        };
        let person = &mut round.interviewers[index];
        // The name first: a name with a title sets title, given and family, which the
        // other keys may then correct, whatever order they were typed in.
        let mut fields: Vec<&(String, String)> = spec.fields.iter().collect();
        fields.sort_by_key(|(key, _)| key != "name");
        for (key, value) in fields {
            person.set_field("--interviewer", key, value)?;
        }
    }
    Ok(())
}

async fn add(ctx: &Ctx, store: &Store, args: InterviewAdd) -> CliResult {
    let file = store.load(&args.app).await?;
    let profile_zone_name = file.profile.timezone.clone();
    let fallback = (
        profile_zone_name,
        profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC),
    );
    let (zone_name, zone) = zone_from(args.tz.as_deref(), fallback)?;
    let now = ctx.now_in(&zone);

    let kind: RoundKind = word("--kind", &args.kind)?;
    let start = parse_moment("--start", &args.start, &now, &zone)?;
    let end = match (&args.end, &args.duration) {
        (Some(end), _) => parse_moment("--end", end, &now, &zone)?,
        (None, Some(d)) => end_after("--duration", start, parse_duration("--duration", d)?, &zone)?,
        (None, None) => end_after("--start", start, SignedDuration::from_hours(1), &zone)?,
    };
    end_after_start(start, end)?;
    let decision = args
        .decision
        .as_deref()
        .map(|d| parse_decision("--decision", d, &now, &zone))
        .transpose()?;

    let mut round = Interview {
        id: String::new(),
        kind,
        start,
        end: Some(end),
        timezone: Some(zone_name),
        decision_expected_by: decision,
        personal_rapport: args.rapport,
        interviewers: Vec::new(),
    };
    apply_people(&file, &mut round, &args.interviewers)?;
    let saved = store.save_round(&file.application.id, &round).await?;
    if ctx.json {
        return output::json(&saved);
    }
    output::line(format!(
        "Added round {} to {} ({} — {}).",
        paint(BOLD, &saved.id),
        file.application.id,
        file.application.company,
        file.application.role
    ))?;
    print_round(&saved, &zone)?;
    if saved.interviewers.is_empty() {
        output::line(paint(
            DIM,
            format!(
                "Add the people you met: followup interview edit {} -i \"Name, role=hiring-manager, email=…\"",
                saved.id
            ),
        ))?;
    } else {
        output::line(paint(
            DIM,
            format!(
                "While it is fresh, note what each person talked about: followup interview edit {} --for {} --topic \"…\" --shared \"…\"",
                saved.id, saved.interviewers[0].id
            ),
        ))?;
    }
    Ok(())
}

/// A round with the application it belongs to.
pub async fn load_round(
    store: &Store,
    round_id: &str,
) -> CliResult<(String, ApplicationFile, Interview)> {
    let app_id = store.application_of_round(round_id).await?;
    let file = store.load(&app_id).await?;
    let round = file
        .interviews
        .iter()
        .find(|r| r.id == round_id)
        .cloned()
        .ok_or_else(|| CliError::failure(format!("round {round_id} vanished while reading it")))?;
    Ok((app_id, file, round))
}

async fn edit(ctx: &Ctx, store: &Store, args: InterviewEdit) -> CliResult {
    let (app_id, file, mut round) = load_round(store, &args.round).await?;
    let round_zone = match &round.timezone {
        Some(name) => (name.clone(), validate::time_zone("round time zone", name)?),
        None => (
            file.profile.timezone.clone(),
            profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC),
        ),
    };
    let (zone_name, zone) = zone_from(args.tz.as_deref(), round_zone)?;
    if args.tz.is_some() {
        round.timezone = Some(zone_name);
    }
    let now = ctx.now_in(&zone);

    if let Some(kind) = &args.kind {
        round.kind = word("--kind", kind)?;
    }
    let length = round
        .effective_end()
        .duration_since(round.start.timestamp());
    if let Some(start) = &args.start {
        round.start = parse_moment("--start", start, &now, &zone)?;
        if args.end.is_none() && args.duration.is_none() {
            round.end = Some(end_after("--start", round.start, length, &zone)?);
        }
    }
    if let Some(end) = &args.end {
        round.end = Some(parse_moment("--end", end, &now, &zone)?);
    }
    if let Some(d) = &args.duration {
        round.end = Some(end_after(
            "--duration",
            round.start,
            parse_duration("--duration", d)?,
            &zone,
        )?);
    }
    if let Some(end) = round.end {
        end_after_start(round.start, end)?;
    }
    if let Some(d) = &args.decision {
        round.decision_expected_by = Some(parse_decision("--decision", d, &now, &zone)?);
    }
    if args.no_decision {
        round.decision_expected_by = None;
    }
    if args.rapport {
        round.personal_rapport = true;
    }
    if args.no_rapport {
        round.personal_rapport = false;
    }
    apply_people(&file, &mut round, &args.interviewers)?;
    for gone in &args.remove {
        let before = round.interviewers.len();
        round.interviewers.retain(|p| &p.id != gone);
        if round.interviewers.len() == before {
            return Err(not_in_round("--remove", gone, &round).into());
        }
    }
    if let Some(who) = &args.person {
        let Some(index) = round.interviewers.iter().position(|p| &p.id == who) else {
            return Err(not_in_round("--for", who, &round).into());
        };
        let person = &mut round.interviewers[index];
        if args.clear_details {
            person.details = Default::default();
        }
        let add =
            |list: &mut Vec<String>, items: &[String], flag: &str| -> Result<(), InputError> {
                for item in items {
                    validate::text(flag, item, false)?;
                    list.push(item.trim().to_string());
                }
                Ok(())
            };
        add(&mut person.details.topics, &args.topics, "--topic")?;
        add(&mut person.details.shared, &args.shared, "--shared")?;
        add(&mut person.details.concerns, &args.concerns, "--concern")?;
    }
    let saved = store.save_round(&app_id, &round).await?;
    if ctx.json {
        return output::json(&saved);
    }
    output::line(format!("Saved round {}.", paint(BOLD, &saved.id)))?;
    print_round(&saved, &zone)
}

fn not_in_round(flag: &str, who: &str, round: &Interview) -> InputError {
    let known: Vec<String> = round.interviewers.iter().map(|p| p.id.clone()).collect();
    let hint = InputError::UnknownId {
        kind: "interviewer",
        value: who.into(),
        known,
    }
    .hint();
    InputError::invalid(
        flag,
        who,
        format!("{who:?} is not in round {}", round.id),
        hint,
    )
}

async fn list(ctx: &Ctx, store: &Store, app: Option<String>) -> CliResult {
    let ids: Vec<String> = match app {
        Some(app) => vec![app],
        None => store
            .list_applications(false, ctx.now)
            .await?
            .into_iter()
            .map(|s| s.application.id)
            .collect(),
    };
    let mut files = Vec::new();
    for id in ids {
        files.push(store.load(&id).await?);
    }
    if ctx.json {
        #[derive(serde::Serialize)]
        struct RoundOf<'a> {
            application: &'a str,
            #[serde(flatten)]
            round: &'a Interview,
        }
        let rounds: Vec<RoundOf> = files
            .iter()
            .flat_map(|f| {
                f.interviews.iter().map(|r| RoundOf {
                    application: &f.application.id,
                    round: r,
                })
            })
            .collect();
        return output::json(&rounds);
    }
    let mut any = false;
    for file in &files {
        if file.interviews.is_empty() {
            continue;
        }
        any = true;
        let zone = profile_zone(Some(&file.profile)).unwrap_or(TimeZone::UTC);
        output::line(format!(
            "{}  {} — {}",
            paint(BOLD, &file.application.id),
            file.application.company,
            file.application.role
        ))?;
        for round in &file.interviews {
            print_round(round, &zone)?;
        }
    }
    if !any {
        output::line("No interview rounds yet.")?;
    }
    Ok(())
}

/// A round with its people and their details, indented under its application.
pub fn print_round(r: &Interview, fallback_zone: &TimeZone) -> CliResult {
    let zone = r
        .timezone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or_else(|| fallback_zone.clone());
    let end = r
        .end
        .map(|e| e.to_zoned(zone.clone()).strftime("%H:%M").to_string())
        .unwrap_or_else(|| "?".into());
    let mut line = format!(
        "  {}  {:<10} {}–{end} {}",
        paint(BOLD, &r.id),
        r.kind.as_str(),
        output::local(r.start, &zone),
        paint(DIM, r.timezone.as_deref().unwrap_or("")),
    );
    if let Some(d) = &r.decision_expected_by {
        line.push_str(&format!(
            "  decision by {}",
            paint(YELLOW, output::decision(d, &zone))
        ));
    }
    if r.personal_rapport {
        line.push_str("  rapport");
    }
    output::line(line)?;
    for p in &r.interviewers {
        print_person(p)?;
    }
    Ok(())
}

fn print_person(p: &Interviewer) -> CliResult {
    let name = match &p.title {
        Some(t) => format!("{t} {}", p.name),
        None => p.name.clone(),
    };
    let contact: Vec<&str> = [
        p.email.as_deref(),
        p.phone.as_deref(),
        p.linkedin.as_deref(),
        p.timezone.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    output::line(format!(
        "      {}  {}  {}  {}",
        paint(BOLD, &p.id),
        name,
        paint(DIM, p.role),
        contact.join("  ")
    ))?;
    for (label, items) in [
        ("topics", &p.details.topics),
        ("shared", &p.details.shared),
        ("concerns", &p.details.concerns),
        ("fits", &p.details.highlights),
    ] {
        if !items.is_empty() {
            output::line(format!(
                "          {}: {}",
                paint(DIM, label),
                items.join("; ")
            ))?;
        }
    }
    Ok(())
}
