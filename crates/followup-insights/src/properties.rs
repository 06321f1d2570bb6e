//! Property tests: any small, valid set of applications measures and draws without panicking,
//! and the measures add up.

use followup_core::{
    ActionKind, Application, ApplicationFile, Channel, ContactRole, Details, Interview,
    Interviewer, Moment, Outcome, Profile, Response, RoundKind, Settings, Touchpoint,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use crate::{WEEKS, chart, insights, sparkline};

const ZONES: [&str; 5] = [
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "UTC",
];

/// Minutes after the start of 2026, spread over about seven months.
fn minutes() -> impl Strategy<Value = i64> {
    0i64..300_000
}

fn moment(minutes: i64, zone: &TimeZone) -> Moment {
    let base: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    Moment::in_zone(base + SignedDuration::from_mins(minutes), zone)
}

fn person(index: usize) -> Interviewer {
    Interviewer {
        id: format!("p{index}"),
        name: format!("Person {index}"),
        title: None,
        given: None,
        family: None,
        role: ContactRole::ALL[index % ContactRole::ALL.len()],
        email: Some(format!("p{index}@example.com")),
        phone: None,
        linkedin: None,
        timezone: None,
        away_until: None,
        details: Details::default(),
    }
}

type RoundSeed = (i64, Option<i64>, usize);
type TouchSeed = (usize, usize, usize, u32, i64);
type ResponseSeed = (usize, i64);

fn file_seed() -> impl Strategy<Value = (Vec<RoundSeed>, Vec<TouchSeed>, Vec<ResponseSeed>, bool)> {
    (
        prop::collection::vec((minutes(), prop::option::of(0i64..600), 1usize..4), 0..4),
        prop::collection::vec((0usize..6, 0usize..4, 0usize..4, 1u32..4, minutes()), 0..8),
        prop::collection::vec((0usize..5, minutes()), 0..4),
        any::<bool>(),
    )
}

fn build(
    id: usize,
    (rounds, touches, responses, archived): (
        Vec<RoundSeed>,
        Vec<TouchSeed>,
        Vec<ResponseSeed>,
        bool,
    ),
    zone: &TimeZone,
) -> ApplicationFile {
    let interviews: Vec<Interview> = rounds
        .iter()
        .enumerate()
        .map(|(r, &(start, length, people))| Interview {
            id: format!("r{r}"),
            kind: RoundKind::ALL[r % RoundKind::ALL.len()],
            start: moment(start, zone),
            end: length.map(|l| moment(start + l, zone)),
            timezone: None,
            decision_expected_by: None,
            personal_rapport: false,
            interviewers: (0..people).map(person).collect(),
        })
        .collect();
    let touchpoints = if interviews.is_empty() {
        Vec::new()
    } else {
        touches
            .iter()
            .map(|&(kind, round, to, n, at)| {
                let kind = ActionKind::ALL[kind % ActionKind::ALL.len()];
                let round = &interviews[round % interviews.len()];
                Touchpoint {
                    kind,
                    interview: round.id.clone(),
                    to: Some(round.interviewers[to % round.interviewers.len()].id.clone()),
                    n: if kind.is_numbered() { n } else { 1 },
                    channel: Channel::Email,
                    at: moment(at, zone),
                    subject: None,
                    message: None,
                }
            })
            .collect()
    };
    let file = ApplicationFile {
        now: None,
        profile: Profile {
            name: "Ada Lovelace".into(),
            email: None,
            phone: None,
            signature: None,
            timezone: zone.iana_name().unwrap_or("UTC").into(),
            highlights: Vec::new(),
            locale: None,
        },
        application: Application {
            id: format!("a{id}"),
            company: "<b>Acme & Co</b>".into(),
            role: "Engineer".into(),
            industry: None,
            culture: None,
            prefers_no_calls: false,
            stage: Default::default(),
            source: None,
            notes: None,
            archived,
        },
        interviews,
        touchpoints,
        responses: responses
            .iter()
            .map(|&(outcome, at)| Response {
                from: None,
                at: moment(at, zone),
                outcome: Outcome::ALL[outcome % Outcome::ALL.len()],
                decision_expected_by: None,
                note: None,
            })
            .collect(),
        settings: Settings::default(),
    };
    file.validate().expect("the generator makes valid files");
    file
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_small_set_of_files_measures_and_draws(
        seeds in prop::collection::vec(file_seed(), 0..5),
        now in minutes(),
        zone in 0usize..ZONES.len(),
    ) {
        let zone = TimeZone::get(ZONES[zone]).unwrap();
        let files: Vec<ApplicationFile> = seeds
            .into_iter()
            .enumerate()
            .map(|(id, seed)| build(id, seed, &zone))
            .collect();
        let now = moment(now, &zone).timestamp();
        let found = insights(&files, now, &zone);

        let p = &found.punctuality;
        let thank_yous = files
            .iter()
            .flat_map(|f| &f.touchpoints)
            .filter(|t| t.kind == ActionKind::ThankYou)
            .count() as u32;
        prop_assert_eq!(p.sent, thank_yous);
        prop_assert!(p.on_time <= p.sent);
        prop_assert_eq!(p.months.iter().map(|m| m.sent).sum::<u32>(), p.sent);
        prop_assert!(p.months.windows(2).all(|w| w[0].month < w[1].month));

        for step in &found.response_rates {
            prop_assert!(step.responded <= step.sent);
            prop_assert!(step.sent as usize <= files.len());
            prop_assert!((0.0..=1.0).contains(&step.rate));
        }

        let interviewed = files.iter().filter(|f| !f.interviews.is_empty()).count() as u32;
        let d = &found.days_to_response;
        let answered: u32 = d.buckets.iter().map(|b| b.count).sum();
        prop_assert_eq!(answered + d.none_yet, interviewed);
        prop_assert_eq!(d.median_days.is_some(), answered > 0);
        prop_assert!(d.median_days.is_none_or(|m| m >= 0.0));

        let f = &found.funnel;
        prop_assert_eq!(f.applications as usize, files.len());
        prop_assert_eq!(f.interviewed, interviewed);
        prop_assert_eq!(f.offer + f.rejected + f.no_response + f.waiting, f.interviewed);

        prop_assert_eq!(found.weekly.len(), WEEKS);
        let consecutive = found.weekly.windows(2).all(|w| {
            w[0].starts.checked_add(jiff::Span::new().days(7)).ok() == Some(w[1].starts)
        });
        prop_assert!(consecutive);
        let weekly: Vec<u32> = found.weekly.iter().map(|w| w.count).collect();
        prop_assert!(weekly.iter().sum::<u32>() as usize <= files.iter().map(|f| f.touchpoints.len()).sum());
        prop_assert_eq!(sparkline(&weekly).chars().count(), WEEKS);

        for svg in [
            chart::punctuality(&found),
            chart::response_rates(&found),
            chart::days_to_response(&found),
            chart::funnel(&found),
            chart::weekly(&found),
        ] {
            prop_assert!(svg.starts_with("<svg "));
            prop_assert!(svg.contains("role=\"img\""));
            prop_assert!(!svg.contains("Acme"));
        }
        prop_assert!(serde_json::to_string(&found).is_ok());
    }

    #[test]
    fn sparklines_have_one_block_per_value_and_peak_at_the_largest(values in prop::collection::vec(any::<u32>(), 0..40)) {
        let line: Vec<char> = sparkline(&values).chars().collect();
        prop_assert_eq!(line.len(), values.len());
        for (value, block) in values.iter().zip(&line) {
            prop_assert_eq!(*value == 0, *block == '▁');
        }
        if let Some(max) = values.iter().max().filter(|m| **m > 0) {
            let at = values.iter().position(|v| v == max).unwrap();
            prop_assert_eq!(line[at], '█');
        }
    }
}
