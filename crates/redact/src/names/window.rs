//! Names found by reading only the words around those that could start one.
//!
//! Reading every word of every response was most of the redactor's time, though most words
//! start no name. `name_gate.rs` finds, in ASCII text, every word the scanner could start a
//! name at (and some more); here each gets a window of words, from three before it to
//! eight after, read exactly as the whole text would be, and the scanner's step
//! ([`name_at`]) runs at that word and the two before it (a cue may start there: "my foster
//! son …"), in order, skipping words a name already took. A step at a word reads at most the
//! six words after it (and whether a seventh is there), and one word before it, so each step sees the
//! same words as on the whole text and finds the same name; the words no step runs at start
//! none. `names::find_plain` reads every word, and a test compares the two.

use super::words::words_ascii;
use super::{name_at, push, Word};
use crate::patterns::Span;
use crate::word_lists::Lexicon;

/// Text bytes each starting word must have to itself for the windows to be read rather
/// than every word (a window is about eighteen words).
pub(super) const BYTES_A_WINDOW: usize = 100;

/// Words read before a starting word: the two a cue may start at and the one it looks back
/// at ("a called …").
const BEFORE: usize = 3;

/// Words read after a starting word (a step reads at most six after where it runs, and
/// whether a seventh is there: "my foster son j smith jones": the relative two words on, then
/// an initial and a name of three words).
const AFTER: usize = 8;

/// The names in ASCII `text` whose words could start one begin at `starts` (in order).
pub(super) fn find_around(text: &str, starts: &[usize], w: &mut Vec<Word>, spans: &mut Vec<Span>) {
    let lex = Lexicon::get();
    let b = text.as_bytes();
    // the end of the last word a step ran at or a name took
    let mut cursor = 0;
    for &p in starts {
        if p < cursor {
            continue;
        }
        w.clear();
        words_ascii(text, lex, w, back_words(b, p, BEFORE), Some((p, AFTER)));
        let Some(t) = w.iter().rposition(|x| x.start <= p) else {
            continue;
        };
        for i in t.saturating_sub(2)..=t {
            if w[i].start < cursor {
                continue;
            }
            cursor = match name_at(w, i) {
                Some((from, end)) => {
                    push(spans, text, w, from, end);
                    w[end].end
                }
                None => w[i].end,
            };
        }
    }
}

/// Start of the word `n` words before the one containing byte `p` (0 if there are fewer).
fn back_words(b: &[u8], p: usize, n: usize) -> usize {
    let mut s = word_start(b, p);
    for _ in 0..n {
        let mut e = s;
        while e > 0 && !b[e - 1].is_ascii_alphabetic() {
            e -= 1;
        }
        if e == 0 {
            return 0;
        }
        s = word_start(b, e - 1);
    }
    s
}

/// Start of the word containing byte `i` (ASCII letters, with `'` or `-` between two).
pub(crate) fn word_start(b: &[u8], i: usize) -> usize {
    let mut s = i;
    while s > 0 {
        let c = b[s - 1];
        let joins = (c == b'\'' || c == b'-')
            && s >= 2
            && b[s - 2].is_ascii_alphabetic()
            && b[s].is_ascii_alphabetic();
        if !(c.is_ascii_alphabetic() || joins) {
            break;
        }
        s -= 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_start_where_the_scanner_starts_them() {
        let b = b"my foster-son's o'brien -- x-'y, ok";
        assert_eq!(word_start(b, 7), 3); // "foster-son's"
        assert_eq!(word_start(b, 20), 16); // "o'brien"
        assert_eq!(word_start(b, 30), 30); // "y": "x-'y" is two words
        assert_eq!(back_words(b, 16, 1), 3);
        assert_eq!(back_words(b, 16, 5), 0);
        assert_eq!(back_words(b, 34, 2), 27);
    }

    /// Texts where a name's cue or context lies words before or after the word that starts
    /// it, each scanned whole and by windows.
    #[test]
    fn windows_find_what_reading_every_word_finds() {
        let pieces = [
            "my foster son callum",
            "our   son, tyler evans smith",
            "a called grace evans",
            "st john's church",
            "I, deborah fennimore-hale, object",
            "i am zbigniew kowalski",
            "made by mrs jones",
            "written by j. okafor",
            "this is amy lee",
            "name: jo bloggs",
            "regards,\n\nsarah green",
            "rose hill and grace evans",
            "michael said callum's mum",
            "lily-mae x-callum",
            "my foster son j smith jones evans",
            "our foster daughter, j. okafor jones smith",
            "I, j smith jones, object",
            "will smith and may evans will go",
            "the child called bob",
            "her  mum\tjanet",
            "written by j smith jones evans, x",
            "our son kezza and my foster daughter zbigniewa",
        ];
        let filler = "the plan is fine and we agree with it ";
        let mut spans = (Vec::new(), Vec::new());
        let mut w = Vec::new();
        let mut starts = Vec::new();
        for (k, a) in pieces.iter().enumerate() {
            for b in &pieces[k..] {
                for text in [
                    format!("{a} {b}"),
                    format!("{a}{filler}{b}"),
                    format!("{filler}{a}, {b}. {filler}"),
                ] {
                    spans.0.clear();
                    spans.1.clear();
                    super::super::find_plain(&text, &mut spans.0);
                    crate::name_gate::starters(&text, &mut starts).expect("ASCII");
                    find_around(&text, &starts, &mut w, &mut spans.1);
                    assert_eq!(spans.0, spans.1, "{text:?}");
                }
            }
        }
    }
}
