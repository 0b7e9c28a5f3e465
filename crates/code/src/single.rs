//! Single-code ("main theme") questions: each answer keeps only its best-supported theme.
//!
//! Many analyses give each answer to a question exactly one code, so that the question's
//! theme counts add up to its base (with the answers that raised none). A question declared
//! `mode = "single"` in consultation.toml is coded as usual and then [`keep_best`] keeps one
//! theme per answer, chosen by, in turn:
//!
//! 1. the most evidence spans (the theme the answer says most about);
//! 2. the strongest single piece of evidence: a proximity pair, then a phrase (a pattern of
//!    several words) or a regex, then a single word or glob;
//! 3. codebook order (the theme listed first).
//!
//! The other themes found are returned, so the audit can say what was dropped.

use crate::coding::{Evidence, ThemeHit, NO_PATTERN};
use crate::matcher::Matcher;

/// Keeps only the best-supported theme of `hits` (see the module's order) and returns the
/// indices of the themes dropped, in codebook order (empty when at most one was found).
pub fn keep_best(hits: &mut Vec<ThemeHit>, matcher: &Matcher) -> Vec<u32> {
    let Some(best) = hits
        .iter()
        .enumerate()
        .max_by_key(|(_, h)| {
            let strongest = h.evidence.iter().map(|e| strength(e, matcher)).max();
            // the earlier theme wins a tie: compare on the reversed theme index
            (h.evidence.len(), strongest, std::cmp::Reverse(h.theme))
        })
        .map(|(i, _)| i)
    else {
        return Vec::new();
    };
    // remove, not swap_remove: the dropped themes stay in codebook order
    let kept = hits.remove(best);
    let dropped = hits.iter().map(|h| h.theme).collect();
    hits.clear();
    hits.push(kept);
    dropped
}

/// How strongly one piece of evidence supports its theme: 3 for a proximity pair, 2 for a
/// phrase or a regex, 1 for a single word or glob.
fn strength(e: &Evidence, matcher: &Matcher) -> u8 {
    if e.patterns[1] != NO_PATTERN {
        return 3;
    }
    if e.patterns[0] == NO_PATTERN || e.is_model() {
        return 0; // a reviewer's addition without a pattern, or a learned coder's
    }
    let pattern = matcher.pattern_text(e.patterns[0]);
    if matcher.is_regex_pattern(e.patterns[0]) || pattern.split_whitespace().nth(1).is_some() {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Codebook, Scratch};

    const BOOK: &str = r#"
[[themes]]
id = "funding"
label = "Funding"
[[themes.rules]]
match = ["fund", "money"]

[[themes]]
id = "staff"
label = "Staff"
[[themes.rules]]
match = ["staff", "social worker"]

[[themes]]
id = "pay"
label = "Pay"
[[themes.rules]]
near = [["pay"], ["scale"]]
within = 3
"#;

    /// The theme ids kept and dropped for `text`.
    fn best(text: &str) -> (Vec<String>, Vec<String>) {
        let book = Codebook::parse(BOOK, "cb.toml").unwrap();
        let m = Matcher::compile(&book).unwrap();
        let mut hits = m.code(&mut Scratch::default(), "Q1", text);
        let dropped = keep_best(&mut hits, &m);
        let id = |t: u32| book.themes[t as usize].id.clone();
        (
            hits.iter().map(|h| id(h.theme)).collect(),
            dropped.into_iter().map(id).collect(),
        )
    }

    #[test]
    fn the_theme_with_most_evidence_is_kept() {
        assert_eq!(
            best("funding, money and more money, and staff"),
            (vec!["funding".into()], vec!["staff".into()])
        );
    }

    #[test]
    fn ties_go_to_the_strongest_evidence_then_codebook_order() {
        // one span each: the phrase beats the word, the proximity pair beats both
        assert_eq!(
            best("funding for a social worker"),
            (vec!["staff".into()], vec!["funding".into()])
        );
        assert_eq!(
            best("a pay scale for the social worker"),
            (vec!["pay".into()], vec!["staff".into()])
        );
        // equally supported: the theme listed first
        assert_eq!(
            best("staff funding"),
            (vec!["funding".into()], vec!["staff".into()])
        );
    }

    #[test]
    fn nothing_or_one_theme_is_left_as_it_is() {
        assert_eq!(best("nothing to say"), (vec![], vec![]));
        assert_eq!(best("staff"), (vec!["staff".into()], vec![]));
    }
}
