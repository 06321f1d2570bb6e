//! What the employers did after our follow-ups: response rates per step and days to the first response.

use std::collections::BTreeMap;

use followup_core::{ActionKind, ApplicationFile, Touchpoint};
use jiff::Timestamp;
use serde::Serialize;

use crate::share;

/// How often a follow-up step was followed by a response.
///
/// The steps are the thank-you and each numbered check-in. An application counts at most once
/// per step, through the first touchpoint of that step in it. That touchpoint got a response
/// when the application received any response (of any outcome) after it and before the
/// application's next thank-you or check-in of another step or round; when none followed, any
/// later response counts. Thank-yous to several people of one round form one step together,
/// so the second note does not cut the first one's window short; a reply that came after
/// check-in 1 counts for check-in 1, not for the thank-you. Phone calls, cards and LinkedIn
/// connections are not steps here.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepRate {
    /// `thank-you`, `check-in 1`, `check-in 2`, …
    pub step: String,
    /// `thank-you` or `check-in`.
    pub kind: ActionKind,
    /// The check-in's number; 1 for the thank-you.
    pub n: u32,
    /// Applications in which this step was taken.
    pub sent: u32,
    /// Of those, the ones where a response followed it.
    pub responded: u32,
    /// `responded / sent`, from 0 to 1.
    pub rate: f64,
}

/// How long employers took to respond after an application's first round.
///
/// For every application with at least one round: the time from the end of its first round
/// (the one that started first) to the first response at or after that end. Days are exact
/// 24-hour spans, whatever the clocks did in between; a bucket holds whole elapsed days, so
/// 47 hours is in `0–1` and 48 hours in `2–3`. Applications with a round but no such response
/// count in `none_yet` instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DaysToResponse {
    /// Always the six buckets `0–1`, `2–3`, `4–7`, `8–14`, `15–30`, `31+`, in that order.
    pub buckets: Vec<DayBucket>,
    /// Applications with a round and no response after it yet.
    pub none_yet: u32,
    /// The median of the exact elapsed days (fractional, e.g. 2.5 for 60 hours; the mean of
    /// the two middle values for an even count); `None` before any response.
    pub median_days: Option<f64>,
}

/// Applications whose first response took from `from_days` to `to_days` whole days.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayBucket {
    /// `0–1`, `2–3`, … (with an en dash), or `31+`.
    pub label: String,
    pub from_days: u32,
    /// The last whole day in the bucket; `None` for the open-ended last one.
    pub to_days: Option<u32>,
    pub count: u32,
}

/// The bucket bounds in whole days; the last one is open-ended.
const BUCKETS: [(u32, Option<u32>); 6] = [
    (0, Some(1)),
    (2, Some(3)),
    (4, Some(7)),
    (8, Some(14)),
    (15, Some(30)),
    (31, None),
];

/// A step's place in the sequence: the thank-you first, then check-ins by number.
fn step_of(touchpoint: &Touchpoint) -> Option<(u8, u32)> {
    match touchpoint.kind {
        ActionKind::ThankYou => Some((0, 1)),
        ActionKind::CheckIn => Some((1, touchpoint.n)),
        _ => None,
    }
}

pub(crate) fn rates(files: &[ApplicationFile]) -> Vec<StepRate> {
    let mut steps: BTreeMap<(u8, u32), (u32, u32)> = BTreeMap::new();
    for file in files {
        let mut follow_ups: Vec<((u8, u32), &Touchpoint)> = file
            .touchpoints
            .iter()
            .filter_map(|t| step_of(t).map(|s| (s, t)))
            .collect();
        follow_ups.sort_by_key(|(step, t)| (t.at.timestamp(), *step));
        let mut seen = Vec::new();
        for (i, &(step, first)) in follow_ups.iter().enumerate() {
            if seen.contains(&step) {
                continue;
            }
            seen.push(step);
            let sent_at = first.at.timestamp();
            let next = follow_ups[i + 1..]
                .iter()
                .find(|(s, t)| {
                    t.at.timestamp() > sent_at && !(*s == step && t.interview == first.interview)
                })
                .map(|(_, t)| t.at.timestamp());
            let answered = file.responses.iter().any(|r| {
                let at = r.at.timestamp();
                at > sent_at && next.is_none_or(|next| at < next)
            });
            let counts = steps.entry(step).or_default();
            counts.0 += 1;
            counts.1 += u32::from(answered);
        }
    }
    steps
        .into_iter()
        .map(|((order, n), (sent, responded))| StepRate {
            step: if order == 0 {
                "thank-you".to_string()
            } else {
                format!("check-in {n}")
            },
            kind: if order == 0 {
                ActionKind::ThankYou
            } else {
                ActionKind::CheckIn
            },
            n,
            sent,
            responded,
            rate: share(responded, sent).unwrap_or(0.0),
        })
        .collect()
}

pub(crate) fn days_to_first(files: &[ApplicationFile]) -> DaysToResponse {
    let mut counts = [0u32; BUCKETS.len()];
    let mut none_yet = 0;
    let mut waits: Vec<f64> = Vec::new();
    for file in files {
        let Some(first_round) = file.interviews.iter().min_by_key(|i| i.start.timestamp()) else {
            continue;
        };
        let end = first_round.effective_end();
        let first_response: Option<Timestamp> = file
            .responses
            .iter()
            .map(|r| r.at.timestamp())
            .filter(|at| *at >= end)
            .min();
        let Some(answered) = first_response else {
            none_yet += 1;
            continue;
        };
        let days = answered.duration_since(end).as_secs_f64() / 86_400.0;
        waits.push(days);
        // Truncation is the point: a bucket holds whole elapsed days.
        let whole = days.floor() as u32;
        let slot = BUCKETS
            .iter()
            .position(|(_, to)| to.is_none_or(|to| whole <= to))
            .unwrap_or(BUCKETS.len() - 1);
        counts[slot] += 1;
    }
    DaysToResponse {
        buckets: BUCKETS
            .iter()
            .zip(counts)
            .map(|(&(from_days, to_days), count)| DayBucket {
                label: match to_days {
                    Some(to) => format!("{from_days}\u{2013}{to}"),
                    None => format!("{from_days}+"),
                },
                from_days,
                to_days,
                count,
            })
            .collect(),
        none_yet,
        median_days: median(&mut waits),
    }
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[mid]),
        _ => Some((values[mid - 1] + values[mid]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::application;

    fn summary(rates: &[StepRate]) -> Vec<(&str, u32, u32)> {
        rates
            .iter()
            .map(|r| (r.step.as_str(), r.sent, r.responded))
            .collect()
    }

    #[test]
    fn a_reply_after_check_in_1_counts_for_check_in_1_not_the_thank_you() {
        let file = application("a1")
            .round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
            .touch("check-in", "r1", "p1", 2, "2026-03-19T09:00:00-04:00")
            .response("reply", "2026-03-13T11:00:00-04:00")
            .build();
        let rates = rates(&[file]);
        assert_eq!(
            summary(&rates),
            [
                ("thank-you", 1, 0),
                ("check-in 1", 1, 1),
                ("check-in 2", 1, 0)
            ]
        );
        assert_eq!(rates[1].kind, ActionKind::CheckIn);
        assert_eq!((rates[1].n, rates[1].rate), (1, 1.0));
        assert_eq!(rates[0].rate, 0.0);
    }

    #[test]
    fn thank_yous_to_a_panel_are_one_step_and_the_last_step_waits_for_ever() {
        // Three notes to one panel: the reply after the third still answers the thank-you step,
        // and it is counted once for the application.
        let file = application("a1")
            .round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
            .person("r1", "p2")
            .person("r1", "p3")
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("thank-you", "r1", "p2", 1, "2026-03-02T19:10:00-05:00")
            .touch("thank-you", "r1", "p3", 1, "2026-03-03T08:00:00-05:00")
            .response("next-round", "2026-04-20T10:00:00-04:00")
            .build();
        assert_eq!(summary(&rates(&[file])), [("thank-you", 1, 1)]);
    }

    #[test]
    fn the_next_rounds_thank_you_closes_the_first_ones_window() {
        let file = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .round("r2", "2026-03-09T14:00:00-04:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("thank-you", "r2", "p1", 1, "2026-03-09T19:00:00-04:00")
            .response("offer", "2026-03-10T10:00:00-04:00")
            .build();
        assert_eq!(summary(&rates(&[file])), [("thank-you", 1, 0)]);
    }

    #[test]
    fn each_application_counts_once_per_step_and_a_response_before_the_note_does_not_count() {
        let answered = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .response("update", "2026-03-04T10:00:00-05:00")
            .build();
        let early = application("a2")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .response("reply", "2026-03-02T16:00:00-05:00")
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
            .build();
        let quiet = application("a3")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .build();
        let rates = rates(&[answered, early, quiet]);
        assert_eq!(summary(&rates), [("thank-you", 3, 1), ("check-in 1", 1, 0)]);
        assert_eq!(rates[0].rate, 1.0 / 3.0);
    }

    fn day_counts(d: &DaysToResponse) -> Vec<(&str, u32)> {
        d.buckets
            .iter()
            .map(|b| (b.label.as_str(), b.count))
            .collect()
    }

    #[test]
    fn days_are_whole_24_hour_spans_from_the_first_rounds_end() {
        // Each first round ends at 15:00 on 2 March (New York); waits of 47 h, 48 h, 7 days
        // 23 h, 8 days, 40 days; one without any answer; one with no round at all.
        let ends = |id: &str, response: Option<&str>| {
            let mut app = application(id)
                .round("r2", "2026-03-20T10:00:00-04:00", None)
                .round(
                    "r1",
                    "2026-03-02T14:00:00-05:00",
                    Some("2026-03-02T15:00:00-05:00"),
                );
            if let Some(at) = response {
                app = app.response("reply", at);
            }
            app.build()
        };
        let files = [
            ends("a1", Some("2026-03-04T14:00:00-05:00")),
            ends("a2", Some("2026-03-04T15:00:00-05:00")),
            // Across the DST change on 8 March: 7 × 24 h + 23 h later is 15:00 EDT on the 10th.
            ends("a3", Some("2026-03-10T15:00:00-04:00")),
            ends("a4", Some("2026-03-10T16:00:00-04:00")),
            ends("a5", Some("2026-04-11T16:00:00-04:00")),
            ends("a6", None),
            application("a7")
                .response("reply", "2026-03-04T10:00:00-05:00")
                .build(),
        ];
        let d = days_to_first(&files);
        assert_eq!(
            day_counts(&d),
            [
                ("0–1", 1),
                ("2–3", 1),
                ("4–7", 1),
                ("8–14", 1),
                ("15–30", 0),
                ("31+", 1)
            ]
        );
        assert_eq!(d.none_yet, 1);
        let median = d.median_days.unwrap();
        assert!((median - (7.0 + 23.0 / 24.0)).abs() < 1e-9, "{median}");
        assert_eq!(d.buckets[5].to_days, None);
        assert_eq!(
            (d.buckets[3].from_days, d.buckets[3].to_days),
            (8, Some(14))
        );
    }

    #[test]
    fn a_response_before_the_first_rounds_end_is_not_the_answer_and_medians_average() {
        let a = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .response("reply", "2026-03-01T09:00:00-05:00")
            .response("reply", "2026-03-03T15:00:00-05:00")
            .build();
        let b = application("a2")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .response("rejection", "2026-03-04T03:00:00-05:00")
            .build();
        let d = days_to_first(&[a, b]);
        assert_eq!(day_counts(&d)[0], ("0–1", 2));
        assert_eq!(d.none_yet, 0);
        // 1 day and 1.5 days.
        assert_eq!(d.median_days, Some(1.25));
    }

    #[test]
    fn nothing_to_measure() {
        let d = days_to_first(&[]);
        assert_eq!(d.buckets.len(), 6);
        assert!(d.buckets.iter().all(|b| b.count == 0));
        assert_eq!((d.none_yet, d.median_days), (0, None));
        assert_eq!(rates(&[]), []);
    }
}
