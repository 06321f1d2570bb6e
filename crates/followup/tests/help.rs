//! Every command explains itself.

use crate::support::Followup;

#[test]
fn every_command_has_help() {
    let f = Followup::new();
    let commands: &[&[&str]] = &[
        &[],
        &["profile"],
        &["profile", "set"],
        &["app"],
        &["app", "add"],
        &["app", "list"],
        &["app", "show"],
        &["app", "edit"],
        &["app", "archive"],
        &["interview"],
        &["interview", "add"],
        &["interview", "edit"],
        &["interview", "list"],
        &["log"],
        &["response"],
        &["import"],
        &["export"],
        &["demo"],
        &["send"],
        &["run"],
        &["outbox"],
        &["outbox", "resolve"],
        &["outbox", "cancel"],
        &["sync"],
        &["inbox"],
        &["inbox", "accept"],
        &["inbox", "dismiss"],
        &["export-eml"],
        &["mailto"],
        &["mail"],
        &["mail", "set"],
        &["mail", "show"],
        &["mail", "password"],
        &["draft"],
        &["serve"],
        &["users"],
        &["users", "add"],
        &["users", "assign"],
        &["users", "list"],
        &["users", "key"],
        &["users", "remove"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = f.ok(&args);
        assert!(out.contains("Usage: followup"), "{command:?}:\n{out}");
        assert!(
            out.contains("--data-dir"),
            "global flags shown for {command:?}"
        );
    }
}

#[test]
fn unknown_commands_fail_with_usage() {
    let f = Followup::new();
    let run = f.run(&["frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_colour_when_stdout_is_not_a_terminal() {
    let f = Followup::new();
    f.ok(&["demo"]);
    let mut cmd = f.command();
    cmd.env_remove("NO_COLOR").args(["app", "list"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "escape codes in piped output");
}
