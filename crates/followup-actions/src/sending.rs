//! Getting a follow-up ready to send: who it is from and to, and the mail servers.

use followup_core::{InputError, Profile};
use followup_mail::config::{Endpoint, MailConfig, Service};
use followup_mail::imap::Imap;
use followup_mail::message::Party;
use followup_mail::outbox::{Sender, SentCopy};
use followup_mail::smtp::Smtp;
use jiff::tz::TimeZone;

use crate::{ActionsError, FollowUp};

/// The recipient's address, or an error saying how to add one.
pub fn recipient_address(f: &FollowUp) -> Result<String, ActionsError> {
    match f.person.email.as_deref().map(str::trim) {
        Some(address) if !address.is_empty() => Ok(address.to_string()),
        _ => Err(InputError::invalid(
            "email",
            "",
            format!("{} ({}) has no email address", f.person.name, f.person.id),
            format!(
                "add it with `followup interview edit {} --interviewer '{}, email=…'`, or write to them another way and `followup log {}`",
                f.action.interview, f.person.id, f.action
            ),
        )
        .into()),
    }
}

/// Who the mail is from: the profile's name and email, and Reply-To (the configured one, else
/// the user's own address, so replies come back even when a relay rewrites From).
pub fn sender_of(
    profile: &Profile,
    config: &MailConfig,
    zone: &TimeZone,
) -> Result<Sender, ActionsError> {
    let address = profile.email.clone().ok_or_else(|| {
        InputError::invalid(
            "profile.email",
            "",
            "it is not set, and an email needs a sender",
            "set it with: followup profile set --email you@example.com",
        )
    })?;
    followup_mail::headers::address("profile.email", &address)?;
    let reply_to = config
        .smtp
        .as_ref()
        .and_then(|s| s.reply_to.clone())
        .unwrap_or_else(|| address.clone());
    followup_mail::headers::address("reply_to", &reply_to)?;
    Ok(Sender {
        from: Party {
            name: profile.name.clone(),
            address,
        },
        reply_to: Some(reply_to),
        zone: zone.clone(),
    })
}

/// The SMTP server from the settings, with its password; an error saying how to set it up.
pub fn smtp_of(config: &MailConfig) -> Result<Smtp, ActionsError> {
    let section = config.smtp.as_ref().ok_or_else(|| {
        InputError::invalid(
            "smtp",
            "",
            "no SMTP server is set up to send with",
            "set one with `followup mail set --smtp smtps://you@mail.example:465` or FOLLOWUP_SMTP_URL; or use `followup export-eml` / `followup mailto` to send from your own mail program",
        )
    })?;
    let mut endpoint = Endpoint::parse(Service::Smtp, &section.url)?;
    endpoint.ca_file = section.ca_file.clone();
    let password = config.passwords.for_endpoint(&endpoint)?;
    Ok(Smtp::new(endpoint, password))
}

/// A logged-in IMAP account with its Sent folder settings.
pub struct ImapAccount {
    pub imap: Imap,
    pub sent_folder: Option<String>,
    pub save_sent: bool,
}

/// The IMAP account from the settings, logged in; None when none is set up.
pub async fn imap_of(config: &MailConfig) -> Result<Option<ImapAccount>, ActionsError> {
    let Some(section) = &config.imap else {
        return Ok(None);
    };
    let mut endpoint = Endpoint::parse(Service::Imap, &section.url)?;
    endpoint.ca_file = section.ca_file.clone();
    let password = config.passwords.for_endpoint(&endpoint)?;
    let imap = Imap::connect(endpoint, password).await?;
    Ok(Some(ImapAccount {
        imap,
        sent_folder: section.sent_folder.clone(),
        save_sent: section.save_sent,
    }))
}

/// Where to file copies of sent mail, when the account is set up with `save_sent`: its Sent
/// folder, named or found. None when there is nowhere to file them (the caller can say so
/// when `save_sent` was asked for).
pub async fn sent_copy(
    account: &mut Option<ImapAccount>,
) -> Result<Option<SentCopy<'_>>, ActionsError> {
    let Some(account) = account.as_mut().filter(|a| a.save_sent) else {
        return Ok(None);
    };
    let folder = match account.sent_folder.clone() {
        Some(f) => f,
        None => match account.imap.sent_folder().await? {
            Some(f) => f,
            None => return Ok(None),
        },
    };
    Ok(Some(SentCopy {
        imap: &mut account.imap,
        folder,
    }))
}
