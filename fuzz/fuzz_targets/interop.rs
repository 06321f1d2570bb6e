//! Fuzzes the readers of other tools' exports: any bytes may be handed to `followup import`
//! as a tracker CSV, a calendar or contacts, and reading them must never panic.
#![no_main]

use followup_interop::tracker_csv::{self, Mapping, Preset};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    if let Ok(headers) = tracker_csv::headers(raw) {
        for preset in [Preset::Huntr, Preset::Teal, Preset::Generic] {
            if let Ok(mapping) = Mapping::new(&headers, None, preset) {
                let _ = tracker_csv::read_rows(raw, &mapping, |_| {});
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        let zone = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
        let _ = followup_interop::ics::parse_events(text, &zone);
        let _ = followup_interop::vcard::parse_vcards(text);
        let _ = tracker_csv::date(text);
        let _ = tracker_csv::stage(text);
    }
});
