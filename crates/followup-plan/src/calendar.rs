//! Business days and hours in the recipient's zone: `morning`, `next_morning`, and when to send.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use followup_core::BusinessHours;

/// Searching further than this many days for a business day means the holidays cover
/// everything; we then give up and keep the time we had.
const SEARCH_DAYS: usize = 400;

/// Weekdays minus holidays, and the hours within them that messages should arrive in.
#[derive(Clone, Debug)]
pub struct BusinessCalendar {
    holidays: Vec<Date>,
    hours: BusinessHours,
}

impl BusinessCalendar {
    pub fn new(holidays: &[Date], hours: BusinessHours) -> Self {
        let mut holidays = holidays.to_vec();
        holidays.sort();
        holidays.dedup();
        BusinessCalendar { holidays, hours }
    }

    /// Monday to Friday and not a holiday.
    pub fn is_business_day(&self, date: Date) -> bool {
        date.weekday().to_monday_one_offset() <= 5 && self.holidays.binary_search(&date).is_err()
    }

    fn at(&self, date: Date, time: Time, zone: &TimeZone) -> Option<Timestamp> {
        date.to_datetime(time)
            .to_zoned(zone.clone())
            .ok()
            .map(|z| z.timestamp())
    }

    /// The earliest instant at or after `t` that is the start of business hours on a business
    /// day in `zone`.
    pub fn morning(&self, t: Timestamp, zone: &TimeZone) -> Timestamp {
        let mut date = t.to_zoned(zone.clone()).date();
        for _ in 0..SEARCH_DAYS {
            if self.is_business_day(date)
                && let Some(start) = self.at(date, self.hours.start, zone)
                && start >= t
            {
                return start;
            }
            match date.checked_add(1.day()) {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        t
    }

    /// The start of business hours on the first business day whose date, in `zone`, comes
    /// after the date of `deadline` there.
    pub fn next_morning(&self, deadline: Timestamp, zone: &TimeZone) -> Timestamp {
        let mut date = deadline.to_zoned(zone.clone()).date();
        for _ in 0..SEARCH_DAYS {
            match date.checked_add(1.day()) {
                Ok(next) => date = next,
                Err(_) => break,
            }
            if self.is_business_day(date)
                && let Some(start) = self.at(date, self.hours.start, zone)
            {
                return start;
            }
        }
        deadline
    }

    /// Whether `t` falls inside business hours on a business day in `zone`.
    pub fn in_hours(&self, t: Timestamp, zone: &TimeZone) -> bool {
        let local = t.to_zoned(zone.clone());
        let time = local.time();
        self.is_business_day(local.date()) && time >= self.hours.start && time < self.hours.end
    }

    /// The first moment in `[opens, due]` inside business hours, or `opens` if there is none.
    pub fn suggested(&self, opens: Timestamp, due: Timestamp, zone: &TimeZone) -> Timestamp {
        if self.in_hours(opens, zone) {
            return opens;
        }
        let morning = self.morning(opens, zone);
        if morning <= due { morning } else { opens }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> TimeZone {
        TimeZone::get("America/New_York").unwrap()
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn local(t: Timestamp) -> String {
        t.to_zoned(ny()).strftime("%a %F %H:%M %:z").to_string()
    }

    #[test]
    fn morning_skips_evenings_weekends_and_holidays() {
        let cal = BusinessCalendar::new(&["2026-03-09".parse().unwrap()], BusinessHours::default());
        // Friday evening → Monday is a holiday → Tuesday 09:00 (after the DST change: -04:00).
        assert_eq!(
            local(cal.morning(ts("2026-03-06T18:00:00-05:00"), &ny())),
            "Tue 2026-03-10 09:00 -04:00"
        );
        // Exactly 09:00 on a business day is itself a morning.
        assert_eq!(
            local(cal.morning(ts("2026-03-05T09:00:00-05:00"), &ny())),
            "Thu 2026-03-05 09:00 -05:00"
        );
        // 09:01 is not.
        assert_eq!(
            local(cal.morning(ts("2026-03-05T09:01:00-05:00"), &ny())),
            "Fri 2026-03-06 09:00 -05:00"
        );
    }

    #[test]
    fn next_morning_is_the_business_day_after_the_date() {
        let cal = BusinessCalendar::new(&[], BusinessHours::default());
        // A Friday deadline at the end of the day → Monday 09:00.
        assert_eq!(
            local(cal.next_morning(ts("2026-03-13T23:59:59-04:00"), &ny())),
            "Mon 2026-03-16 09:00 -04:00"
        );
        // An early-morning Wednesday deadline → Thursday, not the same day.
        assert_eq!(
            local(cal.next_morning(ts("2026-03-11T06:00:00-04:00"), &ny())),
            "Thu 2026-03-12 09:00 -04:00"
        );
    }

    #[test]
    fn suggested_is_inside_hours_or_the_opening() {
        let cal = BusinessCalendar::new(&[], BusinessHours::default());
        let opens = ts("2026-03-06T16:00:00-05:00"); // Friday 16:00: inside hours
        assert_eq!(
            cal.suggested(opens, ts("2026-03-07T15:00:00-05:00"), &ny()),
            opens
        );
        let opens = ts("2026-03-06T19:00:00-05:00"); // Friday evening; due Saturday: no hours fit
        assert_eq!(
            cal.suggested(opens, ts("2026-03-07T18:00:00-05:00"), &ny()),
            opens
        );
        let opens = ts("2026-03-04T18:30:00-05:00"); // Wednesday evening → Thursday morning
        assert_eq!(
            local(cal.suggested(opens, ts("2026-03-05T17:30:00-05:00"), &ny())),
            "Thu 2026-03-05 09:00 -05:00"
        );
    }

    #[test]
    fn a_year_of_holidays_does_not_hang() {
        let start: Date = "2026-01-01".parse().unwrap();
        let all: Vec<Date> = (0..500)
            .map(|d| start.checked_add(d.days()).unwrap())
            .collect();
        let cal = BusinessCalendar::new(&all, BusinessHours::default());
        let t = ts("2026-03-06T18:00:00-05:00");
        assert_eq!(cal.morning(t, &ny()), t);
    }
}
