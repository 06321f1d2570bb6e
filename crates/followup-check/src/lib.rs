//! The pre-send checker of SPEC §4: a draft and what is known about it in, findings out; no I/O.
//!
//! Every finding carries its rule id (part of the public interface), a severity, a message
//! that says why, byte offsets into the input exactly as given (a `Subject:` line included),
//! a 1-based line and column in characters, and suggested fixes where there are any.
//! Spelling and general grammar come from a [`Language`] engine given by the caller, so the
//! heavy dictionary and its start-up cost stay behind their own crate; everything else,
//! including the grammar slips typical of these notes, is here.

mod note;
mod rules;
pub mod tone;

use std::ops::Range;

use followup_core::{ActionKind, Channel, Culture, Dialect, Locale};
use serde::{Deserialize, Serialize};

pub use note::{Note, full_stop_ends_sentence};

/// How much a finding matters: errors block sending unless forced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem in a draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Everything the checker found, in the order of the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// A person as the checker needs them: the name as stored, a title, and, when reading the
/// name would get them wrong ("Wang Xiuying"), which part is the given and which the family
/// name. Absent parts are read from `name` by [`followup_core::read_name`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub given: Option<String>,
    #[serde(default)]
    pub family: Option<String>,
}

/// What is known about a draft (SPEC §5); every field is optional, and a rule whose facts are
/// missing stays silent rather than guess.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    #[serde(default)]
    pub kind: Option<ActionKind>,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub culture: Option<Culture>,
    #[serde(default)]
    pub sender: Option<Named>,
    #[serde(default)]
    pub recipient: Option<Named>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub other_companies: Vec<String>,
    /// What was recorded from the recipient's conversation.
    #[serde(default)]
    pub details: Vec<String>,
    /// The notes to the other interviewers of the same round.
    #[serde(default)]
    pub siblings: Vec<String>,
    #[serde(default)]
    pub sent_at: Option<followup_core::Moment>,
    #[serde(default)]
    pub interview_end: Option<followup_core::Moment>,
    #[serde(default)]
    pub decision_expected_by: Option<followup_core::DecisionDate>,
    #[serde(default)]
    pub check_ins_sent: Option<u32>,
    #[serde(default)]
    pub linkedin_note_limit: Option<u32>,
    /// The writer's English; its spelling is the one expected. Absent accepts the spelling
    /// of any English the dictionary knows.
    #[serde(default)]
    pub locale: Option<Locale>,
}

/// A spelling or grammar problem found by a language engine, with a byte span into the text
/// it was given.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageFinding {
    pub grammar: bool,
    /// A word spelled as another English spells it ("colour" in en-US): worth a look, but
    /// the reader will understand it, so it does not block sending.
    pub other_dialect: bool,
    pub span: Range<usize>,
    pub message: String,
    pub suggestions: Vec<String>,
}

/// A spelling and grammar engine (harper, in the application).
pub trait Language {
    /// Findings in `text`; `known` are words to accept as spelled (names, the company …).
    fn lint(&self, text: &str, known: &[String]) -> Vec<LanguageFinding>;

    /// Findings in `text` spelled as `dialect` spells; `None` accepts any English. An engine
    /// that knows one spelling only keeps to [`Language::lint`].
    fn lint_in(
        &self,
        text: &str,
        known: &[String],
        dialect: Option<Dialect>,
    ) -> Vec<LanguageFinding> {
        let _ = dialect;
        self.lint(text, known)
    }
}

/// Checks a draft: `input` is the text as given, with an optional first line `Subject: …`.
pub fn check(input: &str, context: &Context, language: &dyn Language) -> Report {
    let note = Note::parse(input);
    let mut found = rules::Findings::new(input);
    rules::run_all(&note, context, &mut found);
    let dialect = context.locale.map(|l| l.dialect());
    for finding in language.lint_in(input, &rules::known_words(context), dialect) {
        let (rule, severity) = if finding.grammar {
            ("grammar", Severity::Warning)
        } else if finding.other_dialect {
            ("spelling", Severity::Warning)
        } else {
            ("spelling", Severity::Error)
        };
        found.push(
            rule,
            severity,
            finding.span,
            finding.message,
            finding.suggestions,
        );
    }
    found.finish()
}

#[cfg(test)]
mod tests;
