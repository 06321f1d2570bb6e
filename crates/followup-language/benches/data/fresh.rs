//! Fresh copies of the benchmark note: every number moved by a seed, and every clause of the
//! note holds a number, so no sentence or clause is in any of harper's caches or ours.

/// The 221-word thank-you note the benchmarks check.
pub const NOTE: &str = include_str!("thank-you.txt");

/// `text` with every number moved by `seed` thousand.
pub fn fresh(text: &str, seed: u64) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let number: u64 = digits.parse().unwrap_or(0);
            out.push_str(&(number + seed * 1000).to_string());
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}
