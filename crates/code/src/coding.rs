//! What coding one response produces.

/// Marks an absent pattern in [`Evidence::patterns`].
pub const NO_PATTERN: u32 = u32::MAX;

/// The rule of evidence that a reviewer added (not found by the codebook).
pub const REVIEW_RULE: u32 = u32::MAX;

/// The rule of evidence a learned coder gave (`tally analyse --coder`), named `model` in
/// the audit: the span is the sentence that contributed most to the model's score, and the
/// score is kept in the evidence's first pattern slot (see [`Evidence::model`]).
pub const MODEL_RULE: u32 = u32::MAX - 1;

/// Scores are kept in millionths.
const SCORE_SCALE: f64 = 1_000_000.0;

/// One span of a response that made a rule fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Byte offset of the span's start in the response text.
    pub start: u32,
    /// Byte offset just past the span's end.
    pub end: u32,
    /// Index of the rule; see [`crate::Matcher::rule`].
    pub rule: u32,
    /// The codebook patterns that matched: one for a word, phrase or regex rule, two for a
    /// proximity rule; [`NO_PATTERN`] where absent. Display with
    /// [`crate::Matcher::pattern_text`].
    pub patterns: [u32; 2],
}

/// A theme a response raises, with its evidence in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeHit {
    /// Index of the theme in [`crate::Codebook::themes`].
    pub theme: u32,
    /// The spans that raise it, sorted by position; empty only for a theme a reviewer
    /// added without quoting the text.
    pub evidence: Vec<Evidence>,
}

impl Evidence {
    /// Evidence of a learned coder: the span `start..end` (a sentence) and the model's
    /// score in [0, 1], kept to six decimals in `patterns[0]` (a model coding has no
    /// codebook pattern).
    pub fn model(start: u32, end: u32, score: f64) -> Evidence {
        Evidence {
            start,
            end,
            rule: MODEL_RULE,
            patterns: [
                (score.clamp(0.0, 1.0) * SCORE_SCALE).round() as u32,
                NO_PATTERN,
            ],
        }
    }

    /// The model's score of evidence a learned coder gave; `None` for a rule's.
    pub fn model_score(&self) -> Option<f64> {
        (self.rule == MODEL_RULE).then(|| f64::from(self.patterns[0]) / SCORE_SCALE)
    }
}
