//! The checks a detector's pattern cannot make on its own match: an NHS number's check
//! digit, whether the words of a street address or a name are ordinary words.

use crate::word_lists::{class, continues_name, Lexicon};

/// Ten digits (spaces or hyphens between them) whose last is the modulus-11 check digit of
/// the first nine, as NHS numbers have.
pub(crate) fn nhs_number(m: &str) -> Option<usize> {
    nhs_number_ok(m).then_some(m.len())
}

fn nhs_number_ok(m: &str) -> bool {
    let digits: Vec<u32> = m.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

/// A postcode, unless written in lower case with an ordinal as its second half ("ks2 3rd").
pub(crate) fn postcode(m: &str) -> Option<usize> {
    postcode_ok(m).then_some(m.len())
}

fn postcode_ok(m: &str) -> bool {
    let lower_ordinal = ["st", "nd", "rd", "th"].iter().any(|o| m.ends_with(o));
    !lower_ordinal
}

/// Words between a house number and a street type that make it a distance, a time or a
/// count instead ("a 10 minute walk", "a 2 way street", "3 kids who walk").
const NOT_STREET: &[&str] = &[
    "a", "an", "and", "at", "by", "day", "days", "foot", "feet", "for", "from", "hour", "hours",
    "hr", "hrs", "in", "kids", "children", "km", "less", "metre", "metres", "meter", "meters",
    "mile", "miles", "min", "mins", "minute", "minutes", "month", "months", "more", "of", "on",
    "one", "or", "other", "people", "second", "seconds", "the", "time", "times", "to", "two",
    "way", "week", "weeks", "who", "with", "yard", "yards", "year", "years",
];

/// A street address unless a word before the street type is a unit, a count, a function
/// word or a contraction ("£200m overall doesn't come close").
pub(crate) fn address(m: &str) -> Option<usize> {
    address_ok(m).then_some(m.len())
}

fn address_ok(m: &str) -> bool {
    let mut words: Vec<&str> = m
        .split([' ', '\t', ','])
        .filter(|w| !w.is_empty())
        .collect();
    words.pop(); // the street type
    let contraction = |w: &str| {
        ["n't", "'re", "'ve", "'ll", "'d", "'m"]
            .iter()
            .any(|c| w.ends_with(c))
    };
    words.iter().skip(1).all(|w| {
        let w = w.to_ascii_lowercase();
        !NOT_STREET.contains(&w.as_str()) && !contraction(&w)
    })
}

/// An email with its "at" or "dot" written out: one of them in brackets or a "dot" word,
/// and a domain that is not a function word ("looked at the dot com boom").
pub(crate) fn obfuscated_email(m: &str) -> Option<usize> {
    obfuscated_email_ok(m).then_some(m.len())
}

fn obfuscated_email_ok(m: &str) -> bool {
    let lower = m.to_ascii_lowercase();
    let written_out = [
        "(at)", "[at]", "{at}", "<at>", "(dot)", "[dot]", "{dot}", "<dot>",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || lower.split_whitespace().any(|w| w == "dot");
    let domain = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .skip_while(|w| *w != "at")
        .nth(1);
    let lex = Lexicon::get();
    written_out && domain.is_some_and(|d| lex.class(d.as_bytes()) & class::STOP == 0)
}

/// A reference with three or more digits, not a year on its own ("reference 2023").
pub(crate) fn reference(m: &str) -> Option<usize> {
    reference_ok(m).then_some(m.len())
}

fn reference_ok(m: &str) -> bool {
    let digits = m.bytes().filter(u8::is_ascii_digit).count();
    let year = m.len() == 4 && (m.starts_with("19") || m.starts_with("20"));
    digits >= 3 && !year
}

/// How much of a capitalised name found by a pattern is a name: its first word must not be
/// an ordinary word (unless a given name, or a surname after a title: "Mrs Brown"), and each
/// further word must continue a name (`word_lists::continues_name`), "and" or "&" joining
/// two names. `None` when not even the first word is: "a group Called Working Together";
/// "My Son Callum Has Autism" keeps "Callum".
pub(crate) fn name_prefix(m: &str, after_title: bool) -> Option<usize> {
    let lex = Lexicon::get();
    let words = m
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| (w, lex.word(w.to_lowercase().as_bytes())));
    let mut end = 0;
    let mut joined = false;
    for (w, c) in words {
        let start = w.as_ptr() as usize - m.as_ptr() as usize;
        let ok = if end == 0 {
            let names = class::FIRST | class::AMBIGUOUS | class::VERB_NAME;
            let title_surname = after_title && c & (class::SURNAME | class::STOP) == class::SURNAME;
            c & class::COMMON == 0 || c & names != 0 || title_surname
        } else if matches!(w, "and" | "&") {
            joined = true;
            continue;
        } else {
            continues_name(c) || (joined && c & (class::AMBIGUOUS | class::VERB_NAME) != 0)
        };
        if !ok {
            break;
        }
        end = start + w.len();
        joined = false;
    }
    (end > 0).then_some(end)
}

/// [`name_prefix`] for a name after no title.
pub(crate) fn name(m: &str) -> Option<usize> {
    name_prefix(m, false)
}

/// [`name_prefix`] for a name after a title.
pub(crate) fn name_after_title(m: &str) -> Option<usize> {
    name_prefix(m, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_check_digits() {
        // valid: 943 476 5919 (the NHS's own example), 401 023 2137
        for ok in ["943 476 5919", "9434765919", "401-023-2137"] {
            assert!(nhs_number_ok(ok), "{ok}");
        }
        for bad in ["943 476 5918", "123 456 7890", "943476591"] {
            assert!(!nhs_number_ok(bad), "{bad}");
        }
    }

    #[test]
    fn ordinary_words_are_not_names_or_streets() {
        let len = |n: Option<usize>| n.unwrap_or(0);
        assert_eq!(len(name("Janet Morrow")), 12);
        assert_eq!(len(name("Callum Has")), 6);
        assert_eq!(len(name("Tyler and Mia")), 13);
        assert_eq!(len(name("Will")), 4);
        assert_eq!(name("Working Together"), None);
        assert_eq!(name("Brown"), None);
        assert_eq!(len(name_after_title("Brown")), 5);
        assert!(address_ok("14 orchard row") && address_ok("3a, High Street"));
        assert!(!address_ok("10 minute walk") && !address_ok("2 way street"));
        assert!(!address_ok("200m overall doesn't come close"));
        assert!(obfuscated_email_ok("jo (at) example (dot) com"));
        assert!(obfuscated_email_ok("jo at example dot com"));
        assert!(!obfuscated_email_ok("looked at the dot com"));
        assert!(!obfuscated_email_ok("met at st.johns"));
        assert!(reference_ok("AB/1234") && !reference_ok("2023") && !reference_ok("12"));
    }
}
