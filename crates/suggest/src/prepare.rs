//! The sample's texts analysed once: each response's words as interned stems and normal
//! forms, with their sentences and byte ranges, by tally-text's analyser (the same chain the
//! matcher uses, so an n-gram found here is written as a pattern that matches it).

use rustc_hash::FxHashMap;
use tally_text::{Analysis, Analyzer};

use crate::sample::Sample;

/// One word of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Interned stem.
    pub stem: u32,
    /// Interned normal form.
    pub norm: u32,
    /// Sentence index.
    pub sentence: u32,
    /// Byte range in the response.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
}

/// Every response's words, and the strings behind the interned ids.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Per response (sample order), its words.
    pub words: Vec<Vec<Word>>,
    /// Stem texts by id.
    pub stems: Vec<String>,
    /// Normal forms by id.
    pub norms: Vec<String>,
    /// Per stem id, the normal form written for it in a proposal: the one respondents use
    /// most often (ties: alphabetical first).
    pub surface: Vec<u32>,
}

impl Prepared {
    /// Analyses every response of `sample`.
    pub fn new(sample: &Sample) -> Prepared {
        let analyzer = Analyzer::new();
        let mut analysis = Analysis::default();
        let mut p = Prepared::default();
        let mut stem_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut norm_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut uses: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for item in &sample.items {
            analyzer.analyse(&item.text, &mut analysis);
            let words = analysis
                .tokens
                .iter()
                .map(|t| {
                    let norm = analysis.norm(t);
                    let n = intern(&mut norm_ids, &mut p.norms, norm);
                    let s = intern(&mut stem_ids, &mut p.stems, &analyzer.stem(norm));
                    *uses.entry((s, n)).or_default() += 1;
                    Word {
                        stem: s,
                        norm: n,
                        sentence: t.sentence,
                        start: t.start,
                        end: t.end,
                    }
                })
                .collect();
            p.words.push(words);
        }
        let mut best: Vec<Option<(u32, u32)>> = vec![None; p.stems.len()];
        for (&(s, n), &count) in &uses {
            let slot = &mut best[s as usize];
            let better = match *slot {
                None => true,
                Some((bn, bc)) => {
                    count > bc || (count == bc && p.norms[n as usize] < p.norms[bn as usize])
                }
            };
            if better {
                *slot = Some((n, count));
            }
        }
        p.surface = best.into_iter().map(|b| b.map_or(0, |(n, _)| n)).collect();
        p
    }

    /// The pattern text of a sequence of stems: each written in its surface form.
    pub fn phrase(&self, stems: &[u32]) -> String {
        stems
            .iter()
            .map(|&s| self.norms[self.surface[s as usize] as usize].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A phrase of several words as respondents wrote it most often (normal forms; ties:
    /// alphabetical first): "supervising social worker" rather than the stems' most common
    /// forms taken one by one. A single word keeps [`Prepared::phrase`]'s form.
    pub fn phrase_as_written(&self, stems: &[u32]) -> String {
        if stems.len() < 2 {
            return self.phrase(stems);
        }
        let mut counts: std::collections::BTreeMap<Vec<u32>, u32> = Default::default();
        for words in &self.words {
            for run in words.windows(stems.len()) {
                if run.iter().zip(stems).all(|(w, s)| w.stem == *s) {
                    *counts
                        .entry(run.iter().map(|w| w.norm).collect())
                        .or_default() += 1;
                }
            }
        }
        let text = |norms: &[u32]| {
            norms
                .iter()
                .map(|&n| self.norms[n as usize].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        counts
            .iter()
            .map(|(norms, &n)| (std::cmp::Reverse(n), text(norms)))
            .min()
            .map_or_else(|| self.phrase(stems), |(_, t)| t)
    }

    /// The surface form of one stem, for content checks.
    pub fn surface_of(&self, stem: u32) -> &str {
        &self.norms[self.surface[stem as usize] as usize]
    }

    /// The token range `[first, end)` of response `item` that the byte range covers.
    pub fn token_range(&self, item: usize, start: u32, end: u32) -> (u32, u32) {
        let words = &self.words[item];
        let first = words.partition_point(|w| w.end <= start);
        let last = words.partition_point(|w| w.start < end);
        (first as u32, last.max(first) as u32)
    }
}

fn intern(ids: &mut FxHashMap<String, u32>, texts: &mut Vec<String>, s: &str) -> u32 {
    if let Some(&id) = ids.get(s) {
        return id;
    }
    let id = texts.len() as u32;
    ids.insert(s.to_string(), id);
    texts.push(s.to_string());
    id
}
