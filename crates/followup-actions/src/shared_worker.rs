//! The worker of a shared database (issue 19): any number of `serve` processes over one
//! PostgreSQL database each run one, and together they deliver every account's outbox with
//! each email going out once. A worker leases a batch of due emails from the queue (`FOR
//! UPDATE SKIP LOCKED`: what another holds is skipped, not waited for), then sends each acting
//! for its owner, from the owner's profile through the owner's own mail server. A worker that
//! dies mid-batch loses its lease when it runs out and another takes the rest; the claim each
//! email makes before the server is contacted (`sending`, committed) keeps a late one from
//! going twice.
//!
//! Beside the deliveries, each worker goes round the accounts every `read_every`: an account
//! with a mailbox or a digest set up has its replies read, its interrupted emails settled and
//! its digest sent, by one worker per round (the first to claim the round in the account's
//! own data), under the account's own worker lease.

use std::collections::BTreeMap;
use std::sync::Arc;

use followup_mail::outbox::{self, Delivery};
use followup_mail::sealed::ServerKey;
use followup_store::{Leased, OutboxState, Store};
use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;

use crate::account_mail::load_account_mail;
use crate::worker::{Clock, PassReport, pass};
use crate::{ActionsError, sender_of, smtp_of};

/// How long a batch is a worker's before another may take what is left of it.
const LEASE: SignedDuration = SignedDuration::from_mins(2);
/// How many emails a worker takes at once.
const BATCH: i64 = 50;
/// The longest a worker sleeps without looking at the queue.
const TICK: SignedDuration = SignedDuration::from_secs(5);

/// What the worker tells its shell.
#[derive(Debug)]
pub enum SharedEvent {
    /// An email was handed to its owner's server (or refused by it).
    Delivered { owner: i64, delivery: Delivery },
    /// An account's emails cannot be sent as its settings stand (no profile address, no
    /// server, a password that does not open); they wait for the lease to run out.
    AccountWaits { owner: i64, error: ActionsError },
    /// An account's round: its replies read, its digest sent when due.
    Read { owner: i64, report: PassReport },
    /// Looking at the queue failed; the next look is in `retry_in`.
    Failed {
        error: ActionsError,
        retry_in: SignedDuration,
    },
}

/// One worker over a shared database.
pub struct SharedWorker {
    server: Store,
    key: Option<Arc<ServerKey>>,
    holder: String,
    bell: Arc<Notify>,
    clock: Clock,
    read_every: SignedDuration,
}

impl SharedWorker {
    /// A worker for `server` (the shared database, acting for no one), opening accounts'
    /// passwords with `key`.
    pub fn new(
        server: Store,
        key: Option<Arc<ServerKey>>,
        clock: Clock,
        read_every: SignedDuration,
    ) -> SharedWorker {
        SharedWorker {
            server,
            key,
            holder: format!(
                "{}-{}",
                std::process::id(),
                Timestamp::now().as_nanosecond()
            ),
            bell: Arc::new(Notify::new()),
            clock,
            read_every,
        }
    }

    /// Rung when an email is queued: the worker looks at once.
    pub fn bell(&self) -> Arc<Notify> {
        self.bell.clone()
    }

    /// One batch: leases what is due and sends it; how many were leased, and what happened.
    pub async fn pass(&self, tell: &mut impl FnMut(SharedEvent)) -> Result<usize, ActionsError> {
        let now = self.clock.now();
        let leased = self
            .server
            .lease_due_emails(&self.holder, now, LEASE, BATCH)
            .await?;
        let mut by_owner: BTreeMap<i64, Vec<Leased>> = BTreeMap::new();
        for l in &leased {
            by_owner.entry(l.owner).or_default().push(*l);
        }
        for (owner, emails) in by_owner {
            let store = self.server.as_user_unplanned(owner);
            if let Err(error) = self.send_for(&store, &emails, now, tell).await {
                tell(SharedEvent::AccountWaits { owner, error });
            }
        }
        Ok(leased.len())
    }

    /// Sends one account's leased emails from its profile through its own server.
    async fn send_for(
        &self,
        store: &Store,
        emails: &[Leased],
        now: Timestamp,
        tell: &mut impl FnMut(SharedEvent),
    ) -> Result<(), ActionsError> {
        let profile = store.profile().await?.ok_or_else(|| {
            followup_core::InputError::invalid(
                "profile",
                "",
                "the account has no profile yet: its emails are sent as its owner",
                "fill in the profile on the Settings page",
            )
        })?;
        let zone = followup_core::validate::time_zone("profile.timezone", &profile.timezone)?;
        let config = load_account_mail(store, self.key.as_deref()).await?;
        let sender = sender_of(&profile, &config, &zone)?;
        let smtp = smtp_of(&config)?;
        for leased in emails {
            let entry = store.outbox_entry(leased.id).await?;
            if entry.state != OutboxState::Queued {
                continue;
            }
            let delivery =
                match outbox::deliver(store, &smtp, &sender, &entry, now, None, None).await {
                    Ok(d) => d,
                    // An email that can never be built fails on its own.
                    Err(e) if e.is_input() => {
                        store.mark_failed(entry.id, &e.to_string()).await?;
                        Delivery::Failed {
                            id: entry.id,
                            answer: e.to_string(),
                        }
                    }
                    Err(e) => return Err(e.into()),
                };
            tell(SharedEvent::Delivered {
                owner: leased.owner,
                delivery,
            });
        }
        Ok(())
    }

    /// Works until the task is dropped: deliveries as they fall due, and a round of the
    /// accounts' mailboxes every `read_every`.
    pub async fn run(&self, mut tell: impl FnMut(SharedEvent)) {
        let (events, mut told) = tokio::sync::mpsc::unbounded_channel::<SharedEvent>();
        let deliveries = self.deliver(|e| {
            let _ = events.send(e);
        });
        let rounds = self.rounds(|e| {
            let _ = events.send(e);
        });
        let telling = async {
            while let Some(event) = told.recv().await {
                tell(event);
            }
        };
        tokio::join!(deliveries, rounds, telling);
    }

    /// A round of every account every `read_every`, from now.
    async fn rounds(&self, mut tell: impl FnMut(SharedEvent)) {
        loop {
            if let Err(error) = self.round(&mut tell).await {
                tell(SharedEvent::Failed {
                    error,
                    retry_in: self.read_every,
                });
            }
            tokio::time::sleep(self.read_every.unsigned_abs()).await;
        }
    }

    /// One round: each account with a mailbox or a digest set up, whose round this is not yet
    /// claimed by another worker, and whose lease no other process holds.
    pub async fn round(&self, tell: &mut impl FnMut(SharedEvent)) -> Result<(), ActionsError> {
        let now = self.clock.now();
        let every = self.read_every.as_secs().max(1);
        let round = (Timestamp::now().as_second() / every).to_string();
        for user in self.server.users().await? {
            let store = self.server.as_user_unplanned(user.id);
            let config = match load_account_mail(&store, self.key.as_deref()).await {
                Ok(c) if c.imap.is_none() && c.digest.is_none() => continue,
                Ok(c) => c,
                Err(error) => {
                    tell(SharedEvent::AccountWaits {
                        owner: user.id,
                        error,
                    });
                    continue;
                }
            };
            if !store.claim_meta("mail.round", &round).await? {
                continue;
            }
            let who = format!("followup serve (pid {})", std::process::id());
            if store
                .take_worker_lease(&self.holder, &who, Timestamp::now(), LEASE)
                .await?
                .is_some()
            {
                continue;
            }
            let result = pass(&store, &config, now, true, None).await;
            store.release_worker_lease(&self.holder).await?;
            match result {
                Ok(report) if !report.is_empty() => tell(SharedEvent::Read {
                    owner: user.id,
                    report,
                }),
                Ok(_) => {}
                Err(error) => tell(SharedEvent::AccountWaits {
                    owner: user.id,
                    error,
                }),
            }
        }
        Ok(())
    }

    /// Deliveries: a batch at a time while there is a full one, then sleeping until the next
    /// email falls due, the bell rings, or the tick passes.
    async fn deliver(&self, mut tell: impl FnMut(SharedEvent)) {
        let mut failures: u32 = 0;
        loop {
            match self.pass(&mut tell).await {
                Ok(n) if n as i64 == BATCH => {
                    failures = 0;
                    continue;
                }
                Ok(_) => failures = 0,
                Err(error) => {
                    failures += 1;
                    let retry_in = TICK * i32::try_from(failures.min(12)).unwrap_or(12);
                    tell(SharedEvent::Failed { error, retry_in });
                    self.sleep(retry_in).await;
                    continue;
                }
            }
            let mut wake = TICK;
            let now = self.clock.now();
            if let Ok(Some(at)) = self.server.next_due_anywhere().await
                && at > now
            {
                wake = wake.min(at.duration_since(now));
            }
            self.sleep(wake).await;
        }
    }

    /// Gives back what this worker leased and did not send, so another need not wait.
    pub async fn release(&self) {
        let _ = self.server.release_leases(&self.holder).await;
    }

    async fn sleep(&self, length: SignedDuration) {
        tokio::select! {
            _ = tokio::time::sleep(length.unsigned_abs()) => {}
            _ = self.bell.notified() => {}
        }
    }
}
