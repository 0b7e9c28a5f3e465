//! Names in any case, found word by word: real free text is often all lower case ("comment
//! made by michael evans") or all capitals ("MY NAME IS …"), where the capitalised-word
//! patterns of `patterns.rs` see nothing.
//!
//! A word is looked up, lower-cased, in the lists of `word_lists.rs`. A *name-like* word is
//! one on no list of ordinary words (not a common English word, a consultation word or a
//! function word). Then, whatever the case:
//! - a given name from `lists/first_names.txt` ("callum", "MICHAEL") is a name, with the
//!   name-like words or surnames after it ("michael evans", "john smith");
//! - a given name that is also a word ("grace", "will") is a name only before a surname
//!   ("grace evans") or after a cue;
//! - after a cue, a name-like word (or a given name) starts a name of up to three words:
//!   "my name is …", "name: …", "called …", "named …", "known as …", a title ("mrs …",
//!   "DR. …"), a relative or role ("my neighbour …", "our son, …"), a sign-off ("regards,
//!   …", "thanks …", "yours sincerely …"), "… by" after "made", "written", "submitted",
//!   "completed", "sent", "posted" or "signed", and "I, …," (the name between commas);
//! - after the weak cues "I'm", "I am" and "this is" only a given name or two name-like
//!   words in a row are a name: "I'm Really Worried" stays.
//!
//! One possessive word on the line after a sign-off is an organisation, not a name ("Yours
//! faithfully,\nBarnardo's").
//!
//! After a title a surname is a name even where it is a word ("mrs brown"). Verb-like given
//! names ("will", "may") count after a cue only when capitalised ("my son Will"), since "my
//! son will …" is ordinary. Words of a name are separated by blanks only (a single-letter
//! initial may be followed by a full stop: "j. smith").

use crate::patterns::{Kind, Span};
use crate::word_lists::{class, continues_name, Lexicon};

mod window;
mod words;

pub(crate) use window::word_start;
pub(crate) use words::ascii_words;
use words::words;

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    start: usize,
    end: usize,
    /// The name lists it is on (the [`class`] bits of `Lexicon::names_word`); the other
    /// lists are looked up only for the few words where a name could be ([`Word::class`]).
    names: u16,
    /// Its lower-case form (empty when longer than [`MAX_KEY`]).
    key: [u8; MAX_KEY],
    key_len: u8,
    /// Its first letter is a capital and its second is not.
    capitalised: bool,
    /// One letter.
    initial: bool,
    /// What separates it from the next word.
    after: Sep,
    /// Lower-cased key, only for the few cue words ("name", "called" …).
    cue: Cue,
}

impl Word {
    /// Every list it is on.
    fn class(&self) -> u16 {
        self.names | Lexicon::get().word(&self.key[..usize::from(self.key_len)])
    }
}

/// What lies between two words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// Spaces or tabs only.
    Blank,
    /// A full stop then blanks ("j. smith", "Dr. Patel").
    Dot,
    /// A comma, perhaps with blanks.
    Comma,
    /// A colon, perhaps with blanks.
    Colon,
    /// Line breaks, commas, dashes or blanks only ("Regards,\n\nJo").
    Break,
    /// Anything else (or the end of the text).
    Other,
}

/// The cue words, as found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Name,
    NameIs,
    Names,
    Is,
    Are,
    Was,
    Called,
    Known,
    As,
    Im,
    I,
    Am,
    This,
    By,
    MadeBy,
    SignOff,
    Determiner,
    Foster,
    Saint,
}

fn cue_of(key: &[u8]) -> Cue {
    match key {
        b"name" => Cue::Name,
        b"name's" => Cue::NameIs,
        b"names" => Cue::Names,
        b"is" => Cue::Is,
        b"are" => Cue::Are,
        b"was" => Cue::Was,
        b"called" | b"named" => Cue::Called,
        b"known" => Cue::Known,
        b"as" => Cue::As,
        b"i'm" | b"im" => Cue::Im,
        b"i" => Cue::I,
        b"am" => Cue::Am,
        b"this" => Cue::This,
        b"by" => Cue::By,
        b"made" | b"written" | b"submitted" | b"completed" | b"sent" | b"posted" | b"signed"
        | b"comment" | b"comments" => Cue::MadeBy,
        b"regards" | b"sincerely" | b"faithfully" | b"wishes" | b"thanks" | b"cheers" => {
            Cue::SignOff
        }
        b"my" | b"our" | b"his" | b"her" | b"their" | b"a" | b"the" => Cue::Determiner,
        b"foster" => Cue::Foster,
        b"st" | b"saint" => Cue::Saint,
        _ => Cue::None,
    }
}

/// Longest key looked up on the lists (longer words are on none).
const MAX_KEY: usize = 24;

/// How much a cue vouches for the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// One name-like word is a name.
    Strong,
    /// A given name, or two name-like words.
    Weak,
    /// After a title: a surname too, even where it is a word.
    Title,
}

/// The spans of the names in `text`, in order (they may overlap other detectors' spans).
/// Only the words around those that could start a name are read (`window.rs`), unless they
/// are many or the text is not ASCII.
pub(crate) fn find(text: &str, spans: &mut Vec<Span>) {
    thread_local! {
        static WORDS: std::cell::RefCell<(Vec<Word>, Vec<usize>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    WORDS.with_borrow_mut(|(w, starts)| {
        if crate::name_gate::starters(text, starts).is_none()
            || starts.len() * window::BYTES_A_WINDOW > text.len()
        {
            find_in(text, w, spans);
        } else {
            window::find_around(text, starts, w, spans);
        }
    });
}

/// [`find`] reading every word: the reference the windows are tested against.
#[cfg(test)]
pub(crate) fn find_plain(text: &str, spans: &mut Vec<Span>) {
    find_in(text, &mut Vec::new(), spans);
}

fn find_in(text: &str, w: &mut Vec<Word>, spans: &mut Vec<Span>) {
    let lex = Lexicon::get();
    words(text, lex, w);
    let w = &w[..];
    let mut i = 0;
    while i < w.len() {
        let mut next = i + 1;
        if let Some((from, end)) = name_at(w, i) {
            push(spans, text, w, from, end);
            next = end + 1;
        }
        i = next;
    }
}

/// The name a cue ending at word `i` or a name starting there makes: its first and last
/// words.
fn name_at(w: &[Word], i: usize) -> Option<(usize, usize)> {
    if let Some((from, strength)) = cue_at(w, i) {
        let end = name_after(w, from, strength)?;
        // "Yours faithfully,\nBarnardo's": one possessive word on the line after a sign-off
        // signs for an organisation
        let organisation = w[i].cue == Cue::SignOff
            && w[i].after == Sep::Break
            && end == from
            && possessive(&w[end]);
        (!organisation).then_some((from, end))
    } else {
        bare_name(w, i).map(|end| (i, end))
    }
}

/// The name from word `from` to word `to`, without a last word's possessive `'s`
/// ("[name]'s school").
fn push(spans: &mut Vec<Span>, text: &str, w: &[Word], from: usize, to: usize) {
    let last = &text[w[to].start..w[to].end];
    let possessive = ["'s", "’s", "'S", "’S"]
        .iter()
        .find(|p| last.len() > p.len() && last.ends_with(*p))
        .map_or(0, |p| p.len());
    spans.push(Span {
        start: w[from].start,
        end: w[to].end - possessive,
        kind: Kind::Name,
    });
}

/// A cue ending at word `i`: where its name would start, and how strong it is.
fn cue_at(w: &[Word], i: usize) -> Option<(usize, Strength)> {
    let at = |k: usize| w.get(k).map_or(Cue::None, |x| x.cue);
    let joined = |k: usize| w.get(k).is_some_and(|x| x.after == Sep::Blank);
    let next_to = |k: usize, s: &[Sep]| w[k].after != Sep::Other && s.contains(&w[k].after);
    let blank = [Sep::Blank];
    let cue = |from, strength| (from < w.len()).then_some((from, strength));
    let strong = Strength::Strong;
    match w[i].cue {
        Cue::Name if next_to(i, &[Sep::Colon]) => cue(i + 1, strong),
        Cue::Name if joined(i) && matches!(at(i + 1), Cue::Is | Cue::Was) && joined(i + 1) => {
            cue(i + 2, strong)
        }
        Cue::Names if joined(i) && at(i + 1) == Cue::Are && joined(i + 1) => cue(i + 2, strong),
        // "a named keyworker", "the so-called experts": an adjective after an article
        Cue::Called if i > 0 && w[i - 1].cue == Cue::Determiner && joined(i - 1) => None,
        Cue::NameIs | Cue::Called if next_to(i, &blank) => cue(i + 1, strong),
        Cue::Known if joined(i) && at(i + 1) == Cue::As && joined(i + 1) => cue(i + 2, strong),
        Cue::Im if next_to(i, &blank) => cue(i + 1, Strength::Weak),
        Cue::I if joined(i) && at(i + 1) == Cue::Am && joined(i + 1) => cue(i + 2, Strength::Weak),
        Cue::This if joined(i) && at(i + 1) == Cue::Is && joined(i + 1) => {
            cue(i + 2, Strength::Weak)
        }
        Cue::I if w[i].after == Sep::Comma => comma_name(w, i + 1),
        Cue::MadeBy
            if joined(i) && at(i + 1) == Cue::By && next_to(i + 1, &[Sep::Blank, Sep::Colon]) =>
        {
            cue(i + 2, strong)
        }
        Cue::SignOff if next_to(i, &[Sep::Blank, Sep::Comma, Sep::Break]) => cue(i + 1, strong),
        Cue::Determiner if joined(i) => relative(w, i + 1),
        _ if w[i].names & class::TITLE != 0 && next_to(i, &[Sep::Blank, Sep::Dot]) => {
            cue(i + 1, Strength::Title)
        }
        _ => None,
    }
}

/// "my son …", "our foster daughter, …": where the name would start.
fn relative(w: &[Word], mut k: usize) -> Option<(usize, Strength)> {
    if w.get(k)?.cue == Cue::Foster && w[k].after == Sep::Blank {
        k += 1;
    }
    let r = w.get(k)?;
    // "our son's physio" is not the son's name
    let key = &r.key[..usize::from(r.key_len)];
    let possessive = key.ends_with(b"'s");
    let relative = r.names & class::RELATIVE != 0 && !possessive;
    (relative && matches!(r.after, Sep::Blank | Sep::Comma) && k + 1 < w.len())
        .then_some((k + 1, Strength::Strong))
}

/// "I, michael evans, …": the name between the commas.
fn comma_name(w: &[Word], from: usize) -> Option<(usize, Strength)> {
    let end = name_after(w, from, Strength::Strong)?;
    (w[end].after == Sep::Comma).then_some((from, Strength::Strong))
}

/// A word ending in a possessive `'s`.
fn possessive(x: &Word) -> bool {
    let key = &x.key[..usize::from(x.key_len)];
    key.ends_with(b"'s") || key.ends_with("’s".as_bytes())
}

/// A word on no list of ordinary words.
fn name_like(x: &Word) -> bool {
    x.class() & class::COMMON == 0 && !x.initial
}

/// Whether a name may start with `x` after a strong cue or a title.
fn starts_name(x: &Word, strength: Strength) -> bool {
    let c = x.class();
    c & (class::FIRST | class::AMBIGUOUS) != 0
        || (c & class::VERB_NAME != 0 && x.capitalised)
        || name_like(x)
        || (strength == Strength::Title && c & class::SURNAME != 0 && c & class::STOP == 0)
}

/// The last word of a name starting at word `from` after a cue, if one does.
fn name_after(w: &[Word], from: usize, strength: Strength) -> Option<usize> {
    let first = w.get(from)?;
    if first.names & class::TITLE != 0 && matches!(first.after, Sep::Blank | Sep::Dot) {
        // "made by mrs jones": the title's own cue finds the name
        return None;
    }
    let article = matches!(&first.key[..usize::from(first.key_len)], b"a" | b"i");
    if first.initial && !article && matches!(first.after, Sep::Blank | Sep::Dot) {
        // "j. smith", "j smith": an initial and a surname or a name-like word
        let n = w.get(from + 1)?;
        return (n.class() & class::SURNAME != 0 || name_like(n)).then(|| extend(w, from + 1));
    }
    if strength == Strength::Weak {
        if first.names & class::FIRST != 0 {
            return Some(extend(w, from));
        }
        let second = w.get(from + 1)?;
        let pair = name_like(first) && first.after == Sep::Blank && name_like(second);
        return pair.then(|| extend(w, from));
    }
    starts_name(first, strength).then(|| extend(w, from))
}

/// A name with no cue starting at word `i`: a given name (not a saint's: "st. john's
/// church"), or a word-like given name before a surname that is not itself a word ("grace
/// evans", but not "rose hill").
fn bare_name(w: &[Word], i: usize) -> Option<usize> {
    let x = &w[i];
    let saint =
        i > 0 && w[i - 1].cue == Cue::Saint && matches!(w[i - 1].after, Sep::Blank | Sep::Dot);
    if saint {
        return None;
    }
    if x.names & class::FIRST != 0 {
        return Some(extend(w, i));
    }
    let word_like = x.names & (class::AMBIGUOUS | class::VERB_NAME) != 0;
    if !word_like || x.after != Sep::Blank {
        return None;
    }
    let next = w.get(i + 1)?;
    let surname = next.class() & (class::SURNAME | class::COMMON) == class::SURNAME;
    surname.then(|| extend(w, i))
}

/// The last word of a name starting at word `from`: up to two more words joined by blanks
/// that may continue a name (`word_lists::continues_name`).
fn extend(w: &[Word], from: usize) -> usize {
    let mut end = from;
    while end < from + 2 && w[end].after == Sep::Blank {
        let Some(n) = w.get(end + 1) else { break };
        if n.initial || !continues_name(n.class()) {
            break;
        }
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_word_is_on_the_cue_list() {
        let listed: Vec<&[u8]> = crate::word_lists::CUE_WORDS
            .iter()
            .map(|w| w.as_bytes())
            .collect();
        for w in &listed {
            assert_ne!(cue_of(w), Cue::None, "{:?}", std::str::from_utf8(w));
        }
        // and a cue word off the list would never be matched
        for w in ["name", "called", "regards", "the", "saint", "i'm"] {
            assert!(listed.contains(&w.as_bytes()), "{w}");
        }
    }
}
