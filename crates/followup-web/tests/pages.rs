//! The web app's pages and its defences, through the real router on a real store.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use followup_core::{ApplicationFile, Moment};
use followup_store::Store;
use followup_web::{AppState, WebSettings, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

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
        },
    );
    App {
        _dir: dir,
        router: router(state),
    }
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl App {
    async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
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
        let mut request = Request::post(path)
            .header(header::HOST, "localhost:7878")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
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
