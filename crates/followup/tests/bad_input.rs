//! Each class of bad input gets a message naming the field, the value and the fix, exit code
//! 2, and leaves the store exactly as it was.

use crate::support::with_one_application;

/// Runs a bad command against a store with one application and checks nothing changed.
#[track_caller]
fn refused(args: &[&str]) -> String {
    let f = with_one_application();
    let before = f.snapshot();
    let err = f.bad(args);
    assert_eq!(f.snapshot(), before, "the store changed after {args:?}");
    err
}

#[test]
fn unknown_time_zone() {
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-03 10:00",
        "--tz",
        "America/New_Yrok",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --tz: unknown time zone "America/New_Yrok"
    hint: did you mean America/New_York? Time zones are IANA names such as America/New_York or Europe/Berlin
    "#);
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-03 10:00",
        "-i",
        "Alan, tz=Mars/Olympus",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --interviewer tz: unknown time zone "Mars/Olympus"
    hint: use an IANA time zone name such as America/New_York, Europe/Berlin or UTC
    "#);
    let err = refused(&["profile", "set", "--timezone", "Europe/Berln"]);
    assert!(err.contains("did you mean Europe/Berlin?"), "{err}");
}

#[test]
fn end_before_start() {
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-03 10:00",
        "--end",
        "2026-03-03 09:00",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --end: the end 2026-03-03T09:00:00-05:00 is before the start 2026-03-03T10:00:00-05:00
    hint: give an end after the start, or leave it out to use start + 1 hour
    "#);
    let err = refused(&["interview", "edit", "r1", "--end", "2026-03-02 13:00"]);
    assert!(err.contains("is before the start"), "{err}");
}

#[test]
fn malformed_email() {
    let err = refused(&["interview", "edit", "r1", "-i", "p1, email=grace at acme"]);
    insta::assert_snapshot!(err, @r#"
    error: --interviewer email: "grace at acme" is not an email address
    hint: write a single address such as grace@acme.example
    "#);
    let err = refused(&["profile", "set", "--email", "ada@example"]);
    insta::assert_snapshot!(err, @r#"
    error: --email: "ada@example" is not an email address
    hint: write a single address such as grace@acme.example
    "#);
}

#[test]
fn malformed_url() {
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-03 10:00",
        "-i",
        "Alan Turing, linkedin=htp:/linkedin",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --interviewer linkedin: "htp:/linkedin" is not a usable URL (it has no host name)
    hint: write a full address such as https://www.linkedin.com/in/grace-hopper
    "#);
}

#[test]
fn unknown_id() {
    let err = refused(&["app", "show", "a9"]);
    insta::assert_snapshot!(err, @r#"
    error: unknown application "a9"
    hint: known: a1
    "#);
    let err = refused(&["log", "thank-you:r9:p1"]);
    insta::assert_snapshot!(err, @r#"
    error: unknown interview "r9"
    hint: known: r1
    "#);
    let err = refused(&["response", "a1", "reply", "--from", "p7"]);
    insta::assert_snapshot!(err, @r#"
    error: --from: application a1 has no interviewer "p7"
    hint: known: p1
    "#);
    let err = refused(&["interview", "edit", "r1", "--for", "p2", "--topic", "Kafka"]);
    assert!(err.contains("\"p2\" is not in round r1"), "{err}");
}

#[test]
fn invalid_json_with_line_and_column() {
    let f = with_one_application();
    let before = f.snapshot();
    let path = f.write("broken.json", "{\n  \"profile\": {\"name\": \"Ada\", \"timezone\": \"UTC\"},\n  \"application\": {\"id\": \"a5\" \"company\": \"Acme\"}\n}\n");
    let err = f.bad(&["import", path.to_str().unwrap()]);
    let err = err.replace(path.to_str().unwrap(), "broken.json");
    insta::assert_snapshot!(err, @r#"
    error: broken.json: invalid JSON at line 3, column 30: expected `,` or `}`
    hint: fix the file at that position; the format is described in docs/schema
    "#);
    // Well-formed JSON that breaks the contract is refused as a whole, too.
    let exported = f
        .ok(&["export", "a1"])
        .replace("\"to\": null", "\"to\": \"p404\"");
    let path = f.write("dangling.json", &exported.replace("\"interviews\": [", "\"touchpoints\": [{\"kind\": \"thank-you\", \"interview\": \"r1\", \"to\": \"p404\", \"channel\": \"email\", \"at\": \"2026-03-02T19:00:00-05:00\"}],\n  \"interviews\": [").replace("\"touchpoints\": [],", ""));
    let err = f.bad(&["import", path.to_str().unwrap()]);
    insta::assert_snapshot!(err, @r#"
    error: touchpoints[0].to: no interviewer has the id "p404"
    hint: known: p1
    "#);
    assert_eq!(f.snapshot(), before);
}

#[test]
fn other_slips_are_named_too() {
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "zoom",
        "--start",
        "2026-03-03 10:00",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --kind: "zoom" is not one of phone, video, onsite, panel, networking
    hint: choose one of: phone, video, onsite, panel, networking
    "#);
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "sometime",
    ]);
    insta::assert_snapshot!(err, @r#"
    error: --start: cannot read "sometime" as a date and time (it names no date or time)
    hint: write a date and time such as 2026-03-02T14:00:00-05:00, "2026-03-02 14:00", "tomorrow 10:00" or "monday 2pm"
    "#);
    let err = refused(&["log", "check-in:r1"]);
    assert!(err.contains("is not an action name"), "{err}");
    let err = refused(&["response", "a1", "reply", "--decision", "2026-03-20"]);
    assert!(
        err.contains("a new decision date comes with an update"),
        "{err}"
    );
    let err = refused(&["--now", "yesterday", "app", "list"]);
    assert!(
        err.contains("--now: cannot read \"yesterday\" as an RFC 3339 date-time"),
        "{err}"
    );
    let err = refused(&[
        "interview",
        "add",
        "a1",
        "--kind",
        "video",
        "--start",
        "2026-03-03 10:00",
        "-i",
        "Alan, phone=call me",
    ]);
    assert!(err.contains("is not a phone number"), "{err}");
}
