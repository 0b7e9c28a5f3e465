//! Dunning's log-likelihood ratio (G²) for a 2×2 table: how much more (or less) often a
//! phrase is used in one body of text than in another, beyond chance.

/// G² of a phrase used by `a` of `n1` units in the target and `b` of `n2` in the reference:
/// `2 Σ O ln(O/E)` over the four cells (used / not used × target / reference), with
/// expected counts from the margins. 0 when either body is empty. Always ≥ 0; see
/// [`overused`] for the direction.
///
/// ```
/// use tally_discover::keyness::g2;
/// assert_eq!(g2(5, 10, 50, 100), 0.0); // same rate: no evidence
/// assert!(g2(30, 100, 5, 100) > 10.83); // p < 0.001
/// ```
pub fn g2(a: u64, n1: u64, b: u64, n2: u64) -> f64 {
    if n1 == 0 || n2 == 0 || a > n1 || b > n2 {
        return 0.0;
    }
    let n = (n1 + n2) as f64;
    let used = (a + b) as f64;
    let unused = n - used;
    let cells = [
        (a as f64, n1 as f64 * used / n),
        ((n1 - a) as f64, n1 as f64 * unused / n),
        (b as f64, n2 as f64 * used / n),
        ((n2 - b) as f64, n2 as f64 * unused / n),
    ];
    let sum: f64 = cells
        .iter()
        .filter(|(o, _)| *o > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum();
    (2.0 * sum).max(0.0)
}

/// Whether the target uses the phrase relatively more than the reference: `a/n1 > b/n2`
/// (compared exactly, in integers).
pub fn overused(a: u64, n1: u64, b: u64, n2: u64) -> bool {
    u128::from(a) * u128::from(n2) > u128::from(b) * u128::from(n1)
}

/// G² at which a difference is significant at p < 0.001 with one degree of freedom.
pub const P001: f64 = 10.83;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_value() {
        // a = 10 of 100, b = 10 of 1000: 2 Σ O ln(O/E), checked by hand
        let e = [
            (10.0f64, 100.0 * 20.0 / 1100.0),
            (90.0, 100.0 * 1080.0 / 1100.0),
            (10.0, 1000.0 * 20.0 / 1100.0),
            (990.0, 1000.0 * 1080.0 / 1100.0),
        ];
        let want: f64 = 2.0 * e.iter().map(|(o, e)| o * (o / e).ln()).sum::<f64>();
        assert!((g2(10, 100, 10, 1000) - want).abs() < 1e-9);
        assert!(want > 15.0);
    }

    #[test]
    fn direction_and_degenerate_tables() {
        assert!(overused(10, 100, 10, 1000));
        assert!(!overused(1, 1000, 10, 100));
        assert!(!overused(1, 10, 10, 100));
        assert_eq!(g2(0, 0, 3, 10), 0.0);
        assert_eq!(g2(3, 10, 0, 0), 0.0);
        assert!(g2(5, 5, 0, 5) > 0.0);
    }
}
