//! Word normalisation: Unicode decomposition, accent stripping and lower-casing through the
//! `tokenizers` crate's normalizers, with an ASCII fast path proven equal to it.
//!
//! Normal form of a word: NFKD, combining accents removed, lower case, apostrophes removed
//! ("Can’t" → "cant", "Café" → "cafe", "ﬁnance" → "finance"). Words are first found by
//! [`crate::word_spans`] and handed to `tokenizers` as the splits of a `PreTokenizedString`,
//! so the original byte offsets of each word are the ones `tokenizers` reports back.

use tokenizers::normalizer::Range;
use tokenizers::normalizers::{Lowercase, Sequence, StripAccents, NFKD};
use tokenizers::{NormalizedString, Normalizer, OffsetReferential, OffsetType, PreTokenizedString};

use crate::words::{is_apostrophe, word_spans};

/// Normalises words; built once, used for every response.
#[derive(Debug)]
pub struct Normaliser {
    unicode: Sequence,
}

impl Default for Normaliser {
    fn default() -> Self {
        Self::new()
    }
}

impl Normaliser {
    /// The normaliser: NFKD, then StripAccents, then Lowercase.
    pub fn new() -> Self {
        Normaliser {
            unicode: Sequence::new(vec![NFKD.into(), StripAccents.into(), Lowercase.into()]),
        }
    }

    /// Splits `text` into words and calls `emit(start, end, normalised)` for each, with the
    /// byte range in `text`. Words whose normal form is empty are skipped.
    pub fn words(&self, text: &str, mut emit: impl FnMut(usize, usize, &str)) {
        if text.is_ascii() {
            self.ascii_words(text, emit);
            return;
        }
        // Decide per word: a text with one `£` or curly quote is mostly ASCII words, which
        // take the fast path; only words with a non-ASCII character go through `tokenizers`.
        // The result equals `general_words` on the whole text (tested).
        let mut buf = String::with_capacity(32);
        word_spans(text, |s, e| {
            let word = &text[s..e];
            if word.is_ascii() {
                buf.clear();
                buf.extend(
                    word.bytes()
                        .filter(|&b| b != b'\'')
                        .map(|b| b.to_ascii_lowercase() as char),
                );
                emit(s, e, &buf);
            } else {
                for (ws, we, norm) in self.general_words(word) {
                    emit(s + ws, s + we, &norm);
                }
            }
        });
    }

    /// The fast path for ASCII text: lower-case and drop apostrophes, no allocation but the
    /// caller's reused buffer.
    fn ascii_words(&self, text: &str, mut emit: impl FnMut(usize, usize, &str)) {
        let mut buf = String::with_capacity(32);
        word_spans(text, |s, e| {
            buf.clear();
            buf.push_str(&text[s..e]);
            buf.make_ascii_lowercase();
            if buf.contains('\'') {
                buf.retain(|c| c != '\'');
            }
            emit(s, e, &buf);
        });
    }

    /// The general path, through `tokenizers`: the words become the splits of a
    /// `PreTokenizedString`, each split is normalised, and the splits are read back with
    /// their offsets in the original text.
    pub fn general_words(&self, text: &str) -> Vec<(usize, usize, String)> {
        let mut pre = PreTokenizedString::from(text);
        let split = pre.split(|_, whole: NormalizedString| {
            let mut parts = Vec::new();
            word_spans(whole.get(), |s, e| {
                if let Some(part) = whole.slice(Range::Normalized(s..e)) {
                    parts.push(part);
                }
            });
            Ok(parts)
        });
        let normalised = split.and_then(|()| {
            pre.normalize(|n| {
                n.filter(|c| !is_apostrophe(c));
                self.unicode.normalize(n)
            })
        });
        if normalised.is_err() {
            // The normalizers used here cannot fail on valid UTF-8; should that change,
            // fall back to lower-casing so no word is lost.
            let mut out = Vec::new();
            word_spans(text, |s, e| {
                let norm: String = text[s..e]
                    .chars()
                    .filter(|&c| !is_apostrophe(c))
                    .flat_map(char::to_lowercase)
                    .collect();
                out.push((s, e, norm));
            });
            return out;
        }
        pre.get_splits(OffsetReferential::Original, OffsetType::Byte)
            .into_iter()
            .filter(|(norm, _, _)| !norm.is_empty())
            .map(|(norm, (s, e), _)| (s, e, norm.to_string()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String)> {
        let n = Normaliser::new();
        let mut out = Vec::new();
        n.words(text, |s, e, norm| {
            out.push((text[s..e].to_string(), norm.to_string()))
        });
        out
    }

    fn check(text: &str, expected: &[(&str, &str)]) {
        let got = words(text);
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "normalising {text:?}");
    }

    #[test]
    fn normalises_words() {
        check("Don't PANIC", &[("Don't", "dont"), ("PANIC", "panic")]);
        check("Can’t", &[("Can’t", "cant")]);
        check("Café naïve", &[("Café", "cafe"), ("naïve", "naive")]);
        check("ﬁnance", &[("ﬁnance", "finance")]);
        check("ＲＣＣ", &[("ＲＣＣ", "rcc")]);
        check("e\u{301}cole", &[("e\u{301}cole", "ecole")]);
        check(
            "Council’s £2.6bn",
            &[("Council’s", "councils"), ("2", "2"), ("6bn", "6bn")],
        );
    }

    /// Per-word normalisation of mixed text equals the whole text through `tokenizers`.
    #[test]
    fn per_word_path_equals_general_path_on_mixed_text() {
        let n = Normaliser::new();
        let pieces = [
            "Funding",
            "£200m",
            "can’t",
            "don't",
            "Café",
            "naïve",
            "ﬁnance",
            "ＲＣＣ",
            "e\u{301}cole",
            "😀",
            "“quoted”",
            "under-funded",
            "–",
            "x'y",
            "'",
            "’",
            " ",
            "\n",
            ".",
            "ß",
            "İstanbul",
            "Ωmega",
            "a\u{200b}b",
        ];
        let mut compared = 0;
        for text in tally_benchdata::pieced_texts(&pieces, 2000, 1..33, true, 6) {
            let mut per_word = Vec::new();
            n.words(&text, |s, e, norm| per_word.push((s, e, norm.to_string())));
            assert_eq!(per_word, n.general_words(&text), "paths differ on {text:?}");
            compared += usize::from(!text.is_ascii());
        }
        assert!(compared > 1000, "only {compared} non-ASCII texts");
    }

    /// The ASCII fast path and the `tokenizers` path agree on every ASCII input.
    #[test]
    fn fast_path_equals_general_path() {
        let n = Normaliser::new();
        let samples = [
            "Funding is NOT the issue, it's culture.",
            "we dont have enough SWs - caseloads of 30+!!",
            "'quoted' rcc's CIN/CP under-funded 200m... 2.6bn",
            "",
            "   \n\n  ",
            "a'b' 'c d'e'f x'' ''y",
        ];
        // random strings over a small alphabet, up to 63 characters
        let alphabet = [
            "a", "b", "c", "X", "Y", "Z", "0", "1", "9", " ", "'", "\n", ".", ",", "-", "'",
        ];
        let generated = tally_benchdata::pieced_texts(&alphabet, 500, 0..64, false, 7);
        for text in samples
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let mut fast = Vec::new();
            n.ascii_words(text, |s, e, norm| fast.push((s, e, norm.to_string())));
            assert_eq!(fast, n.general_words(text), "paths differ on {text:?}");
        }
    }
}
