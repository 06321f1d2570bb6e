//! The local web app: today's follow-ups, the applications by status, and each application's
//! rounds, people and plan, served from the binary on 127.0.0.1.
//!
//! Pages are rendered on the server (minijinja, escaping every value) and work without
//! JavaScript. Every change is a form POST carrying a CSRF token; every request must name our
//! own host ([`security`]). The handlers are thin: they call the store and the planner, as the
//! CLI does.
//!
//! On a shared database (issue 19) many people sign in with their email and password; each
//! request is served with the store of the person whose session it carries ([`AppState::store`]),
//! and what is kept between requests is kept per person.

mod admin;
pub mod calendar;
mod coach;
mod compose;
mod debrief;
mod edit;
mod inbox;
mod insights;
pub mod login;
mod notify;
mod pages;
pub mod report;
pub mod security;
mod settings;
mod visits;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use followup_store::{Store, StoreError};
use jiff::Timestamp;
use minijinja::Environment;

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Host names the server answers to, beyond 127.0.0.1, localhost and [::1].
    pub extra_hosts: Vec<String>,
    /// The secret in the calendar feed's URL (`/calendar.ics?token=…`).
    pub calendar_token: String,
    /// A fixed "now" (`--now`), for trying the app at another moment and for tests.
    pub now: Option<Timestamp>,
    /// Where the user's templates and mail settings live.
    pub config_dir: std::path::PathBuf,
    /// The argon2 hash of the password that opens the app, when it is reachable from other
    /// machines; None on 127.0.0.1, where nobody else can connect.
    pub password_hash: Option<String>,
    /// The locale to write and check in when the profile names none (the shell's `LANG`).
    pub locale: followup_core::Locale,
    /// On a shared database, the key the accounts' mail passwords are sealed with
    /// (`FOLLOWUP_SERVER_KEY`); None where there is none.
    pub server_key: Option<Arc<followup_mail::sealed::ServerKey>>,
}

tokio::task_local! {
    /// The store of the person a request is for, on a shared database: set by the guard
    /// around the handler, so every handler's `state.store()` is theirs.
    static ACTING: Store;
    /// Who is signed in, on a shared database.
    static SIGNED_IN: SignedIn;
}

/// Who a request on a shared database comes from, and whose search they read.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The account (without the seekers a coach reads: the coach's pages ask for them).
    pub user: followup_store::User,
    /// A coach reading an assigned seeker's search: the seeker.
    pub reading: Option<followup_store::User>,
    /// The change counter of the account's own data, read with the session, when the request
    /// acts for the account itself.
    pub generation: Option<i64>,
}

/// Runs `future` (a request's handler) with `store` as the store it works on.
pub(crate) async fn acting_as<F: std::future::Future>(store: Store, future: F) -> F::Output {
    ACTING.scope(store, future).await
}

/// Runs `future` for `signed_in`, with `store` as the store it works on.
pub(crate) async fn signed_in_as<F: std::future::Future>(
    signed_in: SignedIn,
    store: Store,
    future: F,
) -> F::Output {
    SIGNED_IN
        .scope(signed_in, ACTING.scope(store, future))
        .await
}

/// Who is signed in, on a shared database.
pub(crate) fn signed_in() -> Option<SignedIn> {
    SIGNED_IN.try_with(SignedIn::clone).ok()
}

/// How many people's pages are kept at most; past it the kept pages start afresh.
const KEPT_PEOPLE: usize = 2_000;

struct Inner {
    store: Store,
    settings: WebSettings,
    templates: Environment<'static>,
    door: Option<login::Door>,
    /// The last page rendered of each kind that holds no form (Today, Insights, the report),
    /// with what it was asked (its query), under the store's agenda generation and the minute.
    /// On a shared database, kept per account and per reader (a coach reading a seeker's
    /// Today sees a page that says so).
    cached: std::sync::Mutex<std::collections::HashMap<PageKey, CachedPage>>,
    /// Every application's board line, under the store's agenda generation: the board filters
    /// and counts them all on each visit without reading ten thousand rows again.
    board: std::sync::Mutex<std::collections::HashMap<Option<i64>, BoardCache>>,
    /// The in-process worker's bell, rung when an email is queued so it looks at once.
    worker_bell: std::sync::OnceLock<Arc<tokio::sync::Notify>>,
    /// On a shared database, what signed-in requests' first questions answered.
    visits: Arc<visits::Visits>,
}

/// A kept page: which, whose data, and who reads it.
type PageKey = (&'static str, Option<i64>, Option<i64>);

/// The board lines kept, under the generation they were read at.
type BoardCache = (i64, Arc<Vec<followup_store::BoardRow>>);

/// What a cached page depends on: the store's agenda generation and the minute.
type TodayKey = (i64, i64);

/// A page kept: the query it answered, when, and its HTML.
type CachedPage = (String, TodayKey, bytes::Bytes);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    pub fn new(store: Store, settings: WebSettings) -> AppState {
        let door = settings.password_hash.clone().map(login::Door::new);
        AppState(Arc::new(Inner {
            store,
            door,
            settings,
            templates: pages::templates(),
            cached: std::sync::Mutex::new(std::collections::HashMap::new()),
            board: std::sync::Mutex::new(std::collections::HashMap::new()),
            worker_bell: std::sync::OnceLock::new(),
            visits: Arc::default(),
        }))
    }

    /// The app with a worker running beside it in this process, which `bell` wakes.
    pub fn with_worker_bell(self, bell: Arc<tokio::sync::Notify>) -> AppState {
        let _ = self.0.worker_bell.set(bell);
        self
    }

    /// Whether a worker runs in this process (else queued email waits for `followup run`).
    pub fn has_worker(&self) -> bool {
        self.0.worker_bell.get().is_some()
    }

    /// Tells the worker in this process, if any, that something was queued.
    pub fn ring_worker(&self) {
        if let Some(bell) = self.0.worker_bell.get() {
            bell.notify_one();
        }
    }

    /// The store this request works on: on a shared database, that of the person signed in
    /// (or acting for no one before sign-in); else the one store.
    pub fn store(&self) -> Store {
        ACTING
            .try_with(Store::clone)
            .unwrap_or_else(|_| self.0.store.clone())
    }

    /// The shared database itself, acting for no one: accounts and sign-in.
    pub fn server(&self) -> &Store {
        &self.0.store
    }

    /// On a shared database, what signed-in requests' first questions answered, kept while
    /// the database's news says it holds.
    pub(crate) fn visits(&self) -> &Arc<visits::Visits> {
        &self.0.visits
    }

    /// The mail settings this request works with: the signed-in account's on a shared
    /// database, else the config directory's.
    pub async fn mail_config(&self) -> Result<followup_mail::config::MailConfig, pages::PageError> {
        if self.is_shared() {
            Ok(followup_actions::account_mail::load_account_mail(
                &self.store(),
                self.0.settings.server_key.as_deref(),
            )
            .await?)
        } else {
            Ok(followup_mail::config::MailConfig::load(
                &self.0.settings.config_dir,
            )?)
        }
    }

    /// The store's change counter, which what is kept is kept under: read with the session
    /// when the guard did, else asked for.
    pub async fn generation(&self) -> Result<i64, StoreError> {
        match signed_in().and_then(|s| s.generation) {
            Some(generation) => Ok(generation),
            None => self.store().agenda_generation().await,
        }
    }

    /// Whether many people share this server's database, each signing in with their own
    /// email and password.
    pub fn is_shared(&self) -> bool {
        self.0.store.backend() == followup_store::Backend::Postgres
    }

    pub fn now(&self) -> Timestamp {
        self.0.settings.now.unwrap_or_else(Timestamp::now)
    }

    pub fn settings(&self) -> &WebSettings {
        &self.0.settings
    }

    /// What asks for the password, when one is needed.
    pub fn door(&self) -> Option<&login::Door> {
        self.0.door.as_ref()
    }

    fn templates(&self) -> &Environment<'static> {
        &self.0.templates
    }

    /// The page kept for `page` asked with `query`, if nothing it shows has changed since.
    fn cached_page(&self, page: &str, query: &str, key: TodayKey) -> Option<bytes::Bytes> {
        let cache = self.0.cached.lock().ok()?;
        cache
            .get(&(page, self.store().owner(), self.store().actor()))
            .filter(|(q, k, _)| q == query && *k == key)
            .map(|(_, _, html)| html.clone())
    }

    /// Keeps a page; one per kind, so a page asked many ways holds one copy, the last.
    fn cache_page(&self, page: &'static str, query: &str, key: TodayKey, html: bytes::Bytes) {
        if let Ok(mut cache) = self.0.cached.lock() {
            if cache.len() >= KEPT_PEOPLE {
                cache.clear();
            }
            let store = self.store();
            cache.insert(
                (page, store.owner(), store.actor()),
                (query.to_string(), key, html),
            );
        }
    }

    /// Every application's board line as the store holds it now.
    async fn board_rows(&self) -> Result<Arc<Vec<followup_store::BoardRow>>, StoreError> {
        let store = self.store();
        let generation = self.generation().await?;
        if let Ok(board) = self.0.board.lock()
            && let Some((g, rows)) = board.get(&store.owner())
            && *g == generation
        {
            return Ok(rows.clone());
        }
        // Read after the generation: a write in between moves it again, so these rows are
        // never kept under a generation older than they are.
        let rows = Arc::new(store.board_rows().await?);
        if let Ok(mut board) = self.0.board.lock() {
            if board.len() >= KEPT_PEOPLE {
                board.clear();
            }
            board.insert(store.owner(), (generation, rows.clone()));
        }
        Ok(rows)
    }

    /// Whether a request naming `host` (lower-case, without port) is for us.
    pub fn allows_host(&self, host: &str) -> bool {
        matches!(host, "127.0.0.1" | "localhost" | "::1")
            || self
                .0
                .settings
                .extra_hosts
                .iter()
                .any(|h| h.eq_ignore_ascii_case(host))
    }
}

/// Every route, behind the Host guard and the security headers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::today))
        .route(
            "/apps",
            get(pages::applications).post(pages::add_application),
        )
        .route("/apps/import", post(pages::import_json))
        .route("/apps/{id}", get(pages::application))
        .route("/apps/{id}/export.json", get(pages::export_json))
        .route("/apps/{id}/responses", post(pages::add_response))
        .route("/apps/{id}/edit", post(edit::edit_application))
        .route("/apps/{id}/archive", post(edit::archive_application))
        .route("/apps/{id}/rounds", post(pages::add_round))
        .route("/apps/{id}/rounds/{round}", post(edit::edit_round))
        .route(
            "/apps/{id}/rounds/{round}/people/{person}",
            post(edit::edit_person),
        )
        .route(
            "/apps/{id}/rounds/{round}/people/{person}/remove",
            post(edit::remove_person),
        )
        .route(
            "/apps/{id}/compose/{action}",
            get(compose::compose_page).post(compose::compose_post),
        )
        .route(
            "/apps/{id}/compose/{action}/check",
            post(compose::check_json),
        )
        .route("/apps/{id}/compose/{action}/eml", get(compose::eml))
        .route("/apps/{id}/compose/{action}/card", get(compose::print_view))
        .route("/inbox", get(inbox::inbox_page))
        .route("/inbox/sync", post(inbox::sync_now))
        .route("/inbox/{n}/accept", post(inbox::accept))
        .route("/inbox/{n}/dismiss", post(inbox::dismiss))
        .route("/outbox/{n}/settle", post(inbox::settle))
        .route("/outbox/{n}/withdraw", post(inbox::withdraw))
        .route("/outbox/{n}/seen", post(inbox::seen))
        .route("/insights", get(insights::insights_page))
        .route("/report", get(insights::report))
        .route("/settings", get(settings::settings_page))
        .route("/settings/profile", post(settings::save_profile))
        .route("/settings/planning", post(settings::save_planning))
        .route("/settings/mail", post(settings::save_mail))
        .route(
            "/settings/templates/{name}",
            get(settings::template_page).post(settings::save_template),
        )
        .route("/calendar.ics", get(pages::calendar_feed))
        .route("/login", get(login::login_page).post(login::login))
        .route("/admin", get(admin::accounts_page))
        .route("/admin/users", post(admin::add_account))
        .route("/admin/assign", post(admin::assign))
        .route("/admin/remove", post(admin::remove))
        .route("/seekers", get(coach::seekers_page))
        .route("/seekers/read", post(coach::read_seeker))
        .route("/seekers/stop", post(coach::stop_reading))
        .route(
            "/apps/{id}/compose/{action}/comments",
            post(coach::add_comment),
        )
        .route("/logout", post(login::logout))
        .route("/logout-everywhere", post(login::logout_everywhere))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/static/compose.js", get(pages::script))
        .route("/static/notify.js", get(notify::script))
        .route("/due.json", get(notify::due_now))
        .route("/preview-detail", get(debrief::preview_detail))
        .route("/static/debrief.js", get(debrief::script))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

/// Serves until the task is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}
