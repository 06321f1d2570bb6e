//! The web app on a shared PostgreSQL database (issue 19): each person signs in with their own
//! account, and whatever id of someone else's they try, in any page or form, is a 404 that
//! shows nothing of theirs.

mod common;

use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::Answer;
use followup_core::{ApplicationFile, Moment};
use followup_store::{InboxEntry, InboxState, MatchedBy, NewEmail, Role, Store};
use followup_web::login::hash_password;
use followup_web::{AppState, WebSettings, router};

/// Ana's search: everything in it names Acme, Grace or Kafka, which must never reach Ben.
const ANAS: &str = r#"{
  "profile": {"name": "Ana Lima", "email": "ana@example.org", "timezone": "America/New_York"},
  "application": {"id": "a1", "company": "Acme Corp", "role": "Data Engineer",
                  "notes": "Kafka migration"},
  "interviews": [{
    "id": "r1", "kind": "panel",
    "start": "2026-03-02T14:00:00-05:00", "end": "2026-03-02T15:30:00-05:00",
    "interviewers": [
      {"id": "p1", "name": "Grace Hopper", "role": "hiring-manager", "email": "grace@acme.example",
       "details": {"topics": ["moving billing to Kafka"]}}
    ]
  }],
  "touchpoints": [],
  "responses": []
}"#;

/// Words only Ana's data holds.
const ANAS_WORDS: [&str; 5] = ["Acme", "Grace", "Kafka", "Ana Lima", "grace@acme"];

const NOW: &str = "2026-03-02T18:00:00-05:00";

/// A fresh, empty database in the cluster `scripts/test` runs for the tests (the script
/// says what to do when there is none).
fn database() -> String {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/postgres-cluster"
    );
    let out = Command::new(script)
        .arg("database")
        .output()
        .expect("scripts/postgres-cluster runs");
    assert!(
        out.status.success(),
        "a database for the test: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

struct App {
    _dir: tempfile::TempDir,
    server: Store,
    router: axum::Router,
    /// The database's address, for a second server over it.
    url: String,
}

impl App {
    async fn send(&self, request: Request<Body>) -> Answer {
        common::send(&self.router, request).await
    }

    async fn get(&self, path: &str, cookie: &str) -> Answer {
        self.send(
            Request::get(path)
                .header(header::HOST, "127.0.0.1:7878")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    async fn post(&self, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Answer {
        self.send(common::form(path, "127.0.0.1:7878", Some(cookie), fields))
            .await
    }

    /// Signs in; the cookies of the session and of the CSRF token, and the token.
    async fn sign_in(&self, email: &str, password: &str) -> (String, String) {
        let csrf = "c".repeat(64);
        let cookie = format!("followup_csrf={csrf}");
        let answer = self
            .post(
                "/login",
                &cookie,
                &[("csrf", &csrf), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let session = answer.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        (format!("{session}; {cookie}"), csrf)
    }
}

/// A server over a fresh shared database with Ana (who has a search) and Ben (who has none).
async fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let url = database();
    let server = Store::connect(&url).await.unwrap();
    let now = Moment::parse_rfc3339(NOW).unwrap();
    for (email, role) in [
        ("ana@example.org", Role::Seeker),
        ("ben@example.org", Role::Seeker),
        ("lee@centre.example", Role::Coach),
        ("root@centre.example", Role::Admin),
    ] {
        let hash = hash_password(&format!("{email} passphrase")).unwrap();
        server
            .add_user(email, role, &hash, now.timestamp())
            .await
            .unwrap();
    }
    server
        .assign_coach("lee@centre.example", "ana@example.org")
        .await
        .unwrap();
    let (ana, _) = server
        .user_by_email("ana@example.org")
        .await
        .unwrap()
        .unwrap();
    let as_ana = server.as_user(ana.id).await.unwrap();
    as_ana
        .import(&ApplicationFile::from_json("ana", ANAS).unwrap(), now)
        .await
        .unwrap();
    as_ana
        .save_draft(
            "a1",
            "thank-you:r1:p1",
            Some("Thank you, Grace"),
            "Dear Grace, thank you for the talk about Kafka.",
            now,
        )
        .await
        .unwrap();
    as_ana
        .queue_email(
            &NewEmail {
                message_id: "m1@ana.example".into(),
                application_id: "a1".into(),
                action: "thank-you:r1:p1".into(),
                recipient_name: "Grace Hopper".into(),
                recipient: "grace@acme.example".into(),
                subject: "Thank you, Grace".into(),
                body: "Dear Grace, thank you for the talk about Kafka.".into(),
                send_after: now.timestamp() + jiff::SignedDuration::from_hours(12),
            },
            now,
        )
        .await
        .unwrap();
    as_ana
        .add_inbox(&InboxEntry {
            id: 0,
            message_id: "reply@acme.example".into(),
            application_id: "a1".into(),
            contact_id: Some("p1".into()),
            received_at: now,
            sender: "grace@acme.example".into(),
            subject: "Re: Thank you, Grace".into(),
            excerpt: "Acme will decide on Friday.".into(),
            matched_by: MatchedBy::Thread,
            automatic: false,
            outcome: Some(followup_core::Outcome::Reply),
            decision_expected_by: None,
            away_until: None,
            state: InboxState::Proposed,
        })
        .await
        .unwrap();
    App {
        router: serving(&server, &dir),
        _dir: dir,
        server,
        url,
    }
}

/// A server's routes over the shared database `server`.
fn serving(server: &Store, dir: &tempfile::TempDir) -> axum::Router {
    let state = AppState::new(
        server.clone(),
        WebSettings {
            extra_hosts: Vec::new(),
            calendar_token: String::new(),
            now: Some(Moment::parse_rfc3339(NOW).unwrap().timestamp()),
            config_dir: dir.path().join("config"),
            password_hash: None,
            locale: followup_core::Locale::EnUs,
            server_key: None,
        },
    );
    router(state)
}

impl App {
    /// Another server over the same database, as a second `followup serve` would be.
    async fn second_server(&self) -> App {
        let dir = tempfile::tempdir().unwrap();
        let server = Store::connect(&self.url).await.unwrap();
        App {
            router: serving(&server, &dir),
            _dir: dir,
            server,
            url: self.url.clone(),
        }
    }
}

/// Waits, up to ten seconds, for what the database says to reach a server: `check` is asked
/// again until it holds.
async fn soon<F: std::future::Future<Output = bool>>(what: &str, check: impl Fn() -> F) {
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: not within ten seconds");
}

/// What `query` answers in the database at `url`, asked with psql.
fn psql(url: &str, query: &str) -> String {
    let out = Command::new("psql")
        .args(["-X", "-A", "-t", "-c", query, url])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The value a response sets for cookie `name`, if it sets one.
fn set_cookie(answer: &Answer, name: &str) -> Option<String> {
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

#[track_caller]
fn shows_nothing_of_anas(what: &str, answer: &Answer) {
    for word in ANAS_WORDS {
        assert!(
            !answer.body.contains(word),
            "{what} shows {word:?} to Ben:\n{}",
            answer.body
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_and_form_given_someone_elses_ids_is_a_404_that_shows_nothing_of_theirs() {
    let app = app().await;
    let (ana, _) = app
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    // Ana sees her own.
    let hers = app.get("/apps/a1", &ana).await;
    assert_eq!(hers.status, StatusCode::OK);
    assert!(hers.body.contains("Acme Corp") && hers.body.contains("Grace Hopper"));

    let (ben, csrf) = app
        .sign_in("ben@example.org", "ben@example.org passphrase")
        .await;
    let pages = [
        "/seekers",
        "/admin",
        "/apps/a1",
        "/apps/a1/export.json",
        "/apps/a1/compose/thank-you:r1:p1",
        "/apps/a1/compose/thank-you:r1:p1/eml",
        "/apps/a1/compose/thank-you:r1:p1/card",
    ];
    for path in pages {
        let answer = app.get(path, &ben).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "GET {path}: {}",
            answer.body
        );
        shows_nothing_of_anas(path, &answer);
    }
    let c = csrf.as_str();
    let forms: [(&str, Vec<(&str, &str)>); 17] = [
        (
            "/apps/a1/responses",
            vec![("csrf", c), ("outcome", "reply")],
        ),
        (
            "/apps/a1/edit",
            vec![
                ("csrf", c),
                ("company", "Mine"),
                ("role", "Mine"),
                ("stage", "applied"),
            ],
        ),
        ("/apps/a1/archive", vec![("csrf", c)]),
        (
            "/apps/a1/rounds",
            vec![
                ("csrf", c),
                ("kind", "phone"),
                ("start", "2026-03-04T10:00"),
            ],
        ),
        (
            "/apps/a1/rounds/r1",
            vec![
                ("csrf", c),
                ("kind", "phone"),
                ("start", "2026-03-04T10:00"),
            ],
        ),
        (
            "/apps/a1/rounds/r1/people/p1",
            vec![("csrf", c), ("name", "Mine"), ("role", "panelist")],
        ),
        ("/apps/a1/rounds/r1/people/p1/remove", vec![("csrf", c)]),
        (
            "/apps/a1/compose/thank-you:r1:p1",
            vec![
                ("csrf", c),
                ("subject", "x"),
                ("body", "x"),
                ("intent", "save"),
            ],
        ),
        (
            "/apps/a1/compose/thank-you:r1:p1/check",
            vec![("csrf", c), ("subject", "x"), ("body", "x")],
        ),
        ("/inbox/1/accept", vec![("csrf", c)]),
        ("/inbox/1/dismiss", vec![("csrf", c)]),
        ("/outbox/1/settle", vec![("csrf", c), ("went_out", "yes")]),
        ("/outbox/1/withdraw", vec![("csrf", c)]),
        ("/outbox/1/seen", vec![("csrf", c)]),
        (
            "/apps/a1/compose/thank-you:r1:p1/comments",
            vec![("csrf", c), ("body", "x")],
        ),
        (
            "/seekers/read",
            vec![("csrf", c), ("email", "ana@example.org")],
        ),
        (
            "/admin/remove",
            vec![("csrf", c), ("email", "ana@example.org")],
        ),
    ];
    for (path, fields) in &forms {
        let answer = app.post(path, &ben, fields).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "POST {path}: {}",
            answer.body
        );
        shows_nothing_of_anas(path, &answer);
    }
    // Ben's own pages hold nothing of Ana's either.
    for path in [
        "/",
        "/apps",
        "/apps?q=corp",
        "/inbox",
        "/insights",
        "/report",
        "/settings",
        "/due.json",
    ] {
        let answer = app.get(path, &ben).await;
        assert_eq!(answer.status, StatusCode::OK, "GET {path}: {}", answer.body);
        shows_nothing_of_anas(path, &answer);
    }
    // And none of it touched Ana's search.
    let after = app.get("/apps/a1", &ana).await;
    assert!(after.body.contains("Acme Corp") && after.body.contains("Grace Hopper"));
    let inbox = app.get("/inbox", &ana).await;
    assert!(inbox.body.contains("Acme will decide"), "{}", inbox.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_is_per_account_and_a_removed_account_is_signed_out() {
    let app = app().await;
    let nobody = app.get("/", "").await;
    assert_eq!(nobody.status, StatusCode::SEE_OTHER);
    assert_eq!(nobody.headers[header::LOCATION], "/login");
    let login = app.get("/login", "").await;
    assert!(login.body.contains("name=\"email\""), "{}", login.body);

    let csrf = "c".repeat(64);
    let cookie = format!("followup_csrf={csrf}");
    for (email, password) in [
        ("ana@example.org", "ben@example.org passphrase"),
        ("nobody@example.org", "ana@example.org passphrase"),
    ] {
        let wrong = app
            .post(
                "/login",
                &cookie,
                &[("csrf", &csrf), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{email}");
        assert!(wrong.body.contains("do not match an account"));
    }
    // A session token names its account; another account's number with it opens nothing.
    let (ben, _) = app
        .sign_in("ben@example.org", "ben@example.org passphrase")
        .await;
    let forged = ben.replacen("followup_session=2.", "followup_session=1.", 1);
    assert_ne!(forged, ben);
    let answer = app.get("/apps/a1", &forged).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let today = app.get("/", &ben).await;
    assert_eq!(today.status, StatusCode::OK);
    // Removed elsewhere (`followup users remove`): the server hears of it from the database.
    app.server.remove_user("ben@example.org").await.unwrap();
    soon("signed out with the account", || async {
        app.get("/", &ben).await.status == StatusCode::SEE_OTHER
    })
    .await;
    let (ana, _) = app
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    assert_eq!(app.get("/", &ana).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coach_reads_an_assigned_seekers_search_and_comments_but_changes_nothing() {
    let app = app().await;
    let (lee, csrf) = app
        .sign_in("lee@centre.example", "lee@centre.example passphrase")
        .await;
    let seekers = app.get("/seekers", &lee).await;
    assert_eq!(seekers.status, StatusCode::OK);
    assert!(seekers.body.contains("ana@example.org"));
    assert!(
        !seekers.body.contains("ben@example.org"),
        "only the assigned"
    );
    // Lee's own search holds none of Ana's.
    let own = app.get("/apps/a1", &lee).await;
    assert_eq!(own.status, StatusCode::NOT_FOUND);
    shows_nothing_of_anas("Lee's own a1", &own);
    // Ben is not assigned to Lee: asking to read him is a 404, and a hand-made cookie naming
    // him reads nothing of his.
    let ben = app
        .post(
            "/seekers/read",
            &lee,
            &[("csrf", &csrf), ("email", "ben@example.org")],
        )
        .await;
    assert_eq!(ben.status, StatusCode::NOT_FOUND);
    let forged = app
        .get("/apps", &format!("{lee}; followup_reading=2"))
        .await;
    assert_eq!(forged.status, StatusCode::OK);
    assert!(!forged.body.contains("You are reading"), "{}", forged.body);

    let read = app
        .post(
            "/seekers/read",
            &lee,
            &[("csrf", &csrf), ("email", "ana@example.org")],
        )
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER, "{}", read.body);
    let reading_cookie = read.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let reading = format!("{lee}; {reading_cookie}");
    let hers = app.get("/apps/a1", &reading).await;
    assert_eq!(hers.status, StatusCode::OK);
    assert!(hers.body.contains("Acme Corp") && hers.body.contains("You are reading"));
    let compose = app.get("/apps/a1/compose/thank-you:r1:p1", &reading).await;
    assert!(
        compose.body.contains("Your comment on this draft"),
        "{}",
        compose.body
    );
    // Nothing of hers changes from here.
    let edit = app
        .post(
            "/apps/a1/edit",
            &reading,
            &[
                ("csrf", &csrf),
                ("company", "Coached"),
                ("role", "x"),
                ("stage", "applied"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    let comment = app
        .post(
            "/apps/a1/compose/thank-you:r1:p1/comments",
            &reading,
            &[
                ("csrf", &csrf),
                ("body", "Name the Kafka cut-over you led."),
            ],
        )
        .await;
    assert_eq!(comment.status, StatusCode::SEE_OTHER, "{}", comment.body);

    // Ana sees the comment beside her draft, and her search as it was.
    let (ana, _) = app
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    let hers = app.get("/apps/a1/compose/thank-you:r1:p1", &ana).await;
    assert!(
        hers.body.contains("Name the Kafka cut-over you led."),
        "{}",
        hers.body
    );
    assert!(hers.body.contains("lee@centre.example"));
    assert!(
        !hers.body.contains("Your comment on this draft"),
        "only a coach comments"
    );
    assert!(app.get("/apps/a1", &ana).await.body.contains("Acme Corp"));
    // Ana is no coach: the page of seekers is not there for her.
    assert_eq!(
        app.get("/seekers", &ana).await.status,
        StatusCode::NOT_FOUND
    );
    // Back to his own, Lee reads nothing of hers again.
    let back = app.post("/seekers/stop", &reading, &[]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_manages_the_accounts_and_no_one_else_sees_the_page() {
    let app = app().await;
    let (ana, ana_csrf) = app
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    assert_eq!(app.get("/admin", &ana).await.status, StatusCode::NOT_FOUND);
    let tried = app
        .post(
            "/admin/remove",
            &ana,
            &[("csrf", &ana_csrf), ("email", "ben@example.org")],
        )
        .await;
    assert_eq!(tried.status, StatusCode::NOT_FOUND);

    let (root, csrf) = app
        .sign_in("root@centre.example", "root@centre.example passphrase")
        .await;
    let accounts = app.get("/admin", &root).await;
    assert_eq!(accounts.status, StatusCode::OK);
    assert!(
        accounts.body.contains("lee@centre.example") && accounts.body.contains("ana@example.org")
    );
    let short = app
        .post(
            "/admin/users",
            &root,
            &[
                ("csrf", &csrf),
                ("email", "cy@example.org"),
                ("role", "seeker"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let added = app
        .post(
            "/admin/users",
            &root,
            &[
                ("csrf", &csrf),
                ("email", "cy@example.org"),
                ("role", "seeker"),
                ("password", "cy's first passphrase"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let assigned = app
        .post(
            "/admin/assign",
            &root,
            &[
                ("csrf", &csrf),
                ("coach", "lee@centre.example"),
                ("seeker", "cy@example.org"),
            ],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    let (cy, _) = app.sign_in("cy@example.org", "cy's first passphrase").await;
    assert_eq!(app.get("/", &cy).await.status, StatusCode::OK);
    let removed = app
        .post(
            "/admin/remove",
            &root,
            &[("csrf", &csrf), ("email", "cy@example.org")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/", &cy).await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
    let lee = app.server.require_user("lee@centre.example").await.unwrap();
    assert_eq!(
        lee.seekers,
        ["ana@example.org"],
        "the assignment went with cy"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_calendar_feed_opens_with_its_accounts_own_secret_only() {
    let app = app().await;
    let (ana, _) = app
        .server
        .user_by_email("ana@example.org")
        .await
        .unwrap()
        .unwrap();
    let as_ana = app.server.as_user(ana.id).await.unwrap();
    // The feed's secret is begun on the Settings page, which shows its link.
    let (signed_in, _) = app
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    let settings = app.get("/settings", &signed_in).await;
    let secret = as_ana.meta("calendar_token").await.unwrap().unwrap();
    assert!(
        settings
            .body
            .contains(&format!("calendar.ics?token={}.{secret}", ana.id)),
        "{}",
        settings.body
    );
    let feed = app
        .get(&format!("/calendar.ics?token={}.{secret}", ana.id), "")
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.body.contains("BEGIN:VCALENDAR") && feed.body.contains("Grace Hopper"));
    for token in [
        format!("{}.{}", ana.id + 1, secret),
        format!("{}.{}", ana.id, "t".repeat(64)),
        format!("99.{secret}"),
        secret.clone(),
    ] {
        let refused = app.get(&format!("/calendar.ics?token={token}"), "").await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{token}");
        shows_nothing_of_anas(&token, &refused);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_over_one_database_show_the_same_search() {
    let first = app().await;
    let second = first.second_server().await;
    let (ana, csrf) = first
        .sign_in("ana@example.org", "ana@example.org passphrase")
        .await;
    for server in [&first, &second] {
        for _ in 0..3 {
            let today = server.get("/", &ana).await;
            assert_eq!(today.status, StatusCode::OK);
            assert!(today.body.contains("Acme Corp"), "{}", today.body);
        }
    }

    // A change through one server shows on the other at the browser's next request.
    let archived = second
        .post("/apps/a1/archive", &ana, &[("csrf", &csrf)])
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER, "{}", archived.body);
    let fresh = set_cookie(&archived, "followup_fresh").expect("a change marks the browser");
    let marked = format!("{ana}; followup_fresh={fresh}");
    let today = first.get("/", &marked).await;
    assert!(!today.body.contains("Acme Corp"), "{}", today.body);
    assert_eq!(
        set_cookie(&today, "followup_fresh").as_deref(),
        Some(""),
        "the mark is cleared once the database was asked"
    );

    // A change made elsewhere (the CLI, another server's worker) is heard by both.
    let (user, _) = first
        .server
        .user_by_email("ana@example.org")
        .await
        .unwrap()
        .unwrap();
    let as_ana = first.server.as_user(user.id).await.unwrap();
    let mut app = as_ana.application("a1").await.unwrap();
    app.archived = false;
    as_ana.update_application(&app).await.unwrap();
    for server in [&first, &second] {
        soon("the application back on Today", || async {
            server.get("/", &ana).await.body.contains("Acme Corp")
        })
        .await;
    }

    // A server that loses the connection hearing the news trusts nothing it kept until it
    // hears again.
    // Only this test's database: the cluster serves other tests at the same time.
    let listening = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                     WHERE datname = current_database() AND query LIKE 'LISTEN%'";
    assert_eq!(psql(&first.url, listening), "2", "each server listened");
    let mut app = as_ana.application("a1").await.unwrap();
    app.archived = true;
    as_ana.update_application(&app).await.unwrap();
    for server in [&first, &second] {
        soon("the application gone from Today", || async {
            !server.get("/", &ana).await.body.contains("Acme Corp")
        })
        .await;
    }

    // Signing out everywhere through one server signs out of both.
    let out = second
        .post("/logout-everywhere", &ana, &[("csrf", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(second.get("/", &ana).await.status, StatusCode::SEE_OTHER);
    soon("signed out on the other server", || async {
        first.get("/", &ana).await.status == StatusCode::SEE_OTHER
    })
    .await;
}
