//! The word splitter shared by the fast and the general analysis paths.
//!
//! A word is a maximal run of alphanumeric characters (and combining marks), where an
//! apostrophe between two word characters joins them ("don't", "council’s"). Everything
//! else — spaces, punctuation, hyphens, symbols such as `£` — separates words. Both paths
//! call this one function, so they cannot disagree on where words are.

use crate::classes::{classes, Classes};

/// Whether `c` is an apostrophe that may join two halves of a word.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Calls `emit(start, end)` with the byte range of each word of `text`, in order.
pub fn word_spans(text: &str, mut emit: impl FnMut(usize, usize)) {
    let mut start = 0usize;
    let mut last = 0u64;
    word_blocks(text, |base, len, w, carry| {
        emit_runs(w, carry, base, len, &mut start, &mut emit);
        last = (w >> (len - 1)) & 1;
    });
    // a word running to the end of the text
    if last == 1 {
        emit(start, text.len());
    }
}

/// How many words [`word_spans`] finds in `text`: the word starts counted 64 bytes at a
/// time, no word visited.
pub fn word_count(text: &str) -> usize {
    let mut n = 0;
    word_blocks(text, |_, _, w, carry| {
        n += (w & !((w << 1) | carry)).count_ones() as usize;
    });
    n
}

/// The definition, character by character (any text); the block paths are tested equal to
/// it.
#[cfg(test)]
fn char_word_spans(text: &str, mut emit: impl FnMut(usize, usize)) {
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start {
            let joins = is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
            if !joins {
                emit(s, i);
                start = None;
            }
        }
    }
    if let Some(s) = start {
        emit(s, text.len());
    }
}

/// Emits the words that end in a block whose word bytes are `w` (bit `k`: byte `base + k`),
/// `len` bytes long: a word ends where its run of ones does, and starts where the run
/// starts (`start` keeps a start until its end comes, in this block or a later one).
/// `carry` is 1 when the byte before the block is a word byte. A word running to the end of
/// the text is left to the caller.
// inlined into both splitters' loops (cachegrind)
#[inline(always)]
fn emit_runs(
    w: u64,
    carry: u64,
    base: usize,
    len: usize,
    start: &mut usize,
    emit: &mut impl FnMut(usize, usize),
) {
    let prev = (w << 1) | carry;
    let mut starts = w & !prev;
    let mut ends = !w & prev;
    if len < 64 {
        ends &= (1u64 << len) - 1;
    }
    // starts and ends alternate; an end may come first (a word from the block before)
    while starts | ends != 0 {
        let s = starts.trailing_zeros();
        let e = ends.trailing_zeros();
        if e < s {
            emit(*start, base + e as usize);
            ends &= ends - 1;
        } else {
            *start = base + s as usize;
            starts &= starts - 1;
        }
    }
}

/// Bits `from..to` of a 64-bit mask (`from < to <= 64`).
fn bits(from: usize, to: usize) -> u64 {
    (u64::MAX >> (64 - (to - from))) << from
}

/// Walks `text` 64 bytes at a time, calling `each(base, len, w, carry)` for each block: the
/// block starts at byte `base` and is `len` bytes long, `w` has bit `k` set when byte
/// `base + k` belongs to a word, and `carry` is 1 when the byte before the block does. The
/// runs of ones are the words, found with bit arithmetic instead of a branch per byte.
///
/// ASCII bytes are classed by their masks ([`classes`]): letters and digits, and apostrophes
/// with a word character on both sides. Each character of two or more bytes (rare: `£`,
/// `–`, `’`, `é`; none in ASCII text) is classed by itself, all its bytes alike — a word
/// character's (letter, digit, combining mark) as word bytes, an apostrophe's as word bytes
/// when the characters on both sides are word characters. A character cut by a block's end
/// carries its class into the next block.
// inlined into its two callers' loops (cachegrind)
#[inline(always)]
fn word_blocks(text: &str, mut each: impl FnMut(usize, usize, u64, u64)) {
    let b = text.as_bytes();
    let word_at = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_word_char)
    };
    // whether the last byte of the block before is a word character's (for the ASCII
    // apostrophes), and a word byte (for the runs)
    let (mut carry_char, mut carry) = (0u64, 0u64);
    // the bytes of this block that end a character begun in the block before: a word
    // character's, a joining apostrophe's
    let (mut spill_char, mut spill_join) = (0u64, 0u64);
    for (k, block) in b.chunks(64).enumerate() {
        let base = k * 64;
        let Classes {
            alnum,
            quote,
            lead: mut leads,
        } = classes(block);
        let mut chars = alnum | spill_char;
        let mut joined = spill_join;
        (spill_char, spill_join) = (0, 0);
        while leads != 0 {
            let at = base + leads.trailing_zeros() as usize;
            leads &= leads - 1;
            // a lead byte begins a character (the text is UTF-8)
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            let end = at + c.len_utf8();
            let (mask, spill) = if is_word_char(c) {
                (&mut chars, &mut spill_char)
            } else if is_apostrophe(c)
                && text[..at].chars().next_back().is_some_and(is_word_char)
                && word_at(end)
            {
                (&mut joined, &mut spill_join)
            } else {
                continue;
            };
            *mask |= bits(at - base, (end - base).min(64));
            if end > base + 64 {
                *spill = bits(0, end - base - 64);
            }
        }
        // an ASCII apostrophe joins when the bytes on both sides are word characters'; the
        // byte after the block is looked at only after an apostrophe (so it begins a
        // character)
        let before = (chars << 1) | carry_char;
        let next = quote >> 63 == 1 && word_at(base + 64);
        let after = (chars >> 1) | (u64::from(next) << 63);
        let w = chars | joined | (quote & before & after);
        each(base, block.len(), w, carry);
        carry = w >> 63;
        carry_char = chars >> 63;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let mut got = Vec::new();
        word_spans(text, |s, e| got.push(&text[s..e]));
        assert_eq!(got, expected, "splitting {text:?}");
    }

    #[test]
    fn splits_words() {
        check("", &[]);
        check("  ", &[]);
        check("Agree.", &["Agree"]);
        check("don't stop", &["don't", "stop"]);
        check("'quoted' words'", &["quoted", "words"]);
        check(
            "under-funded £200m, 2.6bn",
            &["under", "funded", "200m", "2", "6bn"],
        );
        check("can’t café naïve", &["can’t", "café", "naïve"]);
        check("e\u{301}cole x", &["e\u{301}cole", "x"]);
        check("rcc's\nCIN/CP", &["rcc's", "CIN", "CP"]);
        check("ends with apostrophe' ", &["ends", "with", "apostrophe"]);
    }

    #[test]
    fn word_count_counts_the_spans() {
        let pieces = [
            "word",
            "x",
            "don't",
            "'",
            "''",
            " ",
            "\n",
            "-",
            "9",
            "café",
            "’",
            "a'",
            "'b",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789abc",
        ];
        let mut ascii = 0;
        for text in tally_benchdata::pieced_texts(&pieces, 3_000, 0..40, false, 12) {
            let mut n = 0;
            word_spans(&text, |_, _| n += 1);
            assert_eq!(word_count(&text), n, "{text:?}");
            ascii += usize::from(text.is_ascii());
        }
        assert!(ascii > 300, "only {ascii} ASCII texts");
    }

    /// `word_spans` and `word_count` agree with the character-by-character definition.
    fn assert_splits_as_defined(text: &str) {
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        word_spans(text, |s, e| fast.push((s, e)));
        char_word_spans(text, |s, e| slow.push((s, e)));
        assert_eq!(fast, slow, "{text:?}");
        assert_eq!(word_count(text), slow.len(), "{text:?}");
    }

    #[test]
    fn mixed_text_splits_as_the_definition_does() {
        // letters of two, three and four bytes, apostrophes of one, two and three, other
        // characters of each length, combining marks; runs of ASCII long enough to cut them
        // at the blocks' edges
        let pieces = [
            "a",
            "Z9",
            "don",
            "'",
            "’",
            "‘",
            "ʼ",
            " ",
            ".",
            "-",
            "\n",
            "é",
            "ñ",
            "Ω",
            "中",
            "\u{301}",
            "£",
            "–",
            "“",
            "😀",
            "𝐀",
            "١",
            "x'y",
            "x’y",
            "é’s",
            "abcdefghijklmnopq",
            "rstuvwxyz0123456789 abc",
        ];
        let short = tally_benchdata::pieced_texts(&pieces, 10_000, 0..12, false, 3);
        let long = tally_benchdata::pieced_texts(&pieces, 10_000, 20..80, false, 4);
        let mut mixed = 0;
        for text in short.iter().chain(&long) {
            assert_splits_as_defined(text);
            mixed += usize::from(!text.is_ascii() && text.len() > 128);
        }
        assert!(mixed > 5_000, "only {mixed} long non-ASCII texts");
    }

    #[test]
    fn ascii_text_splits_as_the_definition_does() {
        let pieces = [
            "a", "Z9", "don", "'", "''", " ", "  ", ".", "-", "\n", "x'y", "_",
        ];
        // short texts, and lengths around the 64-byte blocks, where the masks join
        let short = tally_benchdata::pieced_texts(&pieces, 10_000, 0..12, false, 1);
        let long = tally_benchdata::pieced_texts(&pieces, 10_000, 40..100, false, 2);
        for text in short.iter().chain(&long) {
            assert_splits_as_defined(text);
        }
    }
}
