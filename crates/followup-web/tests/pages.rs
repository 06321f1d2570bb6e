//! The web app's pages and its defences, through the real router on a real store.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::Answer;
use followup_core::{ApplicationFile, Moment};
use followup_store::Store;
use followup_web::{AppState, WebSettings, router};

const PANEL: &str = r#"{
  "profile": {"name": "Ada Lovelace", "email": "ada@example.com", "timezone": "America/New_York"},
  "application": {"id": "a1", "company": "Acme Corp", "role": "Data Engineer", "industry": "retail",
                  "notes": "<script>alert(1)</script> they asked about <b>Kafka</b>"},
  "interviews": [{
    "id": "r1", "kind": "panel",
    "start": "2026-03-02T14:00:00-05:00", "end": "2026-03-02T15:30:00-05:00",
    "interviewers": [
      {"id": "p1", "name": "Grace Hopper", "role": "hiring-manager", "email": "grace@acme.example",
       "details": {"topics": ["moving billing to <Kafka>"]}},
      {"id": "p2", "name": "Alan Turing", "role": "panelist", "email": "alan@acme.example"}
    ]
  }],
  "touchpoints": [],
  "responses": []
}"#;

const NOW: &str = "2026-03-02T18:00:00-05:00";

struct App {
    _dir: tempfile::TempDir,
    state: AppState,
    router: axum::Router,
}

async fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let file = ApplicationFile::from_json("panel", PANEL).unwrap();
    let now = Moment::parse_rfc3339(NOW).unwrap();
    store.import(&file, now).await.unwrap();
    let state = AppState::new(
        store,
        WebSettings {
            extra_hosts: vec!["followup.home.arpa".into()],
            calendar_token: "c".repeat(64),
            now: Some(now.timestamp()),
            config_dir: dir.path().join("config"),
            password_hash: None,
            locale: followup_core::Locale::EnUs,
            server_key: None,
        },
    );
    App {
        _dir: dir,
        router: router(state.clone()),
        state,
    }
}

impl App {
    async fn send(&self, request: Request<Body>) -> Answer {
        common::send(&self.router, request).await
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(
            Request::get(path)
                .header(header::HOST, "127.0.0.1:7878")
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A form POST with the given cookie and fields.
    async fn post(&self, path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Answer {
        self.send(common::form(path, "localhost:7878", cookie, fields))
            .await
    }
}

/// The CSRF token a page handed out, as cookie and as form value.
fn token_of(answer: &Answer) -> (String, String) {
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let token = pair.split_once('=').unwrap().1.to_string();
    assert!(
        answer
            .body
            .contains(&format!("name=\"csrf\" value=\"{token}\""))
    );
    (pair, token)
}

#[tokio::test]
async fn today_shows_a_thank_you_due_to_each_interviewer() {
    let app = app().await;
    let today = app.get("/").await;
    assert_eq!(today.status, StatusCode::OK);
    assert!(
        today.body.contains("<strong>2</strong> due"),
        "{}",
        today.body
    );
    assert!(today.body.contains("thank-you</strong> to Grace Hopper"));
    assert!(today.body.contains("thank-you</strong> to Alan Turing"));
    assert!(today.body.contains("href=\"/apps/a1\""));
}

#[tokio::test]
async fn due_json_names_what_is_due_for_the_pages_notifications() {
    let app = app().await;
    let due = app.get("/due.json").await;
    assert_eq!(due.status, StatusCode::OK);
    assert_eq!(due.headers[header::CACHE_CONTROL], "no-store");
    let json: serde_json::Value = serde_json::from_str(&due.body).unwrap();
    let items = json["due"].as_array().unwrap();
    let grace = items
        .iter()
        .find(|d| d["key"] == "a1/thank-you:r1:p1")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(grace["title"], "Time to thank Grace Hopper");
    assert_eq!(grace["url"], "/apps/a1/compose/thank-you:r1:p1");
    assert!(
        grace["body"]
            .as_str()
            .unwrap()
            .starts_with("Acme Corp — Data Engineer")
    );
    assert!(items.iter().any(|d| d["key"] == "a1/thank-you:r1:p2"));
    assert!(items.iter().all(|d| d["key"] != "a1/check-in:r1:p1"));

    // Every page but the sign-in carries the script; Settings holds its switch.
    assert!(app.get("/").await.body.contains("/static/notify.js"));
    let settings = app.get("/settings").await.body;
    assert!(settings.contains("id=\"notify-toggle\""), "{settings}");
    let script = app.get("/static/notify.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("/due.json"));
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = app().await;
    for path in ["/", "/apps", "/apps/a1", "/nowhere"] {
        let answer = app.get(path).await;
        let csp = answer.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(answer.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(answer.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    assert_eq!(app.get("/nowhere").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_foreign_host_is_refused() {
    let app = app().await;
    for host in [
        "evil.example",
        "evil.example:7878",
        "127.0.0.1.evil.example",
        "",
    ] {
        let answer = app
            .send(
                Request::get("/")
                    .header(header::HOST, host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(!answer.body.contains("Grace"), "{host}");
    }
    let configured = app
        .send(
            Request::get("/")
                .header(header::HOST, "followup.home.arpa:7878")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(configured.status, StatusCode::OK);
}

#[tokio::test]
async fn a_post_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = app().await;
    let page = app.get("/apps").await;
    let (cookie, token) = token_of(&page);
    let fields = [("company", "Globex"), ("role", "Analyst")];
    // No token, no cookie, a wrong token, or a token without its cookie: all refused.
    let refused = [
        app.post("/apps", None, &fields).await,
        app.post("/apps", Some(&cookie), &fields).await,
        app.post(
            "/apps",
            Some(&cookie),
            &[("csrf", "0".repeat(64).as_str()), fields[0], fields[1]],
        )
        .await,
        app.post(
            "/apps",
            None,
            &[("csrf", token.as_str()), fields[0], fields[1]],
        )
        .await,
    ];
    for answer in refused {
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    assert!(!app.get("/apps").await.body.contains("Globex"));
    // With both, the application is added and the browser is sent to it.
    let added = app
        .post(
            "/apps",
            Some(&cookie),
            &[("csrf", token.as_str()), fields[0], fields[1]],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(added.headers[header::LOCATION], "/apps/a2");
    let shown = app.get("/apps/a2").await;
    assert!(shown.body.contains("Globex — Analyst"));
}

#[tokio::test]
async fn what_users_typed_is_shown_as_text() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert(1)"), "{}", page.body);
    assert!(
        page.body
            .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{}",
        page.body
    );
    assert!(page.body.contains("&lt;b&gt;Kafka&lt;&#x2f;b&gt;"));
    assert!(page.body.contains("moving billing to &lt;Kafka&gt;"));
}

#[tokio::test]
async fn a_response_recorded_in_the_page_moves_the_plan() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    let (cookie, token) = token_of(&page);
    let bad = app
        .post(
            "/apps/a1/responses",
            Some(&cookie),
            &[("csrf", token.as_str()), ("outcome", "maybe")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("outcome"), "{}", bad.body);
    // Someone who is not in the application, as a hand-edited form might send.
    let stranger = app
        .post(
            "/apps/a1/responses",
            Some(&cookie),
            &[
                ("csrf", token.as_str()),
                ("outcome", "reply"),
                ("from", "p9"),
            ],
        )
        .await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stranger.body.contains("no interviewer &quot;p9&quot;"),
        "{}",
        stranger.body
    );
    let done = app
        .post(
            "/apps/a1/responses",
            Some(&cookie),
            &[
                ("csrf", token.as_str()),
                ("outcome", "rejection"),
                ("from", "p1"),
                ("note", "Filled internally"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let after = app.get("/apps/a1").await;
    assert!(
        after
            .body
            .contains("<strong>rejection</strong> from Grace Hopper"),
        "{}",
        after.body
    );
    assert!(after.body.contains("stage rejected"));
    assert!(
        after
            .body
            .contains("rejection-reply</strong> to Grace Hopper")
    );
}

#[tokio::test]
async fn the_board_filters_by_search_and_status() {
    let app = app().await;
    let board = app.get("/apps").await;
    assert!(board.body.contains("1 of 1 applications"), "{}", board.body);
    assert!(
        board
            .body
            .contains("Thank-yous due <span class=\"count\">(1)</span>")
    );
    let none = app.get("/apps?q=globex").await;
    assert!(none.body.contains("0 of 1 applications"));
    let found = app.get("/apps?q=ACME&status=thank-yous-due").await;
    assert!(found.body.contains("1 of 1 applications"));
}

#[tokio::test]
async fn the_calendar_feed_needs_its_secret() {
    let app = app().await;
    assert_eq!(app.get("/calendar.ics").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/calendar.ics?token={}", "d".repeat(64)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let feed = app
        .get(&format!("/calendar.ics?token={}", "c".repeat(64)))
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert_eq!(
        feed.body.matches("BEGIN:VEVENT").count(),
        3,
        "{}",
        feed.body
    );
    assert!(feed.body.contains("UID:a1/check-in:r1:p1@followup"));
    assert!(feed.body.contains("UID:a1/thank-you:r1:p2@followup"));
}

/// The value of a hidden or text field named `name` in a page (the first one).
fn field(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &body[at + name.len() + 15..];
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

#[tokio::test]
async fn compose_marks_a_typo_and_applies_its_fix() {
    let app = app().await;
    let page = app.get("/apps/a1/compose/thank-you:r1:p1").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("<textarea id=\"body\" name=\"body\""),
        "{}",
        page.body
    );
    let (cookie, token) = token_of(&page);
    let subject = field(&page.body, "subject").unwrap();
    let path = "/apps/a1/compose/thank-you:r1:p1";
    let typo = "Dear Grace,\n\nThank you for the conversation today. I was glad to recieve your thoughts on moving billing to Kafka.\n\nBest regards,\nAda Lovelace\n";
    let checked = app
        .post(
            path,
            Some(&cookie),
            &[
                ("csrf", &token),
                ("intent", "check"),
                ("subject", &subject),
                ("body", typo),
            ],
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    assert!(
        checked.body.contains("<mark class=\"error\""),
        "{}",
        checked.body
    );
    assert!(checked.body.contains("recieve</mark>"), "{}", checked.body);
    assert!(checked.body.contains("Use “receive”"), "{}", checked.body);
    // The fix button carries where the word is; applying it saves the mended draft.
    let fix = checked
        .body
        .find("name=\"replacement\" value=\"receive\"")
        .unwrap();
    let form = &checked.body[checked.body[..fix].rfind("<form").unwrap()..fix];
    let start = field(form, "start").unwrap();
    let end = field(form, "end").unwrap();
    let applied = app
        .post(
            path,
            Some(&cookie),
            &[
                ("csrf", &token),
                ("intent", "apply"),
                ("subject", &subject),
                ("body", typo),
                ("start", &start),
                ("end", &end),
                ("replacement", "receive"),
            ],
        )
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let after = app.get(path).await;
    assert!(
        after.body.contains("glad to receive your thoughts"),
        "{}",
        after.body
    );
    assert!(after.body.contains("your saved draft"));
    assert!(
        after.body.contains("read it once more later"),
        "a draft just written gets the nudge"
    );
    assert!(!after.body.contains("recieve"));
}

#[tokio::test]
async fn the_live_check_answers_json_and_needs_the_token() {
    let app = app().await;
    let page = app.get("/apps/a1/compose/thank-you:r1:p1").await;
    let (cookie, token) = token_of(&page);
    let path = "/apps/a1/compose/thank-you:r1:p1/check";
    let refused = app.post(path, Some(&cookie), &[("body", "Hi")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let answer = app
        .post(
            path,
            Some(&cookie),
            &[
                ("csrf", &token),
                ("subject", "Thanks"),
                ("body", "Dear [Interviewer Name],\n\nThanks.\n"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(
        answer.body.contains("\"rule\":\"placeholder\""),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn a_card_to_print_and_an_eml_to_download() {
    let app = app().await;
    let card = app.get("/apps/a1/compose/thank-you:r1:p2/card").await;
    assert_eq!(card.status, StatusCode::OK);
    assert!(card.body.contains("class=\"card-text\""));
    let eml = app.get("/apps/a1/compose/thank-you:r1:p2/eml").await;
    assert_eq!(eml.status, StatusCode::OK, "{}", eml.body);
    assert_eq!(eml.headers[header::CONTENT_TYPE], "message/rfc822");
    assert!(
        eml.body.contains("To: \"Alan Turing\" <alan@acme.example>"),
        "{}",
        eml.body
    );
}

#[tokio::test]
async fn a_round_with_two_people_added_in_the_page_makes_two_thank_yous_due() {
    let app = app().await;
    let board = app.get("/apps").await;
    let (cookie, token) = token_of(&board);
    let added = app
        .post(
            "/apps",
            Some(&cookie),
            &[("csrf", &token), ("company", "Globex"), ("role", "Analyst")],
        )
        .await;
    assert_eq!(added.headers[header::LOCATION], "/apps/a2");
    let bad = app
        .post(
            "/apps/a2/rounds",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "video"),
                ("start", "someday"),
                ("name1", "Hank Scorpio"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("start"), "{}", bad.body);
    let round = app
        .post(
            "/apps/a2/rounds",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "panel"),
                ("start", "2026-03-02 13:00"),
                ("duration", "45m"),
                ("name1", "Hank Scorpio"),
                ("role1", "hiring-manager"),
                ("email1", "hank@globex.example"),
                ("name2", "Frank Grimes"),
                ("role2", "panelist"),
                ("email2", "frank@globex.example"),
            ],
        )
        .await;
    assert_eq!(round.status, StatusCode::SEE_OTHER, "{}", round.body);
    let today = app.get("/").await;
    assert!(
        today.body.contains("<strong>4</strong> due"),
        "{}",
        today.body
    );
    assert!(today.body.contains("thank-you</strong> to Hank Scorpio"));
    assert!(today.body.contains("thank-you</strong> to Frank Grimes"));
    assert!(
        today
            .body
            .contains("href=\"/apps/a2/compose/thank-you:r2:p4\""),
        "{}",
        today.body
    );
}

#[tokio::test]
async fn today_is_never_stale_after_a_change() {
    let app = app().await;
    let before = app.get("/").await;
    assert!(before.body.contains("<strong>2</strong> due"));
    assert_eq!(
        app.get("/").await.body,
        before.body,
        "served again unchanged"
    );
    let page = app.get("/apps/a1").await;
    let (cookie, token) = token_of(&page);
    let done = app
        .post(
            "/apps/a1/responses",
            Some(&cookie),
            &[
                ("csrf", token.as_str()),
                ("outcome", "offer"),
                ("from", "p1"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let after = app.get("/").await;
    assert_ne!(after.body, before.body, "the offer changed the agenda");
    // A new visitor still gets a token of their own from the cached page.
    assert!(after.headers.contains_key(header::SET_COOKIE));
}

#[tokio::test]
async fn settings_change_the_profile_and_the_plan() {
    let app = app().await;
    let page = app.get("/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("value=\"Ada Lovelace\""),
        "{}",
        page.body
    );
    let (cookie, token) = token_of(&page);
    let bad = app
        .post(
            "/settings/profile",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("name", "Ada"),
                ("timezone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("unknown time zone"), "{}", bad.body);
    let saved = app
        .post(
            "/settings/profile",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("name", "Ada King"),
                ("email", "ada@king.example"),
                ("timezone", "Europe/London"),
                (
                    "highlights",
                    "ten years of payments\n\nstreaming pipelines\n",
                ),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.get("/settings").await;
    assert!(after.body.contains("value=\"Ada King\""));
    assert!(
        after
            .body
            .contains("ten years of payments\nstreaming pipelines</textarea>"),
        "{}",
        after.body
    );
    // No check-ins at all: Today's upcoming check-in disappears.
    assert!(app.get("/").await.body.contains("check-in</strong>"));
    let planning = app
        .post(
            "/settings/planning",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("max_check_ins", "0"),
                ("holidays", "2026-12-25\n2026-01-01"),
            ],
        )
        .await;
    assert_eq!(planning.status, StatusCode::SEE_OTHER, "{}", planning.body);
    assert!(!app.get("/").await.body.contains("check-in</strong>"));
    assert!(
        app.get("/settings")
            .await
            .body
            .contains("2026-01-01\n2026-12-25")
    );
    let wrong = app
        .post(
            "/settings/planning",
            Some(&cookie),
            &[("csrf", &token), ("max_check_ins", "many")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_application_is_edited_archived_and_brought_back() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    assert!(page.body.contains("Edit this application"));
    let (cookie, token) = token_of(&page);
    let bad = app
        .post(
            "/apps/a1/edit",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("company", "Acme Corp"),
                ("role", "Data Engineer"),
                ("stage", "hired"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("stage"), "{}", bad.body);
    let saved = app
        .post(
            "/apps/a1/edit",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("company", "Acme Corporation"),
                ("role", "Senior Data Engineer"),
                ("industry", "banking"),
                ("culture", "auto"),
                ("stage", "interviewing"),
                ("source", "a referral from Joan"),
                ("notes", "second line\r\nof notes"),
                ("no_calls", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.get("/apps/a1").await.body;
    assert!(after.contains("Acme Corporation — Senior Data Engineer"));
    assert!(
        after.contains("Automatic (now formal)"),
        "banking is formal"
    );
    assert!(after.contains("value=\"a referral from Joan\""));
    assert!(after.contains("name=\"no_calls\" value=\"1\" checked"));
    assert!(after.contains("second line\nof notes"));

    let archived = app
        .post("/apps/a1/archive", Some(&cookie), &[("csrf", &token)])
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert!(app.get("/apps/a1").await.body.contains("is archived"));
    assert!(app.get("/").await.body.contains("<strong>0</strong> due"));
    assert!(!app.get("/apps").await.body.contains("Acme Corporation"));
    let with = app.get("/apps?archived=1").await.body;
    assert!(with.contains("Acme Corporation</a> <span class=\"badge\">archived"));
    app.post(
        "/apps/a1/archive",
        Some(&cookie),
        &[("csrf", &token), ("undo", "1")],
    )
    .await;
    // Back in the plan, and banking's formality now offers a handwritten note to each.
    let today = app.get("/").await.body;
    assert!(today.contains("<strong>4</strong> due"), "{today}");
    assert_eq!(today.matches("handwritten-note</strong> to").count(), 2);
}

#[tokio::test]
async fn a_round_is_changed_and_gains_a_person() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    assert!(
        page.body.contains("value=\"2026-03-02 14:00\""),
        "the round's start in its form"
    );
    assert!(page.body.contains("value=\"90m\""));
    let (cookie, token) = token_of(&page);
    let bad = app
        .post(
            "/apps/a1/rounds/r1",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "panel"),
                ("start", "2026-03-02 14:00"),
                ("duration", "-5m"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = app
        .post(
            "/apps/a1/rounds/r9",
            Some(&cookie),
            &[("csrf", &token), ("kind", "panel"), ("start", "today")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("r1"), "names the rounds there are");
    let saved = app
        .post(
            "/apps/a1/rounds/r1",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "onsite"),
                ("start", "2026-03-02 13:00"),
                ("duration", "2h"),
                ("decision", "2026-03-13"),
                ("rapport", "1"),
                ("name", "Joan Clarke"),
                ("role", "recruiter"),
                ("email", "joan@acme.example"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.get("/apps/a1").await.body;
    assert!(after.contains("onsite round <code>r1</code>"));
    assert!(after.contains("decide by Fri 13 Mar"));
    assert!(after.contains("value=\"120m\""));
    assert!(after.contains("name=\"rapport\" value=\"1\" checked"));
    assert!(after.contains("Joan Clarke</strong> (recruiter, joan@acme.example)"));
    // Three people, three thank-yous; the rapport opens a handwritten note.
    let today = app.get("/").await.body;
    assert_eq!(today.matches("thank-you</strong> to").count(), 3, "{today}");
    assert_eq!(today.matches("handwritten-note</strong> to").count(), 3);
    let twice = app
        .post(
            "/apps/a1/rounds/r1",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "onsite"),
                ("start", "2026-03-02 13:00"),
                ("name", "joan clarke"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("already in round r1"), "{}", twice.body);
}

#[tokio::test]
async fn a_person_is_edited_debriefed_and_taken_out() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    let (cookie, token) = token_of(&page);
    // Highlights come from the profile; the form offers them as checkboxes.
    app.post(
        "/settings/profile",
        Some(&cookie),
        &[
            ("csrf", &token),
            ("name", "Ada Lovelace"),
            ("email", "ada@example.com"),
            ("timezone", "America/New_York"),
            (
                "highlights",
                "five years of streaming pipelines\nled a team of four",
            ),
        ],
    )
    .await;
    let page = app.get("/apps/a1").await.body;
    assert!(page.contains("name=\"fit_1\""), "{page}");
    let bad = app
        .post(
            "/apps/a1/rounds/r1/people/p1",
            Some(&cookie),
            &[("csrf", &token), ("name", "Grace Hopper"), ("away", "soon")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("away"), "{}", bad.body);
    let saved = app
        .post(
            "/apps/a1/rounds/r1/people/p1",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("name", "Grace Hopper"),
                ("title", "Dr."),
                ("role", "hiring-manager"),
                ("email", "grace@acme.example"),
                ("phone", ""),
                ("linkedin", "linkedin.com/in/grace"),
                ("tz", "Europe/London"),
                ("away", "2026-03-20"),
                ("topics", "moving billing to Kafka\r\nthe on-call rota"),
                ("shared", "her 2019 outage story"),
                ("concerns", ""),
                ("fit_0", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.get("/apps/a1").await.body;
    assert!(after.contains("Dr. Grace Hopper"));
    assert!(after.contains("away until 2026-03-20"));
    assert!(after.contains("Talked about: moving billing to Kafka; the on-call rota"));
    assert!(after.contains("Shared: her 2019 outage story"));
    assert!(after.contains("name=\"fit_0\" value=\"1\" checked"));
    assert!(!after.contains("name=\"fit_1\" value=\"1\" checked"));
    assert!(after.contains("value=\"https:&#x2f;&#x2f;linkedin.com&#x2f;in&#x2f;grace\""));
    // The draft draws on what was just noted.
    let draft = app.get("/apps/a1/compose/thank-you:r1:p1").await.body;
    assert!(
        draft.contains("Kafka") || draft.contains("outage"),
        "{draft}"
    );

    let out = app
        .post(
            "/apps/a1/rounds/r1/people/p2/remove",
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get("/apps/a1")
            .await
            .body
            .contains("Alan Turing</strong>")
    );
    let again = app
        .post(
            "/apps/a1/rounds/r1/people/p2/remove",
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn templates_are_edited_checked_and_reset_in_the_page() {
    let app = app().await;
    let settings = app.get("/settings").await;
    assert!(
        settings
            .body
            .contains("href=\"/settings/templates/thank-you\"")
    );
    let (cookie, token) = token_of(&settings);
    let page = app.get("/settings/templates/thank-you").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Drafts use the built-in template"));
    assert_eq!(
        app.get("/settings/templates/love-letter").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let broken = "Subject: Thanks\n\nDear {{ recipient.greeting,\n";
    let refused = app
        .post(
            "/settings/templates/thank-you",
            Some(&cookie),
            &[("csrf", &token), ("source", broken)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("cannot be used"), "{}", refused.body);
    assert!(
        refused.body.contains("Dear {{ recipient.greeting,"),
        "the text typed is kept"
    );
    let mine = "Subject: Many thanks, {{ recipient.greeting }}\n\nDear {{ recipient.greeting }},\n\nThank you for the {{ interview.what }}.\n\n{{ sender.signature }}\n";
    let saved = app
        .post(
            "/settings/templates/thank-you",
            Some(&cookie),
            &[("csrf", &token), ("source", mine)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(
        app.get("/settings")
            .await
            .body
            .contains("thank-you</a> <span class=\"badge\">yours")
    );
    let draft = app.get("/apps/a1/compose/thank-you:r1:p1").await.body;
    assert!(draft.contains("Many thanks, "), "{draft}");
    let reset = app
        .post(
            "/settings/templates/thank-you",
            Some(&cookie),
            &[("csrf", &token), ("reset", "1")],
        )
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/settings/templates/thank-you")
            .await
            .body
            .contains("Drafts use the built-in template")
    );
}

#[tokio::test]
async fn planning_and_mail_settings_are_saved_and_checked() {
    let app = app().await;
    let page = app.get("/settings").await;
    assert!(page.body.contains("value=\"09:00-17:00\""), "{}", page.body);
    let (cookie, token) = token_of(&page);
    for (field, value) in [
        ("business_hours", "17:00-09:00"),
        ("linkedin_note_limit", "0"),
        ("linkedin_quota", "many"),
        ("max_check_ins", "11"),
    ] {
        let mut fields = vec![("csrf", token.as_str()), ("max_check_ins", "2")];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let refused = app.post("/settings/planning", Some(&cookie), &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(refused.body.contains(field), "{field}: {}", refused.body);
    }
    let saved = app
        .post(
            "/settings/planning",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("max_check_ins", "3"),
                ("business_hours", "08:30-16:00"),
                ("linkedin_note_limit", "300"),
                ("linkedin_quota", "10"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.get("/settings").await.body;
    assert!(after.contains("value=\"08:30-16:00\""));
    assert!(after.contains("name=\"linkedin_note_limit\" inputmode=\"numeric\" value=\"300\""));

    let bad_mail = app
        .post(
            "/settings/mail",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("smtp_url", "smtp://ada:secret@mail.example:587"),
            ],
        )
        .await;
    assert_eq!(bad_mail.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !bad_mail.body.contains("secret"),
        "the password is not echoed"
    );
    let mail = app
        .post(
            "/settings/mail",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("smtp_url", "smtps://ada@mail.example:465"),
                ("reply_to", "ada@home.example"),
                ("imap_url", ""),
                ("sent_folder", "ignored without IMAP"),
            ],
        )
        .await;
    assert_eq!(mail.status, StatusCode::SEE_OTHER, "{}", mail.body);
    let after = app.get("/settings").await.body;
    assert!(after.contains("value=\"smtps:&#x2f;&#x2f;ada@mail.example:465\""));
    assert!(after.contains("value=\"ada@home.example\""));
    assert!(after.contains("Replies: not set up"));
}

#[tokio::test]
async fn replies_are_accepted_or_dismissed_and_the_outbox_settled_in_the_page() {
    use followup_core::{DecisionDate, Outcome};
    use followup_store::{InboxEntry, InboxState, MatchedBy, NewEmail};
    let app = app().await;
    let store = app.state.store();
    let received = Moment::parse_rfc3339("2026-03-02T17:00:00-05:00").unwrap();
    let reply = |n: u32, outcome: Option<Outcome>| InboxEntry {
        id: 0,
        message_id: format!("<reply{n}@acme.example>"),
        application_id: "a1".into(),
        contact_id: Some("p1".into()),
        received_at: received,
        sender: "grace@acme.example".into(),
        subject: format!("Re: Thank you ({n})"),
        excerpt: "We hope to decide by <b>March 20</b>.".into(),
        matched_by: MatchedBy::Thread,
        automatic: false,
        outcome,
        decision_expected_by: Some(DecisionDate::Day(jiff::civil::date(2026, 3, 20))),
        away_until: None,
        state: InboxState::Proposed,
    };
    let first = store
        .add_inbox(&reply(1, Some(Outcome::Update)))
        .await
        .unwrap()
        .unwrap();
    let second = store
        .add_inbox(&reply(2, Some(Outcome::Reply)))
        .await
        .unwrap()
        .unwrap();
    let page = app.get("/inbox").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Re: Thank you (1)"));
    assert!(
        page.body.contains("&lt;b&gt;March 20&lt;&#x2f;b&gt;"),
        "escaped"
    );
    assert!(page.body.contains("update (proposed)"));
    assert!(page.body.contains("No IMAP account is set up"));
    let (cookie, token) = token_of(&page);

    let wrong = app
        .post(
            &format!("/inbox/{}/accept", first.id),
            Some(&cookie),
            &[
                ("csrf", &token),
                ("outcome", "offer"),
                ("decision", "2026-03-20"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("goes with an update"), "{}", wrong.body);
    let accepted = app
        .post(
            &format!("/inbox/{}/accept", first.id),
            Some(&cookie),
            &[
                ("csrf", &token),
                ("outcome", "update"),
                ("decision", "2026-03-20"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(accepted.headers[header::LOCATION], "/apps/a1");
    let file = store.load("a1").await.unwrap();
    assert_eq!(file.responses.len(), 1);
    assert_eq!(file.responses[0].outcome, Outcome::Update);
    assert!(
        app.get("/apps/a1")
            .await
            .body
            .contains("decision by Fri 20 Mar")
    );

    let dismissed = app
        .post(
            &format!("/inbox/{}/dismiss", second.id),
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(dismissed.status, StatusCode::SEE_OTHER);
    let again = app
        .post(
            &format!("/inbox/{}/dismiss", second.id),
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.get("/inbox")
            .await
            .body
            .contains("Nothing waits for your word")
    );
    let all = app.get("/inbox?all=1").await.body;
    assert!(
        all.contains("accepted") && all.contains("dismissed"),
        "{all}"
    );
    assert_eq!(store.load("a1").await.unwrap().responses.len(), 1);

    // An email interrupted while sending is settled by the user's word.
    let email = |action: &str| NewEmail {
        message_id: format!("<{action}@example.com>"),
        application_id: "a1".into(),
        action: action.into(),
        recipient_name: "Grace Hopper".into(),
        recipient: "grace@acme.example".into(),
        subject: "Thank you".into(),
        body: "Thank you, Grace.".into(),
        send_after: received.timestamp(),
    };
    let sending = store
        .queue_email(&email("thank-you:r1:p1"), received)
        .await
        .unwrap();
    assert!(store.begin_sending(sending.id, b"raw").await.unwrap());
    let queued = store
        .queue_email(&email("thank-you:r1:p2"), received)
        .await
        .unwrap();
    let page = app.get("/inbox").await.body;
    assert!(page.contains("It went out"), "{page}");
    assert!(page.contains("Withdraw"));
    let early = app
        .post(
            &format!("/outbox/{}/settle", queued.id),
            Some(&cookie),
            &[("csrf", &token), ("went_out", "yes")],
        )
        .await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a queued email is not settled"
    );
    let settled = app
        .post(
            &format!("/outbox/{}/settle", sending.id),
            Some(&cookie),
            &[("csrf", &token), ("went_out", "yes")],
        )
        .await;
    assert_eq!(settled.status, StatusCode::SEE_OTHER, "{}", settled.body);
    let withdrawn = app
        .post(
            &format!("/outbox/{}/withdraw", queued.id),
            Some(&cookie),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let file = store.load("a1").await.unwrap();
    assert_eq!(
        file.touchpoints.len(),
        1,
        "the settled email is a touchpoint"
    );
    let page = app.get("/inbox").await.body;
    assert!(
        page.contains(">sent<") && page.contains(">cancelled<"),
        "{page}"
    );
}

#[tokio::test]
async fn beyond_this_machine_every_page_but_the_sign_in_needs_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let file = ApplicationFile::from_json("panel", PANEL).unwrap();
    store
        .import(&file, Moment::parse_rfc3339(NOW).unwrap())
        .await
        .unwrap();
    let hash = followup_web::login::hash_password("correct horse battery").unwrap();
    let state = AppState::new(
        store,
        WebSettings {
            extra_hosts: vec![],
            calendar_token: "c".repeat(64),
            now: None,
            config_dir: dir.path().join("config"),
            password_hash: Some(hash),
            locale: followup_core::Locale::EnUs,
            server_key: None,
        },
    );
    let app = App {
        _dir: dir,
        router: router(state.clone()),
        state,
    };
    let today = app.get("/").await;
    assert_eq!(today.status, StatusCode::SEE_OTHER);
    assert_eq!(today.headers[header::LOCATION], "/login");
    assert_eq!(app.get("/apps/a1").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/static/compose.js").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get("/preview-detail?field=topic&text=kafka")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.get("/static/app.css").await.status, StatusCode::OK);
    let feed = app
        .get(&format!("/calendar.ics?token={}", "c".repeat(64)))
        .await;
    assert_eq!(feed.status, StatusCode::OK, "the feed has its own secret");

    let login = app.get("/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("type=\"password\""));
    let (csrf_cookie, token) = token_of(&login);
    let blocked = app
        .post(
            "/apps",
            Some(&csrf_cookie),
            &[("csrf", &token), ("company", "Globex"), ("role", "Analyst")],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::UNAUTHORIZED);
    let no_token = app
        .post(
            "/login",
            Some(&csrf_cookie),
            &[("password", "correct horse battery")],
        )
        .await;
    assert_eq!(
        no_token.status,
        StatusCode::FORBIDDEN,
        "sign-in needs its CSRF token too"
    );
    let wrong = app
        .post(
            "/login",
            Some(&csrf_cookie),
            &[("csrf", &token), ("password", "correct horse")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("not the password"));
    let right = app
        .post(
            "/login",
            Some(&csrf_cookie),
            &[("csrf", &token), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    let session = right.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(session.starts_with("followup_session="), "{session}");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    let both = format!("{csrf_cookie}; {}", session.split(';').next().unwrap());
    let with_session = |path: &str| {
        Request::get(path)
            .header(header::HOST, "127.0.0.1:7878")
            .header(header::COOKIE, both.clone())
            .body(Body::empty())
            .unwrap()
    };
    let today = app.send(with_session("/")).await;
    assert_eq!(today.status, StatusCode::OK);
    assert!(today.body.contains("Sign out"));
    let added = app
        .post(
            "/apps",
            Some(&both),
            &[("csrf", &token), ("company", "Globex"), ("role", "Analyst")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let out = app.post("/logout", Some(&both), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.send(with_session("/")).await.status,
        StatusCode::SEE_OTHER
    );
    // Five wrong guesses in a minute close the door for that minute, even to the right one.
    for _ in 0..5 {
        app.post(
            "/login",
            Some(&csrf_cookie),
            &[("csrf", &token), ("password", "guess")],
        )
        .await;
    }
    let throttled = app
        .post(
            "/login",
            Some(&csrf_cookie),
            &[("csrf", &token), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
}

/// A server asking for its password, over the data directory `dir`, as `followup serve
/// --listen` starts it.
async fn locked_server(dir: &std::path::Path, hash: &str) -> App {
    let store = Store::open(dir).await.unwrap();
    let state = AppState::new(
        store,
        WebSettings {
            extra_hosts: vec![],
            calendar_token: "c".repeat(64),
            now: None,
            config_dir: dir.join("config"),
            password_hash: Some(hash.to_string()),
            locale: followup_core::Locale::EnUs,
            server_key: None,
        },
    );
    App {
        _dir: tempfile::tempdir().unwrap(),
        router: router(state.clone()),
        state,
    }
}

/// Issue 18, point 3: sessions live in the store. A restarted server keeps the browser
/// signed in, a second server over the same directory knows the session too, and "sign out
/// everywhere" on one ends it on both.
#[tokio::test]
async fn a_restart_keeps_a_signed_in_browser_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let hash = followup_web::login::hash_password("correct horse battery").unwrap();
    let first = locked_server(dir.path(), &hash).await;
    let login = first.get("/login").await;
    let (csrf_cookie, token) = token_of(&login);
    let right = first
        .post(
            "/login",
            Some(&csrf_cookie),
            &[("csrf", &token), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    let session = right.headers[header::SET_COOKIE].to_str().unwrap();
    let both = format!("{csrf_cookie}; {}", session.split(';').next().unwrap());
    let today = |cookie: &str| {
        Request::get("/")
            .header(header::HOST, "127.0.0.1:7878")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(first.send(today(&both)).await.status, StatusCode::OK);
    first.state.store().clone().close().await;
    drop(first);

    let restarted = locked_server(dir.path(), &hash).await;
    let page = restarted.send(today(&both)).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "still signed in after a restart"
    );
    assert!(page.body.contains("Sign out everywhere"));
    let beside = locked_server(dir.path(), &hash).await;
    assert_eq!(beside.send(today(&both)).await.status, StatusCode::OK);

    let out = restarted.post("/logout-everywhere", Some(&both), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.headers[header::LOCATION], "/login");
    for server in [&restarted, &beside] {
        let page = server.send(today(&both)).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "signed out everywhere");
        assert_eq!(page.headers[header::LOCATION], "/login");
    }
    // Without a session the request never reaches the handler: another site's post cannot
    // sign the owner out.
    let stranger = beside.post("/logout-everywhere", None, &[]).await;
    assert_eq!(stranger.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_application_goes_out_and_back_in_as_json() {
    let app = app().await;
    let exported = app.get("/apps/a1/export.json").await;
    assert_eq!(exported.status, StatusCode::OK);
    assert_eq!(
        exported.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"a1.json\""
    );
    assert!(exported.body.contains("\"company\": \"Acme Corp\""));
    let board = app.get("/apps").await;
    let (cookie, token) = token_of(&board);
    let broken = app
        .post(
            "/apps/import",
            Some(&cookie),
            &[("csrf", &token), ("json", "{\"profile\": ")],
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.body.contains("line 1"), "{}", broken.body);
    let imported = app
        .post(
            "/apps/import",
            Some(&cookie),
            &[("csrf", &token), ("json", &exported.body)],
        )
        .await;
    assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
    // Its ids were taken by the original: it comes in as a2, beside it.
    assert_eq!(imported.headers[header::LOCATION], "/apps/a2");
    let copy = app.get("/apps/a2").await.body;
    assert!(copy.contains("Grace Hopper"));
    assert!(app.get("/").await.body.contains("<strong>4</strong> due"));

    // A response recorded with the time it came.
    let page = app.get("/apps/a1").await;
    let (cookie, token) = token_of(&page);
    let late = app
        .post(
            "/apps/a1/responses",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("outcome", "reply"),
                ("when", "2026-03-02 11:15"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::SEE_OTHER, "{}", late.body);
    assert!(
        app.get("/apps/a1")
            .await
            .body
            .contains("Mon 2 Mar 11:15: <strong>reply</strong>")
    );
}

#[tokio::test]
async fn insights_draw_their_charts_and_the_record_prints_on_its_own() {
    let app = app().await;
    let page = app.get("/insights").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("<svg").count(), 5, "{}", page.body);
    assert!(page.body.contains("role=\"img\""));
    assert!(page.body.contains("<th scope=\"col\">Answered</th>"));
    let report = app.get("/report").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report
            .body
            .contains("Record of job applications — Ada Lovelace")
    );
    assert!(
        report
            .body
            .contains("panel interview with Grace Hopper, Alan Turing")
    );
    let csp = report.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.starts_with("default-src 'none'; style-src 'unsafe-inline'"),
        "{csp}"
    );
    assert!(!report.body.contains("<script"), "nothing runs in it");
    assert!(
        report.body.contains("&lt;script&gt;") || !report.body.contains("alert(1)"),
        "typed markup stays text"
    );
    assert_eq!(
        app.get("/report?since=someday").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn insights_the_report_and_the_board_are_never_stale_after_a_new_application() {
    let app = app().await;
    let before = app.get("/insights").await;
    assert_eq!(app.get("/insights").await.body, before.body, "served again");
    let report = app.get("/report").await.body;
    assert!(!report.contains("Globex"));
    assert!(
        !app.get("/report?since=2026-01-01")
            .await
            .body
            .contains("Globex")
    );
    assert!(!app.get("/apps").await.body.contains("Globex"));
    let page = app.get("/apps").await;
    let (cookie, token) = token_of(&page);
    // A new application has no round yet, so its plan is empty and the agenda stays as it
    // was; the page must move all the same.
    let added = app
        .post(
            "/apps",
            Some(&cookie),
            &[
                ("csrf", token.as_str()),
                ("company", "Globex"),
                ("role", "Analyst"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let after = app.get("/insights").await;
    assert_ne!(after.body, before.body, "the new application is counted");
    assert!(app.get("/report").await.body.contains("Globex"));
    assert!(
        app.get("/report?since=2026-01-01")
            .await
            .body
            .contains("Globex")
    );
    assert!(app.get("/apps").await.body.contains("Globex"));
    // The report asked another way is that way, not the one kept.
    let since_later = app.get("/report?since=2027-01-01").await.body;
    assert!(!since_later.contains("Globex"), "{since_later}");
}

#[tokio::test]
async fn a_round_form_neither_overflows_nor_renames_someone_known() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    let (cookie, token) = token_of(&page);
    let huge = app
        .post(
            "/apps/a1/rounds/r1",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "panel"),
                ("start", "2026-03-02 14:00"),
                ("duration", "99999999h"),
            ],
        )
        .await;
    assert_eq!(huge.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(huge.body.contains("at most a day"), "{}", huge.body);
    let end_of_time = app
        .post(
            "/apps/a1/rounds",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "video"),
                ("start", "9999-12-31 23:30"),
                ("duration", "2h"),
            ],
        )
        .await;
    assert_eq!(
        end_of_time.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        end_of_time.body
    );
    // Grace joins round 2 as she is: a lower-case name and another address change nothing.
    let second = app
        .post(
            "/apps/a1/rounds",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "video"),
                ("start", "2026-03-05 10:00"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let joined = app
        .post(
            "/apps/a1/rounds/r2",
            Some(&cookie),
            &[
                ("csrf", &token),
                ("kind", "video"),
                ("start", "2026-03-05 10:00"),
                ("name", "grace hopper"),
                ("email", "hijack@evil.example"),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    let file = app.state.store().load("a1").await.unwrap();
    for round in &file.interviews {
        let grace = round.interviewers.iter().find(|p| p.id == "p1").unwrap();
        assert_eq!(grace.name, "Grace Hopper");
        assert_eq!(grace.email.as_deref(), Some("grace@acme.example"));
    }
    assert_eq!(file.interviews[1].interviewers.len(), 1);
}

#[tokio::test]
async fn the_debrief_form_shows_how_a_detail_will_read() {
    let app = app().await;
    let page = app.get("/apps/a1").await;
    assert!(
        page.body.contains("Type details as you would jot them:"),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-live=\"polite\""));
    assert!(
        page.body
            .contains("<script src=\"/static/debrief.js\"></script>")
    );
    let script = app.get("/static/debrief.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("textContent") && !script.body.contains("innerHTML"));

    let query = serde_urlencoded::to_string([
        ("field", "topic"),
        ("text", "she showed me their dashboards"),
        ("notes", "her 2019 outage story"),
    ])
    .unwrap();
    let answer = app.get(&format!("/preview-detail?{query}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.body.contains("how you showed me their dashboards"),
        "{}",
        answer.body
    );
    assert!(
        answer.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );

    let wrong = app.get("/preview-detail?field=hobbies&text=chess").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(
        wrong.body.starts_with("field: \"hobbies\""),
        "{}",
        wrong.body
    );
    let foreign = app
        .send(
            Request::get("/preview-detail?field=topic&text=kafka")
                .header(header::HOST, "evil.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::MISDIRECTED_REQUEST);
}

/// Issue 18, point 7: a board of many applications shows each column's first cards and how
/// many more there are, and a picked status is shown a page at a time.
#[tokio::test]
async fn a_big_board_shows_the_first_cards_and_pages_the_rest() {
    let app = app().await;
    let now = Moment::parse_rfc3339(NOW).unwrap();
    for i in 0..260 {
        let new = followup_core::Application {
            id: String::new(),
            company: format!("Company {i}"),
            role: "Analyst".into(),
            industry: None,
            culture: None,
            prefers_no_calls: false,
            stage: Default::default(),
            source: None,
            notes: None,
            archived: false,
        };
        app.state
            .store()
            .create_application(&new, now)
            .await
            .unwrap();
    }
    let board = app.get("/apps").await;
    assert_eq!(board.status, StatusCode::OK);
    let rows = app.state.store().board_rows().await.unwrap();
    let status = rows.last().unwrap().status(now.timestamp());
    let count = rows
        .iter()
        .filter(|e| !e.archived && e.status(now.timestamp()) == status)
        .count();
    assert!(count >= 260, "{count}");
    assert!(
        board.body.matches("class=\"card\"").count() <= 5 * 50,
        "each column shows 50 cards at most"
    );
    assert!(
        board.body.contains(&format!("({} more)", count - 50)),
        "the column says how many more it holds"
    );
    let first = app.get(&format!("/apps?status={}", status.as_str())).await;
    assert_eq!(first.body.matches("class=\"card\"").count(), 200);
    assert!(
        first
            .body
            .contains(&format!("Page 1 of {}", count.div_ceil(200)))
    );
    let second = app
        .get(&format!("/apps?status={}&page=2", status.as_str()))
        .await;
    assert_eq!(second.body.matches("class=\"card\"").count(), count - 200);
    assert!(second.body.contains("rel=\"prev\""));
    assert!(
        second.body.contains("Company 259"),
        "the last one is on the last page"
    );
}

#[tokio::test]
async fn a_later_email_is_queued_and_shown_and_a_failure_stays_until_seen() {
    let app = app().await;
    let path = "/apps/a1/compose/thank-you:r1:p1";
    let page = app.get(path).await;
    assert!(
        page.body.contains("name=\"when\" value=\"at\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("America&#x2f;New_York time"));
    let (cookie, token) = token_of(&page);
    let body = "Dear Grace,\n\nThank you for the panel today and for the talk about Kafka.\n\nBest regards,\nAda Lovelace";
    let form = |at: &'static str| {
        vec![
            ("csrf", token.clone()),
            ("intent", "send".to_string()),
            ("subject", "Thank you for today".to_string()),
            ("body", body.to_string()),
            ("when", "at".to_string()),
            ("at", at.to_string()),
            ("force", "yes".to_string()),
        ]
    };
    let as_pairs = |f: &[(&'static str, String)]| {
        f.iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect::<Vec<(&str, String)>>()
    };
    let bad = as_pairs(&form("someday soon"));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.post(path, Some(&cookie), &bad).await;
    assert_eq!(refused.status, StatusCode::OK);
    assert!(refused.body.contains("Not queued: at:"), "{}", refused.body);
    assert!(app.state.store().outbox(&[]).await.unwrap().is_empty());

    let good = as_pairs(&form("2026-03-03T09:30"));
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let queued = app.post(path, Some(&cookie), &good).await;
    assert_eq!(queued.status, StatusCode::SEE_OTHER, "{}", queued.body);
    assert_eq!(queued.headers[header::LOCATION], "/apps/a1?queued=1");
    let entry = app.state.store().outbox_entry(1).await.unwrap();
    assert_eq!(
        entry.send_after,
        Moment::parse_rfc3339("2026-03-03T09:30:00-05:00")
            .unwrap()
            .timestamp(),
        "read in the recipient's zone"
    );
    let shown = app.get("/apps/a1").await;
    assert!(
        shown
            .body
            .contains("<span class=\"badge\">queued</span> Tue 3 Mar 09:30"),
        "{}",
        shown.body
    );
    let today = app.get("/").await;
    assert!(
        today.body.contains("<h2 id=\"mail\">Mail</h2>"),
        "{}",
        today.body
    );
    let again = app.get(path).await;
    assert!(
        again
            .body
            .contains("Queued to go Tue 3 Mar 09:30 (America&#x2f;New_York)"),
        "{}",
        again.body
    );
    assert!(!again.body.contains("value=\"send\""), "no second send");

    // The server refuses it for good: a banner on Today and on the application until seen.
    let store = app.state.store();
    assert!(store.begin_sending(1, b"raw").await.unwrap());
    store.mark_failed(1, "550 no such user here").await.unwrap();
    let today = app.get("/").await;
    assert!(
        today
            .body
            .contains("An email failed: thank-you:r1:p1 to Grace Hopper — 550 no such user here"),
        "{}",
        today.body
    );
    let shown = app.get("/apps/a1").await;
    assert!(
        shown.body.contains("failed: 550 no such user here"),
        "{}",
        shown.body
    );
    let (cookie, token) = token_of(&app.get("/apps/a1").await);
    let seen = app
        .post("/outbox/1/seen", Some(&cookie), &[("csrf", token.as_str())])
        .await;
    assert_eq!(seen.status, StatusCode::SEE_OTHER);
    assert_eq!(seen.headers[header::LOCATION], "/apps/a1#outbox");
    assert!(!app.get("/").await.body.contains("An email failed"));
    let shown = app.get("/apps/a1").await;
    assert!(!shown.body.contains("role=\"alert\""), "{}", shown.body);
    assert!(shown.body.contains("<span class=\"badge\">failed</span>"));
}
