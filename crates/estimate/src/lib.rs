//! Error-corrected theme shares with 95% intervals.
//!
//! An automatic coder over- and under-counts themes. When people have hand-coded a
//! probability sample of the responses, that sample measures the coder's error and the
//! error can be taken out of the count. This crate does it for one *cell* (a theme within a
//! question and respondent type, or across all questions) at a time:
//!
//! ```text
//! estimate = (share the coder finds among the cell's N responses)
//!          + (weighted mean of  human − coder  over the cell's hand-coded responses)
//! ```
//!
//! This is the **prediction-powered** estimator of Angelopoulos, Bates, Fannjiang, Jordan
//! & Zrnic (2023), "Prediction-powered inference", *Science* 382(6671):669–674, which is the
//! survey sampler's **difference estimator** with the coder as the auxiliary variable
//! (Särndal, Swensson & Wretman 1992, *Model Assisted Survey Sampling*, Springer, §6.3).
//!
//! - The sample's mean rectifier (`human − coder`) is weighted by `1/π`, each response's
//!   inclusion probability, in the Hájek (ratio) form, so stratified samples that drew
//!   some groups at higher rates are weighted back (see [`Unit`]).
//! - The coder labels every response of the cell, so its share is known exactly for the
//!   population tally reports on (the respondents, not a wider superpopulation): the
//!   interval comes from the sampling variance of the rectifier alone, with the
//!   finite-population correction. This is where tally departs from the PPI paper, whose
//!   unlabelled data are themselves a sample and add a second variance term `σ²_f / N`.
//! - The 95% interval is a normal interval when the sample holds enough disagreements
//!   (`ppi-normal`), and otherwise the Wilson-type score interval for the difference of the
//!   missed and added shares (Tango 1998; `ppi-wilson`), which keeps its coverage for small
//!   samples and shares near 0 or 1, and gives an honest non-zero width when the sample
//!   showed no disagreement at all. A cell coded in full is exact (`census`). See
//!   [`Method`] and docs/estimates.md for the coverage study behind the rule.
//! - Estimates and intervals are clamped to [0, 1]. A cell without hand-coded responses
//!   has no estimate ([`EstimateError::NoSample`]).
//!
//! ```
//! use tally_estimate::{estimate, Method, Unit};
//! // 500 responses, the coder found the theme in 100 (20%). 50 were hand-coded by simple
//! // random sampling (π = 50/500): the coder added the theme to 5 of them where the human
//! // did not, and agreed on the other 45.
//! let unit = |coder, human| Unit { coder, human, inclusion_probability: 0.1 };
//! let mut sample = vec![unit(true, false); 5];
//! sample.extend(vec![unit(true, true); 5]);
//! sample.extend(vec![unit(false, false); 40]);
//! let e = estimate(100, 500, &sample).unwrap();
//! assert!((e.share - 0.10).abs() < 1e-12); // 20% − 5/50
//! assert_eq!(e.method, Method::PpiWilson); // only 5 disagreements
//! assert!(e.low < 0.10 && 0.10 < e.high);
//! assert_eq!(e.sample_size, 50);
//! ```
#![deny(missing_docs)]

mod design;
mod error;
mod estimate;
mod interval;

pub use design::Unit;
pub use error::EstimateError;
pub use estimate::{estimate, Estimate, WIDE};
pub use interval::{Method, NORMAL_MIN_DISAGREEMENTS, Z95};
