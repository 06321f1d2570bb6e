//! The forms that change what is already there: an application's fields and whether it is
//! archived, a round's time and decision date, and each person with what they talked about
//! (the debrief). Each saves through the store in one transaction, so the plan moves at once.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use followup_core::edit::word;
use followup_core::read_name;
use followup_core::when::{end_after, parse_decision, parse_moment, round_length};
use followup_core::{
    ApplicationFile, Culture, InputError, Interview, Interviewer, Stage, validate,
};
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{PageError, PageResult, profile_zone};
use crate::security::CheckedForm;

fn back_to(id: &str) -> PageResult {
    Ok(Redirect::to(&format!("/apps/{id}")).into_response())
}

/// An optional text field: empty clears it, anything else is checked as one line.
fn optional_line(field: &str, value: &str) -> Result<Option<String>, InputError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    validate::text(field, value, false)?;
    Ok(Some(value.to_string()))
}

/// A list typed one item per line, each checked.
fn lines(field: &str, text: &str) -> Result<Vec<String>, InputError> {
    let mut items: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        validate::text(field, line, false)?;
        if !items.iter().any(|i| i == line) {
            items.push(line.to_string());
        }
    }
    Ok(items)
}

#[derive(Deserialize)]
pub struct ApplicationForm {
    company: String,
    role: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    culture: String,
    #[serde(default)]
    no_calls: Option<String>,
    stage: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    notes: String,
}

pub async fn edit_application(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<ApplicationForm>,
) -> PageResult {
    let mut app = state.store().application(&id).await?;
    validate::text("company", &form.company, false)?;
    validate::text("role", &form.role, false)?;
    app.company = form.company.trim().to_string();
    app.role = form.role.trim().to_string();
    app.industry = optional_line("industry", &form.industry)?;
    app.culture = match form.culture.trim() {
        "" | "auto" => None,
        c => Some(word::<Culture>("culture", c)?),
    };
    app.prefers_no_calls = form.no_calls.is_some();
    app.stage = word::<Stage>("stage", &form.stage)?;
    app.source = optional_line("source", &form.source)?;
    let notes = form.notes.replace("\r\n", "\n");
    app.notes = match notes.trim() {
        "" => None,
        n => {
            validate::text("notes", n, true)?;
            Some(n.to_string())
        }
    };
    state.store().update_application(&app).await?;
    back_to(&id)
}

#[derive(Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    undo: Option<String>,
}

pub async fn archive_application(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<ArchiveForm>,
) -> PageResult {
    let mut app = state.store().application(&id).await?;
    app.archived = form.undo.is_none();
    state.store().update_application(&app).await?;
    back_to(&id)
}

/// The round `round_id` of application `id`, with the zone its times are read in.
async fn round_of(
    state: &AppState,
    id: &str,
    round_id: &str,
) -> Result<(ApplicationFile, Interview, TimeZone), PageError> {
    let file = state.store().load(id).await?;
    let Some(round) = file.interviews.iter().find(|r| r.id == round_id).cloned() else {
        let known = file.interviews.iter().map(|r| r.id.clone()).collect();
        return Err(InputError::UnknownId {
            kind: "round",
            value: round_id.to_string(),
            known,
        }
        .into());
    };
    let zone = match round.timezone.as_deref() {
        Some(name) => validate::time_zone("round time zone", name)?,
        None => profile_zone(state).await?,
    };
    Ok((file, round, zone))
}

/// The values a round's form starts from, as the page shows them.
pub fn round_form_values(round: &Interview, fallback: &TimeZone) -> minijinja::Value {
    let zone = round
        .timezone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or_else(|| fallback.clone());
    let minutes = round
        .effective_end()
        .duration_since(round.start.timestamp())
        .as_mins();
    minijinja::context! {
        start => round.start.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string(),
        duration => format!("{minutes}m"),
        decision => round.decision_expected_by.map(|d| d.to_string()).unwrap_or_default(),
        zone => zone.iana_name().unwrap_or("UTC").to_string(),
        rapport => round.personal_rapport,
    }
}

#[derive(Deserialize)]
pub struct RoundForm {
    kind: String,
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    rapport: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
}

pub async fn edit_round(
    State(state): State<AppState>,
    Path((id, round_id)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<RoundForm>,
) -> PageResult {
    let (file, mut round, zone) = round_of(&state, &id, &round_id).await?;
    let now = state.now().to_zoned(zone.clone());
    round.kind = word("kind", &form.kind)?;
    round.start = parse_moment("start", &form.start, &now, &zone)?;
    let length = round_length("duration", &form.duration)?;
    round.end = Some(end_after("duration", round.start, length, &zone)?);
    round.decision_expected_by = match form.decision.trim() {
        "" => None,
        d => Some(parse_decision("decision", d, &now, &zone)?),
    };
    round.personal_rapport = form.rapport.is_some();
    if !form.name.trim().is_empty() {
        // Someone already known to the application joins by name rather than twice over.
        let known = file
            .people()
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(form.name.trim()));
        let person = match known {
            // Someone known joins as they are: this form names them, it does not rename them
            // or change their address (their own form does that).
            Some(p) if !round.interviewers.iter().any(|r| r.id == p.id) => {
                let mut p = p.clone();
                p.details = Default::default();
                if p.email.is_none() && !form.email.trim().is_empty() {
                    p.set_field("", "email", &form.email)?;
                }
                p
            }
            Some(p) => {
                return Err(InputError::invalid(
                    "name",
                    form.name.trim(),
                    format!("{} is already in round {}", p.name, round.id),
                    "edit them below instead",
                )
                .into());
            }
            None => {
                let mut p = Interviewer::named(&form.name);
                p.set_field("", "name", &form.name)?;
                if !form.role.trim().is_empty() {
                    p.set_field("", "role", &form.role)?;
                }
                if !form.email.trim().is_empty() {
                    p.set_field("", "email", &form.email)?;
                }
                p
            }
        };
        round.interviewers.push(person);
    } else if !form.email.trim().is_empty() {
        return Err(InputError::invalid(
            "name",
            "",
            "an address without a name",
            "give the person's name too",
        )
        .into());
    }
    state
        .store()
        .save_round(&file.application.id, &round)
        .await?;
    back_to(&id)
}

/// A person's contact fields and, for this round, what they talked about. Which highlights
/// fit comes as `fit_N` checkboxes, one per highlight of the profile.
pub async fn edit_person(
    State(state): State<AppState>,
    Path((id, round_id, person_id)): Path<(String, String, String)>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> PageResult {
    let (file, mut round, _) = round_of(&state, &id, &round_id).await?;
    let Some(person) = round.interviewers.iter_mut().find(|p| p.id == person_id) else {
        return Err(not_in_round(&round, &person_id).into());
    };
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    // A name typed with a title or family name first ("Dr. Grace Hopper") fills the title,
    // given and family fields itself; left empty on the form, they must not undo that.
    let typed = read_name(field("name"));
    let name_says_more = typed.title.is_some() || field("name").contains(',');
    for key in followup_core::edit::PERSON_FIELDS {
        if let Some(value) = form.get(*key) {
            let filled_by_name = matches!(*key, "title" | "given" | "family");
            if name_says_more && filled_by_name && value.trim().is_empty() {
                continue;
            }
            person.set_field("", key, value)?;
        }
    }
    person.details.topics = lines("topics", field("topics"))?;
    person.details.shared = lines("shared", field("shared"))?;
    person.details.concerns = lines("concerns", field("concerns"))?;
    let highlights = &file.profile.highlights;
    // A highlight no longer in the profile stays with the person: the form cannot show it.
    let mut fits: Vec<String> = person
        .details
        .highlights
        .iter()
        .filter(|h| !highlights.contains(h))
        .cloned()
        .collect();
    for (n, h) in highlights.iter().enumerate() {
        if form.contains_key(&format!("fit_{n}")) {
            fits.push(h.clone());
        }
    }
    person.details.highlights = fits;
    state
        .store()
        .save_round(&file.application.id, &round)
        .await?;
    back_to(&id)
}

#[derive(Deserialize)]
pub struct Nothing {}

pub async fn remove_person(
    State(state): State<AppState>,
    Path((id, round_id, person_id)): Path<(String, String, String)>,
    CheckedForm(_): CheckedForm<Nothing>,
) -> PageResult {
    let (file, mut round, _) = round_of(&state, &id, &round_id).await?;
    let before = round.interviewers.len();
    round.interviewers.retain(|p| p.id != person_id);
    if round.interviewers.len() == before {
        return Err(not_in_round(&round, &person_id).into());
    }
    state
        .store()
        .save_round(&file.application.id, &round)
        .await?;
    back_to(&id)
}

fn not_in_round(round: &Interview, who: &str) -> InputError {
    InputError::UnknownId {
        kind: "person",
        value: who.to_string(),
        known: round.interviewers.iter().map(|p| p.id.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_one_checked_item_per_line() {
        assert_eq!(
            lines("topics", " Kafka \r\n\r\nbilling\nKafka\n").unwrap(),
            ["Kafka", "billing"]
        );
        assert!(lines("topics", "a\u{0}b").is_err());
        assert_eq!(optional_line("source", "  ").unwrap(), None);
    }
}
