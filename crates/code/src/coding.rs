//! What coding one response produces.

/// Marks an absent pattern in [`Evidence::patterns`].
pub const NO_PATTERN: u32 = u32::MAX;

/// The rule of evidence that a reviewer added (not found by the codebook).
pub const REVIEW_RULE: u32 = u32::MAX;

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
