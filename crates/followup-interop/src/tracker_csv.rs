//! Job-tracker spreadsheets (CSV) as applications: each row one application, its columns
//! mapped to followup's fields by name, by a preset for a known tracker, or by a guess.

use std::collections::HashMap;

use followup_core::{Application, Stage, validate};
use jiff::civil::Date;
use serde::Serialize;
use thiserror::Error;

use crate::Rejected;

/// A field of an application a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Company,
    Role,
    Industry,
    Stage,
    Source,
    Notes,
    /// The day the application was sent; it becomes the application's creation date.
    Applied,
    /// The posting's address, kept in the notes.
    Url,
    /// Where the job is, kept in the notes.
    Location,
}

impl Target {
    const ALL: [(&'static str, Target); 9] = [
        ("company", Target::Company),
        ("role", Target::Role),
        ("industry", Target::Industry),
        ("stage", Target::Stage),
        ("source", Target::Source),
        ("notes", Target::Notes),
        ("applied", Target::Applied),
        ("url", Target::Url),
        ("location", Target::Location),
    ];

    fn parse(word: &str) -> Option<Target> {
        let word = word.trim().to_ascii_lowercase();
        Self::ALL
            .iter()
            .find(|(name, _)| *name == word)
            .map(|(_, t)| *t)
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(name, _)| *name)
            .unwrap_or("?")
    }
}

/// Spreadsheets whose column names are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Huntr,
    Teal,
    /// Any spreadsheet whose headers say plainly what they hold ("Company", "Job Title" …).
    Generic,
}

impl Preset {
    pub const NAMES: [&'static str; 3] = ["huntr", "teal", "generic"];

    pub fn parse(word: &str) -> Option<Preset> {
        match word.trim().to_ascii_lowercase().as_str() {
            "huntr" => Some(Preset::Huntr),
            "teal" => Some(Preset::Teal),
            "generic" => Some(Preset::Generic),
            _ => None,
        }
    }

    /// For each target, the headers that may hold it, most specific first (compared without
    /// case, spaces or punctuation).
    fn headers(self) -> &'static [(Target, &'static [&'static str])] {
        match self {
            Preset::Huntr => &[
                (Target::Company, &["company", "companyname", "employer"]),
                (Target::Role, &["jobtitle", "title", "position"]),
                (Target::Stage, &["list", "status", "stage"]),
                (Target::Notes, &["notes", "note"]),
                (Target::Url, &["url", "joburl", "link"]),
                (Target::Location, &["location"]),
                (
                    Target::Applied,
                    &["dateapplied", "applied", "createdat", "created"],
                ),
                (Target::Source, &["source"]),
            ],
            Preset::Teal => &[
                (Target::Company, &["company", "companyname"]),
                (
                    Target::Role,
                    &["jobposition", "position", "jobtitle", "title"],
                ),
                (Target::Stage, &["status", "stage"]),
                (
                    Target::Applied,
                    &["dateapplied", "applieddate", "datesaved"],
                ),
                (Target::Notes, &["notes", "note"]),
                (Target::Url, &["url", "joburl", "postingurl", "link"]),
                (Target::Location, &["location"]),
                (Target::Source, &["source"]),
                (Target::Industry, &["industry"]),
            ],
            Preset::Generic => &[
                (
                    Target::Company,
                    &[
                        "company",
                        "companyname",
                        "employer",
                        "organization",
                        "organisation",
                    ],
                ),
                (
                    Target::Role,
                    &[
                        "role",
                        "jobtitle",
                        "title",
                        "position",
                        "jobposition",
                        "job",
                    ],
                ),
                (Target::Industry, &["industry", "sector"]),
                (Target::Stage, &["stage", "status", "list"]),
                (Target::Source, &["source", "foundvia", "referral"]),
                (Target::Notes, &["notes", "note", "comments", "comment"]),
                (
                    Target::Applied,
                    &[
                        "applied",
                        "dateapplied",
                        "applieddate",
                        "applicationdate",
                        "date",
                    ],
                ),
                (
                    Target::Url,
                    &["url", "link", "joburl", "posting", "postingurl"],
                ),
                (Target::Location, &["location", "city", "place"]),
            ],
        }
    }
}

/// Text compared the forgiving way, letters and digits only, lower-cased: "Job Title",
/// "job_title" and "JOB-TITLE" agree, and so do "ACME Corp." and "acme corp".
pub fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column fills which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    columns: Vec<(usize, Target)>,
}

impl Mapping {
    /// The columns named in `--map 'Header=target,…'`, or found by the preset's header names;
    /// an explicit pair wins over the preset for its target.
    pub fn new(
        headers: &[String],
        explicit: Option<&str>,
        preset: Preset,
    ) -> Result<Mapping, MappingError> {
        if headers.iter().all(|h| h.trim().is_empty()) {
            return Err(MappingError::Empty);
        }
        let mut columns: Vec<(usize, Target)> = Vec::new();
        if let Some(spec) = explicit {
            for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (header, target) = pair
                    .rsplit_once('=')
                    .ok_or_else(|| MappingError::Pair(pair.to_string()))?;
                let target = Target::parse(target).ok_or_else(|| MappingError::Target {
                    target: target.trim().to_string(),
                })?;
                let index = headers
                    .iter()
                    .position(|h| h.trim() == header.trim())
                    .or_else(|| headers.iter().position(|h| folded(h) == folded(header)))
                    .ok_or_else(|| MappingError::Header {
                        header: header.trim().to_string(),
                        headers: headers.to_vec(),
                    })?;
                if let Some((_, other)) = columns.iter().find(|(i, _)| *i == index) {
                    return Err(MappingError::Twice(format!(
                        "the column {:?} is mapped to both {} and {}",
                        headers[index],
                        other.as_str(),
                        target.as_str()
                    )));
                }
                if columns.iter().any(|(_, t)| *t == target) {
                    return Err(MappingError::Twice(format!(
                        "two columns are mapped to {}",
                        target.as_str()
                    )));
                }
                columns.push((index, target));
            }
        }
        let folded_headers: Vec<String> = headers.iter().map(|h| folded(h)).collect();
        for (target, names) in preset.headers() {
            if columns.iter().any(|(_, t)| t == target) {
                continue;
            }
            let found = names.iter().find_map(|name| {
                folded_headers
                    .iter()
                    .position(|h| h == name)
                    .filter(|i| !columns.iter().any(|(c, _)| c == i))
            });
            if let Some(index) = found {
                columns.push((index, *target));
            }
        }
        for needed in [Target::Company, Target::Role] {
            if !columns.iter().any(|(_, t)| *t == needed) {
                return Err(MappingError::Missing {
                    target: needed.as_str(),
                    headers: headers.to_vec(),
                });
            }
        }
        columns.sort_by_key(|(i, _)| *i);
        Ok(Mapping { columns })
    }

    /// Which header fills which field, for showing the user.
    pub fn describe(&self, headers: &[String]) -> Vec<(String, Target)> {
        self.columns
            .iter()
            .map(|(i, t)| (headers.get(*i).cloned().unwrap_or_default(), *t))
            .collect()
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum MappingError {
    #[error("--map: {0:?} is not Header=field")]
    Pair(String),
    #[error(
        "--map: {target:?} is not a field; use company, role, industry, stage, source, notes, applied, url or location"
    )]
    Target { target: String },
    #[error(
        "--map: the file has no column {header:?}; its columns are {}",
        list(headers)
    )]
    Header {
        header: String,
        headers: Vec<String>,
    },
    #[error(
        "no column gives the {target}; the file's columns are {}",
        list(headers)
    )]
    Missing {
        target: &'static str,
        headers: Vec<String>,
    },
    #[error("--map: {0}")]
    Twice(String),
    #[error("the file is empty: it has no header line naming its columns")]
    Empty,
    #[error("cannot read the CSV: {0}")]
    Csv(String),
}

fn list(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| format!("{h:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row read: an application without an id yet, and the day it was sent, if given.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerRow {
    /// The 1-based line where the row starts.
    pub line: u64,
    pub application: Application,
    pub applied: Option<Date>,
}

/// The headers of a CSV file (a UTF-8 byte-order mark is dropped).
pub fn headers(bytes: &[u8]) -> Result<Vec<String>, MappingError> {
    let mut reader = reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| MappingError::Csv(e.to_string()))?;
    Ok(headers.iter().map(str::to_string).collect())
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes)
}

/// The separator the header line uses most, outside quotes: a comma, or the semicolon that
/// spreadsheets write where the comma is the decimal mark, or a tab.
pub fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(d, _)| d == b) {
            count.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Reads every row; a row that cannot be an application is rejected with its line and why,
/// and the others are kept. `on_row` is told of each row read (for a progress bar).
pub fn read_rows(
    bytes: &[u8],
    mapping: &Mapping,
    mut on_row: impl FnMut(u64),
) -> Result<(Vec<TrackerRow>, Vec<Rejected>), MappingError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = reader(text);
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut record = csv::StringRecord::new();
    // The header first, so that the first row's position is its own.
    reader
        .headers()
        .map_err(|e| MappingError::Csv(e.to_string()))?;
    // Lines are counted from the bytes themselves: a quoted line break (LF or CRLF) inside a
    // field is a line of the file like any other.
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        // After a CRLF the reader's position is at the LF, which still ends the line before.
        if text.get(byte) == Some(&b'\n') {
            byte += 1;
        }
        if byte > counted.0 {
            counted.1 += text[counted.0..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted.0 = byte;
        }
        counted.1
    };
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_at(record.position().map_or(start, |p| p.byte()));
                on_row(line);
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                match row(&record, mapping) {
                    Ok((application, applied)) => rows.push(TrackerRow {
                        line,
                        application,
                        applied,
                    }),
                    Err(reason) => rejected.push(Rejected::new(line, reason)),
                }
            }
            Err(e) => {
                let line = line_at(e.position().map_or(start, |p| p.byte()));
                match e.kind() {
                    // Bad UTF-8 spoils one row, not the file.
                    csv::ErrorKind::Utf8 { .. } => {
                        rejected.push(Rejected::new(line, "it is not valid UTF-8 text"));
                    }
                    _ => return Err(MappingError::Csv(e.to_string())),
                }
            }
        }
    }
    Ok((rows, rejected))
}

fn row(
    record: &csv::StringRecord,
    mapping: &Mapping,
) -> Result<(Application, Option<Date>), String> {
    let mut app = Application {
        id: String::new(),
        company: String::new(),
        role: String::new(),
        industry: None,
        culture: None,
        prefers_no_calls: false,
        stage: Stage::Applied,
        source: None,
        notes: None,
        archived: false,
    };
    let mut applied = None;
    let mut notes: Vec<String> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    for (index, target) in &mapping.columns {
        let value = record.get(*index).unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        let field = target.as_str();
        let one_line = |v: &str| -> Result<String, String> {
            validate::text(field, v, false).map_err(|e| e.to_string())?;
            Ok(v.to_string())
        };
        match target {
            Target::Company => app.company = one_line(value)?,
            Target::Role => app.role = one_line(value)?,
            Target::Industry => app.industry = Some(one_line(value)?),
            Target::Source => app.source = Some(one_line(value)?),
            Target::Stage => app.stage = stage(value)?,
            Target::Applied => applied = Some(date(value)?),
            Target::Notes => {
                validate::text(field, value, true).map_err(|e| e.to_string())?;
                notes.push(value.replace("\r\n", "\n"));
            }
            Target::Url => extra.push(format!("Posting: {}", one_line(value)?)),
            Target::Location => extra.push(format!("Location: {}", one_line(value)?)),
        }
    }
    if app.company.is_empty() {
        return Err("the company is empty".into());
    }
    if app.role.is_empty() {
        return Err("the role is empty".into());
    }
    notes.extend(extra);
    if !notes.is_empty() {
        app.notes = Some(notes.join("\n"));
    }
    Ok((app, applied))
}

/// A tracker's status in followup's stages. Trackers have stages before applying
/// (wishlist, bookmarked): those rows are counted as applied, the nearest there is.
pub fn stage(value: &str) -> Result<Stage, String> {
    let word = folded(value);
    let stage = match word.as_str() {
        "applied" | "applying" | "wishlist" | "bookmarked" | "saved" | "planned" | "new"
        | "noresponse" | "submitted" | "pending" => Stage::Applied,
        "interview" | "interviews" | "interviewing" | "phonescreen" | "screening" | "onsite"
        | "inprogress" => Stage::Interviewing,
        "offer" | "offered" | "negotiating" | "negotiation" => Stage::Offer,
        "accepted" | "hired" | "offeraccepted" => Stage::Accepted,
        "rejected" | "notselected" | "declinedbyemployer" | "rejection" | "closed" => {
            Stage::Rejected
        }
        "withdrawn" | "iwithdrew" | "withdrew" | "declined" | "archived" => Stage::Withdrawn,
        _ => {
            return value.parse::<Stage>().map_err(|_| {
                format!(
                    "the stage {value:?} is not one followup knows; use applied, interviewing, offer, accepted, rejected or withdrawn (or a tracker's word for one)"
                )
            });
        }
    };
    Ok(stage)
}

/// A date as trackers write them: 2026-03-02, 2026/03/02, 3/2/2026 (US order), 2 Mar 2026,
/// March 2, 2026, or an RFC 3339 instant (its date is taken).
pub fn date(value: &str) -> Result<Date, String> {
    let value = value.trim();
    let bad =
        || format!("{value:?} is not a date; write it as YYYY-MM-DD (2026-03-02) or M/D/YYYY");
    if let Ok(d) = value.parse::<Date>() {
        return Ok(d);
    }
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    if let Ok(dt) = value.parse::<jiff::civil::DateTime>() {
        return Ok(dt.date());
    }
    let numbers: Vec<&str> = value.split(['/', '-', '.']).collect();
    if numbers.len() == 3
        && numbers
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_digit()))
    {
        let n: Vec<i32> = numbers.iter().filter_map(|n| n.parse().ok()).collect();
        if n.len() == 3 {
            let (y, m, d) = if numbers[0].len() == 4 {
                (n[0], n[1], n[2])
            } else {
                (n[2], n[0], n[1])
            };
            let y = if y < 100 { 2000 + y } else { y };
            let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
                return Err(bad());
            };
            return Date::new(y, m, d).map_err(|_| bad());
        }
    }
    for format in [
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
    ] {
        if let Ok(d) = Date::strptime(format, value) {
            return Ok(d);
        }
    }
    Err(bad())
}

/// A key to notice the same application twice: company and role, without case or spacing.
pub fn same_key(company: &str, role: &str) -> (String, String) {
    (folded(company), folded(role))
}

/// Applications already known, by [`same_key`], for telling new rows from repeated ones.
pub fn known_keys<'a>(
    apps: impl IntoIterator<Item = &'a Application>,
) -> HashMap<(String, String), String> {
    apps.into_iter()
        .map(|a| (same_key(&a.company, &a.role), a.id.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, map: Option<&str>, preset: Preset) -> (Vec<TrackerRow>, Vec<Rejected>) {
        let headers = headers(text.as_bytes()).unwrap();
        let mapping = Mapping::new(&headers, map, preset).unwrap();
        read_rows(text.as_bytes(), &mapping, |_| {}).unwrap()
    }

    #[test]
    fn a_bom_and_quoted_newlines_are_read_with_their_lines() {
        let text = "\u{feff}Company,Job Title,Status,Notes,Date Applied\n\
                    Acme,Data Engineer,Interviewing,\"first line\nsecond line\",2026-03-02\n\
                    Globex,,Applied,,\n\
                    Initech,Analyst,Ghosted,,\n\
                    Hooli,Engineer,Offer,,3/9/2026\n";
        let (rows, rejected) = read(text, None, Preset::Generic);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].application.company, "Acme");
        assert_eq!(rows[0].application.stage, Stage::Interviewing);
        assert_eq!(
            rows[0].application.notes.as_deref(),
            Some("first line\nsecond line")
        );
        assert_eq!(rows[0].applied, Some(jiff::civil::date(2026, 3, 2)));
        assert_eq!(rows[1].line, 6, "the quoted line break counts");
        assert_eq!(rows[1].applied, Some(jiff::civil::date(2026, 3, 9)));
        assert_eq!(
            rejected,
            [
                Rejected::new(4, "the role is empty"),
                Rejected::new(
                    5,
                    "the stage \"Ghosted\" is not one followup knows; use applied, interviewing, offer, accepted, rejected or withdrawn (or a tracker's word for one)"
                ),
            ]
        );
    }

    #[test]
    fn semicolons_and_tabs_are_found_from_the_header() {
        let semi = "Company;Role;Notes\nAcme;Engineer;\"a, b; c\"\n";
        let (rows, _) = read(semi, None, Preset::Generic);
        assert_eq!(rows[0].application.notes.as_deref(), Some("a, b; c"));
        let tabs = "Company\tJob Title\nAcme\tEngineer\n";
        let (rows, _) = read(tabs, None, Preset::Generic);
        assert_eq!(rows[0].application.role, "Engineer");
        assert_eq!(delimiter(b"\"A;B\",C\n"), b',');
        assert_eq!(delimiter(b""), b',');
    }

    #[test]
    fn a_column_or_a_field_named_twice_is_refused() {
        let headers = headers(b"Company,Role\n").unwrap();
        let twice = Mapping::new(
            &headers,
            Some("Company=company,Company=role"),
            Preset::Generic,
        );
        assert!(matches!(twice, Err(MappingError::Twice(_))), "{twice:?}");
        let twice = Mapping::new(
            &headers,
            Some("Company=company,Role=company"),
            Preset::Generic,
        );
        assert!(matches!(twice, Err(MappingError::Twice(_))), "{twice:?}");
        assert_eq!(
            Mapping::new(&headers_of(b""), None, Preset::Generic),
            Err(MappingError::Empty)
        );
    }

    fn headers_of(bytes: &[u8]) -> Vec<String> {
        headers(bytes).unwrap_or_default()
    }

    #[test]
    fn crlf_inside_quotes_counts_as_a_line() {
        let text = "Company,Role,Notes\r\nAcme,Engineer,\"one\r\ntwo\"\r\nGlobex,,\r\n";
        let (rows, rejected) = read(text, None, Preset::Generic);
        assert_eq!(rows.len(), 1, "{rows:?} {rejected:?}");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rejected, [Rejected::new(4, "the role is empty")]);
    }

    #[test]
    fn an_explicit_map_wins_and_bad_maps_say_what_is_there() {
        let text = "Employer,What,Where\nAcme,Engineer,Berlin\n";
        let headers = headers(text.as_bytes()).unwrap();
        assert!(matches!(
            Mapping::new(&headers, None, Preset::Generic),
            Err(MappingError::Missing { target: "role", .. })
        ));
        let mapping =
            Mapping::new(&headers, Some("What=role, Where=location"), Preset::Generic).unwrap();
        let (rows, _) = read_rows(text.as_bytes(), &mapping, |_| {}).unwrap();
        assert_eq!(rows[0].application.role, "Engineer");
        assert_eq!(
            rows[0].application.notes.as_deref(),
            Some("Location: Berlin")
        );
        let err = Mapping::new(&headers, Some("Salary=notes"), Preset::Generic).unwrap_err();
        assert!(
            err.to_string()
                .contains("\"Employer\", \"What\", \"Where\""),
            "{err}"
        );
        assert!(Mapping::new(&headers, Some("What=pay"), Preset::Generic).is_err());
        assert!(Mapping::new(&headers, Some("What"), Preset::Generic).is_err());
    }

    #[test]
    fn presets_know_their_trackers() {
        let huntr = "Company,Job Title,List,URL,Location\nAcme,SRE,Wishlist,https://acme.example/jobs/1,Remote\n";
        let (rows, rejected) = read(huntr, None, Preset::Huntr);
        assert!(rejected.is_empty());
        assert_eq!(rows[0].application.role, "SRE");
        assert_eq!(
            rows[0].application.notes.as_deref(),
            Some("Posting: https://acme.example/jobs/1\nLocation: Remote")
        );
        let teal =
            "Company,Job Position,Status,Date Applied\nGlobex,Analyst,Not Selected,Mar 2 2026\n";
        let (rows, _) = read(teal, None, Preset::Teal);
        assert_eq!(rows[0].application.stage, Stage::Rejected);
        assert_eq!(rows[0].applied, Some(jiff::civil::date(2026, 3, 2)));
    }

    #[test]
    fn dates_in_the_forms_trackers_write() {
        for (text, want) in [
            ("2026-03-02", (2026, 3, 2)),
            ("2026/03/02", (2026, 3, 2)),
            ("3/2/2026", (2026, 3, 2)),
            ("2 Mar 2026", (2026, 3, 2)),
            ("March 2, 2026", (2026, 3, 2)),
            ("2026-03-02T09:30:00Z", (2026, 3, 2)),
        ] {
            assert_eq!(
                date(text).unwrap(),
                jiff::civil::date(want.0, want.1, want.2),
                "{text}"
            );
        }
        assert!(date("2026-02-30").is_err());
        assert!(date("soon").is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(text in "\\PC{0,200}", map in "\\PC{0,40}") {
            if let Ok(headers) = headers(text.as_bytes()) {
                for preset in [Preset::Huntr, Preset::Teal, Preset::Generic] {
                    if let Ok(mapping) = Mapping::new(&headers, Some(&map), preset) {
                        let _ = read_rows(text.as_bytes(), &mapping, |_| {});
                    }
                }
            }
            let _ = date(&text);
            let _ = stage(&text);
        }
    }
}
