//! `followup import` for what other tools export: a job tracker's CSV (applications), a
//! calendar's .ics (rounds and the people in them) and contacts' .vcf (people). It shows what
//! would change until `--apply`, lists every rejected row with its line and reason, and
//! writes in one transaction.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;

use followup_core::{ApplicationFile, Interview, Interviewer, Moment, RoundKind};
use followup_interop::Rejected;
use followup_interop::tracker_csv::{self, Mapping, Preset, folded};
use followup_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::cli::ImportArgs;
use crate::context::{Ctx, profile_zone};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, GREEN, RED, paint};

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Ics,
    Vcard,
}

impl Format {
    pub fn of(args: &ImportArgs) -> CliResult<Format> {
        let named = match &args.format {
            Some(f) => f.to_ascii_lowercase(),
            None => args
                .file
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default(),
        };
        match named.as_str() {
            "json" | "" => Ok(Format::Json),
            "csv" | "tsv" => Ok(Format::Csv),
            "ics" | "ical" | "icalendar" => Ok(Format::Ics),
            "vcf" | "vcard" => Ok(Format::Vcard),
            other if args.format.is_some() => Err(CliError::bad_input(
                format!("--format: {other:?} is not a format followup reads"),
                "use json, csv, ics or vcard",
            )),
            _ => Ok(Format::Json),
        }
    }
}

/// What an import would do (or did): one line per change, the entries left alone, and the
/// rejected ones.
#[derive(Debug, Default, Serialize)]
struct Changes {
    applied: bool,
    /// --atomic was asked for.
    atomic: bool,
    /// --atomic met a rejected entry, so nothing was written.
    atomic_refused: bool,
    added: Vec<String>,
    updated: Vec<String>,
    skipped: Vec<String>,
    rejected: Vec<Rejected>,
}

/// How many lines of each list a terminal gets before "… and N more".
const SHOWN: usize = 20;

/// A progress bar on a terminal for long work; hidden otherwise.
fn progress(len: usize, what: &str) -> ProgressBar {
    if len < 2_000 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template(&format!("{what} {{bar:40}} {{pos}}/{{len}} ({{eta}} left)"))
    {
        bar.set_style(style);
    }
    bar
}

fn read_bytes(path: &Path) -> CliResult<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|e| {
            CliError::bad_input(
                format!("cannot read standard input: {e}"),
                "pipe the file in",
            )
        })?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| {
        CliError::bad_input(
            format!("cannot read {}: {e}", path.display()),
            "name a readable file",
        )
    })
}

fn read_text(path: &Path) -> CliResult<String> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        CliError::bad_input(
            format!("{} is not UTF-8 text: {e}", path.display()),
            "save it as UTF-8 and try again",
        )
    })
}

/// Refuses flags that mean nothing for the format, rather than ignoring them.
pub fn check_flags(args: &ImportArgs, format: Format) -> CliResult {
    if (args.preset.is_some() || args.map.is_some()) && format != Format::Csv {
        return Err(CliError::bad_input(
            "--preset and --map are for CSV files",
            "leave them out, or give --format csv",
        ));
    }
    if args.round.is_some() && format != Format::Vcard {
        return Err(CliError::bad_input(
            "--round is for contacts (.vcf)",
            "leave it out, or give --format vcard",
        ));
    }
    if args.app.is_some() && !matches!(format, Format::Ics | Format::Vcard) {
        return Err(CliError::bad_input(
            "--app is for calendar events (.ics) and contacts (.vcf)",
            "leave it out: each row of a CSV is an application of its own",
        ));
    }
    Ok(())
}

pub async fn run(ctx: &Ctx, args: ImportArgs, format: Format) -> CliResult {
    let store = ctx.open().await?;
    let zone = profile_zone(store.profile().await?.as_ref()).unwrap_or(TimeZone::UTC);
    let changes = match format {
        Format::Csv => csv(ctx, &store, &args, &zone).await,
        Format::Ics => calendar(&store, &args, &zone).await,
        Format::Vcard => contacts(&store, &args).await,
        Format::Json => unreachable!("JSON is imported by transfer::import"),
    };
    store.close().await;
    let mut changes = changes?;
    report(ctx, &mut changes)
}

fn report(ctx: &Ctx, changes: &mut Changes) -> CliResult {
    // The occurrences of one recurring event share its line and, often, its reason.
    changes.rejected.sort_by_key(|r| r.line);
    changes.rejected.dedup();
    let changes = &*changes;
    if ctx.json {
        output::json(changes)?;
    } else {
        let verb = |done: &str, would: &str| if changes.applied { done } else { would }.to_string();
        for (title, items, mark, style) in [
            (verb("Added", "Would add"), &changes.added, "+", GREEN),
            (
                verb("Updated", "Would update"),
                &changes.updated,
                "~",
                GREEN,
            ),
            (
                "Already there, left alone".to_string(),
                &changes.skipped,
                "=",
                DIM,
            ),
        ] {
            if items.is_empty() {
                continue;
            }
            output::line(paint(BOLD, format!("{title} ({}):", items.len())))?;
            for item in items.iter().take(SHOWN) {
                output::line(format!("  {} {item}", paint(style, mark)))?;
            }
            if items.len() > SHOWN {
                output::line(paint(DIM, format!("  … and {} more", items.len() - SHOWN)))?;
            }
        }
        if !changes.rejected.is_empty() {
            output::line(paint(
                BOLD,
                format!("Rejected ({}):", changes.rejected.len()),
            ))?;
            for r in &changes.rejected {
                output::line(format!("  {} {r}", paint(RED, "✗")))?;
            }
        }
        if changes.atomic_refused {
            output::line("Nothing was imported: --atomic, and some entries were rejected.")?;
        } else if changes.added.is_empty() && changes.updated.is_empty() {
            output::line("Nothing to import.")?;
        } else if !changes.applied && changes.atomic && !changes.rejected.is_empty() {
            output::line(paint(
                DIM,
                "Nothing was changed, and with --atomic nothing will be until every entry can be read.",
            ))?;
        } else if !changes.applied {
            output::line(paint(
                DIM,
                "Nothing was changed: run again with --apply to import.",
            ))?;
        }
    }
    if changes.rejected.is_empty() {
        Ok(())
    } else {
        Err(CliError {
            message: format!(
                "{} entr{} could not be imported (listed above)",
                changes.rejected.len(),
                if changes.rejected.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ),
            hint: Some(if changes.applied || !changes.added.is_empty() {
                "fix them in the file and import it again: what is already there is left alone"
                    .into()
            } else {
                "fix them in the file and try again".into()
            }),
            code: 1,
        })
    }
}

/// With --atomic, a rejected entry stops everything.
fn atomic_refusal(args: &ImportArgs, changes: &mut Changes) -> bool {
    changes.atomic = args.atomic;
    changes.atomic_refused = args.atomic && args.apply && !changes.rejected.is_empty();
    changes.atomic_refused
}

async fn csv(ctx: &Ctx, store: &Store, args: &ImportArgs, zone: &TimeZone) -> CliResult<Changes> {
    let bytes = read_bytes(&args.file)?;
    let preset = match &args.preset {
        None => Preset::Generic,
        Some(p) => Preset::parse(p).ok_or_else(|| {
            CliError::bad_input(
                format!("--preset: {p:?} is not a tracker followup knows"),
                format!("use one of {}, or --map", Preset::NAMES.join(", ")),
            )
        })?,
    };
    let csv_error = |e: tracker_csv::MappingError| {
        CliError::bad_input(
            e.to_string(),
            "name the columns with --map 'Company=company,Job Title=role,…'",
        )
    };
    let headers = tracker_csv::headers(&bytes).map_err(csv_error)?;
    let mapping = Mapping::new(&headers, args.map.as_deref(), preset).map_err(csv_error)?;
    if !ctx.json {
        let described: Vec<String> = mapping
            .describe(&headers)
            .into_iter()
            .map(|(h, t)| format!("{h} → {}", t.as_str()))
            .collect();
        output::line(paint(DIM, format!("Columns: {}", described.join(", "))))?;
    }
    // Lines, not rows, are what the reader knows ahead: a quoted line break makes them differ.
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    let bar = progress(lines, "reading");
    let (rows, rejected) = tracker_csv::read_rows(&bytes, &mapping, |line| bar.set_position(line))
        .map_err(csv_error)?;
    bar.finish_and_clear();

    let existing = store.list_applications(true, ctx.now).await?;
    let mut known = tracker_csv::known_keys(existing.iter().map(|s| &s.application));
    let mut changes = Changes {
        rejected,
        ..Changes::default()
    };
    let mut new = Vec::new();
    for row in rows {
        let a = &row.application;
        let key = tracker_csv::same_key(&a.company, &a.role);
        if let Some(id) = known.get(&key) {
            let whence = if id.is_empty() {
                format!("line {} repeats an earlier row", row.line)
            } else {
                id.clone()
            };
            changes
                .skipped
                .push(format!("{} — {} ({whence})", a.company, a.role));
            continue;
        }
        known.insert(key, String::new());
        // "applied 2026-02-14" says the stage too when it is the first one.
        let facts: Vec<String> = [
            (a.stage != followup_core::Stage::Applied).then(|| a.stage.to_string()),
            row.applied.map(|d| format!("applied {d}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let facts = if facts.is_empty() {
            String::new()
        } else {
            format!(" ({})", facts.join("; "))
        };
        changes
            .added
            .push(format!("{} — {}{facts}", a.company, a.role));
        // Sent that day, in the morning: the day is what trackers know.
        let created = match row.applied {
            Some(day) => day
                .at(9, 0, 0, 0)
                .to_zoned(zone.clone())
                .map(|z| Moment::in_zone(z.timestamp(), zone))
                .unwrap_or_else(|_| ctx.now_moment(zone)),
            None => ctx.now_moment(zone),
        };
        new.push((row.application, created));
    }
    if atomic_refusal(args, &mut changes) {
        return Ok(changes);
    }
    if args.apply && !new.is_empty() {
        let bar = progress(new.len(), "importing");
        let ids = store
            .add_applications(&new, |n| bar.set_position(n as u64))
            .await?;
        bar.finish_and_clear();
        for (line, id) in changes.added.iter_mut().zip(&ids) {
            *line = format!("{id} {line}");
        }
        changes.applied = true;
    }
    Ok(changes)
}

/// The round's kind, from the words of its event.
fn kind_of(text: &str) -> RoundKind {
    let text = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["panel"]) {
        RoundKind::Panel
    } else if has(&[
        "on-site",
        "onsite",
        "on site",
        "in person",
        "in-person",
        "office",
        " hq",
        "headquarters",
    ]) {
        RoundKind::Onsite
    } else if has(&["coffee", "networking", "meetup", "informational"]) {
        RoundKind::Networking
    } else if has(&["phone", "call", "screen"])
        && !has(&["zoom", "meet.google", "teams", "webex", "video"])
    {
        RoundKind::Phone
    } else {
        RoundKind::Video
    }
}

/// The words of a text, lower-cased: "ACME Corp." reads as ["acme", "corp"].
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `needle` appears in `haystack` as whole, consecutive words.
fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Which application an event names.
enum Named<'f> {
    One(&'f ApplicationFile),
    None,
    /// Several could be meant: their ids.
    Several(Vec<String>),
}

/// The application an event belongs to: --app, else the one whose company's name appears in
/// its text as whole words. "Acme Robotics" wins over "Acme" when the text says the longer
/// name; two applications it could equally be are left to the user.
fn application_for<'f>(
    files: &'f [ApplicationFile],
    forced: Option<&str>,
    texts: &[&str],
) -> Named<'f> {
    if let Some(id) = forced {
        return files
            .iter()
            .find(|f| f.application.id == id)
            .map_or(Named::None, Named::One);
    }
    let text = words(&texts.join(" "));
    let found: Vec<(&ApplicationFile, Vec<String>)> = files
        .iter()
        .map(|f| (f, words(&f.application.company)))
        .filter(|(_, name)| contains_words(&text, name))
        .collect();
    let Some(longest) = found.iter().map(|(_, name)| name.len()).max() else {
        return Named::None;
    };
    let best: Vec<&(&ApplicationFile, Vec<String>)> = found
        .iter()
        .filter(|(_, name)| name.len() == longest)
        .collect();
    // Every other match must be part of the winner's own name ("Acme" in "Acme Robotics").
    let others_inside = found
        .iter()
        .all(|(_, name)| contains_words(&best[0].1, name));
    if best.len() == 1 && others_inside {
        Named::One(best[0].0)
    } else {
        Named::Several(
            found
                .iter()
                .map(|(f, _)| f.application.id.clone())
                .collect(),
        )
    }
}

async fn open_files(store: &Store, forced: Option<&str>) -> CliResult<Vec<ApplicationFile>> {
    if let Some(id) = forced {
        return Ok(vec![store.load(id).await?]);
    }
    Ok(store.load_every(false).await?)
}

/// An existing person of the application with one of those addresses, or that name.
fn known_person<'f>(
    file: &'f ApplicationFile,
    name: Option<&str>,
    emails: &[&str],
) -> Option<&'f Interviewer> {
    let people = file.people();
    emails
        .iter()
        .find_map(|e| {
            people.iter().find(|p| {
                p.email
                    .as_deref()
                    .is_some_and(|pe| pe.eq_ignore_ascii_case(e))
            })
        })
        .or_else(|| name.and_then(|n| people.iter().find(|p| folded(&p.name) == folded(n))))
        .copied()
}

/// Calendars often write "Family, Given": a person's name reads "Given Family".
fn natural_name(name: &str) -> String {
    match name.split_once(',') {
        Some((family, given))
            if !given.contains(',') && !family.trim().is_empty() && !given.trim().is_empty() =>
        {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.trim().to_string(),
    }
}

async fn calendar(store: &Store, args: &ImportArgs, zone: &TimeZone) -> CliResult<Changes> {
    use followup_interop::ics;
    let text = read_text(&args.file)?;
    let (events, rejected) = ics::parse_events(&text, zone);
    let files = open_files(store, args.app.as_deref()).await?;
    let own = store.profile().await?.and_then(|p| p.email);
    let mut changes = Changes {
        rejected,
        ..Changes::default()
    };
    let mut rounds: Vec<(String, Interview)> = Vec::new();
    for event in events {
        let texts = [
            event.summary.as_str(),
            event.location.as_deref().unwrap_or(""),
            event.description.as_deref().unwrap_or(""),
        ];
        let file = match application_for(&files, args.app.as_deref(), &texts) {
            Named::One(file) => file,
            Named::None => {
                changes.rejected.push(Rejected::new(
                    event.line,
                    format!(
                        "{:?} names none of your applications' companies; give --app to put it in one",
                        event.summary
                    ),
                ));
                continue;
            }
            Named::Several(ids) => {
                changes.rejected.push(Rejected::new(
                    event.line,
                    format!(
                        "{:?} could belong to {}; give --app to say which",
                        event.summary,
                        ids.join(" or ")
                    ),
                ));
                continue;
            }
        };
        let app_id = &file.application.id;
        let round_zone = event
            .zone
            .as_deref()
            .and_then(|z| TimeZone::get(z).ok())
            .unwrap_or_else(|| zone.clone());
        let start = Moment::in_zone(event.start, &round_zone);
        let taken = file
            .interviews
            .iter()
            .any(|r| r.start.timestamp() == event.start)
            || rounds
                .iter()
                .any(|(a, r)| a == app_id && r.start.timestamp() == event.start);
        let when = start
            .to_zoned(round_zone.clone())
            .strftime("%a %-d %b %Y %H:%M")
            .to_string();
        if taken {
            changes.skipped.push(format!(
                "{app_id} {}: a round at {when}",
                file.application.company
            ));
            continue;
        }
        let mut people: Vec<Interviewer> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for attendee in event.organizer.iter().chain(&event.attendees) {
            let email = attendee.email.as_deref();
            if email.is_some_and(|e| own.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(e))) {
                continue;
            }
            let name = attendee
                .name
                .as_deref()
                .map(natural_name)
                .or_else(|| email.map(|e| e.split('@').next().unwrap_or(e).to_string()));
            let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            if people.iter().any(|p| {
                folded(&p.name) == folded(&name)
                    || (p.email.is_some() && p.email.as_deref() == email)
            }) {
                continue;
            }
            let person = match known_person(file, Some(&name), email.as_slice()) {
                Some(p) => {
                    names.push(format!("{} ({})", p.name, p.id));
                    let mut p = p.clone();
                    p.details = Default::default();
                    p
                }
                None => {
                    let mut p = Interviewer::named(&name);
                    if followup_core::validate::text("attendee", &name, false).is_err() {
                        continue;
                    }
                    if let Some(e) = email
                        && followup_core::validate::email("attendee", e).is_ok()
                    {
                        p.email = Some(e.to_string());
                    }
                    // One new person however many of the file's rounds they are in.
                    let key = p
                        .email
                        .as_deref()
                        .map(str::to_lowercase)
                        .unwrap_or_else(|| folded(&p.name));
                    p.id = format!("{}{key}", followup_store::NEW_PERSON);
                    names.push(format!("{} (new)", p.name));
                    p
                }
            };
            people.push(person);
        }
        let kind = kind_of(&texts.join(" "));
        let with = if names.is_empty() {
            String::new()
        } else {
            format!(" with {}", names.join(", "))
        };
        changes.added.push(format!(
            "{app_id} {}: {kind} round {when}{}{with}",
            file.application.company,
            event
                .occurrence
                .map(|n| format!(" (#{n})"))
                .unwrap_or_default()
        ));
        rounds.push((
            app_id.clone(),
            Interview {
                id: String::new(),
                kind,
                start,
                end: event.end.map(|e| Moment::in_zone(e, &round_zone)),
                timezone: event.zone.clone(),
                decision_expected_by: None,
                personal_rapport: false,
                interviewers: people,
            },
        ));
    }
    if atomic_refusal(args, &mut changes) {
        return Ok(changes);
    }
    if args.apply && !rounds.is_empty() {
        let saved = store.save_rounds(&rounds).await?;
        for (line, round) in changes.added.iter_mut().zip(&saved) {
            *line = format!("{} {line}", round.id);
        }
        changes.applied = true;
    }
    Ok(changes)
}

async fn contacts(store: &Store, args: &ImportArgs) -> CliResult<Changes> {
    use followup_interop::vcard;
    let text = read_text(&args.file)?;
    let (cards, rejected) = vcard::parse_vcards(&text);
    let files: Vec<ApplicationFile> = match (&args.app, &args.round) {
        (Some(app), _) => vec![store.load(app).await?],
        (None, Some(round)) => vec![
            store
                .load(&store.application_of_round(round).await?)
                .await?,
        ],
        (None, None) => open_files(store, None).await?,
    };
    let target = match &args.round {
        None => None,
        Some(round_id) => {
            let file = &files[0];
            let round = file
                .interviews
                .iter()
                .find(|r| &r.id == round_id)
                .ok_or_else(|| {
                    CliError::bad_input(
                        format!(
                            "--round: {round_id} is not a round of {}",
                            file.application.id
                        ),
                        "`followup interview list` shows the rounds",
                    )
                })?;
            Some((file, round))
        }
    };
    let mut changes = Changes {
        rejected,
        ..Changes::default()
    };
    // Rounds as they will be saved, by application and round id.
    let mut rounds: HashMap<(String, String), Interview> = HashMap::new();
    for card in cards {
        let emails: Vec<&str> = card.emails.iter().map(String::as_str).collect();
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(e) = emails.first() {
            fields.push(("email", e.to_string()));
        }
        if let Some(p) = card.phones.first() {
            fields.push(("phone", p.clone()));
        }
        if let Some(t) = &card.title {
            fields.push(("title", t.clone()));
        }
        if let Some(l) = &card.linkedin {
            fields.push(("linkedin", l.clone()));
        }
        // A card with a value the app cannot use is refused whole, never half applied.
        let mut probe = Interviewer::named(&card.name);
        let problem = followup_core::validate::text("name", &card.name, false)
            .err()
            .or_else(|| {
                fields
                    .iter()
                    .find_map(|(key, value)| probe.set_field("vcard", key, value).err())
            });
        if let Some(e) = problem {
            changes
                .rejected
                .push(Rejected::new(card.line, e.to_string()));
            continue;
        }
        // The same person may be in several applications (two roles at one company): each
        // copy is filled in. An address is surer than a name, so a match by address wins.
        let by_email: Vec<(&ApplicationFile, &Interviewer)> = files
            .iter()
            .filter_map(|f| known_person(f, None, &emails).map(|p| (f, p)))
            .collect();
        let matches = if by_email.is_empty() {
            files
                .iter()
                .filter_map(|f| known_person(f, Some(&card.name), &[]).map(|p| (f, p)))
                .collect()
        } else {
            by_email
        };
        if matches.is_empty() {
            let Some((file, round)) = target else {
                changes.rejected.push(Rejected::new(
                    card.line,
                    format!(
                        "{} is not among the people of your applications; give --round to add them to a round",
                        card.name
                    ),
                ));
                continue;
            };
            let app_id = file.application.id.clone();
            let mut person = probe;
            let recruiter = card.job_title.as_deref().is_some_and(|t| {
                let t = t.to_lowercase();
                t.contains("recruit") || t.contains("talent")
            });
            if recruiter {
                person.role = followup_core::ContactRole::Recruiter;
            }
            person.id = format!("{}{}", followup_store::NEW_PERSON, card.line);
            changes.added.push(format!(
                "{app_id} {}: {} ({})",
                round.id, person.name, person.role
            ));
            rounds
                .entry((app_id, round.id.clone()))
                .or_insert_with(|| round.clone())
                .interviewers
                .push(person);
            continue;
        }
        for (file, person) in matches {
            let app_id = file.application.id.clone();
            // Fill what is missing; never overwrite what the user typed.
            let mut updated = person.clone();
            let mut changed = Vec::new();
            for (key, value) in &fields {
                let empty = match *key {
                    "email" => updated.email.is_none(),
                    "phone" => updated.phone.is_none(),
                    "title" => updated.title.is_none(),
                    _ => updated.linkedin.is_none(),
                };
                if empty && updated.set_field("vcard", key, value).is_ok() {
                    changed.push(*key);
                }
            }
            if changed.is_empty() {
                changes.skipped.push(format!(
                    "{app_id} {} ({}): nothing new",
                    person.name, person.id
                ));
                continue;
            }
            changes.updated.push(format!(
                "{app_id} {} ({}): {}",
                person.name,
                person.id,
                changed.join(", ")
            ));
            for round in file
                .interviews
                .iter()
                .filter(|r| r.interviewers.iter().any(|p| p.id == person.id))
            {
                let entry = rounds
                    .entry((app_id.clone(), round.id.clone()))
                    .or_insert_with(|| round.clone());
                for p in entry.interviewers.iter_mut().filter(|p| p.id == person.id) {
                    let details = std::mem::take(&mut p.details);
                    *p = updated.clone();
                    p.details = details;
                }
            }
        }
    }
    if atomic_refusal(args, &mut changes) {
        return Ok(changes);
    }
    if args.apply && !rounds.is_empty() {
        let mut list: Vec<(String, Interview)> = rounds
            .into_iter()
            .map(|((app, _), round)| (app, round))
            .collect();
        list.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        store.save_rounds(&list).await?;
        changes.applied = true;
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_words_of_the_event() {
        assert_eq!(kind_of("Phone screen with Acme"), RoundKind::Phone);
        assert_eq!(kind_of("Acme interview (Zoom) call"), RoundKind::Video);
        assert_eq!(kind_of("Panel interview"), RoundKind::Panel);
        assert_eq!(kind_of("Onsite at Acme HQ"), RoundKind::Onsite);
        assert_eq!(kind_of("Coffee with Joan"), RoundKind::Networking);
        assert_eq!(kind_of("Acme: second interview"), RoundKind::Video);
        assert_eq!(kind_of("Interview, Acme HQ, Room 3"), RoundKind::Onsite);
    }

    #[test]
    fn family_given_names_read_naturally() {
        assert_eq!(natural_name("Okafor, Ruth"), "Ruth Okafor");
        assert_eq!(natural_name("Ruth Okafor"), "Ruth Okafor");
        assert_eq!(natural_name("Smith, Jr., John"), "Smith, Jr., John");
    }
}
