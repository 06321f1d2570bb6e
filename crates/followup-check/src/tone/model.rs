//! The tone model at check time: the weights `build.rs` trained on `tone/train/`, read
//! straight from a sorted table (nothing to load), and a judgement of one sentence that names
//! the words that carried it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use super::features::{hashed_features, reassures, tokens};
use super::training::{CLASSES, THRESHOLD, softmax, verdict};

include!(concat!(env!("OUT_DIR"), "/tone_model.rs"));

/// The model's reading of a sentence it judged to have a tone problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// One of [`CLASSES`], never "clean".
    pub class: &'static str,
    pub probability: f32,
    /// Byte spans, in the sentence, of the words that weighed most, heaviest first.
    pub carriers: Vec<Range<usize>>,
}

/// A feature's weights: its slot is its hash's low bits, or the next taken one before a free
/// slot (the table `build.rs` lays out; a free slot holds 0).
fn weights(hash: u64) -> Option<&'static [f32; 6]> {
    let mask = WEIGHTS.len() - 1;
    let mut i = (hash as usize) & mask;
    loop {
        let (h, w) = &WEIGHTS[i];
        if *h == hash {
            return Some(w);
        }
        if *h == 0 {
            return None;
        }
        i = (i + 1) & mask;
    }
}

/// The probability of each class of [`CLASSES`] for a sentence.
pub fn probabilities(sentence: &str) -> [f32; 6] {
    let tokens = tokens(sentence);
    let mut score = BIAS;
    for (h, _) in hashed_features(sentence, &tokens) {
        if let Some(w) = weights(h) {
            for (s, w) in score.iter_mut().zip(w) {
                *s += w;
            }
        }
    }
    softmax(score)
}

/// The tone problem of a sentence, if the model sees one. A note is checked again after
/// every edit, and all but the edited sentence were judged a moment before, so judgements
/// are remembered per thread (a few thousand sentences, then forgotten all at once).
pub fn judge(sentence: &str) -> Option<Judgement> {
    thread_local! {
        static JUDGED: RefCell<HashMap<String, Option<Judgement>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = JUDGED.with(|j| j.borrow().get(sentence).cloned()) {
        return known;
    }
    let judged = judge_afresh(sentence);
    JUDGED.with(|j| {
        let mut j = j.borrow_mut();
        if j.len() >= 4096 {
            j.clear();
        }
        j.insert(sentence.to_string(), judged.clone());
    });
    judged
}

fn judge_afresh(sentence: &str) -> Option<Judgement> {
    let tokens = tokens(sentence);
    let found: Vec<(&[f32; 6], Range<usize>)> = hashed_features(sentence, &tokens)
        .into_iter()
        .filter_map(|(h, range)| weights(h).map(|w| (w, range)))
        .collect();
    let mut score = BIAS;
    for (w, _) in &found {
        for (s, w) in score.iter_mut().zip(*w) {
            *s += w;
        }
    }
    let p = softmax(score);
    let class = verdict(&p, THRESHOLD)?;
    // "I do not expect to hear before your decision date" names the decision and the date a
    // demand would, but says the opposite; the phrase rules read that, and so does this.
    if CLASSES[class] == "demanding" && reassures(&tokens) {
        return None;
    }
    let probability = p[class];
    // What a feature adds to this class over "clean" is what it did to the judgement.
    let mut weighed: Vec<(f32, Range<usize>)> = found
        .into_iter()
        .map(|(w, range)| (w[class] - w[0], range))
        .filter(|(lift, _)| *lift > 0.25)
        .collect();
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut carriers: Vec<Range<usize>> = Vec::new();
    for (_, range) in weighed {
        let (Some(first), Some(last)) = (
            tokens.get(range.start),
            tokens.get(range.end.saturating_sub(1)),
        ) else {
            continue;
        };
        // "if i" or "the" may weigh, but naming them explains nothing to the writer.
        let telling = tokens[range.clone()].iter().any(|t| {
            !t.function_word
                && !matches!(t.word.as_str(), "i" | "me" | "my" | "you" | "your" | "not")
        });
        if !telling {
            continue;
        }
        let span = first.span.start..last.span.end;
        if carriers
            .iter()
            .any(|c| c.start <= span.start && span.end <= c.end)
        {
            continue;
        }
        carriers.retain(|c| !(span.start <= c.start && c.end <= span.end));
        carriers.push(span);
        if carriers.len() == 3 {
            break;
        }
    }
    // A judgement no word carries is the corpus's proportions speaking, not the sentence.
    if carriers.is_empty() {
        return None;
    }
    Some(Judgement {
        class: CLASSES[class],
        probability,
        carriers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_what_the_build_put_in_it() {
        assert!(WEIGHTS.len().is_power_of_two());
        // The checker numbers a feature as the build numbered its name.
        let names = super::super::features::features("I really need this job");
        assert!(
            names
                .iter()
                .any(|f| weights(super::super::features::hash(&[&f.name])).is_some())
        );
        let taken = WEIGHTS.iter().filter(|(h, _)| *h != 0).count();
        assert!(taken > 1000, "{taken} features");
        assert!(
            WEIGHTS
                .iter()
                .filter(|(h, _)| *h != 0)
                .all(|(h, w)| weights(*h) == Some(w))
        );
    }

    #[test]
    fn a_needy_line_in_new_words_is_judged_needy_and_says_why() {
        let s = "honestly i would be lost without this offer, it would mean the world to me";
        let j = judge(s).expect("a judgement");
        assert_eq!(j.class, "desperate", "{j:?}");
        assert!(!j.carriers.is_empty());
    }

    #[test]
    fn a_warm_line_is_left_alone() {
        for s in [
            "Thank you for a thoughtful conversation about the billing migration.",
            "I'm not in any rush, so please take the time you need.",
            "Sorry for the mix-up with the calendar invite; the new time works well for me.",
        ] {
            assert_eq!(judge(s), None, "{s}: {:?}", probabilities(s));
        }
    }
}
