//! Evidence spans for the page's script: byte offsets into the redacted text (as in
//! coded.csv) turned into JavaScript string positions (UTF-16 code units), and the text cut
//! to the page's length limit on a character boundary.
//!
//! A character of one to three UTF-8 bytes is one UTF-16 unit; one of four bytes (outside
//! the Basic Multilingual Plane: most emoji) is two. `é` is two bytes and one unit, `€`
//! three bytes and one unit, `😀` four bytes and two units.

/// The longest text the page embeds for one response, in bytes; a longer text is cut (on a
/// character boundary) and marked, and its full text stays in coded.csv.
pub const MAX_TEXT_BYTES: usize = 4_000;

/// The largest character boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `text` cut to at most `max` bytes on a character boundary, and whether it was cut.
pub fn cut(text: &str, max: usize) -> (&str, bool) {
    let end = floor_boundary(text, max);
    (&text[..end], end < text.len())
}

/// The UTF-16 position of each byte offset in `offsets` (ascending or not), or `None` for
/// an offset that is past the end of `text` or not on a character boundary.
pub fn utf16_positions(text: &str, offsets: &[usize]) -> Vec<Option<u32>> {
    offsets
        .iter()
        .map(|&b| {
            text.get(..b)
                .map(|prefix| prefix.encode_utf16().count() as u32)
        })
        .collect()
}

/// A span `[start, end)` of bytes in `text` as UTF-16 positions, clipped to the text
/// (which may have been cut); `None` when nothing of it is left or an end is not on a
/// character boundary.
pub fn span_utf16(text: &str, start: usize, end: usize) -> Option<(u32, u32)> {
    let end = end.min(text.len());
    if start >= end {
        return None;
    }
    match utf16_positions(text, &[start, end])[..] {
        [Some(s), Some(e)] => Some((s, e)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JavaScript view of `text`'s UTF-16 units from `s` to `e`, back as a string.
    fn js_slice(text: &str, s: u32, e: u32) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[s as usize..e as usize]).unwrap()
    }

    fn check(text: &str, word: &str) {
        let start = text.find(word).unwrap();
        let (s, e) = span_utf16(text, start, start + word.len()).unwrap();
        assert_eq!(js_slice(text, s, e), word, "{text:?}");
    }

    #[test]
    fn positions_count_utf16_units() {
        check("plain money", "money");
        check("café money", "money");
        check("€€€ and money", "money");
        check("😀 more money 😀", "money");
        check("naïve 😀😀 café", "café");
        check("日本語 funding", "funding");
        check("😀", "😀");
        let t = "a😀b";
        assert_eq!(span_utf16(t, 1, 5), Some((1, 3)));
        assert_eq!(span_utf16(t, 5, 6), Some((3, 4)));
    }

    #[test]
    fn bad_offsets_give_nothing() {
        let t = "café";
        // inside the é
        assert_eq!(span_utf16(t, 4, 5), None);
        assert_eq!(span_utf16(t, 2, 2), None);
        assert_eq!(span_utf16(t, 9, 12), None);
        assert_eq!(
            utf16_positions(t, &[0, 3, 4, 5, 6]),
            [Some(0), Some(3), None, Some(4), None]
        );
    }

    #[test]
    fn a_cut_keeps_whole_characters() {
        assert_eq!(cut("abc", 10), ("abc", false));
        assert_eq!(cut("abc", 3), ("abc", false));
        assert_eq!(cut("abcd", 3), ("abc", true));
        // é is bytes 1..3: a cut at 2 falls inside it
        assert_eq!(cut("aéb", 2), ("a", true));
        assert_eq!(cut("😀x", 3), ("", true));
        // a span running past the cut is clipped to it
        let (t, _) = cut("money money", 8);
        assert_eq!(span_utf16(t, 6, 11), Some((6, 8)));
    }
}
