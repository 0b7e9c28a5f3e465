//! The features a learned coder reads in a response: its normalised stems (`w:stem`), pairs
//! of adjacent stems within a sentence (`p:stem stem`), the themes the codebook's rules
//! found (`r:theme`) and, if asked, the character 3- to 5-grams of each normalised word
//! padded with a space at each end (`c: wo`, `c:word `; the convention of scikit-learn's
//! `char_wb`), which let a misspelt word share features with its correct spelling. Each
//! occurrence is counted and placed in its sentence, so the sentence that contributed most
//! to a coding can be quoted as its evidence; how counts become values is [`crate::values`].
//!
//! Words come from the analysis the rules made (`tally_code::Scratch::analysis`): the model
//! reads exactly the words the rules read, at training and when coding.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;
use tally_code::ThemeHit;
use tally_text::{Analysis, Stemmer};

/// A feature's name: `w:` stem, `p:` stem pair, `r:` theme the rules found.
pub fn unigram(stem: &str) -> String {
    format!("w:{stem}")
}

fn pair(a: &str, b: &str) -> String {
    format!("p:{a} {b}")
}

fn rule(theme: &str) -> String {
    format!("r:{theme}")
}

/// The shortest and longest character n-grams.
const CHAR_NGRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// Calls `each` with every character n-gram (3 to 5 characters) of `word` padded with a
/// space at each end, in order of position, then length.
fn char_grams(word: &str, mut each: impl FnMut(&str)) {
    let padded = format!(" {word} ");
    let starts: Vec<usize> = padded
        .char_indices()
        .map(|(i, _)| i)
        .chain([padded.len()])
        .collect();
    for i in 0..starts.len() {
        for n in CHAR_NGRAMS {
            if let Some(&end) = starts.get(i + n) {
                each(&padded[starts[i]..end]);
            }
        }
    }
}

/// The names of every feature of one response (before a vocabulary exists); character
/// n-grams only if `chars`.
pub fn names(
    stemmer: &Stemmer,
    analysis: &Analysis,
    hits: &[ThemeHit],
    theme_ids: &[String],
    chars: bool,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if chars {
        for t in &analysis.tokens {
            char_grams(analysis.norm(t), |g| {
                out.insert(format!("c:{g}"));
            });
        }
    }
    let stems: Vec<String> = analysis
        .tokens
        .iter()
        .map(|t| stemmer.stem(analysis.norm(t)).into_owned())
        .collect();
    for (i, s) in stems.iter().enumerate() {
        out.insert(unigram(s));
        if i > 0 && analysis.tokens[i - 1].sentence == analysis.tokens[i].sentence {
            out.insert(pair(&stems[i - 1], s));
        }
    }
    for h in hits {
        out.insert(rule(&theme_ids[h.theme as usize]));
    }
    out
}

/// Distinct vocabularies get distinct ids, so a thread's stem cache knows whose it is.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// No feature.
const NONE: u32 = u32::MAX;

/// Words kept in a thread's cache of word → unigram feature before it is emptied.
const CACHE_LIMIT: usize = 100_000;

/// What a normalised word brings: its unigram feature (or [`NONE`]) and its character
/// n-gram features.
#[derive(Debug, Clone)]
struct Word {
    unigram: u32,
    chars: Box<[u32]>,
}

thread_local! {
    /// Normalised word → its features, for the vocabulary whose id is kept beside it:
    /// stemming and n-gram lookup are done once per distinct word.
    static WORDS: RefCell<(u64, FxHashMap<Box<str>, Word>)> = RefCell::new((u64::MAX, FxHashMap::default()));
}

/// The feature names of a trained coder, indexed for reading responses.
#[derive(Debug)]
pub struct Vocabulary {
    id: u64,
    names: Vec<String>,
    unigrams: FxHashMap<String, u32>,
    pairs: FxHashMap<(u32, u32), u32>,
    /// Character n-gram (without its `c:`) → feature.
    chars: FxHashMap<String, u32>,
    /// By codebook theme index: the feature of the rules finding that theme.
    rules: Vec<u32>,
    stemmer: Stemmer,
}

/// One feature found in a response, and the sentence it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// Feature id.
    pub feature: u32,
    /// Index of the sentence in the analysis.
    pub sentence: u32,
}

impl Vocabulary {
    /// A vocabulary of `names` (`w:`, `p:` and `r:` features, see the module docs) for a
    /// codebook whose themes have the ids `theme_ids`. A pair of stems is found only when
    /// both stems are features themselves; features naming other themes are never found.
    pub fn new(names: Vec<String>, theme_ids: &[String]) -> Vocabulary {
        let by_name: BTreeMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let mut unigrams = FxHashMap::default();
        let mut pairs = FxHashMap::default();
        let mut chars = FxHashMap::default();
        for (i, n) in names.iter().enumerate() {
            if let Some(s) = n.strip_prefix("w:") {
                unigrams.insert(s.to_string(), i as u32);
            } else if let Some(g) = n.strip_prefix("c:") {
                chars.insert(g.to_string(), i as u32);
            } else if let Some((a, b)) = n.strip_prefix("p:").and_then(|p| p.split_once(' ')) {
                if let (Some(&x), Some(&y)) = (
                    by_name.get(unigram(a).as_str()),
                    by_name.get(unigram(b).as_str()),
                ) {
                    pairs.insert((x, y), i as u32);
                }
            }
        }
        let rules = theme_ids
            .iter()
            .map(|t| by_name.get(rule(t).as_str()).copied().unwrap_or(NONE))
            .collect();
        Vocabulary {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            names,
            unigrams,
            pairs,
            chars,
            rules,
            stemmer: Stemmer::new(),
        }
    }

    /// The feature names, by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The features of normalised word `norm`.
    fn word(&self, norm: &str) -> Word {
        let unigram = self
            .unigrams
            .get(self.stemmer.stem(norm).as_ref())
            .copied()
            .unwrap_or(NONE);
        let mut chars = Vec::new();
        if !self.chars.is_empty() {
            char_grams(norm, |g| {
                if let Some(&f) = self.chars.get(g) {
                    chars.push(f);
                }
            });
        }
        Word {
            unigram,
            chars: chars.into(),
        }
    }

    /// Every occurrence of a feature in the response analysed as `analysis`, whose rules
    /// found `hits`: into `counts`, each feature found and how many times (sorted by
    /// feature), and into `out`, each feature with each sentence it is in (sorted by
    /// feature, then sentence). Both are emptied first.
    pub fn occurrences(
        &self,
        analysis: &Analysis,
        hits: &[ThemeHit],
        out: &mut Vec<Occurrence>,
        counts: &mut Vec<(u32, u32)>,
    ) {
        out.clear();
        counts.clear();
        WORDS.with(|cell| {
            let mut cell = cell.borrow_mut();
            let (owner, cache) = &mut *cell;
            if *owner != self.id || cache.len() >= CACHE_LIMIT {
                *owner = self.id;
                cache.clear();
            }
            let mut previous = (NONE, u32::MAX);
            for t in &analysis.tokens {
                let norm = analysis.norm(t);
                let chars = |w: &Word, out: &mut Vec<Occurrence>| {
                    out.extend(w.chars.iter().map(|&c| Occurrence {
                        feature: c,
                        sentence: t.sentence,
                    }));
                    w.unigram
                };
                let f = match cache.get(norm) {
                    Some(w) => chars(w, out),
                    None => {
                        let w = self.word(norm);
                        let f = chars(&w, out);
                        cache.insert(norm.into(), w);
                        f
                    }
                };
                if f != NONE {
                    out.push(Occurrence {
                        feature: f,
                        sentence: t.sentence,
                    });
                    if previous.1 == t.sentence && previous.0 != NONE {
                        if let Some(&p) = self.pairs.get(&(previous.0, f)) {
                            out.push(Occurrence {
                                feature: p,
                                sentence: t.sentence,
                            });
                        }
                    }
                }
                previous = (f, t.sentence);
            }
        });
        for h in hits {
            let f = self.rules.get(h.theme as usize).copied().unwrap_or(NONE);
            if f == NONE {
                continue;
            }
            let at = h.evidence.first().map_or(0, |e| e.start as usize);
            let sentence = analysis
                .sentences
                .iter()
                .position(|&(_, end)| at < end)
                .unwrap_or(0);
            out.push(Occurrence {
                feature: f,
                sentence: sentence as u32,
            });
        }
        out.sort_unstable();
        for o in out.iter() {
            match counts.last_mut() {
                Some((f, c)) if *f == o.feature => *c += 1,
                _ => counts.push((o.feature, 1)),
            }
        }
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_text::Analyzer;

    #[test]
    fn names_and_occurrences_agree() {
        let analyzer = Analyzer::new();
        let mut a = Analysis::default();
        let text = "The nurses were kind. Waiting times were long!";
        analyzer.analyse(text, &mut a);
        let ids = vec!["staff".to_string()];
        let hits = [ThemeHit {
            theme: 0,
            evidence: vec![tally_code::Evidence {
                start: 4,
                end: 10,
                rule: 0,
                patterns: [0, tally_code::NO_PATTERN],
            }],
            score: None,
        }];
        let stemmer = Stemmer::new();
        let all: Vec<String> = names(&stemmer, &a, &hits, &ids, false)
            .into_iter()
            .collect();
        assert!(all.contains(&"w:nurs".to_string()), "{all:?}");
        assert!(all.contains(&"p:wait time".to_string()), "{all:?}");
        assert!(
            !all.contains(&"p:kind wait".to_string()),
            "pairs stay in a sentence"
        );
        assert!(all.contains(&"r:staff".to_string()));
        let v = Vocabulary::new(all.clone(), &ids);
        let (mut occ, mut counts) = (Vec::new(), Vec::new());
        v.occurrences(&a, &hits, &mut occ, &mut counts);
        let found: Vec<&str> = counts
            .iter()
            .map(|&(f, _)| all[f as usize].as_str())
            .collect();
        assert_eq!(found, all.iter().map(String::as_str).collect::<Vec<_>>());
        let count = |name: &str| counts.iter().find(|c| all[c.0 as usize] == name).unwrap().1;
        assert_eq!((count("w:were"), count("w:nurs")), (2, 1), "{counts:?}");
        let rule_at = occ
            .iter()
            .find(|o| all[o.feature as usize] == "r:staff")
            .unwrap();
        assert_eq!(rule_at.sentence, 0);
        let wait = occ
            .iter()
            .find(|o| all[o.feature as usize] == "w:wait")
            .unwrap();
        assert_eq!(wait.sentence, 1);
    }

    #[test]
    fn character_ngrams_let_a_misspelling_share_features() {
        let mut grams = Vec::new();
        char_grams("cafe", |g| grams.push(g.to_string()));
        assert_eq!(
            grams,
            [" ca", " caf", " cafe", "caf", "cafe", "cafe ", "afe", "afe ", "fe "]
        );
        let mut wide = Vec::new();
        char_grams("né", |g| wide.push(g.to_string()));
        assert_eq!(wide, [" né", " né ", "né "], "characters, not bytes");

        let analyzer = Analyzer::new();
        let stemmer = Stemmer::new();
        let mut a = Analysis::default();
        analyzer.analyse("the receptionist", &mut a);
        let learned = names(&stemmer, &a, &[], &[], true);
        assert!(learned.contains("c:ecep"), "{learned:?}");
        assert!(!names(&stemmer, &a, &[], &[], false).contains("c:ecep"));
        // a misspelling unseen in training has no word feature but shares n-grams
        let v = Vocabulary::new(learned.iter().cloned().collect(), &[]);
        let names = v.names().to_vec();
        analyzer.analyse("the recepshonist", &mut a);
        let (mut occ, mut counts) = (Vec::new(), Vec::new());
        v.occurrences(&a, &[], &mut occ, &mut counts);
        let found: Vec<&str> = counts
            .iter()
            .map(|&(f, _)| names[f as usize].as_str())
            .collect();
        assert!(!found.iter().any(|n| n.starts_with("w:recep")), "{found:?}");
        assert!(
            found.contains(&"c: rec") && found.contains(&"c:nist "),
            "{found:?}"
        );
        assert!(found.contains(&"w:the"));
    }
}
