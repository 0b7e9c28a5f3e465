//! A proposed edit of the codebook, and what a theme's coding becomes with a set of them.

use crate::baseline::{Baseline, Ev};
use crate::prepare::{Prepared, Word};
use crate::universe::Universe;

/// One proposed edit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edit {
    /// Add a pattern of the [`Universe`] (a phrase to a new `match` rule, or a new `near`
    /// rule) to a theme.
    Add {
        /// Theme index.
        theme: usize,
        /// Index in [`Universe::patterns`].
        pattern: u32,
    },
    /// Add a phrase (stems) to a `match` rule's `unless` exclusions.
    Unless {
        /// Theme index.
        theme: usize,
        /// Rule index within the theme.
        rule: usize,
        /// The phrase, as stems.
        stems: Vec<u32>,
    },
}

impl Edit {
    /// The theme the edit changes.
    pub fn theme(&self) -> usize {
        match self {
            Edit::Add { theme, .. } | Edit::Unless { theme, .. } => *theme,
        }
    }
}

/// What a coding is judged with: the sample's analysis, the current coding, the candidate
/// patterns and each theme's question scope.
pub struct Ctx<'a> {
    /// The sample.
    pub sample: &'a crate::sample::Sample,
    /// Its words.
    pub prepared: &'a Prepared,
    /// The current coding.
    pub baseline: &'a Baseline,
    /// The candidate patterns.
    pub universe: &'a Universe,
    /// Per theme: whether a new rule of the theme applies to each response (its scope).
    pub in_scope: Vec<Vec<bool>>,
    /// Per theme, per candidate pattern: whether one of the pattern's words shares a stem
    /// with the theme's definition (label, statement, description).
    pub defines: Vec<Vec<bool>>,
}

impl Ctx<'_> {
    /// Whether response `item` is coded with `theme` once `edits` (all of that theme) are made.
    pub fn coded_with(&self, theme: usize, edits: &[&Edit], item: usize) -> bool {
        let added = edits.iter().any(|e| match e {
            Edit::Add { pattern, .. } => {
                self.in_scope[theme][item]
                    && self.universe.occurs[*pattern as usize]
                        .binary_search(&(item as u32))
                        .is_ok()
            }
            Edit::Unless { .. } => false,
        });
        if added {
            return true;
        }
        let words = &self.prepared.words[item];
        self.baseline.evidence[item][theme].iter().any(|ev| {
            !edits.iter().any(|e| match e {
                Edit::Unless { rule, stems, .. } => *rule == ev.rule && cancels(words, stems, ev),
                Edit::Add { .. } => false,
            })
        })
    }
}

/// Whether the phrase `stems` occurs overlapping the evidence's words.
pub fn cancels(words: &[Word], stems: &[u32], ev: &Ev) -> bool {
    let n = stems.len() as u32;
    let from = ev.first.saturating_sub(n.saturating_sub(1));
    (from..ev.end.max(ev.first + 1)).any(|k| {
        let k = k as usize;
        words
            .get(k..k + stems.len())
            .is_some_and(|run| run.iter().zip(stems).all(|(w, s)| w.stem == *s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(stem: u32) -> Word {
        Word {
            stem,
            norm: stem,
            sentence: 0,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn an_exclusion_cancels_only_evidence_it_overlaps() {
        // words: 0 1 2 3 4 ; evidence on word 2
        let words: Vec<Word> = (0..5).map(w).collect();
        let ev = Ev {
            rule: 0,
            first: 2,
            end: 3,
            bytes: (0, 0),
            patterns: Vec::new(),
        };
        assert!(cancels(&words, &[1, 2], &ev));
        assert!(cancels(&words, &[2, 3], &ev));
        assert!(cancels(&words, &[1, 2, 3], &ev));
        assert!(!cancels(&words, &[0, 1], &ev));
        assert!(!cancels(&words, &[3, 4], &ev));
        assert!(!cancels(&words, &[2, 4], &ev));
    }
}
