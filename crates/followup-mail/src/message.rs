//! An outgoing follow-up as an RFC 5322 message: the same bytes go to the server, into an
//! `.eml` file, and into the outbox, so a retry sends exactly what was first attempted.

use std::hash::{BuildHasher, Hasher};
use std::time::SystemTime;

use jiff::Timestamp;
use lettre::Message;
use lettre::message::header::{ContentType, MIME_VERSION_1_0};
use lettre::message::{Body, Mailbox};

use crate::MailError;
use crate::headers::{address, header_text};

/// Someone on a header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub address: String,
}

/// Everything a follow-up email says, before it is encoded.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub from: Party,
    pub to: Party,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body: String,
    /// Without angle brackets.
    pub message_id: String,
    pub date: Timestamp,
}

/// A fresh Message-ID (without angle brackets) on the sender's own domain: unique by the
/// instant, this process and a per-process random key.
pub fn new_message_id(now: Timestamp, from_address: &str) -> String {
    let domain = from_address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c))
        })
        .unwrap_or("followup.invalid");
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_i128(now.as_nanosecond());
    hasher.write_u32(std::process::id());
    hasher.write(from_address.as_bytes());
    format!(
        "followup.{}.{:016x}@{domain}",
        now.as_second(),
        hasher.finish()
    )
}

/// The message's bytes: UTF-8 plain text in quoted-printable or base64 (so it is 7-bit on
/// the wire), display names and subject encoded per RFC 2047 where they need it.
pub fn render(mail: &Outgoing) -> Result<Vec<u8>, MailError> {
    let mailbox = |field: &str, party: &Party| -> Result<Mailbox, MailError> {
        let name = header_text(&party.name);
        Ok(Mailbox::new(
            (!name.is_empty()).then_some(name),
            address(field, &party.address)?,
        ))
    };
    let mut builder = Message::builder()
        .message_id(Some(format!("<{}>", header_text(&mail.message_id))))
        .date(to_system_time(mail.date))
        .from(mailbox("from", &mail.from)?)
        .to(mailbox("to", &mail.to)?)
        .subject(header_text(&mail.subject));
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(Mailbox::new(None, address("reply_to", reply_to)?));
    }
    let body = mail.body.replace("\r\n", "\n");
    let message = builder
        .header(MIME_VERSION_1_0)
        .header(ContentType::TEXT_PLAIN)
        .body(Body::new(body))
        .map_err(|e| MailError::Build(e.to_string()))?;
    Ok(message.formatted())
}

fn to_system_time(t: Timestamp) -> SystemTime {
    SystemTime::from(t)
}

/// A `mailto:` link (RFC 6068) that opens the draft in the user's own mail program.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    fn encode(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        encode(to.trim()),
        encode(&header_text(subject)),
        encode(&body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Outgoing {
        Outgoing {
            from: Party {
                name: "Zoë Quinn".into(),
                address: "zoe@home.example".into(),
            },
            to: Party {
                name: "Grace Hopper".into(),
                address: "grace@acme.example".into(),
            },
            reply_to: Some("zoe@home.example".into()),
            subject: "Thank you — the data role".into(),
            body: "Dear Grace,\n\nThank you for the café chat.\n\nBest,\nZoë\n".into(),
            message_id: "followup.1.abc@home.example".into(),
            date: "2026-03-03T14:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_message_reads_back_as_written() {
        let raw = render(&sample()).unwrap();
        assert!(raw.is_ascii(), "7-bit on the wire");
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(parsed.subject(), Some("Thank you — the data role"));
        assert_eq!(parsed.message_id(), Some("followup.1.abc@home.example"));
        let from = parsed.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("Zoë Quinn"));
        assert_eq!(from.address(), Some("zoe@home.example"));
        assert_eq!(
            parsed.body_text(0).unwrap().replace("\r\n", "\n"),
            "Dear Grace,\n\nThank you for the café chat.\n\nBest,\nZoë\n"
        );
        assert!(parsed.date().is_some());
        let reply_to = parsed.reply_to().unwrap().first().unwrap();
        assert_eq!(reply_to.address(), Some("zoe@home.example"));
    }

    #[test]
    fn message_ids_are_unique_and_on_the_senders_domain() {
        let now: Timestamp = "2026-03-03T14:00:00Z".parse().unwrap();
        let a = new_message_id(now, "zoe@home.example");
        let b = new_message_id(now, "zoe@home.example");
        assert_ne!(a, b);
        assert!(a.ends_with("@home.example"));
        assert!(new_message_id(now, "odd\r\n@x y").ends_with("@followup.invalid"));
    }

    #[test]
    fn mailto_links_encode_everything() {
        let link = mailto("grace@acme.example", "Thanks & more", "Hi Grace,\nThanks!");
        assert_eq!(
            link,
            "mailto:grace%40acme.example?subject=Thanks%20%26%20more&body=Hi%20Grace%2C%0D%0AThanks%21"
        );
    }
}

#[cfg(test)]
mod injection {
    use proptest::prelude::*;

    use super::*;

    /// The header names of a rendered message, in order.
    fn header_names(raw: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(raw);
        let head = text
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_string();
        head.split("\r\n")
            .filter(|line| !line.starts_with([' ', '\t']))
            .map(|line| {
                line.split(':')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            })
            .collect()
    }

    const HEADERS: [&str; 9] = [
        "message-id",
        "date",
        "from",
        "to",
        "subject",
        "reply-to",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Whatever the names and subject hold (line breaks, NUL, encoded words), the
        /// message has exactly its nine headers, each once, and the body is intact.
        #[test]
        fn nothing_typed_adds_a_header(
            from_name in "(\\PC|[\r\n\0\t\u{85}\u{2028}]|=\\?utf-8\\?q\\?=0D=0A\\?=|Bcc: x@evil.example){0,12}",
            to_name in "(\\PC|[\r\n\0]|\r\nBcc: x@evil.example){0,12}",
            subject in "(\\PC|[\r\n\0\u{b}\u{c}]|\r\nX-Evil: 1|=\\?utf-8\\?b\\?DQpYLUV2aWw6IDE=\\?=){0,16}",
        ) {
            let mail = Outgoing {
                from: Party { name: from_name, address: "ada@home.example".into() },
                to: Party { name: to_name, address: "grace@acme.example".into() },
                reply_to: Some("ada@home.example".into()),
                subject,
                body: "Thank you.\n".into(),
                message_id: "followup.1.abc@home.example".into(),
                date: "2026-03-03T14:00:00Z".parse().unwrap(),
            };
            let raw = render(&mail).unwrap();
            let mut names = header_names(&raw);
            names.sort();
            let mut want: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
            want.sort();
            prop_assert_eq!(names, want);
            let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
            prop_assert!(parsed.header("Bcc").is_none());
            prop_assert!(parsed.header("X-Evil").is_none());
            prop_assert_eq!(parsed.body_text(0).unwrap().replace("\r\n", "\n"), "Thank you.\n");
        }
    }
}
