//! Error-corrected estimates beside the coder's counts (issue 21), ready to render.
//!
//! tally-review fills these from the human-coded samples (with tally-estimate's
//! prediction-powered estimator); the aggregator itself leaves them empty. Each estimate
//! corrects the [`Cell`](crate::Cell) it stands beside: the same respondents (the same base)
//! and the same theme.

use crate::numbers::{quantifier, QUANTIFIER_TABLE};

/// The corrected share of one cell, with its 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEstimate {
    /// The corrected share, in [0, 1].
    pub share: f64,
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of the 95% interval.
    pub high: f64,
    /// How the interval was computed (`ppi-normal`, `ppi-wilson` or `census`).
    pub method: String,
    /// Hand-coded responses the correction was measured on.
    pub sample_size: usize,
    /// When the interval is wider than 20 points: how many more responses of this cell to
    /// hand-code to narrow it to 20 points.
    pub further_needed: Option<u64>,
}

/// `x` (a share) as a whole percentage, rounded half up.
pub fn share_percent(x: f64) -> u32 {
    (x * 100.0 + 0.5 + 1e-9).floor().clamp(0.0, 100.0) as u32
}

/// `x` (a share) as a percentage with one decimal, rounded half up: `0.0944` → `"9.4"`.
pub fn share_tenths(x: f64) -> String {
    let tenths = (x * 1000.0 + 0.5 + 1e-9).floor().clamp(0.0, 1000.0) as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl CellEstimate {
    /// The estimate as a whole percentage, rounded half up.
    pub fn percent(&self) -> u32 {
        share_percent(self.share)
    }

    /// Whether the interval is too wide (over 20 points) to report as a finding.
    pub fn is_wide(&self) -> bool {
        self.further_needed.is_some()
    }

    /// The quantifier words for the estimate, from the same table as counts: "no
    /// respondents" only when the whole interval is at zero; an estimate that rounds to 0%
    /// with room above it is "a few respondents".
    pub fn quantifier(&self) -> &'static str {
        if self.high <= 0.0 {
            return quantifier(0, 1);
        }
        let p = self.percent();
        if p == 100 && self.share < 1.0 {
            return "almost all respondents";
        }
        QUANTIFIER_TABLE
            .iter()
            .rev()
            .find(|(low, _)| p >= *low)
            .map_or("a few respondents", |(_, w)| w)
    }
}

/// One theme's estimates within a question, one per row of themes.csv.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeEstimates {
    /// Beside [`ThemeResult::total`](crate::ThemeResult::total) (every response).
    pub total: Option<CellEstimate>,
    /// Beside [`ThemeResult::main`](crate::ThemeResult::main) (the headline count).
    pub main: Option<CellEstimate>,
    /// Beside each [`ThemeResult::by_type`](crate::ThemeResult::by_type) cell; `None` for
    /// a type without hand-coded responses and for a small cell (suppressed like its count).
    pub by_type: Vec<Option<CellEstimate>>,
}

/// The estimates of one question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionEstimates {
    /// Question id.
    pub question: String,
    /// Hand-coded responses of the question among the respondents the headline counts.
    pub sample_size: usize,
    /// Per theme, in codebook order; empty when the question has no estimate.
    pub themes: Vec<ThemeEstimates>,
    /// The interval methods used, sorted and without repeats.
    pub methods: Vec<String>,
    /// Warnings about the sample (e.g. no inclusion probabilities recorded).
    pub warnings: Vec<String>,
    /// Why the question has no estimate, when it has none.
    pub none_because: Option<String>,
}

/// Every estimate of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimates {
    /// Whether the run had human-coded samples at all (without them nothing is estimated and
    /// nothing is said about it).
    pub sampled: bool,
    /// Per question, in [`Summary::questions`](crate::Summary::questions) order.
    pub questions: Vec<QuestionEstimates>,
    /// Why there is no estimate across all questions.
    pub overall_none_because: Option<String>,
}

// Estimates never hold NaN (the estimator clamps to [0, 1]), so equality is an equivalence.
impl Eq for CellEstimate {}
impl Eq for ThemeEstimates {}
impl Eq for QuestionEstimates {}
impl Eq for Estimates {}

impl Estimates {
    /// The estimates of question `q` (an index into the summary's questions), if any.
    pub fn question(&self, q: usize) -> Option<&QuestionEstimates> {
        self.questions.get(q)
    }

    /// The estimates of theme `t` of question `q`, if any.
    pub fn theme(&self, q: usize, t: usize) -> Option<&ThemeEstimates> {
        self.question(q).and_then(|e| e.themes.get(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn est(share: f64, low: f64, high: f64) -> CellEstimate {
        CellEstimate {
            share,
            low,
            high,
            method: "ppi-wilson".into(),
            sample_size: 10,
            further_needed: None,
        }
    }

    #[test]
    fn rounds_and_words() {
        assert_eq!(share_tenths(0.0944), "9.4");
        assert_eq!(share_tenths(0.0945), "9.5");
        assert_eq!(share_tenths(1.0), "100.0");
        assert_eq!(share_percent(0.125), 13);
        assert_eq!(
            est(0.094, 0.06, 0.13).quantifier(),
            "around a tenth of respondents"
        );
        assert_eq!(est(0.0, 0.0, 0.03).quantifier(), "a few respondents");
        assert_eq!(est(0.0, 0.0, 0.0).quantifier(), "no respondents");
        assert_eq!(est(0.997, 0.9, 1.0).quantifier(), "almost all respondents");
    }
}
