//! Quote candidates: for each theme a response raises, the quote around its strongest
//! evidence, graded and scored, with a tie-break. Made per response, in parallel; which
//! candidates are shown is decided in `select.rs`.

use tally_code::ThemeHit;
use tally_ingest::Response;
use xxhash_rust::xxh3::xxh3_64;

use super::span::{quote_span_in, score_quote, QuoteSpan};
use super::strength::{anchor, strength};

/// A possible quote for one theme of one response: its span and score, no text yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteCandidate {
    pub(super) theme: u32,
    pub(super) strength: u8,
    pub(super) score: i64,
    pub(super) tiebreak: u64,
    pub(super) span: QuoteSpan,
}

/// The quote candidates of a coded response, one per theme with evidence: the sentence(s)
/// around the theme's strongest evidence (its first phrase or proximity span, else its first
/// span), graded by the strength of all its evidence and scored. Pure: safe to run in
/// parallel.
pub fn quote_candidates(r: &Response, hits: &[ThemeHit]) -> Vec<QuoteCandidate> {
    if hits.iter().all(|h| h.evidence.is_empty()) {
        return Vec::new();
    }
    quote_candidates_in(r, hits, &tally_text::sentences(&r.text))
}

/// [`quote_candidates`] with the response's sentences already found (by
/// [`tally_text::sentences`], as the matcher's analysis holds them).
pub fn quote_candidates_in(
    r: &Response,
    hits: &[ThemeHit],
    sents: &[(usize, usize)],
) -> Vec<QuoteCandidate> {
    let mut out = Vec::with_capacity(hits.len());
    let mut ties = Tiebreaks::new(&r.id);
    for h in hits {
        let Some(first) = anchor(&r.text, h) else {
            continue;
        };
        let span = quote_span_in(&r.text, sents, first.start as usize, first.end as usize);
        let inside = h
            .evidence
            .iter()
            .filter(|e| e.start as usize >= span.start && e.end as usize <= span.end)
            .count();
        out.push(QuoteCandidate {
            theme: h.theme,
            strength: strength(&r.text, h),
            score: score_quote(&r.text, &span, inside),
            tiebreak: ties.of(h.theme),
            span,
        });
    }
    out
}

/// The quote candidates another response with the same question and text has (what
/// [`quote_candidates_in`] makes for `r`): the same spans and scores, `r`'s own tie-breaks.
pub fn quote_candidates_for(r: &Response, same_text: &[QuoteCandidate]) -> Vec<QuoteCandidate> {
    let mut ties = Tiebreaks::new(&r.id);
    same_text
        .iter()
        .map(|c| QuoteCandidate {
            tiebreak: ties.of(c.theme),
            ..*c
        })
        .collect()
}

/// A candidate's tie-break: a hash of its response's id, a zero byte and its theme
/// (little-endian), made in a buffer on the stack when the id fits (ids over 59 bytes take
/// one on the heap).
struct Tiebreaks {
    short: [u8; SHORT_SEED],
    long: Vec<u8>,
    /// Bytes of the id and its zero byte.
    id_len: usize,
}

/// Bytes of the stack buffer for a tie-break's seed.
const SHORT_SEED: usize = 64;

impl Tiebreaks {
    fn new(response_id: &str) -> Self {
        let id = response_id.as_bytes();
        let id_len = id.len() + 1;
        let mut t = Tiebreaks {
            short: [0; SHORT_SEED],
            long: Vec::new(),
            id_len,
        };
        if id_len + 4 <= SHORT_SEED {
            t.short[..id.len()].copy_from_slice(id);
        } else {
            t.long.reserve_exact(id_len + 4);
            t.long.extend_from_slice(id);
            t.long.push(0);
        }
        t
    }

    fn of(&mut self, theme: u32) -> u64 {
        let n = self.id_len;
        if n + 4 <= SHORT_SEED {
            self.short[n..n + 4].copy_from_slice(&theme.to_le_bytes());
            xxh3_64(&self.short[..n + 4])
        } else {
            self.long.truncate(n);
            self.long.extend_from_slice(&theme.to_le_bytes());
            xxh3_64(&self.long)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tiebreak_hashes_the_id_a_zero_byte_and_the_theme() {
        for len in [0, 1, 58, 59, 60, 64, 200] {
            let id = "r".repeat(len);
            let mut ties = Tiebreaks::new(&id);
            for theme in [0u32, 7, u32::MAX] {
                let mut seed = id.as_bytes().to_vec();
                seed.push(0);
                seed.extend_from_slice(&theme.to_le_bytes());
                assert_eq!(
                    ties.of(theme),
                    xxh3_64(&seed),
                    "id of {len} bytes, theme {theme}"
                );
            }
        }
    }
}
