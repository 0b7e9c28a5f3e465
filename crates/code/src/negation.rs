//! Negation: when a cue such as *not*, *no*, *never*, *isn't* or *nothing* cancels a match.
//!
//! Two patterns cancel a match (unless its rule sets `negation = false`):
//! - **before**: a cue among the `window` words before the match, in the same clause (no
//!   comma, colon, bracket or sentence break in between) — "we do not need more
//!   investment" … — unless a word of quantity stands between cue and match ("not *enough*
//!   funding", "no *more* social workers", "never *just* pay"), which expresses a lack
//!   rather than a denial;
//! - **after**: the match followed by a copula and a cue and a word like *issue* /
//!   *problem* / *answer* / *needed* — "funding is not the issue", "money isn't really the
//!   problem", "more social workers are not needed". "Funding is not the *only* issue"
//!   does not cancel.
//!
//! The word lists are normalised forms (lower case, apostrophes removed: "isn't" → "isnt").

/// The word is a negation cue.
pub(crate) const CUE: u8 = 1;
/// The word expresses quantity ("enough", "more"): between a cue and a match, it means lack.
pub(crate) const QUANTITY: u8 = 2;
/// A copula or adverb that may stand between a match and a following cue.
pub(crate) const COPULA: u8 = 4;
/// A cue that can follow the match ("is *not* the issue").
pub(crate) const AFTER_CUE: u8 = 8;
/// A determiner or adjective before the problem word ("not *the main* issue").
pub(crate) const FILLER: u8 = 16;
/// A word that completes a denial after a match ("not the *issue*").
pub(crate) const PROBLEM: u8 = 32;

const CUES: &[&str] = &[
    "not", "no", "never", "nothing", "none", "neither", "nor", "nobody", "isnt", "arent", "wasnt",
    "werent", "dont", "doesnt", "didnt", "cant", "cannot", "couldnt", "wont", "wouldnt",
    "shouldnt", "hardly", "aint", "havent", "hasnt", "hadnt", "without",
];
const QUANTITIES: &[&str] = &[
    "enough",
    "sufficient",
    "sufficiently",
    "adequate",
    "adequately",
    "more",
    "longer",
    "only",
    "just",
    "less",
    "fewer",
    "much",
    "many",
    "any",
    "proper",
    "properly",
    "real",
    "extra",
    "additional",
];
const COPULAS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "s",
    "really",
    "actually",
    "necessarily",
    "simply",
    "always",
    "honestly",
    "certainly",
    "itself",
    "alone",
    "in",
    "itself",
    "per",
    "se",
];
const AFTER_CUES: &[&str] = &[
    "not", "never", "isnt", "arent", "wasnt", "werent", "aint", "hardly",
];
const FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "our",
    "my",
    "main",
    "real",
    "really",
    "biggest",
    "big",
    "key",
    "primary",
    "central",
    "underlying",
    "whole",
    "core",
    "root",
    "major",
    "actual",
    "necessarily",
    "an",
];
const PROBLEMS: &[&str] = &[
    "issue",
    "issues",
    "problem",
    "problems",
    "answer",
    "concern",
    "priority",
    "point",
    "solution",
    "barrier",
    "cause",
    "question",
    "needed",
    "necessary",
    "required",
    "factor",
    "worry",
    "fix",
];

/// The negation flags of a normalised word.
pub(crate) fn flags_of(norm: &str) -> u8 {
    let mut f = 0;
    for (list, flag) in [
        (CUES, CUE),
        (QUANTITIES, QUANTITY),
        (COPULAS, COPULA),
        (AFTER_CUES, AFTER_CUE),
        (FILLERS, FILLER),
        (PROBLEMS, PROBLEM),
    ] {
        if list.contains(&norm) {
            f |= flag;
        }
    }
    f
}

/// Whether the match over words `first..end` is negated. `flags[i]` are word `i`'s flags
/// and `breaks[i]` says a clause break stands before word `i`.
pub(crate) fn is_negated(
    flags: &[u8],
    breaks: &[bool],
    first: usize,
    end: usize,
    window: usize,
) -> bool {
    negated_before(flags, breaks, first, window) || denied_after(flags, breaks, end)
}

fn negated_before(flags: &[u8], breaks: &[bool], first: usize, window: usize) -> bool {
    let mut j = first;
    for _ in 0..window {
        if j == 0 || breaks[j] {
            return false;
        }
        j -= 1;
        if flags[j] & CUE != 0 {
            return true;
        }
        if flags[j] & QUANTITY != 0 {
            return false;
        }
    }
    false
}

fn denied_after(flags: &[u8], breaks: &[bool], end: usize) -> bool {
    let n = flags.len();
    let mut k = end;
    let mut skipped = 0;
    while k < n && skipped < 3 && !breaks[k] && flags[k] & AFTER_CUE == 0 && flags[k] & COPULA != 0
    {
        k += 1;
        skipped += 1;
    }
    if k >= n || breaks[k] || flags[k] & AFTER_CUE == 0 {
        return false;
    }
    k += 1;
    skipped = 0;
    while k < n && skipped < 3 && !breaks[k] && flags[k] & FILLER != 0 {
        k += 1;
        skipped += 1;
    }
    k < n && !breaks[k] && flags[k] & PROBLEM != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_text::{Analysis, Analyzer};

    /// Whether the first occurrence of `target` (a single word) in `text` is negated.
    fn negated(text: &str, target: &str) -> bool {
        let mut a = Analysis::default();
        Analyzer::new().analyse(text, &mut a);
        let flags: Vec<u8> = a.tokens.iter().map(|t| flags_of(a.norm(t))).collect();
        let breaks: Vec<bool> = a.tokens.iter().map(|t| t.clause_break).collect();
        let i = a
            .tokens
            .iter()
            .position(|t| a.norm(t) == target)
            .expect("target present");
        is_negated(&flags, &breaks, i, i + 1, 3)
    }

    #[test]
    fn cues_before_cancel() {
        assert!(negated("We do not need funding for this", "funding"));
        assert!(negated("I don't think funding matters", "funding"));
        assert!(negated("no concerns about the cooperatives", "concerns"));
        assert!(negated("nothing about funding", "funding"));
    }

    #[test]
    fn cues_far_away_or_across_clauses_do_not() {
        assert!(!negated("We need funding", "funding"));
        assert!(!negated("Not sure, but funding is short", "funding"));
        assert!(!negated("No. Funding is short", "funding"));
        assert!(!negated(
            "I do not think that the government understands funding",
            "funding"
        ));
    }

    #[test]
    fn quantity_words_express_lack_not_denial() {
        assert!(!negated("there is not enough funding", "funding"));
        assert!(!negated("we have no more social workers", "social"));
        assert!(!negated("there isn't any funding", "funding"));
    }

    #[test]
    fn denials_after_the_match_cancel() {
        assert!(negated("Funding is not the issue here", "funding"));
        assert!(negated("funding isn't really the problem", "funding"));
        assert!(negated("Money is not the main issue, culture is", "money"));
        assert!(negated("more funding is not needed", "funding"));
        assert!(!negated("Funding is not the only issue", "funding"));
        assert!(!negated("Funding is not enough", "funding"));
        assert!(!negated("Funding, not the issue of pay", "funding"));
    }
}
