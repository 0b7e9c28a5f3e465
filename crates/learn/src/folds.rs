//! Cross-validation folds grouped by respondent: all of a respondent's answers fall in one
//! fold, so a model is never tested on a person whose other answers it was trained on.

use std::collections::BTreeMap;

/// The seed of the fold assignment (fixed: the same folds on every run).
pub const FOLD_SEED: u64 = 0x7461_6c6c_7966_6f6c;

/// The fold (`0..k`) of each item, given each item's group (respondent). Groups are
/// ordered by a seeded hash of their name (ties by name) and dealt to the folds in turn,
/// so folds hold nearly equal numbers of respondents and the assignment does not depend
/// on the items' order.
pub fn grouped_folds(groups: &[&str], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let mut distinct: Vec<(u64, &str)> = groups
        .iter()
        .map(|g| {
            (
                xxhash_rust::xxh3::xxh3_64_with_seed(g.as_bytes(), FOLD_SEED),
                *g,
            )
        })
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    let fold: BTreeMap<&str, usize> = distinct
        .iter()
        .enumerate()
        .map(|(i, (_, g))| (*g, i % k))
        .collect();
    groups.iter().map(|g| fold[g]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_respondent_stays_in_one_fold_and_folds_are_balanced() {
        let groups: Vec<String> = (0..300).map(|i| format!("R{}", i / 3)).collect();
        let refs: Vec<&str> = groups.iter().map(String::as_str).collect();
        let folds = grouped_folds(&refs, 5);
        for (i, g) in refs.iter().enumerate() {
            for (j, h) in refs.iter().enumerate() {
                if g == h {
                    assert_eq!(folds[i], folds[j], "{g}");
                }
            }
        }
        let mut sizes = [0; 5];
        for &f in &folds {
            sizes[f] += 1;
        }
        assert_eq!(
            sizes, [60; 5],
            "100 respondents of 3 answers dealt 20 a fold"
        );
        // the order of the items does not matter
        let mut reversed = refs.clone();
        reversed.reverse();
        let mut back = grouped_folds(&reversed, 5);
        back.reverse();
        assert_eq!(back, folds);
    }
}
