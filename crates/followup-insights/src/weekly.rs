//! Follow-ups sent per week over the last twelve weeks, in the user's calendar.

use followup_core::ApplicationFile;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::Serialize;

/// How many weeks [`crate::Insights::weekly`] covers, the week of "now" included.
pub const WEEKS: usize = 12;

/// The touchpoints (follow-ups of every kind) sent in one week.
///
/// Weeks run Monday to Sunday by the calendar in the user's zone, so a week is 7 calendar
/// days even when a clock change makes it 167 or 169 hours long.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekCount {
    /// The ISO week: `2026-W10`.
    pub week: String,
    /// Its Monday.
    pub starts: Date,
    pub count: u32,
}

fn monday_of(date: Date) -> Option<Date> {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(Span::new().days(back)).ok()
}

pub(crate) fn measure(
    files: &[ApplicationFile],
    now: Timestamp,
    zone: &TimeZone,
) -> Vec<WeekCount> {
    let this_week = monday_of(now.to_zoned(zone.clone()).date());
    // Oldest first; near the ends of the calendar some weeks cannot exist and are left out.
    let mut weeks: Vec<WeekCount> = (0..WEEKS as i64)
        .rev()
        .filter_map(|back| {
            let starts = this_week?.checked_sub(Span::new().weeks(back)).ok()?;
            let iso = starts.iso_week_date();
            Some(WeekCount {
                week: format!("{:04}-W{:02}", iso.year(), iso.week()),
                starts,
                count: 0,
            })
        })
        .collect();
    for touchpoint in files.iter().flat_map(|f| &f.touchpoints) {
        let sent = monday_of(touchpoint.at.to_zoned(zone.clone()).date());
        if let Some(week) = weeks.iter_mut().find(|w| Some(w.starts) == sent) {
            week.count += 1;
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{application, at, new_york};

    fn counts(weeks: &[WeekCount]) -> Vec<u32> {
        weeks.iter().map(|w| w.count).collect()
    }

    #[test]
    fn twelve_weeks_ending_with_the_week_of_now_zero_filled() {
        let file = application("a1")
            .round("r1", "2026-01-05T14:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-01-05T19:00:00-05:00")
            .touch(
                "linkedin-connect",
                "r1",
                "p1",
                1,
                "2026-01-07T19:00:00-05:00",
            )
            .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
            // Too old: the week of 29 December is thirteen weeks back.
            .touch(
                "handwritten-note",
                "r1",
                "p1",
                1,
                "2026-01-04T19:00:00-05:00",
            )
            .build();
        // Thursday 26 March 2026.
        let weeks = measure(&[file], at("2026-03-26T12:00:00-04:00"), &new_york());
        assert_eq!(weeks.len(), WEEKS);
        assert_eq!(weeks[0].week, "2026-W02");
        assert_eq!(weeks[0].starts, jiff::civil::date(2026, 1, 5));
        assert_eq!(weeks[11].week, "2026-W13");
        assert_eq!(weeks[11].starts, jiff::civil::date(2026, 3, 23));
        assert_eq!(counts(&weeks), [2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    }

    #[test]
    fn weeks_follow_the_users_calendar_across_a_clock_change() {
        // New York moves its clocks forward early on Sunday 8 March 2026. Late Sunday evening
        // is already Monday in UTC, and 7 × 24 h after Monday 2 March 00:00 is 01:00 on the 9th.
        let file = application("a1")
            .round("r1", "2026-03-02T00:30:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T00:30:00-05:00")
            .touch("thank-you", "r1", "p1", 1, "2026-03-08T23:30:00-04:00")
            .touch("check-in", "r1", "p1", 1, "2026-03-09T00:30:00-04:00")
            .touch("check-in", "r1", "p1", 2, "2026-03-01T23:59:00-05:00")
            .build();
        let weeks = measure(&[file], at("2026-03-09T12:00:00-04:00"), &new_york());
        let last: Vec<_> = weeks[9..]
            .iter()
            .map(|w| (w.starts.to_string(), w.count))
            .collect();
        assert_eq!(
            last,
            [
                ("2026-02-23".to_string(), 1),
                ("2026-03-02".to_string(), 2),
                ("2026-03-09".to_string(), 1)
            ]
        );
    }

    #[test]
    fn the_same_instant_falls_in_the_users_own_week() {
        // Monday 06:00 in Tokyo is still Sunday in New York.
        let file = application("a1")
            .round("r1", "2026-03-01T10:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-09T06:00:00+09:00")
            .build();
        let now = at("2026-03-10T12:00:00Z");
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        assert_eq!(
            counts(&measure(std::slice::from_ref(&file), now, &tokyo))[11],
            1
        );
        assert_eq!(counts(&measure(&[file], now, &new_york()))[10..], [1, 0]);
    }

    #[test]
    fn no_files_still_gives_twelve_empty_weeks() {
        let weeks = measure(&[], at("2026-03-26T12:00:00Z"), &new_york());
        assert_eq!(counts(&weeks), [0; WEEKS]);
    }
}
