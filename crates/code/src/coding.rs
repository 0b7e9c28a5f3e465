//! What coding one response produces.

use std::num::NonZeroU32;

/// Marks an absent pattern in [`Evidence::patterns`].
pub const NO_PATTERN: u32 = u32::MAX;

/// The rule of evidence that a reviewer added (not found by the codebook).
pub const REVIEW_RULE: u32 = u32::MAX;

/// The rule of evidence a learned coder gave (`tally analyse --coder`), named `model` in
/// the audit: the span is the sentence that contributed most to the model's score; the
/// score itself is the coding's [`ThemeHit::score`].
pub const MODEL_RULE: u32 = u32::MAX - 1;

/// Scores are kept in millionths.
const SCORE_SCALE: f64 = 1_000_000.0;

/// A learned coder's score of one coding: its probability in [0, 1], kept to six decimals
/// (the precision of the audit's `"score"`).
///
/// Stored as millionths plus one in a `NonZeroU32`, so that `Option<ModelScore>` takes four
/// bytes and fits in [`ThemeHit`]'s padding: a rules coding costs nothing more than before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelScore(NonZeroU32);

impl ModelScore {
    /// The score of probability `p` (clamped to [0, 1], rounded to six decimals).
    pub fn new(p: f64) -> ModelScore {
        let millionths = (p.clamp(0.0, 1.0) * SCORE_SCALE).round() as u32;
        ModelScore(NonZeroU32::MIN.saturating_add(millionths))
    }

    /// The probability, to six decimals.
    pub fn get(self) -> f64 {
        f64::from(self.0.get() - 1) / SCORE_SCALE
    }
}

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
    /// The learned coder's score where the model made this coding (rule `model`); `None`
    /// for a coding of the rules or of a reviewer.
    pub score: Option<ModelScore>,
}

// a model's score fits in the padding: the rules' codings are no bigger for it
const _: () = assert!(std::mem::size_of::<ThemeHit>() == 32);

impl Evidence {
    /// Evidence of a learned coder: the span `start..end`, the sentence that contributed
    /// most to the model's score (a model coding has no codebook pattern).
    pub fn model(start: u32, end: u32) -> Evidence {
        Evidence {
            start,
            end,
            rule: MODEL_RULE,
            patterns: [NO_PATTERN, NO_PATTERN],
        }
    }

    /// Whether a learned coder gave this evidence (rule `model`).
    pub fn is_model(&self) -> bool {
        self.rule == MODEL_RULE
    }
}

impl ThemeHit {
    /// A coding of a learned coder: theme `theme` with probability `score`, its evidence the
    /// sentence `start..end`.
    pub fn model(theme: u32, start: u32, end: u32, score: f64) -> ThemeHit {
        ThemeHit {
            theme,
            evidence: vec![Evidence::model(start, end)],
            score: Some(ModelScore::new(score)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_coding_has_its_score_and_a_rules_coding_none() {
        let m = ThemeHit::model(2, 4, 9, 0.8125);
        assert_eq!(m.score.map(ModelScore::get), Some(0.8125));
        assert!(m.evidence[0].is_model());
        assert_eq!(m.evidence[0].patterns, [NO_PATTERN, NO_PATTERN]);
        for (p, kept) in [
            (0.0, 0.0),
            (1.0, 1.0),
            (1.5, 1.0),
            (-1.0, 0.0),
            (0.1234567, 0.123457),
        ] {
            assert_eq!(ModelScore::new(p).get(), kept, "{p}");
        }
        assert_eq!(std::mem::size_of::<Option<ModelScore>>(), 4);
    }
}
