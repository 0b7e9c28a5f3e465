//! How strongly a response's evidence supports a theme, so published quotes rest on strong
//! evidence: a phrase, a proximity rule or a reviewer's span is stronger than several
//! one-word matches, which are stronger than a single one. A single one-word match (one
//! stemmed word: "targeted" through the pattern `targets`) is the weakest evidence there is,
//! and is quoted only when the theme has no other candidate (see `select.rs`).

use tally_code::{Evidence, ThemeHit, NO_PATTERN, REVIEW_RULE};
use tally_text::word_count;

/// One word matched by a one-word pattern (or a regex matching one word), and nothing else.
pub const WEAK: u8 = 0;
/// Several spans, each one word.
pub const WORDS: u8 = 1;
/// At least one span of several words (a phrase, a proximity rule, a longer regex match) or
/// one a reviewer marked.
pub const STRONG: u8 = 2;

/// Whether one span is strong evidence by itself: several words, two patterns, or a reviewer's.
pub fn strong_evidence(text: &str, e: &Evidence) -> bool {
    e.patterns[1] != NO_PATTERN
        || e.rule == REVIEW_RULE
        || text
            .get(e.start as usize..e.end as usize)
            .is_some_and(|s| word_count(s) > 1)
}

/// The strength of a theme's evidence in `text`: [`WEAK`], [`WORDS`] or [`STRONG`].
pub fn strength(text: &str, hit: &ThemeHit) -> u8 {
    if hit.evidence.iter().any(|e| strong_evidence(text, e)) {
        STRONG
    } else if hit.evidence.len() > 1 {
        WORDS
    } else {
        WEAK
    }
}

/// The evidence a quote is built around: the first strong span, else the first span.
pub fn anchor<'a>(text: &str, hit: &'a ThemeHit) -> Option<&'a Evidence> {
    hit.evidence
        .iter()
        .find(|e| strong_evidence(text, e))
        .or_else(|| hit.evidence.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str, span: &str, second: bool) -> Evidence {
        let s = text.find(span).expect("span in text") as u32;
        Evidence {
            start: s,
            end: s + span.len() as u32,
            rule: 0,
            patterns: [0, if second { 1 } else { NO_PATTERN }],
        }
    }

    fn check(text: &str, spans: &[(&str, bool)], expected: u8, anchored: &str) {
        let hit = ThemeHit {
            theme: 0,
            evidence: spans.iter().map(|&(s, two)| ev(text, s, two)).collect(),
            score: None,
        };
        assert_eq!(strength(text, &hit), expected, "{spans:?} in {text:?}");
        let a = anchor(text, &hit).expect("evidence");
        assert_eq!(&text[a.start as usize..a.end as usize], anchored);
    }

    #[test]
    fn grades_evidence() {
        let t = "Targeted early help works; staff want more money and fewer targets.";
        check(t, &[("Targeted", false)], WEAK, "Targeted");
        check(
            t,
            &[("Targeted", false), ("targets", false)],
            WORDS,
            "Targeted",
        );
        check(
            t,
            &[("Targeted", false), ("more money", false)],
            STRONG,
            "more money",
        );
        check(t, &[("staff", true)], STRONG, "staff");
    }
}
