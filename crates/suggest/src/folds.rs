//! Folds for cross-validation, grouped by respondent.
//!
//! All of a respondent's answers fall in the same fold, so that a proposal is never
//! measured on the other answers of a person whose words it was learned from (one
//! person's phrasing recurs across their answers). The fold is a hash of the respondent id
//! (XXH3 with a fixed seed) modulo the number of folds: the same sample gives the same folds
//! on any machine, whatever the row order, and another seed gives another split.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The seed of the folds `tally codebook suggest` reports.
pub const DEFAULT_SEED: u64 = 0x7a11_5e55;

/// The fold (in `0..k`) of `respondent`.
pub fn fold_of(respondent: &str, k: usize, seed: u64) -> usize {
    (xxh3_64_with_seed(respondent.as_bytes(), seed) % k.max(1) as u64) as usize
}

/// The fold of each respondent in `respondents` (one entry each, same order).
pub fn assign<'a>(
    respondents: impl IntoIterator<Item = &'a str>,
    k: usize,
    seed: u64,
) -> Vec<usize> {
    respondents
        .into_iter()
        .map(|r| fold_of(r, k, seed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_respondent_s_answers_share_a_fold_and_folds_are_balanced() {
        let ids: Vec<String> = (0..500).map(|i| format!("R{i:04}")).collect();
        let folds = assign(ids.iter().map(String::as_str), 5, DEFAULT_SEED);
        // same respondent, same fold, whatever else is in the list
        for (id, f) in ids.iter().zip(&folds) {
            assert_eq!(fold_of(id, 5, DEFAULT_SEED), *f);
        }
        let mut sizes = [0usize; 5];
        for f in &folds {
            sizes[*f] += 1;
        }
        assert!(sizes.iter().all(|&n| (70..=130).contains(&n)), "{sizes:?}");
        // another seed, another split
        let other = assign(ids.iter().map(String::as_str), 5, DEFAULT_SEED + 1);
        assert_ne!(folds, other);
    }
}
