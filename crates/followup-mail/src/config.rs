//! Where mail goes and comes from: `mail.toml` in the config directory, overridden by
//! `FOLLOWUP_SMTP_URL` and `FOLLOWUP_IMAP_URL`; passwords from the environment or the OS
//! keyring, never from a file or the database.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::MailError;

/// The file in the config directory.
pub const CONFIG_FILE: &str = "mail.toml";

/// The keyring service name passwords are kept under.
pub const KEYRING_SERVICE: &str = "followup";

/// `mail.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<SmtpSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap: Option<ImapSection>,
    /// A daily email to the user's own address listing what is overdue and due that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<DigestSection>,
    /// Where the passwords come from; never written to a file.
    #[serde(skip)]
    pub passwords: Passwords,
}

/// Where the servers' passwords come from.
#[derive(Clone, Default, PartialEq)]
pub enum Passwords {
    /// The environment, else the OS keyring of this machine: one person's own.
    #[default]
    Local,
    /// An account's own on a shared database, opened with the server's key; a server
    /// without one takes no login.
    Account {
        smtp: Option<String>,
        imap: Option<String>,
    },
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Passwords::Local => f.write_str("Local"),
            Passwords::Account { smtp, imap } => f
                .debug_struct("Account")
                .field("smtp", &smtp.as_ref().map(|_| "…"))
                .field("imap", &imap.as_ref().map(|_| "…"))
                .finish(),
        }
    }
}

impl Passwords {
    /// The password for `endpoint`.
    pub fn for_endpoint(&self, endpoint: &Endpoint) -> Result<Option<String>, MailError> {
        match self {
            Passwords::Local => endpoint.password(),
            Passwords::Account { smtp, imap } => Ok(match endpoint.service {
                Service::Smtp => smtp.clone(),
                Service::Imap => imap.clone(),
            }),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestSection {
    /// The time of day it goes, `HH:MM` in the profile's zone.
    pub at: String,
}

impl DigestSection {
    /// The time of day, or an error naming the setting.
    pub fn time(&self) -> Result<jiff::civil::Time, MailError> {
        digest_time(&self.at)
    }
}

/// Reads a digest time, `HH:MM` (or `H:MM`).
fn digest_time(text: &str) -> Result<jiff::civil::Time, MailError> {
    let text = text.trim();
    let padded = if text.len() == 4 {
        format!("0{text}")
    } else {
        text.to_string()
    };
    jiff::civil::Time::strptime("%H:%M", &padded).map_err(|_| MailError::TimeOfDay {
        field: "digest".into(),
        value: text.into(),
    })
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSection {
    /// `smtp://host:port`, `smtp://user@host:587?tls=required`, `smtps://user@host:465`.
    pub url: String,
    /// Where replies should go, when not to the sender's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// A PEM file of extra certificates to trust (a company or test authority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapSection {
    /// `imaps://user@host:993`, or `imap://user@host:143?tls=required` for STARTTLS.
    pub url: String,
    /// The folder sent mail is filed in; found by its `\Sent` flag when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_folder: Option<String>,
    /// File a copy of each email sent in that folder. Needed for servers that do not file
    /// relayed mail themselves (Gmail and Outlook do): without a copy there, an interrupted
    /// send cannot be settled without asking.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub save_sent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

/// What a change to the mail settings says; `None` leaves a setting as it is.
#[derive(Clone, Debug, Default)]
pub struct MailChanges {
    /// The SMTP server URL; empty removes the server.
    pub smtp: Option<String>,
    /// The IMAP server URL; empty removes the server.
    pub imap: Option<String>,
    pub reply_to: Option<String>,
    pub sent_folder: Option<String>,
    pub save_sent: Option<bool>,
    /// The daily digest's time, `HH:MM`; "off" or empty stops it.
    pub digest: Option<String>,
}

impl MailConfig {
    /// Reads `mail.toml` from `config_dir` (absent means empty), then applies the environment.
    pub fn load(config_dir: &Path) -> Result<MailConfig, MailError> {
        let path = config_dir.join(CONFIG_FILE);
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| MailError::Config {
                path: path.clone(),
                reason: e.to_string(),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => MailConfig::default(),
            Err(e) => {
                return Err(MailError::Config {
                    path,
                    reason: e.to_string(),
                });
            }
        };
        if let Some(url) = env_text("FOLLOWUP_SMTP_URL") {
            config.smtp.get_or_insert_with(Default::default).url = url;
        }
        if let Some(url) = env_text("FOLLOWUP_IMAP_URL") {
            config.imap.get_or_insert_with(Default::default).url = url;
        }
        if let Some(file) = env_text("FOLLOWUP_MAIL_CA_FILE") {
            for ca in [
                config.smtp.as_mut().map(|s| &mut s.ca_file),
                config.imap.as_mut().map(|s| &mut s.ca_file),
            ]
            .into_iter()
            .flatten()
            {
                ca.get_or_insert_with(|| PathBuf::from(&file));
            }
        }
        Ok(config)
    }

    /// `mail.toml` alone, without the environment's overrides: what a change rewrites.
    pub fn load_file(config_dir: &Path) -> Result<MailConfig, MailError> {
        let path = config_dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| MailError::Config {
                path,
                reason: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(MailConfig::default()),
            Err(e) => Err(MailError::Config {
                path,
                reason: e.to_string(),
            }),
        }
    }

    /// Applies changes, checking each: an empty URL removes its server, and the settings of
    /// a server need that server.
    pub fn apply(&mut self, changes: MailChanges) -> Result<(), MailError> {
        if let Some(url) = changes.smtp {
            if url.trim().is_empty() {
                self.smtp = None;
            } else {
                Endpoint::parse(Service::Smtp, &url)?;
                self.smtp.get_or_insert_with(Default::default).url = url.trim().into();
            }
        }
        if let Some(url) = changes.imap {
            if url.trim().is_empty() {
                self.imap = None;
            } else {
                Endpoint::parse(Service::Imap, &url)?;
                self.imap.get_or_insert_with(Default::default).url = url.trim().into();
            }
        }
        let need = |field: &str, value: &str, service: &str| MailError::Url {
            field: field.into(),
            value: value.into(),
            reason: format!("it needs an {service} server; give its URL as well"),
        };
        if let Some(r) = changes.reply_to {
            let r = r.trim();
            if !r.is_empty() {
                crate::headers::address("reply-to", r)?;
            }
            let smtp = self
                .smtp
                .as_mut()
                .ok_or_else(|| need("reply-to", r, "smtp"))?;
            smtp.reply_to = (!r.is_empty()).then(|| r.to_string());
        }
        if let Some(f) = changes.sent_folder {
            let f = f.trim();
            let imap = self
                .imap
                .as_mut()
                .ok_or_else(|| need("sent-folder", f, "imap"))?;
            imap.sent_folder = (!f.is_empty()).then(|| f.to_string());
        }
        if let Some(save) = changes.save_sent {
            let imap = self
                .imap
                .as_mut()
                .ok_or_else(|| need("save-sent", &save.to_string(), "imap"))?;
            imap.save_sent = save;
        }
        if let Some(at) = changes.digest {
            let at = at.trim();
            if at.is_empty() || at == "off" {
                self.digest = None;
            } else {
                let time = digest_time(at)?;
                self.digest = Some(DigestSection {
                    at: time.strftime("%H:%M").to_string(),
                });
            }
        }
        Ok(())
    }

    /// Writes `mail.toml`; it holds no secret.
    pub fn save(&self, config_dir: &Path) -> Result<PathBuf, MailError> {
        let path = config_dir.join(CONFIG_FILE);
        let text = toml::to_string_pretty(self).map_err(|e| MailError::Config {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        std::fs::create_dir_all(config_dir)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| MailError::Config {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        Ok(path)
    }
}

fn env_text(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Which server a setting or password belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Smtp,
    Imap,
}

impl Service {
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Smtp => "smtp",
            Service::Imap => "imap",
        }
    }

    fn password_variable(self) -> &'static str {
        match self {
            Service::Smtp => "FOLLOWUP_SMTP_PASSWORD",
            Service::Imap => "FOLLOWUP_IMAP_PASSWORD",
        }
    }
}

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// In the clear: only for a relay on this machine or a test server.
    None,
    /// STARTTLS when the server offers it, else in the clear.
    Opportunistic,
    /// STARTTLS, or no connection at all.
    StartTls,
    /// TLS from the first byte (`smtps`, `imaps`).
    Implicit,
}

/// A server, from its URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub service: Service,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub security: Security,
    pub ca_file: Option<PathBuf>,
}

impl Endpoint {
    /// Parses `smtp[s]://[user@]host[:port][?tls=required|opportunistic]` (or `imap[s]://`).
    pub fn parse(service: Service, text: &str) -> Result<Endpoint, MailError> {
        let field = format!("{} url", service.as_str());
        let bad = |reason: &str| MailError::Url {
            field: field.clone(),
            value: redact(text),
            reason: reason.to_string(),
        };
        let url = url::Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
        let plain = service.as_str();
        let secure = format!("{plain}s");
        let implicit = if url.scheme() == plain {
            false
        } else if url.scheme() == secure {
            true
        } else {
            return Err(bad(&format!(
                "the scheme must be {plain}:// or {secure}://"
            )));
        };
        if url.password().is_some() {
            return Err(MailError::Url {
                field,
                value: redact(text),
                reason: format!(
                    "a password does not belong in the URL; set {} or run `followup mail password {plain}`",
                    service.password_variable()
                ),
            });
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("it names no host"))?
            .trim_matches(['[', ']'])
            .to_string();
        let user = match url.username() {
            "" => None,
            u => Some(
                url::form_urlencoded::parse(format!("u={u}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_else(|| u.to_string()),
            ),
        };
        let mut security = if implicit {
            Security::Implicit
        } else {
            Security::None
        };
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") if !implicit => security = Security::StartTls,
                ("tls", "opportunistic") if !implicit => security = Security::Opportunistic,
                ("tls", _) if implicit => {
                    return Err(bad(&format!("{secure}:// is always TLS; drop ?tls=")));
                }
                ("tls", other) => {
                    return Err(bad(&format!(
                        "tls={other} is not known: use tls=required or tls=opportunistic"
                    )));
                }
                (other, _) => return Err(bad(&format!("the setting {other:?} is not known"))),
            }
        }
        let port = url.port().unwrap_or(match (service, security) {
            (Service::Smtp, Security::Implicit) => 465,
            (Service::Smtp, Security::StartTls) => 587,
            (Service::Smtp, _) => 25,
            (Service::Imap, Security::Implicit) => 993,
            (Service::Imap, _) => 143,
        });
        Ok(Endpoint {
            service,
            host,
            port,
            user,
            security,
            ca_file: None,
        })
    }

    /// `user@host:port`, for messages; never the password.
    pub fn describe(&self) -> String {
        match &self.user {
            Some(user) => format!("{user} at {}:{}", self.host, self.port),
            None => format!("{}:{}", self.host, self.port),
        }
    }

    fn keyring_user(&self) -> Option<String> {
        self.user
            .as_ref()
            .map(|u| format!("{}:{u}@{}", self.service.as_str(), self.host))
    }

    /// The password: `FOLLOWUP_SMTP_PASSWORD` / `FOLLOWUP_IMAP_PASSWORD`, else the OS
    /// keyring. None when the server takes no login; an error when it does and none is found.
    pub fn password(&self) -> Result<Option<String>, MailError> {
        if let Ok(password) = std::env::var(self.service.password_variable()) {
            return Ok(Some(password));
        }
        let Some(user) = self.keyring_user() else {
            return Ok(None);
        };
        let missing = |detail: String| MailError::NoPassword {
            service: self.service.as_str(),
            account: self.describe(),
            variable: self.service.password_variable(),
            detail,
        };
        match crate::secrets::read(&user) {
            Ok(Some(password)) => Ok(Some(password)),
            Ok(None) => Err(missing("the keyring holds none".into())),
            Err(e) => Err(missing(e)),
        }
    }

    /// Keeps a password in the OS keyring.
    pub fn store_password(&self, password: &str) -> Result<(), MailError> {
        let user = self.keyring_user().ok_or_else(|| MailError::Url {
            field: format!("{} url", self.service.as_str()),
            value: format!("{}://{}", self.service.as_str(), self.describe()),
            reason: "it names no user to keep a password for".into(),
        })?;
        crate::secrets::keep(&user, password)
    }
}

impl Endpoint {
    /// Removes a kept password; true when there was one.
    pub fn forget_password(&self) -> Result<bool, MailError> {
        let Some(user) = self.keyring_user() else {
            return Ok(false);
        };
        crate::secrets::forget(&user)
    }
}

/// A URL as it may be shown: any password replaced.
fn redact(text: &str) -> String {
    match url::Url::parse(text.trim()) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_say_how_to_connect() {
        let e = Endpoint::parse(Service::Smtp, "smtp://127.0.0.1:2525").unwrap();
        assert_eq!((e.port, e.security, e.user), (2525, Security::None, None));
        let e = Endpoint::parse(Service::Smtp, "smtp://ada@mail.example?tls=required").unwrap();
        assert_eq!((e.port, e.security), (587, Security::StartTls));
        assert_eq!(e.user.as_deref(), Some("ada"));
        let e = Endpoint::parse(Service::Smtp, "smtps://ada%40home.example@mail.example").unwrap();
        assert_eq!((e.port, e.security), (465, Security::Implicit));
        assert_eq!(e.user.as_deref(), Some("ada@home.example"));
        let e = Endpoint::parse(Service::Imap, "imap://alice@example.com@127.0.0.1:10143").unwrap();
        assert_eq!(e.user.as_deref(), Some("alice@example.com"));
        assert_eq!(e.port, 10143);
        let e = Endpoint::parse(Service::Imap, "imaps://mail.example").unwrap();
        assert_eq!((e.port, e.security), (993, Security::Implicit));
    }

    #[test]
    fn bad_urls_say_what_is_wrong_and_never_show_a_password() {
        let err = Endpoint::parse(Service::Smtp, "smtp://ada:hunter2@mail.example")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter2"), "{err}");
        assert!(err.contains("FOLLOWUP_SMTP_PASSWORD"), "{err}");
        for bad in [
            "http://mail.example",
            "smtp://mail.example?tls=maybe",
            "smtps://mail.example?tls=required",
            "smtp://mail.example?port=1",
            "smtp://",
        ] {
            assert!(Endpoint::parse(Service::Smtp, bad).is_err(), "{bad}");
        }
    }
}
