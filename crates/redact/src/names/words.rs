//! The words of a text as the name scanner reads them (`names.rs`): runs of letters with
//! `'`, `’` or `-` between two letters, each looked up on the name lists, with what
//! separates it from the next.

use super::{cue_of, Cue, Sep, Word, MAX_KEY};
use crate::word_lists::{class, Lexicon};

/// A double-barrelled given name ("lily-mae", "mia-rose"): its first part a given name and
/// its second not an ordinary word ("rose-tinted" is not).
fn double_barrelled(key: &[u8], lex: &Lexicon) -> u16 {
    let Some(dash) = key.iter().position(|&c| c == b'-') else {
        return 0;
    };
    let (head, tail) = (&key[..dash], &key[dash + 1..]);
    let given = lex.names_word(head) & (class::FIRST | class::AMBIGUOUS) != 0;
    if given && lex.word(tail) & class::COMMON == 0 {
        class::FIRST
    } else {
        0
    }
}

/// The words of `text`: runs of letters, with `'`, `’` or `-` between two letters. ASCII
/// text is read byte by byte; other text character by character.
pub(super) fn words(text: &str, lex: &Lexicon, out: &mut Vec<Word>) {
    out.clear();
    if ascii_words(text) {
        words_ascii(text, lex, out, 0, None);
    } else {
        words_general(text, lex, out);
    }
}

/// Whether every word of `text` is ASCII and is read the same byte by byte: the text has no
/// non-ASCII letter and no `’` (which joins words). A "£", "–" or emoji changes nothing.
pub(crate) fn ascii_words(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || !(c.is_alphabetic() || c == '’'))
}

/// The words of `text` (see [`ascii_words`]) from byte `from` (a word's start), added to `out`; with
/// `until` `(p, n)`, only up to the `n`th word starting after byte `p`.
pub(super) fn words_ascii(
    text: &str,
    lex: &Lexicon,
    out: &mut Vec<Word>,
    from: usize,
    until: Option<(usize, usize)>,
) {
    let b = text.as_bytes();
    let mut buf = [0u8; MAX_KEY];
    let mut i = from;
    let mut after = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        let (mut n, mut second_upper) = (0, false);
        while i < b.len() {
            let c = b[i];
            let joins =
                (c == b'\'' || c == b'-') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
            if !(c.is_ascii_alphabetic() || joins) {
                break;
            }
            if n == 1 {
                second_upper = c.is_ascii_uppercase();
            }
            if n < MAX_KEY {
                buf[n] = c.to_ascii_lowercase();
            }
            n += 1;
            i += 1;
        }
        let key_len = if n <= MAX_KEY { n } else { 0 };
        let capitalised = b[start].is_ascii_uppercase() && !second_upper;
        push_word(
            text,
            out,
            lex,
            (start, i),
            (buf, key_len),
            capitalised,
            n == 1,
        );
        if let Some((p, n)) = until {
            after += usize::from(start > p);
            if after >= n {
                break;
            }
        }
    }
}

fn words_general(text: &str, lex: &Lexicon, out: &mut Vec<Word>) {
    let mut key = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphabetic() {
            continue;
        }
        key.clear();
        key.extend(c.to_lowercase());
        let mut end = start + c.len_utf8();
        let (mut letters, mut second_upper) = (1, false);
        while let Some(&(i, d)) = chars.peek() {
            let joins = matches!(d, '\'' | '’' | '-')
                && text[i + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
            if !(d.is_alphabetic() || joins) {
                break;
            }
            if letters == 1 {
                second_upper = d.is_uppercase();
            }
            letters += 1;
            match d {
                '’' => key.push('\''),
                d => key.extend(d.to_lowercase()),
            }
            end = i + d.len_utf8();
            chars.next();
        }
        let mut k = [0u8; MAX_KEY];
        let key_len = if key.len() <= MAX_KEY {
            k[..key.len()].copy_from_slice(key.as_bytes());
            key.len()
        } else {
            0
        };
        let capitalised = c.is_uppercase() && !second_upper;
        push_word(
            text,
            out,
            lex,
            (start, end),
            (k, key_len),
            capitalised,
            letters == 1,
        );
    }
}

/// Adds the word at `at` (its lower-case key: the first `key_len` bytes of `k`) and sets
/// what separates the one before it.
fn push_word(
    text: &str,
    out: &mut Vec<Word>,
    lex: &Lexicon,
    (start, end): (usize, usize),
    (k, key_len): ([u8; MAX_KEY], usize),
    capitalised: bool,
    initial: bool,
) {
    if let Some(prev) = out.last_mut() {
        prev.after = sep(&text.as_bytes()[prev.end..start]);
    }
    let key = &k[..key_len];
    let mut names = lex.names_word(key);
    if names == 0 && key_len > 2 {
        names = double_barrelled(key, lex);
    }
    out.push(Word {
        start,
        end,
        names,
        key: k,
        key_len: key_len as u8,
        capitalised,
        initial,
        after: Sep::Other,
        cue: if names & class::CUE != 0 {
            cue_of(key)
        } else {
            Cue::None
        },
    });
}

fn sep(gap: &[u8]) -> Sep {
    if gap == b" " {
        return Sep::Blank;
    }
    // the gap between two words lies between character boundaries
    let gap = std::str::from_utf8(gap).unwrap_or_default();
    let blank = |c: char| c == ' ' || c == '\t';
    if !gap.is_empty() && gap.chars().all(blank) {
        return Sep::Blank;
    }
    let rest = |p: &str| gap.strip_prefix(p).is_some_and(|r| r.chars().all(blank));
    if rest(".") && gap.len() > 1 {
        Sep::Dot
    } else if rest(",") {
        Sep::Comma
    } else if rest(":") {
        Sep::Colon
    } else if gap
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '-' | '–' | ':'))
    {
        Sep::Break
    } else {
        Sep::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_with_only_non_ascii_signs_are_read_byte_by_byte_as_char_by_char() {
        let lex = Lexicon::get();
        let (mut bytes, mut chars) = (Vec::new(), Vec::new());
        for t in [
            "£300 a month – my son Callum’s",
            "“Regards,” – Jo Bloggs 👍 £5",
            "I, Deborah Fennimore-Hale – object £",
            "MY NAME IS – jo-ann o'neil£",
        ] {
            let t = t.replace('’', "'");
            assert!(ascii_words(&t) && !t.is_ascii(), "{t}");
            bytes.clear();
            chars.clear();
            words_ascii(&t, lex, &mut bytes, 0, None);
            words_general(&t, lex, &mut chars);
            // the bytes past a key's length are never read
            for w in bytes.iter_mut().chain(chars.iter_mut()) {
                w.key[usize::from(w.key_len)..].fill(0);
            }
            assert_eq!(bytes, chars, "{t}");
        }
        assert!(!ascii_words("Renée"));
        assert!(!ascii_words("Callum’s"));
    }
}
