//! The patterns a proposal can add, found without looking at anyone's coding: every 1–3
//! word phrase and every `near` pair of content words that at least two respondents of the
//! sample wrote, each with the responses it fires on **as the matcher fires it** (a probe
//! codebook with one theme per pattern is compiled and run, so negation, the name rule and
//! stemming count exactly as they will once the pattern is in the codebook).
//!
//! Never a stopword or a single character: a one-word pattern is a content word (three
//! letters or more, not a stopword, letters only); a phrase ends on a content word, starts
//! on one or on a word of quantity or denial ([`EDGE_START`]), and has no one-letter word.

use rustc_hash::FxHashMap;
use tally_code::{Codebook, Matcher, Rule, RuleKind, Scratch, Theme};

use crate::error::SuggestError;
use crate::prepare::Prepared;
use crate::sample::Sample;
use crate::stopwords::is_content_word;

/// Words (stopwords otherwise) a phrase may start with: "more social workers", "no
/// respite", "not enough staff".
pub const EDGE_START: [&str; 6] = ["more", "no", "not", "too", "few", "only"];

/// Longest phrase proposed, in words.
pub const MAX_WORDS: usize = 3;

/// The `within` of a proposed `near` pair.
pub const NEAR_WITHIN: usize = 4;

/// Fewest respondents who must have written a pattern for it to be a candidate.
pub const MIN_RESPONDENTS: usize = 2;

/// A pattern, as interned stems.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pattern {
    /// A word or a phrase.
    Phrase(Vec<u32>),
    /// Two words at most [`NEAR_WITHIN`] words apart in a sentence, either order.
    Near(u32, u32),
}

/// The candidate patterns and where each fires.
#[derive(Debug, Default)]
pub struct Universe {
    /// Candidates, sorted.
    pub patterns: Vec<Pattern>,
    /// Per candidate, the responses (sample indices, ascending) it fires on.
    pub occurs: Vec<Vec<u32>>,
    /// Per candidate, beside [`Universe::occurs`]: how many evidence spans it gives there
    /// (what a single-code question's choice of theme counts).
    pub spans: Vec<Vec<u16>>,
    /// Per response, the candidates firing on it (ascending).
    pub by_item: Vec<Vec<u32>>,
}

/// Whether a run of words (surface forms) may be proposed as a phrase.
pub fn phrase_allowed(words: &[&str]) -> bool {
    let letters = |w: &&str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase());
    match words {
        [] => false,
        [w] => is_content_word(w),
        [first, .., last] => {
            words.iter().all(letters)
                && is_content_word(last)
                && (is_content_word(first) || EDGE_START.contains(first))
        }
    }
}

/// The pattern text of a pattern: a phrase, or the two sides of a pair.
pub fn texts(prepared: &Prepared, p: &Pattern) -> Vec<String> {
    match p {
        Pattern::Phrase(stems) => vec![prepared.phrase(stems)],
        Pattern::Near(a, b) => vec![prepared.phrase(&[*a]), prepared.phrase(&[*b])],
    }
}

impl Universe {
    /// Finds the candidates of `sample` and runs them; `book` gives the negation window.
    pub fn build(
        sample: &Sample,
        prepared: &Prepared,
        book: &Codebook,
    ) -> Result<Universe, SuggestError> {
        let mut seen: FxHashMap<Pattern, Vec<u32>> = FxHashMap::default();
        let resp_ids: FxHashMap<&str, u32> = sample
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.respondent.as_str(), i as u32))
            .collect();
        for (i, words) in prepared.words.iter().enumerate() {
            let who = resp_ids[sample.items[i].respondent.as_str()];
            for p in item_patterns(prepared, words) {
                let list = seen.entry(p).or_default();
                if !list.contains(&who) {
                    list.push(who);
                }
            }
        }
        let mut patterns: Vec<Pattern> = seen
            .into_iter()
            .filter(|(_, who)| who.len() >= MIN_RESPONDENTS)
            .map(|(p, _)| p)
            .collect();
        patterns.sort();
        let (occurs, spans) = probe(sample, prepared, book, &patterns)?;
        let mut by_item = vec![Vec::new(); sample.items.len()];
        for (p, items) in occurs.iter().enumerate() {
            for &i in items {
                by_item[i as usize].push(p as u32);
            }
        }
        Ok(Universe {
            patterns,
            occurs,
            spans,
            by_item,
        })
    }

    /// The evidence spans candidate `p` gives on response `item` (0 when it does not fire).
    pub fn spans_on(&self, p: u32, item: usize) -> u16 {
        let p = p as usize;
        self.occurs[p]
            .binary_search(&(item as u32))
            .map_or(0, |k| self.spans[p][k])
    }
}

impl Pattern {
    /// How strongly its evidence supports a theme when a single-code question keeps one
    /// theme (as `tally_code::keep_best` ranks it): 3 for a pair, 2 for a phrase, 1 for a
    /// word.
    pub fn strength(&self) -> u8 {
        match self {
            Pattern::Near(..) => 3,
            Pattern::Phrase(s) if s.len() > 1 => 2,
            Pattern::Phrase(_) => 1,
        }
    }
}

/// The allowed phrases and pairs of one response (with repeats).
fn item_patterns(prepared: &Prepared, words: &[crate::prepare::Word]) -> Vec<Pattern> {
    let mut out = Vec::new();
    for k in 0..words.len() {
        for n in 1..=MAX_WORDS {
            let Some(run) = words.get(k..k + n) else {
                break;
            };
            if run.iter().any(|w| w.sentence != words[k].sentence) {
                break;
            }
            let surf: Vec<&str> = run.iter().map(|w| prepared.surface_of(w.stem)).collect();
            if phrase_allowed(&surf) {
                out.push(Pattern::Phrase(run.iter().map(|w| w.stem).collect()));
            }
        }
        let a = words[k];
        if !is_content_word(prepared.surface_of(a.stem)) {
            continue;
        }
        for b in words.iter().skip(k + 1).take(NEAR_WITHIN) {
            if b.sentence != a.sentence || b.stem == a.stem {
                continue;
            }
            if is_content_word(prepared.surface_of(b.stem)) {
                out.push(Pattern::Near(a.stem.min(b.stem), a.stem.max(b.stem)));
            }
        }
    }
    out
}

/// Per pattern, the responses it fires on (ascending sample indices).
type Firings = Vec<Vec<u32>>;

/// Runs every pattern over the sample through a probe codebook (one theme per pattern):
/// where each fires, and how many evidence spans it gives there.
fn probe(
    sample: &Sample,
    prepared: &Prepared,
    book: &Codebook,
    patterns: &[Pattern],
) -> Result<(Firings, Vec<Vec<u16>>), SuggestError> {
    // built as a value: parsing a TOML of thousands of themes costs minutes in a debug
    // build, and the patterns are plain words (valid by construction)
    let themes = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let t = texts(prepared, p);
            let kind = match p {
                Pattern::Phrase(_) => RuleKind::Match(t),
                Pattern::Near(..) => RuleKind::Near {
                    a: vec![t[0].clone()],
                    b: vec![t[1].clone()],
                    within: NEAR_WITHIN,
                    ordered: false,
                },
            };
            Theme {
                id: format!("p{i}"),
                label: format!("p{i}"),
                statement: String::new(),
                description: String::new(),
                questions: None,
                rules: vec![Rule {
                    name: format!("p{i}"),
                    kind,
                    unless: Vec::new(),
                    negation: true,
                    questions: None,
                    line: 1,
                }],
                line: 1,
            }
        })
        .collect();
    let probe_book = Codebook {
        name: "probe".into(),
        path: "(probe)".into(),
        negation_window: book.negation_window,
        themes,
    };
    let matcher = Matcher::compile(&probe_book)
        .map_err(|es| SuggestError::Codebook(es.iter().map(|e| format!("{e}\n")).collect()))?;
    let mut scratch = Scratch::default();
    let mut occurs = vec![Vec::new(); patterns.len()];
    let mut spans = vec![Vec::new(); patterns.len()];
    for (i, item) in sample.items.iter().enumerate() {
        for h in matcher.code(&mut scratch, &item.question, &item.text) {
            occurs[h.theme as usize].push(i as u32);
            spans[h.theme as usize].push(h.evidence.len().min(usize::from(u16::MAX)) as u16);
        }
    }
    Ok((occurs, spans))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::Item;
    use crate::stopwords::is_stopword;

    #[test]
    fn no_candidate_matches_a_stopword_or_a_single_character() {
        let text = "I am a x. The cuts to the bone, and of it a b c: not enough staff, Q 2 of 3.";
        let items = (0..4)
            .map(|i| Item {
                id: format!("R{i}:Q1"),
                respondent: format!("R{i}"),
                question: "Q1".into(),
                text: text.into(),
                gold: vec![false],
            })
            .collect();
        let sample = Sample {
            sources: Vec::new(),
            items,
            evaluated: vec![true],
        };
        let src = "name = \"t\"\n[[themes]]\nid = \"t\"\nlabel = \"t\"\n[[themes.rules]]\nmatch = [\"zzz\"]\n";
        let book = Codebook::parse(src, "t").unwrap();
        let prepared = Prepared::new(&sample);
        let u = Universe::build(&sample, &prepared, &book).unwrap();
        for p in &u.patterns {
            for t in texts(&prepared, p) {
                let words: Vec<&str> = t.split(' ').collect();
                assert!(words.iter().all(|w| w.len() >= 2), "{t}");
                assert!(words.iter().any(|w| !is_stopword(w)), "{t}");
                if words.len() == 1 {
                    assert!(is_content_word(words[0]), "{t}");
                }
            }
        }
        let all: Vec<String> = u
            .patterns
            .iter()
            .flat_map(|p| texts(&prepared, p))
            .collect();
        assert!(all.contains(&"cuts".to_string()), "{all:?}");
        assert!(all.contains(&"not enough staff".to_string()), "{all:?}");
        // each fires as the matcher fires it: "not enough staff" everywhere, "enough staff"
        // nowhere (the cue "not" just before it cancels it)
        let fires = |t: &str| {
            let p = u
                .patterns
                .iter()
                .position(|p| texts(&prepared, p) == [t])
                .unwrap();
            u.occurs[p].len()
        };
        assert_eq!(fires("not enough staff"), 4);
        assert_eq!(fires("cuts"), 4);
        assert_eq!(fires("enough staff"), 0);
    }

    #[test]
    fn never_a_stopword_or_a_single_character() {
        assert!(!phrase_allowed(&["the"]));
        assert!(!phrase_allowed(&["a"]));
        assert!(!phrase_allowed(&["x"]));
        assert!(!phrase_allowed(&["of", "the"]));
        assert!(!phrase_allowed(&["funding", "a"]));
        assert!(!phrase_allowed(&["cuts", "to"]));
        assert!(!phrase_allowed(&["the", "cuts"]));
        assert!(!phrase_allowed(&["plan", "b", "cuts"]));
        assert!(phrase_allowed(&["funding"]));
        assert!(phrase_allowed(&["funding", "cuts"]));
        assert!(phrase_allowed(&["more", "social", "workers"]));
        assert!(phrase_allowed(&["cuts", "to", "services"]));
    }
}
