//! Contacts (vCard 3 and 4, RFC 2426 and 6350, and leniently 2.1) as interviewers.
//!
//! Address books disagree on details, so reading is forgiving where meaning is clear and strict
//! only where a contact would be useless or wrong:
//!
//! - Lines are read through the content-line grammar shared with iCalendar
//!   ([`crate::ics`]): folding, groups (`item1.EMAIL`), parameters with quoted values, RFC 6868
//!   caret escapes, text escapes, a BOM, CRLF or LF. vCard 2.1's bare types (`TEL;WORK:`) and
//!   quoted-printable values (UTF-8 or Latin-1) are read too.
//! - A card needs a name: `FN`, or else given and family names from `N`. A card with neither,
//!   a card never closed by `END:VCARD`, and non-blank text outside any card are rejected with
//!   the line where they start (one rejection for each stretch of stray text).
//! - Emails and phones are ordered most preferred first (`PREF=1` in vCard 4, `TYPE=pref` in
//!   3 and 2.1), otherwise as written; exact duplicates (ignoring case) are dropped.
//! - A LinkedIn profile is the first `URL`, `IMPP`, `SOCIALPROFILE` or `X-…` value that
//!   mentions `linkedin.com`; a missing scheme becomes `https://`.
//! - Lines inside a card that are not content lines are skipped: they are usually the tail of a
//!   badly folded photo or note, and the rest of the card is still good.

use std::borrow::Cow;

use serde::Serialize;

use crate::Rejected;
use crate::ics::content::{
    self, Component, Property, split_unescaped, strip_prefix_ignore_case, unescape,
};

/// A contact, in the terms followup uses for an interviewer.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Card {
    /// The 1-based line of the card's `BEGIN:VCARD`.
    pub line: u64,
    /// `FN`, else given and family names from `N`.
    pub name: String,
    /// The honorific prefix from `N`, such as "Dr.".
    pub title: Option<String>,
    /// `TITLE`: the person's role.
    pub job_title: Option<String>,
    /// The first component of `ORG`.
    pub organization: Option<String>,
    /// Most preferred first.
    pub emails: Vec<String>,
    /// Most preferred first, with any `tel:` prefix stripped.
    pub phones: Vec<String>,
    pub linkedin: Option<String>,
    pub note: Option<String>,
}

/// Reads every card in `text`, in order; rejected entries come out sorted by line.
pub fn parse_vcards(text: &str) -> (Vec<Card>, Vec<Rejected>) {
    let root = content::parse_components(text);
    let mut cards = Vec::new();
    let mut rejected = Vec::new();
    // Each line outside a card (false) or where a card begins (true), so stray text can be
    // reported once per stretch between cards.
    let mut marks: Vec<(u64, bool)> = root
        .properties
        .iter()
        .map(|p| (p.line, false))
        .chain(root.stray.iter().map(|&line| (line, false)))
        .collect();

    for child in &root.children {
        if child.name != "VCARD" {
            marks.push((child.line, false));
            continue;
        }
        marks.push((child.line, true));
        if !child.closed {
            rejected.push(Rejected::new(
                child.line,
                "a card never closed by END:VCARD",
            ));
            continue;
        }
        match read_card(child) {
            Ok(card) => cards.push(card),
            Err(reason) => rejected.push(Rejected::new(child.line, reason)),
        }
    }

    marks.sort_unstable();
    let mut stretch: Option<(u64, u64)> = None;
    let flush = |stretch: Option<(u64, u64)>, rejected: &mut Vec<Rejected>| {
        if let Some((first, last)) = stretch {
            let reason = if first == last {
                "text outside any card".to_string()
            } else {
                format!("text outside any card (lines {first}–{last})")
            };
            rejected.push(Rejected::new(first, reason));
        }
    };
    for (line, is_card) in marks {
        if is_card {
            flush(stretch.take(), &mut rejected);
        } else {
            stretch = Some(stretch.map_or((line, line), |(first, _)| (first, line)));
        }
    }
    flush(stretch, &mut rejected);

    rejected.sort_by_key(|r| r.line);
    (cards, rejected)
}

fn read_card(component: &Component) -> Result<Card, String> {
    let mut card = Card {
        line: component.line,
        ..Card::default()
    };
    let mut full_name = None;
    let mut structured = None;
    let mut emails = Vec::new();
    let mut phones = Vec::new();
    let mut notes = Vec::new();

    for p in &component.properties {
        let raw = raw_value(p);
        let text = || unescape(&raw).trim().to_string();
        match p.name.as_str() {
            "FN" if full_name.is_none() => full_name = Some(text()).filter(|t| !t.is_empty()),
            "N" if structured.is_none() => structured = Some(StructuredName::read(&raw)),
            "TITLE" if card.job_title.is_none() => {
                card.job_title = Some(text()).filter(|t| !t.is_empty());
            }
            "ORG" if card.organization.is_none() => {
                card.organization = split_unescaped(&raw, ';')
                    .first()
                    .map(|org| unescape(org).trim().to_string())
                    .filter(|org| !org.is_empty());
            }
            "EMAIL" => {
                let email = text();
                let email = strip_prefix_ignore_case(&email, "mailto:").unwrap_or(&email);
                emails.push((preference(p), email.trim().to_string()));
            }
            "TEL" => {
                let phone = text();
                let phone = strip_prefix_ignore_case(&phone, "tel:").unwrap_or(&phone);
                phones.push((preference(p), phone.trim().to_string()));
            }
            "NOTE" => notes.push(text()),
            name if card.linkedin.is_none()
                && (matches!(name, "URL" | "IMPP" | "SOCIALPROFILE") || name.starts_with("X-")) =>
            {
                let url = text();
                if url.to_ascii_lowercase().contains("linkedin.com") {
                    card.linkedin = Some(if url.contains("://") {
                        url
                    } else {
                        format!("https://{url}")
                    });
                }
            }
            _ => {}
        }
    }

    let structured = structured.unwrap_or_default();
    card.name = match full_name {
        Some(name) => name,
        None => [structured.given.as_str(), structured.family.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    if card.name.is_empty() {
        return Err("a card with no name: neither FN nor N gives one".to_string());
    }
    card.title = Some(structured.prefix).filter(|prefix| !prefix.is_empty());
    card.emails = by_preference(emails);
    card.phones = by_preference(phones);
    notes.retain(|note| !note.is_empty());
    card.note = (!notes.is_empty()).then(|| notes.join("\n"));
    Ok(card)
}

/// The parts of `N` a name is built from.
#[derive(Default)]
struct StructuredName {
    family: String,
    given: String,
    prefix: String,
}

impl StructuredName {
    /// Reads `Family;Given;Additional;Prefix;Suffix`, where each part may list several
    /// values separated by commas ("Mary,Ann" for two given names).
    fn read(raw: &str) -> StructuredName {
        let parts = split_unescaped(raw, ';');
        let part = |index: usize| {
            parts.get(index).map_or_else(String::new, |part| {
                split_unescaped(part, ',')
                    .into_iter()
                    .map(|value| unescape(value).trim().to_string())
                    .filter(|value| !value.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        StructuredName {
            family: part(0),
            given: part(1),
            prefix: part(3),
        }
    }
}

/// Lower ranks first: `PREF=n` ranks n (1 is most preferred), `TYPE=pref` ranks 1, the rest
/// come after.
fn preference(p: &Property) -> u32 {
    match p.param("PREF").and_then(|n| n.trim().parse::<u32>().ok()) {
        Some(rank) => rank.clamp(1, 100),
        None if p.has_param_value("TYPE", "pref") => 1,
        None => 101,
    }
}

fn by_preference(mut values: Vec<(u32, String)>) -> Vec<String> {
    values.sort_by_key(|(rank, _)| *rank);
    let mut out: Vec<String> = Vec::new();
    for (_, value) in values {
        if !value.is_empty() && !out.iter().any(|seen| seen.eq_ignore_ascii_case(&value)) {
            out.push(value);
        }
    }
    out
}

/// The value as written, or decoded when vCard 2.1 sent it quoted-printable.
fn raw_value(p: &Property) -> Cow<'_, str> {
    let quoted_printable = p
        .param("ENCODING")
        .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
        || p.has_param_value("TYPE", "QUOTED-PRINTABLE");
    if !quoted_printable {
        return Cow::Borrowed(&p.value);
    }
    let bytes = decode_quoted_printable(&p.value);
    let latin1 = p.param("CHARSET").is_some_and(|c| {
        ["ISO-8859-1", "LATIN1", "WINDOWS-1252"]
            .iter()
            .any(|name| c.eq_ignore_ascii_case(name))
    });
    if latin1 {
        Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())
    } else {
        Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn decode_quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|pair| std::str::from_utf8(pair).ok())
                .and_then(|pair| u8::from_str_radix(pair, 16).ok());
            match hex {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                    continue;
                }
                // A soft line break that unfolding left at the very end.
                None if i + 1 == bytes.len() => break,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cards(text: &str) -> Vec<Card> {
        let (cards, rejected) = parse_vcards(text);
        assert_eq!(rejected, [], "{text}");
        cards
    }

    #[test]
    fn name_falls_back_to_n_and_takes_the_prefix() {
        let card = &cards("BEGIN:VCARD\nVERSION:3.0\nN:Quist;Amara;J.;Dr.;PhD\nEND:VCARD\n")[0];
        assert_eq!(card.name, "Amara Quist");
        assert_eq!(card.title.as_deref(), Some("Dr."));
    }

    #[test]
    fn n_parts_may_hold_several_values() {
        let card = &cards("BEGIN:VCARD\nN:van Dijk;Mary,Ann;;Prof.,Dr.;\nEND:VCARD\n")[0];
        assert_eq!(card.name, "Mary Ann van Dijk");
        assert_eq!(card.title.as_deref(), Some("Prof. Dr."));
    }

    #[test]
    fn fn_wins_over_n() {
        let card = &cards("begin:vcard\nn:Doe;Jan\nfn:Jan Doe-Smith\nend:vcard\n")[0];
        assert_eq!(card.name, "Jan Doe-Smith");
    }

    #[test]
    fn preferred_first_and_duplicates_dropped() {
        let card = &cards(concat!(
            "BEGIN:VCARD\nFN:A\n",
            "EMAIL;TYPE=home:home@example.test\n",
            "EMAIL;PREF=2:second@example.test\n",
            "EMAIL;TYPE=\"work,pref\":work@example.test\n",
            "EMAIL:HOME@example.test\n",
            "TEL;TYPE=cell:+44 7700 900123\n",
            "TEL;PREF=1;VALUE=uri:tel:+44-20-7946-0000\n",
            "END:VCARD\n",
        ))[0];
        assert_eq!(
            card.emails,
            [
                "work@example.test",
                "second@example.test",
                "home@example.test"
            ]
        );
        assert_eq!(card.phones, ["+44-20-7946-0000", "+44 7700 900123"]);
    }

    #[test]
    fn reads_vcard_21_quoted_printable_and_bare_types() {
        let card = &cards(concat!(
            "BEGIN:VCARD\r\nVERSION:2.1\r\n",
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg\r\n",
            "TEL;WORK;VOICE;PREF:+49 30 1234567\r\n",
            "TEL;CELL:+49 170 0000000\r\n",
            "NOTE;QUOTED-PRINTABLE:First line=0D=0Asecond =\r\nline\r\n",
            "ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 GmbH\r\n",
            "END:VCARD\r\n",
        ))[0];
        assert_eq!(card.name, "Jörg Müller");
        assert_eq!(card.phones, ["+49 30 1234567", "+49 170 0000000"]);
        assert_eq!(card.note.as_deref(), Some("First line\r\nsecond line"));
        assert_eq!(card.organization.as_deref(), Some("Café GmbH"));
    }

    #[test]
    fn decodes_quoted_printable_leniently() {
        assert_eq!(decode_quoted_printable("a=3Db=zz="), b"a=b=zz");
    }

    #[test]
    fn linkedin_from_social_profile_gets_a_scheme() {
        let card = &cards(concat!(
            "BEGIN:VCARD\nFN:A\nURL:https://example.test\n",
            "X-SOCIALPROFILE;TYPE=linkedin:www.linkedin.com/in/a-person\n",
            "END:VCARD\n",
        ))[0];
        assert_eq!(
            card.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/a-person")
        );
    }

    #[test]
    fn rejects_nameless_unclosed_and_stray_text() {
        let (cards, rejected) = parse_vcards(concat!(
            "hello\n",                                     // 1
            "there\n",                                     // 2
            "BEGIN:VCARD\nN:;;;;\nEMAIL:x@y\nEND:VCARD\n", // 3-6
            "\n",                                          // 7
            "END:VCARD\n",                                 // 8
            "BEGIN:VCARD\nFN:Open\n",                      // 9-10
            "BEGIN:VCARD\nFN:Fine\nEND:VCARD\n",           // 11-13
        ));
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].name, "Fine");
        assert_eq!(
            rejected,
            [
                Rejected::new(1, "text outside any card (lines 1–2)"),
                Rejected::new(3, "a card with no name: neither FN nor N gives one"),
                Rejected::new(8, "text outside any card"),
                Rejected::new(9, "a card never closed by END:VCARD"),
            ]
        );
    }

    #[test]
    fn empty_and_blank_input_gives_nothing() {
        assert_eq!(parse_vcards(""), (vec![], vec![]));
        assert_eq!(parse_vcards("\u{feff}\r\n \r\n\t\n"), (vec![], vec![]));
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("BEGIN:VCARD".to_string()),
            Just("END:VCARD".to_string()),
            Just("VERSION:4.0".to_string()),
            Just(" folded\\,".to_string()),
            "(item[0-9]\\.)?FN:.{0,10}",
            "N:[a-z;,\\\\]{0,12}",
            "EMAIL(;TYPE=\"?[a-z,]{0,8}\"?)?(;PREF=[0-9]{1,3})?:[a-z@.]{0,10}",
            "TEL(;VALUE=uri)?:(tel:)?[0-9+ -]{0,10}",
            "NOTE;ENCODING=QUOTED-PRINTABLE:[=0-9A-F]{0,10}",
            "URL:(https://)?(linkedin\\.com)?[a-z/\\\\:]{0,8}",
            ".{0,20}",
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            let _ = parse_vcards(&text);
        }

        #[test]
        fn arbitrary_cards_never_panic(
            lines in proptest::collection::vec(fragment(), 0..40),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let (cards, rejected) = parse_vcards(&text);
            prop_assert!(cards.iter().all(|c| !c.name.is_empty()));
            prop_assert!(rejected.windows(2).all(|w| w[0].line <= w[1].line));
        }
    }
}
