//! The English stopwords that may not start or end a phrase: NLTK's list (the `stop-words`
//! crate), normalised the way tally-text normalises words (apostrophes removed, so "don't"
//! is "dont").

use rustc_hash::FxHashSet;

/// A set of normalised stopwords.
#[derive(Debug, Clone)]
pub(crate) struct Stopwords(FxHashSet<String>);

impl Stopwords {
    /// NLTK's English list, normalised.
    pub(crate) fn english() -> Self {
        let words = stop_words::lookup("en").unwrap_or(&[]);
        Stopwords(
            words
                .iter()
                .map(|w| w.chars().filter(|c| !matches!(c, '\'' | '’')).collect())
                .collect(),
        )
    }

    /// Whether the normalised word `w` is a stopword.
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_list_is_loaded_and_normalised() {
        let s = Stopwords::english();
        for w in ["the", "and", "of", "dont", "not", "is"] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["respite", "funding", "don't"] {
            assert!(!s.contains(w), "{w}");
        }
    }
}
