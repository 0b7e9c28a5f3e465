//! How a response's feature counts become the values a model reads.
//!
//! - [`Values::Binary`]: 1 for each feature present, however often;
//! - [`Values::TfIdf`]: sublinear TF-IDF, `(1 + ln tf) · idf`, with each response's vector
//!   scaled to unit length (L2), the usual weighting of a linear text classifier. The idf
//!   is scikit-learn's smoothed one, `ln((1 + n) / (1 + df)) + 1` over the `n` training
//!   responses, rounded to six decimals and kept in coder.json, so training and coding
//!   compute the same values.

use serde::{Deserialize, Serialize};

/// The value of a feature in a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Values {
    /// Present or absent.
    Binary,
    /// Sublinear TF-IDF, L2-normalised per response.
    TfIdf,
}

/// The smoothed idf of a feature found in `df` of `n` responses (six decimals).
pub fn idf(df: usize, n: usize) -> f64 {
    let v = ((1.0 + n as f64) / (1.0 + df as f64)).ln() + 1.0;
    (v * 1e6).round() / 1e6
}

/// The values of a response whose features occur `counts` times (`(feature, count)`,
/// sorted by feature) into `out` (emptied first), with `idf` by feature for TF-IDF.
pub fn values(scheme: Values, counts: &[(u32, u32)], idf: &[f64], out: &mut Vec<(u32, f64)>) {
    out.clear();
    match scheme {
        Values::Binary => out.extend(counts.iter().map(|&(f, _)| (f, 1.0))),
        Values::TfIdf => {
            out.extend(counts.iter().map(|&(f, c)| {
                let w = idf.get(f as usize).copied().unwrap_or(1.0);
                // ln 1 = 0 exactly: a feature found once (the most) skips the logarithm
                let tf = if c == 1 { 1.0 } else { 1.0 + f64::from(c).ln() };
                (f, tf * w)
            }));
            let norm = out.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, v) in out.iter_mut() {
                    *v /= norm;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tf_idf_is_sublinear_weighted_by_rarity_and_of_unit_length() {
        let mut out = Vec::new();
        values(Values::Binary, &[(0, 3), (2, 1)], &[], &mut out);
        assert_eq!(out, [(0, 1.0), (2, 1.0)]);

        // a feature found once is worth its idf
        let weights = [1.0, 2.0];
        values(Values::TfIdf, &[(0, 1), (1, 1)], &weights, &mut out);
        let norm = 5f64.sqrt();
        assert_eq!(out, [(0, 1.0 / norm), (1, 2.0 / norm)]);
        values(Values::TfIdf, &[(0, 3), (1, 1)], &weights, &mut out);
        let a = 1.0 + 3f64.ln();
        let norm = (a * a + 4.0).sqrt();
        assert_eq!(out, [(0, a / norm), (1, 2.0 / norm)]);
        let length: f64 = out.iter().map(|(_, v)| v * v).sum();
        assert!((length - 1.0).abs() < 1e-12);

        // a feature in every response weighs least, one in a single response most
        assert_eq!(idf(10, 10), 1.0);
        assert!(idf(1, 10) > idf(5, 10));
        values(Values::TfIdf, &[], &weights, &mut out);
        assert!(out.is_empty());
    }
}
