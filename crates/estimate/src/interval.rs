//! 95% intervals for the mean rectifier `Δ = missed − added`, and the rule choosing between
//! them.
//!
//! - **Normal** (`ppi-normal`): `Δ̂ ± z·√v` with the design-based variance of
//!   [`design`](crate::design). Good when the sample holds enough disagreements for `v` to
//!   be estimated well.
//! - **Wilson–MOVER** (`ppi-wilson`): a Wilson score interval for each of the two
//!   disagreement shares (missed, added) at the design's effective sample size, combined
//!   into an interval for their difference by the method of variance estimates recovery
//!   (Newcombe 1998, *Statistics in Medicine* 17:873; Zou & Donner 2008). Wilson intervals
//!   keep their coverage for shares near 0 and never have zero width when no disagreement
//!   was seen, which is exactly the small-sample case where `v` is 0 or unstable.
//!
//! The rule: normal when the sample holds at least [`NORMAL_MIN_DISAGREEMENTS`]
//! disagreements in all, Wilson–MOVER otherwise. The threshold was chosen by the coverage
//! study in `tests/coverage.rs` (see docs/estimates.md).

use crate::design::Summary;

/// The standard normal quantile for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Fewest disagreements (missed + added) in the sample for the normal interval.
pub const NORMAL_MIN_DISAGREEMENTS: f64 = 10.0;

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Normal approximation with the design-based variance.
    PpiNormal,
    /// Wilson score intervals for the two disagreement shares, combined by MOVER.
    PpiWilson,
    /// Every response of the cell was hand-coded: the share is known exactly.
    Census,
}

impl Method {
    /// A stable name for run.json: `ppi-normal`, `ppi-wilson` or `census`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::PpiNormal => "ppi-normal",
            Method::PpiWilson => "ppi-wilson",
            Method::Census => "census",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The method [`rectifier_interval`] uses for this sample.
pub(crate) fn choose(s: &Summary) -> Method {
    if s.fpc <= 0.0 {
        Method::Census
    } else if s.n >= 2.0 && s.n_missed + s.n_added >= NORMAL_MIN_DISAGREEMENTS {
        Method::PpiNormal
    } else {
        Method::PpiWilson
    }
}

/// The 95% interval `(low, high)` for the mean rectifier by the given method.
pub(crate) fn rectifier_interval(s: &Summary, method: Method) -> (f64, f64) {
    let d = s.rectifier();
    match method {
        Method::Census => (d, d),
        Method::PpiNormal => {
            let half = Z95 * s.variance.sqrt();
            (d - half, d + half)
        }
        Method::PpiWilson => {
            let n = s.effective_n();
            let (ml, mh) = wilson(s.missed, n);
            let (al, ah) = wilson(s.added, n);
            let low = d - ((s.missed - ml).powi(2) + (ah - s.added).powi(2)).sqrt();
            let high = d + ((mh - s.missed).powi(2) + (s.added - al).powi(2)).sqrt();
            (low, high)
        }
    }
}

/// Wilson's score interval for a share `p` observed in an effective sample of `n`.
pub(crate) fn wilson(p: f64, n: f64) -> (f64, f64) {
    if !n.is_finite() {
        return (p, p);
    }
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}
