//! How long planning takes for a large job search: 10,000 applications with realistic
//! histories (1–3 rounds of 1–3 interviewers, thank-yous, check-ins, replies, offers and
//! rejections), generated deterministically from a fixed seed.
//!
//! `schedule_10k` runs [`schedule`] over all of them (the history alone); `plan_10k` runs
//! [`plan`] at a fixed moment (the history and the clock).

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use followup_core::{
    ActionKind, Application, ApplicationFile, Channel, ContactRole, Culture, DecisionDate, Details,
    Interview, Interviewer, Moment, Outcome, Profile, Response, RoundKind, Settings, Stage,
    Touchpoint,
};
use followup_plan::{plan, schedule};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

const APPLICATIONS: usize = 10_000;
const SEED: u64 = 0x5EED_F011_0B0B;

const ZONES: &[&str] = &[
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
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
    "Barbara Liskov",
    "Ken Thompson",
    "Frances Allen",
];

const INDUSTRIES: &[&str] = &[
    "software",
    "banking",
    "retail",
    "healthcare",
    "law",
    "media",
];

/// A 64-bit linear congruential generator (Knuth's MMIX constants): enough randomness for
/// test data, the same sequence on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

fn minutes(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

const HOUR: SignedDuration = SignedDuration::from_hours(1);
const DAY: SignedDuration = SignedDuration::from_hours(24);

fn person(rng: &mut Lcg, app: usize, i: usize) -> Interviewer {
    let name = *rng.pick(NAMES);
    let first = name.split(' ').next().unwrap().to_lowercase();
    let role = match rng.range(0, 9) {
        0..=2 => ContactRole::Recruiter,
        3..=5 => ContactRole::HiringManager,
        6..=8 => ContactRole::Panelist,
        _ => ContactRole::Other,
    };
    Interviewer {
        id: format!("p{i}"),
        name: name.to_string(),
        title: None,
        given: None,
        family: None,
        role,
        email: rng
            .chance(85)
            .then(|| format!("{first}.{app}@company{}.example", app % 97)),
        phone: rng
            .chance(40)
            .then(|| format!("+1 555 {:03} {:04}", app % 1000, i)),
        linkedin: rng
            .chance(50)
            .then(|| format!("https://www.linkedin.com/in/{first}-{app}-{i}")),
        timezone: rng.chance(15).then(|| rng.pick(ZONES).to_string()),
        away_until: None,
        details: Details {
            topics: vec!["the data platform".into()],
            shared: Vec::new(),
            concerns: Vec::new(),
            highlights: Vec::new(),
        },
    }
}

/// One application with a plausible history.
fn application(rng: &mut Lcg, app: usize) -> ApplicationFile {
    let profile_zone_name = *rng.pick(ZONES);
    let profile_zone = TimeZone::get(profile_zone_name).unwrap();
    let shown = |t: Timestamp| Moment::in_zone(t, &profile_zone);

    // The first round: a weekday between January and the end of April, 09:00–16:30 local.
    let first_day: Date = "2026-01-05".parse::<Date>().unwrap() + rng.range(0, 115).days();
    let mut start = first_day
        .at(9, 0, 0, 0)
        .to_zoned(profile_zone.clone())
        .unwrap()
        .timestamp()
        + minutes(rng.range(0, 30) * 15);

    let rounds = rng.range(1, 3) as usize;
    let mut people: Vec<Interviewer> = Vec::new();
    let mut interviews = Vec::new();
    for r in 0..rounds {
        let kind = match (r, rng.range(0, 9)) {
            (0, 0) => RoundKind::Networking,
            (0, _) => RoundKind::Phone,
            (_, 0..=3) => RoundKind::Video,
            (_, 4..=6) => RoundKind::Onsite,
            _ => RoundKind::Panel,
        };
        let mut interviewers = Vec::new();
        for _ in 0..rng.range(1, 3) {
            // Somebody met before comes back now and then.
            let person = if !people.is_empty() && rng.chance(25) {
                rng.pick(&people).clone()
            } else {
                let p = person(rng, app, people.len());
                people.push(p.clone());
                p
            };
            if interviewers.iter().all(|p: &Interviewer| p.id != person.id) {
                interviewers.push(person);
            }
        }
        let length = rng.range(2, 8) * 15;
        let decision = match rng.range(0, 3) {
            0 => Some(DecisionDate::Day(
                start.to_zoned(profile_zone.clone()).date() + rng.range(3, 14).days(),
            )),
            1 => Some(DecisionDate::At(shown(
                start + DAY * rng.range(3, 14) as i32,
            ))),
            _ => None,
        };
        interviews.push(Interview {
            id: format!("r{}", r + 1),
            kind,
            start: shown(start),
            end: rng.chance(80).then(|| shown(start + minutes(length))),
            timezone: rng.chance(30).then(|| profile_zone_name.to_string()),
            decision_expected_by: decision,
            personal_rapport: rng.chance(20),
            interviewers,
        });
        start += DAY * rng.range(5, 16) as i32;
    }

    let mut touchpoints = Vec::new();
    let mut responses = Vec::new();
    for round in &interviews {
        let end = round.effective_end();
        for person in &round.interviewers {
            if rng.chance(80) {
                touchpoints.push(Touchpoint {
                    kind: ActionKind::ThankYou,
                    interview: round.id.clone(),
                    to: Some(person.id.clone()),
                    n: 1,
                    channel: person.thank_you_channel(),
                    at: shown(end + HOUR * rng.range(2, 30) as i32),
                    subject: Some("Thank you".into()),
                    message: None,
                });
            }
            if person.linkedin.is_some() && rng.chance(40) {
                touchpoints.push(Touchpoint {
                    kind: ActionKind::LinkedinConnect,
                    interview: round.id.clone(),
                    to: Some(person.id.clone()),
                    n: 1,
                    channel: Channel::Linkedin,
                    at: shown(end + DAY * rng.range(2, 6) as i32),
                    subject: None,
                    message: None,
                });
            }
        }
    }
    // Check-ins on the last round, a week or so apart.
    let last = interviews.last().unwrap();
    let contact = &last.interviewers[0];
    let mut at = last.effective_end();
    for n in 1..=rng.range(0, 2) as u32 {
        at += DAY * rng.range(7, 10) as i32;
        touchpoints.push(Touchpoint {
            kind: ActionKind::CheckIn,
            interview: last.id.clone(),
            to: Some(contact.id.clone()),
            n,
            channel: Channel::Email,
            at: shown(at),
            subject: None,
            message: None,
        });
    }
    // What came back from the employer.
    for _ in 0..rng.range(0, 2) {
        let round = rng.pick(&interviews);
        let at = round.effective_end() + minutes(rng.range(1, 20 * 24 * 60));
        let outcome = match rng.range(0, 9) {
            0..=2 => Outcome::Reply,
            3..=4 => Outcome::Update,
            5..=6 => Outcome::NextRound,
            7 => Outcome::Offer,
            _ => Outcome::Rejection,
        };
        responses.push(Response {
            from: Some(rng.pick(&round.interviewers).id.clone()),
            at: shown(at),
            outcome,
            decision_expected_by: (outcome == Outcome::Update).then(|| {
                DecisionDate::Day(
                    at.to_zoned(profile_zone.clone()).date() + rng.range(3, 10).days(),
                )
            }),
            note: None,
        });
    }

    let file = ApplicationFile {
        now: None,
        profile: Profile {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.org".into()),
            phone: None,
            signature: None,
            timezone: profile_zone_name.into(),
            highlights: vec!["Built a streaming pipeline".into()],
            locale: None,
        },
        application: Application {
            id: format!("a{app}"),
            company: format!("Company {app}"),
            role: "Data Engineer".into(),
            industry: Some(rng.pick(INDUSTRIES).to_string()),
            culture: rng.chance(20).then(|| *rng.pick(Culture::ALL)),
            prefers_no_calls: rng.chance(20),
            stage: Stage::Interviewing,
            source: None,
            notes: None,
            archived: false,
        },
        interviews,
        touchpoints,
        responses,
        settings: Settings {
            max_check_ins: rng.range(1, 3) as u32,
            holidays: ["2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25"]
                .iter()
                .map(|d| d.parse().unwrap())
                .collect(),
            ..Settings::default()
        },
    };
    if let Err(e) = file.validate() {
        panic!("generated application {app} is invalid: {e}");
    }
    file
}

fn applications() -> Vec<ApplicationFile> {
    let mut rng = Lcg(SEED);
    (0..APPLICATIONS)
        .map(|i| application(&mut rng, i))
        .collect()
}

fn benches(c: &mut Criterion) {
    let files = applications();
    let now: Timestamp = "2026-04-15T15:00:00Z".parse().unwrap();
    let actions: usize = files.iter().map(|f| plan(f, now).actions.len()).sum();
    eprintln!(
        "{} applications, {actions} actions planned at {now}",
        files.len()
    );

    let mut group = c.benchmark_group("schedule_10k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(files.len() as u64));
    group.bench_function("schedule", |b| {
        b.iter(|| {
            for file in &files {
                black_box(schedule(black_box(file)));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("plan_10k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(files.len() as u64));
    group.bench_function("plan", |b| {
        b.iter(|| {
            for file in &files {
                black_box(plan(black_box(file), black_box(now)));
            }
        })
    });
    group.finish();
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
