//! A cheap necessary condition for the word-by-word name scanner (`names.rs`), so that most
//! texts skip it: the scanner is by far the redactor's largest cost, and most responses hold
//! no word that could start a name.
//!
//! The scanner finds a name only where a word *starts* one (`names::cue_at` and
//! `names::bare_name`): a word on a name list (a given name, a word-like given name, a title,
//! a relative or role, as written or with `'s` or a `-…` after it), a cue word that begins a
//! cue ("name", "called", "known", "i'm", "made", "regards" …), "I" before "am" or a comma,
//! or "this" before "is". The other cue words ("is", "by", "my", "the", "saint" …) only ever
//! follow or precede such a word. So one pass over the words of an ASCII text (as the
//! scanner delimits them) rules most out by a one-bit-a-word filter of those words (a hash of
//! the length and the first, second and last letters, in any case; for `'s` and double
//! barrels, of the word's stem too), and looks the rest up as the scanner would. A text with
//! a non-ASCII character is always scanned whole (its words are lower-cased by Unicode
//! rules).
//!
//! The words found only decide where the unchanged scanner's step runs (`names/window.rs`),
//! so there may be too many but never too few: tests compare the result with the scanner
//! reading every word over the table, the example corpus and combinations of cues.

use crate::word_lists::{class, Lexicon, CUE_WORDS};

/// Cue words that never begin a cue: they only follow one ("is", "by", "as"), come before
/// a relative ("my", "the") or rule a name out ("saint").
const FOLLOWERS: &[&str] = &[
    "is", "are", "was", "as", "am", "by", "my", "our", "his", "her", "their", "a", "the", "foster",
    "st", "saint",
];

/// Where in `text` (if [`crate::names::ascii_words`]) a word that could start a name begins (in order), into `out`:
/// every word the scanner could start a name at is among them. `None` for other text.
pub(crate) fn starters(text: &str, out: &mut Vec<usize>) -> Option<()> {
    out.clear();
    if !crate::names::ascii_words(text) {
        return None;
    }
    let b = text.as_bytes();
    let filter = filter();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let (p, mut dash) = (i, 0);
        loop {
            i += 1;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // a `'` or `-` between two letters joins them (rare: looked at only here)
            match b.get(i) {
                Some(&c @ (b'\'' | b'-')) if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                    if c == b'-' && dash == 0 {
                        dash = i - p;
                    }
                }
                _ => break,
            }
        }
        if filter.may_hold(&b[p..i], dash) && starts_name(b, p, i) {
            out.push(p);
        }
    }
    Some(())
}

/// Bits of the filter of the starting words ([`shape`]).
const FILTER_BITS: u32 = 14;

/// A one-bit-a-word filter of the words that may start a name.
struct Filter(Box<[u64; 1 << (FILTER_BITS - 6)]>);

impl Filter {
    fn set(&mut self, word: &[u8]) {
        let s = shape(word);
        self.0[s / 64] |= 1 << (s % 64);
    }

    fn has(&self, word: &[u8]) -> bool {
        let s = shape(word);
        self.0[s / 64] & (1 << (s % 64)) != 0
    }

    /// Whether `word` (any case; its first `-` at `dash`, 0 for none) may be a starting
    /// word as written, with `'s`, or as the first part of a double barrel.
    fn may_hold(&self, word: &[u8], dash: usize) -> bool {
        if word.len() > MAX_KEY {
            return false;
        }
        let possessive = word.len() > 2 && word[word.len() - 2..].eq_ignore_ascii_case(b"'s");
        self.has(word)
            || (possessive && self.has(&word[..word.len() - 2]))
            || (dash > 0 && self.has(&word[..dash]))
    }
}

/// A word's bit in the filter: a hash of its length and its first, second and last bytes
/// in lower case.
fn shape(word: &[u8]) -> usize {
    let at = |i: usize| u32::from(word.get(i).copied().unwrap_or(0) | 0x20);
    let h = at(0).wrapping_mul(0x9E37_79B1).rotate_left(11)
        ^ at(1).wrapping_mul(0x85EB_CA77).rotate_left(5)
        ^ at(word.len().saturating_sub(1)).wrapping_mul(0xC2B2_AE3D)
        ^ (word.len() as u32).wrapping_mul(0x27D4_EB2F);
    (h.wrapping_mul(0x1656_67B1) >> (32 - FILTER_BITS)) as usize
}

/// The filter of [`starter_words`].
fn filter() -> &'static Filter {
    static FILTER: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();
    FILTER.get_or_init(|| {
        let mut f = Filter(Box::new([0; 1 << (FILTER_BITS - 6)]));
        for w in starter_words() {
            f.set(w);
        }
        f
    })
}

/// Whether the name scanner could find a name in `text`.
#[cfg(test)]
fn may_hold_name(text: &str) -> bool {
    let mut found = Vec::new();
    starters(text, &mut found).is_none() || !found.is_empty()
}

/// Longest word on a name list (longer words are on none).
const MAX_KEY: usize = 24;

/// Whether the word at `p..end` could start a name: looked up as `names::push_word` does
/// (lower case, without `'s`, a double-barrelled name by its first part), then, for the
/// words that start a name only in some company, a look at the words next to it.
fn starts_name(b: &[u8], p: usize, end: usize) -> bool {
    if end - p > MAX_KEY {
        return false;
    }
    let mut buf = [0u8; MAX_KEY];
    let key = &mut buf[..end - p];
    key.copy_from_slice(&b[p..end]);
    key.make_ascii_lowercase();
    let key = &*key;
    let lex = Lexicon::get();
    let c = lex.names_word(key);
    if c == 0 {
        // a double-barrelled given name ("lily-mae")
        return key
            .iter()
            .position(|&x| x == b'-')
            .is_some_and(|d| lex.names_word(&key[..d]) & (class::FIRST | class::AMBIGUOUS) != 0);
    }
    if c & (class::FIRST | class::TITLE) != 0 {
        return true;
    }
    // "grace evans": a word-like given name is a name alone only before a surname
    let word_like = c & (class::AMBIGUOUS | class::VERB_NAME) != 0
        && next_word(b, end).is_some_and(|n| {
            lex.word(lower(&b[n.0..n.1], &mut [0; MAX_KEY])) & (class::SURNAME | class::COMMON)
                == class::SURNAME
        });
    // "my son", "our foster daughter": a relative only after a determiner
    let relative = c & class::RELATIVE != 0
        && prev_word(b, p).is_some_and(|(s, e)| {
            determiner(&b[s..e])
                || (b[s..e].eq_ignore_ascii_case(b"foster")
                    && prev_word(b, s).is_some_and(|(s, e)| determiner(&b[s..e])))
        });
    word_like || relative || (c & class::CUE != 0 && begins_cue(key, b, end))
}

/// Whether cue word `key`, ending at `end`, may begin a cue there.
fn begins_cue(key: &[u8], b: &[u8], end: usize) -> bool {
    match key {
        b"i" => b.get(end) == Some(&b',') || blank_then(b, end, b"am"),
        b"this" => blank_then(b, end, b"is"),
        b"made" | b"written" | b"submitted" | b"completed" | b"sent" | b"posted" | b"signed"
        | b"comment" | b"comments" => blank_then(b, end, b"by"),
        _ => !FOLLOWERS.iter().any(|f| f.as_bytes() == key),
    }
}

/// "my", "our", "his", "her", "their", "a", "the", in any case.
fn determiner(word: &[u8]) -> bool {
    [&b"my"[..], b"our", b"his", b"her", b"their", b"a", b"the"]
        .iter()
        .any(|d| word.eq_ignore_ascii_case(d))
}

/// `word` in lower case, in `buf` (empty when longer).
fn lower<'a>(word: &[u8], buf: &'a mut [u8; MAX_KEY]) -> &'a [u8] {
    if word.len() > MAX_KEY {
        return &[];
    }
    let key = &mut buf[..word.len()];
    key.copy_from_slice(word);
    key.make_ascii_lowercase();
    key
}

/// The word after the spaces or tabs (at least one) from `at`, if one is there.
fn next_word(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let blanks = b[at..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    let s = at + blanks;
    if blanks == 0 || !b.get(s)?.is_ascii_alphabetic() {
        return None;
    }
    let mut e = s;
    while e < b.len() {
        let joins =
            (b[e] == b'\'' || b[e] == b'-') && b.get(e + 1).is_some_and(u8::is_ascii_alphabetic);
        if !(b[e].is_ascii_alphabetic() || joins) {
            break;
        }
        e += 1;
    }
    Some((s, e))
}

/// The word before the spaces or tabs (at least one) before word start `p`, if one is there.
fn prev_word(b: &[u8], p: usize) -> Option<(usize, usize)> {
    let blanks = b[..p]
        .iter()
        .rev()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    let e = p - blanks;
    if blanks == 0 || e == 0 || !b[e - 1].is_ascii_alphabetic() {
        return None;
    }
    Some((crate::names::word_start(b, e - 1), e))
}

/// Spaces or tabs after `at`, then `word` in any case.
fn blank_then(b: &[u8], at: usize, word: &[u8]) -> bool {
    let blanks = b[at.min(b.len())..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    let from = at + blanks;
    blanks > 0
        && b.get(from..from + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

/// The words that may start a name, lower case, as [`starters`] looks for them.
fn starter_words() -> Vec<&'static [u8]> {
    const STARTS: u16 =
        class::FIRST | class::AMBIGUOUS | class::VERB_NAME | class::TITLE | class::RELATIVE;
    let lex = Lexicon::get();
    let mut words: Vec<&'static [u8]> = lex
        .names_words()
        .filter(|(w, c)| {
            c & STARTS != 0
                || (c & class::CUE != 0
                    && !FOLLOWERS.contains(&std::str::from_utf8(w).unwrap_or("")))
        })
        .map(|(w, _)| w)
        .collect();
    debug_assert!(CUE_WORDS.iter().all(|c| lex.names_word(c.as_bytes()) != 0));
    words.sort_unstable();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_without_a_starting_word_are_skipped() {
        for t in [
            "I think the plan is good and my family agrees",
            "THE CHARGES ARE TOO HIGH",
            "planning for the impact is important",
            "this   was fine; by and by",
            "",
        ] {
            assert!(!may_hold_name(t), "{t}");
        }
    }

    #[test]
    fn texts_with_a_starting_word_are_scanned() {
        for t in [
            "my son callum",
            "CALLUM'S school",
            "lily-mae",
            "I am here",
            "i\tAM",
            "I, for one",
            "this  is Jo",
            "i'm worried",
            "name: x",
            "kind regards",
            "Mrs Brown",
            "caf\u{e9}",
        ] {
            assert!(may_hold_name(t), "{t}");
        }
    }
}
