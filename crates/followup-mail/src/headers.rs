//! Text that goes into a header: one line, no control characters, whatever the user typed.
//!
//! A carriage return or line feed in a name or subject would let the text after it become
//! a header of its own. Every value that reaches a header passes through [`header_text`],
//! and every address through [`address`], before lettre encodes it.

use lettre::Address;

use crate::MailError;

/// `text` as a single header line: each run of control characters (CR, LF, NUL, tabs, the
/// Unicode line and paragraph separators) and the spaces around it becomes one space, and
/// encoded-word markers are broken so that no decoder can turn them back into a line break.
pub fn header_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}') {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    // "=?utf-8?q?a=0A?=" typed as a name would be decoded by a reader into a line break.
    out.replace("=?", "=\u{200B}?")
}

/// A mail address, checked: `user@domain` with no spaces or control characters.
pub fn address(field: &str, text: &str) -> Result<Address, MailError> {
    let trimmed = text.trim();
    if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(MailError::Address {
            field: field.to_string(),
            value: text.to_string(),
            reason: "it contains a space, a line break or a control character".into(),
        });
    }
    trimmed.parse::<Address>().map_err(|e| MailError::Address {
        field: field.to_string(),
        value: text.to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_one_space() {
        assert_eq!(
            header_text("Grace\r\nBcc: x@evil.example"),
            "Grace Bcc: x@evil.example"
        );
        assert_eq!(header_text("a\0b"), "a b");
        assert_eq!(
            header_text("  Thank you\t\u{2028}again  "),
            "Thank you again"
        );
        assert_eq!(header_text("\r\n"), "");
    }

    #[test]
    fn encoded_words_typed_by_the_user_stay_text() {
        assert!(!header_text("=?utf-8?q?a=0D=0AX-Evil:_1?=").contains("=?"));
    }

    #[test]
    fn addresses_with_line_breaks_are_refused() {
        assert!(address("email", "grace@acme.example").is_ok());
        assert!(address("email", "grace@acme.example\r\nBcc: x@evil.example").is_err());
        assert!(address("email", "grace@acme.example\0").is_err());
        assert!(address("email", "not an address").is_err());
    }
}
