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
        // Decide per word: a text with one `£` or curly quote is mostly ASCII words, whose
        // forms are their ranges of the text lower-cased (as on the ASCII path), and words
        // whose only non-ASCII characters are apostrophes (`can’t`) take the simple form;
        // only words with another non-ASCII character go through `tokenizers`. The result
        // equals `general_words` on the whole text (tested).
        let lower = text.to_ascii_lowercase();
        let mut buf = String::with_capacity(32);
        word_spans(text, |s, e| {
            if is_plain(&text.as_bytes()[s..e]) {
                emit(s, e, &lower[s..e]);
                return;
            }
            buf.clear();
            self.push_word_forms(text, s, e, &mut buf, |ws, we, _, form| emit(ws, we, form));
        });
    }

    /// The normal form(s) of word `s..e` of non-ASCII `text`, appended to `out`: its simple
    /// form ([`push_simple_form`]), or what the general path makes of it (a word `tokenizers`
    /// splits has several forms; one whose form is empty has none). Calls
    /// `emit(start, end, form_start, form)` for each, with its range in `text` and where it
    /// starts in `out`.
    fn push_word_forms(
        &self,
        text: &str,
        s: usize,
        e: usize,
        out: &mut String,
        mut emit: impl FnMut(usize, usize, usize, &str),
    ) {
        let word = &text[s..e];
        let ns = out.len();
        if push_simple_form(word, out) {
            emit(s, e, ns, &out[ns..]);
            return;
        }
        for (ws, we, form) in self.general_words(word) {
            let ns = out.len();
            out.push_str(&form);
            emit(s + ws, s + we, ns, &out[ns..]);
        }
    }

    /// [`Normaliser::words`], writing the normal forms into `norm` (emptied first) and
    /// calling `emit(start, end, norm_start, norm_end)` with the word's byte range in `text`
    /// and its normal form's in `norm`. `norm` begins with the whole text, its ASCII
    /// letters lower-cased, and the normal form of a word of ASCII letters and digits is its
    /// own range there; any other word's (an apostrophe, a letter outside ASCII) is appended:
    /// no copy per word for most words.
    pub fn words_into(
        &self,
        text: &str,
        norm: &mut String,
        mut emit: impl FnMut(usize, usize, usize, usize),
    ) {
        norm.clear();
        norm.push_str(text);
        norm.make_ascii_lowercase();
        if !text.is_ascii() {
            // as `words` does, without its buffer: a word of ASCII letters and digits is
            // its own range of the lower-cased text (as on the ASCII path); any other's
            // forms are appended
            word_spans(text, |s, e| {
                if is_plain(&text.as_bytes()[s..e]) {
                    emit(s, e, s, e);
                    return;
                }
                self.push_word_forms(text, s, e, norm, |ws, we, ns, form| {
                    emit(ws, we, ns, ns + form.len())
                });
            });
            return;
        }
        ascii_spans(text, |s, e, apostrophe| {
            if apostrophe {
                let ns = norm.len();
                for i in s..e {
                    let b = norm.as_bytes()[i];
                    if b != b'\'' {
                        norm.push(char::from(b));
                    }
                }
                emit(s, e, ns, norm.len());
            } else {
                emit(s, e, s, e);
            }
        });
    }

    /// The fast path for ASCII text: the whole text lower-cased once (an ASCII word byte is a
    /// letter, a digit or an apostrophe), each word's normal form a slice of it; only a word
    /// holding an apostrophe is copied, without it, into a reused buffer.
    fn ascii_words(&self, text: &str, mut emit: impl FnMut(usize, usize, &str)) {
        let lower = text.to_ascii_lowercase();
        let mut buf = String::new();
        ascii_spans(text, |s, e, apostrophe| {
            let word = &lower[s..e];
            if apostrophe {
                buf.clear();
                buf.extend(word.chars().filter(|&c| c != '\''));
                emit(s, e, &buf);
            } else {
                emit(s, e, word);
            }
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

/// Whether a word is ASCII letters and digits only: its normal form is then its own bytes
/// lower-cased (a slice of the text lower-cased once), on every path.
fn is_plain(word: &[u8]) -> bool {
    word.is_ascii() && !word.contains(&b'\'')
}

/// Appends the normal form of `word` to `out` when the word is ASCII but for apostrophes
/// (`can’t`, typed with a curly one): lower case, the apostrophes dropped — what the
/// `tokenizers` chain makes of such a word, without it (tested). Returns whether it did;
/// other words, and words whose form would be empty, take the general path.
fn push_simple_form(word: &str, out: &mut String) -> bool {
    let before = out.len();
    if word.is_ascii() {
        if word.contains('\'') {
            out.extend(
                word.bytes()
                    .filter(|&b| b != b'\'')
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            out.push_str(word);
            out[before..].make_ascii_lowercase();
        }
        return true;
    }
    if !word.chars().all(|c| c.is_ascii() || is_apostrophe(c)) {
        return false;
    }
    out.extend(
        word.chars()
            .filter(|&c| !is_apostrophe(c))
            .map(|c| c.to_ascii_lowercase()),
    );
    // a word of apostrophes only (`ʼ`, U+02BC, is a letter to `word_spans`) has no
    // form: the general path drops it, and so must this one
    if out.len() == before {
        return false;
    }
    true
}

/// The words of ASCII `text` ([`word_spans`]), each with whether it holds an apostrophe
/// (the apostrophes are found once for the whole text).
fn ascii_spans(text: &str, mut emit: impl FnMut(usize, usize, bool)) {
    let mut apostrophes = memchr::memchr_iter(b'\'', text.as_bytes()).peekable();
    word_spans(text, |s, e| {
        while apostrophes.next_if(|&p| p < s).is_some() {}
        emit(s, e, apostrophes.peek().is_some_and(|&p| p < e));
    });
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
            "ʼ",
            "ʼʼ",
            "‘",
            "donʼt",
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

    /// `words_into` gives every word the range and normal form `words` gives it, on ASCII
    /// text (forms sliced from the lower-cased text, or appended when a word holds an
    /// apostrophe) and on mixed text.
    #[test]
    fn words_into_equals_words() {
        let n = Normaliser::new();
        let pieces = [
            "Fund",
            "ing",
            "don't",
            "x'y",
            "'",
            "''",
            "O'Neill's",
            " ",
            "\n",
            ".",
            "-",
            "9",
            "can’t",
            "Café",
            "ʼ",
            "donʼt",
            "‘",
            "İstanbul",
            "ﬁnance",
            "ＲＣＣ",
            "£200m",
            "ABC",
        ];
        let texts = tally_benchdata::pieced_texts(&pieces, 6000, 0..30, true, 8);
        let mut norm = String::from("left over");
        let (mut with_apostrophe, mut ascii) = (0, 0);
        for text in &texts {
            let mut want = Vec::new();
            n.words(text, |s, e, w| want.push((s, e, w.to_string())));
            let mut got = Vec::new();
            n.words_into(text, &mut norm, |s, e, ns, ne| got.push((s, e, ns, ne)));
            let got: Vec<_> = got
                .into_iter()
                .map(|(s, e, ns, ne)| (s, e, norm[ns..ne].to_string()))
                .collect();
            assert_eq!(got, want, "differ on {text:?}");
            ascii += usize::from(text.is_ascii());
            with_apostrophe += usize::from(
                text.is_ascii() && want.iter().any(|(s, e, _)| text[*s..*e].contains('\'')),
            );
        }
        assert!(
            ascii > 100 && with_apostrophe > 50,
            "{ascii} ASCII texts, {with_apostrophe} with a joined apostrophe"
        );
    }
}
