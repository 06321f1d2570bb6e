//! Bare harper-core as a whole process, for timing `followup check` against: its curated
//! dictionary and default lint group, one note from a file, the number of lints printed.

use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_harper NOTE.txt");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let dictionary = FstDictionary::curated();
    let mut group = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    let document = Document::new_plain_english(&text, &*dictionary);
    println!("{}", group.lint(&document).len());
}
