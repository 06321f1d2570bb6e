//! The pages and the forms behind them.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use followup_actions::{NewResponse, ResponseFields, record_response};
use followup_core::edit::word;
use followup_core::when::parse_decision;
use followup_core::{Application, ApplicationFile, DecisionDate, InputError, Moment, validate};
use followup_plan::ActionStatus;
use followup_store::StoreError;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use minijinja::{Environment, Value, context};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::security::{CheckedForm, csrf_of};

pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    // Names ending in .html are escaped: every value a user typed is shown as text.
    for (name, source) in [
        ("base.html", include_str!("../templates/base.html")),
        ("today.html", include_str!("../templates/today.html")),
        (
            "applications.html",
            include_str!("../templates/applications.html"),
        ),
        (
            "application.html",
            include_str!("../templates/application.html"),
        ),
        ("error.html", include_str!("../templates/error.html")),
        ("compose.html", include_str!("../templates/compose.html")),
        ("card.html", include_str!("../templates/card.html")),
        ("settings.html", include_str!("../templates/settings.html")),
        ("template.html", include_str!("../templates/template.html")),
        ("inbox.html", include_str!("../templates/inbox.html")),
        ("login.html", include_str!("../templates/login.html")),
        ("seekers.html", include_str!("../templates/seekers.html")),
        ("accounts.html", include_str!("../templates/accounts.html")),
        ("insights.html", include_str!("../templates/insights.html")),
    ] {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("built-in template {name}: {e}"));
    }
    env
}

/// A failure shown as a page: the status and what to do.
pub struct PageError {
    status: StatusCode,
    message: String,
    hint: Option<String>,
}

impl PageError {
    pub fn new(status: StatusCode, message: String, hint: Option<String>) -> PageError {
        PageError {
            status,
            message,
            hint,
        }
    }
}

impl From<followup_mail::MailError> for PageError {
    fn from(e: followup_mail::MailError) -> Self {
        if let followup_mail::MailError::Store(store) = e {
            return store.into();
        }
        let status = if e.is_input() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_GATEWAY
        };
        PageError {
            status,
            hint: e.hint(),
            message: e.to_string(),
        }
    }
}

impl From<followup_actions::ActionsError> for PageError {
    fn from(e: followup_actions::ActionsError) -> Self {
        let status = if e.is_input() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        // An unknown id is a 404 however deep it was found.
        match e {
            followup_actions::ActionsError::Input(input) => return input.into(),
            followup_actions::ActionsError::Store(store) => return store.into(),
            _ => {}
        }
        PageError::new(status, e.to_string(), e.hint())
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Input(input) => input.into(),
            other => PageError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                hint: other.hint(),
                message: other.to_string(),
            },
        }
    }
}

impl From<InputError> for PageError {
    fn from(e: InputError) -> Self {
        let status = match e {
            InputError::UnknownId { .. } => StatusCode::NOT_FOUND,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        PageError {
            status,
            hint: Some(e.hint()),
            message: e.to_string(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = crate::pages::templates()
            .get_template("error.html")
            .and_then(|t| {
                t.render(context! {
                    title => "Something went wrong",
                    message => self.message,
                    hint => self.hint,
                    csrf => "",
                })
            })
            .unwrap_or_else(|e| format!("error page failed: {e}"));
        (self.status, Html(body)).into_response()
    }
}

pub type PageResult = Result<Response, PageError>;

/// Renders a page with the CSRF token of this browser, setting its cookie when new.
/// A template rendered to HTML.
pub(crate) fn render(
    state: &AppState,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, PageError> {
    state
        .templates()
        .get_template(name)
        .and_then(|t| {
            let who = crate::signed_in();
            t.render(context! {
                locked => state.door().is_some() || state.is_shared(),
                account => who.as_ref().map(|w| w.user.email.clone()),
                coach => who.as_ref().is_some_and(|w| w.user.role == followup_store::Role::Coach),
                admin => who.as_ref().is_some_and(|w| w.user.role == followup_store::Role::Admin),
                reading => who.and_then(|w| w.reading).map(|r| r.email),
                ..ctx
            })
        })
        .map_err(|e| PageError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("cannot render {name}: {e}"),
            hint: None,
        })
}

pub fn page(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    ctx: minijinja::Value,
) -> PageResult {
    let (token, cookie) = csrf_of(headers);
    let html = render(state, name, context! { csrf => token, ..ctx })?;
    let mut response = Html(html).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

pub(crate) async fn profile_zone(state: &AppState) -> Result<TimeZone, PageError> {
    Ok(state
        .store()
        .profile()
        .await?
        .and_then(|p| TimeZone::get(&p.timezone).ok())
        .unwrap_or(TimeZone::UTC))
}

pub(crate) fn shown(moment: Moment, zone: &TimeZone) -> String {
    moment
        .to_zoned(zone.clone())
        .strftime("%a %-d %b %H:%M")
        .to_string()
}

/// A decision date as the pages show every other date: "Tue 1 Dec", with the time when
/// they named one.
pub(crate) fn shown_decision(decision: DecisionDate, zone: &TimeZone) -> String {
    match decision {
        DecisionDate::Day(day) => day.strftime("%a %-d %b").to_string(),
        DecisionDate::At(moment) => shown(moment, zone),
    }
}

/// One follow-up as a page shows it.
#[derive(Serialize)]
struct FollowUp {
    application: String,
    company: String,
    role: String,
    name: String,
    action: String,
    kind: String,
    channel: String,
    status: String,
    late: bool,
    optional: bool,
    opens: String,
    due: String,
    suggested: String,
    why: String,
}

fn follow_up(
    app: (&str, &str, &str),
    name: &str,
    a: &followup_plan::Action,
    zone: &TimeZone,
) -> FollowUp {
    FollowUp {
        application: app.0.to_string(),
        company: app.1.to_string(),
        role: app.2.to_string(),
        name: name.to_string(),
        action: a.name().to_string(),
        kind: a.kind.to_string(),
        channel: a.channel.to_string(),
        status: a.status.as_str().to_string(),
        late: a.late,
        optional: a.optional,
        opens: shown(a.opens, zone),
        due: shown(a.due, zone),
        suggested: shown(a.suggested, zone),
        why: a.explanation(),
    }
}

/// Whether `text` contains `lower` (already lower-case), ignoring case; without allocating
/// for the ASCII names most boards hold.
fn contains_folded(text: &str, lower: &str) -> bool {
    if text.is_ascii() && lower.is_ascii() {
        let (text, lower) = (text.as_bytes(), lower.as_bytes());
        lower.is_empty()
            || text
                .windows(lower.len())
                .any(|w| w.eq_ignore_ascii_case(lower))
    } else {
        text.to_lowercase().contains(lower)
    }
}

/// How far ahead Today looks.
const TODAY_HORIZON: SignedDuration = SignedDuration::from_hours(24 * 14);

/// How many follow-ups of each status Today lists; the counts cover them all.
const TODAY_LIMIT: usize = 50;

/// What a page without a form is cached under: the store's agenda generation, which moves
/// with every change to a plan or the profile, and the minute, so anything else it shows is
/// at most a minute old.
pub(crate) async fn cache_key(state: &AppState) -> Result<(i64, i64), PageError> {
    cache_key_by(state, 60).await
}

/// The same, for pages about the whole search (Insights, the record of applications): read
/// from every file, they take a while at thousands of applications, and what time alone moves
/// in them (a follow-up turning late, a week ending) may wait an hour. Any change in the
/// store shows at once.
pub(crate) async fn cache_key_hourly(state: &AppState) -> Result<(i64, i64), PageError> {
    cache_key_by(state, 3600).await
}

async fn cache_key_by(state: &AppState, seconds: i64) -> Result<(i64, i64), PageError> {
    Ok((
        state.generation().await?,
        state.now().as_second().div_euclid(seconds),
    ))
}

/// A cached page as the answer, with this browser's CSRF cookie set if it had none.
pub(crate) fn with_cookie(headers: &HeaderMap, html: bytes::Bytes) -> Response {
    let (_, cookie) = csrf_of(headers);
    // Bytes share the kept page: a visit copies nothing.
    let mut response = Html(html).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn today(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let now = state.now();
    // Today shows times to the minute and holds no form: while neither the minute nor the
    // store's agenda changed, the same page is served again.
    let key = cache_key(&state).await?;
    let with_cookie = |html: bytes::Bytes| with_cookie(&headers, html);
    if let Some(html) = state.cached_page("today", "", key) {
        return Ok(with_cookie(html));
    }
    let zone = profile_zone(&state).await?;
    let agenda = state
        .store()
        .agenda_page(
            now,
            now.checked_add(TODAY_HORIZON).unwrap_or(Timestamp::MAX),
            TODAY_LIMIT,
        )
        .await?;
    let group = |status: ActionStatus| -> Vec<FollowUp> {
        agenda
            .items
            .iter()
            .filter(|i| i.action.status == status)
            .map(|i| {
                follow_up(
                    (&i.application, &i.company, &i.role),
                    &i.name,
                    &i.action,
                    &zone,
                )
            })
            .collect()
    };
    // What the worker did and will do: queued, sent in the last day, failed and not yet seen.
    let day_ago = now
        .checked_sub(SignedDuration::from_hours(24))
        .unwrap_or(now);
    let mail = crate::inbox::outbox_rows(&state.store().outbox_news(day_ago).await?, &zone);
    let html = render(
        &state,
        "today.html",
        context! {
            title => "Today",
            mail,
            worker => state.has_worker(),
            now => now.to_zoned(zone.clone()).strftime("%A %-d %B, %H:%M").to_string(),
            overdue => Value::from(minijinja::value::Serde(group(ActionStatus::Overdue))),
            due => Value::from(minijinja::value::Serde(group(ActionStatus::Due))),
            upcoming => Value::from(minijinja::value::Serde(group(ActionStatus::Upcoming))),
            counts => context! { overdue => agenda.overdue, due => agenda.due, upcoming => agenda.upcoming },
            limit => TODAY_LIMIT,
            has_profile => state.store().profile().await?.is_some(),
            csrf => "",
        },
    )?;
    let html = bytes::Bytes::from(html);
    state.cache_page("today", "", key, html.clone());
    Ok(with_cookie(html))
}

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    archived: Option<String>,
    /// The page of the picked status, from 1.
    #[serde(default)]
    page: Option<usize>,
}

/// The board's columns, in the order an application moves through them.
const COLUMNS: [(followup_plan::AppStatus, &str); 5] = [
    (followup_plan::AppStatus::ThankYousDue, "Thank-yous due"),
    (
        followup_plan::AppStatus::AwaitingDecision,
        "Awaiting a decision",
    ),
    (followup_plan::AppStatus::NoResponse, "No response"),
    (followup_plan::AppStatus::Offer, "Offer"),
    (followup_plan::AppStatus::Rejected, "Rejected"),
];

/// Cards a column shows when no status is picked: a board of ten thousand cards helps no one,
/// and each column says how many more it holds and links to them all.
const PER_COLUMN: usize = 50;
/// Cards a page shows of the one status picked.
const PER_PAGE: usize = 200;

pub async fn applications(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<Filter>,
) -> PageResult {
    let now = state.now();
    let zone = profile_zone(&state).await?;
    let query = filter.q.clone().unwrap_or_default().trim().to_lowercase();
    let with_archived = filter.archived.as_deref().is_some_and(|a| !a.is_empty());
    let picked = filter.status.clone().unwrap_or_default();
    let page_asked = filter.page.unwrap_or(1).max(1);
    // Every application is sorted and counted from a light index; only the cards shown are
    // read in full.
    let rows = state.board_rows().await?;
    let matching: Vec<(&followup_store::BoardRow, followup_plan::AppStatus)> = rows
        .iter()
        .filter(|e| with_archived || !e.archived)
        .filter(|e| {
            query.is_empty()
                || contains_folded(&e.company, &query)
                || contains_folded(&e.role, &query)
        })
        .map(|e| (e, e.status(now)))
        .filter(|(_, status)| picked.is_empty() || status.as_str() == picked)
        .collect();
    struct Slice<'a> {
        status: followup_plan::AppStatus,
        label: &'static str,
        count: usize,
        from: usize,
        ids: Vec<&'a str>,
    }
    let slices: Vec<Slice> = COLUMNS
        .iter()
        .map(|(status, label)| {
            let all: Vec<&str> = matching
                .iter()
                .filter(|(_, s)| s == status)
                .map(|(e, _)| e.id.as_str())
                .collect();
            let (from, take) = if picked == status.as_str() {
                let last_page = all.len().div_ceil(PER_PAGE).max(1);
                ((page_asked.min(last_page) - 1) * PER_PAGE, PER_PAGE)
            } else {
                (0, PER_COLUMN)
            };
            Slice {
                status: *status,
                label,
                count: all.len(),
                from,
                ids: all.into_iter().skip(from).take(take).collect(),
            }
        })
        .collect();
    let wanted: Vec<&str> = slices.iter().flat_map(|s| s.ids.iter().copied()).collect();
    let summaries = state.store().summaries(&wanted, now).await?;
    let by_id: std::collections::HashMap<&str, &followup_store::ApplicationSummary> = summaries
        .iter()
        .map(|s| (s.application.id.as_str(), s))
        .collect();
    #[derive(Serialize)]
    struct Card {
        id: String,
        company: String,
        role: String,
        stage: String,
        last_interview: Option<String>,
        touchpoints: u32,
        responses: u32,
        archived: bool,
    }
    #[derive(Serialize)]
    struct Column {
        status: &'static str,
        label: &'static str,
        count: usize,
        /// Cards of this column not shown on this page, after the ones shown.
        more: usize,
        /// The page of a picked status, and how many there are.
        page: usize,
        pages: usize,
        cards: Vec<Card>,
    }
    let columns: Vec<Column> = slices
        .iter()
        .map(|slice| Column {
            status: slice.status.as_str(),
            label: slice.label,
            count: slice.count,
            more: slice.count - slice.from - slice.ids.len(),
            page: slice.from / PER_PAGE + 1,
            pages: slice.count.div_ceil(PER_PAGE).max(1),
            cards: slice
                .ids
                .iter()
                .filter_map(|id| by_id.get(id))
                .map(|s| Card {
                    id: s.application.id.clone(),
                    company: s.application.company.clone(),
                    role: s.application.role.clone(),
                    stage: s.application.stage.to_string(),
                    last_interview: s.last_interview.map(|m| shown(m, &zone)),
                    touchpoints: s.touchpoints,
                    responses: s.responses,
                    archived: s.application.archived,
                })
                .collect(),
        })
        .collect();
    page(
        &state,
        &headers,
        "applications.html",
        context! {
            title => "Applications",
            columns => Value::from(minijinja::value::Serde(&columns)),
            q => filter.q.clone().unwrap_or_default(),
            status => picked,
            with_archived,
            // The search and archive choice, carried into the links to a status's pages.
            also => {
                let mut kept = vec![("q", filter.q.clone().unwrap_or_default())];
                if with_archived {
                    kept.push(("archived", "1".to_string()));
                }
                serde_urlencoded::to_string(kept).unwrap_or_default()
            },
            shown => matching.len(),
            total => rows.iter().filter(|e| with_archived || !e.archived).count(),
        },
    )
}

#[derive(Deserialize)]
pub struct NewApplication {
    company: String,
    role: String,
    #[serde(default)]
    industry: String,
}

pub async fn add_application(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<NewApplication>,
) -> PageResult {
    validate::text("company", &form.company, false)?;
    validate::text("role", &form.role, false)?;
    let zone = profile_zone(&state).await?;
    let app = Application {
        id: String::new(),
        company: form.company.trim().to_string(),
        role: form.role.trim().to_string(),
        industry: Some(form.industry.trim().to_string()).filter(|i| !i.is_empty()),
        culture: None,
        prefers_no_calls: false,
        stage: Default::default(),
        source: None,
        notes: None,
        archived: false,
    };
    let saved = state
        .store()
        .create_application(&app, Moment::in_zone(state.now(), &zone))
        .await?;
    Ok(Redirect::to(&format!("/apps/{}", saved.id)).into_response())
}

pub async fn application(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> PageResult {
    let now = state.now();
    let zone = profile_zone(&state).await?;
    let file: ApplicationFile = state.store().load(&id).await?;
    let plan = followup_plan::plan(&file, now);
    let people = file.people();
    let name_of = |id: &str| {
        people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let a = &file.application;
    let actions: Vec<FollowUp> = plan
        .actions
        .iter()
        .map(|action| {
            follow_up(
                (&a.id, &a.company, &a.role),
                &name_of(&action.to),
                action,
                &zone,
            )
        })
        .collect();
    let highlights = &file.profile.highlights;
    let rounds: Vec<minijinja::Value> = file
        .interviews
        .iter()
        .map(|r| {
            context! {
                id => r.id.clone(),
                kind => r.kind.to_string(),
                start => shown(r.start, &zone),
                decision => r.decision_expected_by.map(|d| shown_decision(d, &zone)),
                form => crate::edit::round_form_values(r, &zone),
                people => r.interviewers.iter().map(|p| context! {
                    id => p.id.clone(),
                    name => p.name.clone(),
                    title => p.title.clone(),
                    given => p.given.clone(),
                    family => p.family.clone(),
                    role => p.role.to_string(),
                    email => p.email.clone(),
                    phone => p.phone.clone(),
                    linkedin => p.linkedin.clone(),
                    tz => p.timezone.clone(),
                    away_until => p.away_until.map(|d| d.to_string()),
                    topics => p.details.topics.clone(),
                    shared => p.details.shared.clone(),
                    concerns => p.details.concerns.clone(),
                    fits => highlights.iter().enumerate().map(|(n, h)| context! {
                        n, text => h.clone(), chosen => p.details.highlights.contains(h),
                    }).collect::<Vec<_>>(),
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let touchpoints: Vec<minijinja::Value> = file
        .touchpoints
        .iter()
        .map(|t| {
            context! {
                kind => t.kind.to_string(),
                to => t.to.as_deref().map(name_of),
                channel => t.channel.to_string(),
                at => shown(t.at, &zone),
                subject => t.subject.clone(),
                message => t.message.clone(),
            }
        })
        .collect();
    let responses: Vec<minijinja::Value> = file
        .responses
        .iter()
        .map(|r| {
            context! {
                outcome => r.outcome.to_string(),
                from => r.from.as_deref().map(name_of),
                at => shown(r.at, &zone),
                decision => r.decision_expected_by.map(|d| shown_decision(d, &zone)),
                note => r.note.clone(),
            }
        })
        .collect();
    let outbox = crate::inbox::outbox_rows(&state.store().outbox_of(&id).await?, &zone);
    page(
        &state,
        &headers,
        "application.html",
        context! {
            title => format!("{} — {}", a.company, a.role),
            outbox,
            worker => state.has_worker(),
            app => context! {
                id => a.id.clone(),
                company => a.company.clone(),
                role => a.role.clone(),
                industry => a.industry.clone(),
                culture => a.culture.map(|c| c.to_string()),
                culture_now => a.culture().to_string(),
                no_calls => a.prefers_no_calls,
                stage => a.stage.to_string(),
                source => a.source.clone(),
                notes => a.notes.clone(),
                archived => a.archived,
                status => plan.status.as_str(),
            },
            rounds,
            actions => Value::from(minijinja::value::Serde(&actions)),
            touchpoints,
            responses,
            people => people.iter().map(|p| context! { id => p.id.clone(), name => p.name.clone() }).collect::<Vec<_>>(),
            stages => followup_core::Stage::WORDS.to_vec(),
            cultures => followup_core::Culture::WORDS.to_vec(),
            kinds => followup_core::RoundKind::WORDS.to_vec(),
            roles => followup_core::ContactRole::WORDS.to_vec(),
        },
    )
}

#[derive(Deserialize)]
pub struct ResponseForm {
    outcome: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
    /// When it came; empty means now.
    #[serde(default)]
    when: String,
}

pub async fn add_response(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<ResponseForm>,
) -> PageResult {
    let zone = profile_zone(&state).await?;
    record_response(
        &state.store(),
        &id,
        NewResponse {
            outcome: &form.outcome,
            from: Some(&form.from),
            at: Some(&form.when),
            decision: Some(&form.decision),
            note: Some(&form.note),
        },
        &ResponseFields {
            outcome: "outcome",
            from: "from",
            at: "when",
            decision: "decision",
            note: "note",
        },
        &state.now().to_zoned(zone),
    )
    .await?;
    Ok(Redirect::to(&format!("/apps/{id}")).into_response())
}

/// The application as SPEC §5 JSON, as `followup export` writes it.
pub async fn export_json(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let file = state.store().load(&id).await?;
    let disposition = format!("attachment; filename=\"{}.json\"", file.application.id);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file.to_json_pretty(),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ImportForm {
    json: String,
}

/// An application pasted as SPEC §5 JSON, as `followup import` reads it: ids already taken
/// are renamed, and all of it lands or none.
pub async fn import_json(
    State(state): State<AppState>,
    CheckedForm(form): CheckedForm<ImportForm>,
) -> PageResult {
    let file = ApplicationFile::from_json("the pasted JSON", &form.json)?;
    let zone = profile_zone(&state).await?;
    let report = state
        .store()
        .import(&file, Moment::in_zone(state.now(), &zone))
        .await?;
    Ok(Redirect::to(&format!("/apps/{}", report.application)).into_response())
}

#[derive(Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    token: String,
}

pub async fn calendar_feed(
    State(state): State<AppState>,
    Query(q): Query<FeedQuery>,
) -> PageResult {
    // On a shared database each account has its own secret, named with the account's number
    // (the guard acts for the account the token names).
    // A feed is only read here, never begun: a guessed account number with no secret, or no
    // account at all, is the same 404.
    let expected = match state.store().owner() {
        Some(id) if state.is_shared() => match state.store().meta("calendar_token").await {
            Ok(Some(secret)) => format!("{id}.{secret}"),
            _ => return Ok(not_found().await.into_response()),
        },
        _ if state.is_shared() => return Ok(not_found().await.into_response()),
        _ => state.settings().calendar_token.clone(),
    };
    let matches = expected.len() == q.token.len()
        && expected
            .bytes()
            .zip(q.token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !matches {
        return Ok(not_found().await.into_response());
    }
    let now = state.now();
    let zone = profile_zone(&state).await?;
    let items = state.store().agenda(now, Timestamp::MAX).await?;
    let body = crate::calendar::ics(&items, now, &zone);
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/compose.js"),
    )
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/app.css"),
    )
}

pub async fn not_found() -> impl IntoResponse {
    PageError {
        status: StatusCode::NOT_FOUND,
        message: "There is no such page.".into(),
        hint: Some("Start again from Today.".into()),
    }
}

/// A new round from the application page: when, what kind, and up to four people.
#[derive(Deserialize)]
pub struct NewRound {
    kind: String,
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    name1: String,
    #[serde(default)]
    role1: String,
    #[serde(default)]
    email1: String,
    #[serde(default)]
    name2: String,
    #[serde(default)]
    role2: String,
    #[serde(default)]
    email2: String,
    #[serde(default)]
    name3: String,
    #[serde(default)]
    role3: String,
    #[serde(default)]
    email3: String,
    #[serde(default)]
    name4: String,
    #[serde(default)]
    role4: String,
    #[serde(default)]
    email4: String,
}

pub async fn add_round(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<NewRound>,
) -> PageResult {
    use followup_core::when::{end_after, parse_moment, round_length};
    use followup_core::{Interview, Interviewer};
    let file = state.store().load(&id).await?;
    let zone = profile_zone(&state).await?;
    let now = state.now().to_zoned(zone.clone());
    let kind = word("kind", &form.kind)?;
    let start = parse_moment("start", &form.start, &now, &zone)?;
    let length = round_length("duration", &form.duration)?;
    let decision = match form.decision.trim() {
        "" => None,
        d => Some(parse_decision("decision", d, &now, &zone)?),
    };
    let rows = [
        (&form.name1, &form.role1, &form.email1),
        (&form.name2, &form.role2, &form.email2),
        (&form.name3, &form.role3, &form.email3),
        (&form.name4, &form.role4, &form.email4),
    ];
    let mut people = Vec::new();
    for (n, (name, role, email)) in rows.into_iter().enumerate() {
        let field = format!("person {}", n + 1);
        if name.trim().is_empty() {
            if !email.trim().is_empty() {
                return Err(InputError::invalid(
                    format!("{field} name"),
                    "",
                    "an address without a name",
                    "give the person's name too",
                )
                .into());
            }
            continue;
        }
        let mut person = Interviewer::named(name);
        for (key, value) in [("name", name), ("role", role), ("email", email)] {
            person.set_field(&field, key, value)?;
        }
        people.push(person);
    }
    let round = Interview {
        id: String::new(),
        kind,
        start,
        end: Some(end_after("duration", start, length, &zone)?),
        timezone: zone.iana_name().map(str::to_string),
        decision_expected_by: decision,
        personal_rapport: false,
        interviewers: people,
    };
    state
        .store()
        .save_round(&file.application.id, &round)
        .await?;
    Ok(Redirect::to(&format!("/apps/{id}")).into_response())
}
