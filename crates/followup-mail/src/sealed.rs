//! Mail passwords on a shared database (issue 19): each account's are kept in the database
//! sealed with the server's key, which lives only in the server's environment
//! (`FOLLOWUP_SERVER_KEY`), so a copy of the database gives away no password.
//!
//! ChaCha20-Poly1305 from ring, with a fresh random nonce per seal; the account and the
//! service are bound in as associated data, so a sealed password moved to another account or
//! service does not open.

use std::fmt;

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

use followup_core::hex;

use crate::MailError;

/// The environment variable that holds the server's key.
pub const SERVER_KEY_VARIABLE: &str = "FOLLOWUP_SERVER_KEY";

/// What a sealed value starts with, so a later way of sealing can be told apart.
const VERSION: &str = "v1:";

/// The server's key: 32 random bytes, given as 64 hexadecimal digits.
pub struct ServerKey(LessSafeKey);

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

impl ServerKey {
    /// The key in `FOLLOWUP_SERVER_KEY`, if one is set.
    pub fn from_env() -> Result<Option<ServerKey>, MailError> {
        match std::env::var(SERVER_KEY_VARIABLE) {
            Ok(text) if !text.trim().is_empty() => ServerKey::parse(&text).map(Some),
            _ => Ok(None),
        }
    }

    /// A key from its 64 hexadecimal digits.
    pub fn parse(text: &str) -> Result<ServerKey, MailError> {
        let text = text.trim();
        let bytes = Some(text).filter(|t| t.len() == 64).and_then(hex::decode);
        let key = bytes
            .and_then(|b| UnboundKey::new(&CHACHA20_POLY1305, &b).ok())
            .ok_or_else(|| MailError::ServerKey {
                reason: format!(
                    "{SERVER_KEY_VARIABLE} must be 64 hexadecimal digits (32 bytes); it has {} characters",
                    text.chars().count()
                ),
            })?;
        Ok(ServerKey(LessSafeKey::new(key)))
    }

    /// A new random key, as its 64 hexadecimal digits.
    pub fn generate() -> Result<String, MailError> {
        let mut bytes = [0u8; 32];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| MailError::ServerKey {
                reason: "the system gave no random bytes".into(),
            })?;
        Ok(hex::encode(&bytes))
    }

    /// `secret` sealed for `context` (the account and service it belongs to).
    pub fn seal(&self, context: &str, secret: &str) -> Result<String, MailError> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| MailError::ServerKey {
                reason: "the system gave no random bytes".into(),
            })?;
        let mut sealed = secret.as_bytes().to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut sealed,
            )
            .map_err(|_| MailError::ServerKey {
                reason: "the password could not be sealed".into(),
            })?;
        Ok(format!(
            "{VERSION}{}{}",
            hex::encode(&nonce),
            hex::encode(&sealed)
        ))
    }

    /// The secret in `sealed`, when it was sealed with this key for `context`.
    pub fn open(&self, context: &str, sealed: &str) -> Result<String, MailError> {
        let refused = || MailError::ServerKey {
            reason: format!(
                "a kept password ({context}) does not open with this {SERVER_KEY_VARIABLE}: the key changed, or the value was altered"
            ),
        };
        let bytes = sealed
            .strip_prefix(VERSION)
            .and_then(hex::decode)
            .filter(|b| b.len() > NONCE_LEN)
            .ok_or_else(refused)?;
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| refused())?;
        let mut rest = rest.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut rest)
            .map_err(|_| refused())?;
        String::from_utf8(plain.to_vec()).map_err(|_| refused())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ServerKey {
        ServerKey::parse(&ServerKey::generate().unwrap()).unwrap()
    }

    #[test]
    fn a_sealed_password_opens_with_its_key_for_its_account_only() {
        let key = key();
        let sealed = key.seal("17:smtp", "hunter2 and more").unwrap();
        assert!(!sealed.contains("hunter2"));
        assert_eq!(key.open("17:smtp", &sealed).unwrap(), "hunter2 and more");
        assert_ne!(
            sealed,
            key.seal("17:smtp", "hunter2 and more").unwrap(),
            "a fresh nonce each time"
        );
        assert!(key.open("18:smtp", &sealed).is_err(), "another account");
        assert!(key.open("17:imap", &sealed).is_err(), "another service");
        assert!(self::key().open("17:smtp", &sealed).is_err(), "another key");
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'0' { b'1' } else { b'0' };
        assert!(
            key.open("17:smtp", &String::from_utf8(altered).unwrap())
                .is_err()
        );
        assert!(key.open("17:smtp", "v1:zz").is_err());
        assert!(key.open("17:smtp", "").is_err());
    }

    #[test]
    fn a_key_is_64_hex_digits_and_never_shown() {
        assert!(ServerKey::parse("abc").is_err());
        assert!(ServerKey::parse(&"g".repeat(64)).is_err());
        let text = ServerKey::generate().unwrap();
        assert_eq!(text.len(), 64);
        let key = ServerKey::parse(&text).unwrap();
        assert!(!format!("{key:?}").contains(&text[..8]));
    }
}
