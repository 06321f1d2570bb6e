//! A series of counts as one line of block characters, for terminals and plain-text summaries.

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One block per value, scaled so the largest value is `█`; zero is always `▁`.
///
/// Any non-zero value is at least `▂`, so a single follow-up in a busy quarter still shows up
/// instead of looking like an empty week. Empty input gives an empty string; all zeros give
/// all `▁`.
pub fn sparkline(values: &[u32]) -> String {
    let max = u64::from(values.iter().copied().max().unwrap_or(0));
    values
        .iter()
        .map(|&value| {
            let value = u64::from(value);
            if value == 0 {
                return BLOCKS[0];
            }
            let top = (BLOCKS.len() - 1) as u64;
            // Rounded to the nearest level; widened to u64 so u32::MAX cannot overflow.
            let level = (value * top + max / 2) / max;
            BLOCKS[level.max(1) as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_zero_and_scaled() {
        assert_eq!(sparkline(&[]), "");
        assert_eq!(sparkline(&[0, 0, 0]), "▁▁▁");
        assert_eq!(sparkline(&[0, 1, 2, 3, 4, 5, 6, 7]), "▁▂▃▄▅▆▇█");
        assert_eq!(sparkline(&[5]), "█");
        assert_eq!(sparkline(&[3, 3]), "██");
    }

    #[test]
    fn small_values_stay_visible_and_large_ones_do_not_overflow() {
        assert_eq!(sparkline(&[1, 100, 0]), "▂█▁");
        assert_eq!(sparkline(&[u32::MAX, u32::MAX - 1, 0]), "██▁");
        assert_eq!(sparkline(&[0, 2, 4]), "▁▅█");
    }
}
