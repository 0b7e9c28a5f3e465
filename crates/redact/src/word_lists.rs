//! The word lists the name detectors read, each kept in its own file under `lists/` (the
//! generated one, `common_words.txt`, beside `make_common_words.py`, the script that makes
//! it), and the small fixed lists (titles, relatives, function words) here. Both the
//! detectors (`patterns.rs`, `names.rs`) and their gates (`gate.rs`) read this module; it
//! reads none of them.

use std::sync::OnceLock;

/// Titles before a name, as written.
pub(crate) const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Cllr",
    "Councillor",
    "Sir",
    "Dame",
];

/// Relatives and roles that introduce a name ("my son Callum", "my neighbour john smith").
pub(crate) const RELATIVES: &str = "son|daughter|grandson|granddaughter|grandchild|grandchildren|nephew|niece|child|boy|girl|baby|brother|sister|stepson|stepdaughter|foster son|foster daughter|husband|wife|partner|mum|mother|dad|father|friend|pupil|student|client|grandma|grandad|nan|neighbour|neighbor|colleague|cousin|aunt|auntie|uncle|carer|stepdad|stepmum|boyfriend|girlfriend|fiance|teacher";

/// The words of the name cues of `names.rs` ("name", "called", "regards", "my" …): only a
/// word on this list is matched against the cues.
pub(crate) const CUE_WORDS: &[&str] = &[
    "name",
    "name's",
    "names",
    "is",
    "are",
    "was",
    "called",
    "named",
    "known",
    "as",
    "i'm",
    "im",
    "i",
    "am",
    "this",
    "by",
    "made",
    "written",
    "submitted",
    "completed",
    "sent",
    "posted",
    "signed",
    "comment",
    "comments",
    "regards",
    "sincerely",
    "faithfully",
    "wishes",
    "thanks",
    "cheers",
    "my",
    "our",
    "his",
    "her",
    "their",
    "a",
    "the",
    "foster",
    "st",
    "saint",
];

/// Function words: never part of a name, whatever their case.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "just", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that",
    "the", "their", "them", "then", "there", "they", "this", "to", "too", "us", "very", "was",
    "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you",
    "your",
];

/// How many of the most frequent common words are never a surname (`class::FREQUENT`).
const FREQUENT_WORDS: usize = 8000;

/// Whether a word of these classes may continue a name after a given name or a cue
/// ("michael evans", "janet morrow", "sarah green", but not "michael said"): not a function
/// word nor among the most frequent words, unless a name or surname.
pub(crate) fn continues_name(c: u16) -> bool {
    use class::*;
    c & STOP == 0 && (c & (FIRST | SURNAME) != 0 || c & COMMON == 0 || c & FREQUENT == 0)
}

/// The non-comment lines of a list file.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Given names that are names in any case, capitalised as written (`lists/first_names.txt`).
pub(crate) fn first_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| lines(include_str!("../lists/first_names.txt")).collect())
}

/// What a word is, for the name detectors: bits of [`Lexicon::class`].
pub(crate) mod class {
    /// A function word ("the", "and").
    pub const STOP: u16 = 1;
    /// A common English word, a word of consultations ("ehcp") or a function word.
    pub const COMMON: u16 = 1 << 1;
    /// A given name that is a name in any case ("callum").
    pub const FIRST: u16 = 1 << 2;
    /// A given name that is also a noun, month or place ("grace", "june", "victoria").
    pub const AMBIGUOUS: u16 = 1 << 3;
    /// A given name that is also a verb, modal or adjective ("will", "may", "mark").
    pub const VERB_NAME: u16 = 1 << 4;
    /// A common surname ("smith", "evans").
    pub const SURNAME: u16 = 1 << 5;
    /// A title ("mrs", "dr").
    pub const TITLE: u16 = 1 << 6;
    /// A relative or role ("son", "neighbour").
    pub const RELATIVE: u16 = 1 << 7;
    /// Among the most frequent words (the first `FREQUENT_WORDS` common words, or a
    /// function word): never a surname after a given name ("michael said").
    pub const FREQUENT: u16 = 1 << 8;
    /// A word of a name cue ([`super::CUE_WORDS`]).
    pub const CUE: u16 = 1 << 9;
}

/// Bits of the name-list filter ([`Lexicon::shape`]): 2^14, for a few hundred words.
const SHAPE_BITS: u32 = 14;
/// The filter's length in 64-bit words.
const SHAPE_WORDS: usize = 1 << (SHAPE_BITS - 6);

/// Every list, by lower-case word.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: rustc_hash::FxHashMap<&'static [u8], u16>,
    /// The words of the name lists only (given names, titles, relatives): small, so the one
    /// look-up every word of a text needs stays in cache.
    names: rustc_hash::FxHashMap<&'static [u8], u16>,
    /// A one-bit-a-word filter of `names` (bit [`Lexicon::shape`] of each word): most words
    /// of a text are on no name list, and this rules them out without hashing.
    name_shapes: Box<[u64; SHAPE_WORDS]>,
}

impl Lexicon {
    /// The lists, read once.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut words: rustc_hash::FxHashMap<&'static [u8], u16> = Default::default();
        let mut add = |list: &mut dyn Iterator<Item = &'static str>, bit: u16| {
            for w in list {
                let w: &'static str = if w.bytes().any(|c| c.is_ascii_uppercase()) {
                    Box::leak(w.to_ascii_lowercase().into_boxed_str())
                } else {
                    w
                };
                *words.entry(w.as_bytes()).or_default() |= bit;
            }
        };
        use class::*;
        add(
            &mut FUNCTION_WORDS.iter().copied(),
            STOP | COMMON | FREQUENT,
        );
        let common = || lines(include_str!("../lists/common_words.txt"));
        add(&mut common().take(FREQUENT_WORDS), FREQUENT);
        add(&mut common(), COMMON);
        add(
            &mut lines(include_str!("../lists/domain_words.txt")),
            COMMON,
        );
        add(&mut first_names().iter().copied(), FIRST);
        add(
            &mut lines(include_str!("../lists/ambiguous_names.txt")),
            AMBIGUOUS,
        );
        add(
            &mut lines(include_str!("../lists/verb_names.txt")),
            VERB_NAME,
        );
        add(&mut lines(include_str!("../lists/surnames.txt")), SURNAME);
        add(&mut TITLES.iter().copied(), TITLE);
        add(&mut CUE_WORDS.iter().copied(), CUE);
        add(
            &mut RELATIVES
                .split('|')
                .filter_map(|r| r.split(' ').next_back()),
            RELATIVE,
        );
        const NAMES: u16 = FIRST | AMBIGUOUS | VERB_NAME | TITLE | RELATIVE | CUE;
        let names = words
            .iter()
            .filter(|(_, c)| *c & NAMES != 0)
            .map(|(w, c)| (*w, c & NAMES))
            .collect::<rustc_hash::FxHashMap<&'static [u8], u16>>();
        let mut name_shapes = Box::new([0u64; SHAPE_WORDS]);
        for w in names.keys() {
            let s = Self::shape(w);
            name_shapes[s / 64] |= 1 << (s % 64);
        }
        Lexicon {
            words,
            names,
            name_shapes,
        }
    }

    /// A word's bit in [`Lexicon::name_shapes`]: a mix of its length and its first, second
    /// and last bytes.
    fn shape(key: &[u8]) -> usize {
        let (Some(&first), Some(&last)) = (key.first(), key.last()) else {
            return 0;
        };
        let second = key.get(1).copied().unwrap_or(0);
        let h = u32::from(first).wrapping_mul(0x9E37_79B1).rotate_left(7)
            ^ u32::from(second).wrapping_mul(0x85EB_CA77)
            ^ u32::from(last).wrapping_mul(0xC2B2_AE3D)
            ^ (key.len() as u32).wrapping_mul(0x27D4_EB2F);
        (h.wrapping_mul(0x1656_67B1) >> (32 - SHAPE_BITS)) as usize
    }

    /// Whether lower-case `key` may be on a name list ([`Lexicon::names_word`] without `'s`).
    fn may_be_name(&self, key: &[u8]) -> bool {
        let s = Self::shape(key);
        self.name_shapes[s / 64] & (1 << (s % 64)) != 0
    }

    /// The name-list bits of a lower-case word as written (a possessive without its `'s`).
    pub fn names_word(&self, key: &[u8]) -> u16 {
        let get = |k: &[u8]| {
            if self.may_be_name(k) {
                self.names.get(k).copied()
            } else {
                None
            }
        };
        match get(key) {
            Some(c) => c,
            None => key.strip_suffix(b"'s").and_then(get).unwrap_or(0),
        }
    }

    /// The words of the name lists (given names, titles, relatives, cue words) and their
    /// name-list bits.
    pub fn names_words(&self) -> impl Iterator<Item = (&'static [u8], u16)> + '_ {
        self.names.iter().map(|(w, c)| (*w, *c))
    }

    /// The class bits of lower-case `word` (0: on no list).
    pub fn class(&self, word: &[u8]) -> u16 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// The class bits of a lower-case word as written: a possessive is looked up without its
    /// `'s`, a contraction ("don't", "we've") is a common word.
    pub fn word(&self, key: &[u8]) -> u16 {
        let c = self.class(key);
        if c != 0 {
            return c;
        }
        if let Some(base) = key
            .strip_suffix(b"'s")
            .or_else(|| key.strip_suffix("’s".as_bytes()))
        {
            return self.class(base);
        }
        let contraction = [&b"n't"[..], b"'re", b"'ve", b"'ll", b"'d", b"'m"]
            .iter()
            .any(|s| key.ends_with(s));
        if contraction {
            class::COMMON
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::class::*;
    use super::*;

    #[test]
    fn given_names_are_not_common_words_and_lists_do_not_overlap() {
        let lex = Lexicon::get();
        for n in first_names() {
            let c = lex.class(n.to_ascii_lowercase().as_bytes());
            assert_eq!(c & (COMMON | AMBIGUOUS | VERB_NAME), 0, "{n}");
        }
        for (w, c) in &lex.words {
            assert!(
                c & AMBIGUOUS == 0 || c & VERB_NAME == 0,
                "{:?} on both lists",
                std::str::from_utf8(w)
            );
        }
        assert!(lex.class(b"really") & COMMON != 0);
        assert!(lex.class(b"evans") & (COMMON | SURNAME) == SURNAME);
        assert!(lex.class(b"smith") & SURNAME != 0);
        assert!(lex.class(b"neighbour") & RELATIVE != 0);
        assert!(lex.class(b"ehcp") & COMMON != 0);
        assert_eq!(lex.class(b"zbigniewski"), 0);
    }

    #[test]
    fn the_name_filter_keeps_every_listed_word_and_rules_most_others_out() {
        let lex = Lexicon::get();
        for (w, c) in lex.names_words() {
            assert!(lex.may_be_name(w), "{:?}", std::str::from_utf8(w));
            assert_eq!(lex.names_word(w), c);
        }
        let others: Vec<&[u8]> = lex
            .words
            .keys()
            .copied()
            .filter(|w| !lex.names.contains_key(w))
            .collect();
        let passed = others.iter().filter(|w| lex.may_be_name(w)).count();
        assert!(passed * 10 < others.len(), "{passed} of {}", others.len());
        assert_eq!(lex.names_word(b"callum's") & FIRST, FIRST);
    }
}
