//! A letter's furniture: the header block (letterhead, address, date, reference, "To:"
//! lines, the salutation, the title) and the sign-off (valediction, names, roles, contact
//! details) — text that is residue of every coding and never a theme.
//!
//! The rule is structural, not a word list: the text is cut into paragraphs at blank lines;
//! a paragraph is **furniture** when each of its lines is short (at most [`MAX_WORDS`]
//! words) and none ends a sentence (`.`, `!` or `?`, before any closing quotes, brackets
//! or Markdown emphasis) or leads into what follows (`:` — "the following would help:"),
//! and none is a list item (`-`, `*`, `•` or a number and `.` or `)` first): a list is
//! content however short its items. The furniture paragraphs before the first prose paragraph are the
//! header block, those after the last prose paragraph the sign-off. Prose paragraphs end
//! in a sentence (hard-wrapped prose too: its last line ends one), so they are never
//! furniture; headings inside the body are left as they are. A text of one paragraph, or
//! with no prose paragraph at all, is left whole: a survey answer of a few short lines is an
//! answer, not a letter.

/// A furniture line has at most this many words: a letterhead, an address or a
/// "Subject:" line is short; a line of prose hard-wrapped at ~80 characters is about this
/// long but its paragraph ends a sentence.
pub(crate) const MAX_WORDS: usize = 15;

/// The byte ranges of `text` that are its header block and its sign-off (empty when the
/// text is one paragraph or has no prose paragraph).
pub(crate) fn furniture(text: &str) -> Vec<(usize, usize)> {
    let paragraphs = paragraphs(text);
    if paragraphs.len() < 2 {
        return Vec::new();
    }
    let prose: Vec<bool> = paragraphs
        .iter()
        .map(|&(s, e)| !is_furniture(&text[s..e]))
        .collect();
    let (Some(first), Some(last)) = (
        prose.iter().position(|&p| p),
        prose.iter().rposition(|&p| p),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if first > 0 {
        out.push((paragraphs[0].0, paragraphs[first - 1].1));
    }
    if last + 1 < paragraphs.len() {
        out.push((paragraphs[last + 1].0, paragraphs[paragraphs.len() - 1].1));
    }
    out
}

/// The paragraphs of `text` (split at lines holding only white space), as byte ranges
/// from their first line's start to their last line's end.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (at, at + line.trim_end().len());
        at += line.len();
        if line.trim().is_empty() {
            out.extend(open.take());
        } else {
            open = Some((open.map_or(start, |o| o.0), end));
        }
    }
    out.extend(open);
    out
}

/// Whether every line of the paragraph is short and none ends a sentence.
fn is_furniture(paragraph: &str) -> bool {
    paragraph.lines().all(|line| {
        let words = line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let end = line.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\'' | '’' | '”' | ')' | ']')
        });
        words <= MAX_WORDS && !end.ends_with(['.', '!', '?', ':']) && !is_list_item(line)
    })
}

/// Whether the line starts a list item: `-`, `*` or `•` and a space, or a number followed
/// by `.` or `)` and a space.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if ["- ", "* ", "• "].iter().any(|b| t.starts_with(b)) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        furniture(text).iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_letters_header_block_and_sign_off_are_furniture() {
        let letter = "NORTH FELLSHIRE COUNTY COUNCIL\nCounty Hall, Fellgate\n\n\
                      Our ref: CYPS/23/114\nDate: 9 May 2023\n\nDear Sir or Madam,\n\n\
                      # Response to *Stable Homes*\n\n\
                      We welcome the reforms. Caseloads must fall before\nanything else works.\n\n\
                      Respite care is scarce.\n\nYours faithfully,\n\nMark Ellerby\n\
                      Director of Children's Services\n\nTelephone: 0113 496 0273\n";
        let got = cut(letter);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with("NORTH FELLSHIRE"));
        assert!(got[0].ends_with("# Response to *Stable Homes*"));
        assert!(got[1].starts_with("Yours faithfully,"));
        assert!(got[1].ends_with("0113 496 0273"));
        let kept: String = {
            let (h, s) = (furniture(letter)[0], furniture(letter)[1]);
            letter[h.1..s.0].to_string()
        };
        assert!(kept.contains("We welcome the reforms") && kept.contains("Respite care"));
    }

    #[test]
    fn an_email_style_header_without_a_salutation_is_furniture() {
        let text = "From: A Person <a@example.org>\nTo: Consultation team\n\
                    Subject: Response from a network of kinship carers - Stable Homes\n\n\
                    We are kinship carers and we cannot afford to keep going.\n\nWith thanks,\nMaureen\n";
        let got = cut(text);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with("From:") && got[0].ends_with("Stable Homes"));
        assert_eq!(got[1], "With thanks,\nMaureen");
    }

    #[test]
    fn ordinary_answers_are_kept_whole() {
        // one paragraph, even of short lines
        assert!(cut("More funding\nBetter pay for social workers").is_empty());
        // two prose paragraphs
        assert!(cut("Caseloads are too high.\n\nPay is too low.").is_empty());
        // no prose paragraph at all: a list answer, not a letter
        assert!(cut("Respite\n\nShort breaks\n\nFunding").is_empty());
        // a hard-wrapped prose paragraph is prose: its last line ends a sentence
        assert!(cut(
            "Dear team,\n\nWe need far more respite care for families with\n\
                     disabled children than is on offer."
        )
        .eq(&["Dear team,"]));
        // a lead-in to a list is prose
        let text = "Our members say the following would help most:\n\n- respite\n- pay\n\nThanks";
        assert_eq!(cut(text), ["Thanks"]);
        let text = "Pay is too low.\n\n1. respite\n2) pay\n\n* short breaks";
        assert!(cut(text).is_empty());
        // a middle heading is left
        let text = "Pay is too low.\n\n## Caseloads\n\nCaseloads are too high.";
        assert!(cut(text).is_empty());
    }

    #[test]
    fn sentence_ends_behind_emphasis_or_quotes_count() {
        assert!(!is_furniture("This is *important.*"));
        assert!(!is_furniture("They said \"enough.\""));
        assert!(is_furniture("*Supporting families since 1986*"));
        assert!(!is_furniture(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
        ));
    }
}
