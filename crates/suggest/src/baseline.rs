//! The sample coded by the current codebook, exactly as `tally analyse` codes it: the
//! matcher on the raw text (redaction only changes what is published, never what is
//! matched), with single-code questions keeping their best-supported theme.

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
}

/// The current coding: per response, per theme, its evidence (empty = not coded).
#[derive(Debug, Clone)]
pub struct Baseline {
    /// `evidence[item][theme]`.
    pub evidence: Vec<Vec<Vec<Ev>>>,
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
        let mut evidence = Vec::with_capacity(sample.items.len());
        for (i, item) in sample.items.iter().enumerate() {
            let mut hits = matcher.code(&mut scratch, &item.question, &item.text);
            if single.contains(&item.question) {
                tally_code::keep_best(&mut hits, matcher);
            }
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
                    });
                }
            }
            evidence.push(per);
        }
        let match_rules = book
            .themes
            .iter()
            .map(|t| {
                t.rules
                    .iter()
                    .map(|r| matches!(r.kind, RuleKind::Match(_)))
                    .collect()
            })
            .collect();
        Baseline {
            evidence,
            match_rules,
        }
    }

    /// Whether response `item` is coded with `theme`.
    pub fn coded(&self, item: usize, theme: usize) -> bool {
        !self.evidence[item][theme].is_empty()
    }
}
