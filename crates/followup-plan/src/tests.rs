//! Table-driven tests for every rule and edge of SPEC §2.

use followup_core::ApplicationFile;
use jiff::Timestamp;
use serde_json::{Value, json};

use super::*;

/// An application in New York with one round; `edit` changes the JSON before it is read.
fn scenario(edit: impl FnOnce(&mut Value)) -> ApplicationFile {
    let mut file = json!({
        "profile": {"name": "Ada Lovelace", "timezone": "America/New_York"},
        "application": {"id": "a1", "company": "Acme Corp", "role": "Data Engineer", "industry": "retail"},
        "interviews": [{
            "id": "r1", "kind": "video",
            "start": "2026-03-02T14:00:00-05:00", "end": "2026-03-02T15:00:00-05:00",
            "timezone": "America/New_York",
            "interviewers": [{"id": "p1", "name": "Grace Hopper", "role": "hiring-manager",
                              "email": "grace@acme.example"}]
        }],
        "touchpoints": [],
        "responses": []
    });
    edit(&mut file);
    let text = file.to_string();
    ApplicationFile::from_json("scenario", &text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// One line per action: name, status, and its window in the recipient's offset.
fn lines(plan: &Plan) -> Vec<String> {
    plan.actions
        .iter()
        .map(|a| {
            let late = if a.late { " late" } else { "" };
            format!(
                "{} {}{late} opens={} due={} suggested={}",
                a.name(),
                a.status.as_str(),
                a.opens,
                a.due,
                a.suggested
            )
        })
        .collect()
}

fn find<'p>(plan: &'p Plan, name: &str) -> &'p Action {
    plan.actions
        .iter()
        .find(|a| a.name().to_string() == name)
        .unwrap_or_else(|| panic!("no {name} in {:#?}", lines(plan)))
}

fn has(plan: &Plan, name: &str) -> bool {
    plan.actions.iter().any(|a| a.name().to_string() == name)
}

fn touch(kind: &str, to: &str, at: &str) -> Value {
    json!({"kind": kind, "interview": "r1", "to": to, "channel": "email", "at": at})
}

fn touch_n(kind: &str, to: &str, n: u32, at: &str) -> Value {
    json!({"kind": kind, "interview": "r1", "to": to, "n": n, "channel": "email", "at": at})
}

#[test]
fn the_spec_example() {
    let file = scenario(|f| {
        f["application"]["culture"] = json!("formal");
        f["interviews"][0]["decision_expected_by"] = json!("2026-03-13");
        f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")]);
        f["responses"] = json!([{"from": "p1", "at": "2026-03-05T10:00:00-05:00", "outcome": "update",
                                 "decision_expected_by": "2026-03-20"}]);
    });
    let plan = plan(&file, at("2026-03-02T23:00:00Z"));
    assert_eq!(
        lines(&plan),
        [
            "thank-you:r1:p1 done opens=2026-03-02T16:00:00-05:00 due=2026-03-03T15:00:00-05:00 suggested=2026-03-02T16:00:00-05:00",
            "handwritten-note:r1:p1 due opens=2026-03-02T16:00:00-05:00 due=2026-03-03T15:00:00-05:00 suggested=2026-03-02T16:00:00-05:00",
            // The update moved the decision to Friday 20 March: ask on Monday morning.
            "check-in:r1:p1 upcoming opens=2026-03-23T09:00:00-04:00 due=2026-03-26T09:00:00-04:00 suggested=2026-03-23T09:00:00-04:00",
        ]
    );
    assert_eq!(plan.status, AppStatus::AwaitingDecision);
    let ty = find(&plan, "thank-you:r1:p1");
    assert_eq!(
        ty.late_after.unwrap().to_string(),
        "2026-03-04T15:00:00-05:00"
    );
    assert_eq!(
        ty.reason,
        "Thank each interviewer separately within 24 hours: Grace Hopper was thanked on Mon 2 Mar."
    );
    assert!(find(&plan, "handwritten-note:r1:p1").optional);
}

#[test]
fn an_interview_ending_on_a_friday_evening() {
    let file = scenario(|f| {
        f["interviews"][0]["start"] = json!("2026-03-06T17:00:00-05:00");
        f["interviews"][0]["end"] = json!("2026-03-06T18:00:00-05:00");
    });
    let plan = plan(&file, at("2026-03-07T01:00:00Z"));
    assert_eq!(
        lines(&plan),
        [
            // No business hour fits inside the window (Friday 19:00 to Saturday 18:00).
            "thank-you:r1:p1 due opens=2026-03-06T19:00:00-05:00 due=2026-03-07T18:00:00-05:00 suggested=2026-03-06T19:00:00-05:00",
            // No thank-you yet: B is the thank-you's due; a week later is a Saturday → Monday,
            // after the clocks went forward.
            "check-in:r1:p1 upcoming opens=2026-03-16T09:00:00-04:00 due=2026-03-19T09:00:00-04:00 suggested=2026-03-16T09:00:00-04:00",
        ]
    );
    assert_eq!(plan.status, AppStatus::ThankYousDue);
    let overdue = super::plan(&file, at("2026-03-08T00:00:00Z"));
    assert_eq!(
        find(&overdue, "thank-you:r1:p1").status,
        ActionStatus::Overdue
    );
    assert!(!find(&overdue, "thank-you:r1:p1").late);
    let late = super::plan(&file, at("2026-03-09T00:00:00Z"));
    assert!(find(&late, "thank-you:r1:p1").late, "past 48 hours");
}

#[test]
fn decision_dates_of_every_shape() {
    // (decision, thank-you sent, check-in 1 opens)
    let cases = [
        // A date on a Friday means the end of that Friday: ask on Monday.
        (
            "2026-03-13",
            "2026-03-02T19:00:00-05:00",
            "2026-03-16T09:00:00-04:00",
        ),
        // A precise moment on a Wednesday: the next business morning is Thursday.
        (
            "2026-03-11T10:00:00-04:00",
            "2026-03-02T19:00:00-05:00",
            "2026-03-12T09:00:00-04:00",
        ),
        // A date already passed when the thank-you went: a week after the last contact.
        (
            "2026-03-02",
            "2026-03-03T08:00:00-05:00",
            "2026-03-10T09:00:00-04:00",
        ),
        // A decision the day after the thank-you: at least 24 hours after it.
        (
            "2026-03-03",
            "2026-03-03T10:00:00-05:00",
            "2026-03-04T10:00:00-05:00",
        ),
    ];
    for (decision, thanked, opens) in cases {
        let file = scenario(|f| {
            f["interviews"][0]["decision_expected_by"] = json!(decision);
            f["touchpoints"] = json!([touch("thank-you", "p1", thanked)]);
        });
        let plan = plan(&file, at("2026-03-03T20:00:00Z"));
        assert_eq!(
            find(&plan, "check-in:r1:p1").opens.to_string(),
            opens,
            "decision {decision}"
        );
    }
}

#[test]
fn a_recipient_in_another_zone() {
    let file = scenario(|f| {
        f["interviews"][0]["interviewers"] = json!([
            {"id": "p1", "name": "Grace Hopper", "role": "recruiter", "email": "grace@acme.example"},
            {"id": "p2", "name": "Alan Turing", "role": "panelist", "email": "alan@acme.example",
             "timezone": "Europe/London"}
        ]);
    });
    let plan = plan(&file, at("2026-03-02T21:00:00Z"));
    let alan = find(&plan, "thank-you:r1:p2");
    // Same instants as Grace's, shown in London time, suggested at 09:00 London.
    assert_eq!(alan.opens.to_string(), "2026-03-02T21:00:00+00:00");
    assert_eq!(alan.due.to_string(), "2026-03-03T20:00:00+00:00");
    assert_eq!(alan.suggested.to_string(), "2026-03-03T09:00:00+00:00");
    let grace = find(&plan, "thank-you:r1:p1");
    assert_eq!(
        grace.suggested.to_string(),
        "2026-03-02T16:00:00-05:00",
        "16:00 in New York is still business hours"
    );
    // The check-in goes to the recruiter, the primary contact.
    assert!(has(&plan, "check-in:r1:p1") && !has(&plan, "check-in:r1:p2"));
}

#[test]
fn durations_are_exact_across_a_dst_change() {
    // Saturday 7 March 10:00–11:00 EST; the clocks go forward that night.
    let file = scenario(|f| {
        f["interviews"][0]["start"] = json!("2026-03-07T10:00:00-05:00");
        f["interviews"][0]["end"] = json!("2026-03-07T11:00:00-05:00");
    });
    let plan = plan(&file, at("2026-03-07T17:00:00Z"));
    let ty = find(&plan, "thank-you:r1:p1");
    assert_eq!(
        ty.due.to_string(),
        "2026-03-08T12:00:00-04:00",
        "24 real hours, not 11:00"
    );
    assert_eq!(
        ty.late_after.unwrap().to_string(),
        "2026-03-09T12:00:00-04:00"
    );
    // Sunday noon to Monday: the suggestion waits for nothing; the window ends on Sunday.
    assert_eq!(ty.suggested.to_string(), "2026-03-07T12:00:00-05:00");
}

#[test]
fn holidays_are_not_business_days() {
    let file = scenario(|f| {
        f["interviews"][0]["decision_expected_by"] = json!("2026-03-13");
        f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")]);
        f["settings"] = json!({"holidays": ["2026-03-16", "2026-03-17"]});
    });
    let plan = plan(&file, at("2026-03-03T20:00:00Z"));
    assert_eq!(
        find(&plan, "check-in:r1:p1").opens.to_string(),
        "2026-03-18T09:00:00-04:00"
    );
}

#[test]
fn a_reply_resets_the_clock() {
    let file = scenario(|f| {
        f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")]);
        f["responses"] =
            json!([{"from": "p1", "at": "2026-03-05T10:00:00-05:00", "outcome": "reply"}]);
    });
    let plan = plan(&file, at("2026-03-06T20:00:00Z"));
    let ci = find(&plan, "check-in:r1:p1");
    // A week after Thursday 10:00 is Thursday 10:00 → Friday 09:00.
    assert_eq!(ci.opens.to_string(), "2026-03-13T09:00:00-04:00");
    assert!(
        ci.reason
            .contains("The clock restarted with their message of Thu 5 Mar."),
        "{}",
        ci.reason
    );
    // Without the reply it would have been a week after the thank-you.
    let file = scenario(|f| {
        f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")])
    });
    let plan = super::plan(&file, at("2026-03-06T20:00:00Z"));
    assert_eq!(
        find(&plan, "check-in:r1:p1").opens.to_string(),
        "2026-03-10T09:00:00-04:00"
    );
}

#[test]
fn check_ins_follow_one_another_up_to_the_limit_then_stop() {
    let file = |touchpoints: Value, max: u32| {
        scenario(|f| {
            f["touchpoints"] = touchpoints;
            f["settings"] = json!({"max_check_ins": max});
        })
    };
    let thanked = touch("thank-you", "p1", "2026-03-02T19:00:00-05:00");
    // Check-in 2 exists only once check-in 1 is done.
    let plan = super::plan(
        &file(json!([thanked.clone()]), 2),
        at("2026-03-10T15:00:00Z"),
    );
    assert!(has(&plan, "check-in:r1:p1") && !has(&plan, "check-in:r1:p1:2"));
    assert_eq!(find(&plan, "check-in:r1:p1").status, ActionStatus::Due);

    let first = touch_n("check-in", "p1", 1, "2026-03-10T10:00:00-04:00");
    let plan = super::plan(
        &file(json!([thanked.clone(), first.clone()]), 2),
        at("2026-03-10T15:00:00Z"),
    );
    let second = find(&plan, "check-in:r1:p1:2");
    assert_eq!(
        second.opens.to_string(),
        "2026-03-18T09:00:00-04:00",
        "the first business morning a week after the first"
    );
    assert_eq!(
        second.due.to_string(),
        "2026-03-25T09:00:00-04:00",
        "a week to send it"
    );
    assert_eq!(find(&plan, "check-in:r1:p1").status, ActionStatus::Done);

    // Both done: nothing more; two weeks of silence later, the application is no-response.
    let done = touch_n("check-in", "p1", 2, "2026-03-17T11:00:00-04:00");
    let both = file(json!([thanked.clone(), first.clone(), done]), 2);
    let plan = super::plan(&both, at("2026-03-20T15:00:00Z"));
    assert!(!has(&plan, "check-in:r1:p1:3"));
    assert_eq!(plan.status, AppStatus::AwaitingDecision);
    let plan = super::plan(&both, at("2026-03-31T16:00:00Z"));
    assert_eq!(plan.status, AppStatus::NoResponse);
    assert!(
        plan.actions.iter().all(|a| !a.status.is_open()),
        "nothing more is planned"
    );
    // A reply after the last check-in means it was not silence.
    let mut replied = both.clone();
    replied.responses.push(followup_core::Response {
        from: Some("p1".into()),
        at: Moment::parse_rfc3339("2026-03-18T09:00:00-04:00").unwrap(),
        outcome: Outcome::Reply,
        decision_expected_by: None,
        note: None,
    });
    assert_eq!(
        super::plan(&replied, at("2026-04-30T16:00:00Z")).status,
        AppStatus::AwaitingDecision
    );
    // With a limit of one, the first check-in is the last.
    let plan = super::plan(
        &file(json!([thanked, first]), 1),
        at("2026-03-31T16:00:00Z"),
    );
    assert!(!has(&plan, "check-in:r1:p1:2"));
    assert_eq!(plan.status, AppStatus::NoResponse);
}

#[test]
fn a_call_can_replace_a_second_check_in() {
    let with_phone = |no_calls: bool, extra: Value| {
        scenario(|f| {
            f["application"]["prefers_no_calls"] = json!(no_calls);
            f["interviews"][0]["interviewers"][0]["phone"] = json!("+1 555 010 2030");
            let mut touchpoints = vec![
                touch("thank-you", "p1", "2026-03-02T19:00:00-05:00"),
                touch_n("check-in", "p1", 1, "2026-03-10T10:00:00-04:00"),
            ];
            if !extra.is_null() {
                touchpoints.push(extra);
            }
            f["touchpoints"] = json!(touchpoints);
        })
    };
    let plan = plan(&with_phone(false, Value::Null), at("2026-03-18T15:00:00Z"));
    let call = find(&plan, "phone-call:r1:p1:2");
    assert_eq!(call.alternative_to.as_deref(), Some("check-in:r1:p1:2"));
    assert!(call.optional);
    assert_eq!(call.channel, Channel::Phone);
    assert_eq!(call.opens, find(&plan, "check-in:r1:p1:2").opens);
    assert!(
        !has(&plan, "phone-call:r1:p1"),
        "no call instead of the first check-in"
    );
    // The employer asked for no calls.
    assert!(!has(
        &super::plan(&with_phone(true, Value::Null), at("2026-03-18T15:00:00Z")),
        "phone-call:r1:p1:2"
    ));
    // Calling counts as check-in 2, and makes both done.
    let called = json!({"kind": "phone-call", "interview": "r1", "to": "p1", "n": 2, "channel": "phone",
                        "at": "2026-03-18T11:00:00-04:00"});
    let plan = super::plan(&with_phone(false, called), at("2026-03-18T16:00:00Z"));
    assert_eq!(find(&plan, "check-in:r1:p1:2").status, ActionStatus::Done);
    assert_eq!(find(&plan, "phone-call:r1:p1:2").status, ActionStatus::Done);
}

#[test]
fn offers_rejections_and_next_rounds_cancel_check_ins() {
    let with = |outcome: &str, at_: &str| {
        scenario(|f| {
            f["interviews"][0]["interviewers"][0]["linkedin"] =
                json!("https://www.linkedin.com/in/grace");
            f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")]);
            f["responses"] = json!([{"from": "p1", "at": at_, "outcome": outcome}]);
        })
    };
    let plan = plan(
        &with("offer", "2026-03-06T12:00:00-05:00"),
        at("2026-03-20T15:00:00Z"),
    );
    assert_eq!(plan.status, AppStatus::Offer);
    let ci = find(&plan, "check-in:r1:p1");
    assert_eq!(ci.status, ActionStatus::Cancelled);
    assert!(
        ci.reason
            .starts_with("Cancelled: an offer arrived on Fri 6 Mar."),
        "{}",
        ci.reason
    );
    assert_eq!(
        find(&plan, "thank-you:r1:p1").status,
        ActionStatus::Done,
        "never cancelled"
    );
    assert!(
        find(&plan, "linkedin-connect:r1:p1").status.is_open(),
        "LinkedIn is never cancelled"
    );

    let plan = super::plan(
        &with("rejection", "2026-03-06T12:00:00-05:00"),
        at("2026-03-06T18:00:00Z"),
    );
    assert_eq!(plan.status, AppStatus::Rejected);
    assert_eq!(
        find(&plan, "check-in:r1:p1").status,
        ActionStatus::Cancelled
    );
    let rj = find(&plan, "rejection-reply:r1:p1");
    assert_eq!(rj.status, ActionStatus::Due);
    assert_eq!(rj.opens.to_string(), "2026-03-06T12:00:00-05:00");
    assert_eq!(rj.due.to_string(), "2026-03-07T12:00:00-05:00");
    assert_eq!(
        rj.late_after.unwrap().to_string(),
        "2026-03-08T13:00:00-04:00"
    );
    assert_eq!(rj.channel, Channel::Email);

    // A next round after this one ended cancels its check-ins; one before it does not.
    let plan = super::plan(
        &with("next-round", "2026-03-04T12:00:00-05:00"),
        at("2026-03-06T18:00:00Z"),
    );
    assert_eq!(
        find(&plan, "check-in:r1:p1").status,
        ActionStatus::Cancelled
    );
    assert!(
        find(&plan, "check-in:r1:p1")
            .reason
            .starts_with("Cancelled: you were invited to the next round")
    );
    let plan = super::plan(
        &with("next-round", "2026-03-02T14:30:00-05:00"),
        at("2026-03-06T18:00:00Z"),
    );
    assert!(find(&plan, "check-in:r1:p1").status.is_open());
}

#[test]
fn a_rejection_reply_goes_to_its_sender_in_the_round_before_it() {
    let file = scenario(|f| {
        f["interviews"] = json!([
            {"id": "r1", "kind": "phone", "start": "2026-03-02T14:00:00-05:00",
             "interviewers": [{"id": "p1", "name": "Grace Hopper", "role": "recruiter", "email": "g@acme.example"}]},
            {"id": "r2", "kind": "onsite", "start": "2026-03-09T10:00:00-04:00",
             "interviewers": [{"id": "p2", "name": "Alan Turing", "role": "hiring-manager", "email": "a@acme.example"}]},
            {"id": "r3", "kind": "onsite", "start": "2026-03-30T10:00:00-04:00",
             "interviewers": [{"id": "p2", "name": "Alan Turing", "role": "hiring-manager", "email": "a@acme.example"}]}
        ]);
        f["responses"] =
            json!([{"from": "p1", "at": "2026-03-12T09:00:00-04:00", "outcome": "rejection"}]);
    });
    let plan = plan(&file, at("2026-03-12T14:00:00Z"));
    assert!(has(&plan, "rejection-reply:r2:p1"), "{:#?}", lines(&plan));
    // With no sender, the primary contact of that round.
    let mut anonymous = file.clone();
    anonymous.responses[0].from = None;
    assert!(has(
        &super::plan(&anonymous, at("2026-03-12T14:00:00Z")),
        "rejection-reply:r2:p2"
    ));
}

#[test]
fn networking_rounds_get_thanks_but_no_check_ins() {
    let file = scenario(|f| {
        f["interviews"][0]["kind"] = json!("networking");
        f["interviews"][0]["decision_expected_by"] = json!("2026-03-13");
    });
    let plan = plan(&file, at("2026-03-02T21:00:00Z"));
    assert!(has(&plan, "thank-you:r1:p1"));
    assert!(
        plan.actions.iter().all(|a| a.kind != ActionKind::CheckIn),
        "{:#?}",
        lines(&plan)
    );
    // With a real round later, check-ins follow that round, not the networking one.
    let file = scenario(|f| {
        f["interviews"][0]["kind"] = json!("networking");
        f["interviews"].as_array_mut().unwrap().insert(
            0,
            json!(
            {"id": "r0", "kind": "phone", "start": "2026-02-20T14:00:00-05:00",
             "interviewers": [{"id": "p0", "name": "Joan Clarke", "role": "recruiter"}]}),
        );
    });
    let plan = super::plan(&file, at("2026-03-02T21:00:00Z"));
    assert!(has(&plan, "check-in:r0:p0"));
}

#[test]
fn someone_known_only_on_linkedin() {
    let file = scenario(|f| {
        f["interviews"][0]["interviewers"] = json!([
            {"id": "p1", "name": "Sofia Marin", "linkedin": "https://www.linkedin.com/in/sofia"}]);
    });
    let plan = plan(&file, at("2026-03-02T21:00:00Z"));
    let ty = find(&plan, "thank-you:r1:p1");
    assert_eq!(ty.channel, Channel::Linkedin);
    assert!(
        ty.reason.contains("Only a LinkedIn profile is known"),
        "{}",
        ty.reason
    );
    let li = find(&plan, "linkedin-connect:r1:p1");
    // A day after the thank-you's due, for a week.
    assert_eq!(li.opens.to_string(), "2026-03-04T15:00:00-05:00");
    assert_eq!(
        li.due.to_string(),
        "2026-03-11T16:00:00-04:00",
        "seven exact days, across the DST change"
    );
    assert!(li.optional && li.late_after.is_none());
    // Once thanked, a day after the thanks.
    let thanked = scenario(|f| {
        f["interviews"][0]["interviewers"] = json!([
            {"id": "p1", "name": "Sofia Marin", "linkedin": "https://www.linkedin.com/in/sofia"}]);
        f["touchpoints"] = json!([{"kind": "thank-you", "interview": "r1", "to": "p1", "channel": "linkedin",
                                   "at": "2026-03-02T20:00:00-05:00"}]);
    });
    let li = find(
        &super::plan(&thanked, at("2026-03-02T21:00:00Z")),
        "linkedin-connect:r1:p1",
    )
    .clone();
    assert_eq!(li.opens.to_string(), "2026-03-03T20:00:00-05:00");
    // Nobody to write to at all: the thank-you still goes by email, address to be found.
    let nobody = scenario(|f| {
        f["interviews"][0]["interviewers"] = json!([{"id": "p1", "name": "Mary Jackson"}])
    });
    let ty = find(
        &super::plan(&nobody, at("2026-03-02T21:00:00Z")),
        "thank-you:r1:p1",
    )
    .clone();
    assert_eq!(ty.channel, Channel::Email);
    assert!(ty.reason.contains("email address is still to be found"));
}

#[test]
fn handwritten_notes_for_formal_cultures_and_rapport() {
    let formal = scenario(|f| f["application"]["industry"] = json!("banking"));
    assert!(has(
        &plan(&formal, at("2026-03-02T21:00:00Z")),
        "handwritten-note:r1:p1"
    ));
    let neutral = scenario(|_| {});
    assert!(!has(
        &plan(&neutral, at("2026-03-02T21:00:00Z")),
        "handwritten-note:r1:p1"
    ));
    let rapport = scenario(|f| f["interviews"][0]["personal_rapport"] = json!(true));
    let hw = find(
        &plan(&rapport, at("2026-03-02T21:00:00Z")),
        "handwritten-note:r1:p1",
    )
    .clone();
    assert_eq!(hw.channel, Channel::Post);
    assert!(
        hw.reason
            .starts_with("You built a personal connection with Grace Hopper")
    );
}

#[test]
fn a_panel_gets_one_thank_you_each_and_the_status_follows_them() {
    let file = scenario(|f| {
        f["interviews"][0]["kind"] = json!("panel");
        f["interviews"][0]["interviewers"] = json!([
            {"id": "p1", "name": "Grace Hopper", "role": "hiring-manager", "email": "g@acme.example"},
            {"id": "p2", "name": "Alan Turing", "role": "panelist", "email": "a@acme.example"},
            {"id": "p3", "name": "Joan Clarke", "role": "panelist", "email": "j@acme.example"}]);
        f["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T19:00:00-05:00")]);
    });
    let plan = plan(&file, at("2026-03-03T00:30:00Z"));
    let thanks: Vec<_> = plan
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::ThankYou)
        .collect();
    assert_eq!(thanks.len(), 3);
    assert_eq!(plan.status, AppStatus::ThankYousDue);
    let mut all = file.clone();
    for p in ["p2", "p3"] {
        all.touchpoints.push(
            serde_json::from_value(touch("thank-you", p, "2026-03-02T19:30:00-05:00")).unwrap(),
        );
    }
    assert_eq!(
        super::plan(&all, at("2026-03-03T00:30:00Z")).status,
        AppStatus::AwaitingDecision
    );
}

#[test]
fn actions_are_ordered_by_opening_and_serialise_as_the_spec_says() {
    let file = scenario(|f| {
        f["interviews"][0]["interviewers"][0]["linkedin"] =
            json!("https://www.linkedin.com/in/grace")
    });
    let plan = plan(&file, at("2026-03-02T21:00:00Z"));
    let opens: Vec<_> = plan.actions.iter().map(|a| a.opens.timestamp()).collect();
    assert!(opens.windows(2).all(|w| w[0] <= w[1]));
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["status"], "thank-yous-due");
    // Fields in the order SPEC §5 lists them.
    let text = serde_json::to_string(&plan.actions[0]).unwrap();
    let order = [
        "kind",
        "interview",
        "to",
        "n",
        "channel",
        "opens",
        "due",
        "late_after",
        "suggested",
        "status",
        "late",
        "optional",
        "alternative_to",
        "reason",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|k| {
            text.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k} in {text}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(json["actions"][0].as_object().unwrap().len(), order.len());
}

#[test]
fn no_rounds_means_nothing_to_do() {
    let file = scenario(|f| f["interviews"] = json!([]));
    let plan = plan(&file, at("2026-03-02T21:00:00Z"));
    assert!(plan.actions.is_empty());
    assert_eq!(plan.status, AppStatus::AwaitingDecision);
}

#[test]
fn an_out_of_office_return_holds_check_ins_to_that_person() {
    let thanked = |v: &mut Value| {
        v["touchpoints"] = json!([touch("thank-you", "p1", "2026-03-02T18:00:00-05:00")]);
    };
    let plain = plan(&scenario(thanked), at("2026-03-04T12:00:00Z"));
    assert_eq!(
        find(&plain, "check-in:r1:p1").opens.to_string(),
        "2026-03-10T09:00:00-04:00"
    );
    // Away until Friday 13: the business morning after is Monday 16.
    let away = plan(
        &scenario(|v| {
            thanked(v);
            v["interviews"][0]["interviewers"][0]["away_until"] = json!("2026-03-13");
        }),
        at("2026-03-04T12:00:00Z"),
    );
    let held = find(&away, "check-in:r1:p1");
    assert_eq!(held.opens.to_string(), "2026-03-16T09:00:00-04:00");
    assert_eq!(held.due.to_string(), "2026-03-19T09:00:00-04:00");
    assert!(
        held.reason.contains("back on Fri 13 Mar"),
        "{}",
        held.reason
    );
    // A return already past holds nothing.
    let back = plan(
        &scenario(|v| {
            thanked(v);
            v["interviews"][0]["interviewers"][0]["away_until"] = json!("2026-03-03");
        }),
        at("2026-03-04T12:00:00Z"),
    );
    assert_eq!(lines(&back), lines(&plain));
}
