//! English (Snowball) stemming with `rust-stemmers`.

use std::borrow::Cow;

use rust_stemmers::Algorithm;

/// An English Snowball stemmer. Stems normalised words ("funding" → "fund").
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(English)")
    }
}

impl Default for Stemmer {
    fn default() -> Self {
        Self::new()
    }
}

impl Stemmer {
    /// The English stemmer.
    pub fn new() -> Self {
        Stemmer {
            inner: rust_stemmers::Stemmer::create(Algorithm::English),
        }
    }

    /// The stem of a normalised word.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.inner.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_inflections_together() {
        let s = Stemmer::new();
        for w in ["fund", "funding", "funded", "funds"] {
            assert_eq!(s.stem(w), "fund", "{w}");
        }
        assert_eq!(s.stem("councils"), "council");
        assert_eq!(s.stem("placements"), s.stem("placement"));
        assert_ne!(
            s.stem("pay"),
            s.stem("paid"),
            "irregular forms are listed in codebooks"
        );
    }
}
