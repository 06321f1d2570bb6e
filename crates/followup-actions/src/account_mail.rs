//! The mail settings of an account on a shared database (issue 19): kept with the account's
//! data instead of in a file of the server's, with its passwords sealed by the server's key
//! (`followup_mail::sealed`), never in the clear.

use followup_mail::MailError;
use followup_mail::config::{MailConfig, Passwords, Service};
use followup_mail::sealed::{SERVER_KEY_VARIABLE, ServerKey};
use followup_store::Store;

use crate::ActionsError;

/// Where the settings are kept, as the TOML of `mail.toml`.
const SETTINGS: &str = "mail.toml";

fn password_key(service: Service) -> String {
    format!("mail.{}_password", service.as_str())
}

/// What a sealed password is bound to: its account and service.
fn context(store: &Store, service: Service) -> String {
    format!("{}:{}", store.owner().unwrap_or(0), service.as_str())
}

fn no_key() -> MailError {
    MailError::ServerKey {
        reason: format!(
            "this server has no {SERVER_KEY_VARIABLE}, so the account's mail passwords cannot be kept or used"
        ),
    }
}

/// The account's mail settings with its passwords opened; a server file (a certificate
/// authority) is never read on an account's say.
pub async fn load_account_mail(
    store: &Store,
    key: Option<&ServerKey>,
) -> Result<MailConfig, ActionsError> {
    let mut config = load_account_settings(store).await?;
    let mut opened = [None, None];
    for (slot, service) in opened.iter_mut().zip([Service::Smtp, Service::Imap]) {
        if let Some(sealed) = store.meta(&password_key(service)).await? {
            let key = key.ok_or_else(no_key)?;
            *slot = Some(key.open(&context(store, service), &sealed)?);
        }
    }
    let [smtp, imap] = opened;
    config.passwords = Passwords::Account { smtp, imap };
    Ok(config)
}

/// The account's mail settings without opening its passwords (whether one is kept is
/// [`account_password_kept`]).
pub async fn load_account_settings(store: &Store) -> Result<MailConfig, ActionsError> {
    let text = store.meta(SETTINGS).await?.unwrap_or_default();
    let mut config: MailConfig = toml::from_str(&text).map_err(|e| MailError::Config {
        path: "the account's mail settings".into(),
        reason: e.to_string(),
    })?;
    if let Some(smtp) = config.smtp.as_mut() {
        smtp.ca_file = None;
    }
    if let Some(imap) = config.imap.as_mut() {
        imap.ca_file = None;
    }
    config.passwords = Passwords::Account {
        smtp: None,
        imap: None,
    };
    Ok(config)
}

/// Whether the account keeps a password for `service`.
pub async fn account_password_kept(store: &Store, service: Service) -> Result<bool, ActionsError> {
    Ok(store.meta(&password_key(service)).await?.is_some())
}

/// Saves the account's mail settings (their passwords are kept apart, sealed).
pub async fn save_account_mail(store: &Store, config: &MailConfig) -> Result<(), ActionsError> {
    let text = toml::to_string(config).map_err(|e| MailError::Config {
        path: "the account's mail settings".into(),
        reason: e.to_string(),
    })?;
    store.set_meta(SETTINGS, &text).await?;
    Ok(())
}

/// Keeps the account's password for `service`, sealed with the server's key.
pub async fn keep_account_password(
    store: &Store,
    key: Option<&ServerKey>,
    service: Service,
    password: &str,
) -> Result<(), ActionsError> {
    let key = key.ok_or_else(no_key)?;
    let sealed = key.seal(&context(store, service), password)?;
    store.set_meta(&password_key(service), &sealed).await?;
    Ok(())
}

/// Forgets the account's password for `service`; true when there was one.
pub async fn forget_account_password(
    store: &Store,
    service: Service,
) -> Result<bool, ActionsError> {
    Ok(store.remove_meta(&password_key(service)).await?)
}
