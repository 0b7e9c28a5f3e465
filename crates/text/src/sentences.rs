//! Sentence boundaries, as byte ranges into the original text.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by
//! white space — except after titles and abbreviations ("Mr.", "Dr.", "e.g.", "i.e.") and
//! single-letter initials —, at a blank line, and at a line break that ends a short line
//! (a heading, a salutation), follows terminal punctuation, or starts a list item. A long
//! line broken mid-sentence (hard-wrapped prose) is not split. Ranges are trimmed of white
//! space and cover every non-blank part of the text.

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "eg", "ie", "cf", "vs", "no", "approx", "incl", "cllr",
    "rev", "sr", "jr", "fig",
];

/// Initialisms written with dots that never end a sentence ("d.o.b. March 2016").
const DOTTED: &[&[char]] = &[&['d', 'o', 'b'], &['e', 'g'], &['i', 'e']];

/// Letters each followed by a dot but the last ("d.o.b", "u.k"): two or more.
fn is_initialism(word: &str) -> bool {
    let mut parts = word.split('.');
    let n = parts.clone().count();
    n >= 2 && parts.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The sentences of `text`, as `(start, end)` byte ranges, in order.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, &mut out);
    out
}

/// [`sentences`] into `out` (emptied first): a buffer reused from one text to the next
/// allocates nothing once it has grown to the longest text's sentence count.
pub fn sentences_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = 0;
    let mut piece_to = |cut: usize| {
        if cut <= start {
            return;
        }
        let piece = &text[start..cut];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push((start + lead, start + lead + trimmed.len()));
        }
        start = cut;
    };
    cuts(text, &mut piece_to);
    piece_to(text.len());
}

/// Calls `cut` with each byte position where a new sentence may start, in order.
fn cuts(text: &str, mut cut: impl FnMut(usize)) {
    let b = text.as_bytes();
    // only terminal punctuation and line breaks matter: jump between them
    // each search starts where the last left off, so a text of many lines and no marks (or
    // the reverse) is scanned once, not once per line (issue 19: quadratic before)
    let mut i = 0;
    let mut newline = memchr::memchr(b'\n', b);
    let mut mark = memchr::memchr3(b'.', b'!', b'?', b);
    loop {
        if mark.is_some_and(|m| m < i) {
            mark = memchr::memchr3(b'.', b'!', b'?', &b[i..]).map(|k| i + k);
        }
        let at = match (mark, newline) {
            (Some(m), Some(n)) => m.min(n),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        if b[at] == b'\n' {
            if line_break_ends_sentence(text, at) {
                cut(at + 1);
            }
            i = at + 1;
        } else {
            let (end, ends) = after_mark(text, at);
            if ends {
                cut(end);
            }
            i = end;
        }
        if newline.is_some_and(|n| n < i) {
            newline = memchr::memchr(b'\n', &b[i..]).map(|k| i + k);
        }
    }
}

/// After the terminal mark at byte `at`: where its run of marks and closing quotes or
/// brackets ends, and whether a sentence ends there (white space or the end follows, and a
/// lone `.` does not close an abbreviation).
fn after_mark(text: &str, at: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut j = at + 1;
    while j < b.len() && matches!(b[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
        j += 1;
    }
    // closing curly quotes (’ ” are 3 bytes: E2 80 99 / E2 80 9D)
    while j + 2 < b.len() && b[j] == 0xE2 && b[j + 1] == 0x80 && matches!(b[j + 2], 0x99 | 0x9D) {
        j += 3;
    }
    let at_space = j >= b.len() || b[j].is_ascii_whitespace();
    let cut = at_space && !(b[at] == b'.' && j == at + 1 && is_abbreviation(text, at));
    (j, cut)
}

/// Whether the `.` at byte `dot` closes a title, an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let Some((word_start, word, n)) = word_before(text, dot) else {
        return false; // longer than any abbreviation
    };
    let word = &word[..n];
    if (1..=3).contains(&n) && word.iter().all(char::is_ascii_digit) {
        // only white space between the line's start and the number (looked at back to the
        // first other character, not to the line's start: linear in long lines)
        let head = text[..word_start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        if head.is_empty() || head.ends_with('\n') {
            return true; // "1. first point"
        }
    }
    if n == 1 && word[0].is_alphabetic() {
        return true; // an initial: "J. Smith"
    }
    if is_initialism(&text[word_start..dot]) {
        // "d.o.b. 14.03.2016", "in the u.k. we": a new sentence starts with a capital,
        // except after the few that never end one
        let next = text[dot + 1..].trim_start().chars().next();
        return DOTTED.contains(&&word[..n]) || !next.is_some_and(char::is_uppercase);
    }
    if word == ['e', 't', 'c'] {
        let next = text[dot + 1..].trim_start().chars().next();
        return !next.is_some_and(char::is_uppercase);
    }
    TITLES
        .iter()
        .any(|t| t.len() == n && t.chars().eq(word.iter().copied()))
}

/// The word ending at the `.` at byte `dot` (letters, digits and dots): where it starts, and
/// its characters lower-cased without the dots, or `None` when there are more than 8. ASCII
/// words are read byte by byte; a word with any other character goes the general way.
fn word_before(text: &str, dot: usize) -> Option<(usize, [char; 8], usize)> {
    let mut word = ['\0'; 8];
    let b = text.as_bytes();
    let mut start = dot;
    let mut n = 0;
    while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.') {
        n += usize::from(b[start - 1] != b'.');
        if n > word.len() {
            return None;
        }
        start -= 1;
    }
    if start == 0 || b[start - 1].is_ascii() {
        let letters = b[start..dot].iter().filter(|&&c| c != b'.');
        for (slot, &c) in word.iter_mut().zip(letters) {
            *slot = char::from(c.to_ascii_lowercase());
        }
        return Some((start, word, n));
    }
    word_before_general(text, dot)
}

/// [`word_before`] character by character (any text): the definition.
fn word_before_general(text: &str, dot: usize) -> Option<(usize, [char; 8], usize)> {
    let mut word = ['\0'; 8];
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let mut n = 0;
    for c in before[word_start..]
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
    {
        if n == word.len() {
            return None;
        }
        word[n] = c;
        n += 1;
    }
    Some((word_start, word, n))
}

/// Whether the line break at byte `nl` ends a sentence.
fn line_break_ends_sentence(text: &str, nl: usize) -> bool {
    let line_start = text[..nl].rfind('\n').map_or(0, |p| p + 1);
    let line = text[line_start..nl].trim();
    let rest = &text[nl + 1..];
    let next_line = rest.split('\n').next().unwrap_or("").trim();
    if line.is_empty() || next_line.is_empty() {
        return true; // a blank line
    }
    let ends_clause = line.ends_with(['.', '!', '?', ':', ';', '"', '”']);
    let starts_item = next_line.starts_with(['-', '*', '•', '#', '>'])
        || next_line.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty()
                && n.len() <= 3
                && n.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        });
    ends_clause || starts_item || line.chars().count() < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cuts looking at every byte: the reference for the jumps between marks.
    fn cuts_byte_by_byte(text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let mut cuts = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'.' | b'!' | b'?' => {
                    let (end, cut) = after_mark(text, i);
                    if cut {
                        cuts.push(end);
                    }
                    i = end;
                }
                b'\n' => {
                    if line_break_ends_sentence(text, i) {
                        cuts.push(i + 1);
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        cuts
    }

    #[test]
    fn the_word_before_a_dot_read_byte_by_byte_is_the_definitions() {
        let pieces = [
            "word", "Mr", "ETC", "J", "12", "İ", "café", "ß", ".", "..", " ", "\n", "-", "9a",
            "abcdefgh", "x", "’",
        ];
        let mut dots = 0;
        for text in tally_benchdata::pieced_texts(&pieces, 5_000, 1..12, false, 11) {
            for (at, _) in text.match_indices('.') {
                assert_eq!(
                    word_before(&text, at),
                    word_before_general(&text, at),
                    "{text:?} at {at}"
                );
                dots += 1;
            }
        }
        assert!(dots > 5_000, "only {dots} dots");
    }

    #[test]
    fn many_lines_without_a_mark_are_scanned_once() {
        // issue 19: each line break searched the rest of the text for a mark again: a 4 MB
        // paste of 200,000 lines without one took hours in a debug build (minutes released)
        for text in [
            "more money is needed\n".repeat(200_000),
            "more money. is needed\n".repeat(200_000),
        ] {
            let started = std::time::Instant::now();
            let mut out = Vec::new();
            sentences_into(&text, &mut out);
            assert_eq!(
                out.len(),
                text.matches('\n').count() + text.matches(". ").count()
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn jumping_between_marks_cuts_where_every_byte_does() {
        let pieces = [
            "word", "Mr", "etc", "J", "12", "İ", "café", ".", "!", "?", "...", "?!", "\"", "’",
            "”", ")", "\n", "\n\n", " ", "  ", "- ", "1)", "a.", "We", "£2.6bn", "e.g",
        ];
        for text in tally_benchdata::pieced_texts(&pieces, 20_000, 0..16, false, 3) {
            let mut got = Vec::new();
            cuts(&text, |c| got.push(c));
            assert_eq!(got, cuts_byte_by_byte(&text), "{text:?}");
        }
    }

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(got, expected, "sentences of {text:?}");
    }

    #[test]
    fn finds_sentences() {
        check("", &[]);
        check("Agree", &["Agree"]);
        check("One. Two! Three?", &["One.", "Two!", "Three?"]);
        check("i agree. we need money", &["i agree.", "we need money"]);
        check(
            "Mr. Smith said so. Then e.g. this.",
            &["Mr. Smith said so.", "Then e.g. this."],
        );
        check("Ask J. Bloggs. Now.", &["Ask J. Bloggs.", "Now."]);
        // "İ" lower-cases to two characters: not an initial
        check("Ask İ. Bloggs. Now.", &["Ask İ.", "Bloggs.", "Now."]);
        check("It is approx. 5 miles.", &["It is approx. 5 miles."]);
        check(
            "APPROX. Twenty. APPROXIMATELY. Yes",
            &["APPROX. Twenty.", "APPROXIMATELY.", "Yes"],
        );
        check("It costs £2.6bn. Yes.", &["It costs £2.6bn.", "Yes."]);
        check("He said “no.” Then left.", &["He said “no.”", "Then left."]);
        check("Wait... what?! ok", &["Wait...", "what?!", "ok"]);
        check("para one\n\npara two", &["para one", "para two"]);
        check("Dear Minister,\nWe write", &["Dear Minister,", "We write"]);
        check("Points:\n- one\n- two", &["Points:", "- one", "- two"]);
        check("1. first\n2. second", &["1. first", "2. second"]);
        check(" \t 3. third\n  \n4. fourth", &["3. third", "4. fourth"]);
        check("We need 3. More", &["We need 3.", "More"]);
        check("books, pens etc. We also", &["books, pens etc.", "We also"]);
        check("books, pens etc. and more", &["books, pens etc. and more"]);
        // dotted initialisms (issue 18: the splitter cut at "d.o.b.", so the date of birth
        // lost its cue)
        check("d.o.b. 14.03.2016 thanks", &["d.o.b. 14.03.2016 thanks"]);
        check(
            "My D.O.B. March 3rd 2016. Yes",
            &["My D.O.B. March 3rd 2016.", "Yes"],
        );
        check("in the u.k. we wait. Yes", &["in the u.k. we wait.", "Yes"]);
        check(
            "We moved to the U.K. Then it began.",
            &["We moved to the U.K.", "Then it began."],
        );
        let wrapped = "This is a long hard-wrapped line of a letter that goes on past sixty\ncharacters and ends here.";
        check(wrapped, &[wrapped]);
    }
}
