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
