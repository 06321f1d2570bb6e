//! Store tests on a real SQLite file in a temporary directory.

use followup_core::{ApplicationFile, Moment};

use std::collections::BTreeMap;

use super::*;

const EXAMPLE: &str = include_str!("../../followup-core/tests/data/spec-example.json");

fn now() -> Moment {
    Moment::parse_rfc3339("2026-03-02T18:00:00-05:00").unwrap()
}

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn opens_with_wal_and_foreign_keys() {
    let (_dir, store) = fresh().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(
        store.schema_versions().await.unwrap().last().copied(),
        Some(Store::latest_schema_version())
    );
}

#[tokio::test]
async fn import_then_load_is_lossless() {
    let (_dir, store) = fresh().await;
    let mut file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    file.now = None;
    let report = store.import(&file, now()).await.unwrap();
    assert_eq!(report.application, "a1");
    assert!(report.renamed.is_empty());
    assert!(report.profile_imported && report.settings_imported);
    let loaded = store.load("a1").await.unwrap();
    assert_eq!(loaded, file);
}

#[tokio::test]
async fn a_second_import_renames_clashing_ids() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let report = store.import(&file, now()).await.unwrap();
    assert_eq!(report.application, "a2");
    let renamed: Vec<String> = report
        .renamed
        .iter()
        .map(|r| format!("{}:{}->{}", r.kind, r.from, r.to))
        .collect();
    assert_eq!(
        renamed,
        [
            "application:a1->a2",
            "interviewer:p1->p2",
            "interview:r1->r2"
        ]
    );
    assert!(!report.profile_imported);
    let second = store.load("a2").await.unwrap();
    assert_eq!(second.touchpoints[0].interview, "r2");
    assert_eq!(second.touchpoints[0].to.as_deref(), Some("p2"));
    assert_eq!(second.responses[0].from.as_deref(), Some("p2"));
}

#[tokio::test]
async fn a_failed_change_leaves_nothing_behind() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let before = store.load("a1").await.unwrap();
    // A round naming a contact of no application fails after the round row was written.
    let mut round = before.interviews[0].clone();
    round.id = String::new();
    round.interviewers[0].id = "p404".into();
    assert!(store.save_round("a1", &round).await.is_err());
    assert_eq!(store.load("a1").await.unwrap(), before);
    let rounds: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rounds")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(rounds, 1);
    // And the id counter did not move: the next round is still r2... after r1 taken.
    round.interviewers[0].id = "p1".into();
    let saved = store.save_round("a1", &round).await.unwrap();
    assert_eq!(saved.id, "r2");
}

#[tokio::test]
async fn unknown_ids_name_the_known_ones() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let err = store.load("a9").await.unwrap_err();
    assert_eq!(err.to_string(), "unknown application \"a9\"");
    assert_eq!(err.hint().unwrap(), "known: a1");
}

#[tokio::test]
async fn an_agenda_page_counts_everything_and_lists_the_most_urgent() {
    let (_dir, store) = fresh().await;
    // Twelve copies of the example, ended at different times: some overdue, some due.
    for i in 0..12 {
        let mut file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
        file.application.id = format!("a{}", i + 1);
        let shift = jiff::SignedDuration::from_hours(i * 30);
        for round in &mut file.interviews {
            round.start =
                Moment::in_zone(round.start.timestamp() - shift, &jiff::tz::TimeZone::UTC);
            round.end = round
                .end
                .map(|e| Moment::in_zone(e.timestamp() - shift, &jiff::tz::TimeZone::UTC));
        }
        if i % 2 == 0 {
            file.touchpoints.clear();
        }
        for t in &mut file.touchpoints {
            t.at = Moment::in_zone(t.at.timestamp() - shift, &jiff::tz::TimeZone::UTC);
        }
        store.import(&file, now()).await.unwrap();
    }
    let at = now().timestamp();
    let horizon = at + jiff::SignedDuration::from_hours(24 * 14);
    let all = store.agenda(at, horizon).await.unwrap();
    let page = store.agenda_page(at, horizon, 3).await.unwrap();
    let count =
        |s: followup_plan::ActionStatus| all.iter().filter(|i| i.action.status == s).count() as u64;
    assert_eq!(page.overdue, count(followup_plan::ActionStatus::Overdue));
    assert_eq!(page.due, count(followup_plan::ActionStatus::Due));
    assert_eq!(page.upcoming, count(followup_plan::ActionStatus::Upcoming));
    assert!(page.overdue > 3 && page.upcoming + page.due > 0, "{page:?}");
    for status in [
        followup_plan::ActionStatus::Overdue,
        followup_plan::ActionStatus::Due,
        followup_plan::ActionStatus::Upcoming,
    ] {
        let listed: Vec<_> = page
            .items
            .iter()
            .filter(|i| i.action.status == status)
            .collect();
        let expected: Vec<_> = all
            .iter()
            .filter(|i| i.action.status == status)
            .take(3)
            .collect();
        assert_eq!(listed, expected, "{status:?}: the most urgent, in order");
    }
    // The next to open, whatever its deadline.
    let later = store
        .agenda(at, at + jiff::SignedDuration::from_hours(24 * 3650))
        .await
        .unwrap();
    let next = later
        .iter()
        .filter(|i| i.action.status == followup_plan::ActionStatus::Upcoming)
        .map(|i| i.action.opens.timestamp())
        .min();
    assert!(next.is_some());
    assert_eq!(store.next_opening(at).await.unwrap(), next);
    assert_eq!(
        store
            .next_opening(at + jiff::SignedDuration::from_hours(24 * 3650))
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn backup_restore_backup_is_identical() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    store.import(&file, now()).await.unwrap();
    let mut second = store.application("a2").await.unwrap();
    second.archived = true;
    second.notes = Some("line one\nline \"two\" — ünïcode".into());
    store.update_application(&second).await.unwrap();
    store
        .save_draft(
            "a1",
            "thank-you:r1:p1",
            Some("Thanks"),
            "Dear Grace,\n",
            now(),
        )
        .await
        .unwrap();
    let email = NewEmail {
        message_id: "<m1@example.com>".into(),
        application_id: "a1".into(),
        action: "thank-you:r1:p2".into(),
        recipient_name: "Alan".into(),
        recipient: "alan@acme.example".into(),
        subject: "Thank you".into(),
        body: "Thank you.".into(),
        send_after: now().timestamp(),
    };
    let queued = store.queue_email(&email, now()).await.unwrap();
    assert!(
        store
            .begin_sending(queued.id, &[0, 13, 10, 255])
            .await
            .unwrap()
    );
    store
        .meta_or_insert("calendar_token", || "s3cr3t".into())
        .await
        .unwrap();
    let before = store.backup().await.unwrap();
    assert!(before.tables["outbox"][0]["raw"]["hex"] == "000d0aff");
    assert!(!before.tables.contains_key("planned_actions"));
    let text = serde_json::to_string_pretty(&before).unwrap();

    let (_other_dir, other) = fresh().await;
    let read: Backup = serde_json::from_str(&text).unwrap();
    let restored = other.restore(&read).await.unwrap();
    assert_eq!(restored.applications, 2);
    let after = serde_json::to_string_pretty(&other.backup().await.unwrap()).unwrap();
    assert_eq!(after, text, "backup → restore → backup is identical");
    // The plans were made again, and the restored store works as the first did.
    assert_eq!(
        other
            .agenda(now().timestamp(), jiff::Timestamp::MAX)
            .await
            .unwrap()
            .len(),
        store
            .agenda(now().timestamp(), jiff::Timestamp::MAX)
            .await
            .unwrap()
            .len()
    );
    assert_eq!(
        other.load("a1").await.unwrap(),
        store.load("a1").await.unwrap()
    );

    // Never into a store with data, and nothing half-done when refused.
    let err = other.restore(&read).await.unwrap_err();
    assert!(err.to_string().contains("already holds data"), "{err}");
    let mut foreign = read.clone();
    foreign.tables.insert("secrets".into(), vec![]);
    let (_third_dir, third) = fresh().await;
    assert!(third.restore(&foreign).await.is_err());
    let mut broken = read.clone();
    broken.tables.get_mut("responses").unwrap().push(
        [
            ("id".to_string(), serde_json::json!(99)),
            ("oops".to_string(), serde_json::json!(1)),
        ]
        .into_iter()
        .collect(),
    );
    assert!(third.restore(&broken).await.is_err());
    assert!(
        third
            .list_applications(true, now().timestamp())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn many_applications_added_at_once_are_planned_as_one_by_one() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let mut app = file.application.clone();
    app.id = String::new();
    let mut archived = app.clone();
    archived.archived = true;
    let mut seen = Vec::new();
    let ids = store
        .add_applications(&[(app.clone(), now()), (archived, now())], |n| seen.push(n))
        .await
        .unwrap();
    assert_eq!(ids, ["a2", "a3"], "the ids an import took are skipped");
    assert_eq!(seen.last(), Some(&2), "progress reaches the end");
    let plan_columns = || async {
        sqlx::query_as::<_, (String, Option<String>, Option<i64>, i64)>(
            "SELECT id, plan_outcome, plan_quiet_from_ns, plan_thank_yous_done FROM applications ORDER BY id",
        )
        .fetch_all(&store.pool)
        .await
        .unwrap()
    };
    let before = plan_columns().await;
    let settings = store.settings().await.unwrap();
    store.set_settings(&settings).await.unwrap();
    assert_eq!(plan_columns().await, before, "replanning changes nothing");
    let next = store.create_application(&app, now()).await.unwrap();
    assert_eq!(next.id, "a4", "the counter moved on");
}

#[tokio::test]
async fn a_backup_edited_into_nonsense_is_refused_whole() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let good = store.backup().await.unwrap();
    type Spoil = Box<dyn Fn(&mut Backup)>;
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "created_at",
            Box::new(|b| {
                b.tables.get_mut("applications").unwrap()[0]
                    .insert("created_at".into(), serde_json::json!("yesterday"));
            }),
        ),
        (
            "control characters",
            Box::new(|b| {
                b.tables.get_mut("applications").unwrap()[0]
                    .insert("company".into(), serde_json::json!("Acme\u{0}"));
            }),
        ),
        (
            "is empty",
            Box::new(|b| {
                b.tables.get_mut("responses").unwrap().push(BTreeMap::new());
            }),
        ),
        (
            "no applications table",
            Box::new(|b| {
                b.tables.clear();
            }),
        ),
        (
            "cannot be stored",
            Box::new(|b| {
                b.tables.remove("rounds");
            }),
        ),
    ];
    for (want, spoil) in cases {
        let mut backup = good.clone();
        spoil(&mut backup);
        let (_d, other) = fresh().await;
        let err = other.restore(&backup).await.unwrap_err();
        assert!(err.to_string().contains(want), "{want}: {err}");
        assert!(
            other
                .list_applications(true, now().timestamp())
                .await
                .unwrap()
                .is_empty(),
            "{want}: nothing restored"
        );
    }
}

#[tokio::test]
async fn a_new_person_in_several_rounds_is_added_once() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let mut round = file.interviews[0].clone();
    round.id = String::new();
    let mut carol = followup_core::Interviewer::named("Carol New");
    carol.id = format!("{NEW_PERSON}carol");
    round.interviewers = vec![carol];
    let saved = store
        .save_rounds(&[("a1".into(), round.clone()), ("a1".into(), round)])
        .await
        .unwrap();
    assert_eq!(saved[0].interviewers[0].id, saved[1].interviewers[0].id);
    let people = store.load("a1").await.unwrap();
    assert_eq!(
        people
            .people()
            .iter()
            .filter(|p| p.name == "Carol New")
            .count(),
        1
    );
}

#[tokio::test]
async fn name_parts_and_the_locale_are_kept_and_backed_up() {
    let (_dir, store) = fresh().await;
    let mut file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    file.now = None;
    file.profile.locale = Some(followup_core::Locale::EnGb);
    let person = &mut file.interviews[0].interviewers[0];
    person.name = "Wang Xiuying".into();
    person.given = Some("Xiuying".into());
    person.family = Some("Wang".into());
    store.import(&file, now()).await.unwrap();
    assert_eq!(store.load("a1").await.unwrap(), file);
    assert_eq!(
        store.profile().await.unwrap().unwrap().locale,
        Some(followup_core::Locale::EnGb)
    );

    let backup = store.backup().await.unwrap();
    let contacts = &backup.tables["contacts"];
    assert_eq!(contacts[0]["given"], "Xiuying");
    assert_eq!(backup.tables["profile"][0]["locale"], "en-GB");
    let (_other_dir, other) = fresh().await;
    other.restore(&backup).await.unwrap();
    assert_eq!(other.load("a1").await.unwrap(), file);
}

/// Four stores on one file stand for `serve`, `run` and two CLI commands writing at once.
/// Each write reads before it writes (the next free id), which under a deferred transaction
/// fails with "database is locked" when another writer got in between; taken up front, the
/// lock is waited for, so every write lands and no id is given twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_in_four_processes_queue_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let mut writers = Vec::new();
    for w in 0..4 {
        let store = Store::open(dir.path()).await.unwrap();
        writers.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            for i in 0..40 {
                let app: Application = serde_json::from_value(serde_json::json!({
                    "id": "", "company": format!("Writer {w} Company {i}"), "role": "Analyst"
                }))
                .unwrap();
                if let Err(e) = store.create_application(&app, now()).await {
                    failures.push(e.to_string());
                }
            }
            store.close().await;
            failures
        }));
    }
    let mut failures = Vec::new();
    for w in writers {
        failures.extend(w.await.unwrap());
    }
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    let store = Store::open(dir.path()).await.unwrap();
    let apps = store.load_every(false).await.unwrap();
    let ids: std::collections::HashSet<&str> =
        apps.iter().map(|f| f.application.id.as_str()).collect();
    assert_eq!(apps.len(), 160);
    assert_eq!(ids.len(), 160);
}

/// Issue 18, point 4: recording a round moves an application that was only applied for to
/// interviewing, in the same transaction as its new plan; a later stage is left as it is.
#[tokio::test]
async fn a_recorded_round_moves_an_application_to_interviewing() {
    let (_dir, store) = fresh().await;
    let app: Application = serde_json::from_value(serde_json::json!({
        "id": "", "company": "Globex", "role": "Analyst"
    }))
    .unwrap();
    let app = store.create_application(&app, now()).await.unwrap();
    assert_eq!(
        store.application(&app.id).await.unwrap().stage,
        followup_core::Stage::Applied
    );
    let round: Interview = serde_json::from_value(serde_json::json!({
        "id": "", "kind": "video", "start": "2026-03-02T14:00:00-05:00",
        "interviewers": [{"id": "", "name": "Grace Hopper", "email": "grace@globex.example"}]
    }))
    .unwrap();
    store.save_round(&app.id, &round).await.unwrap();
    assert_eq!(
        store.application(&app.id).await.unwrap().stage,
        followup_core::Stage::Interviewing
    );
    let planned = store.load(&app.id).await.unwrap();
    assert_eq!(planned.interviews.len(), 1);

    let mut offered = store.application(&app.id).await.unwrap();
    offered.stage = followup_core::Stage::Offer;
    store.update_application(&offered).await.unwrap();
    store.save_round(&app.id, &round).await.unwrap();
    assert_eq!(
        store.application(&app.id).await.unwrap().stage,
        followup_core::Stage::Offer,
        "an offer stays an offer when another round is recorded"
    );
}

/// Every file read at once is the file read alone: the bulk reader and the one-application
/// reader assemble the same rows the same way, archived applications included when asked.
#[tokio::test]
async fn every_file_read_at_once_is_the_file_read_alone() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    store.import(&file, now()).await.unwrap();
    let mut archived = store.application("a2").await.unwrap();
    archived.archived = true;
    store.update_application(&archived).await.unwrap();
    let bare: Application = serde_json::from_value(serde_json::json!({
        "id": "", "company": "Initech", "role": "Analyst"
    }))
    .unwrap();
    store.create_application(&bare, now()).await.unwrap();

    let live = store.load_every(false).await.unwrap();
    let ids: Vec<&str> = live.iter().map(|f| f.application.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a3"]);
    let every = store.load_every(true).await.unwrap();
    assert_eq!(every.len(), 3);
    for file in &every {
        let alone = store.load(&file.application.id).await.unwrap();
        assert_eq!(file, &alone, "{}", file.application.id);
    }
    assert!(!every[0].interviews.is_empty() && !every[0].touchpoints.is_empty());
    assert!(
        every[0]
            .interviews
            .iter()
            .any(|r| !r.interviewers.is_empty())
    );
}

#[tokio::test]
async fn only_the_other_companies_a_note_may_name_are_looked_up() {
    let (_dir, store) = fresh().await;
    let file = ApplicationFile::from_json("example", EXAMPLE).unwrap();
    store.import(&file, now()).await.unwrap();
    let own = file.application.company.clone();
    let mut others = Vec::new();
    for company in [
        "Globex",
        "Initech",
        "Zürich Re",
        "Trader Joe's",
        "Acme, Inc.",
        &own,
    ] {
        let mut app = file.application.clone();
        app.id = String::new();
        app.company = company.to_string();
        others.push((app, now()));
    }
    store.add_applications(&others, |_| ()).await.unwrap();
    let mut found = store
        .other_companies_in(
            "a1",
            "thank you. i look forward to GLOBEX's news,\nand to (Zürich  Re).",
        )
        .await
        .unwrap();
    found.sort();
    // By name in any case, with a possessive or punctuation around it, across lines.
    assert_eq!(found, ["Globex", "Zürich Re"]);
    let mut written = store
        .other_companies_in(
            "a1",
            "after Trader Joe's and ACME, INC. i want a Globex-sponsored role, or Initech/x",
        )
        .await
        .unwrap();
    written.sort();
    assert_eq!(
        written,
        [
            "Acme, Inc.",
            "Globex",
            "Initech",
            "Trader Joe's",
            "Zürich Re"
        ]
    );
    let unnamed = store
        .other_companies_in("a1", "Initiative and global reach")
        .await
        .unwrap();
    assert_eq!(
        unnamed,
        ["Zürich Re"],
        "names with other letters always come"
    );
    let with_own = store
        .other_companies_in("a1", &format!("at {own}"))
        .await
        .unwrap();
    // a1's own company, applied to again under another id: the rule itself skips it.
    assert!(with_own.contains(&own), "{with_own:?}");
    assert_eq!(
        store.other_companies_in("a1", "").await.unwrap(),
        ["Zürich Re"]
    );
}
