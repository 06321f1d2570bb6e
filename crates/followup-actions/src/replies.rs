//! The user's word on a reply that `sync` found: recorded as a response with the outcome
//! proposed (or another), and the application's stage moved as that outcome says.

use followup_core::when::parse_decision;
use followup_core::{ApplicationFile, InputError, Outcome, Response, Stage};
use followup_store::Store;
use jiff::Zoned;

use crate::ActionsError;

/// A reply accepted: the response recorded, the application as it was, and its new stage.
#[derive(Debug)]
pub struct Accepted {
    pub response: Response,
    pub file: ApplicationFile,
    pub new_stage: Option<Stage>,
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
) -> Result<Accepted, ActionsError> {
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
                format!("a decision date goes with an update, not a {other}"),
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
    Ok(Accepted {
        response,
        file,
        new_stage,
    })
}
