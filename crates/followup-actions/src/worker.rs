//! The worker: it delivers each queued email at its time and reads replies on a schedule,
//! for `followup run` and inside `followup serve`. One process at a time acts for a data
//! directory (the store's lease); the others wait and take over when it stops.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use followup_mail::config::MailConfig;
use followup_mail::imap::Waited;
use followup_mail::outbox::{self, CrashPoint, Delivery, Settled};
use followup_mail::sync::SyncReport;
use followup_store::{LeaseHolder, OutboxEntry, OutboxState, Store};
use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;

use crate::digest::{DigestSent, send_digest_if_due};
use crate::replies::with_held_check_ins;
use crate::{ActionsError, RepliesRead, imap_of, sender_of, sent_copy, smtp_of};

/// How long the lease lasts unless renewed: a killed worker blocks the next one this long.
pub const LEASE: SignedDuration = SignedDuration::from_secs(30);
/// How often a waiting or idle worker looks again (and renews its lease).
const TICK: SignedDuration = SignedDuration::from_secs(5);
/// The longest wait after reading replies failed again and again.
const MAX_BACKOFF: SignedDuration = SignedDuration::from_mins(60);
/// How long one IDLE lasts before it is begun again: well under the 29 minutes after which a
/// server may drop a client that says nothing, and short enough that a lost lease or a
/// connection that died in the laptop's sleep is noticed within minutes.
const IDLE_FOR: std::time::Duration = std::time::Duration::from_secs(5 * 60);
/// The least time between two readings that new mail set off, so a burst of mail (or a
/// server that chatters) is read in one go.
const READ_GAP: SignedDuration = SignedDuration::from_secs(10);

/// Something the user should do for the worker to do its work.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "notice", rename_all = "kebab-case")]
pub enum Notice {
    /// Emails wait, but the profile has no address to send them from.
    NoSender { waiting: usize },
    /// Copies were asked for, but the mailbox has no Sent folder.
    NoSentFolder,
    /// Email `id` was left `sending` by an interruption and may have gone out.
    Unsettled { id: i64, reason: String },
    /// Today's digest could not be sent.
    DigestFailed { reason: String },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::NoSender { waiting } => write!(
                f,
                "{waiting} email(s) wait in the outbox, but profile.email is not set: set it with `followup profile set --email …`"
            ),
            Notice::NoSentFolder => f.write_str(
                "the mailbox has no Sent folder to file copies in; set one with `followup mail set --sent-folder NAME`",
            ),
            Notice::DigestFailed { reason } => write!(f, "{reason}"),
            Notice::Unsettled { id, reason } => write!(
                f,
                "outbox {id} may have gone out ({reason}); it is not sent again. Check your Sent folder, then `followup outbox resolve {id} --sent` or `--not-sent`."
            ),
        }
    }
}

/// What one pass did.
#[derive(Debug, Default)]
pub struct PassReport {
    /// Emails an interruption had left `sending`, found in the Sent folder.
    pub found_sent: Vec<(i64, String)>,
    /// Each email that was due, with what became of it.
    pub deliveries: Vec<(OutboxEntry, Delivery)>,
    pub notices: Vec<Notice>,
    /// Today's digest, when this pass sent it.
    pub digest: Option<DigestSent>,
    /// What reading replies found: None when this pass did not read them.
    pub replies: Option<Result<RepliesRead, ActionsError>>,
}

impl PassReport {
    /// Whether anything happened worth telling.
    pub fn is_empty(&self) -> bool {
        self.found_sent.is_empty()
            && self.deliveries.is_empty()
            && self.notices.is_empty()
            && self.digest.is_none()
            && self
                .replies
                .as_ref()
                .is_none_or(|r| r.as_ref().is_ok_and(|s| s.report.entries.is_empty()))
    }
}

/// One pass: deliver what is due at `now` and send the digest when its time has come; when
/// `read` says so, also settle emails an interruption left `sending` and read replies.
/// Reading replies failing does not stop the deliveries; it is in the report.
pub async fn pass(
    store: &Store,
    config: &MailConfig,
    now: Timestamp,
    read: bool,
    crash_at: Option<CrashPoint>,
) -> Result<PassReport, ActionsError> {
    let mut report = PassReport::default();
    let Some(profile) = store.profile().await? else {
        return Err(followup_core::InputError::invalid(
            "profile",
            "",
            "there is no profile yet: the worker sends as you",
            "set it up with: followup profile set --name … --email … --timezone …",
        )
        .into());
    };
    let zone = followup_core::validate::time_zone("profile.timezone", &profile.timezone)?;
    // Without an address there is no one to send as: the emails wait, and the user is told.
    let sender = match profile.email {
        Some(_) => Some(sender_of(&profile, config, &zone)?),
        None => None,
    };
    let due = store.due_emails(now).await?;
    // Emails an interruption left `sending` are looked for in the Sent folder when replies
    // are read, not on every tick: the mailbox is not logged into every few seconds.
    let stuck = read && !store.outbox(&[OutboxState::Sending]).await?.is_empty();
    let wants_copy = !due.is_empty() && config.imap.as_ref().is_some_and(|i| i.save_sent);
    // The mailbox is opened only when this pass needs it.
    let (mut imap, imap_error) = if read || stuck || wants_copy {
        match imap_of(config).await {
            Ok(account) => (account, None),
            Err(e) => (None, Some(e)),
        }
    } else {
        (None, None)
    };
    match &sender {
        None => {
            let waiting = store
                .outbox(&[OutboxState::Queued, OutboxState::Sending])
                .await?
                .len();
            if waiting > 0 {
                report.notices.push(Notice::NoSender { waiting });
            }
        }
        Some(sender) => {
            if stuck {
                let settled = outbox::reconcile(
                    store,
                    imap.as_mut()
                        .map(|a| (&mut a.imap, a.sent_folder.as_deref())),
                    sender,
                )
                .await?;
                for s in settled {
                    match s {
                        Settled::FoundSent { id, folder } => report.found_sent.push((id, folder)),
                        Settled::Unsettled { id, reason } => {
                            report.notices.push(Notice::Unsettled { id, reason })
                        }
                    }
                }
            }
            if !due.is_empty() {
                let smtp = smtp_of(config)?;
                let mut copy = sent_copy(&mut imap).await?;
                if wants_copy && copy.is_none() {
                    report.notices.push(Notice::NoSentFolder);
                }
                for entry in due {
                    let delivery = match outbox::deliver(
                        store,
                        &smtp,
                        sender,
                        &entry,
                        now,
                        crash_at,
                        copy.as_mut(),
                    )
                    .await
                    {
                        Ok(d) => d,
                        // An email that can never be built (an address gone bad) fails on its
                        // own instead of blocking the others on every pass.
                        Err(e) if e.is_input() => {
                            store.mark_failed(entry.id, &e.to_string()).await?;
                            Delivery::Failed {
                                id: entry.id,
                                answer: e.to_string(),
                            }
                        }
                        Err(e) => return Err(e.into()),
                    };
                    report.deliveries.push((entry, delivery));
                }
            }
            if config.smtp.is_some() {
                match send_digest_if_due(store, config, now).await {
                    Ok(sent) => report.digest = sent,
                    Err(e) => report.notices.push(Notice::DigestFailed {
                        reason: e.to_string(),
                    }),
                }
            }
        }
    }
    if read {
        let read = match (imap.as_mut(), imap_error) {
            (_, Some(e)) => Err(e),
            (None, None) => Ok(SyncReport::default()),
            (Some(account), None) => followup_mail::sync::sync(
                store,
                &mut account.imap,
                profile.email.as_deref(),
                &zone,
                now,
            )
            .await
            .map_err(ActionsError::from),
        };
        report.replies = Some(match read {
            Ok(found) => Ok(with_held_check_ins(store, found, now).await),
            Err(e) => Err(e),
        });
    }
    if let Some(account) = imap {
        account.imap.logout().await;
    }
    Ok(report)
}

/// Where the worker's time comes from.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    Wall,
    /// A fixed moment, for tests and for `--now`.
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::Wall => Timestamp::now(),
            Clock::Fixed(at) => at,
        }
    }
}

/// How a worker runs.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// Where the mail settings are; read again on every pass, so a change in the web app's
    /// settings needs no restart.
    pub config_dir: PathBuf,
    /// What the worker calls itself to a process that finds the lease taken.
    pub who: String,
    /// How often replies are read.
    pub read_every: SignedDuration,
    pub clock: Clock,
    pub crash_at: Option<CrashPoint>,
    /// How long the lease lasts unless renewed ([`LEASE`]; shorter in crash tests).
    pub lease: SignedDuration,
}

/// What the worker tells its shell as it goes; the shell owns it, to show it when it can.
#[derive(Debug)]
pub enum WorkerEvent {
    /// Another process holds the lease; this one waits and takes over when it stops.
    Waiting(LeaseHolder),
    /// The lease is this worker's now (after waiting for it).
    TookOver,
    /// A pass that did something (or failed to read replies).
    Pass(PassReport),
    /// A pass failed; the next try is in `retry_in`.
    Failed {
        error: ActionsError,
        retry_in: SignedDuration,
    },
}

/// A worker for one store. Ring its bell (`Worker::bell`) when an email is queued, so it looks
/// at once instead of at its next tick.
pub struct Worker {
    store: Store,
    settings: WorkerSettings,
    holder: String,
    bell: Arc<Notify>,
    /// Whether this worker holds the lease: only then does it watch the mailbox.
    holding: AtomicBool,
    /// Set when the mailbox says mail came: replies are read at once, not on the schedule.
    mail_came: AtomicBool,
    /// Rung with it: wakes the worker without cutting short a wait after a failed pass.
    mail_bell: Notify,
}

impl Worker {
    pub fn new(store: Store, settings: WorkerSettings) -> Worker {
        // Unique across processes and across restarts of one pid.
        let holder = format!(
            "{}-{}",
            std::process::id(),
            Timestamp::now().as_nanosecond()
        );
        Worker {
            store,
            settings,
            holder,
            bell: Arc::new(Notify::new()),
            holding: AtomicBool::new(false),
            mail_came: AtomicBool::new(false),
            mail_bell: Notify::new(),
        }
    }

    /// Rung when something is queued: the worker looks again at once.
    pub fn bell(&self) -> Arc<Notify> {
        self.bell.clone()
    }

    /// One pass now, if no other process is the worker: Err names the one that is.
    pub async fn once(&self) -> Result<PassReport, ActionsError> {
        if let Some(other) = self.take_lease().await? {
            return Err(ActionsError::WorkerBusy { who: other.who });
        }
        let config = MailConfig::load(&self.settings.config_dir);
        let result = match config {
            Ok(config) => {
                pass(
                    &self.store,
                    &config,
                    self.settings.clock.now(),
                    true,
                    self.settings.crash_at,
                )
                .await
            }
            Err(e) => Err(e.into()),
        };
        self.release().await;
        result
    }

    /// Works until the task is dropped: deliveries at their time, replies every
    /// `read_every` (backing off while reading fails) and as soon as they come where the
    /// server offers IDLE, the lease renewed as it goes.
    pub async fn run(&self, tell: impl FnMut(WorkerEvent)) {
        tokio::join!(self.work(tell), self.watch_inbox());
    }

    async fn work(&self, mut tell: impl FnMut(WorkerEvent)) {
        let mut waiting = false;
        let mut last_read = Timestamp::MIN;
        let mut next_read = Timestamp::now();
        // After a failed pass, nothing is tried again before this (unless the bell rings).
        let mut resume_at = Timestamp::now();
        let mut failures: u32 = 0;
        // What was last told, so that a standing notice is told once, not on every pass.
        let mut told: Vec<Notice> = Vec::new();
        loop {
            let wall = Timestamp::now();
            match self.take_lease().await {
                Ok(Some(other)) => {
                    self.holding.store(false, Ordering::SeqCst);
                    if !waiting {
                        tell(WorkerEvent::Waiting(other));
                        waiting = true;
                    }
                    self.sleep(self.tick()).await;
                    continue;
                }
                Ok(None) if waiting => {
                    self.holding.store(true, Ordering::SeqCst);
                    tell(WorkerEvent::TookOver);
                    waiting = false;
                    next_read = wall;
                    resume_at = wall;
                }
                Ok(None) => self.holding.store(true, Ordering::SeqCst),
                Err(error) => {
                    tell(WorkerEvent::Failed {
                        error,
                        retry_in: self.tick(),
                    });
                    self.sleep(self.tick()).await;
                    continue;
                }
            }
            if wall < resume_at {
                if self.sleep(resume_at.duration_since(wall)).await {
                    resume_at = wall;
                }
                continue;
            }
            if self.mail_came.swap(false, Ordering::SeqCst) {
                next_read = next_read.min(last_read.saturating_add(READ_GAP).unwrap_or(wall));
            }
            let now = self.settings.clock.now();
            let read = wall >= next_read;
            if read {
                last_read = wall;
            }
            let result = match MailConfig::load(&self.settings.config_dir) {
                // Nothing set up yet: look again later, the settings may change.
                Ok(config) if config.smtp.is_none() && config.imap.is_none() => Ok(None),
                Ok(config) => pass(&self.store, &config, now, read, self.settings.crash_at)
                    .await
                    .map(Some),
                Err(e) => Err(ActionsError::from(e)),
            };
            match result {
                Ok(None) => {}
                Ok(Some(mut report)) => {
                    let standing = report.notices.clone();
                    report.notices.retain(|n| !told.contains(n));
                    told = standing;
                    if read {
                        failures = match &report.replies {
                            Some(Err(_)) => failures + 1,
                            _ => 0,
                        };
                        let wait = match failures {
                            0 => self.settings.read_every,
                            n => backoff(n),
                        };
                        next_read = wall.saturating_add(wait).unwrap_or(wall);
                    }
                    if !report.is_empty() {
                        tell(WorkerEvent::Pass(report));
                    }
                }
                Err(error) => {
                    failures += 1;
                    let retry_in = backoff(failures);
                    resume_at = wall.saturating_add(retry_in).unwrap_or(wall);
                    next_read = resume_at;
                    tell(WorkerEvent::Failed { error, retry_in });
                    continue;
                }
            }
            // Wake for the next email due, or to read replies, or to renew the lease. An email
            // already due that the pass left queued (no sender yet) waits for the tick.
            let mut wake = self.tick();
            let now = self.settings.clock.now();
            if let Ok(Some(at)) = self.store.next_due().await
                && at > now
            {
                wake = wake.min(at.duration_since(now));
            }
            wake = wake.min(next_read.duration_since(Timestamp::now()));
            self.sleep(wake).await;
        }
    }

    /// While this worker holds the lease, waits in IDLE on the inbox of the account set up
    /// and rings the bell when mail comes. Silent: reading on the schedule reports what
    /// fails. Where the server offers no IDLE, the schedule alone reads.
    async fn watch_inbox(&self) {
        let mut failures: u32 = 0;
        let pause = |length: SignedDuration| tokio::time::sleep(length.unsigned_abs());
        loop {
            if !self.holding.load(Ordering::SeqCst) {
                pause(self.tick()).await;
                continue;
            }
            let config = match MailConfig::load(&self.settings.config_dir) {
                Ok(config) => config,
                Err(_) => {
                    pause(SignedDuration::from_mins(1)).await;
                    continue;
                }
            };
            let mut imap = match imap_of(&config).await {
                Ok(Some(account)) => account.imap,
                // Nothing set up yet: the settings may change.
                Ok(None) => {
                    pause(SignedDuration::from_mins(1)).await;
                    continue;
                }
                Err(_) => {
                    failures += 1;
                    pause(backoff(failures)).await;
                    continue;
                }
            };
            match imap.can_idle().await {
                Ok(true) => {}
                Ok(false) => {
                    imap.logout().await;
                    // Asked again in an hour, in case the account in the settings changed.
                    pause(MAX_BACKOFF).await;
                    continue;
                }
                Err(_) => {
                    failures += 1;
                    pause(backoff(failures)).await;
                    continue;
                }
            }
            // What came while nobody watched is read now.
            self.mail_came.store(true, Ordering::SeqCst);
            self.mail_bell.notify_one();
            let mut count = None;
            loop {
                match imap
                    .idle(followup_mail::sync::INBOX, IDLE_FOR, &mut count)
                    .await
                {
                    Ok((back, waited)) => {
                        failures = 0;
                        imap = back;
                        if waited == Waited::NewMail {
                            self.mail_came.store(true, Ordering::SeqCst);
                            self.mail_bell.notify_one();
                        }
                        // Another account in the settings, or the lease gone: begin again.
                        let same = MailConfig::load(&self.settings.config_dir)
                            .is_ok_and(|now| now.imap == config.imap);
                        if !same || !self.holding.load(Ordering::SeqCst) {
                            imap.logout().await;
                            break;
                        }
                    }
                    Err(_) => {
                        failures += 1;
                        pause(backoff(failures)).await;
                        break;
                    }
                }
            }
        }
    }

    /// Gives the lease up, so the next worker need not wait for it to run out.
    pub async fn release(&self) {
        let _ = self.store.release_worker_lease(&self.holder).await;
    }

    async fn take_lease(&self) -> Result<Option<LeaseHolder>, ActionsError> {
        Ok(self
            .store
            .take_worker_lease(
                &self.holder,
                &self.settings.who,
                Timestamp::now(),
                self.settings.lease,
            )
            .await?)
    }

    /// How often the worker looks again: often enough to renew its lease in time.
    fn tick(&self) -> SignedDuration {
        TICK.min(self.settings.lease / 3)
            .max(SignedDuration::from_millis(100))
    }

    /// Sleeps `length` (at least a moment, at most a tick), or until a bell rings: true when
    /// something was queued. New mail wakes it too, but does not count: after a failed pass,
    /// the wait before the next try holds whatever comes in.
    async fn sleep(&self, length: SignedDuration) -> bool {
        let length = length
            .clamp(SignedDuration::from_millis(50), self.tick())
            .unsigned_abs();
        tokio::select! {
            _ = tokio::time::sleep(length) => false,
            _ = self.bell.notified() => true,
            _ = self.mail_bell.notified() => false,
        }
    }
}

/// How long to wait after `failures` failed tries in a row: one minute, doubling, at most an
/// hour.
fn backoff(failures: u32) -> SignedDuration {
    let minutes = 1_i64 << failures.saturating_sub(1).min(6);
    SignedDuration::from_mins(minutes).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_backs_off_from_a_minute_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|n| backoff(n).as_mins()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
