//! Handing one message to an SMTP server, and saying precisely what became of it.
//!
//! The exactly-once promise rests on one distinction: a refusal (the server answered 4xx or
//! 5xx, or could not be reached) means nothing went out, while a connection that breaks
//! after the message content was handed over means it may have. lettre's one-call `send`
//! hides which step failed, so the steps are taken one by one here.

use std::net::IpAddr;
use std::time::Duration;

use lettre::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailParameter};

use crate::config::{Endpoint, Security};

/// How long any one step may take before the attempt is given up.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

/// What went wrong with an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    /// Nothing went out. `transient`: the server asked to try later (4xx) or could not be
    /// reached; otherwise it refused for good (5xx) or the settings are wrong.
    Refused { transient: bool, answer: String },
    /// The connection broke after the message was handed over, before the server's answer:
    /// it may have been delivered. Never retried blindly.
    Unknown { answer: String },
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendFailure::Refused { answer, .. } | SendFailure::Unknown { answer } => {
                f.write_str(answer)
            }
        }
    }
}

/// An SMTP server ready to be used: its endpoint and, when it wants a login, the password.
pub struct Smtp {
    endpoint: Endpoint,
    password: Option<String>,
}

impl Smtp {
    pub fn new(endpoint: Endpoint, password: Option<String>) -> Smtp {
        Smtp { endpoint, password }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    fn tls(&self) -> Result<TlsParameters, SendFailure> {
        let mut builder = TlsParameters::builder(self.endpoint.host.clone());
        if let Some(path) = &self.endpoint.ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                refused_for_good(format!(
                    "cannot read the certificate file {}: {e}",
                    path.display()
                ))
            })?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                refused_for_good(format!("{} is not a PEM certificate: {e}", path.display()))
            })?;
            builder = builder.add_root_certificate(cert);
        }
        builder
            .build_rustls()
            .map_err(|e| refused_for_good(format!("cannot set up TLS: {e}")))
    }

    /// Connects, secures and logs in: every failure here is a refusal, nothing was sent.
    async fn open(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        let hello = ClientId::default();
        let server = (self.endpoint.host.as_str(), self.endpoint.port);
        let implicit = match self.endpoint.security {
            Security::Implicit => Some(self.tls()?),
            _ => None,
        };
        let mut conn =
            AsyncSmtpConnection::connect_tokio1(server, Some(STEP_TIMEOUT), &hello, implicit, None)
                .await
                .map_err(|e| refusal(&e, "cannot reach the server"))?;
        let wants_tls = match self.endpoint.security {
            Security::StartTls => true,
            Security::Opportunistic => conn.can_starttls(),
            Security::None | Security::Implicit => false,
        };
        if wants_tls {
            if !conn.can_starttls() {
                conn.abort().await;
                return Err(refused_for_good(
                    "the server does not offer STARTTLS, which the URL requires (tls=required)"
                        .into(),
                ));
            }
            conn.starttls(self.tls()?, &hello)
                .await
                .map_err(|e| refusal(&e, "STARTTLS failed"))?;
        }
        if let Some(user) = &self.endpoint.user {
            if !conn.is_encrypted() && !is_loopback(&self.endpoint.host) {
                conn.abort().await;
                return Err(refused_for_good(format!(
                    "the password for {user} would cross the network unencrypted; use smtps:// or ?tls=required"
                )));
            }
            let password = self.password.clone().unwrap_or_default();
            conn.auth(
                &[Mechanism::Plain, Mechanism::Login],
                &Credentials::new(user.clone(), password),
            )
            .await
            .map_err(|e| refusal(&e, "the server refused the login"))?;
        }
        Ok(conn)
    }

    /// Hands `raw` to the server for `to`, from `from`. On success, the server's answer.
    pub async fn deliver(
        &self,
        from: &Address,
        to: &Address,
        raw: &[u8],
    ) -> Result<String, SendFailure> {
        let mut conn = self.open().await?;
        let mut options = Vec::new();
        let non_ascii = !from.to_string().is_ascii() || !to.to_string().is_ascii();
        if non_ascii {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                conn.abort().await;
                return Err(refused_for_good(
                    "an address is not ASCII and the server does not accept such addresses (SMTPUTF8)"
                        .into(),
                ));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        // Up to DATA's go-ahead, any failure means the server has nothing to deliver.
        let steps = async {
            conn.command(Mail::new(Some(from.clone()), options)).await?;
            conn.command(Rcpt::new(to.clone(), Vec::new())).await?;
            conn.command(Data).await
        };
        if let Err(e) = steps.await {
            conn.abort().await;
            return Err(refusal(&e, "the server refused the message"));
        }
        match conn.message(raw).await {
            Ok(response) => {
                let _ = conn.quit().await;
                Ok(response.message().collect::<Vec<_>>().join(" "))
            }
            Err(e) if e.status().is_some() => {
                conn.abort().await;
                Err(refusal(&e, "the server refused the message"))
            }
            Err(e) => {
                conn.abort().await;
                Err(SendFailure::Unknown {
                    answer: format!("the connection broke while the message was handed over: {e}"),
                })
            }
        }
    }
}

fn refused_for_good(answer: String) -> SendFailure {
    SendFailure::Refused {
        transient: false,
        answer,
    }
}

/// A failure before the message content: nothing was sent. A 5xx answer or a TLS or login
/// problem will not mend itself; anything else (4xx, network) may.
fn refusal(e: &lettre::transport::smtp::Error, context: &str) -> SendFailure {
    let transient = if e.is_permanent() || e.is_tls() || e.is_client() {
        false
    } else {
        e.is_transient() || e.status().is_none()
    };
    SendFailure::Refused {
        transient,
        answer: format!("{context}: {e}"),
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
