//! Secrets in the OS keyring, under the service "followup": the mail servers' passwords and
//! the web app's. Nothing secret is ever written to a file or the database.

use crate::MailError;
use crate::config::KEYRING_SERVICE;

/// The secret kept for `user`: None when there is none, an error saying why when the keyring
/// cannot be used.
pub fn read(user: &str) -> Result<Option<String>, String> {
    ensure_session_keyring();
    let entry = keyring::Entry::new(KEYRING_SERVICE, user)
        .map_err(|e| format!("the keyring cannot be opened ({e})"))?;
    match entry.get_password() {
        Ok(secret) => Ok(Some(secret)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(format!("the keyring cannot be read ({e})")),
    }
}

/// Keeps a secret for `user`, replacing any kept before.
pub fn keep(user: &str, secret: &str) -> Result<(), MailError> {
    ensure_session_keyring();
    keyring::Entry::new(KEYRING_SERVICE, user)
        .and_then(|entry| entry.set_password(secret))
        .map_err(|e| MailError::Keyring(e.to_string()))
}

/// Removes the secret kept for `user`; true when there was one.
pub fn forget(user: &str) -> Result<bool, MailError> {
    ensure_session_keyring();
    let entry = keyring::Entry::new(KEYRING_SERVICE, user)
        .map_err(|e| MailError::Keyring(e.to_string()))?;
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(MailError::Keyring(e.to_string())),
    }
}

/// On Linux the keyring crate keeps secrets in the kernel keyring through the session
/// keyring, which a desktop login creates but an SSH or container shell may lack. Asking the
/// kernel for it with `create` attaches the user's own session keyring, shared by all their
/// processes, so a password kept by one command is found by the next.
fn ensure_session_keyring() {
    #[cfg(target_os = "linux")]
    {
        use linux_keyutils::{KeyRing, KeyRingIdentifier};
        // Best effort: if it fails, the keyring crate reports the failure itself.
        let _ = KeyRing::from_special_id(KeyRingIdentifier::Session, true);
    }
}
