//! `followup profile`: who you are.

use followup_core::{Locale, Profile, edit, validate};

use crate::cli::{ProfileArgs, ProfileCommand, ProfileSet};
use crate::commands::set_optional;
use crate::context::{Ctx, system_zone_name};
use crate::error::{CliError, CliResult};
use crate::output::{self, BOLD, DIM, or_dash, paint};

pub async fn run(ctx: &Ctx, args: ProfileArgs) -> CliResult {
    match args.command.unwrap_or(ProfileCommand::Show) {
        ProfileCommand::Show => show(ctx).await,
        ProfileCommand::Set(set) => update(ctx, set).await,
    }
}

async fn show(ctx: &Ctx) -> CliResult {
    let store = ctx.open().await?;
    let profile = store.profile().await?;
    store.close().await;
    if ctx.json {
        return output::json(&profile);
    }
    let Some(p) = profile else {
        output::line("No profile yet.")?;
        return output::line(paint(
            DIM,
            "Set one with: followup profile set --name \"Your Name\" --email you@example.com --timezone Europe/London",
        ));
    };
    print(&p, ctx.locale)
}

fn print(p: &Profile, lang: Locale) -> CliResult {
    let locale = match p.locale {
        Some(l) => l.to_string(),
        None => format!("{lang} (from LANG)"),
    };
    let rows = [
        ("name", p.name.clone()),
        ("email", or_dash(p.email.as_deref())),
        ("phone", or_dash(p.phone.as_deref())),
        ("time zone", p.timezone.clone()),
        ("locale", locale),
        (
            "signature",
            or_dash(p.signature.as_deref()).replace('\n', " / "),
        ),
    ];
    for (label, value) in rows {
        output::line(format!("{}  {value}", paint(BOLD, format!("{label:<10}"))))?;
    }
    output::line(paint(BOLD, "highlights"))?;
    if p.highlights.is_empty() {
        output::line(paint(DIM, "  none yet: add some with --add-highlight"))?;
    }
    for h in &p.highlights {
        output::line(format!("  • {h}"))?;
    }
    Ok(())
}

async fn update(ctx: &Ctx, set: ProfileSet) -> CliResult {
    let store = ctx.open().await?;
    let existing = store.profile().await?;
    let mut profile = match existing {
        Some(p) => p,
        None => {
            let Some(name) = set.name.clone() else {
                return Err(CliError::bad_input(
                    "--name: a new profile needs your name",
                    "run: followup profile set --name \"Your Name\" [--email …] [--timezone …]",
                ));
            };
            Profile {
                name,
                email: None,
                phone: None,
                signature: None,
                timezone: system_zone_name(),
                highlights: Vec::new(),
                locale: None,
            }
        }
    };
    if let Some(name) = set.name {
        validate::text("--name", &name, false)?;
        profile.name = name.trim().to_string();
    }
    if let Some(email) = &set.email
        && !email.is_empty()
    {
        validate::email("--email", email)?;
    }
    set_optional(&mut profile.email, set.email);
    if let Some(phone) = &set.phone
        && !phone.is_empty()
    {
        validate::phone("--phone", phone)?;
    }
    set_optional(&mut profile.phone, set.phone);
    set_optional(
        &mut profile.signature,
        set.signature.map(|s| s.replace("\\n", "\n")),
    );
    if let Some(tz) = set.timezone {
        validate::time_zone("--timezone", &tz)?;
        profile.timezone = tz.trim().to_string();
    }
    if let Some(locale) = &set.locale {
        profile.locale = match locale.trim() {
            "" => None,
            l => Some(edit::word("--locale", l)?),
        };
    }
    if !set.highlights.is_empty() {
        profile.highlights = set.highlights;
    }
    profile.highlights.extend(set.add_highlights);
    for (i, h) in profile.highlights.iter().enumerate() {
        validate::text(&format!("highlight {}", i + 1), h, false)?;
    }
    store.set_profile(&profile).await?;
    store.close().await;
    if ctx.json {
        return output::json(&profile);
    }
    output::line("Profile saved.")?;
    print(&profile, ctx.locale)
}
