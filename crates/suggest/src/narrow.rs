//! Tighter rules: candidate narrowings of a one-word pattern that causes false hits.
//!
//! A word such as `break` or `support` matches every form of its stem in every context; when
//! the false hits it causes are spread over many contexts, no single `unless` exclusion
//! clears them. Two narrowings are candidates instead, for each plain one-word pattern of a
//! `match` rule (lower-case letters only: a capitalised word, a glob, a phrase or an `=exact`
//! form was written that way on purpose) that is the evidence of a training false hit:
//!
//! - **the phrases it occurs in where it is right**: the 2–3-word phrases of the
//!   [`Universe`](crate::universe::Universe) that contain the word and fire on the training
//!   responses the rule codes rightly through it, each distinctive of the theme (as an added
//!   phrase must be) and written by at least [`MIN_SUPPORT_ADD`] of those respondents,
//!   reduced to the fewest that still cover those responses. Proposed only when they cover
//!   **every** one of them: measured on the example corpus, phrases that covered most of the
//!   training positives lost many held-out ones, written in other words ("agency" narrowed to
//!   "agency social", "agency staff" lost 7 of 13 held-out positives). Otherwise, the word
//!   is dropped from the rule, when the rule has other patterns and the word is not one of
//!   the theme's own definition (a theme "feeling valued and trusted" keeps `trusted` in
//!   some form: the sample is evidence about contexts, not about what the theme means);
//! - **the exact form** (`=word`): when the false hits come through other forms of the word
//!   ("targeted" for `targets`).
//!
//! The phrases (or dropping the word) are candidates only when, in the training responses,
//! the word's false hits outweigh its hits (more responses wrongly raised through it than
//! rightly): a word that is mostly right is better fixed by an exclusion. Whether a
//! candidate is proposed is then decided as for every edit ([`crate::learn`]): it must put
//! right at least two respondents' codings and be right for most of the responses it
//! changes, i.e. the false hits it clears outweigh the hits it loses (for the exact form,
//! the hits through the word's other forms). The new phrases are
//! measured as the probe fires them in the theme's scope; a scope, an `unless` or
//! `negation = false` of the rule itself is not applied to them (the measure is then slightly
//! off for such rules).

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use crate::edit::{Ctx, Edit, Narrowed};
use crate::learn::MIN_SUPPORT_ADD;
use crate::stopwords::is_content_word;
use crate::universe::Pattern;

/// Whether a pattern as written is a plain word that may be narrowed: lower-case letters
/// only, and a content word (three letters or more, not a stopword), so that neither its
/// exact form nor a phrase built on it ever matches a stopword or a single character.
pub fn plain_word(pattern: &str) -> bool {
    pattern.chars().all(|c| c.is_ascii_lowercase()) && is_content_word(pattern)
}

/// The narrowings of `theme`'s one-word patterns that fire on the training false hits.
pub fn narrowings(
    ctx: &Ctx,
    theme: usize,
    train: &[bool],
    coded: &[bool],
    out: &mut FxHashSet<Edit>,
) {
    // (rule, pattern) → (stem, whether some false hit is another form of the word, false hits)
    let mut broad: BTreeMap<(usize, &str), (u32, bool, usize)> = BTreeMap::new();
    for i in (0..train.len()).filter(|&i| train[i] && coded[i]) {
        if ctx.sample.items[i].gold[theme] {
            continue;
        }
        let words = &ctx.prepared.words[i];
        let mut seen: Vec<(usize, &str)> = Vec::new();
        for ev in &ctx.baseline.evidence[i][theme] {
            let [pattern] = ev.patterns.as_slice() else {
                continue;
            };
            let Some(w) = words.get(ev.first as usize) else {
                continue;
            };
            if !ctx.baseline.match_rules[theme][ev.rule] || !plain_word(pattern) {
                continue;
            }
            let other_form = ctx.prepared.norms[w.norm as usize] != *pattern;
            let key = (ev.rule, pattern.as_str());
            let slot = broad.entry(key).or_insert((w.stem, false, 0));
            slot.1 |= other_form;
            if !seen.contains(&key) {
                seen.push(key);
                slot.2 += 1;
            }
        }
    }
    for ((rule, pattern), (stem, other_form, false_hits)) in broad {
        let edit = |into| Edit::Narrow {
            theme,
            rule,
            pattern: pattern.to_string(),
            into,
        };
        if other_form {
            out.insert(edit(Narrowed::Exact));
        }
        // the word's reach is cut only where its false hits outweigh its hits
        let hits = (0..train.len())
            .filter(|&j| {
                train[j] && ctx.sample.items[j].gold[theme] && through(ctx, theme, j, rule, pattern)
            })
            .count();
        if false_hits <= hits {
            continue;
        }
        let phrases = cover(ctx, theme, train, rule, pattern, stem).unwrap_or_default();
        let droppable = ctx.baseline.match_patterns[theme][rule].len() > 1
            && ctx.definition[theme].binary_search(&stem).is_err();
        if !phrases.is_empty() || droppable {
            out.insert(edit(Narrowed::Phrases(phrases)));
        }
    }
}

/// A narrower window for `theme`'s `near` rules whose training false hits outweigh their
/// hits: the narrowest `within` that still lets every pair of every training positive fire,
/// when that is below the rule's own.
pub fn windows(ctx: &Ctx, theme: usize, train: &[bool], coded: &[bool], out: &mut FxHashSet<Edit>) {
    // rule → (false hits, hits, the most words between the sides of a hit's pair); every
    // pair of a hit is kept, not only its closest: measured on the example corpus, a window
    // that kept only each hit's closest pair lost held-out positives (the cross-validated
    // macro F1 fell from 0.7456 to 0.7434)
    let mut rules: BTreeMap<usize, (usize, usize, u32)> = BTreeMap::new();
    for i in (0..train.len()).filter(|&i| train[i] && coded[i]) {
        let gold = ctx.sample.items[i].gold[theme];
        let mut seen: Vec<usize> = Vec::new();
        for ev in &ctx.baseline.evidence[i][theme] {
            let Some(gap) = ev.gap else { continue };
            let slot = rules.entry(ev.rule).or_default();
            if gold {
                slot.2 = slot.2.max(gap);
            }
            if !seen.contains(&ev.rule) {
                seen.push(ev.rule);
                if gold {
                    slot.1 += 1;
                } else {
                    slot.0 += 1;
                }
            }
        }
    }
    for (rule, (false_hits, hits, widest)) in rules {
        let Some(now) = ctx.baseline.near_within[theme][rule] else {
            continue;
        };
        if false_hits > hits && hits > 0 && widest + 1 < now {
            out.insert(Edit::Within {
                theme,
                rule,
                within: widest + 1,
            });
        }
    }
}

/// Whether rule `rule` of `theme` raises the theme on response `j` through `pattern`.
fn through(ctx: &Ctx, theme: usize, j: usize, rule: usize, pattern: &str) -> bool {
    ctx.baseline.evidence[j][theme]
        .iter()
        .any(|ev| ev.rule == rule && ev.patterns.len() == 1 && ev.patterns[0] == pattern)
}

/// The fewest distinctive phrases containing `stem` that together fire on every training
/// response the rule codes rightly through `pattern` (greedy: the phrase covering most
/// responses not yet covered, then the shorter, then the first), ascending; `None` when no
/// such set covers them all.
fn cover(
    ctx: &Ctx,
    theme: usize,
    train: &[bool],
    rule: usize,
    pattern: &str,
    stem: u32,
) -> Option<Vec<u32>> {
    let mut positives: Vec<usize> = Vec::new();
    let mut covers: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for j in (0..train.len()).filter(|&j| train[j] && ctx.sample.items[j].gold[theme]) {
        if !through(ctx, theme, j, rule, pattern) || !ctx.in_scope[theme][j] {
            continue;
        }
        positives.push(j);
        for &p in &ctx.universe.by_item[j] {
            let Pattern::Phrase(stems) = &ctx.universe.patterns[p as usize] else {
                continue;
            };
            if stems.len() >= 2 && stems.contains(&stem) {
                covers.entry(p).or_default().push(j);
            }
        }
    }
    covers.retain(|&p, js| {
        let who: FxHashSet<&str> = js
            .iter()
            .map(|&j| ctx.sample.items[j].respondent.as_str())
            .collect();
        who.len() >= MIN_SUPPORT_ADD && crate::learn::distinctive(ctx, theme, train, p)
    });
    let mut done: FxHashSet<usize> = FxHashSet::default();
    let mut chosen = Vec::new();
    loop {
        let best = covers
            .iter()
            .map(|(&p, js)| {
                let new = js.iter().filter(|j| !done.contains(j)).count();
                let len = match &ctx.universe.patterns[p as usize] {
                    Pattern::Phrase(s) => s.len(),
                    Pattern::Near(..) => usize::MAX,
                };
                (new, std::cmp::Reverse(len), std::cmp::Reverse(p))
            })
            .filter(|&(new, _, _)| new > 0)
            .max();
        let Some((_, _, std::cmp::Reverse(p))) = best else {
            break;
        };
        done.extend(covers[&p].iter().copied());
        chosen.push(p);
    }
    chosen.sort_unstable();
    (done.len() == positives.len()).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_content_word_is_narrowed_never_to_a_stopword_or_a_character() {
        for word in ["break", "trusted", "providers", "faith"] {
            assert!(plain_word(word), "{word}");
        }
        // stopwords, single characters, short words: their `=exact` form would be a rule
        // matching a stopword or a character
        for word in ["more", "the", "not", "a", "x", "of", "no"] {
            assert!(!plain_word(word), "{word}");
        }
        // written that way on purpose: a name, a glob, an exact form, a phrase, a number
        for p in [
            "Trust",
            "fund*",
            "=targets",
            "short breaks",
            "3000",
            "co-op",
        ] {
            assert!(!plain_word(p), "{p}");
        }
    }
}
