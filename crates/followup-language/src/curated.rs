//! harper's curated dictionary behind a handle that reaches it only when first asked, so that
//! harper's rules can be built on one thread while the dictionary loads on another.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use harper_core::DictWordMetadata;
use harper_core::spell::{CanonicalWordId, Dictionary, FstDictionary, FuzzyMatchResult};

/// The process's one curated dictionary, reached on first use.
#[derive(Default)]
pub struct Curated {
    inner: OnceLock<Arc<FstDictionary>>,
}

impl Curated {
    /// The dictionary itself, waiting for it if another thread is still loading it.
    pub fn get(&self) -> &FstDictionary {
        self.inner.get_or_init(FstDictionary::curated)
    }
}

impl Dictionary for Curated {
    fn contains_word(&self, word: &[char]) -> bool {
        self.get().contains_word(word)
    }

    fn contains_word_str(&self, word: &str) -> bool {
        self.get().contains_word_str(word)
    }

    fn contains_exact_word(&self, word: &[char]) -> bool {
        self.get().contains_exact_word(word)
    }

    fn contains_exact_word_str(&self, word: &str) -> bool {
        self.get().contains_exact_word_str(word)
    }

    fn fuzzy_match(
        &'_ self,
        word: &[char],
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        self.get().fuzzy_match(word, max_distance, max_results)
    }

    fn fuzzy_match_str(
        &'_ self,
        word: &str,
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        self.get().fuzzy_match_str(word, max_distance, max_results)
    }

    fn get_correct_capitalization_of(&self, word: &[char]) -> Option<&'_ [char]> {
        self.get().get_correct_capitalization_of(word)
    }

    fn get_correct_capitalizations_of(
        &self,
        word: &[char],
    ) -> Box<dyn Iterator<Item = &[char]> + Send + '_> {
        self.get().get_correct_capitalizations_of(word)
    }

    fn get_word_metadata(&self, word: &[char]) -> Option<Cow<'_, DictWordMetadata>> {
        self.get().get_word_metadata(word)
    }

    fn get_word_metadata_str(&self, word: &str) -> Option<Cow<'_, DictWordMetadata>> {
        self.get().get_word_metadata_str(word)
    }

    fn get_word_metadata_exact(&self, word: &[char]) -> Option<&DictWordMetadata> {
        self.get().get_word_metadata_exact(word)
    }

    fn words_iter(&self) -> Box<dyn Iterator<Item = &'_ [char]> + Send + '_> {
        self.get().words_iter()
    }

    fn word_count(&self) -> usize {
        self.get().word_count()
    }

    fn get_word_from_id(&self, id: &CanonicalWordId) -> Option<&[char]> {
        self.get().get_word_from_id(id)
    }

    fn find_words_with_prefix(&self, prefix: &[char]) -> Vec<Cow<'_, [char]>> {
        self.get().find_words_with_prefix(prefix)
    }

    fn find_words_with_common_prefix(&self, word: &[char]) -> Vec<Cow<'_, [char]>> {
        self.get().find_words_with_common_prefix(word)
    }
}
