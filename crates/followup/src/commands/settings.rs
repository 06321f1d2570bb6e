//! `followup settings`: how plans are made.

use followup_core::edit::date;
use followup_core::{InputError, Settings};

use crate::cli::{SettingsArgs, SettingsCommand, SettingsSet};
use crate::context::Ctx;
use crate::error::CliResult;
use crate::output::{self, BOLD, paint};

pub async fn run(ctx: &Ctx, args: SettingsArgs) -> CliResult {
    let store = ctx.open().await?;
    let mut settings = store.settings().await?;
    if let Some(SettingsCommand::Set(set)) = args.command {
        apply(&mut settings, set)?;
        store.set_settings(&settings).await?;
        if !ctx.json {
            output::line("Settings saved; every plan was recomputed.")?;
        }
    }
    store.close().await;
    if ctx.json {
        return output::json(&settings);
    }
    print(&settings)
}

fn apply(s: &mut Settings, set: SettingsSet) -> Result<(), InputError> {
    if let Some(max) = set.max_check_ins {
        s.set_max_check_ins("--max-check-ins", max)?;
    }
    if set.clear_holidays {
        s.holidays.clear();
    }
    for text in &set.remove_holidays {
        let day = date("--remove-holiday", text)?;
        let before = s.holidays.len();
        s.holidays.retain(|d| *d != day);
        if s.holidays.len() == before {
            return Err(InputError::invalid(
                "--remove-holiday",
                text,
                format!("{day} is not one of your holidays"),
                "`followup settings` lists them",
            ));
        }
    }
    for text in &set.holidays {
        let day = date("--holiday", text)?;
        if !s.holidays.contains(&day) {
            s.holidays.push(day);
        }
    }
    s.holidays.sort();
    if let Some(hours) = &set.business_hours {
        s.set_business_hours("--business-hours", hours)?;
    }
    if set.linkedin_premium {
        s.linkedin_note_limit = 300;
    }
    if set.linkedin_free {
        s.linkedin_note_limit = 200;
    }
    if let Some(limit) = set.linkedin_note_limit {
        s.set_linkedin_note_limit("--linkedin-note-limit", limit)?;
    }
    if let Some(quota) = set.linkedin_quota {
        s.set_linkedin_quota("--linkedin-quota", quota)?;
    }
    Ok(())
}

fn print(s: &Settings) -> CliResult {
    let holidays = if s.holidays.is_empty() {
        "none".to_string()
    } else {
        s.holidays
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let account = match s.linkedin_note_limit {
        200 => " (free account)",
        300 => " (premium account)",
        _ => "",
    };
    let rows = [
        ("max check-ins", s.max_check_ins.to_string()),
        ("holidays", holidays),
        (
            "business hours",
            format!("{} in the recipient's zone", s.business_hours),
        ),
        (
            "LinkedIn note limit",
            format!("{} characters{account}", s.linkedin_note_limit),
        ),
        (
            "LinkedIn notes a month",
            s.linkedin_monthly_quota.to_string(),
        ),
    ];
    for (label, value) in rows {
        output::line(format!("{}  {value}", paint(BOLD, format!("{label:<22}"))))?;
    }
    Ok(())
}
