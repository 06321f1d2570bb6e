//! `followup users`: the accounts of a shared database.

use std::io::BufRead;

use followup_store::{Role, User};
use followup_web::login::{check_new_password, hash_password};

use crate::cli::UsersCommand;
use crate::context::Ctx;
use crate::error::{CliError, CliResult};
use crate::output::{self, Cell};

pub async fn run(ctx: &Ctx, command: UsersCommand) -> CliResult {
    match command {
        UsersCommand::Key => output::line(followup_mail::sealed::ServerKey::generate()?),
        UsersCommand::Add(args) => {
            let store = ctx.open_shared().await?;
            let role: Role = args.role.parse()?;
            let password = read_password()?;
            let hash = hash_password(&password)
                .map_err(|e| CliError::failure(format!("cannot hash the password: {e}")))?;
            let user = store.add_user(&args.email, role, &hash, ctx.now).await?;
            if ctx.json {
                return output::json(&user);
            }
            output::line(format!("Added {} ({}).", user.email, user.role.as_str()))
        }
        UsersCommand::Assign {
            coach_email,
            seeker_email,
        } => {
            let store = ctx.open_shared().await?;
            let new = store.assign_coach(&coach_email, &seeker_email).await?;
            if ctx.json {
                return output::json(&serde_json::json!({ "assigned": new }));
            }
            output::line(if new {
                format!("{coach_email} now reads {seeker_email}'s search.")
            } else {
                format!("{coach_email} already reads {seeker_email}'s search.")
            })
        }
        UsersCommand::List => {
            let store = ctx.open_shared().await?;
            let users = store.users().await?;
            if ctx.json {
                return output::json(&users);
            }
            print(&users)
        }
        UsersCommand::Remove { email } => {
            let store = ctx.open_shared().await?;
            let user = store.remove_user(&email).await?;
            if ctx.json {
                return output::json(&user);
            }
            output::line(format!(
                "Removed {} with all of their data; their sessions have ended.",
                user.email
            ))
        }
    }
}

/// The password, from the first line of standard input.
fn read_password() -> CliResult<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(output::io_error)?;
    let password = line.trim_end_matches(['\n', '\r']);
    check_new_password("password (standard input)", password)?;
    Ok(password.to_string())
}

fn print(users: &[User]) -> CliResult {
    if users.is_empty() {
        return output::line(
            "No accounts yet; add one with: followup users add EMAIL --role admin",
        );
    }
    let rows = users
        .iter()
        .map(|u| {
            vec![
                Cell::new(&u.email),
                Cell::new(u.role.as_str()),
                Cell::new(u.seekers.join(", ")),
            ]
        })
        .collect();
    output::table(&["EMAIL", "ROLE", "READS"], rows)
}
