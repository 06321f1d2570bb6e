//! Where a note is cut into pieces that harper can check one at a time: sentences, and the
//! lines of a greeting or sign-off. A piece the user did not touch keeps its findings.

use std::ops::Range;

use followup_check::full_stop_ends_sentence;

/// The byte ranges of the pieces of `text`, in order, each trimmed of surrounding space;
/// blank space between pieces belongs to none.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut paragraph_start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        if line.trim().is_empty() {
            cut_paragraph(text, paragraph_start..line_start, &mut pieces);
            paragraph_start = at;
        }
    }
    cut_paragraph(text, paragraph_start..text.len(), &mut pieces);
    pieces
}

fn cut_paragraph(text: &str, paragraph: Range<usize>, pieces: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut piece_start = paragraph.start;
    let mut i = paragraph.start;
    while i < paragraph.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Take closing quotes and brackets and further marks with the sentence.
            let mut end = i + 1;
            loop {
                let rest = &text[end..paragraph.end];
                if rest.starts_with(['.', '!', '?', '"', '\'', ')', ']']) {
                    end += 1;
                } else if rest.starts_with(['”', '’']) {
                    end += '”'.len_utf8();
                } else {
                    break;
                }
            }
            let followed_by_space =
                end < paragraph.end && matches!(bytes[end], b' ' | b'\n' | b'\t' | b'\r');
            if followed_by_space && b == b'.' && !full_stop_ends_sentence(&text[piece_start..i]) {
                i = end;
                continue;
            }
            if followed_by_space {
                push_trimmed(text, piece_start..end, pieces);
                piece_start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, piece_start..paragraph.end, pieces);
}

fn push_trimmed(text: &str, range: Range<usize>, pieces: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + (piece.len() - piece.trim_start().len());
    pieces.push(start..start + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::sentences;

    fn cut(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_note_is_cut_into_sentences_and_lines_of_its_paragraphs() {
        let note = "Subject: Thank you\n\nDear Dr. Okafor,\n\nThank you for Monday. I enjoyed it!  Did the \"Kafka\" plan work? Yes.\n\nBest regards,\nAda";
        assert_eq!(
            cut(note),
            [
                "Subject: Thank you",
                "Dear Dr. Okafor,",
                "Thank you for Monday.",
                "I enjoyed it!",
                "Did the \"Kafka\" plan work?",
                "Yes.",
                "Best regards,\nAda"
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_a_sentence() {
        assert_eq!(
            cut("We used e.g. Kafka with J. Smith at 3.5 times the load. Then we left."),
            [
                "We used e.g. Kafka with J. Smith at 3.5 times the load.",
                "Then we left."
            ]
        );
    }

    #[test]
    fn every_piece_lies_inside_the_text_in_order() {
        for text in [
            "",
            "   ",
            "...",
            "a.b. c",
            "Hi!\n\n\n\nBye?  ",
            "é. Ü! ü",
            "Great.” Then\r\n\r\nok",
        ] {
            let pieces = sentences(text);
            let mut last = 0;
            for r in pieces {
                assert!(r.start >= last && r.end <= text.len() && r.start < r.end);
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                last = r.end;
            }
        }
    }
}
