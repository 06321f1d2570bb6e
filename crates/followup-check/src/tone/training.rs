//! Training the tone model: a logistic regression over the classes of SPEC §4's tone rules
//! and "clean", fitted by stochastic gradient descent on the features of
//! [`super::features`]. Standard library only, deterministic: the build script trains the
//! model the checker ships from the corpus in `tone/train/`, so the weights never go stale.

use std::collections::HashMap;

/// The classes, "clean" first; the order is the order of every weight row.
pub const CLASSES: [&str; 6] = [
    "clean",
    "desperate",
    "demanding",
    "familiar",
    "defensive",
    "shouting",
];

/// How sure the model must be before a tone warning is worth the reader's attention: a
/// checker that cries wolf is soon ignored, so a sentence is flagged only when its tone is
/// much the likelier reading. Chosen by cross-validation on the training part
/// (`examples/tone_cv.rs`), never on the held-out part.
pub const THRESHOLD: f32 = 0.85;

/// The class a sentence is flagged for, from its class probabilities: `None` for clean. The
/// gate is how unlikely "clean" is, not how likely one tone is, so a sentence torn between
/// needy and self-critical is still flagged, for the likelier of the two.
pub fn verdict(p: &[f32; 6], threshold: f32) -> Option<usize> {
    if 1.0 - p[0] < threshold {
        return None;
    }
    (1..p.len()).max_by(|a, b| p[*a].total_cmp(&p[*b]))
}

/// How the fit is made; the defaults are what the shipped model uses.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub epochs: usize,
    pub rate: f32,
    /// Weight decay per step, which keeps rare words from deciding alone.
    pub l2: f32,
    /// A feature seen fewer times in training is left out of the model.
    pub min_count: usize,
    /// How much a clean example counts against a toned one: most sentences of a real note
    /// are clean, and a false alarm costs the user's trust.
    pub clean_weight: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 40,
            rate: 0.2,
            l2: 3e-3,
            min_count: 2,
            clean_weight: 1.0,
        }
    }
}

/// A fitted model: a bias per class and a weight per class for each feature kept.
#[derive(Clone, Debug, Default)]
pub struct Trained {
    pub bias: [f32; 6],
    /// Sorted by feature name, for a binary search at check time.
    pub weights: Vec<(String, [f32; 6])>,
}

impl Trained {
    /// The probability of each class for a sentence with these features.
    pub fn probabilities<'a>(&self, features: impl IntoIterator<Item = &'a str>) -> [f32; 6] {
        let mut score = self.bias;
        for name in features {
            if let Ok(i) = self.weights.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
                for (s, w) in score.iter_mut().zip(self.weights[i].1) {
                    *s += w;
                }
            }
        }
        softmax(score)
    }
}

pub fn softmax(score: [f32; 6]) -> [f32; 6] {
    let top = score.iter().copied().fold(f32::MIN, f32::max);
    let mut p = score.map(|s| (s - top).exp());
    let sum: f32 = p.iter().sum();
    for x in &mut p {
        *x /= sum;
    }
    p
}

/// Whether a corpus file holds sentences of `class`: `CLASS.txt`, or `CLASS-PART.txt` for a
/// part added later ("clean-2.txt", "clean-drafts.txt").
pub fn is_file_of(class: &str, file_name: &str) -> bool {
    file_name.strip_prefix(class).is_some_and(|rest| {
        rest == ".txt"
            || rest
                .strip_prefix('-')
                .and_then(|r| r.strip_suffix(".txt"))
                .is_some_and(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
    })
}

/// Reads a corpus file: one example a line; blank lines and lines starting with `#` are
/// skipped.
pub fn examples(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Fits the model to examples given as (class index, feature names).
pub fn train(examples: &[(usize, Vec<String>)], settings: Settings) -> Trained {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, features) in examples {
        for f in features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= settings.min_count)
        .map(|(name, _)| *name)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let rows: Vec<(usize, Vec<usize>)> = examples
        .iter()
        .map(|(class, features)| {
            let ids = features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            (*class, ids)
        })
        .collect();

    let mut weights = vec![[0f32; 6]; names.len()];
    let mut bias = [0f32; 6];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // A fixed xorshift seed: the same corpus always gives the same model.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let rate = settings.rate / (1.0 + epoch as f32 * 0.1);
        for &r in &order {
            let (class, ids) = &rows[r];
            let mut score = bias;
            for &f in ids {
                for (s, w) in score.iter_mut().zip(weights[f]) {
                    *s += w;
                }
            }
            let p = softmax(score);
            let weight = if *class == 0 {
                settings.clean_weight
            } else {
                1.0
            };
            for k in 0..6 {
                let gradient = weight * (p[k] - if k == *class { 1.0 } else { 0.0 });
                bias[k] -= rate * gradient;
                for &f in ids {
                    let w = &mut weights[f][k];
                    *w -= rate * (gradient + settings.l2 * *w);
                }
            }
        }
    }
    Trained {
        bias,
        weights: names
            .into_iter()
            .zip(weights)
            .map(|(n, w)| (n.to_string(), w))
            .collect(),
    }
}
