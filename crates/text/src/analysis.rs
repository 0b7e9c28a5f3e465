//! The analysis of one response: its tokens, their normal forms and sentences, in buffers
//! reused from one response to the next.

use crate::normalise::Normaliser;
use crate::sentences::sentences_into;
use crate::stem::Stemmer;

/// One word of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word's first byte in the original text.
    pub start: u32,
    /// Byte offset just past the word in the original text.
    pub end: u32,
    norm_start: u32,
    norm_end: u32,
    /// Index of the sentence the word is in.
    pub sentence: u32,
    /// Whether clause punctuation (`, ; : ( ) —` …) or a sentence break separates this word
    /// from the one before it.
    pub clause_break: bool,
}

/// The analysis of one text; reuse one value across texts to avoid allocating.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    /// The words, in order.
    pub tokens: Vec<Token>,
    /// Sentences as byte ranges of the original text.
    pub sentences: Vec<(usize, usize)>,
    norm: String,
}

impl Analysis {
    /// The normalised form of `token` (lower case, no accents or apostrophes).
    pub fn norm(&self, token: &Token) -> &str {
        &self.norm[token.norm_start as usize..token.norm_end as usize]
    }
}

/// The configured analysis chain: split → normalise → (stem on demand) → sentences.
#[derive(Debug, Default)]
pub struct Analyzer {
    normaliser: Normaliser,
    stemmer: Stemmer,
}

impl Analyzer {
    /// The English analysis chain.
    pub fn new() -> Self {
        Analyzer {
            normaliser: Normaliser::new(),
            stemmer: Stemmer::new(),
        }
    }

    /// The stem of a normalised word.
    pub fn stem<'a>(&self, norm: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(norm)
    }

    /// Analyses `text` into `out`, replacing what `out` held.
    ///
    /// Texts longer than `u32::MAX` bytes are analysed up to that length.
    pub fn analyse(&self, text: &str, out: &mut Analysis) {
        out.tokens.clear();
        let text = clamp(text);
        sentences_into(text, &mut out.sentences);
        let mut sentence = 0usize;
        let mut prev_end = 0usize;
        let sents = &out.sentences;
        let tokens = &mut out.tokens;
        let norm_buf = &mut out.norm;
        self.normaliser.words_into(text, norm_buf, |s, e, ns, ne| {
            let mut new_sentence = false;
            while sentence + 1 < sents.len() && sents[sentence].1 <= s {
                sentence += 1;
                new_sentence = true;
            }
            let clause_break = new_sentence || is_clause_gap(&text[prev_end..s]);
            tokens.push(Token {
                start: s as u32,
                end: e as u32,
                norm_start: ns as u32,
                norm_end: ne as u32,
                sentence: sentence as u32,
                clause_break,
            });
            prev_end = e;
        });
    }
}

/// Whether the text between two words holds clause punctuation: `, ; : ( ) [ ] — – . ! ?`,
/// a line break, or a spaced hyphen (" - "). Most gaps are one space: looked at byte by byte.
fn is_clause_gap(gap: &str) -> bool {
    let b = gap.as_bytes();
    let punctuation = |c: &u8| {
        matches!(
            c,
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'.' | b'!' | b'?' | b'\n'
        )
    };
    if b.len() == 1 {
        return punctuation(&b[0]);
    }
    b.iter().any(punctuation) || gap.contains(['—', '–']) || b.windows(3).any(|w| w == b" - ")
}

fn clamp(text: &str) -> &str {
    let max = u32::MAX as usize;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_gaps() {
        for gap in [",", " (", "; ", ".\n", " — ", "–", " - ", "\n", "?!"] {
            assert!(is_clause_gap(gap), "{gap:?}");
        }
        for gap in [" ", "  ", "-", " -", "- ", "\t", " / ", "’", " & ", ""] {
            assert!(!is_clause_gap(gap), "{gap:?}");
        }
    }

    #[test]
    fn tokens_slice_the_original_and_know_their_sentences() {
        let a = Analyzer::new();
        let mut out = Analysis::default();
        let text = "Funding, not  the issue. Naïve RCC’s work!\n\nNext para";
        a.analyse(text, &mut out);
        let got: Vec<(&str, &str, u32, bool)> = out
            .tokens
            .iter()
            .map(|t| {
                (
                    &text[t.start as usize..t.end as usize],
                    out.norm(t),
                    t.sentence,
                    t.clause_break,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Funding", "funding", 0, false),
                ("not", "not", 0, true),
                ("the", "the", 0, false),
                ("issue", "issue", 0, false),
                ("Naïve", "naive", 1, true),
                ("RCC’s", "rccs", 1, false),
                ("work", "work", 1, false),
                ("Next", "next", 2, true),
                ("para", "para", 2, false),
            ]
        );
        // the buffers are reused: a second, shorter text leaves nothing behind
        a.analyse("ok", &mut out);
        assert_eq!(out.tokens.len(), 1);
        assert_eq!(out.norm(&out.tokens[0]), "ok");
    }
}
