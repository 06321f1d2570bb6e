//! Instants that remember the offset they were written with, and decision dates.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact instant plus the UTC offset it is shown with.
///
/// Interviews, touchpoints and responses are entered in somebody's local time; keeping the
/// offset makes exports read the way they were written and round-trip byte for byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Moment {
    timestamp: Timestamp,
    offset: Offset,
}

impl Moment {
    pub fn new(timestamp: Timestamp, offset: Offset) -> Self {
        Self { timestamp, offset }
    }

    /// The instant shown with the offset that `zone` has at that instant.
    pub fn in_zone(timestamp: Timestamp, zone: &TimeZone) -> Self {
        Self::new(timestamp, zone.to_offset(timestamp))
    }

    pub fn from_zoned(zoned: &Zoned) -> Self {
        Self::new(zoned.timestamp(), zoned.offset())
    }

    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// The same instant as a civil date-time in `zone`.
    pub fn to_zoned(&self, zone: TimeZone) -> Zoned {
        self.timestamp.to_zoned(zone)
    }

    /// Parses RFC 3339 (`2026-03-02T14:00:00-05:00`, `…Z`); a space may stand for the `T`.
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        let pieces = Pieces::parse(text).map_err(|e| e.to_string())?;
        let offset = match pieces.offset() {
            Some(PiecesOffset::Zulu) => Offset::UTC,
            Some(PiecesOffset::Numeric(numeric)) => numeric.offset(),
            Some(_) => Offset::UTC,
            None => return Err("it has no UTC offset (add one such as -05:00 or Z)".into()),
        };
        if pieces.time().is_none() {
            return Err("it has no time of day".into());
        }
        let timestamp: Timestamp = text.parse().map_err(|e: jiff::Error| e.to_string())?;
        Ok(Self::new(timestamp, offset))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.timestamp
            .cmp(&other.timestamp)
            .then(self.offset.seconds().cmp(&other.offset.seconds()))
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.timestamp.display_with_offset(self.offset))
    }
}

impl FromStr for Moment {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_rfc3339(s)
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Moment::parse_rfc3339(&text).map_err(|why| {
            serde::de::Error::custom(format!(
                "{text:?} is not an RFC 3339 date-time: {why} (write it like 2026-03-02T14:00:00-05:00)"
            ))
        })
    }
}

/// When the employer said they would decide: a whole day, or a precise moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionDate {
    /// The end of that day in the profile's zone.
    Day(Date),
    At(Moment),
}

impl DecisionDate {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() == 10 {
            return text
                .parse::<Date>()
                .map(DecisionDate::Day)
                .map_err(|e| e.to_string());
        }
        Moment::parse_rfc3339(text).map(DecisionDate::At)
    }

    /// The last instant this decision date covers (a date-only value ends at 23:59:59 of that
    /// day in `profile_zone`).
    pub fn deadline(&self, profile_zone: &TimeZone) -> Timestamp {
        match self {
            DecisionDate::At(moment) => moment.timestamp(),
            DecisionDate::Day(date) => date
                .at(23, 59, 59, 0)
                .to_zoned(profile_zone.clone())
                .map(|z| z.timestamp())
                .unwrap_or(Timestamp::MAX),
        }
    }
}

impl fmt::Display for DecisionDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecisionDate::Day(date) => write!(f, "{date}"),
            DecisionDate::At(moment) => write!(f, "{moment}"),
        }
    }
}

impl Serialize for DecisionDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DecisionDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DecisionDate::parse(&text).map_err(|why| {
            serde::de::Error::custom(format!(
                "{text:?} is neither a date (2026-03-13) nor an RFC 3339 date-time: {why}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_it_was_written_with() {
        for text in [
            "2026-03-02T14:00:00-05:00",
            "2026-03-02T19:00:00Z",
            "2026-07-01T09:30:00+05:30",
            "2026-03-02T14:00:00.25-05:00",
        ] {
            let moment = Moment::parse_rfc3339(text).unwrap();
            assert_eq!(moment.to_string(), text.replace('Z', "+00:00"));
        }
    }

    #[test]
    fn refuses_a_date_time_without_offset() {
        let err = Moment::parse_rfc3339("2026-03-02T14:00:00").unwrap_err();
        assert!(err.contains("no UTC offset"), "{err}");
        assert!(Moment::parse_rfc3339("2026-03-02").is_err());
        assert!(Moment::parse_rfc3339("garbage").is_err());
    }

    #[test]
    fn orders_by_instant() {
        let a = Moment::parse_rfc3339("2026-03-02T14:00:00-05:00").unwrap();
        let b = Moment::parse_rfc3339("2026-03-02T19:30:00+01:00").unwrap();
        assert!(b < a);
    }

    #[test]
    fn decision_dates_of_both_forms() {
        let zone = TimeZone::get("America/New_York").unwrap();
        let day = DecisionDate::parse("2026-03-13").unwrap();
        assert_eq!(day.to_string(), "2026-03-13");
        assert_eq!(
            day.deadline(&zone).to_string(),
            "2026-03-14T03:59:59Z",
            "end of the day in New York"
        );
        let at = DecisionDate::parse("2026-03-13T12:00:00-05:00").unwrap();
        assert_eq!(at.to_string(), "2026-03-13T12:00:00-05:00");
        assert!(DecisionDate::parse("13/03/2026").is_err());
    }
}
