//! Fills a data directory with N applications for load tests of the web app:
//! `cargo run --release -p followup-web --example store_of -- N DIR NOW`.
//!
//! Each application has one round that ended somewhere in the 60 days before NOW, two or
//! three interviewers, and, for most, thank-yous already sent, so Today shows the realistic
//! mix of overdue, due and upcoming follow-ups a long job search has.

use std::path::PathBuf;

use followup_core::{ApplicationFile, Moment};
use followup_store::Store;
use jiff::Timestamp;

#[path = "generated/files.rs"]
mod files;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: store_of N DIR NOW(RFC 3339)";
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let dir = PathBuf::from(args.next().expect(usage));
    let now: Timestamp = Moment::parse_rfc3339(&args.next().expect(usage))
        .expect(usage)
        .timestamp();
    let store = Store::open(&dir).await.expect("the store opens");
    let files: Vec<ApplicationFile> = (1..=n).map(|i| files::file(i, now)).collect();
    for chunk in files.chunks(1000) {
        store
            .import_batch(chunk, Moment::in_zone(now, &jiff::tz::TimeZone::UTC))
            .await
            .expect("the import succeeds");
    }
    store.close().await;
    println!("{n} applications in {}", dir.display());
}
