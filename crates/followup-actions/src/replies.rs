//! What came back from the employer: replies read from the mailbox, the user's word on each
//! (recorded as a response with the outcome proposed, or another), and a response recorded
//! by hand. Each moves the application's stage as its outcome says.

use followup_core::edit::word;
use followup_core::when::{parse_decision, parse_moment};
use followup_core::{
    ActionKind, ApplicationFile, InputError, Moment, Outcome, Response, Stage, validate,
};
use followup_mail::MailConfig;
use followup_mail::sync::SyncReport;
use followup_store::Store;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::Serialize;

use crate::{ActionsError, ImapAccount, imap_of};

/// A response on record: what was recorded, the application as it was, and its new stage.
#[derive(Debug)]
pub struct Recorded {
    pub response: Response,
    pub file: ApplicationFile,
    pub new_stage: Option<Stage>,
}

/// What reading the mailbox found, and the check-ins an out-of-office reply moved.
#[derive(Debug, Serialize)]
pub struct RepliesRead {
    #[serde(flatten)]
    pub report: SyncReport,
    pub held: Vec<HeldCheckIn>,
}

/// A check-in that waits for someone's return, named by the inbox entry that said so.
#[derive(Debug, Serialize)]
pub struct HeldCheckIn {
    pub entry: i64,
    pub application: String,
    pub action: String,
    pub opens: Moment,
}

/// Reads new mail now (as the worker does on its schedule) and says what it found; dates in
/// replies are read in `zone`, the user's.
pub async fn read_replies(
    store: &Store,
    config: &MailConfig,
    zone: &TimeZone,
    now: Timestamp,
) -> Result<RepliesRead, ActionsError> {
    let Some(ImapAccount { mut imap, .. }) = imap_of(config).await? else {
        return Err(InputError::invalid(
            "imap",
            "",
            "no IMAP account is set up to read replies from",
            "set one with `followup mail set --imap imaps://you@mail.example`, FOLLOWUP_IMAP_URL, or on the Settings page under Mail",
        )
        .into());
    };
    let own = store.profile().await?.and_then(|p| p.email);
    let report = followup_mail::sync::sync(store, &mut imap, own.as_deref(), zone, now).await;
    imap.logout().await;
    Ok(with_held_check_ins(store, report?, now).await)
}

/// What a sync found, with the check-in each out-of-office reply now holds back. What it
/// found is saved already: an application that cannot be read now only goes unmentioned.
pub(crate) async fn with_held_check_ins(
    store: &Store,
    report: SyncReport,
    now: Timestamp,
) -> RepliesRead {
    let mut held = Vec::new();
    for entry in &report.entries {
        let (Some(_), Some(contact)) = (entry.away_until, &entry.contact_id) else {
            continue;
        };
        let Ok(file) = store.load(&entry.application_id).await else {
            continue;
        };
        let plan = followup_plan::plan(&file, now);
        held.extend(
            plan.actions
                .iter()
                .find(|a| a.kind == ActionKind::CheckIn && a.to == *contact && a.status.is_open())
                .map(|a| HeldCheckIn {
                    entry: entry.id,
                    application: entry.application_id.clone(),
                    action: a.name().to_string(),
                    opens: a.opens,
                }),
        );
    }
    RepliesRead { report, held }
}

/// Records inbox entry `id` as a response. `outcome` overrides the proposal; `decision`
/// (read in `now`'s zone) goes only with an update. The field names are the caller's, for
/// errors: a flag on the command line, a form field on a page.
pub async fn accept_reply(
    store: &Store,
    id: i64,
    (outcome_field, outcome): (&str, Option<&str>),
    (decision_field, decision): (&str, Option<&str>),
    now: &Zoned,
) -> Result<Recorded, ActionsError> {
    let entry = store.inbox_entry(id).await?;
    let outcome: Outcome = match outcome.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => o
            .parse()
            .map_err(|e| InputError::not_one_of(outcome_field, e))?,
        None => entry.outcome.ok_or_else(|| {
            InputError::invalid(
                outcome_field,
                "",
                format!("inbox {id} is an automatic reply: there is nothing to accept"),
                "its return date already holds the check-ins; dismiss it",
            )
        })?,
    };
    let zone = now.time_zone();
    let decision = match (decision.map(str::trim).filter(|d| !d.is_empty()), outcome) {
        (Some(d), Outcome::Update) => Some(parse_decision(decision_field, d, now, zone)?),
        (Some(d), other) => {
            return Err(InputError::invalid(
                decision_field,
                d,
                format!(
                    "a decision date goes with an update, not {}",
                    with_article(other)
                ),
                "accept it as an update, or leave the date out",
            )
            .into());
        }
        (None, Outcome::Update) => entry.decision_expected_by,
        (None, _) => None,
    };
    let file = store.load(&entry.application_id).await?;
    let new_stage = file.application.stage.after(outcome);
    let response = Response {
        from: entry.contact_id.clone(),
        at: entry.received_at,
        outcome,
        decision_expected_by: decision,
        note: Some(format!("{}: {}", entry.subject, entry.excerpt)),
    };
    store.accept_inbox(id, &response, new_stage).await?;
    Ok(Recorded {
        response,
        file,
        new_stage,
    })
}

/// Sets inbox entry `id` aside without recording anything; an error says so when it does not
/// wait for the user's word (accepted or dismissed already).
pub async fn dismiss_reply(store: &Store, id: i64) -> Result<(), ActionsError> {
    if store.dismiss_inbox(id).await? {
        return Ok(());
    }
    let entry = store.inbox_entry(id).await?;
    Err(InputError::invalid(
        "inbox",
        id.to_string(),
        format!("inbox {id} is {}, not waiting", entry.state.as_str()),
        "see what waits in the Inbox page or with `followup inbox`",
    )
    .into())
}

/// A response as the user typed it; empty fields are left out.
#[derive(Clone, Copy, Debug, Default)]
pub struct NewResponse<'a> {
    pub outcome: &'a str,
    /// A person's id in the application, e.g. p2.
    pub from: Option<&'a str>,
    /// When it came: empty means now.
    pub at: Option<&'a str>,
    pub decision: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// What each field is called where the user typed it, for errors: a flag on the command
/// line, a form field on a page.
#[derive(Clone, Copy, Debug)]
pub struct ResponseFields {
    pub outcome: &'static str,
    pub from: &'static str,
    pub at: &'static str,
    pub decision: &'static str,
    pub note: &'static str,
}

/// Records a response to application `app` by hand: checked whole before anything is written.
pub async fn record_response(
    store: &Store,
    app: &str,
    new: NewResponse<'_>,
    fields: &ResponseFields,
    now: &Zoned,
) -> Result<Recorded, ActionsError> {
    fn given(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|t| !t.is_empty())
    }
    let outcome: Outcome = word(fields.outcome, new.outcome.trim())?;
    let file = store.load(app).await?;
    if let Some(from) = given(new.from) {
        require_person(&file, fields.from, from)?;
    }
    let zone = now.time_zone();
    let at = match given(new.at) {
        Some(at) => parse_moment(fields.at, at, now, zone)?,
        None => Moment::in_zone(now.timestamp(), zone),
    };
    let decision = match (given(new.decision), outcome) {
        (Some(d), Outcome::Update) => Some(parse_decision(fields.decision, d, now, zone)?),
        (Some(d), other) => {
            return Err(InputError::invalid(
                fields.decision,
                d,
                format!(
                    "a new decision date comes with an update, not {}",
                    with_article(other)
                ),
                "record it as an update, or leave the decision date out",
            )
            .into());
        }
        (None, _) => None,
    };
    let note = given(new.note);
    if let Some(note) = note {
        validate::text(fields.note, note, true)?;
    }
    let new_stage = file.application.stage.after(outcome);
    let response = Response {
        from: given(new.from).map(str::to_string),
        at,
        outcome,
        decision_expected_by: decision,
        note: note.map(str::to_string),
    };
    store
        .add_response(&file.application.id, &response, new_stage)
        .await?;
    Ok(Recorded {
        response,
        file,
        new_stage,
    })
}

/// An error unless `id` is one of the application's people, naming those it has.
pub fn require_person(file: &ApplicationFile, field: &str, id: &str) -> Result<(), InputError> {
    let people = file.people();
    if people.iter().any(|p| p.id == id) {
        return Ok(());
    }
    let known = people.iter().map(|p| p.id.clone()).collect();
    let hint = InputError::UnknownId {
        kind: "interviewer",
        value: id.into(),
        known,
    }
    .hint();
    Err(InputError::invalid(
        field,
        id,
        format!(
            "application {} has no interviewer {id:?}",
            file.application.id
        ),
        hint,
    ))
}

/// "an offer", "a rejection": an outcome as a sentence names it.
fn with_article(outcome: Outcome) -> String {
    let word = outcome.to_string();
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_take_the_article_they_are_said_with() {
        assert_eq!(with_article(Outcome::Offer), "an offer");
        assert_eq!(with_article(Outcome::Update), "an update");
        assert_eq!(with_article(Outcome::Rejection), "a rejection");
        assert_eq!(with_article(Outcome::NextRound), "a next-round");
    }
}
