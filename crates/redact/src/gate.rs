//! Cheap necessary conditions for the detectors, so that most texts skip most regexes.
//!
//! Every response's audit line records where personal data is, so the redactor scans every
//! response of a run. Most detectors need something most texts lack — an `@`, six digits,
//! a capital letter directly before a digit, a line break — and one pass over the bytes
//! finds out which of those a text has. A gate must never reject a text its detector would
//! match: each gate below is implied by its pattern (the reasoning is beside it), and a test
//! compares the gated and ungated scans over thousands of texts.
//!
//! `\d` in the detectors is Unicode (any decimal digit), so a text with any non-ASCII
//! numeric character passes every digit gate.

use crate::bytemask;

/// What one pass over a text finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// ASCII digits plus non-ASCII numeric characters (a superset of what `\d` matches).
    pub digits: u32,
    /// Some non-ASCII character is numeric: positional digit gates cannot be trusted.
    pub other_numeric: bool,
    /// The text is all ASCII.
    pub ascii: bool,
    /// An `@`.
    pub at: bool,
    /// A line feed.
    pub newline: bool,
    /// An ASCII letter, either case, directly followed by an ASCII digit ("ne6").
    pub letter_digit: bool,
    /// A space or tab directly followed by an ASCII digit (" 9").
    pub blank_digit: bool,
    /// A digit, perhaps a letter and a comma, blanks, then a letter ("14 orchard", "3a, High").
    pub number_then_letter: bool,
    /// Which of the word lists (`WordList`) have a member among the text's words; only
    /// looked for in ASCII text (see [`Features::has_word`]).
    words: u8,
    /// Which [`Literal`] lists are in the text (bit `list as u8`): looked for once, by one
    /// Aho-Corasick scan, when a gate first asks ([`NOT_YET`] until then).
    literals: std::cell::Cell<u8>,
}

/// [`Features::literals`] not looked for yet.
const NOT_YET: u8 = 0x80;

/// Word lists whose presence gates a detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordList {
    /// Titles before a name ("Mr", "Dr"), as written.
    Title,
    /// Common given names, as written.
    FirstName,
    /// Words that introduce a name ("called", "named", "name", "names", "known"), any case.
    Naming,
    /// A relative or role ("son", "pupil"; any case) after white space, then an optional
    /// comma, white space and a capitalised word: "my son Callum".
    Relative,
    /// Not a list: two capitalised words in a row, as `NAME[ \t]+NAME` needs ("Kayden
    /// Morris"): a lower-case letter, spaces or tabs, then a capital and a lower-case letter.
    NamePair,
}

/// Words that introduce a name ("called Tyler", "name is Mia", "known as Kay").
const NAMING: [&[u8]; 5] = [b"called", b"named", b"name", b"names", b"known"];

/// The lists' words (see `patterns.rs` for the detectors that use them).
fn lists() -> &'static [rustc_hash::FxHashSet<&'static [u8]>; 3] {
    static LISTS: std::sync::OnceLock<[rustc_hash::FxHashSet<&'static [u8]>; 3]> =
        std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |words: &[&'static str]| words.iter().map(|w| w.as_bytes()).collect();
        [
            set(crate::word_lists::TITLES),
            set(crate::word_lists::first_names()),
            // the relatives' last words: what stands right before the name ("foster son")
            crate::word_lists::RELATIVES
                .split('|')
                .filter_map(|r| r.split(' ').next_back())
                .map(str::as_bytes)
                .collect(),
        ]
    })
}

impl Features {
    /// One pass over `text`, 64 bytes at a time ([`crate::bytemask`]): the counts and
    /// positional tests from the blocks' masks, the word lists from their capitals.
    pub fn of(text: &str) -> Features {
        let b = text.as_bytes();
        let mut f = Features {
            ascii: true,
            literals: std::cell::Cell::new(NOT_YET),
            ..Features::default()
        };
        let mut words = ListWords::default();
        // whether the byte before the block (the last of the previous one) is a capital,
        // or a blank
        let (mut letter_before, mut blank_before) = (0u64, 0u64);
        for (at, m) in bytemask::blocks(b) {
            f.ascii &= m.non_ascii == 0;
            f.at |= m.at != 0;
            f.newline |= m.newline != 0;
            f.digits += m.digit.count_ones();
            let letters = m.upper | m.lower;
            f.letter_digit |= ((letters << 1) | letter_before) & m.digit != 0;
            f.blank_digit |= ((m.blank << 1) | blank_before) & m.digit != 0;
            (letter_before, blank_before) = (letters >> 63, m.blank >> 63);
            // a digit followed by another digit is never followed by the letter, comma or
            // blank `number_then_letter_at` needs: only the last of a run is tried
            let mut last = m.digit & !(m.digit >> 1);
            while last != 0 && !f.number_then_letter {
                let i = at + last.trailing_zeros() as usize;
                last &= last - 1;
                f.number_then_letter = number_then_letter_at(b, i + 1);
            }
            if f.ascii {
                words.capitals(b, at, m.upper);
            }
        }
        if f.ascii {
            f.words = words.finish(b);
        } else {
            let others = text
                .chars()
                .filter(|c| !c.is_ascii() && c.is_numeric())
                .count() as u32;
            f.digits += others;
            f.other_numeric = others > 0;
        }
        f
    }

    /// Whether a word of the literal list is in `text` (the text these features are of).
    fn has_literal(&self, text: &str, list: Literal) -> bool {
        if list == Literal::Obfuscation {
            // asked of every text: found around the text's `t`s, not by the automaton
            return obfuscation_cue(text.as_bytes());
        }
        let mut bits = self.literals.get();
        if bits == NOT_YET {
            bits = Literal::in_text(text);
            self.literals.set(bits);
        }
        bits & (1 << list as u8) != 0
    }

    /// At least `n` digits.
    pub fn digits_at_least(&self, n: u32) -> bool {
        self.digits >= n
    }

    /// Whether a word of the list may be in the text: in ASCII text, whether one of its
    /// words (maximal runs of ASCII letters, digits and `_`, which is what `\b` delimits
    /// there) is on the list; always for other text.
    pub fn has_word(&self, list: WordList) -> bool {
        !self.ascii || self.words & (1 << list as u8) != 0
    }

    /// The relatives gate: the word pass for ASCII text, [`word_then_capital`] otherwise.
    fn relative_then_name(&self, text: &str) -> bool {
        if self.ascii {
            self.has_word(WordList::Relative)
        } else {
            word_then_capital(text, &lists()[2])
        }
    }
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Which word lists have a member among the words of ASCII text `b` (words: maximal runs
/// of [`is_word_byte`]). Only two kinds of word can be on a list, so only they are looked
/// at, not every byte: words with a capital letter (found 32 bytes at a time), and
/// lower-case words containing "called", "name" or "known" (found by `memmem`).
/// - titles and given names: a word of two or more bytes starting with a capital, as
///   written;
/// - relatives: a word starting with a capital then a lower-case letter, after white space
///   and an optional comma before it, after a relative (any case) that follows white space;
/// - naming words, any case: a word with a capital in it, or all lower case and then
///   containing one of the three.
#[cfg(test)]
fn list_words(b: &[u8]) -> u8 {
    let mut words = ListWords::default();
    for (at, m) in bytemask::blocks(b) {
        words.capitals(b, at, m.upper);
    }
    words.finish(b)
}

/// [`list_words`] as the blocks of a text go by: their capitals, then the lower-case
/// naming words.
#[derive(Default)]
struct ListWords {
    found: u8,
    /// End of the last word looked at: its other capitals add nothing (and skipping them
    /// keeps the pass linear in a long word of capitals).
    seen_to: usize,
}

impl ListWords {
    const ALL: u8 = 0b1_1111;

    /// The words of the capitals of the block at `at` (`capitals`: its mask).
    fn capitals(&mut self, b: &[u8], at: usize, mut capitals: u64) {
        while capitals != 0 && self.found != Self::ALL {
            let i = at + capitals.trailing_zeros() as usize;
            capitals &= capitals - 1;
            if i < self.seen_to {
                continue;
            }
            let (start, end) = (word_start(b, i), word_end(b, i));
            self.seen_to = end;
            let word = &b[start..end];
            self.found |= naming(word);
            if start == i && word.len() >= 2 {
                self.found |= capitalised(b, start, word);
            }
        }
    }

    /// The lists found, once every block's capitals are in: a lower-case naming word is
    /// looked for only if no capitalised one was found.
    fn finish(self, b: &[u8]) -> u8 {
        let mut found = self.found;
        if found & (1 << WordList::Naming as u8) == 0 {
            static CUES: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> =
                std::sync::OnceLock::new();
            let cues = CUES.get_or_init(|| {
                ["called", "name", "known"].map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            });
            let lower = cues.iter().any(|f| {
                let mut seen_to = 0;
                f.find_iter(b).any(|i| {
                    if i < seen_to {
                        return false;
                    }
                    seen_to = word_end(b, i);
                    naming(&b[word_start(b, i)..seen_to]) != 0
                })
            });
            if lower {
                found |= 1 << WordList::Naming as u8;
            }
        }
        found
    }
}

/// Start of the word containing byte `i`.
fn word_start(b: &[u8], i: usize) -> usize {
    b[..i]
        .iter()
        .rposition(|&c| !is_word_byte(c))
        .map_or(0, |k| k + 1)
}

/// End of the word containing byte `i`.
fn word_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| !is_word_byte(c))
        .map_or(b.len(), |k| i + k)
}

/// The naming-list bit if `word` is a naming word in any case.
fn naming(word: &[u8]) -> u8 {
    let on = (4..=6).contains(&word.len()) && NAMING.iter().any(|w| w.eq_ignore_ascii_case(word));
    u8::from(on) << WordList::Naming as u8
}

/// The list bits of `word`, which starts at `start` with a capital and has two or more bytes:
/// title, given name, a relative right before it ("son Callum"), a name right before it.
fn capitalised(b: &[u8], start: usize, word: &[u8]) -> u8 {
    let [titles, names, relatives] = lists();
    let mut found = 0u8;
    if titles.contains(word) {
        found |= 1 << WordList::Title as u8;
    }
    if names.contains(word) {
        found |= 1 << WordList::FirstName as u8;
    }
    if !word[1].is_ascii_lowercase() {
        return found;
    }
    // "Kayden Morris": a lower-case letter, then spaces or tabs, right before this word
    let tabs = b[..start]
        .iter()
        .rev()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if tabs > 0 && start > tabs && b[start - tabs - 1].is_ascii_lowercase() {
        found |= 1 << WordList::NamePair as u8;
    }
    // white space, then perhaps a comma, then the previous word, after white space
    let blanks = b[..start]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    let mut pe = start - blanks;
    if blanks == 0 || pe == 0 {
        return found;
    }
    if b[pe - 1] == b',' {
        pe -= 1;
    }
    if pe == 0 || !is_word_byte(b[pe - 1]) {
        return found;
    }
    let ps = word_start(b, pe - 1);
    let mut lower = [0u8; 16];
    if ps > 0 && b[ps - 1].is_ascii_whitespace() && pe - ps <= lower.len() {
        let l = &mut lower[..pe - ps];
        l.copy_from_slice(&b[ps..pe]);
        l.make_ascii_lowercase();
        if relatives.contains(&*l) {
            found |= 1 << WordList::Relative as u8;
        }
    }
    found
}

/// A word of [`Literal::Obfuscation`] in any ASCII case ("dot", "(at)", "[at]", "{at}",
/// "<at>"): looks only at the text's `d`s and opening brackets.
fn obfuscation_cue(b: &[u8]) -> bool {
    let at = |i: usize, w: &[u8]| {
        b.get(i..i + w.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(w))
    };
    let bracket = |i: usize| {
        let close = match b[i] {
            b'(' => b')',
            b'[' => b']',
            b'{' => b'}',
            _ => b'>',
        };
        at(i + 1, b"at") && b.get(i + 3) == Some(&close)
    };
    memchr::memchr2_iter(b'd', b'D', b).any(|i| at(i + 1, b"ot"))
        || memchr::memchr3_iter(b'(', b'[', b'{', b).any(bracket)
        || memchr::memchr_iter(b'<', b).any(bracket)
}

/// `://`, or `www.` in any case: what a URL needs. Looks only around the text's colons
/// and full stops.
fn url_cue(text: &str) -> bool {
    let b = text.as_bytes();
    static SCHEME: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    SCHEME
        .get_or_init(|| memchr::memmem::Finder::new(b"://"))
        .find(b)
        .is_some()
        || memchr::memchr_iter(b'.', b).any(|i| i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// A capitalised word ("Callum") after white space, an optional comma and one of `words`
/// (lower case) standing after white space: what "my son Callum" needs. Case is compared
/// as the detectors' `(?i)` does, including the non-ASCII `ſ` (s) and Kelvin sign (k).
fn word_then_capital(text: &str, words: &rustc_hash::FxHashSet<&[u8]>) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_lowercase()
            && preceded_by_word(&text[..i], words)
    })
}

/// Whether `head` ends with white space, an optional comma and more white space preceded by
/// one of `words` that itself follows white space.
fn preceded_by_word(head: &str, words: &rustc_hash::FxHashSet<&[u8]>) -> bool {
    let rest = head.trim_end_matches(char::is_whitespace);
    if rest.len() == head.len() {
        return false;
    }
    let rest = rest.strip_suffix(',').unwrap_or(rest);
    let Some(at) = rest.rfind(char::is_whitespace) else {
        return false;
    };
    let folded: String = rest[at..]
        .trim_start_matches(char::is_whitespace)
        .chars()
        .map(|c| match c {
            'ſ' => 's',
            '\u{212a}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    words.contains(folded.as_bytes())
}

/// After a digit ending at `k`: an optional ASCII letter, an optional comma, one or more
/// spaces or tabs, then an ASCII letter.
fn number_then_letter_at(b: &[u8], mut k: usize) -> bool {
    if b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        k += 1;
    }
    if b.get(k) == Some(&b',') {
        k += 1;
    }
    let blanks = b[k.min(b.len())..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    blanks > 0 && b.get(k + blanks).is_some_and(u8::is_ascii_alphabetic)
}

/// Literal cues of the detectors, found in any case by one Aho-Corasick scan each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Literal {
    /// "dot", or "at" in brackets (an obfuscated email).
    Obfuscation,
    /// "flat", "apartment", "apt".
    Flat,
    /// The reference cues' stems ("case", "ref", "upn" …).
    Reference,
    /// "born", "of birth", "dob" or "d.o.b" (their letters have no non-ASCII case variants in
    /// the birth detector's Unicode case folding).
    Birth,
}

impl Literal {
    fn words(self) -> &'static [&'static str] {
        match self {
            Literal::Obfuscation => &["dot", "(at)", "[at]", "{at}", "<at>"],
            Literal::Flat => &["flat", "apartment", "apt"],
            Literal::Birth => &["born", "of birth", "dob", "d.o.b"],
            Literal::Reference => &[
                "case",
                "claim",
                "application",
                "crime",
                "account",
                "customer",
                "patient",
                "membership",
                "ref",
                "file",
                "upn",
            ],
        }
    }

    const ALL: [Literal; 4] = [
        Literal::Obfuscation,
        Literal::Flat,
        Literal::Reference,
        Literal::Birth,
    ];

    /// The bits of the lists with a word in the text, in any ASCII case (the detectors that
    /// use them run with `(?i-u)`, ASCII case folding only, or have no `s` or `k` in them).
    /// One overlapping Aho-Corasick scan for every list.
    fn in_text(text: &str) -> u8 {
        static SCAN: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u8>)> =
            std::sync::OnceLock::new();
        let (scan, list_of) = SCAN.get_or_init(|| {
            let words = Literal::ALL
                .iter()
                .flat_map(|l| l.words().iter().map(|w| (*l, *w)));
            let list_of = words.clone().map(|(l, _)| l as u8).collect();
            let scan = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(words.map(|(_, w)| w))
                .expect("cue automaton builds");
            (scan, list_of)
        });
        // every start of a word: no word of one list starts another list's word, so one
        // match per start finds every list (and the fast leftmost search can be used)
        let mut bits = 0u8;
        let mut at = 0;
        while let Some(m) = scan.find(aho_corasick::Input::new(text).span(at..text.len())) {
            bits |= 1 << list_of[m.pattern().as_usize()];
            at = m.start() + 1;
        }
        bits
    }
}

/// A necessary condition for one detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// An `@` (emails).
    At,
    /// `://` or `www.` in any case (URLs).
    Url,
    /// At least this many digits.
    Digits(u32),
    /// An ASCII letter directly before an ASCII digit, and two digits (postcodes:
    /// `[A-Z]{1,2}[0-9]…[0-9]` in any ASCII case: the pattern runs with `(?i-u)`).
    Postcode,
    /// An ASCII number, blanks and an ASCII letter (street addresses, `(?i-u)` too).
    Address,
    /// A word of the list in any case, and this many digits.
    Literal(Literal, u32),
    /// One of the date-of-birth cues and a digit.
    BirthCue,
    /// A blank directly before a digit, and two capitalised words in a row ("Kayden Morris,
    /// aged 9").
    BlankDigit,
    /// A line break, and two capitalised words in a row (sign-offs: a full name on the line
    /// after "Yours sincerely").
    Newline,
    /// A word of the list (see [`Features::has_word`]).
    Word(WordList),
    /// A relative or role then a capitalised word ("my son Callum").
    RelativeThenName,
}

impl Gate {
    /// Whether the detector could match a text with these features.
    pub fn open(self, text: &str, f: &Features) -> bool {
        match self {
            Gate::At => f.at,
            Gate::Url => url_cue(text),
            Gate::Digits(n) => f.digits_at_least(n),
            Gate::Postcode => f.letter_digit && f.digits_at_least(2),
            Gate::Address => f.number_then_letter,
            Gate::Literal(list, n) => f.digits_at_least(n) && f.has_literal(text, list),
            Gate::BirthCue => f.digits_at_least(1) && f.has_literal(text, Literal::Birth),
            Gate::BlankDigit => {
                f.other_numeric || (f.blank_digit && f.has_word(WordList::NamePair))
            }
            Gate::Newline => f.newline && f.has_word(WordList::NamePair),
            Gate::Word(list) => f.has_word(list),
            Gate::RelativeThenName => f.relative_then_name(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference for [`list_words`]: one pass over every word of the text.
    fn list_words_one_pass(b: &[u8]) -> u8 {
        let [titles, names, relatives] = lists();
        let mut found = 0u8;
        let mut prev: Option<(usize, usize)> = None;
        let mut lower = [0u8; 16];
        let mut i = 0;
        while i < b.len() {
            if !is_word_byte(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && is_word_byte(b[i]) {
                i += 1;
            }
            let word = &b[start..i];
            if word.len() >= 2 && word[0].is_ascii_uppercase() {
                if titles.contains(word) {
                    found |= 1 << WordList::Title as u8;
                }
                if names.contains(word) {
                    found |= 1 << WordList::FirstName as u8;
                }
                // "son Callum": a relative, white space before it, then `,?\s+` and a name
                if word[1].is_ascii_lowercase() {
                    if let Some((ps, pe)) = prev {
                        let sep = &b[pe..start];
                        let blanks = sep.strip_prefix(b",").unwrap_or(sep);
                        if !blanks.is_empty()
                            && blanks.iter().all(u8::is_ascii_whitespace)
                            && ps > 0
                            && b[ps - 1].is_ascii_whitespace()
                            && pe - ps <= lower.len()
                        {
                            let l = &mut lower[..pe - ps];
                            l.copy_from_slice(&b[ps..pe]);
                            l.make_ascii_lowercase();
                            if relatives.contains(&*l) {
                                found |= 1 << WordList::Relative as u8;
                            }
                        }
                    }
                }
            }
            if (4..=6).contains(&word.len())
                && matches!(word[0], b'c' | b'C' | b'n' | b'N' | b'k' | b'K')
                && NAMING.iter().any(|w| w.eq_ignore_ascii_case(word))
            {
                found |= 1 << WordList::Naming as u8;
            }
            prev = Some((start, i));
        }
        found
    }

    /// The reference for [`Features::of`]: each feature by its definition, byte by byte.
    fn features_by_byte(text: &str) -> Features {
        let b = text.as_bytes();
        let digit_at = |i: usize| b[i].is_ascii_digit();
        let before = |i: usize| i.checked_sub(1).map(|j| b[j]);
        let ascii = text.is_ascii();
        let others = text
            .chars()
            .filter(|c| !c.is_ascii() && c.is_numeric())
            .count() as u32;
        Features {
            ascii,
            at: b.contains(&b'@'),
            newline: b.contains(&b'\n'),
            digits: b.iter().filter(|c| c.is_ascii_digit()).count() as u32 + others,
            other_numeric: others > 0,
            letter_digit: (0..b.len())
                .any(|i| digit_at(i) && before(i).is_some_and(|c| c.is_ascii_alphabetic())),
            blank_digit: (0..b.len())
                .any(|i| digit_at(i) && matches!(before(i), Some(b' ' | b'\t'))),
            number_then_letter: (0..b.len())
                .any(|i| digit_at(i) && number_then_letter_at(b, i + 1)),
            words: if ascii {
                let pair = u8::from(
                    regex::Regex::new("[a-z][ \t]+[A-Z][a-z]")
                        .expect("compiles")
                        .is_match(text),
                ) << WordList::NamePair as u8;
                list_words_one_pass(b) | pair
            } else {
                0
            },
            literals: std::cell::Cell::new(NOT_YET),
        }
    }

    #[test]
    fn features_are_what_their_definitions_find() {
        let pieces = [
            "Mr",
            "Dr",
            "Callum",
            "my",
            "son",
            "name",
            "3",
            "42",
            "NE6",
            "9a, High",
            "14 Orchard",
            " ",
            "\t",
            "\n",
            ",",
            "@",
            "x",
            "A",
            "a",
            "é",
            "٣",
            "Ⅻ",
            "born",
            "07700 900",
            "Kayden",
            "Morris",
            ".",
            "-",
        ];
        let mut texts = tally_benchdata::pieced_texts(&pieces, 20_000, 0..60, true, 9);
        texts.extend(tally_benchdata::answers().into_iter().map(|(_, t)| t));
        // block edges: a capital, blank or digit on either side of byte 64
        for at in 60..68 {
            for (x, y) in [("A", "1"), (" ", "2"), ("3", " Oak"), ("é", "Z9")] {
                texts.push(format!("{}{x}{y} Road", "w".repeat(at)));
            }
        }
        for text in &texts {
            assert_eq!(Features::of(text), features_by_byte(text), "{text:?}");
        }
    }

    #[test]
    fn list_words_finds_what_a_pass_over_every_word_finds() {
        let pieces = [
            "my",
            "son",
            "Son",
            "SON",
            "Callum",
            "callum",
            "Mr",
            "Dr",
            "Oliver",
            "called",
            "CALLED",
            "cAlled",
            "name",
            "Names",
            "renamed",
            "namesake",
            "known",
            "unknown",
            "pupil",
            "foster",
            "x_y",
            "Mia2",
            ",",
            ", ",
            " ",
            "  ",
            "\t",
            "\n",
            ".",
            "(",
            "'",
            "3",
            "Ab",
            "A",
            "daughter",
            "grandchildren",
            "a",
            "\t",
            "Mia",
            "x",
            "kayden Morris",
        ];
        // the name-pair bit, by its definition
        let name_pair = regex::Regex::new("[a-z][ \t]+[A-Z][a-z]").expect("compiles");
        for text in tally_benchdata::pieced_texts(&pieces, 20_000, 0..14, true, 4) {
            let b = text.as_bytes();
            let pair = 1 << WordList::NamePair as u8;
            assert_eq!(list_words(b) & !pair, list_words_one_pass(b), "{text:?}");
            assert_eq!(
                list_words(b) & pair != 0,
                name_pair.is_match(&text),
                "{text:?}"
            );
        }
        // long words of capitals and of naming cues
        for text in [
            "A".repeat(5000),
            format!("x{}", "NAMe".repeat(3000)),
            "name".repeat(3000),
        ] {
            let b = text.as_bytes();
            let pair = 1 << WordList::NamePair as u8;
            assert_eq!(list_words(b) & !pair, list_words_one_pass(b));
        }
        // texts longer than a 32-byte chunk
        let long = "we spoke to the social worker about it, and then my son Callum was called";
        let pair = 1 << WordList::NamePair as u8;
        assert_eq!(
            list_words(long.as_bytes()) & !pair,
            list_words_one_pass(long.as_bytes())
        );
        let bits = [WordList::Naming, WordList::Relative].map(|l| 1 << l as u8);
        assert_eq!(
            list_words(long.as_bytes()) & (bits[0] | bits[1]),
            bits[0] | bits[1]
        );
    }

    #[test]
    fn features_of_a_text() {
        let f = Features::of("Donna, 14 Orchard Row, NE6 5XY\nemail: a@b.co");
        assert!(f.at && f.newline && f.letter_digit && f.blank_digit);
        assert!(f.number_then_letter && f.ascii && !f.other_numeric);
        assert_eq!(f.digits, 4);
        let f = Features::of("we wait 18 months, £2.6bn");
        assert!(!f.at && !f.newline && !f.letter_digit && f.blank_digit);
        assert!(f.number_then_letter && !f.ascii);
        assert_eq!(f.digits, 4);
        // a non-ASCII digit counts; the address pattern reads ASCII digits only
        let f = Features::of("flat ٣ Orchard Row");
        assert_eq!(f.digits, 1);
        assert!(f.other_numeric && !Gate::Address.open("", &f));
        assert!(Features::of("3a, High Street").number_then_letter);
        assert!(Features::of("3 high street").number_then_letter);
        assert!(!Features::of("3, (high street)").number_then_letter);
        assert!(Features::of("ne6 5xy").letter_digit && !Features::of("6 ne").letter_digit);
    }

    #[test]
    fn words_from_the_lists() {
        let f = Features::of("Ask Dr. Patel, or Oliver; it is Known");
        assert!(f.has_word(WordList::Title) && f.has_word(WordList::FirstName));
        assert!(f.has_word(WordList::Naming));
        let f = Features::of("Ask Drew about Olivers; it is unknown, DR");
        assert!(!f.has_word(WordList::Title) && !f.has_word(WordList::FirstName));
        assert!(!f.has_word(WordList::Naming));
        // other text: always open
        assert!(Features::of("café").has_word(WordList::Title));
        let rel = |t: &str| Features::of(t).relative_then_name(t);
        assert!(rel("for my son, Callum") && rel("our PUPIL\tMia") && rel("my ſon Callum"));
        assert!(!rel("(son Callum") && !rel("Son Callum") && !rel("my son callum"));
        assert!(!rel("my person Callum") && !rel("my son - Callum"));
    }

    #[test]
    fn literal_lists_are_found_as_each_list_defines() {
        let pieces = [
            "dot", "DoT", "(at)", "[AT]", "flat", "Apt", "case", "REF", "born", "d.o.b",
            "of birth", "x", " ", "upn", "do", "t", "(", "]", "{a", "<", "t>", "a", "<AT>", "{at}",
            "(at]",
        ];
        for text in tally_benchdata::pieced_texts(&pieces, 5_000, 0..8, true, 7) {
            let lower = text.to_ascii_lowercase();
            for l in Literal::ALL {
                let want = l.words().iter().any(|w| lower.contains(w));
                let got = Literal::in_text(&text) & (1 << l as u8) != 0;
                assert_eq!(got, want, "{l:?} in {text:?}");
            }
            let want = Literal::Obfuscation
                .words()
                .iter()
                .any(|w| lower.contains(w));
            assert_eq!(obfuscation_cue(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn literal_cues_in_any_case() {
        let open = |g: Gate, t: &str| g.open(t, &Features::of(t));
        assert!(open(Gate::Url, "see WWW.example.org"));
        assert!(open(Gate::Url, "https://x"));
        assert!(!open(Gate::Url, "ww.x"));
        assert!(open(Gate::BirthCue, "Date Of Birth 3 May"));
        assert!(!open(Gate::BirthCue, "date of birth unknown"));
    }

    #[test]
    fn relative_words_are_the_last_words_of_the_relatives() {
        let relatives = &lists()[2];
        for w in ["son", "daughter", "grandchildren", "pupil", "nan"] {
            assert!(relatives.contains(w.as_bytes()), "{w}");
        }
        assert!(!relatives.contains(&b"foster"[..]) && !relatives.contains(&b"foster son"[..]));
        assert_eq!(relatives.len(), 44);
    }

    #[test]
    fn a_word_then_a_capital() {
        let words = &[&b"son"[..], &b"boy"[..]].into_iter().collect();
        assert!(word_then_capital("my son Callum", words));
        assert!(word_then_capital("a BOY,  Tyler", words));
        assert!(word_then_capital("my ſon\u{a0}Callum", words));
        assert!(!word_then_capital("my son callum", words));
        assert!(!word_then_capital("the person Callum", words));
        assert!(!word_then_capital("(son Callum", words));
        assert!(!word_then_capital(
            "Son Callum",
            &[&b"x"[..]].into_iter().collect()
        ));
        assert!(!word_then_capital("", words));
    }
}
