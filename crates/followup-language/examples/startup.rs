//! Where harper's start-up goes, piece by piece, in a fresh process.

use std::time::Instant;

use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::{FstDictionary, MutableDictionary};
use harper_core::{Dialect, Document};

fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("a note file")).unwrap();
    let t = Instant::now();
    let mutable = MutableDictionary::curated();
    eprintln!("word list and annotations expanded: {:?}", t.elapsed());
    let t = Instant::now();
    let _fst: FstDictionary = (*mutable).clone().into();
    eprintln!("fst built from them: {:?}", t.elapsed());
    let t = Instant::now();
    let dictionary = FstDictionary::curated();
    eprintln!("curated (again, whole): {:?}", t.elapsed());
    let t = Instant::now();
    let doc = Document::new_plain_english("Hello there.", &*dictionary);
    eprintln!("first tiny document (tagger, chunker): {:?}", t.elapsed());
    let _ = doc;
    let t = Instant::now();
    let _trie = harper_core::spell::TrieDictionary::curated();
    eprintln!("trie for SplitWords: {:?}", t.elapsed());
    let t = Instant::now();
    let mut group = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    eprintln!("lint group: {:?}", t.elapsed());
    let t = Instant::now();
    let doc = Document::new_plain_english(&text, &*dictionary);
    eprintln!("parse note: {:?}", t.elapsed());
    let t = Instant::now();
    let lints = group.lint(&doc);
    eprintln!("lint note: {:?} ({} lints)", t.elapsed(), lints.len());
}
