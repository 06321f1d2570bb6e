//! How long drafting takes: one thank-you from the sample panel application, and every draft
//! of a 10,000-application job search (1–3 rounds of 1–4 people, each with a few debrief
//! details in the shapes people type them), generated deterministically from a fixed seed.
//!
//! `draft/store_10k` measures planning and drafting together: for each application the plan
//! at a fixed moment, then a draft of every action it lists, as a "draft everything" pass
//! would. Generating the applications is setup and is not measured.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use followup_compose::{Request, Templates, compose};
use followup_core::{
    ActionRef, Application, ApplicationFile, ContactRole, Culture, Details, Interview, Interviewer,
    Moment, Outcome, Profile, Response, RoundKind, Settings, Stage,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

const APPLICATIONS: usize = 10_000;
const SEED: u64 = 0xC0FF_EE15_D4AF;

const PANEL: &str = include_str!("../tests/data/panel.json");

const ZONES: &[&str] = &[
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Tokyo",
];

const COMPANIES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Contoso",
    "Northwind",
    "Stark",
];

const ROLES: &[&str] = &[
    "Data Engineer",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Backend Developer",
    "Engineering Manager",
];

const INDUSTRIES: &[&str] = &[
    "software",
    "banking",
    "retail",
    "healthcare",
    "law",
    "media",
];

/// (name, the pronoun the notes use for them)
const PEOPLE: &[(&str, &str)] = &[
    ("Grace Hopper", "she"),
    ("Alan Turing", "he"),
    ("Joan Clarke", "she"),
    ("Katherine Johnson", "she"),
    ("Edsger Dijkstra", "he"),
    ("Barbara Liskov", "she"),
    ("Ken Thompson", "he"),
    ("Sam Rivera", "they"),
];

// Details in every shape the composer reads: noun phrases, gerunds, clauses about the person,
// fragments and indirect questions; `{p}` is the person's pronoun.
const TOPICS: &[&str] = &[
    "moving billing to kafka",
    "the hiring plan for next year",
    "{p} showed me their dashboards",
    "how the team handles schema changes",
    "asked about my thesis",
    "property-based testing of the ledger",
    "the on-call rotation",
];
const SHARED: &[&str] = &[
    "{p} told me about the 2019 outage",
    "a weekend chess club",
    "the team's move to a four-day week",
    "rewriting the scheduler in rust",
];
const CONCERNS: &[&str] = &[
    "worried about my notice period",
    "whether i can travel",
    "my experience with postgres at scale",
    "{p} wondered if i have led a team",
];

/// A 64-bit linear congruential generator (Knuth's MMIX constants): the same applications on
/// every machine, without a random-number crate.
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

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    /// Up to `most` different details from `pool`, with the person's pronoun put in.
    fn details(&mut self, pool: &[&str], most: i64, pronoun: &str) -> Vec<String> {
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..self.range(0, most) {
            let detail = self.pick(pool).replace("{p}", pronoun);
            if !chosen.contains(&detail) {
                chosen.push(detail);
            }
        }
        chosen
    }
}

fn person(rng: &mut Lcg, app: usize, i: usize) -> Interviewer {
    let (name, pronoun) = *rng.pick(PEOPLE);
    let first = name.split(' ').next().unwrap_or(name).to_lowercase();
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
        // The composer splits the name itself when these are not given.
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
        timezone: None,
        away_until: None,
        details: Details {
            topics: rng.details(TOPICS, 3, pronoun),
            shared: rng.details(SHARED, 2, pronoun),
            concerns: rng.details(CONCERNS, 1, pronoun),
            highlights: Vec::new(),
        },
    }
}

fn application(rng: &mut Lcg, app: usize) -> ApplicationFile {
    let zone_name = *rng.pick(ZONES);
    let zone = TimeZone::get(zone_name).expect("the zones are in the bundled database");
    let day = SignedDuration::from_hours(24);
    // The first round falls in the six weeks before the moment drafted at, so every kind of
    // action is open somewhere in the store.
    let mut start: Timestamp = "2026-02-02T15:00:00Z".parse().expect("a valid instant");
    start += day * rng.range(0, 42) as i32;
    let mut interviews = Vec::new();
    let mut met = 0;
    for r in 0..rng.range(1, 3) {
        let kind = match (r, rng.range(0, 3)) {
            (0, _) => RoundKind::Phone,
            (_, 0) => RoundKind::Video,
            (_, 1) => RoundKind::Onsite,
            _ => RoundKind::Panel,
        };
        let mut interviewers = Vec::new();
        for _ in 0..rng.range(1, 4) {
            met += 1;
            interviewers.push(person(rng, app, met));
        }
        interviews.push(Interview {
            id: format!("r{}", r + 1),
            kind,
            start: Moment::in_zone(start, &zone),
            end: None,
            timezone: None,
            decision_expected_by: None,
            personal_rapport: rng.chance(20),
            interviewers,
        });
        start += day * rng.range(4, 10) as i32;
    }
    // Now and then a rejection, so rejection replies are drafted too.
    let mut responses = Vec::new();
    if rng.chance(10) {
        let last = interviews.last().expect("one round at least");
        responses.push(Response {
            from: Some(last.interviewers[0].id.clone()),
            at: Moment::in_zone(last.effective_end() + day * 3, &zone),
            outcome: Outcome::Rejection,
            decision_expected_by: None,
            note: None,
        });
    }
    let file = ApplicationFile {
        now: None,
        profile: Profile {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.org".into()),
            phone: Some("+1 555 010 0001".into()),
            signature: None,
            timezone: zone_name.into(),
            highlights: vec![
                "five years building streaming data pipelines".into(),
                "ran Kafka clusters in production".into(),
            ],
            locale: None,
        },
        application: Application {
            id: format!("a{app}"),
            company: format!("{} {}", rng.pick(COMPANIES), app),
            role: rng.pick(ROLES).to_string(),
            industry: Some(rng.pick(INDUSTRIES).to_string()),
            culture: rng.chance(30).then(|| *rng.pick(Culture::ALL)),
            prefers_no_calls: rng.chance(20),
            stage: Stage::Interviewing,
            source: None,
            notes: None,
            archived: false,
        },
        interviews,
        touchpoints: Vec::new(),
        responses,
        settings: Settings::default(),
    };
    if let Err(e) = file.validate() {
        panic!("generated application {app} is invalid: {e}");
    }
    file
}

/// Plans each application at `now` and drafts every action its plan lists; the number of
/// drafts, so that nothing is optimised away.
fn draft_all(files: &[ApplicationFile], now: Timestamp, templates: &Templates) -> usize {
    let mut drafts = 0;
    for file in files {
        let plan = followup_plan::plan(file, now);
        for action in &plan.actions {
            let name = action.name();
            let request = Request {
                file,
                action: &name,
                channel: action.channel,
                late: action.late,
                tone: None,
            };
            black_box(compose(&request, templates).expect("built-in templates draft"));
            drafts += 1;
        }
    }
    drafts
}

fn bench(c: &mut Criterion) {
    let templates = Templates::built_in_only();
    let mut group = c.benchmark_group("draft");

    let panel = ApplicationFile::from_json("panel.json", PANEL).expect("the sample is valid");
    let action: ActionRef = "thank-you:r2:p1".parse().expect("a well-formed action");
    let request = Request {
        file: &panel,
        action: &action,
        channel: action.kind.default_channel(),
        late: false,
        tone: None,
    };
    // The first draft loads the tagger, the chunker and the proper nouns; it is not measured.
    compose(&request, &templates).expect("the sample drafts");
    group.bench_function("one_warm", |b| {
        b.iter(|| black_box(compose(&request, &templates).expect("the sample drafts")))
    });

    // Reading one detail (tagging, chunking, turning), the part of a draft that grows with the
    // notes: a thank-you reads each of the person's details once or twice.
    group.bench_function("read_detail", |b| {
        b.iter(|| {
            black_box(followup_compose::reading::read(
                black_box("she showed me their dashboards for the kafka migration"),
                followup_compose::reading::Field::Topic,
                followup_compose::reading::Pronoun::She,
            ))
        })
    });

    let mut rng = Lcg(SEED);
    let files: Vec<ApplicationFile> = (0..APPLICATIONS)
        .map(|i| application(&mut rng, i))
        .collect();
    let now: Timestamp = "2026-03-20T16:00:00Z".parse().expect("a valid instant");
    let drafts = draft_all(&files, now, &templates);
    eprintln!("draft/store_10k: {drafts} drafts from {APPLICATIONS} applications");
    // About twenty seconds a pass (some 110,000 drafts at roughly 0.2 ms each, planning a
    // small part of it): ten passes of one each are enough to see the figure, and the
    // measurement time is what they take, so criterion does not stretch it with a warning.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(240))
        .throughput(Throughput::Elements(drafts as u64));
    group.bench_function("store_10k", |b| {
        b.iter(|| black_box(draft_all(&files, now, &templates)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
