//! A cheap necessary condition for the word-by-word name scanner (`names.rs`), so that most
//! texts skip it: the scanner is by far the redactor's largest cost, and most responses hold
//! no word that could start a name.
//!
//! The scanner finds a name only where a word *starts* one (`names::cue_at` and
//! `names::bare_name`): a word on a name list (a given name, a word-like given name, a title,
//! a relative or role, as written or with `'s` or a `-…` after it), a cue word that begins a
//! cue ("name", "called", "known", "i'm", "made", "regards" …), "I" before "am" or a comma,
//! or "this" before "is". The other cue words ("is", "by", "my", "the", "saint" …) only ever
//! follow or precede such a word. So one ASCII-case-insensitive Aho-Corasick pass looks for
//! those words where a word starts, and the scanner runs only if one is there. A text with a
//! non-ASCII character always runs it (its words are lower-cased by Unicode rules).
//!
//! The gate only decides whether the unchanged scanner runs, so it can let too many texts
//! through but must never stop one the scanner finds a name in: a test compares the gated
//! and ungated scans over the table and the example corpus.

use crate::word_lists::{class, Lexicon, CUE_WORDS};

/// Cue words that never begin a cue: they only follow one ("is", "by", "as"), come before
/// a relative ("my", "the") or rule a name out ("saint").
const FOLLOWERS: &[&str] = &[
    "is", "are", "was", "as", "am", "by", "my", "our", "his", "her", "their", "a", "the", "foster",
    "st", "saint",
];

/// Where in ASCII `text` a word that could start a name begins (in order), into `out`:
/// every word the scanner could start a name at is among them. `None` for other text.
pub(crate) fn starters(text: &str, out: &mut Vec<usize>) -> Option<()> {
    out.clear();
    if !text.is_ascii() {
        return None;
    }
    let b = text.as_bytes();
    let scan = automaton();
    let mut at = 0;
    while let Some(m) = scan.find(aho_corasick::Input::new(b).span(at..b.len())) {
        let p = m.start();
        if p > 0 && b[p - 1].is_ascii_alphabetic() {
            // inside a word: no word starts before its end
            at = word_end(b, p);
            continue;
        }
        let end = word_end(b, p);
        if starts_name(b, p, end) {
            out.push(p);
        }
        at = end;
    }
    Some(())
}

/// Whether the name scanner could find a name in `text`.
#[cfg(test)]
fn may_hold_name(text: &str) -> bool {
    let mut found = Vec::new();
    starters(text, &mut found).is_none() || !found.is_empty()
}

/// End of the word from `p` as `names.rs` reads it: ASCII letters, with `'` or `-` between
/// two letters.
fn word_end(b: &[u8], p: usize) -> usize {
    let mut e = p;
    while e < b.len() {
        let joins =
            (b[e] == b'\'' || b[e] == b'-') && b.get(e + 1).is_some_and(u8::is_ascii_alphabetic);
        if !(b[e].is_ascii_alphabetic() || joins) {
            break;
        }
        e += 1;
    }
    e.max(p + 1)
}

/// Longest word on a name list (longer words are on none).
const MAX_KEY: usize = 24;

/// Whether the word at `p..end` could start a name: looked up as `names::push_word` does
/// (lower case, without `'s`, a double-barrelled name by its first part), then "I" and
/// "this" only before what makes them a cue.
fn starts_name(b: &[u8], p: usize, end: usize) -> bool {
    const STARTS: u16 =
        class::FIRST | class::AMBIGUOUS | class::VERB_NAME | class::TITLE | class::RELATIVE;
    if end - p > MAX_KEY {
        return false;
    }
    let mut buf = [0u8; MAX_KEY];
    let key = &mut buf[..end - p];
    key.copy_from_slice(&b[p..end]);
    key.make_ascii_lowercase();
    let key = &*key;
    let lex = Lexicon::get();
    let mut c = lex.names_word(key);
    if c == 0 {
        if let Some(dash) = key.iter().position(|&x| x == b'-') {
            c = lex.names_word(&key[..dash]) & (class::FIRST | class::AMBIGUOUS);
        }
    }
    if c & STARTS != 0 {
        return true;
    }
    match key {
        b"i" => b.get(end) == Some(&b',') || blank_then(b, end, b"am"),
        b"this" => blank_then(b, end, b"is"),
        _ => c & class::CUE != 0 && !FOLLOWERS.iter().any(|f| f.as_bytes() == key),
    }
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

/// The automaton of the words that may start a name.
fn automaton() -> &'static aho_corasick::AhoCorasick {
    static SCAN: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    SCAN.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            // a full DFA: one table look-up a byte (the default for this many words is an
            // NFA, several times slower)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(starter_words())
            .expect("name starter automaton builds")
    })
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
