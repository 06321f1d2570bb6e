//! What every command shares: where the data is, what time it is, how to print.

use std::path::PathBuf;

use followup_core::{InputError, Locale, Moment, Profile, validate};
use followup_store::Store;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::cli::Cli;
use crate::error::{CliError, CliResult};

pub struct Ctx {
    pub data_dir: PathBuf,
    /// A shared PostgreSQL database, in place of the data directory.
    pub database: Option<String>,
    /// On a shared database, the account every command acts for.
    pub user: Option<String>,
    pub config_dir: PathBuf,
    /// The current instant: `--now` / `FOLLOWUP_NOW`, else the clock. Read nowhere else.
    pub now: Timestamp,
    /// Whether `now` came from `--now` / `FOLLOWUP_NOW` rather than the clock.
    pub now_given: bool,
    pub json: bool,
    /// The locale of `LANG`, for a profile that names none. Read nowhere else.
    pub locale: Locale,
}

impl Ctx {
    pub fn from_cli(cli: &Cli) -> CliResult<Ctx> {
        let now = match &cli.now {
            Some(text) => Moment::parse_rfc3339(text)
                .map_err(|reason| InputError::BadTime {
                    field: "--now".into(),
                    value: text.clone(),
                    expected: "an RFC 3339 date-time",
                    reason,
                })?
                .timestamp(),
            None => Timestamp::now(),
        };
        let data_dir = match &cli.data_dir {
            Some(dir) => dir.clone(),
            None => default_data_dir()?,
        };
        let config_dir = match &cli.config_dir {
            Some(dir) => dir.clone(),
            None => directories::ProjectDirs::from("", "", "followup")
                .map(|dirs| dirs.config_dir().to_path_buf())
                .ok_or_else(|| {
                    CliError::bad_input(
                        "cannot find a home directory for your templates",
                        "set --config-dir or FOLLOWUP_CONFIG_DIR",
                    )
                })?,
        };
        if let Some(url) = &cli.database
            && !followup_store::is_database_url(url)
        {
            return Err(CliError::bad_input(
                format!(
                    "--database {:?} is not a PostgreSQL address",
                    followup_store::redacted(url)
                ),
                "give postgres://ROLE:PASSWORD@HOST:PORT/NAME, or leave --database out to use the \
                 data directory",
            ));
        }
        Ok(Ctx {
            data_dir,
            database: cli.database.clone(),
            user: cli.user.clone(),
            config_dir,
            now,
            now_given: cli.now.is_some(),
            json: cli.json,
            locale: Locale::from_lang(std::env::var("LANG").ok().as_deref()),
        })
    }

    /// The store every command works on: the data directory's, or on a shared database the
    /// part of it that belongs to --user.
    pub async fn open(&self) -> CliResult<Store> {
        let Some(url) = &self.database else {
            return Ok(Store::open(&self.data_dir).await?);
        };
        let server = Store::connect(url).await?;
        let Some(email) = &self.user else {
            return Err(CliError::bad_input(
                "on a shared database every command acts for an account, and none was given",
                "give --user EMAIL (or set FOLLOWUP_USER); `followup users list` shows the accounts",
            ));
        };
        let user = server.require_user(email).await?;
        Ok(server.as_user(user.id).await?)
    }

    /// The shared database itself, acting for no one: for managing its accounts.
    pub async fn open_shared(&self) -> CliResult<Store> {
        match &self.database {
            Some(url) => Ok(Store::connect(url).await?),
            None => Err(CliError::bad_input(
                "accounts live on a shared database, and no --database was given",
                "give --database postgres://… (or set FOLLOWUP_DATABASE_URL); a data directory \
                 has one user, its owner",
            )),
        }
    }

    /// Now, in `zone`.
    pub fn now_in(&self, zone: &TimeZone) -> Zoned {
        self.now.to_zoned(zone.clone())
    }

    /// Now, shown with the profile zone's offset.
    pub fn now_moment(&self, zone: &TimeZone) -> Moment {
        Moment::in_zone(self.now, zone)
    }
}

/// `$XDG_DATA_HOME/followup` on Linux, the platform's equivalent elsewhere.
pub fn default_data_dir() -> CliResult<PathBuf> {
    directories::ProjectDirs::from("", "", "followup")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::bad_input(
                "cannot find a home directory for the data",
                "set --data-dir or FOLLOWUP_DATA_DIR",
            )
        })
}

/// This computer's IANA zone name, or UTC when it has none.
pub fn system_zone_name() -> String {
    TimeZone::system()
        .iana_name()
        .map(str::to_string)
        .unwrap_or_else(|| "UTC".to_string())
}

/// The zone civil times are read in: the profile's, else this computer's.
pub fn profile_zone(profile: Option<&Profile>) -> CliResult<TimeZone> {
    match profile {
        Some(p) => Ok(validate::time_zone("profile.timezone", &p.timezone)?),
        None => {
            Ok(validate::time_zone("system time zone", &system_zone_name())
                .unwrap_or(TimeZone::UTC))
        }
    }
}
