//! Fuzzes the reading of mail that comes back: any bytes may arrive in an inbox, and reading
//! them (headers, thread ids, auto-reply flags, return dates, proposed outcomes) must never
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    let received = jiff::civil::date(2026, 3, 10);
    if let Some(mail) = followup_mail::inbound::parse_incoming(raw) {
        let _ = followup_mail::inbound::return_date(&mail.text, received);
        let _ = followup_mail::inbound::propose(&mail.text, received);
        let _ = followup_mail::inbound::excerpt(&mail.text);
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        let _ = followup_mail::inbound::return_date(text, received);
        let _ = followup_mail::inbound::date_after(text, received);
        let _ = followup_mail::headers::header_text(text);
    }
});
