//! Action names, `KIND:INTERVIEW:TO[:N]`, as used in CLI arguments, URLs and logs (SPEC §5).

use std::fmt;
use std::str::FromStr;

use crate::domain::ActionKind;
use crate::error::InputError;

/// Names one planned follow-up: `thank-you:r1:p1`, `check-in:r2:p4:2`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActionRef {
    pub kind: ActionKind,
    pub interview: String,
    pub to: String,
    pub n: u32,
}

impl fmt::Display for ActionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.kind, self.interview, self.to)?;
        if self.n != 1 {
            write!(f, ":{}", self.n)?;
        }
        Ok(())
    }
}

impl ActionRef {
    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        let bad = |problem: String| {
            InputError::invalid(
                field,
                text,
                problem,
                "name an action as KIND:INTERVIEW:TO[:N], for example thank-you:r1:p1 or check-in:r2:p4:2",
            )
        };
        let parts: Vec<&str> = text.trim().split(':').collect();
        if !(3..=4).contains(&parts.len()) {
            return Err(bad(format!("{text:?} is not an action name")));
        }
        let kind: ActionKind = parts[0]
            .parse()
            .map_err(|e: crate::error::UnknownWord| bad(e.to_string()))?;
        let interview = parts[1].to_string();
        let to = parts[2].to_string();
        if interview.is_empty() || to.is_empty() {
            return Err(bad(format!(
                "{text:?} leaves the interview or the person empty"
            )));
        }
        let n = match parts.get(3) {
            None => 1,
            Some(n) => match n.parse::<u32>() {
                Ok(n) if (1..=99).contains(&n) => n,
                _ => return Err(bad(format!("{n:?} is not a number from 1 to 99"))),
            },
        };
        if n != 1 && !kind.is_numbered() {
            return Err(bad(format!(
                "only check-ins and phone calls are numbered, not {kind}"
            )));
        }
        Ok(Self {
            kind,
            interview,
            to,
            n,
        })
    }
}

impl FromStr for ActionRef {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse("action", s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for text in ["thank-you:r1:p1", "check-in:r2:p4:2", "check-in:r2:p4"] {
            assert_eq!(text.parse::<ActionRef>().unwrap().to_string(), text);
        }
        assert_eq!(
            "check-in:r2:p4:1".parse::<ActionRef>().unwrap().to_string(),
            "check-in:r2:p4"
        );
    }

    #[test]
    fn refuses_malformed_names() {
        for bad in [
            "thank-you:r1",
            "hello:r1:p1",
            "thank-you:r1:p1:2",
            "check-in:r1:p1:0",
            "a:b:c:d:e",
            "thank-you::p1",
        ] {
            assert!(bad.parse::<ActionRef>().is_err(), "{bad}");
        }
    }
}
