//! Everything the checker should know about a stored follow-up.

use followup_check::{Context, Named};
use followup_compose::Templates;
use followup_core::{ActionKind, ActionRef, ApplicationFile, Channel, Moment};
use followup_plan::Plan;
use followup_store::Store;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ActionsError;
use crate::text::{as_text, draft_of};

/// The people, the company, the other companies applied to (a note naming one of them is the
/// wrong company), the interviewer's details, and the notes to the round's other people as
/// they stand now (saved or freshly drafted), for `text` to be sent at `sent_at`.
#[allow(clippy::too_many_arguments)]
pub async fn check_context(
    store: &Store,
    text: &str,
    file: &ApplicationFile,
    plan: &Plan,
    action: &ActionRef,
    channel: Channel,
    templates: &Templates,
    sent_at: Timestamp,
) -> Result<Context, ActionsError> {
    // Only the companies the text could name: a search of thousands stays a lookup.
    let other_companies = store.other_companies_in(&file.application.id, text).await?;
    let round = file.interviews.iter().find(|r| r.id == action.interview);
    let mut siblings = Vec::new();
    for person in round.map(|r| r.interviewers.as_slice()).unwrap_or_default() {
        if person.id == action.to {
            continue;
        }
        let other = ActionRef {
            to: person.id.clone(),
            ..action.clone()
        };
        if let Some(a) = plan.actions.iter().find(|a| a.name() == other) {
            let text = match store
                .draft(&file.application.id, &other.to_string())
                .await?
            {
                Some(saved) => as_text(saved.subject.as_deref(), &saved.body),
                None => {
                    let d = draft_of(file, templates, &other, a.channel, a.late)?;
                    as_text(d.subject.as_deref(), &d.body)
                }
            };
            siblings.push(text);
        }
    }
    let person = file.people().into_iter().find(|p| p.id == action.to);
    let details = round
        .and_then(|r| r.interviewers.iter().find(|p| p.id == action.to))
        .map(|p| p.details.notes().cloned().collect())
        .unwrap_or_default();
    let profile_zone = TimeZone::get(&file.profile.timezone).unwrap_or(TimeZone::UTC);
    Ok(Context {
        kind: Some(action.kind),
        channel: Some(channel),
        culture: Some(file.application.culture()),
        sender: Some(Named {
            name: Some(file.profile.name.clone()),
            ..Named::default()
        }),
        recipient: person.map(|p| Named {
            name: Some(p.name.clone()),
            title: p.title.clone(),
            given: Some(p.given_name()),
            family: Some(p.family_name()),
        }),
        company: Some(file.application.company.clone()),
        role: Some(file.application.role.clone()),
        other_companies,
        details,
        siblings,
        sent_at: Some(Moment::in_zone(sent_at, &profile_zone)),
        interview_end: round.map(|r| Moment::in_zone(r.effective_end(), &profile_zone)),
        decision_expected_by: round.and_then(|r| r.decision_expected_by),
        check_ins_sent: Some(
            file.touchpoints
                .iter()
                .filter(|t| t.kind == ActionKind::CheckIn && t.interview == action.interview)
                .count() as u32,
        ),
        linkedin_note_limit: Some(file.settings.linkedin_note_limit),
        // The shells fill the profile's locale from LANG when the user chose none.
        locale: file.profile.locale,
    })
}
