//! Words no proposal may rest on: English stopwords (NLTK's list, from the `stop-words`
//! crate), normalised the way tally normalises text (`don't` → `dont`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use tally_text::Normaliser;

fn set() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let normaliser = Normaliser::new();
        let mut set = FxHashSet::default();
        for w in stop_words::lookup("en").unwrap_or_default() {
            normaliser.words(w, |_, _, norm| {
                set.insert(norm.to_string());
            });
        }
        set
    })
}

/// Whether the normalised word `norm` is a stopword.
pub fn is_stopword(norm: &str) -> bool {
    set().contains(norm)
}

/// Whether `norm` can carry a proposal on its own: at least three characters, not a
/// stopword, and letters only (numbers and codes belong to particular rows).
pub fn is_content_word(norm: &str) -> bool {
    norm.chars().count() >= 3 && norm.chars().all(|c| c.is_ascii_lowercase()) && !is_stopword(norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_normalised_and_content_words_are_not_stopwords() {
        assert!(is_stopword("the"));
        assert!(is_stopword("dont"));
        assert!(is_stopword("not"));
        assert!(!is_content_word("the"));
        assert!(!is_content_word("a"));
        assert!(!is_content_word("x"));
        assert!(!is_content_word("20"));
        assert!(is_content_word("funding"));
    }
}
