//! Thank-you punctuality: how many thank-you notes left within 24 hours of their round's end.

use std::collections::BTreeMap;

use followup_core::{ActionKind, ApplicationFile};
use jiff::SignedDuration;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::share;

/// The 24-hour window every thank-you should meet (SPEC §2, rule TY).
const WINDOW: SignedDuration = SignedDuration::from_hours(24);

/// Thank-you punctuality overall and month by month.
///
/// Every `thank-you` touchpoint counts once (one per interviewer, as they are sent). It is on
/// time when it was sent no later than 24 hours after its round's end (an interview without
/// an end ends an hour after its start); a note sent before the end is not late either.
/// Handwritten notes are not counted: they travel by post and cannot meet the same window.
/// A touchpoint whose round is missing from its file is left out, since nothing says when it
/// was due.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Punctuality {
    /// One entry per calendar month with at least one thank-you, oldest first.
    pub months: Vec<MonthPunctuality>,
    /// Thank-you notes sent, in all months.
    pub sent: u32,
    /// Of those, the ones sent within 24 hours.
    pub on_time: u32,
    /// `on_time / sent`, from 0 to 1; `None` when no thank-you was sent yet.
    pub share: Option<f64>,
}

/// Thank-you punctuality for the rounds of one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthPunctuality {
    /// The month the round started in, in the user's zone: `2026-03`.
    pub month: String,
    /// Thank-you notes sent for rounds of that month (at least 1).
    pub sent: u32,
    /// Of those, the ones sent within 24 hours.
    pub on_time: u32,
    /// `on_time / sent`, from 0 to 1.
    pub share: f64,
}

pub(crate) fn measure(files: &[ApplicationFile], zone: &TimeZone) -> Punctuality {
    // Keyed by (year, month) so months sort by time, not by spelling.
    let mut months: BTreeMap<(i16, i8), (u32, u32)> = BTreeMap::new();
    for file in files {
        for touchpoint in &file.touchpoints {
            if touchpoint.kind != ActionKind::ThankYou {
                continue;
            }
            let Some(round) = file
                .interviews
                .iter()
                .find(|i| i.id == touchpoint.interview)
            else {
                continue;
            };
            let deadline = round
                .effective_end()
                .checked_add(WINDOW)
                .unwrap_or(jiff::Timestamp::MAX);
            let on_time = touchpoint.at.timestamp() <= deadline;
            let started = round.start.to_zoned(zone.clone());
            let counts = months.entry((started.year(), started.month())).or_default();
            counts.0 += 1;
            counts.1 += u32::from(on_time);
        }
    }
    let sent = months.values().map(|c| c.0).sum();
    let on_time = months.values().map(|c| c.1).sum();
    Punctuality {
        months: months
            .into_iter()
            .map(|((year, month), (sent, on_time))| MonthPunctuality {
                month: format!("{year:04}-{month:02}"),
                sent,
                on_time,
                share: share(on_time, sent).unwrap_or(0.0),
            })
            .collect(),
        sent,
        on_time,
        share: share(on_time, sent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{application, new_york};

    #[test]
    fn a_note_at_23_hours_is_on_time_and_one_at_25_hours_late() {
        // The round ends at 15:00 on 2 March.
        let file = application("a1")
            .round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
            .person("r1", "p2")
            .touch("thank-you", "r1", "p1", 1, "2026-03-03T14:00:00-05:00")
            .touch("thank-you", "r1", "p2", 1, "2026-03-03T16:00:00-05:00")
            .build();
        let p = measure(&[file], &new_york());
        assert_eq!(
            p.months,
            vec![MonthPunctuality {
                month: "2026-03".into(),
                sent: 2,
                on_time: 1,
                share: 0.5
            }]
        );
        assert_eq!((p.sent, p.on_time, p.share), (2, 1, Some(0.5)));
    }

    #[test]
    fn exactly_24_hours_is_on_time_and_a_missing_end_means_an_hour_after_the_start() {
        let file = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-03T15:00:00-05:00")
            .build();
        let p = measure(&[file], &new_york());
        assert_eq!((p.sent, p.on_time), (1, 1));
    }

    #[test]
    fn months_follow_the_round_in_the_users_zone_and_only_thank_yous_count() {
        // 31 March 21:00 in New York is already April in UTC; the user's month is March.
        let a = application("a1")
            .round(
                "r1",
                "2026-03-31T21:00:00-04:00",
                Some("2026-03-31T22:00:00-04:00"),
            )
            .touch("thank-you", "r1", "p1", 1, "2026-04-02T09:00:00-04:00")
            .touch(
                "handwritten-note",
                "r1",
                "p1",
                1,
                "2026-04-01T09:00:00-04:00",
            )
            .build();
        let b = application("a2")
            .round(
                "r1",
                "2026-02-10T10:00:00-05:00",
                Some("2026-02-10T11:00:00-05:00"),
            )
            .touch("thank-you", "r1", "p1", 1, "2026-02-10T18:00:00-05:00")
            .touch("check-in", "r1", "p1", 1, "2026-02-20T09:00:00-05:00")
            .build();
        let p = measure(&[a, b], &new_york());
        let months: Vec<_> = p
            .months
            .iter()
            .map(|m| (m.month.as_str(), m.sent, m.on_time))
            .collect();
        assert_eq!(months, [("2026-02", 1, 1), ("2026-03", 1, 0)]);
        assert_eq!((p.sent, p.on_time, p.share), (2, 1, Some(0.5)));
    }

    #[test]
    fn nothing_sent_has_no_share() {
        let file = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .build();
        let p = measure(&[file], &new_york());
        assert_eq!(p.months, []);
        assert_eq!((p.sent, p.on_time, p.share), (0, 0, None));
    }
}
