//! `followup demo`: a realistic sample, dated around "now", to explore the tool with.
//!
//! Every name, company and address here is invented; the domains are `.example`.

use followup_core::{
    ActionKind, Application, ApplicationFile, Channel, ContactRole, Culture, DecisionDate, Details,
    Interview, Interviewer, Moment, Outcome, Profile, Response, RoundKind, Settings, Stage,
    Touchpoint,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Zoned};

use crate::context::{Ctx, system_zone_name};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, paint};

/// Dates relative to now, in the user's zone.
struct Clock {
    now: Zoned,
    zone: TimeZone,
}

impl Clock {
    /// `days` ago (negative: ahead) at `hour:minute` local time.
    fn at(&self, days: i64, hour: i8, minute: i8) -> Moment {
        let date = self
            .now
            .date()
            .checked_sub(Span::new().days(days))
            .expect("demo dates are near now");
        let zoned = date
            .at(hour, minute, 0, 0)
            .to_zoned(self.zone.clone())
            .expect("demo times exist in every zone");
        Moment::from_zoned(&zoned)
    }

    fn after(&self, m: Moment, minutes: i64) -> Moment {
        Moment::in_zone(
            m.timestamp() + SignedDuration::from_mins(minutes),
            &self.zone,
        )
    }

    fn day(&self, days: i64) -> DecisionDate {
        DecisionDate::Day(
            self.now
                .date()
                .checked_sub(Span::new().days(days))
                .expect("near now"),
        )
    }

    /// The latest weekday at `hour`:00 whose `minutes`-long meeting ended at least an hour
    /// ago: an interview the user has only just come out of.
    fn latest_weekday(&self, hour: i8, minutes: i64) -> Moment {
        (0..10)
            .map(|days| self.at(days, hour, 0))
            .find(|start| {
                let weekday = start.to_zoned(self.zone.clone()).weekday();
                let ended = start.timestamp() + SignedDuration::from_mins(minutes + 60);
                weekday.to_monday_one_offset() <= 5 && ended <= self.now.timestamp()
            })
            .expect("a weekday within ten days")
    }
}

fn person(id: &str, name: &str, role: ContactRole, email: Option<&str>) -> Interviewer {
    Interviewer {
        id: id.into(),
        name: name.into(),
        title: None,
        given: None,
        family: None,
        role,
        email: email.map(Into::into),
        phone: None,
        linkedin: None,
        timezone: None,
        away_until: None,
        details: Details::default(),
    }
}

fn details(topics: &[&str], shared: &[&str], concerns: &[&str]) -> Details {
    let own = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Details {
        topics: own(topics),
        shared: own(shared),
        concerns: own(concerns),
        highlights: Vec::new(),
    }
}

fn app(id: &str, company: &str, role: &str, industry: &str, stage: Stage) -> Application {
    Application {
        id: id.into(),
        company: company.into(),
        role: role.into(),
        industry: Some(industry.into()),
        culture: None,
        prefers_no_calls: false,
        stage,
        source: None,
        notes: None,
        archived: false,
    }
}

fn round(
    id: &str,
    kind: RoundKind,
    start: Moment,
    end: Moment,
    zone: &str,
    people: Vec<Interviewer>,
) -> Interview {
    Interview {
        id: id.into(),
        kind,
        start,
        end: Some(end),
        timezone: Some(zone.into()),
        decision_expected_by: None,
        personal_rapport: false,
        interviewers: people,
    }
}

fn sent(
    kind: ActionKind,
    interview: &str,
    to: &str,
    channel: Channel,
    at: Moment,
    subject: &str,
) -> Touchpoint {
    Touchpoint {
        kind,
        interview: interview.into(),
        to: Some(to.into()),
        n: 1,
        channel,
        at,
        subject: (!subject.is_empty()).then(|| subject.into()),
        message: None,
    }
}

fn heard(from: &str, at: Moment, outcome: Outcome, note: &str) -> Response {
    Response {
        from: Some(from.into()),
        at,
        outcome,
        decision_expected_by: None,
        note: Some(note.into()),
    }
}

/// The sample: applications at every stage, a panel, a rejection, an offer, a networking contact.
fn sample(clock: &Clock, zone_name: &str) -> Vec<ApplicationFile> {
    let profile = Profile {
        name: "Sam Rivera".into(),
        email: Some("sam.rivera@example.com".into()),
        phone: Some("+1 555 010 4477".into()),
        signature: Some("Sam Rivera\n+1 555 010 4477".into()),
        timezone: zone_name.into(),
        highlights: vec![
            "moved a nightly batch pipeline to streaming and cut report latency from hours to minutes".into(),
            "led the on-call rotation for a team of six for two years".into(),
            "built a data-quality dashboard used by three departments".into(),
        ],
        locale: None,
    };
    let file = |application, interviews, touchpoints, responses| ApplicationFile {
        now: None,
        profile: profile.clone(),
        application,
        interviews,
        touchpoints,
        responses,
        settings: Settings::default(),
    };
    let z = zone_name;
    let mut files = Vec::new();

    // 1. A panel that ended a few hours ago: three separate thank-yous are due.
    let mut a = app(
        "a1",
        "Northwind Analytics",
        "Data Engineer",
        "software",
        Stage::Interviewing,
    );
    a.source = Some("referral from a former colleague".into());
    let mut priya = person(
        "p1",
        "Priya Raman",
        ContactRole::HiringManager,
        Some("priya.raman@northwind.example"),
    );
    priya.details = details(
        &[
            "moving the nightly batch jobs to streaming",
            "how the team reviews data-quality incidents",
        ],
        &["she joined as the team's first analyst"],
        &["whether I have run Kafka in production"],
    );
    let mut marcus = person(
        "p2",
        "Marcus Chen",
        ContactRole::Panelist,
        Some("marcus.chen@northwind.example"),
    );
    marcus.linkedin = Some("https://www.linkedin.com/in/marcus-chen-example".into());
    marcus.details = details(
        &["schema evolution with Avro", "keeping on-call humane"],
        &["his side project mapping bike lanes"],
        &[],
    );
    let mut elena = person(
        "p3",
        "Elena Sokolova",
        ContactRole::Recruiter,
        Some("elena.sokolova@northwind.example"),
    );
    elena.phone = Some("+1 555 010 2290".into());
    let mut elena_panel = elena.clone();
    elena.details = details(&["the team's hybrid schedule"], &[], &["my notice period"]);
    elena_panel.details = details(
        &["relocation support", "the start date"],
        &["she moved cities for the job herself"],
        &[],
    );
    let screen_start = clock.at(10, 11, 0);
    let mut screen = round(
        "r1",
        RoundKind::Phone,
        screen_start,
        clock.after(screen_start, 30),
        z,
        vec![elena],
    );
    screen.decision_expected_by = Some(clock.day(3));
    let panel_start = clock.latest_weekday(14, 90);
    let mut panel = round(
        "r2",
        RoundKind::Panel,
        panel_start,
        clock.after(panel_start, 90),
        z,
        vec![priya, marcus, elena_panel],
    );
    panel.decision_expected_by = Some(clock.day(-8));
    files.push(file(
        a,
        vec![screen, panel],
        vec![sent(
            ActionKind::ThankYou,
            "r1",
            "p3",
            Channel::Email,
            clock.at(10, 16, 20),
            "Thank you for today's call",
        )],
        vec![heard(
            "p3",
            clock.at(7, 9, 40),
            Outcome::NextRound,
            "Invited to a panel with the data team",
        )],
    ));

    // 2. A formal bank whose decision date has passed: a check-in is due; rapport suggests a card.
    let a = app(
        "a2",
        "Harbor Trust Bank",
        "Risk Analyst",
        "banking",
        Stage::Interviewing,
    );
    let mut hannah = person(
        "p4",
        "Hannah Whitfield",
        ContactRole::HiringManager,
        Some("h.whitfield@harbortrust.example"),
    );
    hannah.title = Some("Dr.".into());
    hannah.details = details(
        &[
            "stress-testing the mortgage book",
            "the move to a new risk platform",
        ],
        &["her years teaching statistics"],
        &["limited experience with regulatory reporting"],
    );
    let start = clock.at(9, 10, 0);
    let mut r = round(
        "r3",
        RoundKind::Video,
        start,
        clock.after(start, 60),
        z,
        vec![hannah],
    );
    r.decision_expected_by = Some(clock.day(2));
    r.personal_rapport = true;
    files.push(file(
        a,
        vec![r],
        vec![sent(
            ActionKind::ThankYou,
            "r3",
            "p4",
            Channel::Email,
            clock.at(9, 17, 5),
            "Thank you, Dr. Whitfield",
        )],
        vec![],
    ));

    // 3. A second check-in, after an update that moved the date (a call is an alternative).
    let a = app(
        "a3",
        "Bluebird Health",
        "Product Manager",
        "healthcare",
        Stage::Interviewing,
    );
    let mut tomas = person(
        "p5",
        "Tomás Alvarez",
        ContactRole::HiringManager,
        Some("tomas.alvarez@bluebird.example"),
    );
    tomas.phone = Some("+1 555 010 8812".into());
    tomas.details = details(
        &[
            "the patient-intake redesign",
            "measuring adoption in clinics",
        ],
        &["his clinic visits every Friday"],
        &[],
    );
    let start = clock.at(24, 13, 0);
    let mut r = round(
        "r4",
        RoundKind::Onsite,
        start,
        clock.after(start, 180),
        z,
        vec![tomas],
    );
    r.decision_expected_by = Some(clock.day(17));
    let mut update = heard(
        "p5",
        clock.at(12, 11, 15),
        Outcome::Update,
        "Still interviewing; they expect to decide soon",
    );
    update.decision_expected_by = Some(clock.day(3));
    let mut check_in = sent(
        ActionKind::CheckIn,
        "r4",
        "p5",
        Channel::Email,
        clock.at(14, 9, 30),
        "Checking in on the Product Manager role",
    );
    check_in.n = 1;
    files.push(file(
        a,
        vec![r],
        vec![
            sent(
                ActionKind::ThankYou,
                "r4",
                "p5",
                Channel::Email,
                clock.at(24, 18, 0),
                "Thank you for the visit",
            ),
            check_in,
        ],
        vec![update],
    ));

    // 4. A rejection yesterday: a gracious reply is due.
    let mut a = app(
        "a4",
        "Lumen & Gray LLP",
        "Paralegal",
        "law",
        Stage::Rejected,
    );
    a.source = Some("law school career office".into());
    let mut grace = person(
        "p6",
        "Grace Okafor",
        ContactRole::HiringManager,
        Some("gokafor@lumengray.example"),
    );
    grace.title = Some("Ms.".into());
    grace.details = details(
        &["the firm's pro bono housing clinic"],
        &[],
        &["my lack of litigation experience"],
    );
    let start = clock.at(20, 15, 0);
    files.push(file(
        a,
        vec![round(
            "r5",
            RoundKind::Video,
            start,
            clock.after(start, 45),
            z,
            vec![grace],
        )],
        vec![sent(
            ActionKind::ThankYou,
            "r5",
            "p6",
            Channel::Email,
            clock.at(20, 19, 10),
            "Thank you, Ms. Okafor",
        )],
        vec![heard(
            "p6",
            clock.at(1, 16, 5),
            Outcome::Rejection,
            "They chose a candidate with more litigation experience",
        )],
    ));

    // 5. An offer after two rounds.
    let mut a = app(
        "a5",
        "Orbit Games",
        "Gameplay Programmer",
        "games",
        Stage::Offer,
    );
    a.culture = Some(Culture::Casual);
    let mut jordan = person(
        "p7",
        "Jordan Lee",
        ContactRole::Recruiter,
        Some("jordan@orbitgames.example"),
    );
    let jordan_onsite = {
        let mut j = jordan.clone();
        j.details = details(&["the studio's four-day week"], &[], &[]);
        j
    };
    jordan.details = details(&["the team behind the next racing title"], &[], &[]);
    let mut maya = person(
        "p8",
        "Maya Patel",
        ContactRole::HiringManager,
        Some("maya@orbitgames.example"),
    );
    maya.details = details(
        &["physics-based camera systems"],
        &["her speedrun of the studio's first game"],
        &[],
    );
    let s1 = clock.at(30, 10, 0);
    let s2 = clock.at(16, 13, 30);
    files.push(file(
        a,
        vec![
            round(
                "r6",
                RoundKind::Phone,
                s1,
                clock.after(s1, 30),
                z,
                vec![jordan],
            ),
            round(
                "r7",
                RoundKind::Onsite,
                s2,
                clock.after(s2, 240),
                z,
                vec![maya, jordan_onsite],
            ),
        ],
        vec![
            sent(
                ActionKind::ThankYou,
                "r6",
                "p7",
                Channel::Email,
                clock.at(30, 15, 0),
                "Thanks for the chat",
            ),
            sent(
                ActionKind::ThankYou,
                "r7",
                "p8",
                Channel::Email,
                clock.at(16, 19, 0),
                "Thanks for today",
            ),
            sent(
                ActionKind::ThankYou,
                "r7",
                "p7",
                Channel::Email,
                clock.at(16, 19, 10),
                "Thanks for organising today",
            ),
        ],
        vec![
            heard(
                "p7",
                clock.at(27, 12, 0),
                Outcome::NextRound,
                "Invited to the onsite",
            ),
            heard(
                "p7",
                clock.at(2, 17, 30),
                Outcome::Offer,
                "Offer by email; answer within a week",
            ),
        ],
    ));

    // 6. A networking coffee with someone known only on LinkedIn: thank them there.
    let mut a = app(
        "a6",
        "Cedar Labs",
        "Machine Learning Engineer",
        "research",
        Stage::Applied,
    );
    a.notes = Some("Exploring; no opening posted yet".into());
    let mut sofia = person("p9", "Sofia Marin", ContactRole::Other, None);
    sofia.linkedin = Some("https://www.linkedin.com/in/sofia-marin-example".into());
    sofia.details = details(
        &["how the lab evaluates forecasting models"],
        &["her path from physics into ML"],
        &[],
    );
    let start = clock.at(3, 8, 30);
    files.push(file(
        a,
        vec![round(
            "r8",
            RoundKind::Networking,
            start,
            clock.after(start, 45),
            z,
            vec![sofia],
        )],
        vec![],
        vec![],
    ));

    // 7. Just applied.
    let mut a = app(
        "a7",
        "Fjord Logistics",
        "Operations Analyst",
        "logistics",
        Stage::Applied,
    );
    a.source = Some("company careers page".into());
    files.push(file(a, vec![], vec![], vec![]));
    files
}

/// What filling a data directory with the sample did.
pub enum Filled {
    /// The sample was added to an empty directory.
    Now(Vec<ApplicationFile>),
    /// The sample was there already.
    Already(Vec<ApplicationFile>),
    /// The directory holds the user's own applications: left alone.
    Theirs(usize),
}

/// Adds the sample to an empty store; never mixes it into the user's own data.
pub async fn fill(ctx: &Ctx, store: &followup_store::Store) -> CliResult<Filled> {
    let zone_name = match store.profile().await? {
        Some(p) => p.timezone,
        None => system_zone_name(),
    };
    let zone = TimeZone::get(&zone_name).unwrap_or(TimeZone::UTC);
    let clock = Clock {
        now: ctx.now_in(&zone),
        zone,
    };
    let files = sample(&clock, &zone_name);
    let sample_ids: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.application.id.clone(), f.application.company.clone()))
        .collect();
    let present: Vec<(String, String)> = store
        .list_applications(true, ctx.now)
        .await?
        .into_iter()
        .map(|s| (s.application.id, s.application.company))
        .collect();
    if present.is_empty() {
        for file in &files {
            store.import(file, ctx.now_moment(&clock.zone)).await?;
        }
        Ok(Filled::Now(files))
    } else if present == sample_ids {
        Ok(Filled::Already(files))
    } else {
        Ok(Filled::Theirs(present.len()))
    }
}

pub async fn run(ctx: &Ctx) -> CliResult {
    let store = ctx.open().await?;
    let (files, already) = match fill(ctx, &store).await? {
        Filled::Now(files) => (files, false),
        Filled::Already(files) => (files, true),
        Filled::Theirs(_) => {
            store.close().await;
            return Err(CliError::bad_input(
                format!(
                    "{} already holds your applications; the demo only fills an empty data directory",
                    ctx.data_dir.display()
                ),
                "try it in a fresh directory: followup --data-dir /tmp/followup-demo demo",
            ));
        }
    };
    let path = store.path().to_path_buf();
    store.close().await;
    if ctx.json {
        let ids: Vec<&str> = files.iter().map(|f| f.application.id.as_str()).collect();
        return output::json(
            &serde_json::json!({ "database": path, "applications": ids, "already_there": already }),
        );
    }
    if already {
        output::line(format!("{} already holds the sample.", path.display()))?;
    } else {
        output::line(format!(
            "Filled {} with a sample: {} applications for Sam Rivera.",
            path.display(),
            files.len()
        ))?;
    }
    for f in &files {
        output::line(format!(
            "  {}  {} — {} ({})",
            paint(BOLD, &f.application.id),
            f.application.company,
            f.application.role,
            f.application.stage
        ))?;
    }
    output::line("")?;
    output::line("Try next:")?;
    let data = if ctx.data_dir == crate::context::default_data_dir().unwrap_or_default() {
        String::new()
    } else {
        format!(" --data-dir {}", ctx.data_dir.display())
    };
    for (cmd, why) in [
        ("due", "what to send, and when: overdue first"),
        ("app list", "every application and where it stands"),
        (
            "app show a1",
            "a panel with three interviewers and their notes",
        ),
        (
            "plan a3",
            "a second check-in, with a call as the alternative",
        ),
        (
            "draft a1 thank-you:r2:p2",
            "a thank-you drawn from Marcus's own details",
        ),
        (
            "check a1 thank-you:r2:p2",
            "the same draft, checked before it goes out",
        ),
        (
            "calendar -o followups.ics",
            "every open follow-up for your calendar",
        ),
    ] {
        output::line(format!("  followup{data} {cmd:<26} {}", paint(DIM, why)))?;
    }
    Ok(())
}
