//! The corrected share of one cell: the coder's share plus the mean rectifier measured on
//! the human-coded sample, with its 95% interval.

use crate::design::{Summary, Unit};
use crate::error::EstimateError;
use crate::interval::{choose, rectifier_interval, Method};

/// An interval wider than this (a share, 0.20 = 20 percentage points) is too wide to
/// report as a finding; [`Estimate::further_needed`] then says how many more responses to
/// hand-code.
pub const WIDE: f64 = 0.20;

/// The error-corrected share of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The corrected share, in [0, 1].
    pub share: f64,
    /// Lower end of the 95% interval, in [0, 1].
    pub low: f64,
    /// Upper end of the 95% interval, in [0, 1].
    pub high: f64,
    /// The coder's own share (its count over the cell's responses), for comparison.
    pub coder_share: f64,
    /// How the interval was computed.
    pub method: Method,
    /// Hand-coded responses in the cell.
    pub sample_size: usize,
    /// Of those, how many the coder missed (human yes, coder no).
    pub missed: usize,
    /// Of those, how many the coder added (coder yes, human no).
    pub added: usize,
    /// When the interval is wider than [`WIDE`]: how many more responses of this cell,
    /// drawn the same way, should be hand-coded to bring it under, assuming the
    /// disagreement rates stay as observed. `None` when the interval is narrow enough.
    pub further_needed: Option<u64>,
}

impl Estimate {
    /// Width of the 95% interval (a share; 0.1 = 10 percentage points).
    pub fn width(&self) -> f64 {
        self.high - self.low
    }

    /// Whether the interval is wider than [`WIDE`].
    pub fn is_wide(&self) -> bool {
        self.width() > WIDE
    }
}

/// Estimates the share of a cell's `population` responses that raise a theme, given the
/// coder's count of positives in the cell and the cell's human-coded responses, each with
/// its inclusion probability (see the crate docs for the method).
///
/// Returns [`EstimateError::NoSample`] when `sample` is empty, and another
/// [`EstimateError`] when the inputs contradict each other.
pub fn estimate(
    coder_positives: u64,
    population: u64,
    sample: &[Unit],
) -> Result<Estimate, EstimateError> {
    if population == 0 {
        return Err(EstimateError::EmptyPopulation);
    }
    if coder_positives > population {
        return Err(EstimateError::CoderCountAbovePopulation {
            coder_positives,
            population,
        });
    }
    if sample.len() as u64 > population {
        return Err(EstimateError::SampleAbovePopulation {
            sample: sample.len(),
            population,
        });
    }
    if sample.is_empty() {
        return Err(EstimateError::NoSample);
    }
    let summary = Summary::of(sample)?;
    let coder_share = coder_positives as f64 / population as f64;
    let (missed, added) = (summary.n_missed as usize, summary.n_added as usize);
    if sample.len() as u64 == population {
        // every response was hand-coded: the human share is the answer
        let share = sample.iter().filter(|u| u.human).count() as f64 / population as f64;
        return Ok(Estimate {
            share,
            low: share,
            high: share,
            coder_share,
            method: Method::Census,
            sample_size: sample.len(),
            missed,
            added,
            further_needed: None,
        });
    }
    let method = choose(&summary);
    if method == Method::Census {
        return Err(EstimateError::InconsistentDesign {
            sample: sample.len(),
            population,
        });
    }
    let (share, low, high) = corrected(coder_share, &summary, method);
    let further_needed = (high - low > WIDE).then(|| further(coder_share, &summary, population));
    Ok(Estimate {
        share,
        low,
        high,
        coder_share,
        method,
        sample_size: sample.len(),
        missed,
        added,
        further_needed,
    })
}

/// The corrected share and its interval, clamped to [0, 1].
fn corrected(coder_share: f64, s: &Summary, method: Method) -> (f64, f64, f64) {
    let (lo, hi) = rectifier_interval(s, method);
    let clamp = |x: f64| x.clamp(0.0, 1.0);
    let share = clamp(coder_share + s.rectifier());
    (
        share,
        clamp(coder_share + lo).min(share),
        clamp(coder_share + hi).max(share),
    )
}

/// The smallest number of further responses after which the interval, by the method the
/// larger sample would use, is at most [`WIDE`] wide (binary search; the width shrinks as
/// the sample grows and is 0 for a census).
fn further(coder_share: f64, s: &Summary, population: u64) -> u64 {
    let n = s.n as u64;
    let wide_at = |m: u64| {
        let bigger = s.scaled(m as f64 / s.n);
        let method = choose(&bigger);
        let (_, lo, hi) = corrected(coder_share, &bigger, method);
        hi - lo > WIDE
    };
    let (mut lo, mut hi) = (n, population);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if wide_at(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi - n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` copies of a unit.
    fn units(count: usize, coder: bool, human: bool, pi: f64) -> Vec<Unit> {
        vec![
            Unit {
                coder,
                human,
                inclusion_probability: pi,
            };
            count
        ]
    }

    fn close(got: f64, want: f64, what: &str) {
        assert!((got - want).abs() < 1e-6, "{what}: got {got}, want {want}");
    }

    #[test]
    fn few_disagreements_use_the_score_interval() {
        // N = 500, coder 100 (20%); simple random n = 50, π = 0.1: 5 added (coder 1,
        // human 0), 5 agreed yes, 40 agreed no.
        // Δ̂ = −5/50 = −0.1, estimate 0.2 − 0.1 = 0.1.
        // v = 50/49 · 0.9 · 10² · (5·0.9² + 45·0.1²) / 500² = 50/49 · 405/250000 = 0.00165306
        // effective n = (p₊ + p₋ − Δ̂²)/v = (0 + 0.1 − 0.01)/0.00165306 = 54.444
        // Tango's score interval for Δ at n = 54.444 (the Δ where the score statistic is ±z,
        // checked against a plain likelihood search in interval.rs): (−0.207767, −0.027502),
        // so the share is in 0.2 + (−0.207767, −0.027502) = (−0.007767 → 0, 0.172498)
        let mut s = units(5, true, false, 0.1);
        s.extend(units(5, true, true, 0.1));
        s.extend(units(40, false, false, 0.1));
        let e = estimate(100, 500, &s).unwrap();
        close(e.share, 0.1, "share");
        close(e.coder_share, 0.2, "coder share");
        close(e.low, 0.0, "low (clamped)");
        close(e.high, 0.172_497_884_8, "high");
        assert_eq!(e.method, Method::PpiWilson);
        assert_eq!((e.sample_size, e.missed, e.added), (50, 0, 5));
        assert_eq!(e.further_needed, None, "17.2 points wide");
    }

    #[test]
    fn an_all_agree_sample_still_has_an_interval() {
        // N = 1000, coder 200; n = 100 (π = 0.1), all agree (20 yes, 80 no): Δ̂ = 0, v = 0.
        // effective n = Kish 100 / fpc 0.9 = 111.11; with no disagreement the score interval
        // is ±z²/(n + z²) = 3.841459/114.952 = ±0.033418 around 0.2
        let mut s = units(20, true, true, 0.1);
        s.extend(units(80, false, false, 0.1));
        let e = estimate(200, 1000, &s).unwrap();
        close(e.share, 0.2, "share");
        close(e.low, 0.2 - 0.033_417_772_4, "low");
        close(e.high, 0.2 + 0.033_417_772_4, "high");
        assert_eq!(e.method, Method::PpiWilson);
    }

    #[test]
    fn zero_positives() {
        // coder 0 of 1000, n = 100 (π = 0.1) all no: share 0, interval (0, 0.033418)
        let e = estimate(0, 1000, &units(100, false, false, 0.1)).unwrap();
        close(e.share, 0.0, "share");
        close(e.low, 0.0, "low");
        close(e.high, 0.033_417_772_4, "high");
        // the coder missed 2 of the 100: Δ̂ = 0.02, share 0.02;
        // s² = (2·0.98² + 98·0.02²)/99 = 1.96/99, v = 0.9 · s²/100 = 0.000178182,
        // effective n = (0.02 − 0.0004)/v = 110; the score interval for Δ includes 0
        // (z(0) = 0.02/√(2·0.01/110) = 1.48 < 1.96: two misses and no additions in 100 do not
        // rule out equal rates, as McNemar's test agrees), so low is clamped to 0
        let mut s = units(2, false, true, 0.1);
        s.extend(units(98, false, false, 0.1));
        let e = estimate(0, 1000, &s).unwrap();
        close(e.share, 0.02, "share");
        close(e.low, 0.0, "low");
        close(e.high, 0.066_589_963_5, "high"); // = Wilson(0.02, 110) upper: no additions seen
        assert_eq!((e.missed, e.added), (2, 0));
    }

    #[test]
    fn weights_by_inclusion_probability() {
        // stratum A: 100 responses, 10 drawn (π = 0.1), the coder added the theme to all;
        // stratum B: 900 responses, 10 drawn (π = 1/90), all agree.
        // Σw = 10·10 + 10·90 = 1000, Σw·d = −100 → Δ̂ = −0.1 (unweighted it would be −0.5);
        // coder 300 of 1000 → 0.3 − 0.1 = 0.2
        let mut s = units(10, true, false, 0.1);
        s.extend(units(10, false, false, 1.0 / 90.0));
        let e = estimate(300, 1000, &s).unwrap();
        close(e.share, 0.2, "share");
        assert!(e.low < 0.2 && 0.2 < e.high);
    }

    #[test]
    fn a_cell_coded_in_full_is_exact() {
        // 4 responses, all hand-coded: humans say yes to 2 → 0.5 whatever the coder says
        let mut s = units(1, true, true, 1.0);
        s.extend(units(1, false, true, 1.0));
        s.extend(units(1, true, false, 1.0));
        s.extend(units(1, false, false, 1.0));
        let e = estimate(2, 4, &s).unwrap();
        assert_eq!((e.share, e.low, e.high), (0.5, 0.5, 0.5));
        assert_eq!(e.method, Method::Census);
    }

    #[test]
    fn a_wide_interval_says_how_many_more_to_code() {
        // N = 100000, coder 50000; n = 50 simple random: 10 missed, 10 added, 30 agree.
        // Δ̂ = 0, s² = 20/49 = 0.408163. A larger sample m with the same rates has ≥ 40
        // disagreements once m ≥ 100, so the normal interval, 2z√((1 − m/N)s²/m) ≤ 0.2 ⇔
        // m ≥ s²/((0.1/z)² + s²/N) = 0.408163/(0.0026032 + 0.0000041) = 156.55 → 157,
        // i.e. 107 more.
        let pi = 50.0 / 100_000.0;
        let mut s = units(10, false, true, pi);
        s.extend(units(10, true, false, pi));
        s.extend(units(30, true, true, pi));
        let e = estimate(50_000, 100_000, &s).unwrap();
        assert!(e.is_wide(), "{e:?}");
        assert_eq!(e.further_needed, Some(107));
    }

    #[test]
    fn no_sample_and_contradictory_inputs() {
        let ok = units(1, true, true, 0.5);
        assert_eq!(estimate(3, 10, &[]), Err(EstimateError::NoSample));
        assert_eq!(estimate(0, 0, &ok), Err(EstimateError::EmptyPopulation));
        assert!(matches!(
            estimate(11, 10, &ok),
            Err(EstimateError::CoderCountAbovePopulation { .. })
        ));
        assert!(matches!(
            estimate(1, 1, &units(2, true, true, 1.0)),
            Err(EstimateError::SampleAbovePopulation { .. })
        ));
        for bad in [0.0, -0.1, 1.5, f64::NAN] {
            let mut s = ok.clone();
            s.extend(units(1, false, false, bad));
            let err = estimate(3, 10, &s).unwrap_err();
            assert!(
                matches!(
                    err,
                    EstimateError::InvalidInclusionProbability { index: 1, .. }
                ),
                "{bad}: {err:?}"
            );
        }
        assert!(matches!(
            estimate(3, 10, &units(2, true, true, 1.0)),
            Err(EstimateError::InconsistentDesign { .. })
        ));
    }
}
