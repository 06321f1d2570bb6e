//! `followup due` as a whole process on a large store: 100,000 applications, 300,000 rounds
//! and over a million touchpoints. The agenda must cost what is due, not the whole history.
//!
//! The store is generated once into `target/bench-stores/` (about a minute) and reused.
//! Run with `cargo bench -p followup --bench due`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use followup_core::{
    ActionKind, Application, ApplicationFile, Channel, ContactRole, DecisionDate, Details,
    Interview, Interviewer, Moment, Outcome, Profile, Response, RoundKind, Settings, Stage,
    Touchpoint,
};
use followup_store::Store;
use jiff::{SignedDuration, Timestamp};

const APPLICATIONS: usize = 100_000;
/// The newest applications are still in progress; the rest are long settled.
const IN_PROGRESS: usize = 1_000;
const NOW: &str = "2026-03-02T18:00:00-05:00";
const BATCH: usize = 2_000;

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

fn at(t: Timestamp) -> Moment {
    Moment::new(t, jiff::tz::Offset::constant(-5))
}

fn hours(h: i64) -> SignedDuration {
    SignedDuration::from_hours(h)
}

fn person(id: String, name: String, role: ContactRole, linkedin: bool) -> Interviewer {
    Interviewer {
        email: Some(format!("{}@company.example", id)),
        phone: (role == ContactRole::Recruiter).then(|| "+1 555 010 0000".to_string()),
        linkedin: linkedin.then(|| format!("https://www.linkedin.com/in/{id}")),
        id,
        name,
        title: None,
        given: None,
        family: None,
        role,
        timezone: None,
        away_until: None,
        details: Details {
            topics: vec!["the roadmap".into()],
            shared: vec![],
            concerns: vec![],
            highlights: vec![],
        },
    }
}

fn touch(
    kind: ActionKind,
    round: &str,
    to: &str,
    n: u32,
    channel: Channel,
    when: Timestamp,
) -> Touchpoint {
    Touchpoint {
        kind,
        interview: round.into(),
        to: Some(to.into()),
        n,
        channel,
        at: at(when),
        subject: None,
        message: None,
    }
}

/// Application `i`: three rounds (phone screen, video, onsite panel). Settled ones end in a
/// rejection with every follow-up sent; the newest are mid-process with follow-ups open.
fn application(i: usize) -> ApplicationFile {
    let age_days = ((APPLICATIONS - i) as i64) * 1460 / APPLICATIONS as i64; // up to four years
    let in_progress = i >= APPLICATIONS - IN_PROGRESS;
    let start = now() - hours(24 * (age_days + 2) + (i % 7) as i64);
    let (a, r) = (format!("a{}", i + 1), |k: usize| {
        format!("r{}", 3 * i + k + 1)
    });
    let p = |k: usize| format!("p{}", 3 * i + k + 1);
    let recruiter = person(p(0), format!("Recruiter {i}"), ContactRole::Recruiter, true);
    let manager = person(
        p(1),
        format!("Manager {i}"),
        ContactRole::HiringManager,
        true,
    );
    let panelist = person(p(2), format!("Panelist {i}"), ContactRole::Panelist, false);
    let round = |k: usize, kind, begin: Timestamp, people: Vec<Interviewer>| Interview {
        id: r(k),
        kind,
        start: at(begin),
        end: Some(at(begin + hours(1))),
        timezone: Some("America/New_York".into()),
        decision_expected_by: (k == 2).then(|| DecisionDate::At(at(begin + hours(24 * 7)))),
        personal_rapport: false,
        interviewers: people,
    };
    let (s1, s2) = (start - hours(24 * 20), start - hours(24 * 10));
    let s3 = if in_progress {
        now() - hours(3 + (i % 30) as i64)
    } else {
        start
    };
    let interviews = vec![
        round(0, RoundKind::Phone, s1, vec![recruiter.clone()]),
        round(1, RoundKind::Video, s2, vec![manager.clone()]),
        round(
            2,
            RoundKind::Onsite,
            s3,
            vec![manager.clone(), panelist.clone()],
        ),
    ];
    use ActionKind::*;
    let mut touchpoints = vec![
        touch(ThankYou, &r(0), &p(0), 1, Channel::Email, s1 + hours(3)),
        touch(CheckIn, &r(0), &p(0), 1, Channel::Email, s1 + hours(24 * 5)),
        touch(ThankYou, &r(1), &p(1), 1, Channel::Email, s2 + hours(3)),
        touch(CheckIn, &r(1), &p(0), 1, Channel::Email, s2 + hours(24 * 5)),
        touch(
            LinkedinConnect,
            &r(0),
            &p(0),
            1,
            Channel::Linkedin,
            s1 + hours(30),
        ),
        touch(
            LinkedinConnect,
            &r(1),
            &p(1),
            1,
            Channel::Linkedin,
            s2 + hours(30),
        ),
    ];
    let mut responses = vec![
        Response {
            from: Some(p(0)),
            at: at(s1 + hours(24 * 6)),
            outcome: Outcome::NextRound,
            decision_expected_by: None,
            note: None,
        },
        Response {
            from: Some(p(0)),
            at: at(s2 + hours(24 * 6)),
            outcome: Outcome::NextRound,
            decision_expected_by: None,
            note: None,
        },
    ];
    if !in_progress {
        touchpoints.extend([
            touch(ThankYou, &r(2), &p(1), 1, Channel::Email, s3 + hours(3)),
            touch(ThankYou, &r(2), &p(2), 1, Channel::Email, s3 + hours(4)),
            touch(CheckIn, &r(2), &p(1), 1, Channel::Email, s3 + hours(24 * 9)),
            touch(
                CheckIn,
                &r(2),
                &p(1),
                2,
                Channel::Email,
                s3 + hours(24 * 16),
            ),
            touch(
                RejectionReply,
                &r(2),
                &p(1),
                1,
                Channel::Email,
                s3 + hours(24 * 18 + 2),
            ),
        ]);
        responses.push(Response {
            from: Some(p(1)),
            at: at(s3 + hours(24 * 18)),
            outcome: Outcome::Rejection,
            decision_expected_by: None,
            note: None,
        });
    }
    ApplicationFile {
        now: None,
        profile: Profile {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.com".into()),
            phone: None,
            signature: None,
            timezone: "America/New_York".into(),
            highlights: vec![],
            locale: None,
        },
        application: Application {
            id: a,
            company: format!("Company {i}"),
            role: "Data Engineer".into(),
            industry: Some("software".into()),
            culture: None,
            prefers_no_calls: false,
            stage: if in_progress {
                Stage::Interviewing
            } else {
                Stage::Rejected
            },
            source: None,
            notes: None,
            archived: false,
        },
        interviews,
        touchpoints,
        responses,
        settings: Settings::default(),
    }
}

/// Builds the store once; a marker file says it is complete.
fn store_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-stores/due-100k");
    let marker = dir.join("complete");
    if marker.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "generating {APPLICATIONS} applications into {} …",
        dir.display()
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::open(&dir).await.unwrap();
        let mut touchpoints = 0;
        for start in (0..APPLICATIONS).step_by(BATCH) {
            let files: Vec<ApplicationFile> = (start..(start + BATCH).min(APPLICATIONS))
                .map(application)
                .collect();
            touchpoints += files.iter().map(|f| f.touchpoints.len()).sum::<usize>();
            store.import_batch(&files, at(now())).await.unwrap();
        }
        eprintln!(
            "{APPLICATIONS} applications, {} rounds, {touchpoints} touchpoints",
            3 * APPLICATIONS
        );
        store.close().await;
    });
    std::fs::write(&marker, "").unwrap();
    dir
}

fn due(c: &mut Criterion) {
    let dir = store_dir();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_followup"))
            .arg("--data-dir")
            .arg(&dir)
            .args(["--now", NOW])
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    eprintln!("the agenda prints {} bytes", run(&["due"]));
    let mut group = c.benchmark_group("followup_due_100k");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("due", |b| b.iter(|| run(&["due"])));
    group.bench_function("due_json", |b| b.iter(|| run(&["--json", "due"])));
    group.finish();
}

criterion_group!(benches, due);
criterion_main!(benches);
