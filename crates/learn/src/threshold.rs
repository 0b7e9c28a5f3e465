//! The score above which a theme is coded: the one that maximises F1 on out-of-fold scores.

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
}
