//! The codebook's regexes as one set, searched without allocating.
//!
//! `regex::RegexSet::matches` returns a fresh set of pattern ids for every text it searches
//! (one allocation per response). This is the same set built the same way —
//! `regex-automata`'s meta engine, which `regex` wraps, with the configuration
//! `RegexSetBuilder::case_insensitive(true)` gives it —, searched with a cache and a pattern
//! set the caller keeps in its per-thread scratch space. The patterns it reports are the
//! same as `regex::RegexSet`'s (tested on every answer of the example corpus).

use regex_automata::meta::{self, Cache, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

/// Regexes searched together: which of them match a text, case-insensitively.
#[derive(Debug)]
pub(crate) struct RegexSet {
    meta: Regex,
}

/// Per-thread working space of one [`RegexSet`]: made on first use, reused afterwards.
#[derive(Debug, Default)]
pub(crate) struct SetScratch {
    cache: Option<Cache>,
    found: Option<PatternSet>,
}

impl RegexSet {
    /// The set of `patterns`, with `regex::RegexSetBuilder`'s defaults and case-insensitive
    /// matching (the meta engine's configuration for a set: every pattern's match, no
    /// capture groups, empty matches only at character boundaries). The error says what
    /// went wrong: most often, that the set is over the size limit.
    pub(crate) fn new<P: AsRef<str>>(patterns: &[P]) -> Result<RegexSet, String> {
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(WhichCaptures::None);
        let syntax = syntax::Config::new().case_insensitive(true).utf8(true);
        let meta = meta::Builder::new()
            .configure(config)
            .syntax(syntax)
            .build_many(patterns)
            .map_err(|e| match (e.size_limit(), e.syntax_error()) {
                (Some(limit), _) => {
                    format!("the compiled regexes would exceed the size limit of {limit} bytes")
                }
                (None, Some(syntax)) => syntax.to_string(),
                (None, None) => e.to_string(),
            })?;
        Ok(RegexSet { meta })
    }

    /// Calls `found` with the index of each pattern that matches somewhere in `text`, in
    /// index order. `scratch` must only ever be used with this set.
    pub(crate) fn matches(
        &self,
        text: &str,
        scratch: &mut SetScratch,
        mut found: impl FnMut(usize),
    ) {
        let cache = scratch
            .cache
            .get_or_insert_with(|| self.meta.create_cache());
        let set = scratch
            .found
            .get_or_insert_with(|| PatternSet::new(self.meta.pattern_len()));
        set.clear();
        self.meta
            .which_overlapping_matches_with(cache, &Input::new(text), set);
        for p in set.iter() {
            found(p.as_usize());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns each text matches, as `regex::RegexSet` reports them.
    fn reference(patterns: &[&str], texts: &[String]) -> Vec<Vec<usize>> {
        let set = regex::RegexSetBuilder::new(patterns)
            .case_insensitive(true)
            .build()
            .expect("the patterns compile");
        texts
            .iter()
            .map(|t| set.matches(t).iter().collect())
            .collect()
    }

    #[test]
    fn finds_what_regex_regexset_finds() {
        let patterns = [
            r"(£\s?2\.6\s?(bn|billion)|£\s?200\s?(m|million)\b|2\.6\s?billion)",
            r"\b(had|have had|been through)\s+(\d+|two|three|four|five)\s+(social workers|sws)\b",
            r"\bcare\b",
            r"\bRCCs?\b",
            r"^$",
            r"é",
        ];
        let mut texts: Vec<String> = tally_benchdata::answers()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        texts.extend(
            [
                "",
                "We have had five social workers",
                "£2.6bn is not enough",
                "CARE",
                "Café RCC",
                "Scare",
            ]
            .map(String::from),
        );
        let set = RegexSet::new(&patterns).expect("the patterns compile");
        let mut scratch = SetScratch::default();
        let got: Vec<Vec<usize>> = texts
            .iter()
            .map(|t| {
                let mut found = Vec::new();
                set.matches(t, &mut scratch, |p| found.push(p));
                found
            })
            .collect();
        let want = reference(&patterns, &texts);
        assert_eq!(got, want);
        assert!(
            want.iter().filter(|w| !w.is_empty()).count() > 100,
            "the texts match something"
        );
    }
}
