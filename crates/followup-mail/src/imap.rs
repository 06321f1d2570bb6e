//! Reading the user's mailbox over IMAP: new messages in the inbox since the last sync, and
//! whether a Message-ID is in the Sent folder (to settle an email left in `sending`).

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Session;
use async_imap::extensions::idle::IdleResponse;
use async_imap::imap_proto::{MailboxDatum, Response};
use futures_util::TryStreamExt;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::MailError;
use crate::config::{Endpoint, Security};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one operation (a fetch, a search, a login) may take before it is given up, so a
/// server that stops answering cannot hang the worker.
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

async fn timed<T>(
    endpoint: &Endpoint,
    what: &str,
    step: impl std::future::Future<Output = Result<T, MailError>>,
) -> Result<T, MailError> {
    tokio::time::timeout(STEP_TIMEOUT, step)
        .await
        .unwrap_or_else(|_| Err(imap_error(endpoint, what, "no answer in two minutes")))
}

/// Anything a session can run over: plain TCP or TLS.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Debug + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Debug + Send> Stream for T {}

/// A logged-in IMAP session.
pub struct Imap {
    session: Session<Box<dyn Stream>>,
    endpoint: Endpoint,
}

/// How a wait for new mail in IDLE ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waited {
    /// The server said the mailbox changed: something may have come.
    NewMail,
    /// Nothing in the time given.
    Quiet,
}

/// Whether an untagged response in IDLE says a message came: EXISTS (the count grew) or RECENT.
fn is_new_mail(news: &Response<'_>) -> bool {
    matches!(
        news,
        Response::MailboxData(MailboxDatum::Exists(_) | MailboxDatum::Recent(_))
    )
}

/// A message fetched from a mailbox.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub uid: u32,
    pub raw: Vec<u8>,
}

fn imap_error(endpoint: &Endpoint, what: &str, e: impl std::fmt::Display) -> MailError {
    MailError::Imap {
        server: endpoint.describe(),
        reason: format!("{what}: {e}"),
    }
}

fn tls_connector(endpoint: &Endpoint) -> Result<tokio_rustls::TlsConnector, MailError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &endpoint.ca_file {
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| imap_error(endpoint, &format!("cannot read {}", path.display()), e))?;
        for cert in certs {
            let cert = cert
                .map_err(|e| imap_error(endpoint, &format!("cannot read {}", path.display()), e))?;
            roots
                .add(cert)
                .map_err(|e| imap_error(endpoint, "a certificate is not usable", e))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| imap_error(endpoint, "cannot set up TLS", e))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

async fn wrap_tls(endpoint: &Endpoint, tcp: TcpStream) -> Result<Box<dyn Stream>, MailError> {
    let name = ServerName::try_from(endpoint.host.clone())
        .map_err(|e| imap_error(endpoint, "not a host name for TLS", e))?;
    let tls = tls_connector(endpoint)?
        .connect(name, tcp)
        .await
        .map_err(|e| imap_error(endpoint, "TLS failed", e))?;
    Ok(Box::new(tls))
}

impl Imap {
    /// Connects, secures the connection as the URL says, and logs in.
    pub async fn connect(endpoint: Endpoint, password: Option<String>) -> Result<Imap, MailError> {
        let shown = endpoint.clone();
        timed(&shown, "cannot log in", Self::open(endpoint, password)).await
    }

    async fn open(endpoint: Endpoint, password: Option<String>) -> Result<Imap, MailError> {
        let tcp = tokio::time::timeout(
            CONNECT_TIMEOUT,
            TcpStream::connect((endpoint.host.as_str(), endpoint.port)),
        )
        .await
        .map_err(|_| imap_error(&endpoint, "cannot connect", "timed out"))?
        .map_err(|e| imap_error(&endpoint, "cannot connect", e))?;
        let stream: Box<dyn Stream> = match endpoint.security {
            Security::Implicit => wrap_tls(&endpoint, tcp).await?,
            Security::StartTls | Security::Opportunistic => {
                let mut client = async_imap::Client::new(tcp);
                client
                    .read_response()
                    .await
                    .map_err(|e| imap_error(&endpoint, "no greeting", e))?;
                client
                    .run_command_and_check_ok("STARTTLS", None)
                    .await
                    .map_err(|e| imap_error(&endpoint, "STARTTLS refused", e))?;
                wrap_tls(&endpoint, client.into_inner()).await?
            }
            Security::None => Box::new(tcp),
        };
        let mut client = async_imap::Client::new(stream);
        if endpoint.security != Security::StartTls && endpoint.security != Security::Opportunistic {
            client
                .read_response()
                .await
                .map_err(|e| imap_error(&endpoint, "no greeting", e))?;
        }
        let user = endpoint.user.clone().ok_or_else(|| MailError::Imap {
            server: endpoint.describe(),
            reason: "the IMAP URL names no user (imaps://user@host)".into(),
        })?;
        let session = client
            .login(&user, password.unwrap_or_default())
            .await
            .map_err(|(e, _)| imap_error(&endpoint, "the server refused the login", e))?;
        Ok(Imap { session, endpoint })
    }

    /// Messages in `mailbox` with a UID above `after` (all of them when the mailbox's
    /// UIDVALIDITY changed). Returns them with the mailbox's UIDVALIDITY. They are fetched
    /// with `BODY.PEEK`, so nothing is marked read.
    ///
    /// Without a usable mark, only messages since `since` are read, so a first sync does
    /// not download years of mail.
    pub async fn fetch_new(
        &mut self,
        mailbox: &str,
        after: Option<(u32, u32)>,
        since: Option<jiff::civil::Date>,
    ) -> Result<(u32, Vec<Fetched>), MailError> {
        let shown = self.endpoint.clone();
        timed(
            &shown,
            "cannot fetch",
            self.fetch_new_now(mailbox, after, since),
        )
        .await
    }

    async fn fetch_new_now(
        &mut self,
        mailbox: &str,
        after: Option<(u32, u32)>,
        since: Option<jiff::civil::Date>,
    ) -> Result<(u32, Vec<Fetched>), MailError> {
        let selected = self
            .session
            .examine(mailbox)
            .await
            .map_err(|e| imap_error(&self.endpoint, &format!("cannot open {mailbox}"), e))?;
        let validity = selected.uid_validity.unwrap_or(0);
        if selected.exists == 0 {
            return Ok((validity, Vec::new()));
        }
        let (from, set) = match (after, since) {
            (Some((v, last)), _) if v == validity => (last + 1, format!("{}:*", last + 1)),
            (_, Some(day)) => {
                let found = self
                    .session
                    .uid_search(format!("SINCE {}", day.strftime("%-d-%b-%Y")))
                    .await
                    .map_err(|e| imap_error(&self.endpoint, "cannot search", e))?;
                let mut uids: Vec<u32> = found.into_iter().collect();
                if uids.is_empty() {
                    return Ok((validity, Vec::new()));
                }
                uids.sort_unstable();
                let list: Vec<String> = uids.iter().map(u32::to_string).collect();
                (uids[0], list.join(","))
            }
            _ => (1, "1:*".to_string()),
        };
        let mut fetched = Vec::new();
        {
            let stream = self
                .session
                .uid_fetch(set, "(UID BODY.PEEK[])")
                .await
                .map_err(|e| imap_error(&self.endpoint, "cannot fetch", e))?;
            let items: Vec<_> = stream
                .try_collect()
                .await
                .map_err(|e| imap_error(&self.endpoint, "cannot fetch", e))?;
            for item in items {
                // "N:*" always returns the last message, even when its UID is below N.
                if let (Some(uid), Some(body)) = (item.uid, item.body())
                    && uid >= from
                {
                    fetched.push(Fetched {
                        uid,
                        raw: body.to_vec(),
                    });
                }
            }
        }
        fetched.sort_by_key(|f| f.uid);
        Ok((validity, fetched))
    }

    /// The folder sent mail is filed in: the one flagged `\Sent`, else a usual name.
    pub async fn sent_folder(&mut self) -> Result<Option<String>, MailError> {
        let shown = self.endpoint.clone();
        timed(&shown, "cannot list folders", self.sent_folder_now()).await
    }

    async fn sent_folder_now(&mut self) -> Result<Option<String>, MailError> {
        let names: Vec<_> = self
            .session
            .list(Some(""), Some("*"))
            .await
            .map_err(|e| imap_error(&self.endpoint, "cannot list folders", e))?
            .try_collect()
            .await
            .map_err(|e| imap_error(&self.endpoint, "cannot list folders", e))?;
        let flagged = names.iter().find(|n| {
            n.attributes()
                .iter()
                .any(|a| matches!(a, async_imap::types::NameAttribute::Sent))
        });
        if let Some(n) = flagged {
            return Ok(Some(n.name().to_string()));
        }
        const USUAL: &[&str] = &[
            "Sent",
            "Sent Items",
            "Sent Messages",
            "INBOX.Sent",
            "[Gmail]/Sent Mail",
        ];
        Ok(USUAL
            .iter()
            .find(|u| names.iter().any(|n| n.name() == **u))
            .map(|u| u.to_string()))
    }

    /// Whether a message with this Message-ID (without brackets) is in `folder`.
    pub async fn has_message(&mut self, folder: &str, message_id: &str) -> Result<bool, MailError> {
        let shown = self.endpoint.clone();
        timed(
            &shown,
            "cannot search",
            self.has_message_now(folder, message_id),
        )
        .await
    }

    async fn has_message_now(&mut self, folder: &str, message_id: &str) -> Result<bool, MailError> {
        self.session
            .examine(folder)
            .await
            .map_err(|e| imap_error(&self.endpoint, &format!("cannot open {folder}"), e))?;
        // Our ids are [A-Za-z0-9.@-]; anything else cannot be one of ours.
        if !message_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._@-+".contains(c))
        {
            return Ok(false);
        }
        let found = self
            .session
            .uid_search(format!("HEADER Message-ID \"{message_id}\""))
            .await
            .map_err(|e| imap_error(&self.endpoint, "cannot search", e))?;
        Ok(!found.is_empty())
    }

    /// Files a copy of a sent message in `folder`, marked as read, as mail programs do.
    pub async fn append(&mut self, folder: &str, raw: &[u8]) -> Result<(), MailError> {
        let shown = self.endpoint.clone();
        let step = async {
            self.session
                .append(folder, Some("(\\Seen)"), None, raw)
                .await
                .map_err(|e| {
                    imap_error(
                        &self.endpoint,
                        &format!("cannot file a copy in {folder}"),
                        e,
                    )
                })
        };
        timed(&shown, "cannot file a copy", step).await
    }

    /// Whether the server offers IDLE (RFC 2177), to be told of new mail as it comes.
    pub async fn can_idle(&mut self) -> Result<bool, MailError> {
        let shown = self.endpoint.clone();
        let step = async {
            self.session
                .capabilities()
                .await
                .map(|c| c.has_str("IDLE"))
                .map_err(|e| imap_error(&self.endpoint, "cannot ask what the server offers", e))
        };
        timed(&shown, "cannot ask what the server offers", step).await
    }

    /// Waits in IDLE on `mailbox` until the server says a message came or `longest` passes
    /// (keep it under 29 minutes, after which servers may drop an idle client), and gives the
    /// session back ready for other commands. `count` is how many messages the mailbox held
    /// when last seen: one that came between two waits, when the server's word on it may be
    /// lost, shows as a larger count.
    pub async fn idle(
        mut self,
        mailbox: &str,
        longest: Duration,
        count: &mut Option<u32>,
    ) -> Result<(Imap, Waited), MailError> {
        let endpoint = self.endpoint.clone();
        let open = async {
            self.session
                .examine(mailbox)
                .await
                .map_err(|e| imap_error(&endpoint, &format!("cannot open {mailbox}"), e))
        };
        let opened = timed(&endpoint, "cannot open the mailbox", open).await?;
        let grew = count.is_some_and(|n| opened.exists > n);
        *count = Some(opened.exists);
        if grew {
            return Ok((self, Waited::NewMail));
        }
        let mut handle = self.session.idle();
        let start = async {
            handle
                .init()
                .await
                .map_err(|e| imap_error(&endpoint, "IDLE refused", e))
        };
        timed(&endpoint, "IDLE refused", start).await?;
        let deadline = tokio::time::Instant::now() + longest;
        let waited = loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                break Waited::Quiet;
            }
            let (wait, stop) = handle.wait_with_timeout(left);
            tokio::pin!(wait);
            // The library's own timeout restarts with each keep-alive the server sends; the
            // stop ends the wait at the deadline whatever comes, cleanly between responses.
            let answer = tokio::select! {
                answer = &mut wait => answer,
                () = tokio::time::sleep(left) => {
                    drop(stop);
                    wait.await
                }
            };
            match answer.map_err(|e| imap_error(&endpoint, "lost while waiting for mail", e))? {
                IdleResponse::NewData(news) if is_new_mail(news.parsed()) => {
                    if let Response::MailboxData(MailboxDatum::Exists(n)) = news.parsed() {
                        *count = Some(*n);
                    }
                    break Waited::NewMail;
                }
                // A flag set or a message removed (the user reading mail elsewhere): not news.
                IdleResponse::NewData(_) => continue,
                IdleResponse::Timeout | IdleResponse::ManualInterrupt => break Waited::Quiet,
            }
        };
        let end = async {
            handle
                .done()
                .await
                .map_err(|e| imap_error(&endpoint, "cannot end IDLE", e))
        };
        let session = timed(&endpoint, "cannot end IDLE", end).await?;
        Ok((Imap { session, endpoint }, waited))
    }

    pub async fn logout(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.session.logout()).await;
    }
}
