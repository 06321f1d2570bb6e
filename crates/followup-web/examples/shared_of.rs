//! Fills a shared PostgreSQL database with USERS job seekers of APPS applications each, and
//! signs each in once, for load tests of `serve` on a shared database:
//! `cargo run --release -p followup-web --example shared_of -- USERS APPS DATABASE_URL NOW SESSIONS`.
//!
//! The applications are those of `store_of` (a round in the 60 days before NOW, two
//! interviewers, most thanked), so every Today page holds a realistic mix. SESSIONS gets one
//! line per seeker, the cookie a browser signed in as them would send.

use followup_core::{ApplicationFile, Moment};
use followup_store::{Role, Store};
use followup_web::login::{hash_password, session_key};
use followup_web::security::random_token;
use jiff::{SignedDuration, Timestamp};

#[path = "generated/files.rs"]
mod files;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: shared_of USERS APPS DATABASE_URL NOW(RFC 3339) SESSIONS";
    let users: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let apps: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let url = args.next().expect(usage);
    let now: Timestamp = Moment::parse_rfc3339(&args.next().expect(usage))
        .expect(usage)
        .timestamp();
    let sessions_path = args.next().expect(usage);
    let server = Store::connect(&url).await.expect("the database opens");
    // One hash for every seeker: argon2 is slow on purpose.
    let hash = hash_password("a load test's passphrase").expect("a hash");
    let moment = Moment::in_zone(now, &jiff::tz::TimeZone::UTC);
    let mut sessions = String::new();
    for u in 1..=users {
        let user = server
            .add_user(&format!("seeker{u}@example.org"), Role::Seeker, &hash, now)
            .await
            .expect("a new account");
        let store = server.as_user(user.id).await.expect("the account's store");
        let files: Vec<ApplicationFile> = (1..=apps).map(|i| files::file(i, now)).collect();
        store
            .import_batch(&files, moment)
            .await
            .expect("the import succeeds");
        let token = format!("{}.{}", user.id, random_token());
        store
            .open_web_session(
                &session_key(&token),
                now,
                Timestamp::now() + SignedDuration::from_hours(24),
            )
            .await
            .expect("a session");
        sessions.push_str(&format!("followup_session={token}\n"));
    }
    std::fs::write(&sessions_path, sessions).expect("the sessions file is written");
    println!(
        "{users} seekers of {apps} applications each in {}",
        followup_store::redacted(&url)
    );
}
