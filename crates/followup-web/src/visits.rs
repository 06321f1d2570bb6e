//! What a signed-in request's first question answered on a shared database (whose session it
//! is, until when, and the account's change counter), kept between requests for as long as
//! the database tells this server of every change to accounts.
//!
//! Asking the database at every request costs a round trip that is most of a kept page's
//! time. Instead this server listens on the database's account news (migration 0005): any
//! change to an account's pages, sessions or the account itself makes it forget what it kept
//! of that account, so the next request asks again. While it is not listening (starting,
//! or after losing the connection), nothing kept is trusted and every request asks. What is
//! kept also lapses with its session and after [`LONGEST_KEPT`], which bounds what a
//! connection that died without a word could hide.
//!
//! News arrives a moment after its change is committed. For a browser's own changes that
//! moment is not left to chance: a request that may change something marks the browser
//! ([`FRESH_COOKIE`]), and its next request, on whichever server, asks the database itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use followup_store::{News, Store, Visit};
use jiff::Timestamp;

/// The cookie that tells any server to ask the database, not what it kept: set by a request
/// that may have changed something, cleared by the next.
pub const FRESH_COOKIE: &str = "followup_fresh";

/// The longest an answer is kept.
const LONGEST_KEPT: Duration = Duration::from_secs(30);

/// How many sessions' answers are kept at most; past it the keeping starts afresh.
const MOST_KEPT: usize = 20_000;

/// How long to wait before listening again after the connection failed.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// The answers kept, and the listener that keeps them true.
#[derive(Default)]
pub(crate) struct Visits {
    kept: Mutex<Kept>,
    listener: OnceLock<tokio::task::AbortHandle>,
}

#[derive(Default)]
struct Kept {
    /// Whether news is heard now.
    listening: bool,
    /// How many events (news, starting to listen, losing the connection) there were: each
    /// is numbered by the count after it.
    events: u64,
    /// The number of the last time listening began: answers asked for before it may be older
    /// than news that was missed.
    began: u64,
    /// The number of each account's last news.
    last_news: HashMap<i64, u64>,
    /// Each account's kept answers, by session key.
    answers: HashMap<i64, Vec<Answer>>,
    count: usize,
}

struct Answer {
    key: String,
    visit: Visit,
    asked: Instant,
}

/// Where an answer was asked from: the count of events just before the question.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark(u64);

impl Visits {
    /// Starts listening for account news on `server`, once; the listener stops with the
    /// last handle on these visits.
    pub(crate) fn listen(self: &Arc<Self>, server: &Store) {
        self.listener.get_or_init(|| {
            tokio::spawn(listen(Arc::downgrade(self), server.clone())).abort_handle()
        });
    }

    /// What is kept for session `key` of account `id`, if it is still true at `now`.
    pub(crate) fn kept(&self, id: i64, key: &str, now: Timestamp) -> Option<Visit> {
        let kept = self.kept.lock().ok()?;
        if !kept.listening {
            return None;
        }
        kept.answers
            .get(&id)?
            .iter()
            .find(|a| a.key == key)
            .filter(|a| a.visit.until > now && a.asked.elapsed() < LONGEST_KEPT)
            .map(|a| a.visit.clone())
    }

    /// Marks the moment before the database is asked, for [`Visits::keep`].
    pub(crate) fn mark(&self) -> Mark {
        Mark(self.kept.lock().map_or(u64::MAX, |k| k.events))
    }

    /// Keeps the database's answer for session `key` of account `id`, asked after `mark`,
    /// unless news of the account, or of a lost connection, came since: the answer may then
    /// be older than the news.
    pub(crate) fn keep(&self, id: i64, key: &str, visit: &Visit, mark: Mark) {
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        let newer_news = kept.last_news.get(&id).is_some_and(|&n| n > mark.0);
        if !kept.listening || kept.began > mark.0 || newer_news {
            return;
        }
        if kept.count >= MOST_KEPT {
            kept.answers.clear();
            kept.count = 0;
        }
        let answers = kept.answers.entry(id).or_default();
        let before = answers.len();
        answers.retain(|a| a.key != key);
        let replaced = before - answers.len();
        answers.push(Answer {
            key: key.to_string(),
            visit: visit.clone(),
            asked: Instant::now(),
        });
        kept.count = kept.count + 1 - replaced;
    }

    /// Forgets what is kept of account `id` (its sessions ended here, or it was removed here:
    /// its news is not waited for).
    pub(crate) fn forget(&self, id: i64) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.heard(News::Account(id));
        }
    }

    fn began_listening(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.forget_all();
            kept.listening = true;
        }
    }

    fn heard(&self, news: News) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.heard(news);
        }
    }

    fn stopped_listening(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.forget_all();
            kept.listening = false;
        }
    }
}

impl Kept {
    fn heard(&mut self, news: News) {
        self.events += 1;
        match news {
            News::Account(id) => {
                let events = self.events;
                self.last_news.insert(id, events);
                if let Some(gone) = self.answers.remove(&id) {
                    self.count -= gone.len();
                }
            }
            News::Anything => self.forget_all(),
        }
    }

    fn forget_all(&mut self) {
        self.events += 1;
        // `began` now refuses every answer asked before this moment, whoever's, so no
        // account's last news is needed any more.
        self.began = self.events;
        self.answers.clear();
        self.last_news.clear();
        self.count = 0;
    }
}

impl Drop for Visits {
    fn drop(&mut self) {
        if let Some(listener) = self.listener.get() {
            listener.abort();
        }
    }
}

/// Hears the news for as long as `visits` is kept, listening again whenever the connection is
/// lost.
async fn listen(visits: Weak<Visits>, server: Store) {
    loop {
        if let Ok(mut news) = server.account_news().await {
            match visits.upgrade() {
                Some(visits) => visits.began_listening(),
                None => return,
            }
            loop {
                let heard = news.next().await;
                let Some(visits) = visits.upgrade() else {
                    return;
                };
                match heard {
                    Ok(news) => visits.heard(news),
                    Err(_) => {
                        visits.stopped_listening();
                        break;
                    }
                }
            }
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use followup_store::{Role, User};

    fn visit(generation: i64) -> Visit {
        Visit {
            user: User {
                id: 7,
                email: "ana@example.org".into(),
                role: Role::Seeker,
                seekers: Vec::new(),
            },
            generation,
            until: Timestamp::MAX,
        }
    }

    fn listening() -> Visits {
        let visits = Visits::default();
        visits.began_listening();
        visits
    }

    #[test]
    fn nothing_is_kept_while_not_listening() {
        let visits = Visits::default();
        let mark = visits.mark();
        visits.keep(7, "k", &visit(1), mark);
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), None);
    }

    #[test]
    fn an_answer_is_kept_until_news_of_its_account() {
        let visits = listening();
        visits.keep(7, "k", &visit(1), visits.mark());
        visits.keep(8, "k", &visit(1), visits.mark());
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), Some(visit(1)));
        assert_eq!(visits.kept(7, "other", Timestamp::UNIX_EPOCH), None);
        visits.heard(News::Account(7));
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), None);
        assert!(visits.kept(8, "k", Timestamp::UNIX_EPOCH).is_some());
        visits.heard(News::Anything);
        assert_eq!(visits.kept(8, "k", Timestamp::UNIX_EPOCH), None);
    }

    #[test]
    fn an_answer_asked_before_news_of_its_account_is_not_kept() {
        let visits = listening();
        let mark = visits.mark();
        visits.heard(News::Account(8));
        visits.keep(7, "k", &visit(1), mark);
        assert!(
            visits.kept(7, "k", Timestamp::UNIX_EPOCH).is_some(),
            "other news"
        );
        let mark = visits.mark();
        visits.heard(News::Account(7));
        visits.keep(7, "k", &visit(1), mark);
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), None);
        visits.forget(7);
        visits.keep(7, "k", &visit(2), visits.mark());
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), Some(visit(2)));
        visits.forget(7);
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), None);
    }

    #[test]
    fn a_lost_connection_forgets_everything_and_refuses_what_was_asked_before() {
        let visits = listening();
        visits.keep(7, "k", &visit(1), visits.mark());
        let mark = visits.mark();
        visits.stopped_listening();
        assert_eq!(visits.kept(7, "k", Timestamp::UNIX_EPOCH), None);
        visits.keep(7, "k", &visit(1), mark);
        visits.began_listening();
        visits.keep(7, "k", &visit(1), mark);
        assert_eq!(
            visits.kept(7, "k", Timestamp::UNIX_EPOCH),
            None,
            "asked before"
        );
        visits.keep(7, "k", &visit(1), visits.mark());
        assert!(visits.kept(7, "k", Timestamp::UNIX_EPOCH).is_some());
    }

    #[test]
    fn an_answer_lapses_with_its_session() {
        let visits = listening();
        let mut ending = visit(1);
        ending.until = Timestamp::from_second(100).unwrap();
        visits.keep(7, "k", &ending, visits.mark());
        assert!(
            visits
                .kept(7, "k", Timestamp::from_second(99).unwrap())
                .is_some()
        );
        assert_eq!(
            visits.kept(7, "k", Timestamp::from_second(100).unwrap()),
            None
        );
    }
}
