//! The sample coded by the current codebook, exactly as `tally analyse` codes it: the
//! matcher on the raw text (redaction only changes what is published, never what is
//! matched), with single-code questions keeping their best-supported theme.
//!
//! Every theme's evidence is kept, also on single-code answers, with the strength
//! `tally_code::keep_best` ranks it by: an edit can change which theme such an answer keeps
//! (an exclusion that cancels the winner lets the runner-up through; an added phrase can make
//! its theme win, or lose to a stronger one), so [`Baseline::coded`] and
//! [`crate::edit::Ctx::coded_with`] make the choice again, as the pipeline does.

use std::collections::BTreeSet;

use tally_code::{Codebook, Matcher, RuleKind, Scratch};

use crate::prepare::Prepared;
use crate::sample::Sample;

/// One piece of evidence of the current codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ev {
    /// Index of the rule within its theme.
    pub rule: usize,
    /// Word range `[first, end)` of the span.
    pub first: u32,
    /// End of the word range.
    pub end: u32,
    /// Byte range of the span.
    pub bytes: (u32, u32),
    /// The pattern(s) that matched, as written.
    pub patterns: Vec<String>,
    /// Its strength in a single-code question's choice: 3 for a pair, 2 for a phrase or a
    /// regex, 1 for a word or glob.
    pub strength: u8,
    /// For a `near` pair: the words between its two sides.
    pub gap: Option<u32>,
}

/// The current coding: per response, per theme, its evidence (empty = not raised).
#[derive(Debug, Clone)]
pub struct Baseline {
    /// `evidence[item][theme]`: every theme the rules raise, before a single-code
    /// question keeps one (see [`Baseline::coded`]).
    pub evidence: Vec<Vec<Vec<Ev>>>,
    /// Per response: whether its question is single-code (`mode = "single"`).
    pub single: Vec<bool>,
    /// Per theme, per rule: its `match` patterns as written (empty for other kinds).
    pub match_patterns: Vec<Vec<Vec<String>>>,
    /// Per theme, per rule: a `near` rule's `within`.
    pub near_within: Vec<Vec<Option<u32>>>,
    /// Per theme, per rule: whether it is a `match` rule (exclusions are proposed only
    /// for those: a `near` rule's sides are better tightened by hand).
    pub match_rules: Vec<Vec<bool>>,
}

impl Baseline {
    /// Codes every response of `sample`; `single` holds the single-code question ids.
    pub fn code(
        sample: &Sample,
        prepared: &Prepared,
        book: &Codebook,
        matcher: &Matcher,
        single: &BTreeSet<String>,
    ) -> Baseline {
        let first_rule: Vec<usize> = book
            .themes
            .iter()
            .scan(0, |n, t| {
                let at = *n;
                *n += t.rules.len();
                Some(at)
            })
            .collect();
        let mut scratch = Scratch::default();
        let analyzer = tally_text::Analyzer::new();
        let mut analysis = tally_text::Analysis::default();
        let mut evidence = Vec::with_capacity(sample.items.len());
        for (i, item) in sample.items.iter().enumerate() {
            let hits = matcher.code(&mut scratch, &item.question, &item.text);
            let mut per: Vec<Vec<Ev>> = vec![Vec::new(); book.themes.len()];
            for h in hits {
                let t = h.theme as usize;
                for e in h.evidence {
                    let (first, end) = prepared.token_range(i, e.start, e.end);
                    per[t].push(Ev {
                        rule: e.rule as usize - first_rule[t],
                        first,
                        end,
                        bytes: (e.start, e.end),
                        patterns: e
                            .patterns
                            .iter()
                            .filter(|&&p| p != tally_code::NO_PATTERN)
                            .map(|&p| matcher.pattern_text(p).to_string())
                            .collect(),
                        strength: strength(&e, matcher),
                        gap: gap(&e, matcher, end - first, (&analyzer, &mut analysis)),
                    });
                }
            }
            evidence.push(per);
        }
        Baseline {
            single: sample
                .items
                .iter()
                .map(|it| single.contains(&it.question))
                .collect(),
            evidence,
            match_rules: per_rule(book, |k| matches!(k, RuleKind::Match(_))),
            match_patterns: per_rule(book, |k| match k {
                RuleKind::Match(ps) => ps.clone(),
                _ => Vec::new(),
            }),
            near_within: per_rule(book, |k| match k {
                RuleKind::Near { within, .. } => Some(*within as u32),
                _ => None,
            }),
        }
    }

    /// Whether response `item` is coded with `theme`: raised, and on a single-code
    /// question also the theme kept.
    pub fn coded(&self, item: usize, theme: usize) -> bool {
        let evs = &self.evidence[item];
        if evs[theme].is_empty() {
            return false;
        }
        !self.single[item]
            || winner(evs.iter().enumerate().map(|(t, e)| {
                let strongest = e.iter().map(|ev| ev.strength).max().unwrap_or(0);
                (t, e.len(), strongest)
            })) == Some(theme)
    }
}

/// The theme a single-code answer keeps, from each theme's `(theme, spans, strongest)`: the
/// most evidence spans, then the strongest piece of evidence, then the earlier theme (as
/// `tally_code::keep_best`). Themes without evidence are ignored.
pub fn winner(support: impl Iterator<Item = (usize, usize, u8)>) -> Option<usize> {
    support
        .filter(|&(_, n, _)| n > 0)
        .max_by_key(|&(t, n, s)| (n, s, std::cmp::Reverse(t)))
        .map(|(t, _, _)| t)
}

/// Per theme, per rule: `f` of the rule's kind.
fn per_rule<T>(book: &Codebook, f: impl Fn(&RuleKind) -> T) -> Vec<Vec<T>> {
    book.themes
        .iter()
        .map(|t| t.rules.iter().map(|r| f(&r.kind)).collect())
        .collect()
}

/// The words between the two sides of a `near` pair spanning `words` words (each side's
/// length is its pattern's, counted as the analyser splits it).
fn gap(
    e: &tally_code::Evidence,
    matcher: &Matcher,
    words: u32,
    (analyzer, analysis): (&tally_text::Analyzer, &mut tally_text::Analysis),
) -> Option<u32> {
    if e.patterns[1] == tally_code::NO_PATTERN {
        return None;
    }
    let mut sides = 0u32;
    for &p in &e.patterns {
        analyzer.analyse(matcher.pattern_text(p), analysis);
        sides += (analysis.tokens.len() as u32).max(1);
    }
    Some(words.saturating_sub(sides))
}

/// The strength of one piece of evidence, as `tally_code::keep_best` ranks it.
fn strength(e: &tally_code::Evidence, matcher: &Matcher) -> u8 {
    if e.patterns[1] != tally_code::NO_PATTERN {
        return 3;
    }
    if e.patterns[0] == tally_code::NO_PATTERN {
        return 0;
    }
    let text = matcher.pattern_text(e.patterns[0]);
    if matcher.is_regex_pattern(e.patterns[0]) || text.split_whitespace().nth(1).is_some() {
        2
    } else {
        1
    }
}
