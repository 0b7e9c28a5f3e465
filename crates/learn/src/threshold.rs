//! The score above which a theme is coded: the one that maximises F1 on out-of-fold scores,
//! of the theme alone or of a group of themes pooled (rare themes share one threshold, so
//! that it is not chosen on a handful of positives).

/// The threshold (code when `score >= threshold`) giving the best F1 over `scored`
/// (score, human-coded) pairs; among equal F1s the highest threshold. `None` when no item
/// is coded by people (no threshold can find anything).
pub fn best_threshold(scored: &[(f64, bool)]) -> Option<f64> {
    let positives = scored.iter().filter(|s| s.1).count();
    if positives == 0 {
        return None;
    }
    let mut sorted = scored.to_vec();
    // highest score first; positives before negatives at one score would overstate a tie,
    // so a whole run of equal scores is taken together below
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut best: Option<(f64, f64)> = None;
    let mut i = 0;
    while i < sorted.len() {
        let s = sorted[i].0;
        while i < sorted.len() && sorted[i].0 == s {
            if sorted[i].1 {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let f1 = 2.0 * tp as f64 / (2 * tp + fp + (positives - tp)) as f64;
        if best.is_none_or(|(b, _)| f1 > b) {
            best = Some((f1, s));
        }
    }
    best.map(|(_, s)| s)
}

/// The thresholds of a theme or group of themes: for each fold, the one chosen on the other
/// folds' items (to code that fold's items when measuring), and the one chosen on all items
/// (the coder's).
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// By fold.
    pub per_fold: Vec<Option<f64>>,
    /// On every item.
    pub all: Option<f64>,
}

/// The thresholds of the themes `themes` (each its out-of-fold scores and human codings, by
/// item) pooled together, item `i` being in fold `folds[i]` of `k`.
pub fn choose(themes: &[(&[f64], &[bool])], folds: &[usize], k: usize) -> Chosen {
    let pairs = |keep: &dyn Fn(usize) -> bool| -> Vec<(f64, bool)> {
        themes
            .iter()
            .flat_map(|&(scores, labels)| {
                (0..scores.len())
                    .filter(|&i| keep(i))
                    .map(move |i| (scores[i], labels[i]))
            })
            .collect()
    };
    Chosen {
        per_fold: (0..k)
            .map(|f| best_threshold(&pairs(&|i| folds[i] != f)))
            .collect(),
        all: best_threshold(&pairs(&|_| true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_threshold_of_the_best_f1() {
        let scored = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.2, false),
            (0.1, false),
        ];
        // ≥0.9: F1 2/4; ≥0.8: 4/5; ≥0.7: 4/6; ≥0.6: 6/7 — the best
        assert_eq!(best_threshold(&scored), Some(0.6));
        assert_eq!(best_threshold(&[(0.5, false)]), None);
        // a tie at one score is taken whole
        assert_eq!(
            best_threshold(&[(0.5, true), (0.5, false), (0.4, false)]),
            Some(0.5)
        );
        // equal F1s: the higher threshold
        // (≥0.9: 1 of 2 found, F1 2/3; ≥0.6: both found, 2 false, F1 4/6)
        let tie = [(0.9, true), (0.8, false), (0.7, false), (0.6, true)];
        assert_eq!(best_threshold(&tie), Some(0.9));
    }

    #[test]
    fn pooled_themes_share_thresholds_chosen_on_the_other_folds() {
        let folds = [0, 0, 1, 1];
        let a: (&[f64], &[bool]) = (&[0.9, 0.2, 0.8, 0.3], &[true, false, true, false]);
        let b: (&[f64], &[bool]) = (&[0.4, 0.6, 0.7, 0.1], &[false, true, true, false]);
        let alone = choose(&[a], &folds, 2);
        // fold 0 is coded with fold 1's best (0.8), fold 1 with fold 0's (0.9)
        assert_eq!(alone.per_fold, [Some(0.8), Some(0.9)]);
        assert_eq!(alone.all, Some(0.8));
        let pooled = choose(&[a, b], &folds, 2);
        // fold 1's items of both: (0.8 t) (0.3 f) (0.7 t) (0.1 f): best at 0.7
        assert_eq!(pooled.per_fold[0], Some(0.7));
        // all eight: positives 0.9 0.8 0.7 0.6; negatives 0.4 0.3 0.2 0.1
        assert_eq!(pooled.all, Some(0.6));
        assert_eq!(choose(&[], &folds, 2).all, None);
    }
}
