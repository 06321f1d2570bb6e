//! Calendar events (iCalendar, RFC 5545) as interview rounds.
//!
//! An interview is a timed meeting, so an event becomes an [`Event`] only when it has a start
//! instant that can be known for certain. What is read, and the decisions behind it:
//!
//! - Times: UTC (`…Z`), a `TZID` that is an IANA name, a Windows name as Outlook and Exchange
//!   write them (mapped through a small table to IANA), a legacy vendor prefix such as
//!   `/mozilla.org/20050126_1/Europe/London` (the IANA tail is used), a `VTIMEZONE`
//!   carrying `X-LIC-LOCATION` or a single fixed offset, and floating local times, which are read
//!   in the zone the caller gives. Any other `TZID` rejects the event: guessing an offset would
//!   put the interview at the wrong hour, which is worse than asking.
//! - All-day events, cancelled events (`STATUS:CANCELLED` or a `METHOD:CANCEL` calendar), events
//!   without `DTSTART` and unclosed events are rejected with their line and reason. `VTODO`,
//!   `VJOURNAL`, `VFREEBUSY` and `VALARM` are ignored.
//! - Recurrence: `FREQ=DAILY` or `FREQ=WEEKLY`, with `INTERVAL`, `COUNT`, `UNTIL` and a single
//!   `BYDAY` that names `DTSTART`'s own weekday (what calendar apps write for "every week"),
//!   less any `EXDATE`. Occurrences keep the wall-clock time in the event's zone across DST, as
//!   a person would. At most [`MAX_OCCURRENCES`] are produced, so an endless series cannot
//!   flood the tracker. Every other rule (and `RDATE`, `EXRULE`) rejects the event, naming the
//!   rule.
//! - `occurrence` is the position in the series before `EXDATE`s are removed, so a later
//!   cancellation never renumbers the rounds already imported.
//! - `RECURRENCE-ID` overrides are applied: an override replaces the occurrence it names and
//!   keeps that occurrence's number; a cancelled override removes it (and is reported as
//!   cancelled). An override whose series is absent from the file (an invitation for one moved
//!   instance) is read as a single event; one whose series was rejected is rejected too.
//! - Attendees whose `CUTYPE` is `ROOM` or `RESOURCE` are left out: they are meeting rooms,
//!   not interviewers.
//! - An unparseable `DTEND` or `DURATION` rejects the event rather than silently dropping the
//!   end; a `DTEND` before `DTSTART` is ignored as an authoring slip.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Span, Timestamp, Zoned};
use serde::Serialize;

use self::content::{Component, Property};
use crate::Rejected;

/// The most occurrences one recurring event expands to.
pub const MAX_OCCURRENCES: usize = 52;

/// A timed event read from a calendar, or one occurrence of a recurring one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// The 1-based line of the `BEGIN:VEVENT` this event was read from.
    pub line: u64,
    pub uid: Option<String>,
    /// May be empty: some calendars export events without a title.
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    pub start: Timestamp,
    /// From `DTEND`, else `DTSTART` plus `DURATION`, else unknown.
    pub end: Option<Timestamp>,
    /// The IANA zone `DTSTART` was written in, when it named one (directly or through the
    /// Windows table or a `VTIMEZONE`); `None` for UTC, floating and fixed-offset times.
    pub zone: Option<String>,
    pub organizer: Option<Attendee>,
    pub attendees: Vec<Attendee>,
    /// For an expanded recurrence, the 1-based position in the series; `None` for a single
    /// event.
    pub occurrence: Option<u32>,
}

/// A person on an event: the `CN` parameter and the address with `mailto:` stripped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attendee {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// Reads every `VEVENT` in `text`. Floating times (no `Z`, no `TZID`) are read in
/// `default_zone`. Events come out in file order, each series' occurrences in order;
/// rejected entries are sorted by line.
pub fn parse_events(text: &str, default_zone: &TimeZone) -> (Vec<Event>, Vec<Rejected>) {
    let root = content::parse_components(text);
    let mut found = Found::default();
    found.collect(&root, false);
    let zones = Zones {
        definitions: &found.timezones,
        default_zone,
    };

    let mut rejected = Vec::new();
    let mut drafts = Vec::new();
    let mut cancellations: HashMap<String, Vec<When>> = HashMap::new();
    // Series that were rejected, by UID, so their overrides are not imported on their own.
    let mut rejected_series: HashMap<String, u64> = HashMap::new();

    for &(component, method_cancel) in &found.events {
        if !component.closed {
            rejected.push(Rejected::new(
                component.line,
                "a VEVENT never closed by END:VEVENT",
            ));
            continue;
        }
        let cancelled = method_cancel
            || component
                .first("STATUS")
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
        let read = Draft::read(component, &zones);
        if cancelled {
            rejected.push(Rejected::new(component.line, "cancelled"));
            match read {
                Ok(Draft {
                    uid: Some(uid),
                    recurrence_id: Some(id),
                    ..
                }) => cancellations.entry(uid).or_default().push(id),
                _ => {
                    if component.first("RECURRENCE-ID").is_none()
                        && let Some(uid) = uid_of(component)
                    {
                        rejected_series.entry(uid).or_insert(component.line);
                    }
                }
            }
            continue;
        }
        match read {
            Ok(draft) => drafts.push(draft),
            Err(reason) => {
                if component.first("RECURRENCE-ID").is_none()
                    && let Some(uid) = uid_of(component)
                {
                    rejected_series.entry(uid).or_insert(component.line);
                }
                rejected.push(Rejected::new(component.line, reason));
            }
        }
    }

    let series: HashMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.recurrence_id.is_none())
        .filter_map(|(i, d)| Some((d.uid.as_deref()?, i)))
        .collect();
    let mut overrides_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, draft) in drafts.iter().enumerate() {
        if let (Some(uid), Some(_)) = (draft.uid.as_deref(), &draft.recurrence_id) {
            overrides_of.entry(uid).or_default().push(i);
        }
    }
    let mut used = vec![false; drafts.len()];
    let mut events = Vec::new();

    for (index, draft) in drafts.iter().enumerate() {
        if draft.recurrence_id.is_some() {
            let uid = draft.uid.as_deref();
            if uid.is_some_and(|uid| series.contains_key(uid)) {
                // Handled with its series below.
                continue;
            }
            if let Some(&line) = uid.and_then(|uid| rejected_series.get(uid)) {
                rejected.push(Rejected::new(draft.line, series_rejected(line)));
            } else {
                events.push(draft.event(&draft.start, None));
            }
            continue;
        }

        // Overrides belong to the last series with their UID, as calendar apps keep it.
        let overrides: &[usize] = match draft.uid.as_deref() {
            Some(uid) if series.get(uid) == Some(&index) => {
                overrides_of.get(uid).map_or(&[], Vec::as_slice)
            }
            _ => &[],
        };
        let cancelled: &[When] = draft
            .uid
            .as_deref()
            .and_then(|uid| cancellations.get(uid))
            .map_or(&[], Vec::as_slice);
        let occurrences = match draft.occurrences() {
            Ok(occurrences) => occurrences,
            Err(reason) => {
                rejected.push(Rejected::new(draft.line, reason));
                for &i in overrides {
                    used[i] = true;
                    rejected.push(Rejected::new(drafts[i].line, series_rejected(draft.line)));
                }
                continue;
            }
        };
        for (number, at) in occurrences {
            let names = |id: &When| id.covers(&at);
            if cancelled.iter().any(names) {
                continue;
            }
            let replacement = overrides
                .iter()
                .copied()
                .find(|&i| !used[i] && drafts[i].recurrence_id.as_ref().is_some_and(names));
            match replacement {
                Some(i) => {
                    used[i] = true;
                    events.push(drafts[i].event(&drafts[i].start, number));
                }
                None => events.push(draft.event(&at, number)),
            }
        }
        // An override that names no generated occurrence (past the cap, say) is still a
        // meeting someone scheduled.
        for &i in overrides {
            if !used[i] {
                used[i] = true;
                events.push(drafts[i].event(&drafts[i].start, None));
            }
        }
    }

    rejected.sort_by_key(|r| r.line);
    (events, rejected)
}

fn series_rejected(line: u64) -> String {
    format!("a changed occurrence of the recurring event at line {line}, which was rejected")
}

fn uid_of(component: &Component) -> Option<String> {
    component
        .first("UID")
        .map(|p| p.value.trim().to_string())
        .filter(|uid| !uid.is_empty())
}

/// The components that matter, found anywhere in the tree.
#[derive(Default)]
struct Found<'a> {
    /// Each `VEVENT` with whether its calendar is a `METHOD:CANCEL` message.
    events: Vec<(&'a Component, bool)>,
    timezones: HashMap<String, &'a Component>,
}

impl<'a> Found<'a> {
    fn collect(&mut self, component: &'a Component, method_cancel: bool) {
        for child in &component.children {
            match child.name.as_str() {
                "VEVENT" => self.events.push((child, method_cancel)),
                "VTIMEZONE" => {
                    if let Some(id) = child.first("TZID") {
                        self.timezones
                            .entry(id.value.trim().to_string())
                            .or_insert(child);
                    }
                }
                "VTODO" | "VJOURNAL" | "VFREEBUSY" | "VALARM" => {}
                "VCALENDAR" => {
                    let cancel = child
                        .first("METHOD")
                        .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCEL"));
                    self.collect(child, cancel);
                }
                _ => self.collect(child, method_cancel),
            }
        }
    }
}

/// A date or date-time property value, resolved.
#[derive(Clone, Debug)]
enum When {
    Day(Date),
    /// The instant in its zone, with the IANA name when the value named one.
    At(Zoned, Option<String>),
}

impl When {
    /// Whether this value (an `EXDATE`, a `RECURRENCE-ID`) names the occurrence at `at`.
    fn covers(&self, at: &Zoned) -> bool {
        match self {
            When::Day(day) => at.date() == *day,
            When::At(when, _) => when.timestamp() == at.timestamp(),
        }
    }
}

/// How long an event lasts.
#[derive(Clone, Debug)]
enum Length {
    Unknown,
    /// From `DTEND`: the same elapsed time for every occurrence.
    Exact(SignedDuration),
    /// From `DURATION`, whose days are calendar days in the event's zone.
    Nominal(Span),
}

#[derive(Clone, Debug)]
struct Rule {
    raw: String,
    step_days: i64,
    count: Option<u32>,
    until: Option<When>,
}

/// A `VEVENT` read and checked, before its recurrence is expanded.
#[derive(Clone, Debug)]
struct Draft {
    line: u64,
    uid: Option<String>,
    summary: String,
    location: Option<String>,
    description: Option<String>,
    start: Zoned,
    zone: Option<String>,
    length: Length,
    organizer: Option<Attendee>,
    attendees: Vec<Attendee>,
    rule: Option<Rule>,
    exdates: Vec<When>,
    recurrence_id: Option<When>,
}

impl Draft {
    fn read(component: &Component, zones: &Zones<'_>) -> Result<Draft, String> {
        let dtstart = component
            .first("DTSTART")
            .ok_or("no DTSTART, so no time to schedule")?;
        let (start, zone) = match zones.when(dtstart, &dtstart.value, zones.default_zone)? {
            When::Day(_) => return Err("an all-day event, not an interview".to_string()),
            When::At(start, zone) => (start, zone),
        };
        let event_zone = start.time_zone().clone();

        let length = if let Some(dtend) = component.first("DTEND") {
            match zones.when(dtend, &dtend.value, &event_zone)? {
                When::At(end, _) if end.timestamp() >= start.timestamp() => {
                    Length::Exact(end.timestamp().duration_since(start.timestamp()))
                }
                _ => Length::Unknown,
            }
        } else if let Some(duration) = component.first("DURATION") {
            Length::Nominal(parse_duration(&duration.value)?)
        } else {
            Length::Unknown
        };

        let mut rules = component.all("RRULE");
        let rule = match (rules.next(), rules.next()) {
            (None, _) => None,
            (Some(rule), None) => Some(read_rule(rule, &start, zones)?),
            (Some(_), Some(_)) => {
                return Err("several RRULEs in one event are not supported".to_string());
            }
        };
        if let Some(p) = component.first("RDATE") {
            return Err(format!(
                "RDATE `{}` (extra occurrence dates) is not supported",
                p.value.trim()
            ));
        }
        if let Some(p) = component.first("EXRULE") {
            return Err(format!("EXRULE `{}` is not supported", p.value.trim()));
        }
        let mut exdates = Vec::new();
        for p in component.all("EXDATE") {
            for value in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                exdates.push(zones.when(p, value, &event_zone)?);
            }
        }
        let recurrence_id = match component.first("RECURRENCE-ID") {
            Some(p) => {
                if p.param("RANGE")
                    .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"))
                {
                    return Err("a RECURRENCE-ID with RANGE=THISANDFUTURE (a change to this and later occurrences) is not supported".to_string());
                }
                Some(zones.when(p, &p.value, &event_zone)?)
            }
            None => None,
        };

        let text = |name: &str| {
            component
                .first(name)
                .map(|p| p.text().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        Ok(Draft {
            line: component.line,
            uid: uid_of(component),
            summary: text("SUMMARY").unwrap_or_default(),
            location: text("LOCATION"),
            description: text("DESCRIPTION"),
            start,
            zone,
            length,
            organizer: component.first("ORGANIZER").and_then(attendee),
            attendees: component
                .all("ATTENDEE")
                .filter(|p| {
                    !p.param("CUTYPE").is_some_and(|t| {
                        t.eq_ignore_ascii_case("ROOM") || t.eq_ignore_ascii_case("RESOURCE")
                    })
                })
                .filter_map(attendee)
                .collect(),
            rule,
            exdates,
            recurrence_id,
        })
    }

    /// The starts this event stands for: itself alone, or its series with positions.
    fn occurrences(&self) -> Result<Vec<(Option<u32>, Zoned)>, String> {
        let Some(rule) = &self.rule else {
            return Ok(vec![(None, self.start.clone())]);
        };
        let zone = self.start.time_zone().clone();
        let local = self.start.datetime();
        let mut out = Vec::new();
        // Excluded positions still count, so this bounds the walk without cutting a series
        // short.
        let positions = (MAX_OCCURRENCES + self.exdates.len()) as u32;
        for position in 0..positions {
            if out.len() >= MAX_OCCURRENCES || rule.count.is_some_and(|count| position >= count) {
                break;
            }
            // Stepping the civil date-time, not the instant, is what keeps 14:00 at 14:00
            // when the clocks change.
            let Some(at) = Span::new()
                .try_days(i64::from(position) * rule.step_days)
                .ok()
                .and_then(|span| local.checked_add(span).ok())
                .and_then(|dt| dt.to_zoned(zone.clone()).ok())
            else {
                break;
            };
            let past_until = match &rule.until {
                Some(When::Day(day)) => at.date() > *day,
                Some(When::At(until, _)) => at.timestamp() > until.timestamp(),
                None => false,
            };
            if past_until {
                break;
            }
            if self.exdates.iter().any(|x| x.covers(&at)) {
                continue;
            }
            out.push((Some(position + 1), at));
        }
        if out.is_empty() {
            return Err(format!(
                "RRULE `{}` leaves no occurrences (UNTIL before DTSTART, or all excluded by EXDATE)",
                rule.raw
            ));
        }
        Ok(out)
    }

    fn event(&self, at: &Zoned, occurrence: Option<u32>) -> Event {
        let end = match &self.length {
            Length::Unknown => None,
            Length::Exact(duration) => at.timestamp().checked_add(*duration).ok(),
            Length::Nominal(span) => at.checked_add(*span).ok().map(|z| z.timestamp()),
        };
        Event {
            line: self.line,
            uid: self.uid.clone(),
            summary: self.summary.clone(),
            location: self.location.clone(),
            description: self.description.clone(),
            start: at.timestamp(),
            end,
            zone: self.zone.clone(),
            organizer: self.organizer.clone(),
            attendees: self.attendees.clone(),
            occurrence,
        }
    }
}

fn attendee(p: &Property) -> Option<Attendee> {
    let name = p
        .param("CN")
        .map(|cn| cn.trim().to_string())
        .filter(|cn| !cn.is_empty());
    let value = p.value.trim();
    let address = match content::strip_prefix_ignore_case(value, "mailto:") {
        Some(address) => Some(address),
        None if value.contains('@') && !value.contains(':') => Some(value),
        // Some servers put a URN in the value and the address in EMAIL (RFC 7986).
        None => p.param("EMAIL"),
    };
    let email = address
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    (name.is_some() || email.is_some()).then_some(Attendee { name, email })
}

fn read_rule(p: &Property, start: &Zoned, zones: &Zones<'_>) -> Result<Rule, String> {
    let raw = p.value.trim();
    let unsupported = |what: &str| {
        format!(
            "RRULE `{raw}`: {what} is not supported (only DAILY or WEEKLY, with INTERVAL, COUNT or UNTIL)"
        )
    };
    let mut step = None;
    let mut interval: u32 = 1;
    let mut count = None;
    let mut until = None;
    let mut byday = None;
    for part in raw.split(';').filter(|part| !part.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("RRULE `{raw}`: `{part}` is not KEY=VALUE"))?;
        let value = value.trim();
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                step = Some(match value.to_ascii_uppercase().as_str() {
                    "DAILY" => 1,
                    "WEEKLY" => 7,
                    _ => return Err(unsupported(&format!("FREQ={value}"))),
                });
            }
            "INTERVAL" => {
                interval = value.parse().ok().filter(|&n| n >= 1).ok_or_else(|| {
                    format!("RRULE `{raw}`: INTERVAL must be a whole number from 1")
                })?;
            }
            "COUNT" => {
                count = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|&n: &u32| n >= 1)
                        .ok_or_else(|| {
                            format!("RRULE `{raw}`: COUNT must be a whole number from 1")
                        })?,
                );
            }
            "UNTIL" => until = Some(zones.until(value, start.time_zone(), raw)?),
            // Only changes which days a weekly rule with several BYDAYs picks, and those are
            // rejected anyway.
            "WKST" => {}
            "BYDAY" => byday = Some(value),
            other => return Err(unsupported(&format!("{other}={value}"))),
        }
    }
    let step = step.ok_or_else(|| format!("RRULE `{raw}` has no FREQ"))?;
    if let Some(days) = byday {
        if step == 1 {
            return Err(unsupported(&format!("BYDAY={days} with FREQ=DAILY")));
        }
        if days.contains(',') {
            return Err(unsupported(&format!("BYDAY={days} (several days)")));
        }
        match weekday(days) {
            Some(day) if day == start.weekday() => {}
            Some(_) => {
                return Err(format!(
                    "RRULE `{raw}`: BYDAY={days} is not the weekday of DTSTART, which is not supported"
                ));
            }
            None => return Err(unsupported(&format!("BYDAY={days}"))),
        }
    }
    Ok(Rule {
        raw: raw.to_string(),
        step_days: step * i64::from(interval),
        count,
        until,
    })
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

/// Reads an RFC 5545 duration such as `PT1H30M`, `P1D` or `P2W`.
fn parse_duration(value: &str) -> Result<Span, String> {
    let value = value.trim();
    let bad = || format!("DURATION `{value}` is not a duration like PT1H30M");
    let rest = match value.strip_prefix('-') {
        Some(_) => return Err(format!("DURATION `{value}` is negative")),
        None => value.strip_prefix('+').unwrap_or(value),
    };
    let rest = rest
        .strip_prefix('P')
        .or_else(|| rest.strip_prefix('p'))
        .ok_or_else(bad)?;
    let mut span = Span::new();
    let mut in_time = false;
    let mut digits = String::new();
    let mut any = false;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = c.to_ascii_uppercase();
        if unit == 'T' && digits.is_empty() && !in_time {
            in_time = true;
            continue;
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        any = true;
        span = match (in_time, unit) {
            (false, 'W') => span.try_weeks(n),
            (false, 'D') => span.try_days(n),
            (true, 'H') => span.try_hours(n),
            (true, 'M') => span.try_minutes(n),
            (true, 'S') => span.try_seconds(n),
            _ => return Err(bad()),
        }
        .map_err(|_| format!("DURATION `{value}` is too long"))?;
    }
    if !any || !digits.is_empty() {
        return Err(bad());
    }
    Ok(span)
}

/// Resolves date and date-time values against the file's `VTIMEZONE`s and the caller's zone.
struct Zones<'a> {
    definitions: &'a HashMap<String, &'a Component>,
    default_zone: &'a TimeZone,
}

impl Zones<'_> {
    /// Reads `value` (one value of `p`, which may hold several) as a date or an instant;
    /// floating times are read in `floating`.
    fn when(&self, p: &Property, value: &str, floating: &TimeZone) -> Result<When, String> {
        let value = value.trim();
        let field = &p.name;
        let is_date = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
        if is_date {
            return parse_date(value)
                .map(When::Day)
                .ok_or_else(|| format!("{field} `{value}` is not a date (YYYYMMDD)"));
        }
        let (civil, utc) = parse_date_time(value).ok_or_else(|| {
            format!("{field} `{value}` is not a date-time (YYYYMMDDTHHMMSS, with Z for UTC)")
        })?;
        let (zone, name) = if utc {
            (TimeZone::UTC, None)
        } else if let Some(tzid) = p.param("TZID") {
            self.resolve(tzid)
                .map_err(|reason| format!("{field}: {reason}"))?
        } else {
            (floating.clone(), None)
        };
        let at = civil
            .to_zoned(zone)
            .map_err(|_| format!("{field} `{value}` is out of range"))?;
        Ok(When::At(at, name))
    }

    fn until(&self, value: &str, zone: &TimeZone, raw: &str) -> Result<When, String> {
        if value.len() == 8 {
            return parse_date(value)
                .map(When::Day)
                .ok_or_else(|| format!("RRULE `{raw}`: UNTIL={value} is not a date"));
        }
        let (civil, utc) = parse_date_time(value)
            .ok_or_else(|| format!("RRULE `{raw}`: UNTIL={value} is not a date-time"))?;
        let zone = if utc { TimeZone::UTC } else { zone.clone() };
        civil
            .to_zoned(zone)
            .map(|at| When::At(at, None))
            .map_err(|_| format!("RRULE `{raw}`: UNTIL={value} is out of range"))
    }

    /// Finds the zone a `TZID` means, and its IANA name when it has one.
    fn resolve(&self, tzid: &str) -> Result<(TimeZone, Option<String>), String> {
        let tzid = tzid.trim();
        if let Some(found) = iana(tzid) {
            return Ok(found);
        }
        if let Some(&(_, name)) = WINDOWS_ZONES
            .iter()
            .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
            && let Some(found) = iana(name)
        {
            return Ok(found);
        }
        // Older Lightning, Evolution and Citadel exports prefix the IANA name with a vendor
        // path.
        // IANA names have at most three parts (America/Argentina/Buenos_Aires).
        let segments: Vec<&str> = tzid.split('/').collect();
        for from in segments.len().saturating_sub(3).max(1)..segments.len() {
            if let Some(found) = iana(&segments[from..].join("/")) {
                return Ok(found);
            }
        }
        let definition = self.definitions.get(tzid).or_else(|| {
            self.definitions
                .iter()
                .find(|(id, _)| id.eq_ignore_ascii_case(tzid))
                .map(|(_, c)| c)
        });
        let Some(definition) = definition else {
            return Err(format!(
                "unknown time zone `{tzid}` (not an IANA or Windows name, and no VTIMEZONE defines it)"
            ));
        };
        if let Some(found) = definition
            .first("X-LIC-LOCATION")
            .and_then(|p| iana(p.value.trim()))
        {
            return Ok(found);
        }
        if let Some(offset) = fixed_offset(definition) {
            return Ok((TimeZone::fixed(offset), None));
        }
        Err(format!(
            "time zone `{tzid}` is not an IANA or Windows name, and its VTIMEZONE (line {}) changes offset during the year, which is not supported",
            definition.line
        ))
    }
}

fn iana(name: &str) -> Option<(TimeZone, Option<String>)> {
    if name.is_empty() {
        return None;
    }
    let zone = TimeZone::get(name).ok().filter(|z| !z.is_unknown())?;
    let name = zone.iana_name().unwrap_or(name).to_string();
    Some((zone, Some(name)))
}

/// The offset of a `VTIMEZONE` whose every observance has the same `TZOFFSETTO`, as Outlook
/// writes for zones without daylight saving.
fn fixed_offset(definition: &Component) -> Option<Offset> {
    let mut offsets = definition
        .children
        .iter()
        .filter(|c| c.name == "STANDARD" || c.name == "DAYLIGHT")
        .map(|c| c.first("TZOFFSETTO").and_then(|p| parse_offset(&p.value)));
    let first = offsets.next()??;
    offsets.all(|o| o == Some(first)).then_some(first)
}

fn parse_offset(value: &str) -> Option<Offset> {
    let value = value.trim();
    let (sign, digits) = match value.as_bytes().first()? {
        b'+' => (1, &value[1..]),
        b'-' => (-1, &value[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<i32>().ok();
    let seconds = number(0..2)? * 3600 + number(2..4)? * 60 + number(4..6).unwrap_or(0);
    Offset::from_seconds(sign * seconds).ok()
}

fn parse_date(value: &str) -> Option<Date> {
    let digits: String = value.chars().filter(|c| *c != '-').collect();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = digits[0..4].parse().ok()?;
    let month = digits[4..6].parse().ok()?;
    let day = digits[6..8].parse().ok()?;
    Date::new(year, month, day).ok()
}

/// Reads `YYYYMMDDTHHMMSS` with an optional `Z`; also takes `HHMM` and ISO 8601 dashes and
/// colons, which some hand-made feeds use. Returns whether the time was UTC.
fn parse_date_time(value: &str) -> Option<(DateTime, bool)> {
    let (value, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    let (date, time) = value.split_once(['T', 't'])?;
    let date = parse_date(date)?;
    let time: String = time.chars().filter(|c| *c != ':').collect();
    if !(time.len() == 4 || time.len() == 6) || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hour = time[0..2].parse().ok()?;
    let minute = time[2..4].parse().ok()?;
    // RFC 5545 allows a leap second; jiff has none, so it becomes the second before.
    let second = time
        .get(4..6)
        .map_or(Some(0), |s| s.parse::<i8>().ok())?
        .min(59);
    let time = Time::new(hour, minute, second, 0).ok()?;
    Some((DateTime::from_parts(date, time), utc))
}

/// Windows time-zone names (as Outlook and Exchange write them in `TZID`) and the IANA zone
/// each stands for, after the Unicode CLDR's mapping for the primary territory.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Canada Central Standard Time", "America/Regina"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("China Standard Time", "Asia/Shanghai"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Eastern Standard Time", "America/New_York"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("GMT Standard Time", "Europe/London"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Mountain Standard Time", "America/Denver"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("UTC", "UTC"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("W. Europe Standard Time", "Europe/Berlin"),
];

/// The content-line grammar iCalendar and vCard share (RFC 5545 §3.1, RFC 6350 §3.3): folding,
/// groups, parameters, quoting, escapes and `BEGIN`/`END` nesting. vCard reads through this
/// too, so both formats are equally forgiving.
pub(crate) mod content {
    use std::borrow::Cow;

    /// One parameter; its name is upper-cased, its values unquoted.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct Param {
        pub(crate) name: String,
        pub(crate) values: Vec<String>,
    }

    /// One unfolded content line.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct Property {
        /// The 1-based line the property starts on.
        pub(crate) line: u64,
        pub(crate) group: Option<String>,
        /// Upper-cased, since names are case-insensitive.
        pub(crate) name: String,
        pub(crate) params: Vec<Param>,
        /// As written: escapes are left for the reader, who knows whether the value is text.
        pub(crate) value: String,
    }

    impl Property {
        /// Reads `[group.]NAME *(;param) : value`, or `None` when the line is not of that form.
        pub(crate) fn parse(line: u64, text: &str) -> Option<Property> {
            let bytes = text.as_bytes();
            let mut end = token_end(bytes, 0);
            if end == 0 {
                return None;
            }
            let mut group = None;
            let mut name_start = 0;
            if bytes.get(end) == Some(&b'.') {
                group = Some(text[..end].to_string());
                name_start = end + 1;
                end = token_end(bytes, name_start);
                if end == name_start {
                    return None;
                }
            }
            let name = text[name_start..end].to_ascii_uppercase();
            let mut i = end;
            let mut params = Vec::new();
            while bytes.get(i) == Some(&b';') {
                let start = i + 1;
                let param_end = token_end(bytes, start);
                if param_end == start {
                    return None;
                }
                let param_name = text[start..param_end].to_ascii_uppercase();
                i = param_end;
                if bytes.get(i) != Some(&b'=') {
                    // vCard 2.1 writes bare types: `TEL;WORK;VOICE:`.
                    params.push(Param {
                        name: "TYPE".to_string(),
                        values: vec![param_name],
                    });
                    continue;
                }
                i += 1;
                let mut values = Vec::new();
                loop {
                    if bytes.get(i) == Some(&b'"') {
                        let close = i + 1 + text[i + 1..].find('"')?;
                        values.push(decode_caret(&text[i + 1..close]));
                        i = close + 1;
                    } else {
                        let start = i;
                        while i < bytes.len() && !matches!(bytes[i], b',' | b';' | b':') {
                            i += 1;
                        }
                        values.push(decode_caret(&text[start..i]));
                    }
                    if bytes.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        break;
                    }
                }
                params.push(Param {
                    name: param_name,
                    values,
                });
            }
            if bytes.get(i) != Some(&b':') {
                return None;
            }
            Some(Property {
                line,
                group,
                name,
                params,
                value: text[i + 1..].to_string(),
            })
        }

        /// The first value of the first parameter called `name`.
        pub(crate) fn param(&self, name: &str) -> Option<&str> {
            self.params
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
                .and_then(|p| p.values.first())
                .map(String::as_str)
        }

        /// Whether any `name` parameter lists `value`, counting `TYPE="work,pref"` as two.
        pub(crate) fn has_param_value(&self, name: &str, value: &str) -> bool {
            self.params
                .iter()
                .filter(|p| p.name.eq_ignore_ascii_case(name))
                .flat_map(|p| p.values.iter())
                .flat_map(|v| v.split(','))
                .any(|v| v.trim().eq_ignore_ascii_case(value))
        }

        /// The value as text, escapes undone.
        pub(crate) fn text(&self) -> String {
            unescape(&self.value)
        }
    }

    fn token_end(bytes: &[u8], from: usize) -> usize {
        let mut i = from;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'_')
        {
            i += 1;
        }
        i
    }

    /// Undoes RFC 6868's escapes in parameter values: `^n`, `^'` and `^^`.
    fn decode_caret(value: &str) -> String {
        if !value.contains('^') {
            return value.to_string();
        }
        let mut out = String::with_capacity(value.len());
        let mut chars = value.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '^' {
                match chars.peek() {
                    Some('n' | 'N') => out.push('\n'),
                    Some('\'') => out.push('"'),
                    Some('^') => out.push('^'),
                    _ => {
                        out.push('^');
                        continue;
                    }
                }
                chars.next();
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Undoes text escapes: `\\`, `\,`, `\;`, `\n` and `\N`. Also `\:` and `\"`, which some
    /// address books write in URLs; any other backslash is kept, since it was probably meant.
    pub(crate) fn unescape(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ',' | ';' | ':' | '"')) => out.push(c),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        }
        out
    }

    /// Splits a structured value on `separator` where it is not escaped; the parts keep their
    /// escapes.
    pub(crate) fn split_unescaped(raw: &str, separator: char) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut escaped = false;
        for (i, c) in raw.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == separator {
                parts.push(&raw[start..i]);
                start = i + c.len_utf8();
            }
        }
        parts.push(&raw[start..]);
        parts
    }

    pub(crate) fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
        value
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &value[prefix.len()..])
    }

    /// A line after unfolding.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct Logical {
        /// The 1-based physical line it starts on.
        pub(crate) line: u64,
        pub(crate) text: String,
    }

    /// Splits `text` into unfolded lines, dropping a BOM and blank lines. Takes CRLF, LF, or
    /// (from old Mac exports) bare CR.
    pub(crate) fn logical_lines(text: &str) -> Vec<Logical> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains('\r') && !text.contains('\n') {
            Cow::Owned(text.replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let mut out: Vec<Logical> = Vec::new();
        let mut continues = false;
        let mut soft_break = false;
        for (index, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(last) = out.last_mut() {
                if continues && (raw.starts_with(' ') || raw.starts_with('\t')) {
                    last.text.push_str(&raw[1..]);
                    soft_break = ends_soft(&last.text);
                    continue;
                }
                // vCard 2.1's quoted-printable values continue after a trailing `=` without
                // the leading space.
                if soft_break && !raw.trim().is_empty() {
                    last.text.pop();
                    last.text.push_str(raw);
                    soft_break = ends_soft(&last.text);
                    continue;
                }
            }
            if raw.trim().is_empty() {
                continues = false;
                soft_break = false;
                continue;
            }
            out.push(Logical {
                line: index as u64 + 1,
                text: raw.to_string(),
            });
            continues = true;
            soft_break = out.last().is_some_and(|l| ends_soft(&l.text));
        }
        out
    }

    fn ends_soft(line: &str) -> bool {
        line.ends_with('=')
            && line.split_once(':').is_some_and(|(head, _)| {
                head.as_bytes()
                    .windows(16)
                    .any(|w| w.eq_ignore_ascii_case(b"QUOTED-PRINTABLE"))
            })
    }

    /// A `BEGIN`…`END` block and what it holds.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub(crate) struct Component {
        /// Upper-cased, such as `VEVENT`; empty for the whole input.
        pub(crate) name: String,
        /// The line of its `BEGIN`.
        pub(crate) line: u64,
        /// Whether its `END` was found.
        pub(crate) closed: bool,
        pub(crate) properties: Vec<Property>,
        pub(crate) children: Vec<Component>,
        /// Lines directly inside that are not content lines.
        pub(crate) stray: Vec<u64>,
    }

    impl Component {
        fn new(name: String, line: u64) -> Component {
            Component {
                name,
                line,
                ..Component::default()
            }
        }

        pub(crate) fn first(&self, name: &str) -> Option<&Property> {
            self.properties.iter().find(|p| p.name == name)
        }

        pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> {
            self.properties.iter().filter(move |p| p.name == name)
        }
    }

    /// Real files nest three deep (VCALENDAR, VTIMEZONE, STANDARD or VEVENT, VALARM); the cap
    /// leaves room for odd producers while keeping hostile input from building a tree too
    /// deep to walk or drop.
    const MAX_DEPTH: usize = 8;

    /// Reads `text` into a tree under an unnamed root. Unclosed components are kept, marked
    /// as such, so the reader can say which one was left open. A `BEGIN` nested deeper than
    /// real files go is kept as a stray line.
    pub(crate) fn parse_components(text: &str) -> Component {
        let mut stack = vec![Component::new(String::new(), 0)];
        for logical in logical_lines(text) {
            let Some(property) = Property::parse(logical.line, &logical.text) else {
                if let Some(top) = stack.last_mut() {
                    top.stray.push(logical.line);
                }
                continue;
            };
            match property.name.as_str() {
                "BEGIN" => {
                    let name = property.value.trim().to_ascii_uppercase();
                    // No component holds another of its own kind, so a repeat means the
                    // earlier one was never closed.
                    if let Some(open) = stack.iter().skip(1).rposition(|c| c.name == name) {
                        close(&mut stack, open + 1, false);
                    }
                    if stack.len() > MAX_DEPTH {
                        if let Some(top) = stack.last_mut() {
                            top.stray.push(logical.line);
                        }
                        continue;
                    }
                    stack.push(Component::new(name, logical.line));
                }
                "END" => {
                    let name = property.value.trim().to_ascii_uppercase();
                    match stack.iter().skip(1).rposition(|c| c.name == name) {
                        Some(open) => close(&mut stack, open + 1, true),
                        None => {
                            if let Some(top) = stack.last_mut() {
                                top.stray.push(logical.line);
                            }
                        }
                    }
                }
                _ => {
                    if let Some(top) = stack.last_mut() {
                        top.properties.push(property);
                    }
                }
            }
        }
        if stack.len() > 1 {
            close(&mut stack, 1, false);
        }
        stack.into_iter().next().unwrap_or_default()
    }

    /// Pops the stack down to `index` (never the root), closing that component with
    /// `closed` and the ones above it as unclosed.
    fn close(stack: &mut Vec<Component>, index: usize, closed: bool) {
        while stack.len() > index.max(1) {
            let Some(mut component) = stack.pop() else {
                return;
            };
            component.closed = closed && stack.len() == index;
            if let Some(parent) = stack.last_mut() {
                parent.children.push(component);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::content::{Property, logical_lines, parse_components, split_unescaped, unescape};
    use super::*;
    use proptest::prelude::*;

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn calendar(body: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
    }

    fn one(body: &str) -> Result<Vec<Event>, Vec<Rejected>> {
        let (events, rejected) = parse_events(&calendar(body), &london());
        if rejected.is_empty() {
            Ok(events)
        } else {
            Err(rejected)
        }
    }

    fn reason(body: &str) -> String {
        match one(body) {
            Ok(events) => panic!("expected a rejection, got {events:?}"),
            Err(rejected) => rejected[0].reason.clone(),
        }
    }

    #[test]
    fn unfolds_and_keeps_line_numbers() {
        let lines = logical_lines("\u{feff}A:1\r\n B\r\n\tC\r\n\r\nD:2\n");
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].line, lines[0].text.as_str()), (1, "A:1BC"));
        assert_eq!((lines[1].line, lines[1].text.as_str()), (5, "D:2"));
    }

    #[test]
    fn reads_bare_cr_line_endings() {
        let lines = logical_lines("A:1\rB:2\r");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].line, 2);
    }

    #[test]
    fn parses_groups_params_and_quotes() {
        let p = Property::parse(
            7,
            r#"item1.tel;VALUE=uri;TYPE="voice,work";X-A="a:b;c",d:tel:+1-555-0100"#,
        )
        .unwrap();
        assert_eq!(p.line, 7);
        assert_eq!(p.group.as_deref(), Some("item1"));
        assert_eq!(p.name, "TEL");
        assert_eq!(p.param("value"), Some("uri"));
        assert!(p.has_param_value("TYPE", "work"));
        assert_eq!(p.params[2].values, ["a:b;c", "d"]);
        assert_eq!(p.value, "tel:+1-555-0100");
    }

    #[test]
    fn decodes_caret_escapes_in_params() {
        let p = Property::parse(1, "ATTENDEE;CN=\"Ann ^'The Boss^' ^^\":mailto:a@x.test").unwrap();
        assert_eq!(p.param("CN"), Some("Ann \"The Boss\" ^"));
    }

    #[test]
    fn rejects_lines_that_are_not_content_lines() {
        assert_eq!(Property::parse(1, "just words"), None);
        assert_eq!(Property::parse(1, ":value"), None);
        assert_eq!(Property::parse(1, "X;P=\"unclosed:v"), None);
    }

    #[test]
    fn unescapes_text() {
        assert_eq!(unescape(r"a\, b\; c\nd\N\\e\:f\q"), "a, b; c\nd\n\\e:f\\q");
        assert_eq!(
            split_unescaped(r"Doe\;Jr;John;;Dr.", ';'),
            [r"Doe\;Jr", "John", "", "Dr."]
        );
    }

    #[test]
    fn repeated_begin_closes_the_unclosed_component() {
        let root = parse_components("BEGIN:VEVENT\nUID:a\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\n");
        assert_eq!(root.children.len(), 2);
        assert!(!root.children[0].closed);
        assert!(root.children[1].closed);
        assert_eq!(root.children[1].line, 3);
    }

    #[test]
    fn deep_nesting_is_capped() {
        let text: String = (0..10_000).map(|i| format!("BEGIN:X{i}\n")).collect();
        let root = parse_components(&text);
        let mut depth = 0;
        let mut node = &root;
        while let Some(child) = node.children.first() {
            depth += 1;
            node = child;
        }
        assert_eq!(depth, 8);
        assert_eq!(node.stray.len(), 10_000 - 8);
        let (events, rejected) = parse_events(&text, &london());
        assert_eq!((events.len(), rejected.len()), (0, 0));
    }

    #[test]
    fn every_windows_name_maps_to_a_known_zone() {
        for (windows, name) in WINDOWS_ZONES {
            let zone = TimeZone::get(name).unwrap_or_else(|_| panic!("{windows} → {name}"));
            assert!(!zone.is_unknown(), "{windows} → {name}");
        }
    }

    #[test]
    fn reads_durations() {
        assert_eq!(
            parse_duration("PT1H30M").unwrap().fieldwise(),
            Span::new().hours(1).minutes(30).fieldwise()
        );
        assert_eq!(
            parse_duration("P1W").unwrap().fieldwise(),
            Span::new().weeks(1).fieldwise()
        );
        assert_eq!(
            parse_duration("+P1DT2S").unwrap().fieldwise(),
            Span::new().days(1).seconds(2).fieldwise()
        );
        assert_eq!(
            parse_duration("-PT1H").unwrap_err(),
            "DURATION `-PT1H` is negative"
        );
        for bad in [
            "",
            "P",
            "PT",
            "1H",
            "PT1",
            "P1H",
            "PTH",
            "PT99999999999999999999H",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reads_offsets() {
        assert_eq!(parse_offset("+0530"), Offset::from_seconds(19800).ok());
        assert_eq!(parse_offset("-000130"), Offset::from_seconds(-90).ok());
        assert_eq!(parse_offset("0100"), None);
        assert_eq!(parse_offset("+01"), None);
    }

    #[test]
    fn utc_event_with_duration() {
        let events = one("BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:Screen\\, call\r\nDTSTART:20260302T140000Z\r\nDURATION:PT45M\r\nEND:VEVENT\r\n").unwrap();
        assert_eq!(events[0].line, 3);
        assert_eq!(events[0].summary, "Screen, call");
        assert_eq!(events[0].start, ts("2026-03-02T14:00:00Z"));
        assert_eq!(events[0].end, Some(ts("2026-03-02T14:45:00Z")));
        assert_eq!(events[0].zone, None);
        assert_eq!(events[0].occurrence, None);
    }

    #[test]
    fn vendor_prefixed_and_lowercase_tzids_resolve() {
        let events = one("BEGIN:VEVENT\nDTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260302T090000\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;TZID=europe/paris:20260302T090000\nEND:VEVENT\n").unwrap();
        assert_eq!(events[0].zone.as_deref(), Some("America/New_York"));
        assert_eq!(events[0].start, ts("2026-03-02T14:00:00Z"));
        assert_eq!(events[1].zone.as_deref(), Some("Europe/Paris"));
    }

    #[test]
    fn fixed_offset_vtimezone() {
        let events = one("BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0530\nTZOFFSETTO:+0530\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;TZID=Customized Time Zone:20260302T100000\nEND:VEVENT\n").unwrap();
        assert_eq!(events[0].start, ts("2026-03-02T04:30:00Z"));
        assert_eq!(events[0].zone, None);
    }

    #[test]
    fn x_lic_location_names_the_zone() {
        let events = one("BEGIN:VTIMEZONE\nTZID:My Office\nX-LIC-LOCATION:Asia/Tokyo\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;TZID=My Office:20260302T100000\nEND:VEVENT\n").unwrap();
        assert_eq!(events[0].zone.as_deref(), Some("Asia/Tokyo"));
        assert_eq!(events[0].start, ts("2026-03-02T01:00:00Z"));
    }

    #[test]
    fn unknown_zones_say_why() {
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART;TZID=Mars/Olympus:20260302T100000\nEND:VEVENT\n"),
            "DTSTART: unknown time zone `Mars/Olympus` (not an IANA or Windows name, and no VTIMEZONE defines it)"
        );
        assert_eq!(
            reason(
                "BEGIN:VTIMEZONE\nTZID:Somewhere\nBEGIN:STANDARD\nTZOFFSETTO:+0100\nEND:STANDARD\nBEGIN:DAYLIGHT\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;TZID=Somewhere:20260302T100000\nEND:VEVENT\n"
            ),
            "DTSTART: time zone `Somewhere` is not an IANA or Windows name, and its VTIMEZONE (line 3) changes offset during the year, which is not supported"
        );
    }

    #[test]
    fn rejections_name_the_problem() {
        assert_eq!(
            reason("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"),
            "no DTSTART, so no time to schedule"
        );
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART:20260302\nEND:VEVENT\n"),
            "an all-day event, not an interview"
        );
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART:2026-13-02T10:00\nEND:VEVENT\n"),
            "DTSTART `2026-13-02T10:00` is not a date-time (YYYYMMDDTHHMMSS, with Z for UTC)"
        );
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART:20260302T100000Z\nDURATION:1H\nEND:VEVENT\n"),
            "DURATION `1H` is not a duration like PT1H30M"
        );
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART:20260302T100000Z\nSTATUS:cancelled\nEND:VEVENT\n"),
            "cancelled"
        );
        assert_eq!(
            reason("BEGIN:VEVENT\nDTSTART:20260302T100000Z\n"),
            "a VEVENT never closed by END:VEVENT"
        );
    }

    #[test]
    fn method_cancel_cancels_every_event() {
        let (events, rejected) = parse_events(
            "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nDTSTART:20260302T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
            &london(),
        );
        assert!(events.is_empty());
        assert_eq!(rejected, [Rejected::new(3, "cancelled")]);
    }

    #[test]
    fn unsupported_rules_are_named() {
        let rule = |r: &str| {
            reason(&format!(
                "BEGIN:VEVENT\nDTSTART:20260302T100000Z\nRRULE:{r}\nEND:VEVENT\n"
            ))
        };
        assert_eq!(
            rule("FREQ=MONTHLY;COUNT=3"),
            "RRULE `FREQ=MONTHLY;COUNT=3`: FREQ=MONTHLY is not supported (only DAILY or WEEKLY, with INTERVAL, COUNT or UNTIL)"
        );
        assert_eq!(
            rule("FREQ=WEEKLY;BYDAY=MO,WE"),
            "RRULE `FREQ=WEEKLY;BYDAY=MO,WE`: BYDAY=MO,WE (several days) is not supported (only DAILY or WEEKLY, with INTERVAL, COUNT or UNTIL)"
        );
        assert_eq!(
            rule("FREQ=WEEKLY;BYSETPOS=1"),
            "RRULE `FREQ=WEEKLY;BYSETPOS=1`: BYSETPOS=1 is not supported (only DAILY or WEEKLY, with INTERVAL, COUNT or UNTIL)"
        );
        assert_eq!(
            rule("FREQ=WEEKLY;BYDAY=TU"),
            "RRULE `FREQ=WEEKLY;BYDAY=TU`: BYDAY=TU is not the weekday of DTSTART, which is not supported"
        );
        assert_eq!(rule("COUNT=2"), "RRULE `COUNT=2` has no FREQ");
        assert_eq!(
            rule("FREQ=DAILY;INTERVAL=0"),
            "RRULE `FREQ=DAILY;INTERVAL=0`: INTERVAL must be a whole number from 1"
        );
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20260301T000000Z"),
            "RRULE `FREQ=DAILY;UNTIL=20260301T000000Z` leaves no occurrences (UNTIL before DTSTART, or all excluded by EXDATE)"
        );
    }

    #[test]
    fn weekly_series_keeps_wall_clock_across_dst() {
        let events = one("BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/London:20260316T140000\nDTEND;TZID=Europe/London:20260316T150000\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T235959Z\nEND:VEVENT\n").unwrap();
        let starts: Vec<_> = events.iter().map(|e| (e.occurrence, e.start)).collect();
        assert_eq!(
            starts,
            [
                (Some(1), ts("2026-03-16T14:00:00Z")),
                (Some(2), ts("2026-03-23T14:00:00Z")),
                (Some(3), ts("2026-03-30T13:00:00Z")),
            ]
        );
        assert_eq!(events[2].end, Some(ts("2026-03-30T14:00:00Z")));
    }

    #[test]
    fn endless_series_is_capped() {
        let events = one(
            "BEGIN:VEVENT\nDTSTART:20260302T100000Z\nRRULE:FREQ=DAILY;INTERVAL=2\nEND:VEVENT\n",
        )
        .unwrap();
        assert_eq!(events.len(), MAX_OCCURRENCES);
        assert_eq!(events[51].start, ts("2026-06-12T10:00:00Z"));
    }

    #[test]
    fn overrides_replace_and_cancel_occurrences() {
        let events = one(concat!(
            "BEGIN:VEVENT\nUID:s\nSUMMARY:Pairing\nDTSTART:20260302T100000Z\nRRULE:FREQ=DAILY;COUNT=4\nEND:VEVENT\n",
            "BEGIN:VEVENT\nUID:s\nSUMMARY:Pairing (moved)\nRECURRENCE-ID:20260303T100000Z\nDTSTART:20260303T160000Z\nEND:VEVENT\n",
        ))
        .unwrap();
        let got: Vec<_> = events
            .iter()
            .map(|e| (e.occurrence, e.start, e.summary.as_str(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), ts("2026-03-02T10:00:00Z"), "Pairing", 3),
                (Some(2), ts("2026-03-03T16:00:00Z"), "Pairing (moved)", 9),
                (Some(3), ts("2026-03-04T10:00:00Z"), "Pairing", 3),
                (Some(4), ts("2026-03-05T10:00:00Z"), "Pairing", 3),
            ]
        );

        let (events, rejected) = parse_events(
            &calendar(concat!(
                "BEGIN:VEVENT\nUID:s\nDTSTART:20260302T100000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n",
                "BEGIN:VEVENT\nUID:s\nRECURRENCE-ID:20260303T100000Z\nDTSTART:20260303T100000Z\nSTATUS:CANCELLED\nEND:VEVENT\n",
            )),
            &london(),
        );
        assert_eq!(events.len(), 1);
        assert_eq!(rejected, [Rejected::new(8, "cancelled")]);
    }

    #[test]
    fn override_of_a_rejected_series_is_rejected() {
        let (events, rejected) = parse_events(
            &calendar(concat!(
                "BEGIN:VEVENT\nUID:m\nDTSTART:20260302T100000Z\nRRULE:FREQ=MONTHLY\nEND:VEVENT\n",
                "BEGIN:VEVENT\nUID:m\nRECURRENCE-ID:20260402T100000Z\nDTSTART:20260402T110000Z\nEND:VEVENT\n",
                "BEGIN:VEVENT\nUID:lone\nRECURRENCE-ID:20260402T100000Z\nDTSTART:20260402T110000Z\nEND:VEVENT\n",
            )),
            &london(),
        );
        assert_eq!(rejected.len(), 2);
        assert_eq!(
            rejected[1],
            Rejected::new(
                8,
                "a changed occurrence of the recurring event at line 3, which was rejected"
            )
        );
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].uid.as_deref(), Some("lone"));
        assert_eq!(events[0].occurrence, None);
    }

    #[test]
    fn attendees_skip_rooms_and_read_addresses() {
        let events = one(concat!(
            "BEGIN:VEVENT\nDTSTART:20260302T100000Z\n",
            "ORGANIZER;CN=\"Ruth Okafor\":MAILTO:ruth@example.test\n",
            "ATTENDEE;CN=Room 4;CUTYPE=ROOM:mailto:room4@example.test\n",
            "ATTENDEE:bare@example.test\n",
            "ATTENDEE;EMAIL=urn@example.test:urn:uuid:1234\n",
            "ATTENDEE:urn:uuid:nothing\n",
            "END:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(
            events[0].organizer,
            Some(Attendee {
                name: Some("Ruth Okafor".into()),
                email: Some("ruth@example.test".into())
            })
        );
        let emails: Vec<_> = events[0]
            .attendees
            .iter()
            .map(|a| a.email.as_deref())
            .collect();
        assert_eq!(
            emails,
            [Some("bare@example.test"), Some("urn@example.test")]
        );
    }

    #[test]
    fn floating_time_uses_the_default_zone() {
        let (events, _) = parse_events(
            "BEGIN:VEVENT\nDTSTART:20260702T100000\nEND:VEVENT\n",
            &TimeZone::get("America/Chicago").unwrap(),
        );
        assert_eq!(events[0].start, ts("2026-07-02T15:00:00Z"));
        assert_eq!(events[0].zone, None);
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("BEGIN:VCALENDAR".to_string()),
            Just("END:VCALENDAR".to_string()),
            Just("BEGIN:VEVENT".to_string()),
            Just("END:VEVENT".to_string()),
            Just("BEGIN:VTIMEZONE".to_string()),
            Just("END:VTIMEZONE".to_string()),
            Just("TZID:Custom".to_string()),
            Just("BEGIN:STANDARD".to_string()),
            Just("TZOFFSETTO:+0100".to_string()),
            Just("END:STANDARD".to_string()),
            Just("UID:x".to_string()),
            Just("STATUS:CANCELLED".to_string()),
            Just("RECURRENCE-ID:20260303T100000Z".to_string()),
            Just(" folded".to_string()),
            "DTSTART(;TZID=[A-Za-z /]{0,12})?(;VALUE=DATE)?:[0-9TZ]{0,16}",
            "DTEND:[0-9TZ]{0,16}",
            "DURATION:[-+PTWDHMS0-9]{0,10}",
            "RRULE:(FREQ=(DAILY|WEEKLY|MONTHLY);)?(COUNT=[0-9]{1,3};)?(INTERVAL=[0-9]{1,4};)?(UNTIL=[0-9TZ]{0,16})?",
            "EXDATE:[0-9TZ,]{0,20}",
            "ATTENDEE(;CN=\"?[a-z:; ]{0,6}\"?)?:(mailto:)?[a-z@.]{0,8}",
            ".{0,20}",
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            let _ = parse_events(&text, &london());
        }

        #[test]
        fn arbitrary_calendars_never_panic(
            lines in proptest::collection::vec(fragment(), 0..40),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let (events, rejected) = parse_events(&text, &london());
            prop_assert!(events.len() <= 40 * MAX_OCCURRENCES);
            prop_assert!(rejected.windows(2).all(|w| w[0].line <= w[1].line));
        }
    }
}
