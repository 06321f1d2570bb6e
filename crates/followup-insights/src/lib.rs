//! How the follow-ups are going, computed from the applications and drawn as charts.
//!
//! [`insights`] is pure: the applications, "now" and the user's time zone go in, five plain
//! measures come out (thank-you punctuality, response rates per follow-up step, days to the
//! first response, the funnel of interviewed applications, follow-ups sent per week). The web
//! app and the CLI show them as they like; [`chart`] draws each one as a standalone SVG and
//! [`sparkline`] squeezes a series into one line of text for a terminal.
//!
//! Every application given counts, archived ones included: they are the history these
//! measures are about.

pub mod chart;
mod funnel;
mod punctuality;
mod response;
mod sparkline;
mod weekly;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod properties;

use followup_core::ApplicationFile;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

pub use funnel::Funnel;
pub use punctuality::{MonthPunctuality, Punctuality};
pub use response::{DayBucket, DaysToResponse, StepRate};
pub use sparkline::sparkline;
pub use weekly::{WEEKS, WeekCount};

/// Everything the insights page shows, for one set of applications at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insights {
    /// Whether thank-you notes went out within 24 hours of their round.
    pub punctuality: Punctuality,
    /// How often the employer answered after each follow-up step, in step order
    /// (thank-you, check-in 1, check-in 2, …); only steps somebody took are listed.
    pub response_rates: Vec<StepRate>,
    /// How long the employer took to answer after the first round.
    pub days_to_response: DaysToResponse,
    /// Where the interviewed applications stand now.
    pub funnel: Funnel,
    /// Follow-ups sent in each of the last [`WEEKS`] weeks, oldest first, the week of "now" last.
    pub weekly: Vec<WeekCount>,
}

/// Measures `files` as they stand at `now`; calendar months and weeks are taken in `zone`
/// (the user's zone), so a note sent late on a Sunday evening counts in that week.
pub fn insights(files: &[ApplicationFile], now: Timestamp, zone: &TimeZone) -> Insights {
    Insights {
        punctuality: punctuality::measure(files, zone),
        response_rates: response::rates(files),
        days_to_response: response::days_to_first(files),
        funnel: funnel::measure(files, now),
        weekly: weekly::measure(files, now, zone),
    }
}

/// `part / whole` as a share from 0 to 1, or `None` when there is nothing to divide.
fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{application, at, new_york};

    #[test]
    fn the_measures_serialise_as_plain_json() {
        let file = application("a1")
            .round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .response("reply", "2026-03-04T15:00:00-05:00")
            .build();
        let found = insights(&[file], at("2026-03-05T12:00:00-05:00"), &new_york());
        let json = serde_json::to_value(&found).unwrap();
        assert_eq!(
            json["punctuality"],
            serde_json::json!({
                "months": [{"month": "2026-03", "sent": 1, "on_time": 1, "share": 1.0}],
                "sent": 1, "on_time": 1, "share": 1.0
            })
        );
        assert_eq!(
            json["response_rates"],
            serde_json::json!([{"step": "thank-you", "kind": "thank-you", "n": 1,
                                "sent": 1, "responded": 1, "rate": 1.0}])
        );
        assert_eq!(json["days_to_response"]["median_days"], 2.0);
        assert_eq!(
            json["days_to_response"]["buckets"][1],
            serde_json::json!({"label": "2–3", "from_days": 2, "to_days": 3, "count": 1})
        );
        assert_eq!(
            json["funnel"],
            serde_json::json!({"applications": 1, "interviewed": 1, "offer": 0,
                               "rejected": 0, "no_response": 0, "waiting": 1})
        );
        assert_eq!(
            json["weekly"][11],
            serde_json::json!({"week": "2026-W10", "starts": "2026-03-02", "count": 1})
        );
        assert!(share(1, 0).is_none());
    }
}
