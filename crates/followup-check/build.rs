//! Trains the tone model from the corpus in `tone/train/` and writes its weights as Rust
//! source for `src/tone/model.rs` to include, so the shipped model is always the corpus's.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/tone/features.rs"]
mod features;
#[allow(dead_code)]
#[path = "src/tone/training.rs"]
mod training;

fn main() {
    let corpus = Path::new("tone/train");
    println!("cargo::rerun-if-changed=tone/train");
    println!("cargo::rerun-if-changed=src/tone/features.rs");
    println!("cargo::rerun-if-changed=src/tone/training.rs");
    let mut files: Vec<_> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("the tone corpus is {}: {e}", corpus.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let mut examples = Vec::new();
    for (class, name) in training::CLASSES.iter().enumerate() {
        let mut found = false;
        for path in &files {
            let file_name = path.file_name().unwrap().to_string_lossy();
            if !training::is_file_of(name, &file_name) {
                continue;
            }
            found = true;
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            for line in training::examples(&text) {
                let names = features::features(line)
                    .into_iter()
                    .map(|f| f.name)
                    .collect();
                examples.push((class, names));
            }
        }
        assert!(
            found,
            "the tone corpus has no {name}.txt in {}",
            corpus.display()
        );
    }
    let model = training::train(&examples, training::Settings::default());
    let mut out = String::new();
    writeln!(
        out,
        "// Trained by build.rs on {} sentences.",
        examples.len()
    )
    .unwrap();
    writeln!(out, "#[allow(clippy::approx_constant)]").unwrap();
    writeln!(out, "pub static BIAS: [f32; 6] = {:?};", model.bias).unwrap();
    // Each feature by the number `features::hash` gives its name, in an open-addressed table
    // twice the size needed (a slot is the hash's low bits, then the next free one), so the
    // checker finds a feature in a probe or two with nothing built at start-up. Weights too
    // small to move a judgement are left out; the rest keep four places.
    let rows: Vec<(u64, &[f32; 6])> = model
        .weights
        .iter()
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= 0.005))
        .map(|(name, w)| (features::hash(&[name]), w))
        .collect();
    let size = (rows.len() * 2).next_power_of_two();
    let mut slots: Vec<Option<(u64, &[f32; 6])>> = vec![None; size];
    for (h, w) in rows {
        let mut i = (h as usize) & (size - 1);
        while slots[i].is_some() {
            i = (i + 1) & (size - 1);
        }
        slots[i] = Some((h, w));
    }
    // Weights that happen to round to a famous constant are weights, not that constant.
    writeln!(out, "#[allow(clippy::approx_constant)]").unwrap();
    writeln!(out, "pub static WEIGHTS: [(u64, [f32; 6]); {size}] = [").unwrap();
    for slot in slots {
        match slot {
            Some((h, w)) => {
                let w: Vec<String> = w.iter().map(|x| format!("{x:.4}")).collect();
                writeln!(out, "    ({h:#018x}, [{}]),", w.join(", ")).unwrap();
            }
            None => writeln!(out, "    (0, [0.0; 6]),").unwrap(),
        }
    }
    writeln!(out, "];").unwrap();
    let path = Path::new(&std::env::var("OUT_DIR").unwrap()).join("tone_model.rs");
    std::fs::write(path, out).unwrap();
}
