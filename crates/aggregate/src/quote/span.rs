//! Quotes: the sentence(s) around a piece of evidence, as an exact slice of the response,
//! and a deterministic score of how informative a quote is.
//!
//! A quote is the sentence holding the evidence (through the sentence holding its end). A
//! short sentence (under 8 words) is joined by the next sentence of the same paragraph, or
//! else the previous one, so a quote is not a fragment. A long one (over 60 words) is cut to
//! 50 words around the evidence at word boundaries, and marked as trimmed so reports show
//! an ellipsis. The quote is always `text[start..end]`.

use tally_text::{ascii_letter_counts, sentences, word_count, word_spans};

const SHORT: usize = 8;
const LONG: usize = 60;
const WINDOW: usize = 50;

/// A quote's place in its response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the quote's start in the response text.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// Text before `start` in the same sentence was cut.
    pub trimmed_start: bool,
    /// Text after `end` in the same sentence was cut.
    pub trimmed_end: bool,
    /// Words in the quote.
    pub words: usize,
}

/// The quote around evidence `ev_start..ev_end` of `text`.
pub fn quote_span(text: &str, ev_start: usize, ev_end: usize) -> QuoteSpan {
    quote_span_in(text, &sentences(text), ev_start, ev_end)
}

/// [`quote_span`] with the text's sentences already found (by [`tally_text::sentences`]).
pub fn quote_span_in(
    text: &str,
    sents: &[(usize, usize)],
    ev_start: usize,
    ev_end: usize,
) -> QuoteSpan {
    if sents.is_empty() {
        return QuoteSpan {
            start: ev_start,
            end: ev_end,
            trimmed_start: false,
            trimmed_end: false,
            words: word_count(&text[ev_start..ev_end]),
        };
    }
    let first = sents
        .iter()
        .position(|&(_, e)| e > ev_start)
        .unwrap_or(sents.len() - 1);
    let last = sents
        .iter()
        .rposition(|&(s, _)| s < ev_end)
        .unwrap_or(first)
        .max(first);
    let (mut start, mut end) = (sents[first].0.min(ev_start), sents[last].1.max(ev_end));
    let mut count = word_count(&text[start..end]);
    if count < SHORT {
        let same_paragraph = |a: usize, b: usize| !text[a..b].contains("\n\n");
        if let Some(&(ns, ne)) = sents
            .get(last + 1)
            .filter(|&&(ns, _)| same_paragraph(end, ns))
        {
            end = ne.max(ns);
            count = word_count(&text[start..end]);
        } else if first > 0 && same_paragraph(sents[first - 1].1, start) {
            start = sents[first - 1].0;
            count = word_count(&text[start..end]);
        }
    }
    if count <= LONG {
        return QuoteSpan {
            start,
            end,
            trimmed_start: false,
            trimmed_end: false,
            words: count,
        };
    }
    let mut words = Vec::with_capacity(count);
    word_spans(&text[start..end], |s, e| words.push((start + s, start + e)));
    // window of WINDOW words around the evidence
    let ev_word = words.iter().position(|&(_, e)| e > ev_start).unwrap_or(0);
    let ev_last = words
        .iter()
        .rposition(|&(s, _)| s < ev_end)
        .unwrap_or(ev_word)
        .max(ev_word);
    let span_words = ev_last - ev_word + 1;
    let before = WINDOW.saturating_sub(span_words) / 3;
    let lo = ev_word.saturating_sub(before);
    let hi = (lo + WINDOW.max(span_words)).min(words.len());
    let lo = hi.saturating_sub(WINDOW.max(span_words)).min(lo);
    let q_start = if lo == 0 { start } else { words[lo].0 };
    let q_end = if hi == words.len() {
        end
    } else {
        words[hi - 1].1
    };
    QuoteSpan {
        start: q_start.min(ev_start),
        end: q_end.max(ev_end),
        trimmed_start: lo > 0,
        trimmed_end: hi < words.len(),
        words: hi - lo,
    }
}

/// How informative a quote is: highest for 15–45 words, lower for fragments, trimmed quotes
/// and shouting; more evidence inside raises it. Deterministic.
pub fn score_quote(text: &str, span: &QuoteSpan, evidence_inside: usize) -> i64 {
    let w = span.words as i64;
    let mut score = if w < 6 {
        w * 3 - 40
    } else {
        40 - (w - 30).abs() / 2
    };
    score += 5 * (evidence_inside.min(3) as i64);
    if span.trimmed_start || span.trimmed_end {
        score -= 10;
    }
    let q = &text[span.start..span.end];
    let (letters, upper) = if q.is_ascii() {
        ascii_letter_counts(q.as_bytes())
    } else {
        q.chars().fold((0, 0), |(l, u), c| {
            (
                l + usize::from(c.is_alphabetic()),
                u + usize::from(c.is_uppercase()),
            )
        })
    };
    if letters >= 10 && upper * 10 > letters * 6 {
        score -= 25;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, ev: &str) -> String {
        let s = text.find(ev).unwrap();
        let q = quote_span(text, s, s + ev.len());
        let mut out = String::new();
        if q.trimmed_start {
            out.push('…');
        }
        out.push_str(&text[q.start..q.end]);
        if q.trimmed_end {
            out.push('…');
        }
        out
    }

    #[test]
    fn quotes_the_sentence_around_the_evidence() {
        let t = "I agree in principle and think it will help many families. But the funding is far too small for what is promised here. Thanks.";
        assert_eq!(
            quote(t, "funding"),
            "But the funding is far too small for what is promised here."
        );
    }

    #[test]
    fn short_sentences_are_joined_to_a_neighbour() {
        let t = "More funding. Without it nothing in this strategy will happen at all.";
        assert_eq!(quote(t, "funding"), t);
        let t2 = "We have waited two years for an assessment of our son. No respite.";
        assert_eq!(quote(t2, "respite"), t2);
        let t3 = "First paragraph here.\n\nNo respite.";
        assert_eq!(quote(t3, "respite"), "No respite.");
    }

    #[test]
    fn long_sentences_are_cut_around_the_evidence_at_word_boundaries() {
        let filler = "word ".repeat(80);
        let t = format!("{filler}the funding gap matters {filler}");
        let q = quote(&t, "funding");
        assert!(q.starts_with('…') && q.ends_with('…'), "{q}");
        assert!(q.contains("the funding gap matters"));
        assert_eq!(word_count(&q), WINDOW);
    }

    #[test]
    fn scores_prefer_full_informative_sentences() {
        let frag = "Funding.";
        let full = "The council has cut early help twice in five years and the funding promised will not replace what was lost here.";
        let sf = score_quote(frag, &quote_span(frag, 0, 7), 1);
        let sl = score_quote(full, &quote_span(full, 0, 10), 1);
        assert!(sl > sf);
        let shout = "THE FUNDING IS NOT ENOUGH AND EVERYONE KNOWS IT IS NOT ENOUGH FOR FAMILIES.";
        assert!(score_quote(shout, &quote_span(shout, 4, 11), 1) < sl);
    }
}
