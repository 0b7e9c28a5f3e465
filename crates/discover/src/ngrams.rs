//! The phrases of a sentence: 1–3-word n-grams of stems inside one clause, without
//! stopwords at either end and without one-character or letterless words; a phrase whose
//! words all echo the question ([`crate::echo`]) is not emitted.

use rustc_hash::FxHashSet;
use tally_text::{Analysis, Analyzer};

use crate::stopwords::Stopwords;

/// The longest phrase, in words.
pub(crate) const MAX_WORDS: usize = 3;

/// One word of the text, prepared for n-grams.
struct Word {
    norm: String,
    stem: String,
    /// At least two characters and a letter.
    usable: bool,
    stop: bool,
    /// Its stem is one of the question's own words.
    echo: bool,
    clause_break: bool,
}

/// The analysed words of one text, grouped by sentence.
pub(crate) struct Words {
    words: Vec<Word>,
    /// Per sentence, the range of its words in `words`.
    pub(crate) by_sentence: Vec<std::ops::Range<usize>>,
}

impl Words {
    /// Prepares the words of `analysis`; `echo` holds the stems of the question answered.
    pub(crate) fn new(
        analyzer: &Analyzer,
        analysis: &Analysis,
        stop: &Stopwords,
        echo: &FxHashSet<String>,
    ) -> Words {
        let mut by_sentence = vec![0..0; analysis.sentences.len()];
        let mut words = Vec::with_capacity(analysis.tokens.len());
        for (i, t) in analysis.tokens.iter().enumerate() {
            let norm = analysis.norm(t);
            let s = t.sentence as usize;
            if let Some(r) = by_sentence.get_mut(s) {
                if r.start == r.end {
                    *r = i..i + 1;
                } else {
                    r.end = i + 1;
                }
            }
            let stem = analyzer.stem(norm).into_owned();
            words.push(Word {
                norm: norm.to_string(),
                echo: echo.contains(&stem),
                stem,
                usable: norm.chars().count() >= 2 && norm.chars().any(char::is_alphabetic),
                stop: stop.contains(norm),
                clause_break: t.clause_break,
            });
        }
        Words { words, by_sentence }
    }

    /// Words that can carry a theme: usable, not stopwords, not echoing the question.
    pub(crate) fn content_words(&self) -> usize {
        self.words
            .iter()
            .filter(|w| w.usable && !w.stop && !w.echo)
            .count()
    }

    /// Calls `emit(stems, surface)` for every phrase of the words in `range`, stems and
    /// normalised words each joined by one space.
    pub(crate) fn phrases(&self, range: std::ops::Range<usize>, mut emit: impl FnMut(&str, &str)) {
        let (mut key, mut surface) = (String::new(), String::new());
        for i in range.clone() {
            if !self.words[i].usable || self.words[i].stop {
                continue;
            }
            key.clear();
            surface.clear();
            let mut own = false;
            for j in i..(i + MAX_WORDS).min(range.end) {
                let w = &self.words[j];
                if !w.usable || (j > i && w.clause_break) {
                    break;
                }
                if j > i {
                    key.push(' ');
                    surface.push(' ');
                }
                key.push_str(&w.stem);
                surface.push_str(&w.norm);
                own |= !w.stop && !w.echo;
                if !w.stop && own {
                    emit(&key, &surface);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, String)> {
        let an = Analyzer::new();
        let mut a = Analysis::default();
        an.analyse(text, &mut a);
        let w = Words::new(&an, &a, &Stopwords::english(), &FxHashSet::default());
        let mut out = Vec::new();
        for r in w.by_sentence.clone() {
            w.phrases(r, |k, s| out.push((k.to_string(), s.to_string())));
        }
        out
    }

    #[test]
    fn phrases_stay_in_a_clause_and_skip_stopword_ends() {
        let got = all("The waiting lists are long, a 2 year wait. Respite care");
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "wait",
                "wait list",
                "list",
                "list are long",
                "long",
                "year",
                "year wait",
                "wait",
                "respit",
                "respit care",
                "care"
            ]
        );
        assert_eq!(got[1].1, "waiting lists");
        // no "long year" (clause break), no "2" (no letter), nothing starting with "the"
    }

    #[test]
    fn a_stopword_may_sit_inside_a_phrase() {
        let keys: Vec<String> = all("child in need").into_iter().map(|p| p.0).collect();
        assert_eq!(keys, ["child", "child in need", "need"]);
    }
}
