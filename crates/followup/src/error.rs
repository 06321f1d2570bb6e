//! How the binary reports failures: a message, a hint, and an exit code.

use std::fmt;

use followup_core::InputError;
use followup_store::StoreError;

/// Exit codes: 0 success, 1 findings (for `check`), 2 bad input, 3 the environment failed.
pub const EXIT_BAD_INPUT: u8 = 2;
pub const EXIT_FAILURE: u8 = 3;

#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub hint: Option<String>,
    pub code: u8,
}

impl CliError {
    pub fn bad_input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            hint: Some(hint.into()),
            code: EXIT_BAD_INPUT,
        }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            hint: None,
            code: EXIT_FAILURE,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<InputError> for CliError {
    fn from(e: InputError) -> Self {
        CliError::bad_input(e.to_string(), e.hint())
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Input(input) => input.into(),
            other => CliError {
                hint: other.hint(),
                message: other.to_string(),
                code: EXIT_FAILURE,
            },
        }
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl From<followup_mail::MailError> for CliError {
    fn from(e: followup_mail::MailError) -> Self {
        if let followup_mail::MailError::Store(store) = e {
            return store.into();
        }
        CliError {
            hint: e.hint(),
            code: if e.is_input() {
                EXIT_BAD_INPUT
            } else {
                EXIT_FAILURE
            },
            message: e.to_string(),
        }
    }
}

impl From<followup_actions::ActionsError> for CliError {
    fn from(e: followup_actions::ActionsError) -> Self {
        use followup_actions::ActionsError;
        match e {
            ActionsError::Input(input) => input.into(),
            ActionsError::Store(store) => store.into(),
            ActionsError::Mail(mail) => mail.into(),
            other => CliError {
                hint: other.hint(),
                code: if other.is_input() {
                    EXIT_BAD_INPUT
                } else {
                    EXIT_FAILURE
                },
                message: other.to_string(),
            },
        }
    }
}
