//! Spelling and grammar by harper-core, behind one crate so nothing else rebuilds its weight.
//!
//! The dictionary is loaded once per process and shared; a lint group is built per dialect
//! in use (American from the start, another when a note in that dialect first comes). Only the lint
//! rules that matter in a short professional note run (see `rules.rs`), and a note is checked
//! a sentence at a time: a sentence seen before keeps its findings, so re-checking a note
//! after an edit costs only the sentences that changed. Words the context knows (names, the
//! company, the user's own notes) are never misspelled.

mod curated;
mod grammar;
mod rules;
mod segments;
mod spelling;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, mpsc};

use followup_check::{Language, LanguageFinding};
use harper_core::linting::{LintGroup, LintKind, Linter, Suggestion};
use harper_core::spell::{Dictionary, FstDictionary};
use harper_core::{Dialect, Document};

pub use curated::Curated;
pub use rules::KEPT_RULES;
pub use segments::sentences;

/// harper's curated English with the rules we keep, loaded on first use.
pub struct Harper {
    dictionary: Arc<Curated>,
    engine: Mutex<Engine>,
    suggestions: Mutex<spelling::Suggestions>,
    /// Threads with lint groups of their own, which check part of a note's new sentences;
    /// started only for a long-lived process, since a one-note process would only wait for
    /// them to load.
    helpers: OnceLock<Vec<Helper>>,
}

/// What this thread checks with: a lint group and its findings per dialect, since harper's
/// rules and dictionary flags differ between them.
struct Engine {
    dialects: HashMap<Dialect, (LintGroup, PieceCache)>,
    dictionary: Arc<Curated>,
}

impl Engine {
    fn new(dictionary: Arc<Curated>) -> Engine {
        let mut dialects = HashMap::new();
        dialects.insert(
            Dialect::American,
            (lean_group(dictionary.clone()), PieceCache::default()),
        );
        Engine {
            dialects,
            dictionary,
        }
    }

    fn dialect(&mut self, dialect: Dialect) -> &mut (LintGroup, PieceCache) {
        let dictionary = &self.dictionary;
        self.dialects.entry(dialect).or_insert_with(|| {
            (
                lean_group_for(dictionary.clone(), dialect),
                PieceCache::default(),
            )
        })
    }
}

/// harper's name for one of our dialects.
pub fn harper_dialect(dialect: followup_core::Dialect) -> Dialect {
    match dialect {
        followup_core::Dialect::American => Dialect::American,
        followup_core::Dialect::British => Dialect::British,
        followup_core::Dialect::Canadian => Dialect::Canadian,
        followup_core::Dialect::Australian => Dialect::Australian,
        followup_core::Dialect::Indian => Dialect::Indian,
    }
}

impl Harper {
    /// The shared engine; the first call pays for loading harper (about half a second).
    pub fn shared() -> &'static Harper {
        static ENGINE: OnceLock<Harper> = OnceLock::new();
        ENGINE.get_or_init(|| {
            // The dictionary is most of harper's start-up. It loads on a thread of its own
            // while the rules are built here, until the first rule that needs it waits.
            std::thread::spawn(FstDictionary::curated);
            let dictionary = Arc::new(Curated::default());
            Harper {
                engine: Mutex::new(Engine::new(dictionary.clone())),
                dictionary,
                suggestions: Mutex::default(),
                helpers: OnceLock::new(),
            }
        })
    }

    /// The shared engine with helper threads that have built their lint groups, for a
    /// long-lived process (the web app, a benchmark) that checks many notes: one thread per
    /// further core, up to four in all, so a fresh note's sentences are checked side by side.
    pub fn shared_and_ready() -> &'static Harper {
        let engine = Harper::shared();
        let helpers = engine.helpers.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            (1..cores.min(4))
                .filter_map(|_| Helper::start(engine.dictionary.clone()))
                .collect()
        });
        for helper in helpers {
            helper.wait_ready();
        }
        engine
    }

    /// Starts loading the shared engine on a thread of its own, so that a process can do its
    /// other work (reading the store, writing a draft) while harper loads; and meanwhile
    /// prepares what harper keeps per thread (its tagger's caches, the automaton for
    /// spelling suggestions) on this thread, which should be the one that checks.
    pub fn warm_up() {
        std::thread::spawn(|| {
            Harper::shared();
        });
        // Neither needs the curated dictionary, so an empty one serves.
        let empty = FstDictionary::new(Vec::new());
        drop(Document::new_plain_english(
            "Thank you for your time.",
            &empty,
        ));
        drop(empty.fuzzy_match_str("time", 2, 1));
    }
}

/// harper's curated group for American English with only [`KEPT_RULES`] switched on.
pub fn lean_group(dictionary: Arc<impl Dictionary + 'static>) -> LintGroup {
    lean_group_for(dictionary, Dialect::American)
}

/// harper's curated group for `dialect` with only [`KEPT_RULES`] switched on.
pub fn lean_group_for(dictionary: Arc<impl Dictionary + 'static>, dialect: Dialect) -> LintGroup {
    let mut group = LintGroup::new_curated(dictionary, dialect);
    group.set_all_rules_to(Some(false));
    for rule in KEPT_RULES {
        group.config.set_rule_enabled(*rule, true);
    }
    group
}

/// The first word of a sentence typed in lower case, with its capitalised form: only for a
/// whole sentence (ending in a full stop, a question or an exclamation mark) whose first word
/// has no capitals of its own inside ("iPhone", "eBay").
fn lower_case_start(piece: &str, dictionary: &impl Dictionary) -> Option<(Range<usize>, String)> {
    let trimmed = piece.trim_end();
    if !trimmed.ends_with(['.', '!', '?']) || trimmed.ends_with("..") {
        return None;
    }
    let end = piece
        .find(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .unwrap_or(piece.len());
    let word = &piece[..end];
    let first = word.chars().next()?;
    if !first.is_lowercase()
        || word.contains(['@', '/'])
        || piece[end..].starts_with(['@', '.', '/', ':'])
    {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let inner_capitals = dictionary
        .get_correct_capitalizations_of(&chars)
        .any(|form| form.iter().skip(1).any(|c| c.is_uppercase()));
    if inner_capitals || !dictionary.contains_word(&chars) {
        return None;
    }
    let capital: String = first.to_uppercase().chain(word.chars().skip(1)).collect();
    Some((0..end, capital))
}

/// One harper finding in a piece of text, before the context's known words are applied.
struct PieceFinding {
    kind: LintKind,
    grammar: bool,
    /// A word the dictionary lacks, whose message and suggestions are made once the
    /// context's known words are set aside (harper's own spelling advice on set phrases
    /// comes with both).
    unknown_word: bool,
    /// An unknown word the dictionary holds in another dialect ("colour" in American).
    other_dialect: bool,
    /// Bytes within the piece.
    span: Range<usize>,
    message: String,
    suggestions: Vec<String>,
}

type Findings = Arc<[PieceFinding]>;

/// Findings by piece text, in two generations: when the newer fills up it becomes the older
/// and the oldest is dropped, so pieces in use stay and memory stays bounded.
#[derive(Default)]
struct PieceCache {
    current: HashMap<String, Findings>,
    previous: HashMap<String, Findings>,
}

impl PieceCache {
    const GENERATION: usize = 4096;

    fn get(&mut self, piece: &str) -> Option<Findings> {
        if let Some(found) = self.current.get(piece) {
            return Some(found.clone());
        }
        let (piece, found) = self.previous.remove_entry(piece)?;
        self.insert(piece, found.clone());
        Some(found)
    }

    fn insert(&mut self, piece: String, found: Findings) {
        if self.current.len() >= Self::GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(piece, found);
    }
}

/// harper's findings in one piece, kept to the kinds a note should hear about; `group` was
/// built for `dialect`.
fn lint_piece(
    group: &mut LintGroup,
    dictionary: &impl Dictionary,
    dialect: Dialect,
    piece: &str,
) -> Findings {
    let document = Document::new_plain_english(piece, dictionary);
    // harper counts in characters; findings are in bytes.
    let bytes: Vec<usize> = piece
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(piece.len()))
        .collect();
    let at = |c: usize| bytes[c.min(bytes.len() - 1)];
    let misspelled = spelling::unknown_words(&document, dictionary, dialect)
        .into_iter()
        .map(|unknown| PieceFinding {
            kind: LintKind::Spelling,
            grammar: false,
            unknown_word: true,
            other_dialect: unknown.other_dialect,
            span: at(unknown.span.start)..at(unknown.span.end),
            message: String::new(),
            suggestions: Vec::new(),
        });
    let lints = group.lint(&document);
    // harper lets a lone sentence of a few words start in lower case, taking it for a
    // heading; a note is checked a sentence at a time, so "is that right?" needs this.
    let lower_start = lower_case_start(piece, dictionary)
        .filter(|_| {
            !lints
                .iter()
                .any(|l| l.lint_kind == LintKind::Capitalization && l.span.start == 0)
        })
        .map(|(span, capital)| PieceFinding {
            kind: LintKind::Capitalization,
            grammar: true,
            unknown_word: false,
            other_dialect: false,
            span,
            message: "This sentence does not start with a capital letter".into(),
            suggestions: vec![capital],
        });
    lints
        .into_iter()
        .map(|lint| {
            // Every kept rule was chosen for a mistake a careful adult can make, so its
            // findings count whatever kind harper files them under (a/an under
            // "miscellaneous", "more better" under "redundancy", "i" under "capitalization").
            let grammar = lint.lint_kind != LintKind::Spelling;
            let span = at(lint.span.start)..at(lint.span.end);
            let original = &piece[span.clone()];
            PieceFinding {
                kind: lint.lint_kind,
                grammar,
                unknown_word: false,
                other_dialect: false,
                suggestions: lint
                    .suggestions
                    .iter()
                    .map(|s| suggestion_text(s, original))
                    .filter(|s| !s.is_empty())
                    .take(3)
                    .collect(),
                span,
                message: lint.message,
            }
        })
        .chain(misspelled)
        .chain(lower_start)
        .chain(
            grammar::slips(&document, dictionary)
                .into_iter()
                .map(|slip| PieceFinding {
                    kind: LintKind::Grammar,
                    grammar: true,
                    unknown_word: false,
                    other_dialect: false,
                    span: at(slip.span.start)..at(slip.span.end),
                    message: slip.message,
                    suggestions: vec![slip.suggestion],
                }),
        )
        .collect()
}

/// Pieces to check, and where to send their findings in the same order.
struct Job {
    dialect: Dialect,
    pieces: Vec<String>,
    reply: mpsc::Sender<Vec<Findings>>,
}

/// A thread that keeps a lint group of its own (harper's tagger caches are per thread, so
/// the thread lives as long as the process).
struct Helper {
    jobs: mpsc::Sender<Job>,
    ready: Arc<Readiness>,
}

/// Whether a helper has built its lint group, and a way to wait for it.
#[derive(Default)]
struct Readiness {
    ready: AtomicBool,
    lock: Mutex<()>,
    signal: Condvar,
}

/// Marks a helper ready when dropped, whether its thread warmed up or panicked doing so.
struct Announce(Arc<Readiness>);

impl Drop for Announce {
    fn drop(&mut self) {
        {
            let _guard = self.0.lock.lock().unwrap_or_else(|p| p.into_inner());
            self.0.ready.store(true, Ordering::Release);
        }
        self.0.signal.notify_all();
    }
}

impl Helper {
    fn start(dictionary: Arc<Curated>) -> Option<Helper> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let ready = Arc::new(Readiness::default());
        let flag = ready.clone();
        std::thread::Builder::new()
            .name("harper-helper".into())
            .spawn(move || {
                // Ready when warmed, or when building failed: a thread that died takes no
                // jobs, and its share falls back to the caller, so nobody waits forever.
                let announce = Announce(flag);
                let mut engine = Engine::new(dictionary.clone());
                // The first sentence a thread parses loads harper's tagger; do it now.
                let (group, _) = engine.dialect(Dialect::American);
                lint_piece(group, &*dictionary, Dialect::American, "Thank you.");
                drop(announce);
                for job in inbox {
                    let (group, _) = engine.dialect(job.dialect);
                    let found = job
                        .pieces
                        .iter()
                        .map(|p| lint_piece(group, &*dictionary, job.dialect, p))
                        .collect();
                    // The caller may have given up waiting; nothing to do then.
                    let _ = job.reply.send(found);
                }
            })
            .ok()?;
        Some(Helper { jobs, ready })
    }

    fn is_ready(&self) -> bool {
        self.ready.ready.load(Ordering::Acquire)
    }

    fn wait_ready(&self) {
        let mut guard = self.ready.lock.lock().unwrap_or_else(|p| p.into_inner());
        while !self.is_ready() {
            guard = self
                .ready
                .signal
                .wait(guard)
                .unwrap_or_else(|p| p.into_inner());
        }
    }
}

impl Harper {
    /// The findings of every piece, from the cache or checked now, new pieces shared out
    /// between this thread and the helpers that are ready.
    fn findings(&self, engine: &mut Engine, dialect: Dialect, pieces: &[&str]) -> Vec<Findings> {
        let (group, cache) = engine.dialect(dialect);
        let mut found: Vec<Option<Findings>> = pieces.iter().map(|p| cache.get(p)).collect();
        let mut new: Vec<&str> = pieces
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(p, _)| *p)
            .collect();
        new.sort_unstable();
        new.dedup();
        // Longest first to whoever has the least to do, so all finish near together.
        new.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let ready: Vec<&Helper> = self
            .helpers
            .get()
            .into_iter()
            .flatten()
            .filter(|h| h.is_ready())
            .collect();
        let mut shares: Vec<(usize, Vec<&str>)> = vec![(0, Vec::new()); ready.len() + 1];
        for piece in new {
            let lightest = shares
                .iter_mut()
                .min_by_key(|(load, _)| *load)
                .expect("there is always this thread's share");
            lightest.0 += piece.len();
            lightest.1.push(piece);
        }
        let mut replies = Vec::new();
        for (helper, (_, share)) in ready.iter().zip(&shares[1..]) {
            if share.is_empty() {
                continue;
            }
            let (reply, answer) = mpsc::channel();
            let job = Job {
                dialect,
                pieces: share.iter().map(|p| p.to_string()).collect(),
                reply,
            };
            if helper.jobs.send(job).is_ok() {
                replies.push((share, Some(answer)));
            } else {
                replies.push((share, None));
            }
        }
        let mut checked: HashMap<&str, Findings> = HashMap::new();
        for piece in &shares[0].1 {
            let f = lint_piece(group, &*self.dictionary, dialect, piece);
            checked.insert(piece, f);
        }
        for (share, answer) in replies {
            match answer.and_then(|a| a.recv().ok()) {
                Some(results) => checked.extend(share.iter().copied().zip(results)),
                // A helper that stopped (harper panicked there) leaves its share to us.
                None => {
                    for piece in share {
                        let f = lint_piece(group, &*self.dictionary, dialect, piece);
                        checked.insert(piece, f);
                    }
                }
            }
        }
        for (piece, f) in &checked {
            cache.insert(piece.to_string(), f.clone());
        }
        pieces
            .iter()
            .zip(found.iter_mut())
            .map(|(p, f)| f.take().unwrap_or_else(|| checked[p].clone()))
            .collect()
    }
}

/// Singular nouns ending in s, which harper's agreement rules can take for plurals.
const SINGULAR_IN_S: &[&str] = &[
    "news",
    "series",
    "means",
    "analytics",
    "logistics",
    "economics",
    "mathematics",
    "physics",
    "statistics",
    "politics",
    "ethics",
    "species",
    "headquarters",
];

/// Words of working life that harper's dictionary lacks but careful notes use.
const WORKPLACE_WORDS: &[&str] = &[
    "copyediting",
    "copyeditor",
    "onboarding",
    "offboarding",
    "upskilling",
    "reskilling",
    "stakeholder",
    "stakeholders",
    "roadmap",
    "roadmaps",
    "backend",
    "frontend",
    "fullstack",
    "dataset",
    "datasets",
    "workflow",
    "workflows",
    "teammate",
    "teammates",
    "internship",
    "internships",
    "fintech",
    "healthtech",
    "edtech",
    "proofreading",
    "scalability",
    "anonymised",
    "anonymized",
    "syllabi",
    "intercompany",
];

/// Words harper's dictionary gives to one English only, though every English writes them
/// both ways ("afterwards" is as American as "afterward"): no dialect finding for these.
const EITHER_WAY: &[&str] = &[
    "afterward",
    "afterwards",
    "toward",
    "towards",
    "backward",
    "backwards",
    "forward",
    "forwards",
    "upward",
    "upwards",
    "downward",
    "downwards",
    "onward",
    "onwards",
    "inward",
    "inwards",
    "outward",
    "outwards",
    "among",
    "amongst",
];

fn suggestion_text(s: &Suggestion, original: &str) -> String {
    match s {
        Suggestion::ReplaceWith(chars) => chars.iter().collect(),
        Suggestion::InsertAfter(chars) => format!("{original}{}", chars.iter().collect::<String>()),
        Suggestion::Remove => String::new(),
    }
}

impl Language for Harper {
    fn lint(&self, text: &str, known: &[String]) -> Vec<LanguageFinding> {
        self.lint_in(text, known, None)
    }

    fn lint_in(
        &self,
        text: &str,
        known: &[String],
        wanted: Option<followup_core::Dialect>,
    ) -> Vec<LanguageFinding> {
        // Without a dialect any English spelling is right; American is checked, and words
        // of the other dialects are let through below.
        let dialect = wanted.map_or(Dialect::American, harper_dialect);
        let ranges = sentences(text);
        let pieces: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        let found = {
            let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
            self.findings(&mut engine, dialect, &pieces)
        };
        let mut out = Vec::new();
        for ((range, piece), findings) in ranges.iter().zip(&pieces).zip(&found) {
            for finding in findings.iter() {
                let original = &piece[finding.span.clone()];
                // A word spelled the way another English spells it, when a dialect was asked
                // for and the dialect has its own spelling of it ("colour" → "color").
                let twin = match wanted {
                    Some(d)
                        if finding.other_dialect
                            && !Self::is_known(original, known)
                            && !EITHER_WAY.iter().any(|w| w.eq_ignore_ascii_case(original)) =>
                    {
                        self.suggestions
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .twin(original, &*self.dictionary, dialect)
                            .map(|twin| (d, twin))
                    }
                    _ => None,
                };
                // "italian", "london": a word the dictionary has only with a capital; but
                // not a part of a hyphenated word ("eco-friendly").
                let hyphenated = piece[..finding.span.start].ends_with('-')
                    || piece[finding.span.end..].starts_with('-');
                let capital = (finding.unknown_word
                    && twin.is_none()
                    && !hyphenated
                    && !Self::is_known(original, known))
                .then(|| self.capitalised_only(original))
                .flatten();
                if twin.is_none() && capital.is_none() && self.is_noise(finding, original, known) {
                    continue;
                }
                let (message, suggestions) = if let Some(capital) = capital {
                    let mut suggestions = vec![capital.clone()];
                    // "yong" may be the name Yong, or "young" mistyped.
                    suggestions.extend(
                        self.suggestions
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .for_word(original, &*self.dictionary, dialect)
                            .into_iter()
                            .filter(|s| {
                                // Two letters are a slip from too many words to guess.
                                original.chars().count() > 2
                                    && !s.chars().any(char::is_uppercase)
                                    && spelling::one_slip_from(original, s)
                            }),
                    );
                    suggestions.truncate(3);
                    (
                        spelling::capital_message(original, &suggestions),
                        suggestions,
                    )
                } else if let Some((d, twin)) = &twin {
                    (
                        spelling::other_dialect_message(original, *d, twin),
                        vec![twin.clone()],
                    )
                } else if !finding.unknown_word {
                    (finding.message.clone(), finding.suggestions.clone())
                } else {
                    let suggestions = self
                        .suggestions
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .for_word(original, &*self.dictionary, dialect);
                    (spelling::message(original, &suggestions), suggestions)
                };
                let other_dialect = twin.is_some();
                out.push(LanguageFinding {
                    grammar: finding.grammar,
                    other_dialect,
                    span: range.start + finding.span.start..range.start + finding.span.end,
                    message,
                    suggestions,
                });
            }
        }
        out
    }
}

impl Harper {
    /// Whether the context knows the word (a name, the company, the user's own notes).
    fn is_known(original: &str, known: &[String]) -> bool {
        let bare = original.trim_end_matches("'s").trim_end_matches("’s");
        known
            .iter()
            .any(|k| k.eq_ignore_ascii_case(original) || k.eq_ignore_ascii_case(bare))
    }

    /// How the dictionary writes a word typed all in lower case, when it knows the word only
    /// with capitals ("italian" → "Italian", "linkedin" → "LinkedIn").
    fn capitalised_only(&self, original: &str) -> Option<String> {
        if original.chars().any(|c| !c.is_lowercase()) {
            return None;
        }
        let chars: Vec<char> = original.chars().collect();
        let mut forms = self.dictionary.get_correct_capitalizations_of(&chars);
        let first: String = forms.next()?.iter().collect();
        let all_capitalised = first.chars().any(char::is_uppercase)
            && forms.all(|f| f.iter().any(|c| c.is_uppercase()));
        all_capitalised.then_some(first)
    }

    /// Advice about a word the context knows (a name, a term from the user's own notes, a
    /// trade word), or to split a word in two, is noise: "Iyer" is not "I yer".
    fn is_noise(&self, finding: &PieceFinding, original: &str, known: &[String]) -> bool {
        let single_word = !original.contains(char::is_whitespace);
        if finding.grammar {
            // "Is there any news", "a series of talks": singular nouns that end in s are
            // no disagreement in number.
            if finding.kind == LintKind::Agreement
                && original
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| SINGULAR_IN_S.iter().any(|s| s.eq_ignore_ascii_case(w)))
            {
                return true;
            }
            return single_word
                && (known.iter().any(|k| k.eq_ignore_ascii_case(original))
                    || WORKPLACE_WORDS
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(original))
                    || finding.kind == LintKind::BoundaryError);
        }
        let bare = original.trim_end_matches("'s").trim_end_matches("’s");
        // Names and the user's own words are spelled as the user knows them; and a word the
        // dictionary holds in another dialect ("afterwards") is no typo: one with a twin in
        // the dialect asked for was reported before this is asked.
        Self::is_known(original, known)
            || WORKPLACE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(bare))
            || (finding.unknown_word && self.dictionary.contains_word_str(original))
    }
}
