//! The rules of SPEC §4 that need no dictionary: each reads the note and its context and
//! explains what it found and how to fix it.

use std::collections::HashSet;
use std::ops::Range;

use followup_core::{ActionKind, Channel, Culture, read_name, text};

use crate::note::Note;
use crate::{Context, Diagnostic, Named, Report, Severity, Summary};

pub struct Findings<'a> {
    source: &'a str,
    found: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    pub fn new(source: &'a str) -> Self {
        Findings {
            source,
            found: Vec::new(),
        }
    }

    pub fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
        suggestions: Vec<String>,
    ) {
        // Spans always cover whole characters, so every caller can slice with them.
        let mut start = span.start.min(self.source.len());
        while !self.source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, self.source.len());
        while !self.source.is_char_boundary(end) {
            end += 1;
        }
        let before = &self.source[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        self.found.push(Diagnostic {
            rule,
            severity,
            message: message.into(),
            start,
            end,
            line,
            column,
            suggestions,
        });
    }

    /// Whether a finding of `rule` already covers part of `span`.
    pub fn has(&self, rule: &str, span: &Range<usize>) -> bool {
        self.found
            .iter()
            .any(|d| d.rule == rule && d.start < span.end && span.start < d.end)
    }

    pub fn finish(mut self) -> Report {
        self.found
            .sort_by(|a, b| (a.start, a.end, a.rule).cmp(&(b.start, b.end, b.rule)));
        // One problem is reported once: when two findings of a rule overlap (harper and our
        // slip list both catch "Its been"; two tone patterns share "need this"), the first
        // stays as it is. Suggestions replace a span, so they move only between equal spans.
        self.found.dedup_by(|later, kept| {
            let overlaps = later.start < kept.end || later.start == kept.start;
            if later.rule != kept.rule || !overlaps {
                return false;
            }
            kept.severity = kept.severity.min(later.severity);
            if kept.suggestions.is_empty() && later.end == kept.end {
                kept.suggestions = std::mem::take(&mut later.suggestions);
            }
            true
        });
        let count = |s: Severity| self.found.iter().filter(|d| d.severity == s).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        };
        Report {
            diagnostics: self.found,
            summary,
        }
    }
}

/// Words to accept as spelled: the people's names, the company, the role, and the words of
/// the user's own notes.
pub fn known_words(c: &Context) -> Vec<String> {
    let mut known: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        for w in text.split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '-') {
            if !w.is_empty() {
                known.push(w.to_string());
                // "Jae-won", "Al-Sayed": a dictionary sees each part on its own.
                if w.contains('-') {
                    known.extend(w.split('-').filter(|p| !p.is_empty()).map(str::to_string));
                }
            }
        }
    };
    for named in [&c.sender, &c.recipient].into_iter().flatten() {
        named.name.as_deref().map(&mut add);
        named.title.as_deref().map(&mut add);
        named.given.as_deref().map(&mut add);
        named.family.as_deref().map(&mut add);
    }
    c.company.as_deref().map(&mut add);
    c.role.as_deref().map(&mut add);
    // Another application's company is the wrong company, not a misspelling.
    for other in &c.other_companies {
        add(other);
    }
    for d in &c.details {
        add(d);
    }
    known.sort();
    known.dedup();
    known
}

pub fn run_all(note: &Note, c: &Context, f: &mut Findings) {
    placeholder(note, f);
    recipient_name(note, c, f);
    group_address(note, f);
    company(note, c, f);
    gratitude(note, f);
    specific_detail(note, c, f);
    interest(note, c, f);
    next_steps(note, c, f);
    sign_off(note, c, f);
    subject(note, c, f);
    length(note, c, f);
    crate::tone::run(note, c, f);
    duplicate(note, c, f);
    timing(note, c, f);
    long_sentences(note, f);
    grammar_slips(note, f);
}

/// Where to point when something is missing: the greeting, else the first line.
fn anchor(note: &Note) -> Range<usize> {
    if let Some(g) = &note.greeting {
        return g.span.clone();
    }
    let start = note.body.span.start;
    let first = note.source[start..]
        .find('\n')
        .map_or(note.source.len(), |i| start + i);
    start..first
}

fn contains_word(haystack: &str, needle: &str) -> Option<usize> {
    find_word(&haystack.to_lowercase(), &needle.to_lowercase())
}

/// [`contains_word`] in a text already lower-cased, for a search of many names in one text.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(at);
        }
        from = at + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

// ---- placeholder -------------------------------------------------------------------------

fn placeholder(note: &Note, f: &mut Findings) {
    let s = note.source;
    let mut spans: Vec<Range<usize>> = Vec::new();
    let pairs = [("[[", "]]"), ("{{", "}}"), ("{%", "%}")];
    for (open, close) in pairs {
        let mut from = 0;
        while let Some(i) = s[from..].find(open) {
            let start = from + i;
            let end = s[start + open.len()..]
                .find(close)
                .map_or(s.len(), |j| start + open.len() + j + close.len());
            spans.push(start..end);
            from = end.max(start + 1);
        }
    }
    // [Company Name], <name>: bracketed words that look like a label to fill in.
    for (open, close) in [('[', ']'), ('<', '>')] {
        for (start, _) in s.match_indices(open) {
            if spans.iter().any(|r| r.contains(&start)) {
                continue;
            }
            let Some(len) = s[start + 1..].find(close) else {
                continue;
            };
            let inner = &s[start + 1..start + 1 + len];
            let label = !inner.is_empty()
                && inner.len() <= 40
                && !inner.contains('@')
                && !inner.contains("://")
                && inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '_' || c == '\'' || c == '-')
                && inner.chars().any(|c| c.is_alphabetic());
            if label {
                spans.push(start..start + len + 2);
            }
        }
    }
    for marker in ["XXX", "TODO", "TBD", "___"] {
        for (start, m) in s.match_indices(marker) {
            let end = start + m.len();
            let extra = s[end..]
                .chars()
                .take_while(|c| *c == '_' || *c == 'X')
                .map(char::len_utf8)
                .sum::<usize>();
            let before_ok = s[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && !spans.iter().any(|r| r.contains(&start)) {
                spans.push(start..end + extra);
            }
        }
    }
    spans.sort_by_key(|r| r.start);
    for span in spans {
        let what = &s[span.clone()];
        f.push(
            "placeholder",
            Severity::Error,
            span.clone(),
            format!("{what} is a slot still to fill in; an interviewer would see it as it is"),
            Vec::new(),
        );
    }
}

// ---- recipient-name and group-address -----------------------------------------------------

fn greeting_names(greeting: &str) -> &str {
    let lower = greeting.to_lowercase();
    let mut rest = greeting;
    for g in [
        "good morning",
        "good afternoon",
        "good evening",
        "dear",
        "hello",
        "hiya",
        "hi",
        "hey",
        "greetings",
        "yo",
        "to",
    ] {
        if lower.starts_with(g) {
            rest = &greeting[g.len()..];
            break;
        }
    }
    rest.trim().trim_end_matches([',', ':', '!', '.']).trim()
}

/// The given and family names of a person: as stored when known, else as the name reads.
fn name_parts(named: &Named) -> (String, String) {
    let read = read_name(named.name.as_deref().unwrap_or_default());
    (
        named.given.clone().unwrap_or(read.given),
        named.family.clone().unwrap_or(read.family),
    )
}

fn recipient_name(note: &Note, c: &Context, f: &mut Findings) {
    let Some(recipient) = c.recipient.as_ref() else {
        return;
    };
    let Some(name) = recipient.name.clone() else {
        return;
    };
    let (first, last) = name_parts(recipient);
    // The last word of a family name with particles ("de la Cruz") is the one a greeting
    // cannot leave out.
    let last_word = last
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    let Some(greeting) = &note.greeting else {
        f.push(
            "recipient-name",
            Severity::Error,
            anchor(note),
            format!("the note does not greet {name} by name"),
            vec![format!("Dear {first},")],
        );
        return;
    };
    let addressed = greeting_names(greeting.text);
    let words: Vec<&str> = addressed
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let own_words: Vec<String> = [name.as_str(), first.as_str(), last.as_str()]
        .iter()
        .flat_map(|part| part.split_whitespace())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let ours = |w: &str| {
        let w = w.trim_end_matches('.').to_lowercase();
        own_words.contains(&w)
    };
    let title_word = |w: &str| {
        [
            "dr",
            "mr",
            "mrs",
            "ms",
            "mx",
            "prof",
            "professor",
            "doctor",
            "sir",
            "madam",
            "miss",
            "justice",
            "judge",
            "rev",
            "reverend",
            "father",
            "rabbi",
            "imam",
            "captain",
            "capt",
            "colonel",
            "col",
            "general",
            "gen",
            "senator",
            "ambassador",
            "dean",
        ]
        .contains(&w.trim_end_matches('.').to_lowercase().as_str())
    };
    let is_group = |w: &str| {
        [
            "all",
            "team",
            "everyone",
            "folks",
            "both",
            "and",
            "&",
            "y'all",
            "guys",
            "panel",
            "committee",
            "hiring",
            "selection",
        ]
        .contains(&w.to_lowercase().as_str())
    };
    let names: Vec<&str> = words
        .iter()
        .copied()
        // A title that is also the recipient's name ("Dean", "Justice") is their name.
        .filter(|w| (ours(w) || !title_word(w)) && !is_group(w))
        .collect();
    if names.is_empty() {
        if words.iter().any(|w| is_group(w)) {
            return; // a group greeting; group-address speaks to it
        }
        f.push(
            "recipient-name",
            Severity::Error,
            greeting.span.clone(),
            format!("the greeting does not name {name}"),
            vec![format!("Dear {first},")],
        );
        return;
    }
    for w in &names {
        if ours(w) {
            continue;
        }
        let lower = w.to_lowercase();
        let candidates = [&first, &last];
        let close = candidates
            .iter()
            .map(|n| {
                (
                    n,
                    strsim::normalized_damerau_levenshtein(&lower, &n.to_lowercase()),
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let start = greeting.span.start + greeting.text.find(w).unwrap_or(0);
        let span = start..start + w.len();
        match close {
            Some((n, score)) if score >= 0.6 => f.push(
                "recipient-name",
                Severity::Error,
                span,
                format!("{w} looks like a misspelling of {n}"),
                vec![n.to_string()],
            ),
            _ => f.push(
                "recipient-name",
                Severity::Error,
                span,
                format!("the greeting names {w}, but this note is for {name}"),
                vec![first.clone()],
            ),
        }
        return;
    }
    let title = recipient.title.clone().or(read_name(&name).title);
    let has_title = words.iter().any(|w| title_word(w));
    let has_last = words.iter().any(|w| w.eq_ignore_ascii_case(&last_word));
    let first_words: Vec<&str> = first.split_whitespace().collect();
    let has_first = first_words
        .iter()
        .all(|g| words.iter().any(|w| w.eq_ignore_ascii_case(g)));
    // A family name alone is how one speaks of somebody, not to them ("Hi Wang" to Wang
    // Xiuying): it takes a title before it, or the given name instead.
    if has_last && !has_title && !has_first && !first.eq_ignore_ascii_case(&last) {
        let mut suggestions = vec![format!("Dear {first},")];
        if let Some(t) = &title {
            suggestions.push(format!("Dear {t} {last},"));
        }
        f.push(
            "recipient-name",
            Severity::Error,
            greeting.span.clone(),
            format!(
                "{last} is {name}'s family name; greet them by their given name, {first}, or with a title and {last}"
            ),
            suggestions,
        );
        return;
    }
    // LinkedIn notes greet by first name whatever the culture; letters and cards do not.
    let linkedin =
        c.channel == Some(Channel::Linkedin) || c.kind == Some(ActionKind::LinkedinConnect);
    if c.culture == Some(Culture::Formal) && !linkedin && !(has_title && has_last) {
        let suggestion = match &title {
            Some(t) => format!("Dear {t} {last},"),
            None => format!("Dear {name},"),
        };
        if title.is_some() || !has_last {
            f.push(
                "recipient-name",
                Severity::Warning,
                greeting.span.clone(),
                "a formal note greets with title and surname".to_string(),
                vec![suggestion],
            );
        }
    }
}

fn group_address(note: &Note, f: &mut Findings) {
    let Some(greeting) = &note.greeting else {
        return;
    };
    let addressed = greeting_names(greeting.text).to_lowercase();
    let words: Vec<&str> = addressed
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let group = words.iter().any(|w| {
        [
            "all",
            "team",
            "everyone",
            "folks",
            "both",
            "guys",
            "y'all",
            "panel",
            "committee",
        ]
        .contains(w)
    }) || (words.len() >= 3 && words.iter().any(|w| *w == "and" || *w == "&"));
    if group {
        f.push(
            "group-address",
            Severity::Warning,
            greeting.span.clone(),
            "this note greets several people; send each interviewer a note of their own"
                .to_string(),
            Vec::new(),
        );
    }
}

// ---- companies -----------------------------------------------------------------------------

fn company(note: &Note, c: &Context, f: &mut Findings) {
    let s = note.source;
    let lower = s.to_lowercase();
    for other in &c.other_companies {
        if c.company
            .as_deref()
            .is_some_and(|own| own.eq_ignore_ascii_case(other))
        {
            continue;
        }
        if let Some(at) = find_word(&lower, &other.to_lowercase()) {
            f.push(
                "wrong-company",
                Severity::Error,
                at..at + other.len(),
                format!("{other} is another application's company"),
                c.company.iter().cloned().collect(),
            );
        }
    }
    let Some(company) = &c.company else { return };
    let mentioned = contains_word(s, company).is_some();
    // A misspelled company: a run of words as long as the name, close to it but not it.
    let n = company.split_whitespace().count().max(1);
    if !mentioned {
        // The subject's words and the body's, each run of them as long as the name.
        let subject_words = note
            .subject
            .as_ref()
            .map(|p| crate::note::words(s, p.span.clone()))
            .unwrap_or_default();
        let mut runs: Vec<(Range<usize>, String)> = Vec::new();
        for list in [&subject_words, &note.words] {
            for window in list.windows(n) {
                let span = window[0].span.start..window[n - 1].span.end;
                runs.push((span.clone(), s[span].to_string()));
            }
        }
        let target = company.to_lowercase();
        for (span, run) in runs {
            let run_clean = run
                .trim_matches(|ch: char| !ch.is_alphanumeric())
                .to_lowercase();
            if run_clean.len() < 4 || run_clean == target {
                continue;
            }
            let score = strsim::normalized_damerau_levenshtein(&run_clean, &target);
            if (0.75..1.0).contains(&score) {
                f.push(
                    "wrong-company",
                    Severity::Error,
                    span,
                    format!("{run} looks like a misspelling of {company}"),
                    vec![company.clone()],
                );
                return;
            }
        }
    }
    let role_mentioned = c
        .role
        .as_deref()
        .is_some_and(|r| contains_word(s, r).is_some());
    if !mentioned && !role_mentioned {
        f.push(
            "missing-company",
            Severity::Warning,
            anchor(note),
            format!(
                "the note names neither {company} nor the role, so it could be for any employer"
            ),
            Vec::new(),
        );
    }
}

// ---- content: gratitude, detail, interest, next steps --------------------------------------

fn has_any(text: &str, needles: &[&str]) -> bool {
    let lower = text.to_lowercase();
    needles.iter().any(|n| lower.contains(n))
}

fn gratitude(note: &Note, f: &mut Findings) {
    let body = &note.source[note.body.span.clone()];
    if !has_any(
        body,
        &[
            "thank",
            "grateful",
            "gratitude",
            "appreciate",
            "appreciation",
            "thanks",
        ],
    ) {
        f.push(
            "gratitude",
            Severity::Warning,
            anchor(note),
            "the note never thanks them; every follow-up should".to_string(),
            vec!["Thank you for your time.".into()],
        );
    }
}

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "my",
    "our",
    "your",
    "their",
    "his",
    "her",
    "how",
    "what",
    "i",
    "we",
    "at",
    "by",
    "from",
    "about",
    "is",
    "was",
    "that",
    "this",
    "it",
    "as",
    "be",
    "have",
    "has",
    // A detail noted as "she asked about my thesis" is referred to by "your question about
    // my thesis": who spoke and the verb of speaking are the frame, not the detail.
    "she",
    "he",
    "they",
    "you",
    "him",
    "them",
    "asked",
    "talked",
    "discussed",
    "mentioned",
    "spoke",
    "chatted",
    "told",
    "me",
    "whether",
    "if",
];

fn content(text: &str) -> Vec<String> {
    text::words(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Two forms of one word: the same, or sharing all but their last two letters (at least
/// five): "auditing" and "auditor", but not "contracts" and "contribute".
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let keep = a.len().min(b.len()).saturating_sub(2).max(5);
    a.len() >= 5 && b.len() >= 5 && a.len() >= keep && b.len() >= keep && a[..keep] == b[..keep]
}

/// A detail counts as referred to when at least half of its content words appear in the note.
fn refers_to(note_words: &HashSet<String>, detail: &str) -> bool {
    let words = content(detail);
    if words.is_empty() {
        return false;
    }
    let hits = words
        .iter()
        .filter(|w| note_words.iter().any(|n| same_word(w, n)))
        .count();
    hits > 0 && hits * 2 >= words.len()
}

fn specific_detail(note: &Note, c: &Context, f: &mut Findings) {
    if c.details.is_empty()
        || matches!(
            c.kind,
            Some(ActionKind::RejectionReply | ActionKind::PhoneCall | ActionKind::CheckIn)
        )
    {
        return;
    }
    let words: HashSet<String> = content(&note.source[note.body.span.clone()])
        .into_iter()
        .collect();
    if !c.details.iter().any(|d| refers_to(&words, d)) {
        f.push(
            "specific-detail",
            Severity::Warning,
            anchor(note),
            "nothing in the note refers to what you discussed with this person; a specific detail shows you listened".to_string(),
            c.details.iter().take(3).map(|d| format!("mention {d}")).collect(),
        );
    }
}

fn interest(note: &Note, c: &Context, f: &mut Findings) {
    if !matches!(
        c.kind,
        Some(ActionKind::ThankYou | ActionKind::CheckIn) | None
    ) || c.kind.is_none()
    {
        return;
    }
    let body = &note.source[note.body.span.clone()];
    let signals = [
        "interest",
        "excited",
        "excite",
        "enthusias",
        "keen",
        "eager",
        "look forward",
        "looking forward",
        "would love",
        "would welcome",
        "delighted",
        "appealing",
        "appeal",
        "motivated",
        "thrilled",
        "passion",
        "would be glad to join",
        "join the team",
        "joining",
        "contribute",
    ];
    if !has_any(body, &signals) {
        f.push(
            "interest",
            Severity::Warning,
            anchor(note),
            "the note does not say you are still interested in the role".to_string(),
            vec!["I remain very interested in the role.".into()],
        );
    }
}

fn next_steps(note: &Note, c: &Context, f: &mut Findings) {
    if c.kind != Some(ActionKind::CheckIn) {
        return;
    }
    let asks = note.sentences.iter().any(|s| {
        let lower = s.text.to_lowercase();
        // A question mark may be followed by more marks ("?!") or a closing bracket; an
        // indirect question ("I wanted to ask whether …") asks as well.
        let question = s
            .text
            .trim_end()
            .trim_end_matches(['!', '.', ')', '"', '”'])
            .ends_with('?')
            || [
                "could you let me know",
                "would you let me know",
                "i would be grateful to know",
                "i'd be grateful to know",
                "grateful for an update",
                "appreciate an update",
                "please let me know",
                "wanted to ask",
                "like to ask",
                "may i ask",
                "writing to ask",
                "wanted to check",
                "was wondering",
                "am wondering",
                "i'm wondering",
            ]
            .iter()
            .any(|p| lower.contains(p));
        question
            && [
                "timeline",
                "next step",
                "update",
                "decision",
                "process",
                "timing",
                "hear",
                "when",
                "status",
                "schedule",
            ]
            .iter()
            .any(|k| lower.contains(k))
    });
    if !asks {
        f.push(
            "next-steps",
            Severity::Info,
            anchor(note),
            "a check-in usually asks politely about the timeline or the next steps".to_string(),
            vec!["Could you share an update on the timeline?".into()],
        );
    }
}

fn sign_off(note: &Note, c: &Context, f: &mut Findings) {
    let sender_named = c.sender.as_ref().filter(|s| s.name.is_some());
    let sender = sender_named.and_then(|s| s.name.clone());
    let tail_start = note
        .paragraphs
        .last()
        .map_or(note.body.span.start, |p| p.span.start);
    let tail = note
        .sign_off
        .as_ref()
        .map_or(&note.source[tail_start..], |s| s.text);
    let names_sender = |text: &str| match sender_named {
        Some(named) => {
            let (first, last) = name_parts(named);
            contains_word(text, &first).is_some() || contains_word(text, &last).is_some()
        }
        None => text
            .lines()
            .last()
            .is_some_and(|l| l.trim().chars().next().is_some_and(char::is_uppercase)),
    };
    let short_channel = matches!(c.channel, Some(Channel::Linkedin | Channel::Phone))
        || matches!(
            c.kind,
            Some(ActionKind::LinkedinConnect | ActionKind::PhoneCall)
        );
    if short_channel {
        // A connection note or a call script signs with a name, not a letter's closing.
        if c.kind == Some(ActionKind::LinkedinConnect)
            && !names_sender(
                note.source
                    .trim_end()
                    .rsplit(['.', '!', '\n'])
                    .next()
                    .unwrap_or(""),
            )
            && !names_sender(tail)
        {
            let trimmed = note.source.trim_end();
            let last = trimmed.char_indices().last().map_or(0, |(i, _)| i);
            f.push(
                "sign-off",
                Severity::Warning,
                last..trimmed.len(),
                "the note does not end with your name".to_string(),
                sender.into_iter().collect(),
            );
        }
        return;
    }
    match &note.sign_off {
        Some(block) if names_sender(block.text) => {}
        Some(block) => f.push(
            "sign-off",
            Severity::Warning,
            block.span.clone(),
            "the closing is not followed by your name".to_string(),
            sender.into_iter().collect(),
        ),
        None => {
            let end = note.source.trim_end().len();
            let last_line = note.source[..end].rfind('\n').map_or(0, |i| i + 1);
            f.push(
                "sign-off",
                Severity::Warning,
                last_line..end,
                "the note has no closing line and name to end on".to_string(),
                vec![format!(
                    "Best regards,\n{}",
                    sender.unwrap_or_else(|| "Your Name".into())
                )],
            );
        }
    }
}

// ---- form: subject, length, sentences ------------------------------------------------------

fn is_email(c: &Context) -> bool {
    c.channel == Some(Channel::Email)
        || (c.channel.is_none()
            && matches!(
                c.kind,
                Some(ActionKind::ThankYou | ActionKind::CheckIn | ActionKind::RejectionReply)
            ))
}

fn subject(note: &Note, c: &Context, f: &mut Findings) {
    if !is_email(c) {
        return;
    }
    match &note.subject {
        None => f.push(
            "subject",
            Severity::Warning,
            0..note.source.find('\n').unwrap_or(note.source.len()),
            "an email needs a subject line (write it first, as \"Subject: …\", then a blank line)"
                .to_string(),
            Vec::new(),
        ),
        Some(s) if s.text.trim().is_empty() => f.push(
            "subject",
            Severity::Warning,
            s.span.clone(),
            "the subject is empty".to_string(),
            Vec::new(),
        ),
        Some(s) if s.text.chars().count() > 60 => f.push(
            "subject",
            Severity::Warning,
            s.span.clone(),
            format!(
                "the subject has {} characters; keep it under 60 so it is read whole",
                s.text.chars().count()
            ),
            Vec::new(),
        ),
        _ => {}
    }
}

fn length(note: &Note, c: &Context, f: &mut Findings) {
    let body = &note.source[note.body.span.clone()];
    let Some(kind) = c.kind else { return };
    if kind == ActionKind::LinkedinConnect {
        let limit = c.linkedin_note_limit.unwrap_or(200) as usize;
        let chars = body.trim().chars().count();
        if chars > limit {
            let start = note.body.span.start + (body.len() - body.trim_start().len());
            let cut = body
                .trim_start()
                .char_indices()
                .nth(limit)
                .map_or(body.len(), |(i, _)| i);
            f.push(
                "length",
                Severity::Error,
                start + cut..note.body.span.start + body.trim_end().len(),
                format!(
                    "a LinkedIn connection note may have {limit} characters; this one has {chars}"
                ),
                Vec::new(),
            );
        }
        return;
    }
    let limit = match kind {
        ActionKind::ThankYou => 200,
        ActionKind::HandwrittenNote | ActionKind::PhoneCall => 120,
        ActionKind::CheckIn | ActionKind::RejectionReply => 150,
        ActionKind::LinkedinConnect => return,
    };
    let words = text::word_count(body);
    if words > limit {
        f.push(
            "length",
            Severity::Warning,
            note.body.span.clone(),
            format!("{words} words; a {kind} reads best in {limit} or fewer"),
            Vec::new(),
        );
    }
    if kind == ActionKind::ThankYou && note.paragraphs.len() > 4 {
        f.push(
            "length",
            Severity::Warning,
            note.paragraphs[4].span.clone(),
            format!(
                "{} paragraphs; a thank-you reads best in four or fewer",
                note.paragraphs.len()
            ),
            Vec::new(),
        );
    }
}

fn long_sentences(note: &Note, f: &mut Findings) {
    for s in &note.sentences {
        let n = text::word_count(s.text);
        if n > 35 {
            f.push(
                "long-sentence",
                Severity::Info,
                s.span.clone(),
                format!("this sentence has {n} words; two shorter ones would read more easily"),
                Vec::new(),
            );
        }
    }
}

/// The words of the body in lower case, apostrophes straightened, with their spans.
pub(crate) fn lower_words(note: &Note) -> Vec<(String, Range<usize>)> {
    note.words
        .iter()
        .map(|w| (w.text.to_lowercase().replace('’', "'"), w.span.clone()))
        .collect()
}

// ---- siblings and timing -------------------------------------------------------------------

/// The note without its greeting line, for comparing notes to different people.
fn without_greeting(text: &str) -> String {
    let note = Note::parse(text);
    note.paragraphs
        .iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn duplicate(note: &Note, c: &Context, f: &mut Findings) {
    if c.siblings.is_empty() {
        return;
    }
    let mine = without_greeting(note.source);
    let names: Vec<String> = [&c.recipient, &c.sender]
        .iter()
        .filter_map(|n| n.as_ref().and_then(|n| n.name.clone()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut best: Option<(usize, f64)> = None;
    for (i, sibling) in c.siblings.iter().enumerate() {
        let score = text::trigram_similarity(&mine, &without_greeting(sibling), &names);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    let Some((i, score)) = best else { return };
    let severity = if score >= 0.8 {
        Severity::Error
    } else if score >= 0.6 {
        Severity::Warning
    } else {
        return;
    };
    let sibling = &c.siblings[i];
    let whom = Note::parse(sibling)
        .greeting
        .map(|g| greeting_names(g.text).to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("sibling note {}", i + 1));
    f.push(
        "duplicate-note",
        severity,
        note.body.span.clone(),
        format!("this note is {:.0}% the same as the one to {whom}; interviewers compare notes, so make each one personal", score * 100.0),
        Vec::new(),
    );
}

fn timing(note: &Note, c: &Context, f: &mut Findings) {
    let Some(sent) = c.sent_at else { return };
    let sent = sent.timestamp();
    let hours = |h: i64| jiff::SignedDuration::from_hours(h);
    match c.kind {
        Some(ActionKind::ThankYou | ActionKind::HandwrittenNote) => {
            if let Some(end) = c.interview_end {
                let end = end.timestamp();
                if sent > end + hours(48) {
                    f.push("timing", Severity::Warning, anchor(note), "this thank-you goes out more than two days after the interview; say thank you without dwelling on the delay".to_string(), Vec::new());
                } else if sent < end {
                    f.push(
                        "timing",
                        Severity::Warning,
                        anchor(note),
                        "this thank-you would be sent before the interview has ended".to_string(),
                        Vec::new(),
                    );
                }
            }
        }
        Some(ActionKind::CheckIn) => {
            if let Some(decision) = c.decision_expected_by {
                // Without the profile's zone here, a date-only decision date is taken in the
                // offset the draft is sent with.
                let zone = jiff::tz::TimeZone::fixed(
                    c.sent_at
                        .map(|m| m.offset())
                        .unwrap_or(jiff::tz::Offset::UTC),
                );
                if sent <= decision.deadline(&zone) {
                    f.push("timing", Severity::Warning, anchor(note), format!("the decision was expected by {decision}; checking in before then is too early"), Vec::new());
                }
            }
            if c.check_ins_sent.is_some_and(|n| n >= 2) {
                f.push(
                    "timing",
                    Severity::Warning,
                    anchor(note),
                    format!(
                        "{} check-ins have gone out already; one more is nagging",
                        c.check_ins_sent.unwrap_or(0)
                    ),
                    Vec::new(),
                );
            }
        }
        _ => {}
    }
}

// ---- grammar slips harper lets through -----------------------------------------------------

/// A slip: a sequence of lower-cased words and what it should be.
struct Slip {
    words: &'static [&'static str],
    fix: &'static str,
    why: &'static str,
}

const SLIPS: &[Slip] = &[
    Slip {
        words: &["look", "forward", "to", "hear"],
        fix: "look forward to hearing",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["looking", "forward", "to", "hear"],
        fix: "looking forward to hearing",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["look", "forward", "to", "meet"],
        fix: "look forward to meeting",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["look", "forward", "to", "speak"],
        fix: "look forward to speaking",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["look", "forward", "to", "work"],
        fix: "look forward to working",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["look", "forward", "to", "talk"],
        fix: "look forward to talking",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["look", "forward", "to", "join"],
        fix: "look forward to joining",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["looking", "forward", "to", "work"],
        fix: "looking forward to working",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["looking", "forward", "to", "speak"],
        fix: "looking forward to speaking",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["looking", "forward", "to", "meet"],
        fix: "looking forward to meeting",
        why: "\"look forward to\" takes the -ing form",
    },
    Slip {
        words: &["thank", "you", "for", "you", "time"],
        fix: "thank you for your time",
        why: "\"your\", not \"you\"",
    },
    Slip {
        words: &["thank", "you", "for", "time"],
        fix: "thank you for your time",
        why: "a word is missing",
    },
    Slip {
        words: &["thank", "you", "your", "time"],
        fix: "thank you for your time",
        why: "a word is missing",
    },
    Slip {
        words: &["thanks", "you", "for"],
        fix: "thank you for",
        why: "\"thank you\" or \"thanks\", not both",
    },
    Slip {
        words: &["thank", "for", "your"],
        fix: "thank you for your",
        why: "a word is missing",
    },
    Slip {
        words: &["your", "welcome"],
        fix: "you're welcome",
        why: "\"you're\" is \"you are\"",
    },
    Slip {
        words: &["could", "of"],
        fix: "could have",
        why: "\"could have\", not \"could of\"",
    },
    Slip {
        words: &["would", "of"],
        fix: "would have",
        why: "\"would have\", not \"would of\"",
    },
    Slip {
        words: &["should", "of"],
        fix: "should have",
        why: "\"should have\", not \"should of\"",
    },
    Slip {
        words: &["there", "team"],
        fix: "their team",
        why: "\"their\" is the possessive",
    },
    Slip {
        words: &["they're", "team"],
        fix: "their team",
        why: "\"their\" is the possessive",
    },
    Slip {
        words: &["there", "company"],
        fix: "their company",
        why: "\"their\" is the possessive",
    },
    Slip {
        words: &["their", "is"],
        fix: "there is",
        why: "\"there is\", not \"their is\"",
    },
    Slip {
        words: &["their", "are"],
        fix: "there are",
        why: "\"there are\", not \"their are\"",
    },
    Slip {
        words: &["its", "been"],
        fix: "it's been",
        why: "\"it's\" is \"it has\"",
    },
    Slip {
        words: &["its", "a", "pleasure"],
        fix: "it's a pleasure",
        why: "\"it's\" is \"it is\"",
    },
    Slip {
        words: &["it's", "team"],
        fix: "its team",
        why: "\"its\" is the possessive",
    },
    Slip {
        words: &["a", "opportunity"],
        fix: "an opportunity",
        why: "\"an\" before a vowel sound",
    },
    Slip {
        words: &["a", "interview"],
        fix: "an interview",
        why: "\"an\" before a vowel sound",
    },
    Slip {
        words: &["a", "update"],
        fix: "an update",
        why: "\"an\" before a vowel sound",
    },
    Slip {
        words: &["an", "great"],
        fix: "a great",
        why: "\"a\" before a consonant sound",
    },
    Slip {
        words: &["more", "then"],
        fix: "more than",
        why: "\"than\" compares",
    },
    Slip {
        words: &["rather", "then"],
        fix: "rather than",
        why: "\"than\" compares",
    },
    Slip {
        words: &["hope", "this", "email", "find", "you"],
        fix: "hope this email finds you",
        why: "\"this email finds\"",
    },
    Slip {
        words: &["hope", "this", "message", "find", "you"],
        fix: "hope this message finds you",
        why: "\"this message finds\"",
    },
    Slip {
        words: &["i", "am", "writing", "to", "following"],
        fix: "I am writing to follow",
        why: "\"to\" takes the plain verb here",
    },
    Slip {
        words: &["i", "wanted", "to", "following"],
        fix: "I wanted to follow",
        why: "\"to\" takes the plain verb here",
    },
    Slip {
        words: &["was", "great", "to", "met"],
        fix: "was great to meet",
        why: "\"to meet\", not \"to met\"",
    },
    Slip {
        words: &["nice", "to", "met"],
        fix: "nice to meet",
        why: "\"to meet\", not \"to met\"",
    },
    Slip {
        words: &["i", "has"],
        fix: "I have",
        why: "\"I have\", not \"I has\"",
    },
    Slip {
        words: &["we", "was"],
        fix: "we were",
        why: "\"we were\", not \"we was\"",
    },
    Slip {
        words: &["you", "was"],
        fix: "you were",
        why: "\"you were\", not \"you was\"",
    },
    Slip {
        words: &["i", "were", "excited"],
        fix: "I was excited",
        why: "\"I was\", not \"I were\"",
    },
    Slip {
        words: &["discuss", "about"],
        fix: "discuss",
        why: "\"discuss\" takes no \"about\"",
    },
    Slip {
        words: &["discussed", "about"],
        fix: "discussed",
        why: "\"discuss\" takes no \"about\"",
    },
    Slip {
        words: &["then", "ever"],
        fix: "than ever",
        why: "\"than\" compares",
    },
    Slip {
        words: &["loose", "touch"],
        fix: "lose touch",
        why: "\"lose\", not \"loose\"",
    },
    Slip {
        words: &["the", "the"],
        fix: "the",
        why: "a word is doubled",
    },
    Slip {
        words: &["to", "to"],
        fix: "to",
        why: "a word is doubled",
    },
    Slip {
        words: &["for", "for"],
        fix: "for",
        why: "a word is doubled",
    },
];

/// "talking with you was fun": after a preposition, "you" is an object and the verb belongs
/// to a longer subject, so "you was" is no slip there.
const PREPOSITIONS: &[&str] = &[
    "with", "to", "for", "about", "from", "at", "by", "like", "than", "beside", "meeting",
    "seeing", "thanking",
];

fn grammar_slips(note: &Note, f: &mut Findings) {
    let words = lower_words(note);
    for i in 0..words.len() {
        for slip in SLIPS {
            let n = slip.words.len();
            let object_first = matches!(slip.words.first(), Some(&"you" | &"we"))
                && i > 0
                && PREPOSITIONS.contains(&words[i - 1].0.as_str());
            if !object_first
                && i + n <= words.len()
                && slip
                    .words
                    .iter()
                    .zip(&words[i..i + n])
                    .all(|(s, (w, _))| s == w)
            {
                let span = words[i].1.start..words[i + n - 1].1.end;
                let found = note.source[span.clone()].to_string();
                f.push(
                    "grammar",
                    Severity::Warning,
                    span,
                    format!("\"{found}\": {}", slip.why),
                    vec![slip.fix.to_string()],
                );
            }
        }
    }
}
