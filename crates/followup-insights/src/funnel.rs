//! The funnel: where the interviewed applications stand now, by the planner's status.

use followup_core::ApplicationFile;
use followup_plan::AppStatus;
use jiff::Timestamp;
use serde::Serialize;

/// The interviewed applications split by the planner's status at "now".
///
/// An application is interviewed once it has at least one round. `offer + rejected +
/// no_response + waiting == interviewed`. Archived applications are included: they are the
/// history the funnel is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Funnel {
    /// Every application given, interviewed or not.
    pub applications: u32,
    /// Applications with at least one round.
    pub interviewed: u32,
    /// Status `offer`.
    pub offer: u32,
    /// Status `rejected`.
    pub rejected: u32,
    /// Status `no-response`: every check-in sent, the last one 14 days ago, nothing back.
    pub no_response: u32,
    /// Status `awaiting-decision` or `thank-yous-due`: still in play.
    pub waiting: u32,
}

pub(crate) fn measure(files: &[ApplicationFile], now: Timestamp) -> Funnel {
    let mut funnel = Funnel {
        applications: 0,
        interviewed: 0,
        offer: 0,
        rejected: 0,
        no_response: 0,
        waiting: 0,
    };
    for file in files {
        funnel.applications += 1;
        if file.interviews.is_empty() {
            continue;
        }
        funnel.interviewed += 1;
        let slot = match followup_plan::plan(file, now).status {
            AppStatus::Offer => &mut funnel.offer,
            AppStatus::Rejected => &mut funnel.rejected,
            AppStatus::NoResponse => &mut funnel.no_response,
            AppStatus::AwaitingDecision | AppStatus::ThankYousDue => &mut funnel.waiting,
        };
        *slot += 1;
    }
    funnel
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{application, at};

    #[test]
    fn every_interviewed_application_lands_in_one_place_archived_ones_too() {
        let round = |id: &str| {
            application(id).round(
                "r1",
                "2026-03-02T14:00:00-05:00",
                Some("2026-03-02T15:00:00-05:00"),
            )
        };
        let thanked =
            |id: &str| round(id).touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00");
        let files = [
            thanked("offer")
                .response("offer", "2026-03-20T10:00:00-04:00")
                .build(),
            thanked("rejected")
                .response("rejection", "2026-03-10T10:00:00-04:00")
                .archived()
                .build(),
            thanked("silent")
                .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
                .touch("check-in", "r1", "p1", 2, "2026-03-19T09:00:00-04:00")
                .build(),
            thanked("awaiting").build(),
            round("unthanked").build(),
            application("applied").build(),
        ];
        let funnel = measure(&files, at("2026-04-15T12:00:00-04:00"));
        assert_eq!(
            funnel,
            Funnel {
                applications: 6,
                interviewed: 5,
                offer: 1,
                rejected: 1,
                no_response: 1,
                waiting: 2,
            }
        );
    }

    #[test]
    fn the_status_is_read_at_now() {
        let file = application("a1")
            .round("r1", "2026-03-02T14:00:00-05:00", None)
            .touch("thank-you", "r1", "p1", 1, "2026-03-02T19:00:00-05:00")
            .touch("check-in", "r1", "p1", 1, "2026-03-12T09:00:00-04:00")
            .touch("check-in", "r1", "p1", 2, "2026-03-19T09:00:00-04:00")
            .build();
        let files = [file];
        // Two weeks after the last check-in the silence becomes an answer.
        assert_eq!(measure(&files, at("2026-03-25T12:00:00-04:00")).waiting, 1);
        assert_eq!(
            measure(&files, at("2026-04-03T12:00:00-04:00")).no_response,
            1
        );
    }
}
