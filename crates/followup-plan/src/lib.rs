//! The follow-up planner of SPEC §2: an application's history and "now" in, its actions and status out.
//!
//! Planning happens in two steps so that a store can keep plans ready without knowing the
//! time: [`schedule`] turns the history alone into every action with its window (opens, due,
//! late after, suggested) and settles what the history settles (done, cancelled); then
//! [`Schedule::at`] reads the clock to say what is upcoming, due or overdue. Both are pure.

pub mod calendar;

use std::collections::HashSet;

use followup_core::{
    ActionKind, ActionRef, ApplicationFile, Channel, ContactRole, Culture, Interview, Interviewer,
    Moment, Outcome, RoundKind,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

pub use calendar::BusinessCalendar;

/// Bumped whenever planning rules change, so stores re-plan what they keep.
pub const PLANNER_VERSION: u32 = 3;

/// Where one action stands at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Done,
    Cancelled,
    Upcoming,
    Due,
    Overdue,
}

impl ActionStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
            ActionStatus::Upcoming => "upcoming",
            ActionStatus::Due => "due",
            ActionStatus::Overdue => "overdue",
        }
    }

    /// Still to do (not done, not cancelled).
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            ActionStatus::Upcoming | ActionStatus::Due | ActionStatus::Overdue
        )
    }
}

/// Where a whole application stands (SPEC §2, first that holds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppStatus {
    Offer,
    Rejected,
    NoResponse,
    AwaitingDecision,
    ThankYousDue,
}

impl AppStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            AppStatus::Offer => "offer",
            AppStatus::Rejected => "rejected",
            AppStatus::NoResponse => "no-response",
            AppStatus::AwaitingDecision => "awaiting-decision",
            AppStatus::ThankYousDue => "thank-yous-due",
        }
    }
}

/// One planned follow-up, as SPEC §5 prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Action {
    pub kind: ActionKind,
    pub interview: String,
    pub to: String,
    pub n: u32,
    pub channel: Channel,
    pub opens: Moment,
    pub due: Moment,
    pub late_after: Option<Moment>,
    pub suggested: Moment,
    pub status: ActionStatus,
    pub late: bool,
    pub optional: bool,
    pub alternative_to: Option<String>,
    pub reason: String,
    /// The recipient's IANA zone, in which the instants above are shown.
    #[serde(skip)]
    pub zone: String,
}

impl Action {
    /// Why the action is planned, as one sentence for people: optional or instead of another,
    /// then the rule's reason.
    pub fn explanation(&self) -> String {
        let mut why = String::new();
        if self.optional {
            why.push_str("Optional. ");
        }
        if let Some(partner) = &self.alternative_to {
            why.push_str(&format!("Instead of {partner}. "));
        }
        why.push_str(&self.reason);
        why
    }

    /// The action's name, `KIND:INTERVIEW:TO[:N]`.
    pub fn name(&self) -> ActionRef {
        ActionRef {
            kind: self.kind,
            interview: self.interview.clone(),
            to: self.to.clone(),
            n: self.n,
        }
    }
}

/// The status an open action has at `now`, and whether it is late (SPEC §2).
pub fn open_status(
    opens: Timestamp,
    due: Timestamp,
    late_after: Option<Timestamp>,
    now: Timestamp,
) -> (ActionStatus, bool) {
    if now < opens {
        (ActionStatus::Upcoming, false)
    } else if now <= due {
        (ActionStatus::Due, false)
    } else {
        (ActionStatus::Overdue, late_after.is_some_and(|l| now > l))
    }
}

/// The application's status at `now` from what its history settled.
pub fn app_status(
    outcome: Option<Outcome>,
    quiet_from: Option<Timestamp>,
    thank_yous_done: bool,
    now: Timestamp,
) -> AppStatus {
    match outcome {
        Some(Outcome::Offer) => AppStatus::Offer,
        Some(Outcome::Rejection) => AppStatus::Rejected,
        _ if quiet_from.is_some_and(|q| q <= now) => AppStatus::NoResponse,
        _ if thank_yous_done => AppStatus::AwaitingDecision,
        _ => AppStatus::ThankYousDue,
    }
}

/// An application's plan at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub status: AppStatus,
    pub actions: Vec<Action>,
}

/// Everything the history settles, before the clock is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Every action, ordered by `opens`; open ones carry `Upcoming` until [`Schedule::at`].
    pub actions: Vec<Action>,
    /// The later of an offer or a rejection, if any came.
    pub outcome: Option<Outcome>,
    /// From this instant the application is `no-response` and nothing more is planned.
    pub quiet_from: Option<Timestamp>,
    /// Every thank-you of the latest round is done.
    pub thank_yous_done: bool,
}

impl Schedule {
    /// The plan as it stands at `now`.
    ///
    /// `no-response` changes only the application's status: by then every allowed check-in is
    /// done, so no more are planned, and thank-yous, cards and LinkedIn connections are never
    /// cancelled (SPEC §2).
    pub fn at(&self, now: Timestamp) -> Plan {
        let status = app_status(self.outcome, self.quiet_from, self.thank_yous_done, now);
        let actions = self
            .actions
            .iter()
            .cloned()
            .map(|mut a| {
                if a.status.is_open() {
                    let (status, late) = open_status(
                        a.opens.timestamp(),
                        a.due.timestamp(),
                        a.late_after.map(|l| l.timestamp()),
                        now,
                    );
                    a.status = status;
                    a.late = late;
                }
                a
            })
            .collect();
        Plan { status, actions }
    }
}

/// Plans an application at `now`: [`schedule`] then [`Schedule::at`].
pub fn plan(file: &ApplicationFile, now: Timestamp) -> Plan {
    schedule(file).at(now)
}

const HOUR: SignedDuration = SignedDuration::from_hours(1);
const DAY: SignedDuration = SignedDuration::from_hours(24);

/// What the rules need while walking one application.
struct Planner<'a> {
    file: &'a ApplicationFile,
    calendar: BusinessCalendar,
    profile_zone: TimeZone,
    actions: Vec<Action>,
}

/// When something was done: the earliest matching touchpoint.
type DoneAt = Option<Timestamp>;

impl<'a> Planner<'a> {
    /// The recipient's zone: the interviewer's, else the interview's, else the profile's.
    fn zone(&self, person: Option<&Interviewer>, round: &Interview) -> (String, TimeZone) {
        let candidates = [
            person.and_then(|p| p.timezone.as_deref()),
            round.timezone.as_deref(),
            Some(self.file.profile.timezone.as_str()),
        ];
        for name in candidates.into_iter().flatten() {
            if let Ok(zone) = TimeZone::get(name) {
                return (name.to_string(), zone);
            }
        }
        ("UTC".to_string(), TimeZone::UTC)
    }

    /// The business morning after `date`, the day someone said they are back.
    fn back_from_away(&self, date: jiff::civil::Date, zone: &TimeZone) -> Option<Timestamp> {
        let end_of_day = date.at(23, 59, 59, 0).to_zoned(zone.clone()).ok()?;
        Some(self.calendar.next_morning(end_of_day.timestamp(), zone))
    }

    fn done_at(&self, matches: impl Fn(&followup_core::Touchpoint) -> bool) -> DoneAt {
        self.file
            .touchpoints
            .iter()
            .filter(|t| matches(t))
            .map(|t| t.at.timestamp())
            .min()
    }

    /// A day as people say it, in `zone`: "Fri 13 Mar".
    fn day(t: Timestamp, zone: &TimeZone) -> String {
        t.to_zoned(zone.clone()).strftime("%a %-d %b").to_string()
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ActionKind,
        round: &Interview,
        person: &Interviewer,
        n: u32,
        channel: Channel,
        window: (Timestamp, Timestamp, Option<Timestamp>),
        optional: bool,
        alternative_to: Option<String>,
        settled: Option<ActionStatus>,
        reason: String,
    ) {
        let (zone_name, zone) = self.zone(Some(person), round);
        let (opens, due, late_after) = window;
        let suggested = self.calendar.suggested(opens, due, &zone);
        let shown = |t: Timestamp| Moment::in_zone(t, &zone);
        self.actions.push(Action {
            kind,
            interview: round.id.clone(),
            to: person.id.clone(),
            n,
            channel,
            opens: shown(opens),
            due: shown(due),
            late_after: late_after.map(shown),
            suggested: shown(suggested),
            status: settled.unwrap_or(ActionStatus::Upcoming),
            late: false,
            optional,
            alternative_to,
            reason,
            zone: zone_name,
        });
    }

    /// TY and HW: a thank-you to each interviewer of each round, and a card where it fits.
    fn thank_yous(&mut self) {
        let formal = self.file.application.culture() == Culture::Formal;
        for round in &self.file.interviews {
            let end = round.effective_end();
            let window = (end + HOUR, end + DAY, Some(end + 2 * DAY));
            for person in &round.interviewers {
                let (_, zone) = self.zone(Some(person), round);
                let done = self.done_at(|t| {
                    t.kind == ActionKind::ThankYou
                        && t.interview == round.id
                        && t.to.as_deref() == Some(&person.id)
                });
                let channel = person.thank_you_channel();
                let mut reason = match done {
                    Some(at) => format!(
                        "Thank each interviewer separately within 24 hours: {} was thanked on {}.",
                        person.name,
                        Self::day(at, &zone)
                    ),
                    None => format!(
                        "Thank each interviewer separately within 24 hours: {} has not been thanked yet.",
                        person.name
                    ),
                };
                if channel == Channel::Linkedin {
                    reason.push_str(" Only a LinkedIn profile is known, so the note goes there.");
                } else if person.email.is_none() {
                    reason.push_str(" Their email address is still to be found.");
                }
                self.push(
                    ActionKind::ThankYou,
                    round,
                    person,
                    1,
                    channel,
                    window,
                    false,
                    None,
                    done.map(|_| ActionStatus::Done),
                    reason,
                );

                if formal || round.personal_rapport {
                    let done = self.done_at(|t| {
                        t.kind == ActionKind::HandwrittenNote
                            && t.interview == round.id
                            && t.to.as_deref() == Some(&person.id)
                    });
                    let why = if round.personal_rapport {
                        format!("You built a personal connection with {}", person.name)
                    } else {
                        format!("{} works in a formal culture", person.name)
                    };
                    self.push(
                        ActionKind::HandwrittenNote,
                        round,
                        person,
                        1,
                        Channel::Post,
                        window,
                        true,
                        None,
                        done.map(|_| ActionStatus::Done),
                        format!("{why}: a handwritten card, sent as well as the email, is a memorable extra."),
                    );
                }
            }
        }
    }

    /// The round's recruiter, else its hiring manager, else its first interviewer.
    fn primary_contact(round: &Interview) -> Option<&Interviewer> {
        round
            .interviewers
            .iter()
            .find(|p| p.role == ContactRole::Recruiter)
            .or_else(|| {
                round
                    .interviewers
                    .iter()
                    .find(|p| p.role == ContactRole::HiringManager)
            })
            .or_else(|| round.interviewers.first())
    }

    /// The latest round by start, among those `keep` accepts.
    fn latest_round(&self, keep: impl Fn(&Interview) -> bool) -> Option<&'a Interview> {
        let file: &'a ApplicationFile = self.file;
        file.interviews
            .iter()
            .enumerate()
            .filter(|(_, r)| keep(r))
            .max_by_key(|(i, r)| (r.start.timestamp(), *i))
            .map(|(_, r)| r)
    }

    /// Responses in time order. Responses at the same instant are ordered by what they say,
    /// so the plan never depends on the order of a file.
    fn responses(&self) -> Vec<&'a followup_core::Response> {
        let file: &'a ApplicationFile = self.file;
        let mut responses: Vec<_> = file.responses.iter().collect();
        responses.sort_by_key(|r| {
            let deadline = r
                .decision_expected_by
                .map(|d| d.deadline(&self.profile_zone));
            (
                r.at.timestamp(),
                r.outcome,
                deadline,
                r.from.clone(),
                r.note.clone(),
            )
        });
        responses
    }

    /// Why an open check-in (or its call) no longer applies, if it does not.
    fn check_in_cancellation(&self, round: &Interview) -> Option<String> {
        let responses = self.responses();
        if let Some(r) = responses
            .iter()
            .rev()
            .find(|r| matches!(r.outcome, Outcome::Offer | Outcome::Rejection))
        {
            let zone = self.profile_zone.clone();
            return Some(match r.outcome {
                Outcome::Offer => format!(
                    "Cancelled: an offer arrived on {}.",
                    Self::day(r.at.timestamp(), &zone)
                ),
                _ => format!(
                    "Cancelled: the application was turned down on {}.",
                    Self::day(r.at.timestamp(), &zone)
                ),
            });
        }
        let end = round.effective_end();
        responses
            .iter()
            .rev()
            .find(|r| r.outcome == Outcome::NextRound && r.at.timestamp() > end)
            .map(|r| {
                format!(
                    "Cancelled: you were invited to the next round on {}.",
                    Self::day(r.at.timestamp(), &self.profile_zone)
                )
            })
    }

    /// CI and PH: check-ins to the primary contact of the latest round that is not networking,
    /// one after another, each only once the one before it is done. Returns when the last
    /// allowed one was done, for the `no-response` stop.
    fn check_ins(&mut self) -> Option<Timestamp> {
        let max = self.file.settings.max_check_ins;
        let round = self.latest_round(|r| r.kind != RoundKind::Networking)?;
        let person = Self::primary_contact(round)?;
        let (_, zone) = self.zone(Some(person), round);
        let end = round.effective_end();
        let responses = self.responses();
        let cancelled = self.check_in_cancellation(round);
        let can_call = person.phone.is_some() && !self.file.application.prefers_no_calls;

        // D: the latest update's decision date, else the round's.
        let decision = responses
            .iter()
            .rev()
            .find(|r| r.outcome == Outcome::Update && r.decision_expected_by.is_some())
            .and_then(|r| r.decision_expected_by)
            .or(round.decision_expected_by)
            .map(|d| d.deadline(&self.profile_zone));

        let mut previous_done: Option<Timestamp> = None;
        for k in 1..=max {
            let mut base = match previous_done {
                Some(done) => done,
                None => {
                    let last_thanks = self
                        .file
                        .touchpoints
                        .iter()
                        .filter(|t| t.kind == ActionKind::ThankYou && t.interview == round.id)
                        .map(|t| t.at.timestamp())
                        .max();
                    match last_thanks {
                        Some(at) => at.max(end),
                        None => end + DAY,
                    }
                }
            };
            // A reply or an update after the base restarts the clock.
            let restarted = responses
                .iter()
                .filter(|r| matches!(r.outcome, Outcome::Reply | Outcome::Update))
                .map(|r| r.at.timestamp())
                .filter(|at| *at > base)
                .max();
            if let Some(at) = restarted {
                base = at;
            }
            let (opens, mut reason) = match decision {
                Some(d) if d > base => (
                    self.calendar.next_morning(d, &zone).max(base + DAY),
                    format!(
                        "They expected to decide by {}: if nothing has come by then, ask {} about the timeline the next business morning.",
                        Self::day(d, &self.profile_zone),
                        person.name
                    ),
                ),
                _ if k == 1 => (
                    self.calendar.morning(base + 7 * DAY, &zone),
                    format!(
                        "No decision date is pending: check in with {} a week after your last contact.",
                        person.name
                    ),
                ),
                _ => (
                    self.calendar.morning(base + 7 * DAY, &zone),
                    format!(
                        "Check-in {} got no answer: a second note to {}, worded differently, a week later.",
                        k - 1,
                        person.name
                    ),
                ),
            };
            if let Some(at) = restarted {
                reason.push_str(&format!(
                    " The clock restarted with their message of {}.",
                    Self::day(at, &zone)
                ));
            }
            // An out-of-office reply: a note waiting in a full inbox on their return gets
            // lost, so it goes the business morning after they are back.
            let held = person
                .away_until
                .and_then(|d| Some((d, self.back_from_away(d, &zone)?)));
            let opens = match held {
                Some((date, back)) if back > opens => {
                    reason.push_str(&format!(
                        " Held: an automatic reply said {} is back on {}.",
                        person.name,
                        date.strftime("%a %-d %b")
                    ));
                    back
                }
                _ => opens,
            };
            let due = opens + if k == 1 { 3 * DAY } else { 7 * DAY };
            let done = self.done_at(|t| {
                matches!(t.kind, ActionKind::CheckIn | ActionKind::PhoneCall)
                    && t.interview == round.id
                    && t.n == k
            });
            let settled = match (done, &cancelled) {
                (Some(_), _) => Some(ActionStatus::Done),
                (None, Some(_)) => Some(ActionStatus::Cancelled),
                (None, None) => None,
            };
            let reason_for = |base: String| match (&cancelled, done) {
                (Some(why), None) => format!("{why} ({base})"),
                _ => base,
            };
            self.push(
                ActionKind::CheckIn,
                round,
                person,
                k,
                Channel::Email,
                (opens, due, None),
                false,
                None,
                settled,
                reason_for(reason),
            );
            if k >= 2 && can_call {
                let partner = ActionRef {
                    kind: ActionKind::CheckIn,
                    interview: round.id.clone(),
                    to: person.id.clone(),
                    n: k,
                };
                self.push(
                    ActionKind::PhoneCall,
                    round,
                    person,
                    k,
                    Channel::Phone,
                    (opens, due, None),
                    true,
                    Some(partner.to_string()),
                    settled,
                    reason_for(format!(
                        "An email can go unseen: a short call to {} can take the place of check-in {k}.",
                        person.name
                    )),
                );
            }
            match done {
                Some(at) => previous_done = Some(at),
                None => return None,
            }
        }
        previous_done
    }

    /// LI: a connection request to each interviewer with a LinkedIn profile, a day after the
    /// thank-you, tied to the first round they were in.
    fn linkedin(&mut self) {
        let mut seen = HashSet::new();
        let file: &'a ApplicationFile = self.file;
        let mut rounds: Vec<&Interview> = file.interviews.iter().collect();
        rounds.sort_by_key(|r| r.start.timestamp());
        for round in rounds {
            for person in &round.interviewers {
                if person.linkedin.is_none() || !seen.insert(person.id.as_str()) {
                    continue;
                }
                let thanked = self.done_at(|t| {
                    t.kind == ActionKind::ThankYou
                        && t.interview == round.id
                        && t.to.as_deref() == Some(&person.id)
                });
                let opens = thanked.unwrap_or(round.effective_end() + DAY) + DAY;
                let done = self.done_at(|t| {
                    t.kind == ActionKind::LinkedinConnect && t.to.as_deref() == Some(&person.id)
                });
                self.push(
                    ActionKind::LinkedinConnect,
                    round,
                    person,
                    1,
                    Channel::Linkedin,
                    (opens, opens + 7 * DAY, None),
                    true,
                    None,
                    done.map(|_| ActionStatus::Done),
                    format!(
                        "Stay on {}'s radar: connect on LinkedIn a day after the thank-you, with a short note and no request.",
                        person.name
                    ),
                );
            }
        }
    }

    /// RJ: a gracious answer to each rejection, from the round it ended.
    fn rejection_replies(&mut self) {
        let mut seen = HashSet::new();
        for response in self.responses() {
            if response.outcome != Outcome::Rejection {
                continue;
            }
            let at = response.at.timestamp();
            let Some(round) = self.latest_round(|r| r.start.timestamp() < at) else {
                continue;
            };
            let person = match &response.from {
                Some(id) => self.file.people().into_iter().find(|p| &p.id == id),
                None => Self::primary_contact(round),
            };
            let Some(person) = person else { continue };
            if !seen.insert((round.id.clone(), person.id.clone())) {
                continue;
            }
            let done = self.done_at(|t| {
                t.kind == ActionKind::RejectionReply
                    && t.interview == round.id
                    && t.to.as_deref() == Some(&person.id)
            });
            self.push(
                ActionKind::RejectionReply,
                round,
                person,
                1,
                Channel::Email,
                (at, at + DAY, Some(at + 2 * DAY)),
                false,
                None,
                done.map(|_| ActionStatus::Done),
                format!(
                    "Answer the rejection within a day: thank {}, say you would welcome future openings, and ask for feedback.",
                    person.name
                ),
            );
        }
    }
}

/// Every action the history calls for, with what the history settles (SPEC §2).
pub fn schedule(file: &ApplicationFile) -> Schedule {
    let profile_zone = TimeZone::get(&file.profile.timezone).unwrap_or(TimeZone::UTC);
    let mut planner = Planner {
        file,
        calendar: BusinessCalendar::new(&file.settings.holidays, file.settings.business_hours),
        profile_zone,
        actions: Vec::new(),
    };
    planner.thank_yous();
    let last_check_in = planner.check_ins();
    planner.linkedin();
    planner.rejection_replies();

    let responses = planner.responses();
    let outcome = responses
        .iter()
        .rev()
        .find(|r| matches!(r.outcome, Outcome::Offer | Outcome::Rejection))
        .map(|r| r.outcome);
    // No-response: every allowed check-in done and nothing came back after the last one.
    let quiet_from = last_check_in
        .filter(|_| file.settings.max_check_ins > 0)
        .filter(|last| !responses.iter().any(|r| r.at.timestamp() > *last))
        .map(|last| last + 14 * DAY);
    let thank_yous_done = match planner.latest_round(|_| true) {
        Some(round) => planner
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::ThankYou && a.interview == round.id)
            .all(|a| a.status == ActionStatus::Done),
        None => true,
    };

    let mut actions = planner.actions;
    actions.sort_by(|a, b| {
        (
            a.opens.timestamp(),
            kind_rank(a.kind),
            &a.interview,
            &a.to,
            a.n,
        )
            .cmp(&(
                b.opens.timestamp(),
                kind_rank(b.kind),
                &b.interview,
                &b.to,
                b.n,
            ))
    });
    Schedule {
        actions,
        outcome,
        quiet_from,
        thank_yous_done,
    }
}

fn kind_rank(kind: ActionKind) -> usize {
    ActionKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
