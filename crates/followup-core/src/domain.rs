//! The things `followup` knows about (SPEC §1), shaped exactly as the JSON interchange (SPEC §5).

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::moment::{DecisionDate, Moment};

/// Declares a closed set of kebab-case words: parsing names the allowed values on failure,
/// and serde, `Display` and the store all use the same spelling.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const WORDS: &'static [&'static str] = &[$($text),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::UnknownWord;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
                match wanted.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::error::UnknownWord {
                        value: text.to_string(),
                        allowed: Self::WORDS,
                    }),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                // Exact spelling only in files: the interchange is a contract.
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| serde::de::Error::custom(format!(
                        "{text:?} is not one of {}", Self::WORDS.join(", "))))
            }
        }
    };
}

word_enum!(
    /// How formal the messages to an employer should sound (SPEC §3).
    Culture { Formal = "formal", Neutral = "neutral", Casual = "casual" }
);

word_enum!(
    /// What kind of conversation a round was.
    RoundKind {
        Phone = "phone",
        Video = "video",
        Onsite = "onsite",
        Panel = "panel",
        Networking = "networking",
    }
);

word_enum!(
    /// An interviewer's part in the process; it decides who the primary contact is.
    #[derive(Default)]
    ContactRole {
        Recruiter = "recruiter",
        HiringManager = "hiring-manager",
        Panelist = "panelist",
        #[default]
        Other = "other",
    }
);

word_enum!(
    /// How a follow-up travels.
    Channel { Email = "email", Post = "post", Phone = "phone", Linkedin = "linkedin" }
);

word_enum!(
    /// The follow-ups the planner knows (SPEC §2, §3).
    ActionKind {
        ThankYou = "thank-you",
        HandwrittenNote = "handwritten-note",
        CheckIn = "check-in",
        PhoneCall = "phone-call",
        LinkedinConnect = "linkedin-connect",
        RejectionReply = "rejection-reply",
    }
);

word_enum!(
    /// What the employer's response amounted to.
    Outcome {
        Reply = "reply",
        Update = "update",
        NextRound = "next-round",
        Offer = "offer",
        Rejection = "rejection",
    }
);

word_enum!(
    /// Where the user says an application stands; the planner's status is computed separately.
    #[derive(Default)]
    Stage {
        #[default]
        Applied = "applied",
        Interviewing = "interviewing",
        Offer = "offer",
        Accepted = "accepted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
);

impl Stage {
    /// The stage an application moves to when a round of interviews is recorded, if it
    /// moves: an application that was only applied for is now interviewing.
    pub fn with_round(self) -> Option<Stage> {
        (self == Stage::Applied).then_some(Stage::Interviewing)
    }

    /// The stage an application moves to with a response of this outcome, if it moves.
    pub fn after(self, outcome: Outcome) -> Option<Stage> {
        match outcome {
            Outcome::Offer => Some(Stage::Offer),
            Outcome::Rejection => Some(Stage::Rejected),
            Outcome::NextRound if self == Stage::Applied => Some(Stage::Interviewing),
            _ => None,
        }
        .filter(|s| *s != self)
    }
}

impl ActionKind {
    /// The channel an action of this kind normally takes (SPEC §2); a thank-you to somebody
    /// known only by LinkedIn is the one exception, decided by [`Interviewer::thank_you_channel`].
    pub fn default_channel(&self) -> Channel {
        match self {
            ActionKind::ThankYou | ActionKind::CheckIn | ActionKind::RejectionReply => {
                Channel::Email
            }
            ActionKind::HandwrittenNote => Channel::Post,
            ActionKind::PhoneCall => Channel::Phone,
            ActionKind::LinkedinConnect => Channel::Linkedin,
        }
    }

    /// Whether actions of this kind are numbered (check-ins and the calls that replace them).
    pub fn is_numbered(&self) -> bool {
        matches!(self, ActionKind::CheckIn | ActionKind::PhoneCall)
    }
}

impl Culture {
    /// The culture an industry suggests when none was chosen (SPEC §1, from 004).
    pub fn for_industry(industry: Option<&str>) -> Culture {
        let Some(industry) = industry else {
            return Culture::Neutral;
        };
        let words: Vec<String> = industry
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let has = |prefixes: &[&str]| {
            words
                .iter()
                .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
        };
        if has(&["law", "legal", "bank", "financ", "government", "insur"]) {
            Culture::Formal
        } else if has(&["software", "tech", "startup", "saas", "internet"]) {
            Culture::Casual
        } else {
            Culture::Neutral
        }
    }
}

/// The user: who signs the messages and where they live.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Lines printed under the name at the end of a message.
    #[serde(default)]
    pub signature: Option<String>,
    /// An IANA zone name such as `America/New_York`.
    pub timezone: String,
    /// Skills and achievements a message can draw on.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// How dates, times and spelling should look; absent means the shell's `LANG` decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<crate::Locale>,
}

/// One job the user is pursuing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub id: String,
    pub company: String,
    pub role: String,
    #[serde(default)]
    pub industry: Option<String>,
    /// Chosen by the user; when absent the industry decides (see [`Application::culture`]).
    #[serde(default)]
    pub culture: Option<Culture>,
    #[serde(default)]
    pub prefers_no_calls: bool,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub archived: bool,
}

impl Application {
    /// The culture messages follow: the chosen one, else the industry's.
    pub fn culture(&self) -> Culture {
        self.culture
            .unwrap_or_else(|| Culture::for_industry(self.industry.as_deref()))
    }
}

/// What one interviewer said and cared about in one round; every personal note draws on it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub shared: Vec<String>,
    #[serde(default)]
    pub concerns: Vec<String>,
    /// Which of the user's highlights fit what this person cared about.
    #[serde(default)]
    pub highlights: Vec<String>,
}

impl Details {
    /// What was noted from the conversation, in order: the topics, what they shared, their
    /// concerns (the highlights are the user's, not theirs).
    pub fn notes(&self) -> impl Iterator<Item = &String> {
        self.topics.iter().chain(&self.shared).chain(&self.concerns)
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.shared.is_empty()
            && self.concerns.is_empty()
            && self.highlights.is_empty()
    }
}

/// A person met in a round. The same person (same id) may appear in several rounds with
/// different details; everything but `details` is theirs in every round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interviewer {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    /// The given name, for names [`read_name`](crate::read_name) would misread ("Wang
    /// Xiuying": given Xiuying); absent means read it from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// The family name with its particles ("de la Cruz"); absent means read it from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default)]
    pub role: ContactRole,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub linkedin: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    /// The day an out-of-office reply said they are back; their check-ins wait until the
    /// business morning after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away_until: Option<jiff::civil::Date>,
    #[serde(default)]
    pub details: Details,
}

impl Interviewer {
    /// A thank-you goes by email, or by LinkedIn when only a LinkedIn URL is known (SPEC §2).
    pub fn thank_you_channel(&self) -> Channel {
        if self.email.is_none() && self.linkedin.is_some() {
            Channel::Linkedin
        } else {
            Channel::Email
        }
    }

    /// The name a casual greeting uses: the stored given name, else the one read from `name`.
    pub fn given_name(&self) -> String {
        match &self.given {
            Some(given) => given.clone(),
            None => crate::read_name(&self.name).given,
        }
    }

    /// The name after a title ("Dr. Hopper"): the stored family name, else the one read from
    /// `name`.
    pub fn family_name(&self) -> String {
        match &self.family {
            Some(family) => family.clone(),
            None => crate::read_name(&self.name).family,
        }
    }

    /// The same person without this round's details, for comparing contact fields.
    pub fn contact_fields_match(&self, other: &Interviewer) -> bool {
        self.name == other.name
            && self.title == other.title
            && self.given == other.given
            && self.family == other.family
            && self.role == other.role
            && self.email == other.email
            && self.phone == other.phone
            && self.linkedin == other.linkedin
            && self.timezone == other.timezone
            && self.away_until == other.away_until
    }
}

/// One round of interviews.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    pub id: String,
    pub kind: RoundKind,
    pub start: Moment,
    /// Absent means one hour after the start (SPEC §2).
    #[serde(default)]
    pub end: Option<Moment>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub decision_expected_by: Option<DecisionDate>,
    #[serde(default)]
    pub personal_rapport: bool,
    #[serde(default)]
    pub interviewers: Vec<Interviewer>,
}

impl Interview {
    /// The end, or one hour after the start when none was recorded.
    pub fn effective_end(&self) -> jiff::Timestamp {
        match self.end {
            Some(end) => end.timestamp(),
            None => self.start.timestamp() + jiff::SignedDuration::from_hours(1),
        }
    }
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// A follow-up that happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub kind: ActionKind,
    pub interview: String,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub n: u32,
    pub channel: Channel,
    pub at: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Something the employer did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(default)]
    pub from: Option<String>,
    pub at: Moment,
    pub outcome: Outcome,
    #[serde(default)]
    pub decision_expected_by: Option<DecisionDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_max_check_ins() -> u32 {
    2
}

fn default_linkedin_note_limit() -> u32 {
    200
}

fn default_linkedin_monthly_quota() -> u32 {
    5
}

/// The working day of the people we write to: `[start, end)` on business days (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    pub start: Time,
    pub end: Time,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            start: Time::constant(9, 0, 0, 0),
            end: Time::constant(17, 0, 0, 0),
        }
    }
}

impl BusinessHours {
    /// Reads `09:00-17:00`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (start, end) = text
            .split_once('-')
            .ok_or_else(|| format!("{text:?} is not a range such as 09:00-17:00"))?;
        let time = |t: &str| {
            t.trim()
                .parse::<Time>()
                .map_err(|_| format!("{:?} is not a time such as 09:00", t.trim()))
        };
        let hours = BusinessHours {
            start: time(start)?,
            end: time(end)?,
        };
        if hours.end <= hours.start {
            return Err(format!("{text:?} ends before it starts"));
        }
        Ok(hours)
    }
}

impl std::fmt::Display for BusinessHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.strftime("%H:%M"),
            self.end.strftime("%H:%M")
        )
    }
}

impl Serialize for BusinessHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BusinessHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        BusinessHours::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The user's planning preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// How many check-ins to send before stopping (be patient: 003).
    #[serde(default = "default_max_check_ins")]
    pub max_check_ins: u32,
    /// Days that are not business days, besides weekends.
    #[serde(default)]
    pub holidays: Vec<Date>,
    /// Characters a LinkedIn connection note may have (200; 300 for premium accounts).
    #[serde(default = "default_linkedin_note_limit")]
    pub linkedin_note_limit: u32,
    /// Personalised connection notes LinkedIn allows a month (free accounts: 5).
    #[serde(default = "default_linkedin_monthly_quota")]
    pub linkedin_monthly_quota: u32,
    /// When messages should arrive, in the recipient's zone.
    #[serde(default)]
    pub business_hours: BusinessHours,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_check_ins: default_max_check_ins(),
            holidays: Vec::new(),
            linkedin_note_limit: default_linkedin_note_limit(),
            linkedin_monthly_quota: default_linkedin_monthly_quota(),
            business_hours: BusinessHours::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_hours_read_and_print() {
        let hours = BusinessHours::parse("08:30-16:00").unwrap();
        assert_eq!(hours.to_string(), "08:30-16:00");
        assert!(BusinessHours::parse("17:00-09:00").is_err());
        assert!(BusinessHours::parse("nine to five").is_err());
        let settings: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(settings, Settings::default());
        assert_eq!(settings.business_hours.to_string(), "09:00-17:00");
    }

    #[test]
    fn culture_follows_industry() {
        assert_eq!(Culture::for_industry(Some("Banking")), Culture::Formal);
        assert_eq!(Culture::for_industry(Some("law firm")), Culture::Formal);
        assert_eq!(
            Culture::for_industry(Some("Financial services")),
            Culture::Formal
        );
        assert_eq!(
            Culture::for_industry(Some("public government")),
            Culture::Formal
        );
        assert_eq!(Culture::for_industry(Some("Software")), Culture::Casual);
        assert_eq!(Culture::for_industry(Some("tech startup")), Culture::Casual);
        assert_eq!(Culture::for_industry(Some("Healthcare")), Culture::Neutral);
        assert_eq!(Culture::for_industry(None), Culture::Neutral);
    }

    #[test]
    fn words_parse_leniently_and_name_the_choices() {
        assert_eq!(
            "Hiring_Manager".parse::<ContactRole>().unwrap(),
            ContactRole::HiringManager
        );
        let err = "boss".parse::<ContactRole>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"boss\" is not one of recruiter, hiring-manager, panelist, other"
        );
    }

    #[test]
    fn linkedin_only_contacts_are_thanked_on_linkedin() {
        let mut person = Interviewer {
            id: "p1".into(),
            name: "Grace Hopper".into(),
            title: None,
            given: None,
            family: None,
            role: ContactRole::Panelist,
            email: None,
            phone: None,
            linkedin: Some("https://www.linkedin.com/in/grace".into()),
            timezone: None,
            away_until: None,
            details: Details::default(),
        };
        assert_eq!(person.thank_you_channel(), Channel::Linkedin);
        person.linkedin = None;
        assert_eq!(person.thank_you_channel(), Channel::Email);
    }

    #[test]
    fn stored_name_parts_win_over_reading_the_name() {
        let mut person = Interviewer::named("Wang Xiuying");
        assert_eq!(
            (person.given_name(), person.family_name()),
            ("Wang".into(), "Xiuying".into())
        );
        person.given = Some("Xiuying".into());
        person.family = Some("Wang".into());
        assert_eq!(
            (person.given_name(), person.family_name()),
            ("Xiuying".into(), "Wang".into())
        );
        // Absent parts stay out of the interchange, so older files and readers are unchanged.
        let json = serde_json::to_value(Interviewer::named("Grace Hopper")).unwrap();
        assert!(json.get("given").is_none() && json.get("family").is_none());
    }
}
