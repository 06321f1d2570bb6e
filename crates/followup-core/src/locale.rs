//! The user's English: how dates and times are written in messages, and which spelling the
//! checker expects. Pure functions; the shell reads `LANG` and passes it in.
//!
//! Times follow the style guides most used in each country, with the minutes always written
//! ("9:00 AM", never "9 AM", so that a reader never wonders whether a time was cut short):
//!
//! | locale | date | time |
//! | --- | --- | --- |
//! | en-US | Friday, December 4 | 2:30 PM |
//! | en-CA | Friday, December 4 | 2:30 p.m. (The Canadian Press) |
//! | en-GB | Friday 4 December | 14:30 |
//! | en-AU | Friday 4 December | 2:30 pm (the Australian Government Style Manual) |
//! | en-IN | Friday 4 December | 2:30 pm |

use std::str::FromStr;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::error::UnknownWord;

/// The English a user writes in; en-US when nothing says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    EnUs,
    EnGb,
    EnCa,
    EnAu,
    EnIn,
}

/// A spelling standard, as the checker knows them. The checker's engine maps these to its
/// own; the core does not depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    American,
    British,
    Canadian,
    Australian,
    Indian,
}

impl Locale {
    pub const ALL: &'static [Locale] = &[
        Locale::EnUs,
        Locale::EnGb,
        Locale::EnCa,
        Locale::EnAu,
        Locale::EnIn,
    ];
    pub const WORDS: &'static [&'static str] = &["en-US", "en-GB", "en-CA", "en-AU", "en-IN"];

    /// The BCP 47 tag: "en-US", "en-GB" …
    pub fn as_str(&self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::EnGb => "en-GB",
            Locale::EnCa => "en-CA",
            Locale::EnAu => "en-AU",
            Locale::EnIn => "en-IN",
        }
    }

    /// The locale of a `LANG` value ("en_GB.UTF-8"): a supported English one, else en-US,
    /// since the messages are in English whatever the rest of the system speaks.
    pub fn from_lang(lang: Option<&str>) -> Locale {
        lang.and_then(|l| l.parse().ok()).unwrap_or_default()
    }

    /// Whose spelling the checker expects.
    pub fn dialect(&self) -> Dialect {
        match self {
            Locale::EnUs => Dialect::American,
            Locale::EnGb => Dialect::British,
            Locale::EnCa => Dialect::Canadian,
            Locale::EnAu => Dialect::Australian,
            Locale::EnIn => Dialect::Indian,
        }
    }

    /// The day of the week: "Friday".
    pub fn weekday(&self, date: Date) -> String {
        date.strftime("%A").to_string()
    }

    /// A date in a sentence, without the year (messages are about the weeks around now):
    /// "Friday, December 4" in North America, "Friday 4 December" elsewhere.
    pub fn long_date(&self, date: Date) -> String {
        let weekday = self.weekday(date);
        let month = date.strftime("%B");
        let day = date.day();
        match self {
            Locale::EnUs | Locale::EnCa => format!("{weekday}, {month} {day}"),
            Locale::EnGb | Locale::EnAu | Locale::EnIn => format!("{weekday} {day} {month}"),
        }
    }

    /// A time of day as the locale writes it (see the module doc for the table).
    pub fn time(&self, time: Time) -> String {
        let minute = time.minute();
        let hour24 = time.hour();
        let hour12 = match hour24 % 12 {
            0 => 12,
            h => h,
        };
        let morning = hour24 < 12;
        match self {
            Locale::EnGb => format!("{hour24:02}:{minute:02}"),
            Locale::EnUs => {
                let mark = if morning { "AM" } else { "PM" };
                format!("{hour12}:{minute:02} {mark}")
            }
            Locale::EnCa => {
                let mark = if morning { "a.m." } else { "p.m." };
                format!("{hour12}:{minute:02} {mark}")
            }
            Locale::EnAu | Locale::EnIn => {
                let mark = if morning { "am" } else { "pm" };
                format!("{hour12}:{minute:02} {mark}")
            }
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Locale {
    type Err = UnknownWord;

    /// Reads "en-US", "en_GB", "en-gb", "en_GB.UTF-8", "en_IN@euro": the language and region,
    /// whatever the case and separator, with any encoding or modifier ignored.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let tag = text
            .trim()
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        Locale::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(&tag))
            .ok_or_else(|| UnknownWord {
                value: text.to_string(),
                allowed: Locale::WORDS,
            })
    }
}

impl Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Locale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn reads_tags_and_lang_values() {
        for (text, locale) in [
            ("en-US", Locale::EnUs),
            ("en_GB", Locale::EnGb),
            ("en_GB.UTF-8", Locale::EnGb),
            ("en-gb", Locale::EnGb),
            ("EN-ca", Locale::EnCa),
            ("en_AU.utf8", Locale::EnAu),
            (" en_IN ", Locale::EnIn),
        ] {
            assert_eq!(text.parse::<Locale>().unwrap(), locale, "{text}");
        }
        let err = "fr_FR.UTF-8".parse::<Locale>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"fr_FR.UTF-8\" is not one of en-US, en-GB, en-CA, en-AU, en-IN"
        );
        assert!("en".parse::<Locale>().is_err());
        assert!("en-NZ".parse::<Locale>().is_err());
    }

    #[test]
    fn lang_falls_back_to_american_english() {
        assert_eq!(Locale::from_lang(Some("en_GB.UTF-8")), Locale::EnGb);
        assert_eq!(Locale::from_lang(Some("de_DE.UTF-8")), Locale::EnUs);
        assert_eq!(Locale::from_lang(Some("C.UTF-8")), Locale::EnUs);
        assert_eq!(Locale::from_lang(Some("")), Locale::EnUs);
        assert_eq!(Locale::from_lang(None), Locale::EnUs);
    }

    #[test]
    fn serde_uses_the_tags() {
        for locale in Locale::ALL {
            let json = serde_json::to_string(locale).unwrap();
            assert_eq!(json, format!("\"{}\"", locale.as_str()));
            assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), *locale);
            assert_eq!(locale.to_string(), locale.as_str());
        }
        assert!(serde_json::from_str::<Locale>("\"fr-FR\"").is_err());
    }

    #[test]
    fn long_dates_per_locale() {
        // A Wednesday in the month with the longest name, and the first of a month.
        let september = date(2026, 9, 30);
        let first = date(2026, 5, 1);
        let expected = [
            (Locale::EnUs, "Wednesday, September 30", "Friday, May 1"),
            (Locale::EnCa, "Wednesday, September 30", "Friday, May 1"),
            (Locale::EnGb, "Wednesday 30 September", "Friday 1 May"),
            (Locale::EnAu, "Wednesday 30 September", "Friday 1 May"),
            (Locale::EnIn, "Wednesday 30 September", "Friday 1 May"),
        ];
        for (locale, long, short) in expected {
            assert_eq!(locale.long_date(september), long, "{locale}");
            assert_eq!(locale.long_date(first), short, "{locale}");
            assert_eq!(locale.weekday(first), "Friday");
        }
        assert_eq!(
            Locale::EnUs.long_date(date(2026, 12, 4)),
            "Friday, December 4"
        );
        assert_eq!(
            Locale::EnGb.long_date(date(2026, 12, 4)),
            "Friday 4 December"
        );
    }

    #[test]
    fn times_per_locale() {
        let cases = [
            (
                time(14, 30, 0, 0),
                ["2:30 PM", "14:30", "2:30 p.m.", "2:30 pm", "2:30 pm"],
            ),
            (
                time(9, 0, 0, 0),
                ["9:00 AM", "09:00", "9:00 a.m.", "9:00 am", "9:00 am"],
            ),
            (
                time(0, 5, 0, 0),
                ["12:05 AM", "00:05", "12:05 a.m.", "12:05 am", "12:05 am"],
            ),
            (
                time(12, 0, 0, 0),
                ["12:00 PM", "12:00", "12:00 p.m.", "12:00 pm", "12:00 pm"],
            ),
            (
                time(23, 59, 59, 0),
                ["11:59 PM", "23:59", "11:59 p.m.", "11:59 pm", "11:59 pm"],
            ),
        ];
        for (t, written) in cases {
            for (locale, expected) in Locale::ALL.iter().zip(written) {
                assert_eq!(locale.time(t), expected, "{locale} {t}");
            }
        }
    }

    #[test]
    fn dialects() {
        assert_eq!(Locale::default().dialect(), Dialect::American);
        assert_eq!(Locale::EnGb.dialect(), Dialect::British);
        assert_eq!(Locale::EnCa.dialect(), Dialect::Canadian);
        assert_eq!(Locale::EnAu.dialect(), Dialect::Australian);
        assert_eq!(Locale::EnIn.dialect(), Dialect::Indian);
    }
}
