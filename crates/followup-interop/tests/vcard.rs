//! Reading hand-written address-book exports: a vCard 3.0 file as Apple Contacts and Google
//! write them (BOM, CRLF, folding, item groups, `TYPE=pref`), and a vCard 4.0 file (LF,
//! `PREF=1`, `tel:` URIs, quoted parameters), each with entries that must be rejected.

use followup_interop::Rejected;
use followup_interop::vcard::{Card, parse_vcards};

const V3: &str = include_str!("fixtures/contacts-v3.vcf");
const V4: &str = include_str!("fixtures/contacts-v4.vcf");

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

#[test]
fn vcard_3_with_folding_groups_escapes_and_pref() {
    let (cards, _) = parse_vcards(V3);
    assert_eq!(
        cards,
        [
            Card {
                line: 1,
                name: "Henrike Vos".into(),
                title: Some("Dr.".into()),
                job_title: Some("Head of Data Engineering, EMEA".into()),
                organization: Some("Brightwater Analytics".into()),
                emails: strings(&["henrike.vos@brightwater.example", "h.vos@mailbox.example"]),
                phones: strings(&["+49 151 2345 6789", "+49 30 555 0100"]),
                // Folded mid-word and with Apple's escaped colon.
                linkedin: Some("https://www.linkedin.com/in/henrike-vos-example".into()),
                note: Some(
                    "Met at the Berlin data meetup. Prefers mornings; replies fast.\nAsked about our migration to Postgres."
                        .into()
                ),
            },
            Card {
                line: 21,
                name: "Ruth Okafor".into(),
                title: None,
                job_title: Some("Senior Technical Recruiter".into()),
                organization: Some("Lumen Freight".into()),
                // TYPE=pref puts the home address first although it is written second.
                emails: strings(&["ruth.o@mailbox.example", "ruth.okafor@lumenfreight.example"]),
                phones: strings(&["+44 20 7946 0321"]),
                linkedin: None,
                note: None,
            },
        ]
    );
}

#[test]
fn vcard_3_rejects_the_nameless_card() {
    let (_, rejected) = parse_vcards(V3);
    assert_eq!(
        rejected,
        [Rejected::new(
            32,
            "a card with no name: neither FN nor N gives one"
        )]
    );
}

#[test]
fn vcard_4_with_pref_uris_and_quoted_params() {
    let (cards, _) = parse_vcards(V4);
    assert_eq!(
        cards,
        [
            Card {
                line: 1,
                name: "Priya Raman".into(),
                title: None,
                job_title: Some("Engineering Manager".into()),
                organization: Some("Kestrel Robotics".into()),
                emails: strings(&["priya@raman-family.example", "priya.raman@kestrel.example"]),
                // `tel:` stripped; the quoted X-LABEL holding `:` and `;` does not cut the value.
                phones: strings(&["+1-555-0199", "+1-555-0100;ext=42"]),
                linkedin: Some("https://www.linkedin.com/in/priya-raman-example/".into()),
                note: Some("Hiring for the perception team, Boston office.".into()),
            },
            Card {
                line: 17,
                // No FN: built from N, with the prefix as the title.
                name: "Tomas Lindqvist".into(),
                title: Some("Prof.".into()),
                job_title: None,
                organization: Some("Northgate Labs".into()),
                emails: strings(&["tomas.lindqvist@northgate.example"]),
                phones: vec![],
                linkedin: Some("https://linkedin.com/in/tlindqvist-example".into()),
                note: None,
            },
        ]
    );
}

#[test]
fn vcard_4_rejects_stray_text_and_the_unclosed_card() {
    let (_, rejected) = parse_vcards(V4);
    assert_eq!(
        rejected,
        [
            Rejected::new(15, "text outside any card"),
            Rejected::new(26, "a card never closed by END:VCARD"),
        ]
    );
}

#[test]
fn line_endings_do_not_change_the_result() {
    let lf = V3.replace("\r\n", "\n");
    assert_ne!(lf, V3);
    assert_eq!(parse_vcards(&lf), parse_vcards(V3));
    let crlf = V4.replace('\n', "\r\n");
    assert_eq!(parse_vcards(&crlf), parse_vcards(V4));
}
