//! Property tests for the planner of SPEC §2 over random, valid application histories.
//!
//! The strategy below builds whole `ApplicationFile`s: a profile in one of a few zones, up to
//! four rounds (some near the 2026 DST changes) whose interviewers come from a small pool so
//! that the same person shows up in several rounds, touchpoints and responses that refer to
//! them, and random settings. Each property then plans the file at a `now` sampled around its
//! history and checks one rule of the spec. Every generated file passes `validate()`.
//!
//! `PROPTEST_CASES=50000 cargo test -p followup-plan --test properties` hunts longer.

use std::collections::HashSet;

use followup_core::{
    ActionKind, Application, ApplicationFile, Channel, ContactRole, Culture, DecisionDate, Details,
    Interview, Interviewer, Moment, Outcome, Profile, Response, RoundKind, Settings, Stage,
    Touchpoint,
};
use followup_plan::{Action, ActionStatus, AppStatus, Plan, plan, schedule};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};
use proptest::prelude::*;
use proptest::sample::{Index, select};

const ZONES: &[&str] = &[
    "America/New_York",
    "Europe/London",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
];

const NAMES: &[&str] = &[
    "Grace Hopper",
    "Alan Turing",
    "Joan Clarke",
    "Mary Jackson",
    "Katherine Johnson",
    "Edsger Dijkstra",
];

const INDUSTRIES: &[Option<&str>] = &[
    None,
    Some("banking"),
    Some("software"),
    Some("retail"),
    Some("law"),
];

const DAY_MINUTES: i64 = 24 * 60;
const DAY: SignedDuration = SignedDuration::from_hours(24);

fn minutes(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).expect("a real zone")
}

/// Instants near the 2026 clock changes: the US springs forward, then Europe, then Sydney
/// falls back.
fn dst_anchor(i: usize) -> Timestamp {
    let anchors = [
        "2026-03-08T07:00:00Z",
        "2026-03-29T01:00:00Z",
        "2026-04-04T16:00:00Z",
    ];
    anchors[i % anchors.len()].parse().unwrap()
}

/// The start of the few months rounds are spread over.
fn spread_base() -> Timestamp {
    "2026-01-15T00:00:00Z".parse().unwrap()
}

// ---------------------------------------------------------------------------------------------
// The raw, shrinkable description of a history, and how it becomes a valid file.

#[derive(Clone, Debug)]
struct RawPerson {
    role: ContactRole,
    email: bool,
    phone: bool,
    linkedin: bool,
    zone: Option<usize>,
}

#[derive(Clone, Debug)]
enum RawDecision {
    /// A date this many days after the start's date (in the profile's zone).
    Day(i64),
    /// A date-time this many minutes after the start.
    At(i64),
}

#[derive(Clone, Debug)]
struct RawRound {
    kind: RoundKind,
    start: Timestamp,
    /// Minutes from start to end; `None` leaves the end out.
    length: Option<i64>,
    zone: Option<usize>,
    decision: Option<RawDecision>,
    rapport: bool,
    /// Indexes into the pool of people; duplicates are dropped.
    people: Vec<Index>,
}

#[derive(Clone, Debug)]
struct RawTouch {
    kind: ActionKind,
    round: Index,
    person: Index,
    n: u32,
    /// For check-ins and calls: aim at the round check-ins are planned for, to its primary contact.
    aim_at_check_in_round: bool,
    /// For check-ins and calls: log it without a recipient.
    anonymous: bool,
    /// Minutes after the round's end (check-ins and calls also wait n weeks).
    after: i64,
}

#[derive(Clone, Debug)]
struct RawResponse {
    outcome: Outcome,
    round: Index,
    /// Minutes after the round's end (may be negative: before it ended).
    after: i64,
    from: Option<Index>,
    decision: RawDecision,
}

#[derive(Clone, Debug)]
struct RawSettings {
    max_check_ins: u32,
    /// (round, days after its start)
    holidays: Vec<(Index, i64)>,
    culture: Option<Culture>,
    industry: usize,
    prefers_no_calls: bool,
}

#[derive(Clone, Debug)]
struct Raw {
    profile_zone: usize,
    pool: Vec<RawPerson>,
    rounds: Vec<RawRound>,
    touches: Vec<RawTouch>,
    responses: Vec<RawResponse>,
    settings: RawSettings,
    /// `now`: minutes after the start of a round.
    now: (Index, i64),
    /// A diligent user logged every allowed check-in, a week or so apart (minutes of delay).
    diligent: Option<i64>,
}

/// One generated history and the moment to plan it at.
#[derive(Clone, Debug)]
struct Case {
    file: ApplicationFile,
    now: Timestamp,
}

fn raw_person() -> impl Strategy<Value = RawPerson> {
    (
        select(ContactRole::ALL),
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.5),
        prop::bool::weighted(0.5),
        prop::option::weighted(0.3, 0..ZONES.len()),
    )
        .prop_map(|(role, email, phone, linkedin, zone)| RawPerson {
            role,
            email,
            phone,
            linkedin,
            zone,
        })
}

fn raw_decision() -> impl Strategy<Value = RawDecision> {
    prop_oneof![
        (0i64..=21).prop_map(RawDecision::Day),
        (60i64..=21 * DAY_MINUTES).prop_map(RawDecision::At),
    ]
}

fn start() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        // Within three days of a clock change.
        (0usize..3, -3 * DAY_MINUTES..3 * DAY_MINUTES)
            .prop_map(|(a, m)| dst_anchor(a) + minutes(m)),
        // Anywhere from mid-January to mid-May, on a quarter hour.
        (0i64..120 * DAY_MINUTES / 15).prop_map(|q| spread_base() + minutes(q * 15)),
    ]
}

fn raw_round() -> impl Strategy<Value = RawRound> {
    (
        select(RoundKind::ALL),
        start(),
        prop::option::weighted(0.7, 60i64..=240),
        prop::option::weighted(0.4, 0..ZONES.len()),
        prop::option::weighted(0.5, raw_decision()),
        prop::bool::weighted(0.3),
        prop::collection::vec(any::<Index>(), 1..=4),
    )
        .prop_map(
            |(kind, start, length, zone, decision, rapport, people)| RawRound {
                kind,
                start,
                length,
                zone,
                decision,
                rapport,
                people,
            },
        )
}

fn raw_touch() -> impl Strategy<Value = RawTouch> {
    (
        prop_oneof![
            3 => Just(ActionKind::ThankYou),
            1 => Just(ActionKind::HandwrittenNote),
            3 => Just(ActionKind::CheckIn),
            1 => Just(ActionKind::PhoneCall),
            1 => Just(ActionKind::LinkedinConnect),
            1 => Just(ActionKind::RejectionReply),
        ],
        any::<Index>(),
        any::<Index>(),
        1u32..=3,
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.1),
        0i64..=10 * DAY_MINUTES,
    )
        .prop_map(
            |(kind, round, person, n, aim_at_check_in_round, anonymous, after)| RawTouch {
                kind,
                round,
                person,
                n,
                aim_at_check_in_round,
                anonymous,
                after,
            },
        )
}

fn raw_outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        4 => Just(Outcome::Reply),
        4 => Just(Outcome::Update),
        2 => Just(Outcome::NextRound),
        1 => Just(Outcome::Offer),
        1 => Just(Outcome::Rejection),
    ]
}

fn raw_response() -> impl Strategy<Value = RawResponse> {
    (
        raw_outcome(),
        any::<Index>(),
        -2 * DAY_MINUTES..=35 * DAY_MINUTES,
        prop::option::weighted(0.8, any::<Index>()),
        raw_decision(),
    )
        .prop_map(|(outcome, round, after, from, decision)| RawResponse {
            outcome,
            round,
            after,
            from,
            decision,
        })
}

fn raw_settings() -> impl Strategy<Value = RawSettings> {
    (
        0u32..=3,
        prop::collection::vec((any::<Index>(), 0i64..=21), 0..=3),
        prop::option::of(select(Culture::ALL)),
        0..INDUSTRIES.len(),
        any::<bool>(),
    )
        .prop_map(
            |(max_check_ins, holidays, culture, industry, prefers_no_calls)| RawSettings {
                max_check_ins,
                holidays,
                culture,
                industry,
                prefers_no_calls,
            },
        )
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0..ZONES.len(),
        prop::collection::vec(raw_person(), NAMES.len()),
        prop::collection::vec(raw_round(), 0..=4),
        prop::collection::vec(raw_touch(), 0..=10),
        prop::collection::vec(raw_response(), 0..=4),
        raw_settings(),
        (any::<Index>(), -DAY_MINUTES..=80 * DAY_MINUTES),
        prop::option::weighted(0.25, 0i64..=3 * DAY_MINUTES),
    )
        .prop_map(
            |(profile_zone, pool, rounds, touches, responses, settings, now, diligent)| Raw {
                profile_zone,
                pool,
                rounds,
                touches,
                responses,
                settings,
                now,
                diligent,
            },
        )
}

/// A valid application file and a `now` around its history.
fn case() -> impl Strategy<Value = Case> {
    raw().prop_map(build)
}

fn person(i: usize, raw: &RawPerson) -> Interviewer {
    let first = NAMES[i].split(' ').next().unwrap().to_lowercase();
    Interviewer {
        id: format!("p{i}"),
        name: NAMES[i].to_string(),
        title: None,
        given: None,
        family: None,
        role: raw.role,
        email: raw.email.then(|| format!("{first}@acme.example")),
        phone: raw.phone.then(|| format!("+1 555 010 {:04}", 1000 + i)),
        linkedin: raw
            .linkedin
            .then(|| format!("https://www.linkedin.com/in/{first}")),
        timezone: raw.zone.map(|z| ZONES[z].to_string()),
        away_until: None,
        details: Details::default(),
    }
}

/// The round check-ins are planned for: the latest by start that is not networking (ties go
/// to the later one in the file).
fn check_in_round(rounds: &[Interview]) -> Option<&Interview> {
    rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind != RoundKind::Networking)
        .max_by_key(|(i, r)| (r.start.timestamp(), *i))
        .map(|(_, r)| r)
}

/// The latest round by start, networking or not.
fn latest_round(rounds: &[Interview]) -> Option<&Interview> {
    rounds
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| (r.start.timestamp(), *i))
        .map(|(_, r)| r)
}

/// The round's recruiter, else its hiring manager, else its first interviewer (SPEC §2).
fn primary_contact(round: &Interview) -> Option<&Interviewer> {
    let by_role = |role| round.interviewers.iter().find(|p| p.role == role);
    by_role(ContactRole::Recruiter)
        .or_else(|| by_role(ContactRole::HiringManager))
        .or_else(|| round.interviewers.first())
}

fn decision(
    raw: &RawDecision,
    start: Timestamp,
    profile: &TimeZone,
    shown: &TimeZone,
) -> DecisionDate {
    match raw {
        RawDecision::Day(days) => {
            DecisionDate::Day(start.to_zoned(profile.clone()).date() + days.days())
        }
        RawDecision::At(m) => DecisionDate::At(Moment::in_zone(start + minutes(*m), shown)),
    }
}

fn build(raw: Raw) -> Case {
    let profile_zone_name = ZONES[raw.profile_zone];
    let profile_zone = zone(profile_zone_name);
    let pool: Vec<Interviewer> = raw
        .pool
        .iter()
        .enumerate()
        .map(|(i, p)| person(i, p))
        .collect();

    let interviews: Vec<Interview> = raw
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let shown = r.zone.map_or(profile_zone.clone(), |z| zone(ZONES[z]));
            let mut seen = HashSet::new();
            let interviewers = r
                .people
                .iter()
                .map(|ix| ix.index(pool.len()))
                .filter(|p| seen.insert(*p))
                .map(|p| {
                    let mut person = pool[p].clone();
                    // Details differ per round; everything else is the person's.
                    person.details.topics = vec![format!("round {}", i + 1)];
                    person
                })
                .collect();
            Interview {
                id: format!("r{}", i + 1),
                kind: r.kind,
                start: Moment::in_zone(r.start, &shown),
                end: r
                    .length
                    .map(|m| Moment::in_zone(r.start + minutes(m), &shown)),
                timezone: r.zone.map(|z| ZONES[z].to_string()),
                decision_expected_by: r
                    .decision
                    .as_ref()
                    .map(|d| decision(d, r.start, &profile_zone, &shown)),
                personal_rapport: r.rapport,
                interviewers,
            }
        })
        .collect();

    let mut touchpoints = Vec::new();
    if !interviews.is_empty() {
        for t in &raw.touches {
            let numbered = t.kind.is_numbered();
            let aimed = if numbered && t.aim_at_check_in_round {
                check_in_round(&interviews)
            } else {
                None
            };
            let round = aimed.unwrap_or_else(|| t.round.get(&interviews));
            let to = if aimed.is_some() {
                primary_contact(round).unwrap()
            } else {
                t.person.get(&round.interviewers)
            };
            let n = match t.kind {
                ActionKind::CheckIn => t.n,
                ActionKind::PhoneCall => t.n.max(2),
                _ => 1,
            };
            let mut at = round.effective_end() + minutes(t.after);
            if numbered {
                at += DAY * (7 * n as i32);
            }
            let channel = match t.kind {
                ActionKind::ThankYou => to.thank_you_channel(),
                kind => kind.default_channel(),
            };
            touchpoints.push(Touchpoint {
                kind: t.kind,
                interview: round.id.clone(),
                to: (!(numbered && t.anonymous)).then(|| to.id.clone()),
                n,
                channel,
                at: Moment::in_zone(at, &profile_zone),
                subject: None,
                message: None,
            });
        }
    }

    if let (Some(delay), Some(round)) = (raw.diligent, check_in_round(&interviews))
        && let Some(to) = primary_contact(round)
    {
        let mut at = round.effective_end() + DAY;
        for n in 1..=raw.settings.max_check_ins {
            at += DAY * 7 + minutes(delay);
            touchpoints.push(Touchpoint {
                kind: ActionKind::CheckIn,
                interview: round.id.clone(),
                to: Some(to.id.clone()),
                n,
                channel: ActionKind::CheckIn.default_channel(),
                at: Moment::in_zone(at, &profile_zone),
                subject: None,
                message: None,
            });
        }
    }

    let people: Vec<&Interviewer> = {
        let mut seen = HashSet::new();
        interviews
            .iter()
            .flat_map(|r| &r.interviewers)
            .filter(|p| seen.insert(p.id.clone()))
            .collect()
    };
    let responses: Vec<Response> = raw
        .responses
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let anchor = if interviews.is_empty() {
                spread_base()
            } else {
                r.round.get(&interviews).effective_end()
            };
            // Whole minutes plus i seconds: no two responses share an instant, so "the latest"
            // is always well defined.
            let at = anchor + minutes(r.after) + SignedDuration::from_secs(i as i64);
            // An update names a new decision date: a day or a moment after it came.
            let decision_expected_by = (r.outcome == Outcome::Update).then(|| match r.decision {
                RawDecision::Day(days) => {
                    DecisionDate::Day(at.to_zoned(profile_zone.clone()).date() + days.days())
                }
                RawDecision::At(m) => {
                    DecisionDate::At(Moment::in_zone(at + minutes(m), &profile_zone))
                }
            });
            Response {
                from: r
                    .from
                    .as_ref()
                    .filter(|_| !people.is_empty())
                    .map(|ix| ix.get(&people).id.clone()),
                at: Moment::in_zone(at, &profile_zone),
                outcome: r.outcome,
                decision_expected_by,
                note: None,
            }
        })
        .collect();

    let holidays: Vec<Date> = raw
        .settings
        .holidays
        .iter()
        .map(|(round, days)| {
            let start = if interviews.is_empty() {
                spread_base()
            } else {
                round.get(&interviews).start.timestamp()
            };
            start.to_zoned(profile_zone.clone()).date() + days.days()
        })
        .collect();

    let now_anchor = if interviews.is_empty() {
        spread_base()
    } else {
        raw.now.0.get(&interviews).start.timestamp()
    };
    let now = now_anchor + minutes(raw.now.1);

    let file = ApplicationFile {
        now: None,
        profile: Profile {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.org".into()),
            phone: None,
            signature: None,
            timezone: profile_zone_name.into(),
            highlights: Vec::new(),
            locale: None,
        },
        application: Application {
            id: "a1".into(),
            company: "Acme Corp".into(),
            role: "Data Engineer".into(),
            industry: INDUSTRIES[raw.settings.industry].map(str::to_string),
            culture: raw.settings.culture,
            prefers_no_calls: raw.settings.prefers_no_calls,
            stage: Stage::Interviewing,
            source: None,
            notes: None,
            archived: false,
        },
        interviews,
        touchpoints,
        responses,
        settings: Settings {
            max_check_ins: raw.settings.max_check_ins,
            holidays,
            ..Settings::default()
        },
    };
    if let Err(e) = file.validate() {
        panic!(
            "the generator made an invalid file: {e}\n{}",
            file.to_json_pretty()
        );
    }
    Case { file, now }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the properties.

fn names(plan: &Plan) -> Vec<String> {
    plan.actions.iter().map(|a| a.name().to_string()).collect()
}

fn find<'p>(plan: &'p Plan, name: &str) -> Option<&'p Action> {
    plan.actions.iter().find(|a| a.name().to_string() == name)
}

fn lines(plan: &Plan) -> String {
    plan.actions
        .iter()
        .map(|a| {
            format!(
                "{} {}{} opens={} due={} late_after={:?} suggested={}",
                a.name(),
                a.status.as_str(),
                if a.late { " late" } else { "" },
                a.opens,
                a.due,
                a.late_after.map(|l| l.to_string()),
                a.suggested
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_unique_names(plan: &Plan) -> Result<(), TestCaseError> {
    let mut seen = HashSet::new();
    for name in names(plan) {
        prop_assert!(
            seen.insert(name.clone()),
            "{name} appears twice in\n{}",
            lines(plan)
        );
    }
    Ok(())
}

/// A small deterministic shuffle (Fisher–Yates driven by an LCG).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Weekdays minus holidays, 09:00–17:00, in `zone` (the default business hours).
fn in_business_hours(t: Timestamp, zone: &TimeZone, holidays: &[Date]) -> bool {
    let local = t.to_zoned(zone.clone());
    let weekday = local.date().weekday().to_monday_one_offset() <= 5;
    let time = local.time();
    weekday
        && !holidays.contains(&local.date())
        && time >= Time::constant(9, 0, 0, 0)
        && time < Time::constant(17, 0, 0, 0)
}

/// SPEC §2: the first moment in [opens, due] inside business hours, else `opens`, found by
/// walking the days of the window.
fn expected_suggested(
    opens: Timestamp,
    due: Timestamp,
    zone: &TimeZone,
    holidays: &[Date],
) -> Timestamp {
    if in_business_hours(opens, zone, holidays) {
        return opens;
    }
    let mut date = opens.to_zoned(zone.clone()).date();
    let last = due.to_zoned(zone.clone()).date();
    while date <= last {
        let nine = date
            .at(9, 0, 0, 0)
            .to_zoned(zone.clone())
            .unwrap()
            .timestamp();
        if nine > opens && nine <= due && in_business_hours(nine, zone, holidays) {
            return nine;
        }
        date = date.tomorrow().unwrap();
    }
    opens
}

fn is_business_day(date: Date, holidays: &[Date]) -> bool {
    date.weekday().to_monday_one_offset() <= 5 && !holidays.contains(&date)
}

fn nine_on(date: Date, zone: &TimeZone) -> Timestamp {
    date.at(9, 0, 0, 0)
        .to_zoned(zone.clone())
        .unwrap()
        .timestamp()
}

/// SPEC §2 `morning(T)`: the earliest instant at or after T that is 09:00 on a business day.
fn morning(t: Timestamp, zone: &TimeZone, holidays: &[Date]) -> Timestamp {
    let mut date = t.to_zoned(zone.clone()).date();
    loop {
        if is_business_day(date, holidays) && nine_on(date, zone) >= t {
            return nine_on(date, zone);
        }
        date = date.tomorrow().unwrap();
    }
}

/// SPEC §2 `next_morning(D)`: 09:00 of the first business day whose date is after D's date.
fn next_morning(d: Timestamp, zone: &TimeZone, holidays: &[Date]) -> Timestamp {
    let mut date = d.to_zoned(zone.clone()).date().tomorrow().unwrap();
    while !is_business_day(date, holidays) {
        date = date.tomorrow().unwrap();
    }
    nine_on(date, zone)
}

/// A decision date as an instant: a date-only one is 23:59:59 that day in the profile's zone.
fn deadline(d: &DecisionDate, profile: &TimeZone) -> Timestamp {
    match d {
        DecisionDate::Day(date) => date
            .at(23, 59, 59, 0)
            .to_zoned(profile.clone())
            .unwrap()
            .timestamp(),
        DecisionDate::At(moment) => moment.timestamp(),
    }
}

/// The recipient's zone: the interviewer's, else the interview's, else the profile's.
fn recipient_zone(file: &ApplicationFile, person: &Interviewer, round: &Interview) -> String {
    person
        .timezone
        .clone()
        .or_else(|| round.timezone.clone())
        .unwrap_or_else(|| file.profile.timezone.clone())
}

fn round_of<'f>(file: &'f ApplicationFile, id: &str) -> &'f Interview {
    file.interviews.iter().find(|r| r.id == id).unwrap()
}

fn person_of<'f>(file: &'f ApplicationFile, id: &str) -> &'f Interviewer {
    file.interviews
        .iter()
        .flat_map(|r| &r.interviewers)
        .find(|p| p.id == id)
        .unwrap()
}

/// When check-in `k` of `round` opens, by SPEC §2 ("When check-in k opens"), in `zone`.
fn check_in_opens(file: &ApplicationFile, round: &Interview, k: u32, zone: &TimeZone) -> Timestamp {
    let holidays = &file.settings.holidays;
    let profile = TimeZone::get(&file.profile.timezone).unwrap();
    let end = round.effective_end();
    let mut base = if k == 1 {
        let thanked = file
            .touchpoints
            .iter()
            .filter(|t| t.kind == ActionKind::ThankYou && t.interview == round.id)
            .map(|t| t.at.timestamp())
            .max();
        match thanked {
            Some(at) => at.max(end),
            None => end + DAY, // every thank-you of a round is due at end + 24 h
        }
    } else {
        check_in_done(file, &round.id, k - 1).expect("check-in k-1 is done")
    };
    if let Some(reset) = file
        .responses
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Reply | Outcome::Update))
        .map(|r| r.at.timestamp())
        .filter(|at| *at > base)
        .max()
    {
        base = reset;
    }
    let latest_update = file
        .responses
        .iter()
        .filter(|r| r.outcome == Outcome::Update)
        .max_by_key(|r| r.at.timestamp());
    let decision = latest_update
        .and_then(|r| r.decision_expected_by.as_ref())
        .or(round.decision_expected_by.as_ref())
        .map(|d| deadline(d, &profile));
    match decision {
        Some(d) if d > base => next_morning(d, zone, holidays).max(base + DAY),
        _ => morning(base + DAY * 7, zone, holidays),
    }
}

/// The earliest touchpoint that settles check-in `n` of `round` (a call counts as well).
fn check_in_done(file: &ApplicationFile, round: &str, n: u32) -> Option<Timestamp> {
    file.touchpoints
        .iter()
        .filter(|t| matches!(t.kind, ActionKind::CheckIn | ActionKind::PhoneCall))
        .filter(|t| t.interview == round && t.n == n)
        .map(|t| t.at.timestamp())
        .min()
}

/// The application status by SPEC §2, first that holds, computed from the file alone.
fn expected_status(file: &ApplicationFile, now: Timestamp) -> AppStatus {
    // offer or rejected: the later of those responses.
    if let Some(latest) = file
        .responses
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Offer | Outcome::Rejection))
        .max_by_key(|r| r.at.timestamp())
    {
        return if latest.outcome == Outcome::Offer {
            AppStatus::Offer
        } else {
            AppStatus::Rejected
        };
    }
    // no-response: every allowed check-in done, the last one 14 days old, nothing came back.
    let max = file.settings.max_check_ins;
    if max > 0
        && let Some(round) = check_in_round(&file.interviews)
        && !round.interviewers.is_empty()
        && (1..=max).all(|k| check_in_done(file, &round.id, k).is_some())
    {
        let last = check_in_done(file, &round.id, max).unwrap();
        let came_back = file.responses.iter().any(|r| r.at.timestamp() > last);
        if !came_back && now >= last + DAY * 14 {
            return AppStatus::NoResponse;
        }
    }
    // awaiting-decision: every thank-you of the latest round done.
    let Some(round) = latest_round(&file.interviews) else {
        return AppStatus::AwaitingDecision;
    };
    let all_thanked = round.interviewers.iter().all(|p| {
        file.touchpoints.iter().any(|t| {
            t.kind == ActionKind::ThankYou
                && t.interview == round.id
                && t.to.as_deref() == Some(p.id.as_str())
        })
    });
    if all_thanked {
        AppStatus::AwaitingDecision
    } else {
        AppStatus::ThankYousDue
    }
}

/// `cases` per property, unless `PROPTEST_CASES` asks for another number (for a longer hunt).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Failures are reported in the final message; no files to leave behind.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(config(512))]

    /// The generator only makes files `validate()` accepts, and they survive the interchange.
    #[test]
    fn generated_files_are_valid_and_round_trip(case in case()) {
        prop_assert!(case.file.validate().is_ok());
        let text = case.file.to_json_pretty();
        let again = ApplicationFile::from_json("generated", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&again, &case.file);
        prop_assert_eq!(plan(&again, case.now), plan(&case.file, case.now));
    }
}

proptest! {
    #![proptest_config(config(2048))]

    /// opens ≤ suggested ≤ due, due < late_after when set, `suggested` is the first business
    /// moment of the window (else `opens`), names are unique and actions come by `opens`.
    #[test]
    fn windows_are_ordered_and_suggestions_fit(case in case()) {
        let plan = plan(&case.file, case.now);
        assert_unique_names(&plan)?;
        for a in &plan.actions {
            let (opens, due, suggested) =
                (a.opens.timestamp(), a.due.timestamp(), a.suggested.timestamp());
            prop_assert!(opens <= suggested && suggested <= due, "{}\n{}", a.name(), lines(&plan));
            if let Some(late_after) = a.late_after {
                prop_assert!(due < late_after.timestamp(), "{}\n{}", a.name(), lines(&plan));
            }
            let zone = zone(&a.zone);
            let expected = expected_suggested(opens, due, &zone, &case.file.settings.holidays);
            prop_assert_eq!(
                suggested, expected,
                "suggested for {} in {}\n{}", a.name(), a.zone, lines(&plan)
            );
        }
        prop_assert!(
            plan.actions.windows(2).all(|w| w[0].opens.timestamp() <= w[1].opens.timestamp()),
            "not ordered by opens:\n{}", lines(&plan)
        );
    }

    /// At most `max_check_ins` check-ins, numbered 1..=k without gaps, all to the primary
    /// contact of the latest round that is not networking; check-in k exists only when k−1 is
    /// done; a call is offered only for k ≥ 2, beside a check-in with the same window.
    #[test]
    fn check_ins_are_counted_and_numbered(case in case()) {
        let file = &case.file;
        let plan = plan(file, case.now);
        let check_ins: Vec<&Action> =
            plan.actions.iter().filter(|a| a.kind == ActionKind::CheckIn).collect();
        let max = file.settings.max_check_ins;
        prop_assert!(check_ins.len() as u32 <= max, "{}", lines(&plan));
        let mut numbers: Vec<u32> = check_ins.iter().map(|a| a.n).collect();
        numbers.sort_unstable();
        let expected: Vec<u32> = (1..=check_ins.len() as u32).collect();
        prop_assert_eq!(&numbers, &expected, "{}", lines(&plan));

        match check_in_round(&file.interviews).and_then(|r| primary_contact(r).map(|p| (r, p))) {
            Some((round, person)) if max > 0 => {
                prop_assert!(!check_ins.is_empty(), "no check-in at all:\n{}", lines(&plan));
                for a in &check_ins {
                    prop_assert_eq!(&a.interview, &round.id);
                    prop_assert_eq!(&a.to, &person.id);
                    prop_assert!(!a.optional);
                }
            }
            _ => prop_assert!(check_ins.is_empty(), "{}", lines(&plan)),
        }
        for a in &check_ins {
            if a.n >= 2 {
                let before = check_ins.iter().find(|b| b.n == a.n - 1).unwrap();
                prop_assert_eq!(before.status, ActionStatus::Done, "{}", lines(&plan));
            }
        }
        // After the last one is done, another follows unless the limit is reached.
        if let Some(last) = check_ins.iter().max_by_key(|a| a.n)
            && last.status == ActionStatus::Done
        {
            prop_assert_eq!(last.n, max, "{}", lines(&plan));
        }
        for call in plan.actions.iter().filter(|a| a.kind == ActionKind::PhoneCall) {
            prop_assert!(call.n >= 2 && call.optional);
            let partner = check_ins.iter().find(|c| c.n == call.n);
            prop_assert!(partner.is_some(), "{}", lines(&plan));
            let partner = partner.unwrap();
            prop_assert_eq!(call.alternative_to.clone(), Some(partner.name().to_string()));
            prop_assert_eq!((call.opens, call.due), (partner.opens, partner.due));
            prop_assert_eq!(call.status.is_open(), partner.status.is_open());
            prop_assert!(!file.application.prefers_no_calls);
        }
    }

    /// Every window follows the table of SPEC §2: TY and HW from the round's end, CI from the
    /// "When check-in k opens" rules, PH as its check-in, LI from the thank-you, RJ from the
    /// rejection.
    #[test]
    fn windows_follow_the_table(case in case()) {
        let file = &case.file;
        let plan = plan(file, case.now);
        for a in &plan.actions {
            let round = round_of(file, &a.interview);
            let end = round.effective_end();
            let (opens, due) = (a.opens.timestamp(), a.due.timestamp());
            let late_after = a.late_after.map(|l| l.timestamp());
            let zone = zone(&a.zone);
            let why = || format!("{}\n{}", a.name(), lines(&plan));
            match a.kind {
                ActionKind::ThankYou | ActionKind::HandwrittenNote => {
                    prop_assert_eq!(opens, end + SignedDuration::from_hours(1), "{}", why());
                    prop_assert_eq!(due, end + DAY, "{}", why());
                    prop_assert_eq!(late_after, Some(end + DAY * 2), "{}", why());
                }
                ActionKind::CheckIn | ActionKind::PhoneCall => {
                    prop_assert_eq!(opens, check_in_opens(file, round, a.n, &zone), "{}", why());
                    let days = if a.n == 1 { 3 } else { 7 };
                    prop_assert_eq!(due, opens + DAY * days, "{}", why());
                    prop_assert_eq!(late_after, None, "{}", why());
                }
                ActionKind::LinkedinConnect => {
                    // Tied to the first round the person was in.
                    let first = file
                        .interviews
                        .iter()
                        .filter(|r| r.interviewers.iter().any(|p| p.id == a.to))
                        .min_by_key(|r| r.start.timestamp())
                        .unwrap();
                    prop_assert_eq!(&first.id, &round.id, "{}", why());
                    let thanked = file
                        .touchpoints
                        .iter()
                        .filter(|t| t.kind == ActionKind::ThankYou && t.interview == round.id)
                        .filter(|t| t.to.as_deref() == Some(a.to.as_str()))
                        .map(|t| t.at.timestamp())
                        .min();
                    prop_assert_eq!(opens, thanked.unwrap_or(end + DAY) + DAY, "{}", why());
                    prop_assert_eq!(due, opens + DAY * 7, "{}", why());
                    prop_assert_eq!(late_after, None, "{}", why());
                }
                ActionKind::RejectionReply => {
                    let rejection = file.responses.iter().find(|r| {
                        r.outcome == Outcome::Rejection && r.at.timestamp() == opens
                    });
                    prop_assert!(rejection.is_some(), "{}", why());
                    // The latest round that started before the rejection.
                    let before = file
                        .interviews
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.start.timestamp() < opens)
                        .max_by_key(|(i, r)| (r.start.timestamp(), *i))
                        .map(|(_, r)| r.id.as_str());
                    prop_assert_eq!(before, Some(round.id.as_str()), "{}", why());
                    prop_assert_eq!(due, opens + DAY, "{}", why());
                    prop_assert_eq!(late_after, Some(opens + DAY * 2), "{}", why());
                }
            }
        }
    }

    /// Channels, optional flags, alternatives and the recipient's zone follow SPEC §2.
    #[test]
    fn channels_flags_and_zones_follow_the_spec(case in case()) {
        let file = &case.file;
        let plan = plan(file, case.now);
        for a in &plan.actions {
            let round = round_of(file, &a.interview);
            let person = person_of(file, &a.to);
            let why = || format!("{}\n{}", a.name(), lines(&plan));
            let channel = match a.kind {
                ActionKind::ThankYou if person.email.is_none() && person.linkedin.is_some() => {
                    Channel::Linkedin
                }
                ActionKind::ThankYou | ActionKind::CheckIn | ActionKind::RejectionReply => {
                    Channel::Email
                }
                ActionKind::HandwrittenNote => Channel::Post,
                ActionKind::PhoneCall => Channel::Phone,
                ActionKind::LinkedinConnect => Channel::Linkedin,
            };
            prop_assert_eq!(a.channel, channel, "{}", why());
            let optional = matches!(
                a.kind,
                ActionKind::HandwrittenNote | ActionKind::PhoneCall | ActionKind::LinkedinConnect
            );
            prop_assert_eq!(a.optional, optional, "{}", why());
            prop_assert_eq!(
                a.alternative_to.is_some(),
                a.kind == ActionKind::PhoneCall,
                "{}", why()
            );
            prop_assert!(a.kind.is_numbered() || a.n == 1, "{}", why());
            prop_assert_eq!(&a.zone, &recipient_zone(file, person, round), "{}", why());
            // Every instant is shown with the recipient's offset at that instant.
            let zone = zone(&a.zone);
            for m in [Some(a.opens), Some(a.due), Some(a.suggested), a.late_after]
                .into_iter()
                .flatten()
            {
                prop_assert_eq!(m.offset(), zone.to_offset(m.timestamp()), "{}", why());
            }
            match a.kind {
                ActionKind::HandwrittenNote => {
                    let formal = file.application.culture() == Culture::Formal;
                    prop_assert!(formal || round.personal_rapport, "{}", why());
                }
                ActionKind::PhoneCall => {
                    prop_assert!(person.phone.is_some() && a.n >= 2, "{}", why());
                }
                ActionKind::LinkedinConnect => prop_assert!(person.linkedin.is_some(), "{}", why()),
                _ => {}
            }
        }
        // One thank-you per interviewer per round, every kind of round.
        for round in &file.interviews {
            for person in &round.interviewers {
                let name = format!("thank-you:{}:{}", round.id, person.id);
                prop_assert!(find(&plan, &name).is_some(), "no {}\n{}", name, lines(&plan));
            }
        }
    }

    /// Status and `late` agree with the window at `now`: `late` only when overdue and past
    /// `late_after`, and always then; done and cancelled actions are never late.
    #[test]
    fn nothing_is_late_unless_overdue(case in case()) {
        let now = case.now;
        let plan = plan(&case.file, now);
        for a in &plan.actions {
            let (opens, due) = (a.opens.timestamp(), a.due.timestamp());
            let past_late_after = a.late_after.is_some_and(|l| now > l.timestamp());
            if a.late {
                prop_assert_eq!(a.status, ActionStatus::Overdue, "{}\n{}", a.name(), lines(&plan));
                prop_assert!(now > due && past_late_after, "{}\n{}", a.name(), lines(&plan));
            }
            match a.status {
                ActionStatus::Upcoming => prop_assert!(now < opens),
                ActionStatus::Due => prop_assert!(opens <= now && now <= due),
                ActionStatus::Overdue => {
                    prop_assert!(now > due);
                    prop_assert_eq!(a.late, past_late_after, "{}\n{}", a.name(), lines(&plan));
                }
                ActionStatus::Done | ActionStatus::Cancelled => prop_assert!(!a.late),
            }
        }
    }

    /// The application's status follows SPEC §2, first that holds: offer or rejected (the later
    /// of those responses), no-response, awaiting-decision, thank-yous-due.
    #[test]
    fn status_follows_the_first_rule_that_holds(case in case()) {
        let plan = plan(&case.file, case.now);
        let expected = expected_status(&case.file, case.now);
        prop_assert_eq!(plan.status, expected, "{}", lines(&plan));
        if plan.status == AppStatus::NoResponse {
            prop_assert!(
                plan.actions
                    .iter()
                    .all(|a| !(a.status.is_open()
                        && matches!(a.kind, ActionKind::CheckIn | ActionKind::PhoneCall))),
                "no nagging after no-response:\n{}", lines(&plan)
            );
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// Logging an open action's touchpoint (same kind, round, person and n, some time after it
    /// opens) makes it done; nothing done before is undone, and no name appears twice.
    #[test]
    fn logging_an_action_makes_it_done(case in case(), after in 0i64..=10 * DAY_MINUTES) {
        let file = &case.file;
        let scheduled = schedule(file);
        let before = scheduled.at(case.now);
        let done_before: Vec<String> = before
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .map(|a| a.name().to_string())
            .collect();
        // Open as far as the history goes (the clock may still cancel it at `now`).
        let open = scheduled.actions.iter().filter(|a| a.status.is_open());
        for (i, action) in open.enumerate() {
            let delay = (after * (i as i64 + 1)) % (10 * DAY_MINUTES);
            let at = action.opens.timestamp() + minutes(delay);
            let mut logged = file.clone();
            logged.touchpoints.push(Touchpoint {
                kind: action.kind,
                interview: action.interview.clone(),
                to: Some(action.to.clone()),
                n: action.n,
                channel: action.channel,
                at: Moment::in_zone(at, &zone(&action.zone)),
                subject: None,
                message: None,
            });
            prop_assert!(logged.validate().is_ok());
            let now = case.now.max(at);
            let after_plan = plan(&logged, now);
            let name = action.name().to_string();
            let same = find(&after_plan, &name);
            prop_assert!(same.is_some(), "{name} vanished once logged:\n{}", lines(&after_plan));
            prop_assert_eq!(
                same.unwrap().status, ActionStatus::Done,
                "{}\n{}", name, lines(&after_plan)
            );
            assert_unique_names(&after_plan)?;
            for done in &done_before {
                let still = find(&after_plan, done).map(|a| a.status);
                prop_assert_eq!(
                    still, Some(ActionStatus::Done),
                    "{} was done before logging {}:\n{}", done, name, lines(&after_plan)
                );
            }
        }
    }

    /// Planning is a pure function of the history: the same file twice, a clone,
    /// schedule-then-at, and the file with its touchpoints and responses shuffled (and its
    /// rounds, when no two start together) all give the same plan.
    #[test]
    fn planning_is_deterministic(case in case(), seed in any::<u64>()) {
        let file = &case.file;
        let first = plan(file, case.now);
        prop_assert_eq!(&plan(file, case.now), &first);
        prop_assert_eq!(&plan(&file.clone(), case.now), &first);
        prop_assert_eq!(&schedule(file).at(case.now), &first);

        let mut shuffled = file.clone();
        shuffle(&mut shuffled.touchpoints, seed);
        shuffle(&mut shuffled.responses, seed.rotate_left(17));
        prop_assert_eq!(
            &plan(&shuffled, case.now), &first,
            "touchpoints and responses shuffled"
        );

        let starts: HashSet<Timestamp> =
            file.interviews.iter().map(|r| r.start.timestamp()).collect();
        if starts.len() == file.interviews.len() {
            shuffle(&mut shuffled.interviews, seed.rotate_left(33));
            prop_assert_eq!(&plan(&shuffled, case.now), &first, "rounds shuffled too");
        }
    }

    /// SPEC §2: "Thank-you, handwritten-note and LinkedIn actions are never cancelled." — by
    /// no response, and not by the no-response stop either.
    #[test]
    fn thanks_and_connections_are_never_cancelled(case in case()) {
        let plan = plan(&case.file, case.now);
        for a in &plan.actions {
            if matches!(
                a.kind,
                ActionKind::ThankYou | ActionKind::HandwrittenNote | ActionKind::LinkedinConnect
            ) {
                prop_assert_ne!(
                    a.status, ActionStatus::Cancelled,
                    "{}\n{}", a.name(), lines(&plan)
                );
            }
        }
    }
}

/// The properties above only mean something if the generator reaches the interesting corners:
/// count them over a fixed sample.
#[test]
fn the_generator_reaches_every_corner() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    let samples = 2000;
    for _ in 0..samples {
        let Case { file, now } = strategy.new_tree(&mut runner).unwrap().current();
        let plan = plan(&file, now);
        let mut mark = |what: &'static str, yes: bool| {
            if yes {
                *seen.entry(what).or_default() += 1;
            }
        };
        let has =
            |kind: ActionKind, n: u32| plan.actions.iter().any(|a| a.kind == kind && a.n == n);
        for status in [
            AppStatus::Offer,
            AppStatus::Rejected,
            AppStatus::NoResponse,
            AppStatus::AwaitingDecision,
            AppStatus::ThankYousDue,
        ] {
            mark(status.as_str(), plan.status == status);
        }
        mark("check-in 1", has(ActionKind::CheckIn, 1));
        mark("check-in 2", has(ActionKind::CheckIn, 2));
        mark("check-in 3", has(ActionKind::CheckIn, 3));
        mark("phone-call", has(ActionKind::PhoneCall, 2));
        mark("handwritten-note", has(ActionKind::HandwrittenNote, 1));
        mark("linkedin-connect", has(ActionKind::LinkedinConnect, 1));
        mark("rejection-reply", has(ActionKind::RejectionReply, 1));
        mark(
            "cancelled check-in",
            plan.actions
                .iter()
                .any(|a| a.kind == ActionKind::CheckIn && a.status == ActionStatus::Cancelled),
        );
        mark("late", plan.actions.iter().any(|a| a.late));
        mark(
            "upcoming",
            plan.actions
                .iter()
                .any(|a| a.status == ActionStatus::Upcoming),
        );
        mark(
            "due",
            plan.actions.iter().any(|a| a.status == ActionStatus::Due),
        );
        mark(
            "networking round",
            file.interviews
                .iter()
                .any(|r| r.kind == RoundKind::Networking),
        );
        let people: Vec<&str> = file
            .interviews
            .iter()
            .flat_map(|r| r.interviewers.iter().map(|p| p.id.as_str()))
            .collect();
        let distinct: HashSet<&str> = people.iter().copied().collect();
        mark("same person in two rounds", distinct.len() < people.len());
        mark(
            "decision date",
            file.interviews
                .iter()
                .any(|r| matches!(r.decision_expected_by, Some(DecisionDate::Day(_)))),
        );
        mark(
            "decision date-time",
            file.interviews
                .iter()
                .any(|r| matches!(r.decision_expected_by, Some(DecisionDate::At(_)))),
        );
        mark(
            "holiday in a window",
            plan.actions.iter().any(|a| {
                let zone = zone(&a.zone);
                let (from, to) = (
                    a.opens.timestamp().to_zoned(zone.clone()).date(),
                    a.due.timestamp().to_zoned(zone).date(),
                );
                file.settings
                    .holidays
                    .iter()
                    .any(|h| from <= *h && *h <= to)
            }),
        );
    }
    let report: Vec<String> = seen.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    for corner in [
        "offer",
        "rejected",
        "no-response",
        "awaiting-decision",
        "thank-yous-due",
        "check-in 1",
        "check-in 2",
        "check-in 3",
        "phone-call",
        "handwritten-note",
        "linkedin-connect",
        "rejection-reply",
        "cancelled check-in",
        "late",
        "upcoming",
        "due",
        "networking round",
        "same person in two rounds",
        "decision date",
        "decision date-time",
        "holiday in a window",
    ] {
        let count = seen.get(corner).copied().unwrap_or(0);
        assert!(
            count >= samples / 200,
            "only {count} of {samples} cases have {corner}: {report:#?}"
        );
    }
    println!("{report:#?}");
}
