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
    /// Narrow a `near` rule's `within` (see [`crate::narrow`]).
    Within {
        /// Theme index.
        theme: usize,
        /// Rule index within the theme.
        rule: usize,
        /// The new `within`: pairs with this many words or more between them no longer fire.
        within: u32,
    },
    /// Tighten a one-word pattern of a `match` rule (see [`crate::narrow`]).
    Narrow {
        /// Theme index.
        theme: usize,
        /// Rule index within the theme.
        rule: usize,
        /// The pattern as written in the codebook.
        pattern: String,
        /// What it becomes.
        into: Narrowed,
    },
}

/// What a narrowed one-word pattern becomes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Narrowed {
    /// The phrases of the [`Universe`] (indices in [`Universe::patterns`]) in which the word
    /// occurs in the responses rightly coded; none drops the word from the rule.
    Phrases(Vec<u32>),
    /// The exact form (`=word`): the word itself, not its other forms.
    Exact,
}

impl Edit {
    /// The theme the edit changes.
    pub fn theme(&self) -> usize {
        match self {
            Edit::Add { theme, .. }
            | Edit::Unless { theme, .. }
            | Edit::Narrow { theme, .. }
            | Edit::Within { theme, .. } => *theme,
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
    /// Per theme, the stems (ascending) of the content words of its definition (label,
    /// statement, description) that the sample's words have.
    pub definition: Vec<Vec<u32>>,
}

impl Ctx<'_> {
    /// Whether response `item` is coded with `theme` once `edits` are made (each edit
    /// changes its own theme; on a single-code question the edits of other themes count
    /// too, since they change which theme the answer keeps).
    pub fn coded_with(&self, theme: usize, edits: &[&Edit], item: usize) -> bool {
        let mine = self.support(theme, edits, item);
        if mine.0 == 0 || !self.baseline.single[item] {
            return mine.0 > 0;
        }
        let all = (0..self.in_scope.len()).map(|t| {
            let (n, s) = if t == theme {
                mine
            } else {
                self.support(t, edits, item)
            };
            (t, n, s)
        });
        crate::baseline::winner(all) == Some(theme)
    }

    /// The evidence spans `theme` has on `item` once its `edits` are made, and the strength
    /// of the strongest (as a single-code question ranks them).
    pub fn support(&self, theme: usize, edits: &[&Edit], item: usize) -> (usize, u8) {
        let edits = || edits.iter().filter(move |e| e.theme() == theme);
        let words = &self.prepared.words[item];
        let (mut n, mut strongest) = (0usize, 0u8);
        for ev in &self.baseline.evidence[item][theme] {
            if !edits().any(|e| self.removes(e, words, ev)) {
                n += 1;
                strongest = strongest.max(ev.strength);
            }
        }
        if !self.in_scope[theme][item] {
            return (n, strongest);
        }
        let mut add = |p: u32| {
            let k = self.universe.spans_on(p, item);
            if k > 0 {
                n += usize::from(k);
                strongest = strongest.max(self.universe.patterns[p as usize].strength());
            }
        };
        for e in edits() {
            match e {
                Edit::Add { pattern, .. } => add(*pattern),
                Edit::Narrow {
                    into: Narrowed::Phrases(ps),
                    ..
                } => ps.iter().for_each(|&p| add(p)),
                _ => {}
            }
        }
        (n, strongest)
    }

    /// Whether edit `e` takes away the evidence `ev` of a response with `words`.
    fn removes(&self, e: &Edit, words: &[Word], ev: &Ev) -> bool {
        match e {
            Edit::Add { .. } => false,
            Edit::Unless { rule, stems, .. } => *rule == ev.rule && cancels(words, stems, ev),
            Edit::Within { rule, within, .. } => {
                *rule == ev.rule && ev.gap.is_some_and(|g| g >= *within)
            }
            Edit::Narrow {
                rule,
                pattern,
                into,
                ..
            } => {
                *rule == ev.rule
                    && ev.patterns.len() == 1
                    && ev.patterns[0] == *pattern
                    && !(*into == Narrowed::Exact
                        && words.get(ev.first as usize).is_some_and(|w| {
                            self.prepared.norms[w.norm as usize] == pattern.to_lowercase()
                        }))
            }
        }
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
            strength: 1,
            gap: None,
        };
        assert!(cancels(&words, &[1, 2], &ev));
        assert!(cancels(&words, &[2, 3], &ev));
        assert!(cancels(&words, &[1, 2, 3], &ev));
        assert!(!cancels(&words, &[0, 1], &ev));
        assert!(!cancels(&words, &[3, 4], &ev));
        assert!(!cancels(&words, &[2, 4], &ev));
    }
}
