//! The "proof of applications": a printable page of every application with the day it was
//! added, its rounds, and each follow-up sent and answer received, as some job centres ask
//! for. One self-contained HTML file (its style inline), the same from the CLI and the app.

use std::collections::HashMap;

use followup_core::{ApplicationFile, Moment, Profile};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use minijinja::{Environment, context};

/// The report over `files` (archived ones included: they are history too) added on or after
/// `since`, each dated by `added` (by id; the day of `now` when unknown). Also says how many
/// applications it lists.
pub fn proof_of_applications(
    files: &[ApplicationFile],
    added: &HashMap<String, Moment>,
    profile: Option<&Profile>,
    since: Option<Date>,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<(String, usize), minijinja::Error> {
    let day = |m: Moment| m.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string();
    let today = now.to_zoned(zone.clone()).date();
    let dated: Vec<(&ApplicationFile, Date)> = files
        .iter()
        .map(|f| {
            let on = added
                .get(&f.application.id)
                .map_or(today, |m| m.to_zoned(zone.clone()).date());
            (f, on)
        })
        .collect();
    let mut rows: Vec<&(&ApplicationFile, Date)> = dated
        .iter()
        .filter(|(_, added)| since.is_none_or(|s| *added >= s))
        .collect();
    rows.sort_by_key(|(f, added)| (*added, f.application.id.clone()));
    let applications: Vec<minijinja::Value> = rows
        .iter()
        .map(|(f, added)| {
            let a = &f.application;
            let name_of = |id: &Option<String>| {
                id.as_ref().map(|id| {
                    f.people()
                        .iter()
                        .find(|p| &p.id == id)
                        .map(|p| p.name.clone())
                        .unwrap_or_else(|| id.clone())
                })
            };
            let mut events: Vec<(Timestamp, String, String)> = Vec::new();
            for r in &f.interviews {
                let people: Vec<&str> = r.interviewers.iter().map(|p| p.name.as_str()).collect();
                events.push((
                    r.start.timestamp(),
                    day(r.start),
                    format!(
                        "{} interview{}",
                        r.kind,
                        if people.is_empty() {
                            String::new()
                        } else {
                            format!(" with {}", people.join(", "))
                        }
                    ),
                ));
            }
            for t in &f.touchpoints {
                events.push((
                    t.at.timestamp(),
                    day(t.at),
                    format!(
                        "{} sent{} by {}",
                        t.kind,
                        name_of(&t.to).map(|n| format!(" to {n}")).unwrap_or_default(),
                        t.channel
                    ),
                ));
            }
            for r in &f.responses {
                events.push((
                    r.at.timestamp(),
                    day(r.at),
                    format!(
                        "{} received{}",
                        r.outcome,
                        name_of(&r.from).map(|n| format!(" from {n}")).unwrap_or_default()
                    ),
                ));
            }
            events.sort_by_key(|e| e.0);
            context! {
                id => a.id.clone(),
                company => a.company.clone(),
                role => a.role.clone(),
                source => a.source.clone(),
                stage => a.stage.to_string(),
                added => added.to_string(),
                events => events.into_iter().map(|(_, d, what)| context! { day => d, what }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let mut env = Environment::new();
    env.add_template("report.html", include_str!("../templates/report.html"))?;
    let count = applications.len();
    let html = env.get_template("report.html")?.render(context! {
        name => profile.map(|p| p.name.clone()),
        email => profile.and_then(|p| p.email.clone()),
        phone => profile.and_then(|p| p.phone.clone()),
        since => since.map(|d| d.to_string()),
        made => now.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string(),
        count,
        applications,
    })?;
    Ok((html, count))
}
