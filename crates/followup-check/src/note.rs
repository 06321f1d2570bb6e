//! A draft taken apart the way a reader sees it: subject, greeting, paragraphs, sentences,
//! words and sign-off, each with its byte span in the input exactly as given.

use std::ops::Range;

/// A piece of the input and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
}

impl<'a> Piece<'a> {
    fn new(source: &'a str, span: Range<usize>) -> Self {
        Piece {
            text: &source[span.clone()],
            span,
        }
    }
}

#[derive(Debug)]
pub struct Note<'a> {
    pub source: &'a str,
    /// The subject text, after `Subject:`.
    pub subject: Option<Piece<'a>>,
    /// Everything after the subject and its blank line.
    pub body: Piece<'a>,
    /// The first line of the body when it greets someone ("Dear …", "Hi …", "Hello …,").
    pub greeting: Option<Piece<'a>>,
    /// The last block when it closes the note ("Best regards,\nAda").
    pub sign_off: Option<Piece<'a>>,
    /// Blocks between the greeting and the sign-off.
    pub paragraphs: Vec<Piece<'a>>,
    /// The sentences of those paragraphs.
    pub sentences: Vec<Piece<'a>>,
    /// Every word of the body, with its span.
    pub words: Vec<Piece<'a>>,
}

const GREETINGS: &[&str] = &[
    "dear",
    "hi",
    "hello",
    "hey",
    "hiya",
    "yo",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "to",
];

/// Closing words people end a note with.
pub const CLOSINGS: &[&str] = &[
    "sincerely",
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "regards",
    "best wishes",
    "with best wishes",
    "all the best",
    "best",
    "thanks again",
    "thank you again",
    "many thanks",
    "thanks",
    "thank you",
    "cheers",
    "respectfully",
    "yours sincerely",
    "yours truly",
    "yours faithfully",
    "with gratitude",
    "gratefully",
    "with thanks",
    "warmly",
    "take care",
    "talk soon",
    "speak soon",
    "with appreciation",
];

fn lines(source: &str, span: Range<usize>) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in source[span.clone()].char_indices() {
        if c == '\n' {
            out.push(Piece::new(source, start..span.start + i));
            start = span.start + i + 1;
        }
    }
    if start < span.end {
        out.push(Piece::new(source, start..span.end));
    }
    out.into_iter()
        .map(|p| {
            let end = p.span.start + p.text.trim_end_matches('\r').len();
            Piece::new(source, p.span.start..end)
        })
        .collect()
}

/// Blocks of non-blank lines.
fn blocks(source: &str, span: Range<usize>) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines(source, span) {
        if line.text.trim().is_empty() {
            if let Some(block) = current.take() {
                out.push(Piece::new(source, block));
            }
        } else {
            let trimmed_start = line.span.start + (line.text.len() - line.text.trim_start().len());
            let trimmed_end = line.span.start + line.text.trim_end().len();
            current = Some(match current {
                Some(block) => block.start..trimmed_end,
                None => trimmed_start..trimmed_end,
            });
        }
    }
    if let Some(block) = current {
        out.push(Piece::new(source, block));
    }
    out
}

fn starts_with_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with(word)
        && lower[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a line greets someone.
pub fn is_greeting(line: &str) -> bool {
    let line = line.trim();
    GREETINGS.iter().any(|g| starts_with_word(line, g))
        && (line.ends_with(',')
            || line.ends_with(':')
            || line.ends_with('!')
            || line.split_whitespace().count() <= 5)
}

/// Whether a line is a closing such as "Best regards," (the name follows on the next line).
pub fn is_closing(line: &str) -> bool {
    let trimmed = line.trim();
    let bare = trimmed
        .trim_end_matches([',', '.', '!'])
        .trim()
        .to_lowercase();
    if CLOSINGS.contains(&bare.as_str()) {
        return true;
    }
    // "With sincere thanks," "Warmest wishes," and the like.
    let keywords = [
        "regards",
        "thanks",
        "wishes",
        "sincerely",
        "gratitude",
        "appreciation",
        "cheers",
        "warmly",
        "best",
    ];
    trimmed.ends_with(',')
        && bare.split_whitespace().count() <= 4
        && bare.split_whitespace().any(|w| keywords.contains(&w))
}

/// Words that end in a full stop without ending a sentence ("Dr. Okafor", "e.g. Kafka").
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "e.g", "i.e", "etc", "vs", "no",
    "inc", "ltd", "co", "corp", "mt", "dept", "approx", "a.m", "p.m", "u.s", "u.k", "ph.d", "rev",
    "gen", "col", "capt", "sgt", "hon", "fig", "vol", "ed",
];

/// Whether a full stop after `before` (the text of the sentence so far) ends the sentence:
/// not after a known abbreviation or a lone initial ("J. Smith").
pub fn full_stop_ends_sentence(before: &str) -> bool {
    let word = before
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"']);
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(is_initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
}

/// Sentences of a block: each ends at . ! ? followed by a space or the end, except after
/// abbreviations such as "Dr." or "e.g.".
fn split_sentences<'a>(source: &'a str, block: &Piece<'a>) -> Vec<Piece<'a>> {
    let text = block.text;
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if next.is_some_and(|n| !n.is_whitespace() && !matches!(n, '"' | '\'' | ')' | '”' | '’'))
        {
            continue;
        }
        if c == '.' && !full_stop_ends_sentence(&text[start..i]) {
            continue;
        }
        let end = i + c.len_utf8();
        let piece = &text[start..end];
        if !piece.trim().is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            out.push(Piece::new(
                source,
                block.span.start + start + lead..block.span.start + end,
            ));
        }
        start = end;
    }
    let rest = &text[start..];
    if !rest.trim().is_empty() {
        let lead = rest.len() - rest.trim_start().len();
        let trail = rest.trim_end().len();
        out.push(Piece::new(
            source,
            block.span.start + start + lead..block.span.start + start + trail,
        ));
    }
    out
}

/// The words in a span of the source, each with its own span.
pub fn words<'a>(source: &'a str, span: Range<usize>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let text = &source[span.clone()];
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part_of_word = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (start, part_of_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = text[s..i].trim_matches(|ch: char| !ch.is_alphanumeric());
                if !word.is_empty() {
                    let lead = text[s..i].find(word).unwrap_or(0);
                    out.push(Piece::new(
                        source,
                        span.start + s + lead..span.start + s + lead + word.len(),
                    ));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

impl<'a> Note<'a> {
    pub fn parse(source: &'a str) -> Note<'a> {
        let (subject, body_start) = match source.strip_prefix("Subject:") {
            Some(rest) => {
                let line_end = rest
                    .find('\n')
                    .map_or(source.len(), |i| "Subject:".len() + i);
                let raw = &source["Subject:".len()..line_end];
                let lead = raw.len() - raw.trim_start().len();
                let text = raw.trim();
                let start = "Subject:".len() + lead;
                let subject = Piece::new(source, start..start + text.len());
                (Some(subject), (line_end + 1).min(source.len()))
            }
            None => (None, 0),
        };
        let body = Piece::new(source, body_start..source.len());
        let mut blocks = blocks(source, body.span.clone());

        let mut greeting = None;
        if let Some(first) = blocks.first() {
            let first_line = lines(source, first.span.clone()).into_iter().next();
            // "Hello Grace, this is Ada …" opens a call script or a connection note: the
            // greeting is the part before the first comma.
            let inline = first_line.as_ref().and_then(|line| {
                if is_greeting(line.text) {
                    return None;
                }
                let comma = line.text.find(',')?;
                let head = &line.text[..=comma];
                (head.split_whitespace().count() <= 5 && is_greeting(head))
                    .then(|| Piece::new(source, line.span.start..line.span.start + head.len()))
            });
            if let Some(head) = inline {
                greeting = Some(head.clone());
                let rest = head.span.end..first.span.end;
                let trimmed = source[rest.clone()].trim_start();
                blocks[0] = Piece::new(source, rest.end - trimmed.len()..rest.end);
            } else if let Some(line) = first_line
                && is_greeting(line.text)
            {
                greeting = Some(line.clone());
                let rest = line.span.end..first.span.end;
                if source[rest.clone()].trim().is_empty() {
                    blocks.remove(0);
                } else {
                    let trimmed = source[rest.clone()].trim_start();
                    let start = rest.end - trimmed.len();
                    blocks[0] = Piece::new(source, start..rest.end);
                }
            }
        }

        // The sign-off: a closing line and a name, usually the last block; "Thanks, Ada" on
        // one line and a bare name after the last paragraph count too.
        let mut sign_off = None;
        if let Some(last) = blocks.last().cloned() {
            let last_lines = lines(source, last.span.clone());
            if let Some(pos) = last_lines.iter().position(|l| is_closing(l.text)) {
                let start = last_lines[pos].span.start;
                sign_off = Some(Piece::new(source, start..last.span.end));
                let before = last.span.start..start;
                if source[before.clone()].trim().is_empty() {
                    blocks.pop();
                } else {
                    let end = before.start + source[before.clone()].trim_end().len();
                    *blocks.last_mut().expect("a last block") =
                        Piece::new(source, before.start..end);
                }
            }
        }
        let sentences = blocks
            .iter()
            .flat_map(|b| split_sentences(source, b))
            .collect();
        Note {
            source,
            subject,
            words: words(source, body.span.clone()),
            body,
            greeting,
            sign_off,
            paragraphs: blocks,
            sentences,
        }
    }

    /// The body without greeting and sign-off.
    pub fn main_text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "Subject: Thank you, Dr. Hopper\n\nDear Dr. Hopper,\n\nThank you for meeting me. Our talk about Kafka was great!\nI enjoyed it.\n\nI remain interested in the role.\n\nBest regards,\nAda Lovelace\n";

    #[test]
    fn takes_a_note_apart() {
        let note = Note::parse(NOTE);
        assert_eq!(note.subject.as_ref().unwrap().text, "Thank you, Dr. Hopper");
        assert_eq!(
            &NOTE[note.subject.as_ref().unwrap().span.clone()],
            "Thank you, Dr. Hopper"
        );
        assert_eq!(note.greeting.as_ref().unwrap().text, "Dear Dr. Hopper,");
        assert_eq!(
            note.sign_off.as_ref().unwrap().text,
            "Best regards,\nAda Lovelace"
        );
        assert_eq!(note.paragraphs.len(), 2);
        let sentences: Vec<&str> = note.sentences.iter().map(|s| s.text).collect();
        assert_eq!(
            sentences,
            [
                "Thank you for meeting me.",
                "Our talk about Kafka was great!",
                "I enjoyed it.",
                "I remain interested in the role."
            ]
        );
        assert!(
            note.words
                .iter()
                .any(|w| w.text == "Kafka" && &NOTE[w.span.clone()] == "Kafka")
        );
    }

    #[test]
    fn a_note_without_subject_greeting_or_sign_off() {
        let note = Note::parse("Thanks for the chat about Dr. Lee's team. See you.");
        assert!(note.subject.is_none() && note.greeting.is_none() && note.sign_off.is_none());
        assert_eq!(note.sentences.len(), 2);
    }
}
