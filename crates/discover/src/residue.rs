//! Which sentences of a coded response are residue: none of its evidence spans overlaps
//! them (every sentence of a response with no theme); and blanking the text left out of
//! the counts (a letter's furniture, campaign copies) without moving any offset.

use tally_code::ThemeHit;

/// Per sentence of a response, whether an evidence span of `hits` overlaps it.
pub(crate) fn covered(sentences: &[(usize, usize)], hits: &[ThemeHit]) -> Vec<bool> {
    sentences
        .iter()
        .map(|&(s, e)| {
            hits.iter().flat_map(|h| &h.evidence).any(|ev| {
                let (a, b) = (ev.start as usize, ev.end as usize);
                a < e && s < b
            })
        })
        .collect()
}

/// `text` with every character inside one of `ranges` (byte ranges on character
/// boundaries) replaced by spaces of the same byte length — line ends kept, so paragraphs
/// and offsets stay where they were. Borrowed when there is nothing to blank.
pub(crate) fn blank<'a>(text: &'a str, ranges: &[(usize, usize)]) -> std::borrow::Cow<'a, str> {
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c != '\n' && ranges.iter().any(|&(s, e)| s <= i && i < e) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_code::Evidence;

    #[test]
    fn a_sentence_is_covered_when_any_span_overlaps_it() {
        let ev = |start, end| Evidence {
            start,
            end,
            rule: 0,
            patterns: [0, tally_code::NO_PATTERN],
        };
        let hits = [ThemeHit {
            theme: 0,
            evidence: vec![ev(12, 15), ev(40, 45)],
            score: None,
        }];
        let got = covered(&[(0, 10), (10, 20), (20, 40), (40, 50)], &hits);
        assert_eq!(got, [false, true, false, true]);
        assert_eq!(covered(&[(0, 10)], &[]), [false]);
    }

    #[test]
    fn blanking_keeps_offsets_and_line_ends() {
        let text = "Dear Zoë,\nRespite.";
        let got = blank(text, &[(0, 10)]);
        assert_eq!(got.len(), text.len());
        assert_eq!(&got[..], "          \nRespite.");
        assert_eq!(blank(text, &[]), text);
    }
}
