//! Personal names in the furniture of letters and emails, which the cue-based detectors of
//! `patterns.rs` and `names.rs` miss because the name stands alone on a line: an
//! individual's name is personal data even when they write for an organisation; the
//! organisation's name is not, and stays.
//!
//! - **Mailbox headers.** On a line starting with `From:`, `To:`, `Cc:`, `Bcc:`,
//!   `Reply-To:` or `Sender:` (any case, Markdown emphasis around it allowed:
//!   `**From:**`), each comma-separated mailbox's display part — `Name <addr>`,
//!   `"Name" <addr>`, `addr (Name)`, or a bare `Name` — is redacted when it is a
//!   [name line](#name-lines). An organisation's display name ("Three Rivers Kinship Carers'
//!   Network <…>", "Policy Team <…>") is kept: organisation names nearly always hold an
//!   ordinary word (network, team, council, fostering) or a possessive, personal names do
//!   not.
//! - **Signature blocks.** After a line that is only a sign-off ("Yours sincerely,", "Best
//!   wishes", "Many thanks", "Respectfully" …, emphasis and a trailing comma or full stop allowed), the
//!   block is the next 12 lines, ended early by a line of more than 100 bytes (a
//!   paragraph). Every line of the block that is a name line is redacted, so a second
//!   signatory after a blank line is caught too ("Yours faithfully,\n\nJoel
//!   Ambrose\nChief Executive\n\nMaureen Fitzsimmons\nRegistered Manager"); role lines
//!   ("Policy and Campaigns Lead", "Registered Manager") and organisation lines ("Common
//!   Ground Poverty Action", "Barnardo's") are not name lines and stay.
//!
//! ## Name lines
//!
//! A line (or display name) is a name line when, after Markdown emphasis (`*`, `_`) around
//! it, a leading title ("Dr", "Professor", "Reverend"; kept, as the title detector keeps
//! it) and trailing post-nominals in capitals ("OBE") are set aside, it is one to three
//! capitalised words (letters, `-`, `'`; "Kaur-Redfern", "McBride", "Zoë"), perhaps with
//! initials ("J. Smith", "Jo R R Wright") and one comma ("Wieczorek, Tomasz"), where
//! - no word is a function word or possessive ("Barnardo's", "Carers'"),
//! - no word is an ordinary word (`lists/common_words.txt`) unless it is on a name list
//!   (given names, surnames: "Mark Ellerby", "Grace Green"), or the line starts with a
//!   title or a listed given name ("Ms Marina Cintron", "Amy Black"), or it has two or
//!   three words and its last is not an ordinary word ("Phoenix Tallowmere": a surname is
//!   usually a rare word, while an organisation's name usually ends in an ordinary noun,
//!   "Oakhaven Fostering", "Kestrel Families"),
//! - a single word with no title or initial is a listed given name ("Maureen" is a name
//!   line on its own only if listed; the sign-off cue of `names.rs` already takes the one
//!   word right after a sign-off, "Best wishes,\nTomasz").
//!
//! What this misses, and what it over-redacts: a name written all in capitals
//! ("TOMASZ WIECZOREK") is not a name line (organisation lines in capitals are far more
//! common in letters); an organisation named only by name-like words ("Marie Curie", in a
//! signature or a display name) is redacted as a name. Prose never is: a name line is the
//! whole line.

use crate::patterns::{Kind, Span};
use crate::word_lists::{class, Lexicon, TITLES};

/// The spans of the names in `text`'s mailbox headers and signature blocks.
pub(crate) fn find(text: &str, spans: &mut Vec<Span>) {
    let mut block_left = 0usize;
    for (at, line) in lines(text) {
        if block_left > 0 {
            block_left -= 1;
            if line.len() > MAX_BLOCK_LINE {
                block_left = 0;
            } else {
                push_name(spans, at, line);
            }
        }
        if is_sign_off(line) {
            block_left = BLOCK_LINES;
        } else if let Some(value) = header_value(line) {
            let offset = at + (value.as_ptr() as usize - line.as_ptr() as usize);
            mailboxes(value, |from, display| {
                push_name(spans, offset + from, display)
            });
        }
    }
}

/// How many lines after a sign-off make its signature block.
const BLOCK_LINES: usize = 12;

/// A line longer than this ends a signature block (a paragraph, not a signature).
const MAX_BLOCK_LINE: usize = 100;

/// The lines of `text` with their byte offsets, without their line ends.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// The span of the name in `s` (at byte `at` of the text), if `s` is a name line.
fn push_name(spans: &mut Vec<Span>, at: usize, s: &str) {
    if let Some((start, end)) = name_line(s) {
        spans.push(Span {
            start: at + start,
            end: at + end,
            kind: Kind::Name,
        });
    }
}

/// Sign-offs that start a signature block, lower case, single-spaced.
const SIGN_OFFS: &[&str] = &[
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "yours",
    "sincerely",
    "kind regards",
    "best regards",
    "warm regards",
    "warmest regards",
    "regards",
    "best wishes",
    "with best wishes",
    "warm wishes",
    "all best wishes",
    "all the best",
    "many thanks",
    "with many thanks",
    "with thanks",
    "thanks",
    "thank you",
    "signed",
    "respectfully",
    "best",
    "warmly",
    "cheers",
];

/// Whether `line` is only a sign-off ("Yours sincerely,", "**Best wishes**").
fn is_sign_off(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let core = line
        .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .trim_end_matches([',', '.', '!']);
    let words = core.split_whitespace();
    SIGN_OFFS.iter().any(|s| {
        let mut w = words.clone();
        s.split(' ')
            .all(|x| w.next().is_some_and(|y| y.eq_ignore_ascii_case(x)))
            && w.next().is_none()
    })
}

/// Header fields whose value is mailboxes.
const MAILBOX_HEADERS: &[&str] = &["from", "to", "cc", "bcc", "reply-to", "sender"];

/// The value of a mailbox header line (`From: …`, `**To:** …`), if `line` is one.
fn header_value(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches([' ', '\t', '*', '_']);
    let colon = rest.get(..12).unwrap_or(rest).find(':')?;
    let name = &rest[..colon];
    if !MAILBOX_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) {
        return None;
    }
    Some(rest[colon + 1..].trim_start_matches(['*', '_']))
}

/// Calls `found(offset, display)` for each mailbox's display part in a header value:
/// mailboxes are split at commas outside quotes, angle brackets and parentheses.
fn mailboxes(value: &str, mut found: impl FnMut(usize, &str)) {
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in value.char_indices().chain([(value.len(), ',')]) {
        match c {
            '"' => quoted = !quoted,
            '<' | '(' if !quoted => depth += 1,
            '>' | ')' if !quoted => depth -= 1,
            ',' if !quoted && depth <= 0 => {
                let (from, display) = display_part(&value[start..i]);
                found(start + from, display);
                start = i + 1;
            }
            _ => {}
        }
    }
}

/// The display part of one mailbox and its offset in it: before `<addr>`, inside
/// `(Name)` after an address, or the whole of a bare name; without its quotes.
fn display_part(mailbox: &str) -> (usize, &str) {
    let (from, part) = if let Some(lt) = mailbox.find('<') {
        (0, &mailbox[..lt])
    } else if let (Some(open), Some(close)) = (mailbox.find('('), mailbox.rfind(')')) {
        if open < close {
            (open + 1, &mailbox[open + 1..close])
        } else {
            (0, mailbox)
        }
    } else {
        (0, mailbox)
    };
    let trimmed = part.trim_start_matches(|c: char| c.is_whitespace() || c == '"');
    let from = from + part.len() - trimmed.len();
    (
        from,
        trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '"'),
    )
}

/// One blank-separated piece of a candidate line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A capitalised word on a name list or on no list of ordinary words.
    Name,
    /// A listed given name ("Maureen" if listed, "Amy").
    GivenName,
    /// A capitalised ordinary word ("Black", "Marina"): a name only after a title or a
    /// given name.
    Ordinary,
    /// An initial ("J", "J.").
    Initial,
}

/// Titles before a name in a signature, besides the titles of the title detector.
const MORE_TITLES: &[&str] = &["Rev", "Revd", "Reverend"];

/// The byte range of the name in `s`, if `s` is a name line (see the module doc).
fn name_line(s: &str) -> Option<(usize, usize)> {
    if s.len() > 80 {
        return None;
    }
    let core = s.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let offset = |w: &str| w.as_ptr() as usize - s.as_ptr() as usize;
    let mut tokens: Vec<&str> = core.split_whitespace().collect();
    let titled = tokens.first().is_some_and(|t| {
        let t = t.trim_end_matches('.');
        TITLES.contains(&t) || MORE_TITLES.contains(&t)
    });
    if titled {
        tokens.remove(0);
    }
    while tokens.len() > 1 && tokens.last().is_some_and(|t| post_nominal(t)) {
        tokens.pop();
    }
    let (first, last) = (*tokens.first()?, *tokens.last()?);
    let mut commas = 0;
    let mut pieces = Vec::with_capacity(tokens.len());
    for (k, t) in tokens.iter().enumerate() {
        let t = match t.strip_suffix(',') {
            Some(w) if k + 1 < tokens.len() => {
                commas += 1;
                w
            }
            _ => t,
        };
        pieces.push(piece(t)?);
    }
    let words = pieces.iter().filter(|p| **p != Piece::Initial).count();
    let last_word = pieces.iter().rev().find(|p| **p != Piece::Initial);
    let vouched = titled
        || pieces[0] == Piece::GivenName
        || (words >= 2 && last_word.is_some_and(|p| *p != Piece::Ordinary));
    let ordinary = pieces.contains(&Piece::Ordinary);
    let lone = words == 1 && tokens.len() == 1 && !titled && pieces[0] != Piece::GivenName;
    (commas <= 1 && (1..=3).contains(&words) && tokens.len() <= 5 && !lone)
        .then_some(())
        .filter(|()| vouched || !ordinary)
        .map(|()| (offset(first), offset(last) + last.len()))
}

/// Post-nominal letters in capitals ("OBE", "MBE", "FRSA").
fn post_nominal(t: &str) -> bool {
    (2..=5).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase())
}

/// What `t` is in a name line, or `None` if it cannot be in one: not capitalised, not
/// letters, possessive ("Barnardo's"), a function word.
fn piece(t: &str) -> Option<Piece> {
    let mut chars = t.chars();
    let first = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let rest = chars.as_str();
    if rest.is_empty() || rest == "." {
        return Some(Piece::Initial);
    }
    let shaped = rest
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && rest.chars().any(char::is_lowercase);
    let possessive = ["'s", "’s", "'", "’"].iter().any(|p| t.ends_with(p));
    if !shaped || possessive {
        return None;
    }
    let c = Lexicon::get().class(&lower(t));
    let names = class::FIRST | class::AMBIGUOUS | class::VERB_NAME | class::SURNAME;
    Some(if c & class::STOP != 0 {
        return None;
    } else if c & class::FIRST != 0 {
        Piece::GivenName
    } else if c & names != 0 || c & class::COMMON == 0 {
        Piece::Name
    } else {
        Piece::Ordinary
    })
}

fn lower(t: &str) -> Vec<u8> {
    t.to_lowercase().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lines() {
        fn name(s: &str) -> Option<&str> {
            name_line(s).map(|(a, b)| &s[a..b])
        }
        assert_eq!(name("Tomasz Wieczorek"), Some("Tomasz Wieczorek"));
        assert_eq!(name("**Owen Pritchard**"), Some("Owen Pritchard"));
        assert_eq!(name("Dr Tomasz Lindqvist"), Some("Tomasz Lindqvist"));
        assert_eq!(name("Jane Okafor OBE"), Some("Jane Okafor"));
        assert_eq!(name("J. Okafor"), Some("J. Okafor"));
        assert_eq!(name("Wieczorek, Tomasz"), Some("Wieczorek, Tomasz"));
        assert_eq!(name("Sunita Kaur-Redfern"), Some("Sunita Kaur-Redfern"));
        // after a title or a listed given name, ordinary words may be a surname
        assert_eq!(name("Ms. Marina Cintron"), Some("Marina Cintron"));
        assert_eq!(name("Reverend Jo R R Wright"), Some("Jo R R Wright"));
        assert_eq!(name("Amy Black"), Some("Amy Black"));
        assert_eq!(name("Phoenix Tallowmere"), Some("Phoenix Tallowmere"));
        for not in [
            "Policy and Campaigns Lead",
            "Common Ground Poverty Action",
            "Registered Manager",
            "Chief Executive",
            "Oakhaven Fostering",
            "Larkspur Black",
            "The Guild",
            "Barnardo's",
            "Anchorline",
            "Head of Participation, Anchorline",
            "Three Rivers Kinship Carers' Network",
            "TOMASZ WIECZOREK",
            "07700 900251",
            "",
        ] {
            assert_eq!(name(not), None, "{not}");
        }
    }

    #[test]
    fn sign_offs_and_headers() {
        for s in [
            "Yours sincerely,",
            "**Best wishes**",
            "  many  thanks.",
            "With best wishes,",
        ] {
            assert!(is_sign_off(s), "{s}");
        }
        for s in ["Yours", "Thanks to everyone.", "Best", "", "Regards to all"] {
            assert_eq!(is_sign_off(s), matches!(s, "Yours" | "Best"), "{s}");
        }
        assert_eq!(header_value("From: a"), Some(" a"));
        assert_eq!(header_value("**Reply-To:** a"), Some(" a"));
        assert_eq!(header_value("Subject: a"), None);
        assert_eq!(header_value("To the team: a"), None);
    }
}
