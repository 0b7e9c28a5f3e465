//! Which sentences of a coded response are residue: none of its evidence spans overlaps
//! them (every sentence of a response with no theme).

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
}
