//! The command line: every command, flag and its help text (each doc comment is its `--help`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Plan, draft and check every follow-up after a job interview.
///
/// followup keeps your applications, interview rounds and the people you met in a local
/// database, and tells you who to thank, when to check in, and when to stop.
#[derive(Debug, Parser)]
#[command(
    name = "followup",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Where the database lives [default: the platform data directory, e.g. ~/.local/share/followup]
    #[arg(long, global = true, env = "FOLLOWUP_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// A shared PostgreSQL database (postgres://ROLE:PASSWORD@HOST/NAME) instead of the data
    /// directory, for a career centre's many job seekers; every command then acts as --user
    #[arg(
        long,
        global = true,
        env = "FOLLOWUP_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,

    /// On a shared database, whose job search a command acts on: an account's email
    #[arg(long, global = true, env = "FOLLOWUP_USER", value_name = "EMAIL")]
    pub user: Option<String>,

    /// Pretend the current time is this RFC 3339 instant (for planning ahead, scripts and tests)
    #[arg(long, global = true, env = "FOLLOWUP_NOW", value_name = "RFC3339")]
    pub now: Option<String>,

    /// Print machine-readable JSON instead of tables
    #[arg(long, global = true)]
    pub json: bool,

    /// Where your templates live [default: the platform config directory, e.g. ~/.config/followup]
    #[arg(long, global = true, env = "FOLLOWUP_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or set who you are: name, contact details, signature, time zone, highlights
    Profile(ProfileArgs),
    /// Add, list, show, edit and archive job applications
    #[command(subcommand)]
    App(AppCommand),
    /// Add, edit and list interview rounds and the people in them
    #[command(subcommand)]
    Interview(InterviewCommand),
    /// Record a follow-up that happened (a thank-you sent, a call made …)
    Log(LogArgs),
    /// Record something the employer did: a reply, an update, a next round, an offer, a rejection
    Response(ResponseArgs),
    /// Import applications, rounds or people from other tools (CSV, iCalendar, vCard) or JSON
    ///
    /// JSON (one application, the SPEC §5 format that `export` writes) is imported at once.
    /// The other formats show what would change and change nothing until --apply.
    ///
    /// A CSV of applications from a job tracker: --preset huntr|teal|generic, or --map
    /// 'Company=company,Job Title=role,…' (fields: company, role, industry, stage, source,
    /// notes, applied, url, location). Commas, semicolons or tabs separate the columns.
    ///
    /// An .ics calendar export: interview events become rounds and their attendees the people
    /// in them, each event in the application whose company it names (or all in --app).
    ///
    /// A .vcf file of contacts: each fills in what is missing for the person of that address
    /// or name, in every application they are in, or joins --round as someone new.
    ///
    /// Rows that cannot be read are listed with their line and why, and the rest imported in
    /// one transaction (or nothing, with --atomic); the exit code is 1 when any was rejected.
    Import(ImportArgs),
    /// Export one application as JSON, or every application, round, person, touchpoint and
    /// response as CSV files (--csv DIR)
    Export(ExportArgs),
    /// Write the whole store (every application, draft, email and reply) as one JSON file
    Backup(BackupArgs),
    /// Put a backup into an empty data directory, exactly as it was
    Restore(RestoreArgs),
    /// A printable HTML record of every application with its dates and follow-ups ("proof
    /// of applications", as some job centres ask for)
    Report(ReportArgs),
    /// How the follow-ups are going: punctuality, response rates, days to a response, the
    /// funnel, and follow-ups per week
    Stats,
    /// Fill an empty data directory with a realistic sample to explore
    Demo,
    /// Show an application's follow-up plan: every action, when it opens, is due, and why
    Plan(PlanArgs),
    /// The agenda across all applications: overdue first, then due, then upcoming
    Due(DueArgs),
    /// Export every open follow-up as an iCalendar (.ics) file for your calendar app
    Calendar(CalendarArgs),
    /// Show or change planning settings: check-ins, holidays, business hours, LinkedIn limits
    Settings(SettingsArgs),
    /// Draft the message for a planned follow-up, from your notes on that interviewer
    Draft(DraftArgs),
    /// Record, while it is fresh, what each interviewer of a round talked about
    Debrief(DebriefArgs),
    /// List, show, edit or reset the templates that drafts are written from
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Check a draft before it goes out: spelling, grammar, names, company, tone, length, timing
    ///
    /// Give a file ("-" for standard input; a first line "Subject: …" is the subject, and a
    /// .eml file is read as an email) with an optional --context, or an application and an
    /// action to check its draft with everything the store knows. Exits 0 without errors,
    /// 1 with errors, 2 when the input cannot be used.
    Check(CheckArgs),
    /// Send a planned follow-up by email, now or at its suggested time
    ///
    /// Takes your saved draft (see `draft --save`) or drafts one, checks it (errors stop it
    /// unless --force), and hands it to your SMTP server (see `followup mail`). Each email
    /// goes out once: it is recorded in the outbox before the server is contacted and as a
    /// touchpoint once the server takes it, so the plan moves on. A LinkedIn note or a phone
    /// script is printed for you to use, and logged when you confirm.
    Send(SendArgs),
    /// Deliver queued emails when they are due, settle interrupted ones, and read replies
    ///
    /// A foreground worker: it runs until stopped (Ctrl-C), or once with --once.
    Run(RunArgs),
    /// List the outbox, and settle, cancel or retry what is in it
    Outbox(OutboxArgs),
    /// Read new mail over IMAP: replies become proposals for you to accept; out-of-office
    /// replies hold the next check-in until the writer is back
    Sync,
    /// Replies found by `sync`, waiting for your word: accept or dismiss each
    Inbox(InboxArgs),
    /// Write a follow-up as an .eml file that any mail program opens
    ExportEml(ExportEmlArgs),
    /// Print a mailto: link that opens a follow-up in your own mail program
    Mailto(MailtoArgs),
    /// Show or set the mail servers (SMTP to send, IMAP to read replies) and their passwords
    ///
    /// Settings live in mail.toml in the config directory; FOLLOWUP_SMTP_URL and
    /// FOLLOWUP_IMAP_URL override them. URLs: smtp://host:port (in the clear, for a relay on
    /// this machine), smtp://user@host:587?tls=required (STARTTLS), smtps://user@host:465;
    /// imaps://user@host:993, imap://user@host:143?tls=required. Passwords come from
    /// FOLLOWUP_SMTP_PASSWORD / FOLLOWUP_IMAP_PASSWORD or the OS keyring, never a file.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Start the web app and print its URL
    ///
    /// It listens on 127.0.0.1 unless --listen says otherwise, and answers only requests that
    /// name it (127.0.0.1, localhost, the --listen address, or a --host you add). Every change
    /// needs the page's CSRF token. The calendar feed's URL, with its secret, is printed too.
    ///
    /// Listening beyond this machine (--listen 0.0.0.0) needs a password, from
    /// FOLLOWUP_WEB_PASSWORD or kept in the OS keyring with --set-password; the browser
    /// signs in once and keeps a session cookie.
    Serve(ServeArgs),
    /// Manage the accounts of a shared database: job seekers, coaches and admins
    ///
    /// Needs --database (or FOLLOWUP_DATABASE_URL). A seeker keeps their own search; a coach
    /// reads the searches of the seekers assigned to them; an admin manages accounts in the
    /// web app.
    #[command(subcommand)]
    Users(UsersCommand),
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add an account; its password is read from standard input (the first line)
    Add(UsersAddArgs),
    /// Let a coach read a seeker's search
    Assign {
        /// The coach's email
        coach_email: String,
        /// The seeker's email
        seeker_email: String,
    },
    /// List the accounts, with the seekers assigned to each coach
    List,
    /// Print a new random server key, for FOLLOWUP_SERVER_KEY (it seals the accounts' mail
    /// passwords; keep it secret, and the same for every `serve` over the database)
    Key,
    /// Remove an account with all its data; its sessions end
    Remove {
        /// The account's email
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct UsersAddArgs {
    /// The account's email, which signs in
    pub email: String,
    /// What the account may do
    #[arg(long, value_parser = ["seeker", "coach", "admin"], default_value = "seeker")]
    pub role: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Another host name or address the server may be reached by (repeat for several)
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
    /// The address to listen on: 127.0.0.1, or 0.0.0.0 (every interface; needs a password)
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub listen: std::net::IpAddr,
    /// Fill an empty data directory with the sample applications first (see `followup demo`)
    #[arg(long)]
    pub demo: bool,
    /// Keep the web password in the OS keyring, read from standard input, and exit
    #[arg(long, conflicts_with_all = ["forget_password", "demo"])]
    pub set_password: bool,
    /// Remove the web password from the OS keyring, and exit
    #[arg(long, conflicts_with = "demo")]
    pub forget_password: bool,
    /// Leave sending and reading replies to `followup run` instead of doing it here
    #[arg(long)]
    pub no_worker: bool,
    /// Minutes between readings of the mailbox for replies
    #[arg(long, default_value_t = 5, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub read_every: u32,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The application id, e.g. a1
    pub app: String,
    /// The follow-up, named KIND:ROUND:PERSON[:N], e.g. thank-you:r1:p1
    pub action: String,
    /// When: now, suggested (the plan's suggested time), or a date-time [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Send even if the check finds errors
    #[arg(long)]
    pub force: bool,
    /// Send this text instead of the saved draft ("Subject: …" first line, then the body)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// For a LinkedIn note or a phone call: log it as done without asking
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// One pass, then exit
    #[arg(long)]
    pub once: bool,
    /// Seconds between passes when nothing is due sooner
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub interval: u64,
}

#[derive(Debug, Args)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub command: Option<OutboxCommand>,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List every email in the outbox (the default)
    List,
    /// Say what became of an email left unconfirmed by an interruption
    Resolve {
        /// The outbox number
        id: i64,
        /// It went out (you see it in your Sent folder): record it
        #[arg(
            long,
            conflicts_with = "not_sent",
            required_unless_present = "not_sent"
        )]
        sent: bool,
        /// It did not go out: queue it again
        #[arg(long)]
        not_sent: bool,
    },
    /// Withdraw a queued or failed email
    Cancel {
        /// The outbox number
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct InboxArgs {
    #[command(subcommand)]
    pub command: Option<InboxCommand>,
}

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// List what waits for your word (the default); --all for everything
    List {
        #[arg(long)]
        all: bool,
    },
    /// Record the proposed outcome as a response (or a different one)
    Accept {
        /// The inbox number
        id: i64,
        /// reply, update, next-round, offer or rejection [default: the proposal]
        #[arg(long)]
        outcome: Option<String>,
        /// With update: the new decision date [default: the one the message gave]
        #[arg(long, value_name = "DATE")]
        decision_by: Option<String>,
    },
    /// Set a proposal aside without recording anything
    Dismiss {
        /// The inbox number
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ExportEmlArgs {
    /// The application id, e.g. a1
    pub app: String,
    /// The follow-up, named KIND:ROUND:PERSON[:N]
    pub action: String,
    /// Where to write it [default: standard output]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MailtoArgs {
    /// The application id, e.g. a1
    pub app: String,
    /// The follow-up, named KIND:ROUND:PERSON[:N]
    pub action: String,
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Show the mail settings and where each password would come from (never the password)
    Show,
    /// Change the mail settings in mail.toml
    Set {
        /// The SMTP server URL ("" removes it)
        #[arg(long, value_name = "URL")]
        smtp: Option<String>,
        /// The IMAP server URL ("" removes it)
        #[arg(long, value_name = "URL")]
        imap: Option<String>,
        /// Where replies should go, if not to your profile's email
        #[arg(long, value_name = "ADDRESS")]
        reply_to: Option<String>,
        /// The IMAP folder your sent mail is filed in [default: found by the server's flag]
        #[arg(long, value_name = "FOLDER")]
        sent_folder: Option<String>,
        /// File a copy of each email sent in that folder: for servers that do not do it
        /// themselves (Gmail and Outlook do)
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        save_sent: Option<bool>,
        /// A PEM file of extra certificates to trust for both servers
        #[arg(long, value_name = "FILE")]
        ca_file: Option<PathBuf>,
        /// Email yourself a digest of what is overdue and due each day at this time (HH:MM,
        /// your zone), sent by the worker; "off" stops it
        #[arg(long, value_name = "HH:MM|off")]
        digest: Option<String>,
    },
    /// Keep a server's password in the OS keyring, read from standard input
    Password {
        /// smtp or imap
        service: String,
        /// Remove the kept password instead
        #[arg(long)]
        forget: bool,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// FILE (or -), or APP ACTION
    #[arg(num_args = 1..=2, required = true, value_name = "FILE | APP ACTION")]
    pub target: Vec<String>,
    /// A JSON file with what is known about the draft (SPEC §5: kind, recipient, company …)
    #[arg(long, value_name = "CTX.json")]
    pub context: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The application id, e.g. a1
    #[arg(required_unless_present = "input", conflicts_with = "input")]
    pub app: Option<String>,
    /// The follow-up, named KIND:ROUND:PERSON[:N], e.g. thank-you:r1:p1
    #[arg(required_unless_present = "input")]
    pub action: Option<String>,
    /// Draft from an application file instead (SPEC §5); name the action with --action
    #[arg(long, value_name = "FILE", requires = "action_flag")]
    pub input: Option<PathBuf>,
    /// With --input: the follow-up to draft, KIND:INTERVIEW:TO[:N]
    #[arg(long = "action", id = "action_flag", value_name = "ACTION")]
    pub action_flag: Option<String>,
    /// formal, neutral or casual [default: the application's culture]
    #[arg(long)]
    pub tone: Option<String>,
    /// Keep this text as the follow-up's draft, for `send` to use ("Subject: …" first line,
    /// then the body; - for standard input)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "discard", "tone"])]
    pub save: Option<PathBuf>,
    /// Forget the saved draft and go back to a fresh one
    #[arg(long, conflicts_with_all = ["input", "tone"])]
    pub discard: bool,
}

#[derive(Debug, Args)]
pub struct DebriefArgs {
    /// The round id, e.g. r1
    pub round: String,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the templates and whether you have changed them
    List,
    /// Print a template (yours if you changed it, else the built-in one)
    Show {
        /// The template's name, e.g. thank-you
        name: String,
        /// Print the built-in version even if you changed it
        #[arg(long)]
        built_in: bool,
    },
    /// Copy a template to your config directory and open it in $VISUAL or $EDITOR
    Edit {
        /// The template's name, e.g. thank-you
        name: String,
    },
    /// Go back to the built-in template (your copy is deleted)
    Reset {
        /// The template's name, e.g. thank-you
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The application id, e.g. a1
    #[arg(required_unless_present = "input", conflicts_with = "input")]
    pub app: Option<String>,
    /// Plan an application file instead (the SPEC §5 JSON format; its "now" is used unless --now is given)
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look for upcoming follow-ups, e.g. 3d, 2w or "36h"
    #[arg(long, default_value = "7d")]
    pub within: String,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE.ics")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub command: Option<SettingsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the settings (the default)
    Show,
    /// Change settings; every plan is recomputed
    Set(SettingsSet),
}

#[derive(Debug, Args)]
pub struct SettingsSet {
    /// How many check-ins to send before stopping (0 to 10; default 2)
    #[arg(long, value_name = "N")]
    pub max_check_ins: Option<u32>,
    /// Add a holiday (no follow-up is timed for it), e.g. 2026-12-25; repeat for several
    #[arg(long = "holiday", value_name = "DATE")]
    pub holidays: Vec<String>,
    /// Remove a holiday
    #[arg(long = "remove-holiday", value_name = "DATE")]
    pub remove_holidays: Vec<String>,
    /// Forget all holidays before adding any given ones
    #[arg(long)]
    pub clear_holidays: bool,
    /// When messages should arrive in the recipient's zone, e.g. 09:00-17:00
    #[arg(long, value_name = "START-END")]
    pub business_hours: Option<String>,
    /// A LinkedIn premium account: connection notes may have 300 characters
    #[arg(long, conflicts_with_all = ["linkedin_free", "linkedin_note_limit"])]
    pub linkedin_premium: bool,
    /// A free LinkedIn account: connection notes have 200 characters
    #[arg(long, conflicts_with = "linkedin_note_limit")]
    pub linkedin_free: bool,
    /// The LinkedIn connection-note limit in characters
    #[arg(long, value_name = "N")]
    pub linkedin_note_limit: Option<u32>,
    /// Personalised LinkedIn notes allowed a month (default 5)
    #[arg(long, value_name = "N")]
    pub linkedin_quota: Option<u32>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: Option<ProfileCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show your profile (the default)
    Show,
    /// Change your profile; pass an empty value ("") to clear an optional field
    Set(ProfileSet),
}

#[derive(Debug, Args)]
pub struct ProfileSet {
    /// Your name, as it signs your messages
    #[arg(long)]
    pub name: Option<String>,
    /// Your email address (the From of what you send)
    #[arg(long)]
    pub email: Option<String>,
    /// Your phone number
    #[arg(long)]
    pub phone: Option<String>,
    /// Lines under your name; write \n for a line break
    #[arg(long)]
    pub signature: Option<String>,
    /// Your IANA time zone, e.g. America/New_York [default: this computer's]
    #[arg(long, visible_alias = "tz")]
    pub timezone: Option<String>,
    /// Your English, for dates, times and spelling in your notes: en-US, en-GB, en-CA, en-AU
    /// or en-IN; "" follows LANG [default: LANG's, else en-US]
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Replace your highlights with these (repeat the flag for several)
    #[arg(long = "highlight", value_name = "TEXT")]
    pub highlights: Vec<String>,
    /// Add a highlight to the ones you have
    #[arg(
        long = "add-highlight",
        value_name = "TEXT",
        conflicts_with = "highlights"
    )]
    pub add_highlights: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Add an application
    Add(AppAdd),
    /// List applications (archived ones with --all)
    List(AppList),
    /// Show one application with its rounds, people, touchpoints and responses
    Show {
        /// The application id, e.g. a1
        app: String,
    },
    /// Change an application's fields; pass an empty value ("") to clear an optional one
    Edit(AppEdit),
    /// Archive an application (hidden from lists and plans); --undo brings it back
    Archive {
        /// The application id, e.g. a1
        app: String,
        /// Bring an archived application back
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Debug, Args)]
pub struct AppAdd {
    /// The company, e.g. "Acme Corp"
    pub company: String,
    /// The role, e.g. "Data Engineer"
    pub role: String,
    /// The industry; it sets the culture when --culture is not given (banking → formal, software → casual)
    #[arg(long)]
    pub industry: Option<String>,
    /// How formal messages should be: formal, neutral or casual [default: from the industry]
    #[arg(long)]
    pub culture: Option<String>,
    /// The employer prefers not to be phoned (no call is ever suggested)
    #[arg(long)]
    pub no_calls: bool,
    /// applied, interviewing, offer, accepted, rejected or withdrawn [default: applied]
    #[arg(long)]
    pub stage: Option<String>,
    /// Where you found the job (a referral, a job board …)
    #[arg(long)]
    pub source: Option<String>,
    /// Anything else worth remembering
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppList {
    /// Include archived applications
    #[arg(long)]
    pub all: bool,
    /// Only applications at this stage
    #[arg(long)]
    pub stage: Option<String>,
}

#[derive(Debug, Args)]
pub struct AppEdit {
    /// The application id, e.g. a1
    pub app: String,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    /// formal, neutral, casual, or auto (follow the industry)
    #[arg(long)]
    pub culture: Option<String>,
    /// The employer prefers not to be phoned
    #[arg(long, conflicts_with = "calls")]
    pub no_calls: bool,
    /// Phone calls are fine again
    #[arg(long)]
    pub calls: bool,
    #[arg(long)]
    pub stage: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum InterviewCommand {
    /// Add a round to an application, with the people in it
    Add(InterviewAdd),
    /// Change a round, its people, or what each of them talked about
    Edit(InterviewEdit),
    /// List rounds with their people (of one application, or of all)
    List {
        /// Only this application's rounds
        app: Option<String>,
    },
}

const INTERVIEWER_HELP: &str = "An interviewer: \"NAME, key=value, …\" or an existing person \"pN[, key=value …]\" (repeat for a panel)";

const INTERVIEWER_LONG_HELP: &str = "An interviewer, for example
  --interviewer \"Grace Hopper, title=Dr., role=hiring-manager, email=grace@acme.example\"
The first part without a key is the name; \"Dr. Grace Hopper\" or \"name=Hopper\\, Grace\"
sets the title and the given and family names too. Keys: name, title, given, family (for a
name written family name first: \"Wang Xiuying, given=Xiuying, family=Wang\"), role
(recruiter, hiring-manager, panelist, other), email, phone, linkedin, tz, away (the day
they are back from leave, YYYY-MM-DD: their check-ins wait; `followup sync` sets it from an
out-of-office reply, and away= clears it). An existing person's id (\"p3\", or
\"p3, email=new@acme.example\") puts them in this round and updates them. Write \\, for a
comma inside a value. Repeat the flag for each member of a panel.";

#[derive(Debug, Args)]
pub struct InterviewAdd {
    /// The application id, e.g. a1
    pub app: String,
    /// phone, video, onsite, panel or networking
    #[arg(long)]
    pub kind: String,
    /// When it starts: RFC 3339, "2026-03-02 14:00", "tomorrow 10:00", "friday 2pm" …
    #[arg(long)]
    pub start: String,
    /// When it ends [default: start + 1 hour]
    #[arg(long, conflicts_with = "duration")]
    pub end: Option<String>,
    /// How long it lasts instead of an end, e.g. 45m or "1h 30m"
    #[arg(long)]
    pub duration: Option<String>,
    /// The IANA time zone the times are in [default: your profile's]
    #[arg(long)]
    pub tz: Option<String>,
    /// When they said they would decide: a date (2026-03-13, friday, "in 2 weeks") or a date and time
    #[arg(long)]
    pub decision: Option<String>,
    /// You built a personal connection (a handwritten note becomes an option)
    #[arg(long)]
    pub rapport: bool,
    #[arg(long = "interviewer", short = 'i', value_name = "SPEC", help = INTERVIEWER_HELP, long_help = INTERVIEWER_LONG_HELP)]
    pub interviewers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct InterviewEdit {
    /// The round id, e.g. r1
    pub round: String,
    /// phone, video, onsite, panel or networking
    #[arg(long)]
    pub kind: Option<String>,
    /// A new start; the end moves with it unless --end or --duration is given
    #[arg(long)]
    pub start: Option<String>,
    #[arg(long, conflicts_with = "duration")]
    pub end: Option<String>,
    #[arg(long)]
    pub duration: Option<String>,
    /// The IANA time zone of the round, and of the times given with this command
    #[arg(long)]
    pub tz: Option<String>,
    /// A new decision date
    #[arg(long, conflicts_with = "no_decision")]
    pub decision: Option<String>,
    /// Forget the decision date
    #[arg(long)]
    pub no_decision: bool,
    /// You built a personal connection
    #[arg(long, conflicts_with = "no_rapport")]
    pub rapport: bool,
    /// No personal connection after all
    #[arg(long)]
    pub no_rapport: bool,
    #[arg(long = "interviewer", short = 'i', value_name = "SPEC", help = INTERVIEWER_HELP, long_help = INTERVIEWER_LONG_HELP)]
    pub interviewers: Vec<String>,
    /// Take this person out of the round (they stay known to the application)
    #[arg(long, value_name = "PERSON")]
    pub remove: Vec<String>,
    /// The person whose details the following flags change, e.g. p1
    #[arg(long = "for", value_name = "PERSON")]
    pub person: Option<String>,
    /// Add a topic you discussed with them
    #[arg(long = "topic", requires = "person", value_name = "TEXT")]
    pub topics: Vec<String>,
    /// Add something they shared (a story, a joke, a project)
    #[arg(long = "shared", requires = "person", value_name = "TEXT")]
    pub shared: Vec<String>,
    /// Add a question or concern they raised
    #[arg(long = "concern", requires = "person", value_name = "TEXT")]
    pub concerns: Vec<String>,
    /// Forget their details in this round before adding any given ones
    #[arg(long, requires = "person")]
    pub clear_details: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The follow-up, named KIND:ROUND:PERSON[:N], e.g. thank-you:r1:p1 or check-in:r2:p4:2
    pub action: String,
    /// email, post, phone or linkedin [default: the kind's usual channel]
    #[arg(long)]
    pub channel: Option<String>,
    /// When it happened [default: now]
    #[arg(long)]
    pub at: Option<String>,
    /// A file with the message sent ("-" for standard input); a first line "Subject: …" is its subject
    #[arg(long, value_name = "FILE")]
    pub message: Option<PathBuf>,
    /// The subject line, if not in the message file
    #[arg(long)]
    pub subject: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResponseArgs {
    /// The application id, e.g. a1
    pub app: String,
    /// reply, update, next-round, offer or rejection
    pub outcome: String,
    /// Who it came from (a person's id, e.g. p2)
    #[arg(long)]
    pub from: Option<String>,
    /// When it came [default: now]
    #[arg(long)]
    pub at: Option<String>,
    /// With an update: the new date they expect to decide by
    #[arg(long)]
    pub decision: Option<String>,
    /// What they said, in a line
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file ("-" for standard input)
    pub file: PathBuf,
    /// json, csv, ics or vcard [default: from the file's extension, else json]
    #[arg(long)]
    pub format: Option<String>,
    /// CSV: the tracker the file comes from: huntr, teal or generic [default: generic]
    #[arg(long)]
    pub preset: Option<String>,
    /// CSV: which column fills which field, e.g. 'Company=company,Job Title=role'
    #[arg(long, value_name = "COLUMN=FIELD,…")]
    pub map: Option<String>,
    /// ics, vcard: put everything into this application
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    /// vcard: the round new people join
    #[arg(long, value_name = "ROUND")]
    pub round: Option<String>,
    /// Make the changes (without it, only show them)
    #[arg(long)]
    pub apply: bool,
    /// Import nothing if any row is rejected
    #[arg(long)]
    pub atomic: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file ("-" for standard input)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Only applications added on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The application id, e.g. a1
    #[arg(required_unless_present = "csv", conflicts_with = "csv")]
    pub app: Option<String>,
    /// Write every entity as CSV into this directory: applications.csv, rounds.csv,
    /// people.csv, touchpoints.csv, responses.csv
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}
