//! The store on a shared PostgreSQL database (issue 19): the same behaviour as on SQLite, one
//! user's data walled off from another's twice over, and a personal store moving in and out.
//!
//! `scripts/test` runs a throwaway cluster and names it in FOLLOWUP_TEST_DATABASE_URL; each
//! test has a database of its own in it.

use std::path::PathBuf;
use std::process::Command;

use followup_core::{Application, ApplicationFile, Moment, Stage};
use followup_store::{Backend, News, Role, Store};
use sqlx::Connection;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh, empty database in the test cluster (the script says what to do when there is
/// none).
fn database() -> Database {
    let out = Command::new(root().join("scripts/postgres-cluster"))
        .arg("database")
        .output()
        .expect("scripts/postgres-cluster runs");
    assert!(
        out.status.success(),
        "a database for the test: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Database {
        url: String::from_utf8(out.stdout).unwrap().trim().to_string(),
    }
}

struct Database {
    url: String,
}

fn now() -> Moment {
    "2026-03-02T09:00:00-05:00".parse().unwrap()
}

fn application(company: &str) -> Application {
    Application {
        id: String::new(),
        company: company.into(),
        role: "Data Analyst".into(),
        industry: None,
        culture: None,
        prefers_no_calls: false,
        stage: Stage::Applied,
        source: None,
        notes: Some(format!("{company} notes")),
        archived: false,
    }
}

/// The SPEC's example: an application with its rounds, people and history.
fn example() -> ApplicationFile {
    serde_json::from_str(include_str!(
        "../../followup-core/tests/data/spec-example.json"
    ))
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_seekers_share_a_database_and_see_only_their_own() {
    let db = database();
    let server = Store::connect(&db.url).await.unwrap();
    assert_eq!(server.backend(), Backend::Postgres);
    let t = jiff::Timestamp::now();
    let ana = server
        .add_user("Ana@Example.org", Role::Seeker, "hash-a", t)
        .await
        .unwrap();
    let ben = server
        .add_user("ben@example.org", Role::Seeker, "hash-b", t)
        .await
        .unwrap();
    assert_eq!(
        ana.email, "ana@example.org",
        "addresses are kept lower-cased"
    );
    let again = server
        .add_user("ana@example.org", Role::Coach, "x", t)
        .await
        .unwrap_err();
    assert!(again.to_string().contains("exists already"), "{again}");

    let as_ana = server.as_user(ana.id).await.unwrap();
    let as_ben = server.as_user(ben.id).await.unwrap();
    let a1 = as_ana
        .create_application(&application("Initech"), now())
        .await
        .unwrap();
    let b1 = as_ben
        .create_application(&application("Globex"), now())
        .await
        .unwrap();
    // Each numbers their own: both have an a1.
    assert_eq!((a1.id.as_str(), b1.id.as_str()), ("a1", "a1"));
    assert_eq!(as_ana.application("a1").await.unwrap().company, "Initech");
    assert_eq!(as_ben.application("a1").await.unwrap().company, "Globex");
    let now_ts = now().timestamp();
    let listed = as_ben.list_applications(true, now_ts).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].application.company, "Globex");
    // The wrong-company check never names another user's company.
    assert!(
        as_ben
            .other_companies_in("a1", "thanks, Initech team")
            .await
            .unwrap()
            .is_empty()
    );
    // Ben's import of an a1 is renamed because Ben has an a1, not because Ana has.
    let report = as_ben.import(&example(), now()).await.unwrap();
    assert_eq!(report.application, "a2");
    let report = as_ana.import(&example(), now()).await.unwrap();
    assert_eq!(report.application, "a2");
    let mut ana_renamed: Vec<_> = report.renamed.iter().map(|r| r.kind).collect();
    ana_renamed.sort();
    assert_eq!(
        ana_renamed,
        ["application"],
        "r1 and p1 are free in Ana's numbering"
    );
    let ana_file = as_ana.load("a1").await.unwrap();
    assert!(ana_file.interviews.is_empty(), "the rounds went with a2");

    // The second wall: a connection that says it acts for no one, or for Ana, sees none of
    // Ben's rows even when it asks for everything by hand.
    let mut raw = sqlx::PgConnection::connect(&db.url).await.unwrap();
    let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(seen, 0, "acting for no one, nothing is visible");
    sqlx::query("SELECT set_config('followup.user', $1, false)")
        .bind(ana.id.to_string())
        .execute(&mut raw)
        .await
        .unwrap();
    let companies: Vec<String> =
        sqlx::query_scalar("SELECT company FROM applications ORDER BY rowid")
            .fetch_all(&mut raw)
            .await
            .unwrap();
    assert_eq!(
        companies,
        ["Initech", "Acme Corp"],
        "Ana's two, none of Ben's"
    );
    let stolen = sqlx::query("UPDATE applications SET company = 'Mine' WHERE owner = $1")
        .bind(ben.id)
        .execute(&mut raw)
        .await
        .unwrap();
    assert_eq!(stolen.rows_affected(), 0, "Ben's rows cannot be written");
    let planted = sqlx::query(
        "INSERT INTO applications (owner, id, company, role, stage, created_at)
         VALUES ($1, 'a9', 'Planted', 'x', 'applied', '2026-01-01T00:00:00Z')",
    )
    .bind(ben.id)
    .execute(&mut raw)
    .await;
    assert!(planted.is_err(), "nor can rows be planted in his name");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coach_reads_only_the_seekers_assigned_and_writes_nothing_of_theirs() {
    let db = database();
    let server = Store::connect(&db.url).await.unwrap();
    let t = jiff::Timestamp::now();
    let coach = server
        .add_user("coach@example.org", Role::Coach, "h", t)
        .await
        .unwrap();
    let ana = server
        .add_user("ana@example.org", Role::Seeker, "h", t)
        .await
        .unwrap();
    let ben = server
        .add_user("ben@example.org", Role::Seeker, "h", t)
        .await
        .unwrap();
    for (who, company) in [(ana.id, "Initech"), (ben.id, "Globex")] {
        server
            .as_user(who)
            .await
            .unwrap()
            .create_application(&application(company), now())
            .await
            .unwrap();
    }
    assert!(
        server
            .assign_coach("coach@example.org", "ana@example.org")
            .await
            .unwrap()
    );
    assert!(
        !server
            .assign_coach("coach@example.org", "ana@example.org")
            .await
            .unwrap(),
        "once is enough"
    );
    let wrong = server
        .assign_coach("ana@example.org", "ben@example.org")
        .await
        .unwrap_err();
    assert!(wrong.to_string().contains("not a coach"), "{wrong}");
    let listed = server.users().await.unwrap();
    let coach_line = listed.iter().find(|u| u.id == coach.id).unwrap();
    assert_eq!(coach_line.seekers, ["ana@example.org"]);

    let reading_ana = server.coach_reading(coach.id, ana.id).await.unwrap();
    assert_eq!(
        reading_ana.application("a1").await.unwrap().company,
        "Initech"
    );
    let write = reading_ana
        .create_application(&application("Coach Corp"), now())
        .await;
    assert!(write.is_err(), "a coach reads; the seeker writes");
    let reading_ben = server.coach_reading(coach.id, ben.id).await;
    assert!(reading_ben.is_err(), "Ben is not assigned to this coach");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_personal_store_moves_in_and_back_out_identical() {
    let db = database();
    let dir = tempfile::tempdir().unwrap();
    let personal = Store::open(dir.path()).await.unwrap();
    personal.import(&example(), now()).await.unwrap();
    personal
        .create_application(&application("Globex"), now())
        .await
        .unwrap();
    personal
        .save_draft(
            "a2",
            "thank-you:r1:p1",
            Some("Thanks"),
            "Dear Ann,\n…",
            now(),
        )
        .await
        .unwrap();
    let backup = personal.backup().await.unwrap();

    let server = Store::connect(&db.url).await.unwrap();
    let ana = server
        .add_user("ana@example.org", Role::Seeker, "h", jiff::Timestamp::now())
        .await
        .unwrap();
    let as_ana = server.as_user(ana.id).await.unwrap();
    let restored = as_ana.restore(&backup).await.unwrap();
    assert_eq!(restored.applications, 2);
    let out = as_ana.backup().await.unwrap();
    assert_eq!(out, backup, "out again, identical");
    // The plans were made again from the rows, as on SQLite.
    let t = now().timestamp();
    let horizon = t + jiff::SignedDuration::from_hours(24 * 60);
    assert_eq!(
        as_ana.agenda(t, horizon).await.unwrap(),
        personal.agenda(t, horizon).await.unwrap()
    );
    // And back into a fresh personal store, identical again.
    let home = tempfile::tempdir().unwrap();
    let back = Store::open(home.path()).await.unwrap();
    back.restore(&out).await.unwrap();
    assert_eq!(back.backup().await.unwrap(), backup);
    // A second restore into the same account is refused, leaving it as it was.
    let twice = as_ana.restore(&backup).await.unwrap_err();
    assert!(twice.to_string().contains("already holds data"), "{twice}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_superuser_is_refused_and_a_personal_store_has_no_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let personal = Store::open(dir.path()).await.unwrap();
    let err = personal.users().await.unwrap_err();
    assert!(err.to_string().contains("no accounts"), "{err}");
    let db = database();
    let as_postgres = db.url.replacen("followup@", "postgres@", 1);
    let err = Store::connect(&as_postgres).await.unwrap_err();
    assert!(err.to_string().contains("row-level security"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_tells_of_each_account_that_changed_once_per_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let personal = Store::open(dir.path()).await.unwrap();
    assert!(
        personal.account_news().await.is_err(),
        "a personal store has no news"
    );

    let db = database();
    let server = Store::connect(&db.url).await.unwrap();
    let at = now().timestamp();
    let ana = server
        .add_user("ana@example.org", Role::Seeker, "x", at)
        .await
        .unwrap();
    let ben = server
        .add_user("ben@example.org", Role::Seeker, "x", at)
        .await
        .unwrap();
    let mut news = server.account_news().await.unwrap();
    let next = async |news: &mut followup_store::AccountNews| {
        tokio::time::timeout(std::time::Duration::from_secs(10), news.next())
            .await
            .expect("news within ten seconds")
            .unwrap()
    };

    // An import writes many rows in one transaction: one piece of news.
    let as_ana = server.as_user(ana.id).await.unwrap();
    as_ana.import(&example(), now()).await.unwrap();
    assert_eq!(next(&mut news).await, News::Account(ana.id));
    let as_ben = server.as_user(ben.id).await.unwrap();
    as_ben
        .open_web_session("k", at, at + jiff::SignedDuration::from_hours(1))
        .await
        .unwrap();
    as_ben.close_every_web_session().await.unwrap();
    assert_eq!(
        next(&mut news).await,
        News::Account(ben.id),
        "a session ended"
    );
    server.remove_user("ana@example.org").await.unwrap();
    assert_eq!(
        next(&mut news).await,
        News::Account(ana.id),
        "the account went"
    );
    let nothing_more =
        tokio::time::timeout(std::time::Duration::from_millis(300), news.next()).await;
    assert!(nothing_more.is_err(), "{nothing_more:?}");
}
