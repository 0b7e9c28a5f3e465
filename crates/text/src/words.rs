//! The word splitter shared by the fast and the general analysis paths.
//!
//! A word is a maximal run of alphanumeric characters (and combining marks), where an
//! apostrophe between two word characters joins them ("don't", "council’s"). Everything
//! else — spaces, punctuation, hyphens, symbols such as `£` — separates words. Both paths
//! call this one function, so they cannot disagree on where words are.

/// Whether `c` is an apostrophe that may join two halves of a word.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Calls `emit(start, end)` with the byte range of each word of `text`, in order.
pub fn word_spans(text: &str, mut emit: impl FnMut(usize, usize)) {
    if text.is_ascii() {
        ascii_word_spans(text.as_bytes(), emit);
        return;
    }
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

fn ascii_word_spans(b: &[u8], mut emit: impl FnMut(usize, usize)) {
    let mut i = 0;
    let n = b.len();
    while i < n {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        loop {
            while i < n && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i + 1 < n && b[i] == b'\'' && b[i + 1].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            break;
        }
        emit(s, i);
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
}
