//! The human-coded sample of one cell, summarised under its sampling design.
//!
//! Each hand-coded response `i` carries its inclusion probability `π_i` and weight
//! `w_i = 1/π_i`. Its *rectifier* is `d_i = human_i − coder_i` (−1, 0 or +1). The cell's mean
//! rectifier is estimated in the Hájek (ratio) form `Δ̂ = Σ w_i d_i / Σ w_i`, which needs only
//! relative weights, so it is exact for a simple random sample (all `π_i` equal) and weights
//! stratified draws correctly when strata were sampled at different rates.
//!
//! Its variance is the usual linearised (Taylor) estimator for the Hájek mean under
//! unequal-probability sampling without replacement, with the `(1 − π_i)` finite-population
//! correction (Särndal, Swensson & Wretman 1992, §5.7 and §7.3):
//! `v = n/(n−1) · Σ (1 − π_i) w_i² (d_i − Δ̂)² / (Σ w_i)²`.
//! For a simple random sample of `n` from `N` this is `(1 − n/N) s_d² / n`. It ignores any
//! stratification (all strata pooled), which can only overstate the variance.

use crate::error::EstimateError;

/// One hand-coded response of a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// Whether the automatic coder found the theme.
    pub coder: bool,
    /// Whether the human coder found the theme.
    pub human: bool,
    /// The probability that the sampling design drew this response, in (0, 1]: for a
    /// stratified draw, `n_h / N_h` of its stratum; for a simple random sample of `n` from
    /// the `N` responses of its question, `n / N`.
    pub inclusion_probability: f64,
}

/// The sample statistics every interval method needs, as floating-point numbers so that a
/// sample can be scaled up (see [`Summary::scaled`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Summary {
    /// Hand-coded responses.
    pub n: f64,
    /// Weighted share the coder missed (human 1, coder 0).
    pub missed: f64,
    /// Weighted share the coder added (human 0, coder 1).
    pub added: f64,
    /// Unweighted count of missed responses.
    pub n_missed: f64,
    /// Unweighted count of added responses.
    pub n_added: f64,
    /// Kish's effective sample size `(Σ w)² / Σ w²`.
    pub kish: f64,
    /// Weighted finite-population correction `Σ (1 − π) w² / Σ w²` (`1 − n/N` for a
    /// simple random sample).
    pub fpc: f64,
    /// Linearised variance of the mean rectifier (see the module docs).
    pub variance: f64,
}

impl Summary {
    /// Summarises a non-empty sample, checking its probabilities.
    pub fn of(sample: &[Unit]) -> Result<Summary, EstimateError> {
        for (index, u) in sample.iter().enumerate() {
            let value = u.inclusion_probability;
            if !(value > 0.0 && value <= 1.0) {
                return Err(EstimateError::InvalidInclusionProbability { index, value });
            }
        }
        let (mut sw, mut sw2, mut sfpc) = (0.0, 0.0, 0.0);
        let (mut missed, mut added, mut n_missed, mut n_added) = (0.0, 0.0, 0.0, 0.0);
        for u in sample {
            let w = 1.0 / u.inclusion_probability;
            sw += w;
            sw2 += w * w;
            sfpc += (1.0 - u.inclusion_probability) * w * w;
            if u.human && !u.coder {
                missed += w;
                n_missed += 1.0;
            } else if u.coder && !u.human {
                added += w;
                n_added += 1.0;
            }
        }
        let (missed, added) = (missed / sw, added / sw);
        let mean = missed - added;
        let n = sample.len() as f64;
        let spread: f64 = sample
            .iter()
            .map(|u| {
                let w = 1.0 / u.inclusion_probability;
                let d = f64::from(u8::from(u.human)) - f64::from(u8::from(u.coder));
                (1.0 - u.inclusion_probability) * (w * (d - mean)).powi(2)
            })
            .sum();
        let variance = if n > 1.0 {
            n / (n - 1.0) * spread / (sw * sw)
        } else {
            0.0
        };
        Ok(Summary {
            n,
            missed,
            added,
            n_missed,
            n_added,
            kish: sw * sw / sw2,
            fpc: sfpc / sw2,
            variance,
        })
    }

    /// The mean rectifier `Δ̂` (missed − added).
    pub fn rectifier(&self) -> f64 {
        self.missed - self.added
    }

    /// Effective sample size for a binomial share: Kish's size divided by the
    /// finite-population correction (infinite for a census).
    pub fn effective_n(&self) -> f64 {
        if self.fpc > 0.0 {
            self.kish / self.fpc
        } else {
            f64::INFINITY
        }
    }

    /// The same design with `k` times as many responses drawn (`k ≥ 1`) and the observed
    /// shares unchanged: what a larger sample would probably give.
    pub fn scaled(&self, k: f64) -> Summary {
        let fpc = (1.0 - (1.0 - self.fpc) * k).max(0.0);
        let variance = if self.fpc > 0.0 {
            self.variance * (fpc / self.fpc) / k
        } else {
            0.0
        };
        Summary {
            n: self.n * k,
            n_missed: self.n_missed * k,
            n_added: self.n_added * k,
            kish: self.kish * k,
            fpc,
            variance,
            ..*self
        }
    }
}
