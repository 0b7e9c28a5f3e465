//! The compiled matcher: every pattern of every rule in one token-id trie, every regex in
//! one `RegexSet`, and per-thread scratch space so coding a response allocates little.
//!
//! Coding one response: analyse it (words, normal forms, sentences); look each distinct
//! normal form up once in the thread's cache to get its term ids (its stem's id and the
//! globs it satisfies) and negation flags; walk the trie from every word to find all pattern
//! occurrences; then apply each in-scope rule — exclusions, negation, proximity — and keep
//! the surviving spans as evidence of the rule's theme.

use regex::Regex;
use rustc_hash::FxHashMap;
use tally_text::{Analysis, Analyzer, Normaliser, Stemmer, Token};

use crate::codebook::{Codebook, Rule, RuleKind};
use crate::coding::{Evidence, ThemeHit, NO_PATTERN};
use crate::error::CodebookError;
use crate::negation::{flags_of, is_negated};
use crate::propernoun::{guarded_form, stem_matched_name};
use crate::regexset::{RegexSet, SetScratch};
use crate::term::{parse_with, TermSpec};
use crate::trie::Trie;

/// What a pattern occurrence means for its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Match,
    Unless,
    NearA,
    NearB,
}

#[derive(Debug, Clone)]
struct CompiledRule {
    theme: u32,
    name: String,
    negation: bool,
    within: usize,
    /// A proximity rule's first list must come before its second.
    ordered: bool,
    questions: Option<Vec<String>>,
}

/// The whole codebook compiled for matching. Immutable and shared across threads.
#[derive(Debug)]
pub struct Matcher {
    analyzer: Analyzer,
    stem_ids: FxHashMap<String, u32>,
    globs: Vec<(u32, TermSpec)>,
    trie: Trie,
    /// Per pattern: its rule, role and text as written.
    patterns: Vec<(u32, Role, String)>,
    /// Per pattern: the normal form of a one-word stem pattern in lower case, whose matches
    /// through the stem alone must not be proper nouns (see `propernoun.rs`).
    guarded: Vec<Option<Box<str>>>,
    rules: Vec<CompiledRule>,
    /// Every regex of every rule (`None` until compiled).
    regex_set: Option<RegexSet>,
    /// The same regexes without word boundaries, run instead of `regex_set` on non-ASCII
    /// text (see `loosen.rs`); `None` when one of them could not be loosened.
    loose_set: Option<RegexSet>,
    regexes: Vec<(u32, Regex, u32)>,
    /// The most words any trie pattern spans: bounds how far before a word an occurrence
    /// overlapping it (or near it) can start, so pairing looks only at a window.
    max_words: u32,
    theme_count: usize,
    negation_window: usize,
    /// Per question named by some rule's scope: which rules apply (by rule index).
    scopes: FxHashMap<String, Vec<bool>>,
    /// Which rules apply to any other question: those without a scope.
    unscoped: Vec<bool>,
}

/// Per-thread working space: analysis buffers, the cache of word → terms and the regex
/// sets' caches. It belongs to the matcher it is first used with (the cached term ids and
/// regex caches are that matcher's): use a new one for another matcher.
#[derive(Debug, Default)]
pub struct Scratch {
    analysis: Analysis,
    cache: FxHashMap<Box<str>, (u32, u32, u8)>,
    /// The most frequent words' entries of `cache`, found without a cache miss.
    hot: crate::hot::HotCache,
    cache_terms: Vec<u32>,
    /// Distinct words kept in `cache` before it is emptied (`None`: [`CACHE_LIMIT`]).
    cache_limit: Option<usize>,
    spans: Vec<(u32, u32)>,
    flags: Vec<u8>,
    breaks: Vec<bool>,
    occurrences: Vec<(u32, u32, u32)>,
    unless: Vec<(u32, u32, u32)>,
    stack: Vec<(u32, usize)>,
    evidence: Vec<(u32, Evidence)>,
    /// Proximity rules' sides: (rule, pattern, first word, end word).
    near_a: Vec<(u32, u32, u32, u32)>,
    near_b: Vec<(u32, u32, u32, u32)>,
    /// The regex sets' working space (strict and loose), and the regexes that matched.
    strict_set: SetScratch,
    loose_set: SetScratch,
    regex_hits: Vec<usize>,
}

impl Scratch {
    /// The sentences of the text last coded with this scratch (byte ranges, as
    /// `tally_text::sentences` finds them), so later steps need not split it again.
    pub fn sentences(&self) -> &[(usize, usize)] {
        &self.analysis.sentences
    }

    /// The analysis (words, normal forms, sentences) of the text last coded with this
    /// scratch, for a learned coder to read the same words the rules did.
    pub fn analysis(&self) -> &tally_text::Analysis {
        &self.analysis
    }
}

/// Above this many distinct words, a thread's cache is emptied before the next response
/// (memory stays flat).
const CACHE_LIMIT: usize = 200_000;

impl Matcher {
    /// Compiles a checked codebook.
    pub fn compile(book: &Codebook) -> Result<Matcher, Vec<CodebookError>> {
        let mut m = Matcher {
            analyzer: Analyzer::new(),
            stem_ids: FxHashMap::default(),
            globs: Vec::new(),
            trie: Trie::default(),
            patterns: Vec::new(),
            guarded: Vec::new(),
            rules: Vec::new(),
            regex_set: None,
            loose_set: None,
            regexes: Vec::new(),
            max_words: 1,
            theme_count: book.themes.len(),
            negation_window: book.negation_window,
            scopes: FxHashMap::default(),
            unscoped: Vec::new(),
        };
        let mut b = Builder {
            normaliser: Normaliser::new(),
            stemmer: Stemmer::new(),
            term_ids: FxHashMap::default(),
            regex_sources: Vec::new(),
            errors: Vec::new(),
        };
        for (ti, theme) in book.themes.iter().enumerate() {
            for rule in &theme.rules {
                b.rule(&mut m, book, ti, rule);
            }
        }
        m.compile_scopes();
        b.compile_regex_sets(&mut m, book);
        if b.errors.is_empty() {
            Ok(m)
        } else {
            Err(b.errors)
        }
    }

    /// Which rules apply to each question a scope names, and to any other.
    fn compile_scopes(&mut self) {
        self.unscoped = self.rules.iter().map(|r| r.questions.is_none()).collect();
        let named: std::collections::BTreeSet<String> = self
            .rules
            .iter()
            .flat_map(|r| r.questions.iter().flatten().cloned())
            .collect();
        for q in named {
            let scope = self
                .rules
                .iter()
                .map(|r| r.questions.as_ref().is_none_or(|qs| qs.contains(&q)))
                .collect();
            self.scopes.insert(q, scope);
        }
    }

    /// Number of compiled rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The theme index and name of rule `rule`.
    pub fn rule(&self, rule: u32) -> (u32, &str) {
        let r = &self.rules[rule as usize];
        (r.theme, &r.name)
    }

    /// How many patterns the codebook has (their ids are `0..pattern_count()`).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The text of pattern `id` as written in the codebook.
    pub fn pattern_text(&self, id: u32) -> &str {
        self.patterns.get(id as usize).map_or("", |p| p.2.as_str())
    }

    /// Whether pattern `id` is a regex (not a word, glob or phrase).
    pub fn is_regex_pattern(&self, id: u32) -> bool {
        self.regexes.iter().any(|&(_, _, pid)| pid == id)
    }

    fn lookup(&self, scratch: &mut Scratch, norm: &str) -> (u32, u32, u8) {
        if let Some(hit) = scratch.hot.get(norm) {
            return hit;
        }
        if let Some(&hit) = scratch.cache.get(norm) {
            scratch.hot.put(norm, hit);
            return hit;
        }
        let start = scratch.cache_terms.len() as u32;
        if let Some(&id) = self.stem_ids.get(self.analyzer.stem(norm).as_ref()) {
            scratch.cache_terms.push(id);
        }
        for (id, g) in &self.globs {
            if g.matches_norm(norm) {
                scratch.cache_terms.push(*id);
            }
        }
        let entry = (
            start,
            scratch.cache_terms.len() as u32 - start,
            flags_of(norm),
        );
        scratch.cache.insert(norm.into(), entry);
        scratch.hot.put(norm, entry);
        entry
    }

    /// Whether the occurrence of pattern `p` at words `a..b` is a proper noun matched
    /// through a stem only, which does not count (see `propernoun.rs`).
    #[inline]
    fn names_only(&self, p: u32, text: &str, analysis: &Analysis, a: u32, b: u32) -> bool {
        if b != a + 1 {
            return false;
        }
        // most words start in lower case, and a name needs a capital: one byte decides
        let start = analysis.tokens[a as usize].start as usize;
        if text
            .as_bytes()
            .get(start)
            .is_some_and(u8::is_ascii_lowercase)
        {
            return false;
        }
        match &self.guarded[p as usize] {
            Some(form) => stem_matched_name(text, analysis, a as usize, form),
            None => false,
        }
    }

    /// Codes one response to question `question`: the themes it raises, in codebook order,
    /// each with its evidence. Deterministic: depends only on the codebook and the text.
    pub fn code(&self, scratch: &mut Scratch, question: &str, text: &str) -> Vec<ThemeHit> {
        let analysis = self.analyse(scratch, text);
        // 1. every pattern occurrence: (pattern, first word, end word)
        self.find_occurrences(scratch);
        // (in no particular order: the evidence made from them is sorted in step 4)
        scratch.evidence.clear();
        let scope = self.scopes.get(question).unwrap_or(&self.unscoped);
        // 2. word, phrase and proximity rules
        self.collect_unless(scratch);
        self.word_rules(scratch, scope, text, &analysis);
        // 3. regex rules
        self.regex_rules(scratch, scope, text, &analysis.tokens);
        scratch.analysis = analysis;
        // 4. group by theme
        self.group_by_theme(scratch)
    }

    /// Analyses `text` (words, normal forms, sentences) and looks each word up in the
    /// thread's cache: its term ids, negation flags and clause breaks go to `scratch`. The
    /// analysis is returned (taken out of `scratch`, which gets it back at the end).
    fn analyse(&self, scratch: &mut Scratch, text: &str) -> Analysis {
        // the cache is emptied between responses, never during one: the words looked up so
        // far point into `cache_terms` (and so do the hot slots)
        if scratch.cache.len() >= scratch.cache_limit.unwrap_or(CACHE_LIMIT) {
            scratch.cache.clear();
            scratch.hot.clear();
            scratch.cache_terms.clear();
        }
        let mut analysis = std::mem::take(&mut scratch.analysis);
        self.analyzer.analyse(text, &mut analysis);
        scratch.spans.clear();
        scratch.flags.clear();
        scratch.breaks.clear();
        for t in &analysis.tokens {
            let (s, l, f) = self.lookup(scratch, analysis.norm(t));
            scratch.spans.push((s, l));
            scratch.flags.push(f);
            scratch.breaks.push(t.clause_break);
        }
        analysis
    }

    /// Every pattern occurrence, by walking the trie from every word, into
    /// `scratch.occurrences`.
    fn find_occurrences(&self, scratch: &mut Scratch) {
        scratch.occurrences.clear();
        let Scratch {
            spans,
            cache_terms,
            occurrences,
            stack,
            ..
        } = scratch;
        let terms = &*cache_terms;
        self.trie.find(
            spans.len(),
            |i| {
                let (s, l) = spans[i];
                &terms[s as usize..(s + l) as usize]
            },
            |p, a, b| occurrences.push((p, a as u32, b as u32)),
            stack,
        );
    }

    /// The exclusions among the occurrences, usually none: (rule, first word, end word),
    /// sorted so that those of a rule near a span are found by binary search (linear time
    /// on long letters).
    fn collect_unless(&self, scratch: &mut Scratch) {
        scratch.unless.clear();
        scratch
            .unless
            .extend(scratch.occurrences.iter().filter_map(|&(p, x, y)| {
                let (r, role, _) = self.patterns[p as usize];
                (role == Role::Unless).then_some((r, x, y))
            }));
        scratch.unless.sort_unstable();
    }

    /// Word, phrase and proximity rules: each occurrence of a rule in `scope`, not a name
    /// matched through a stem, not negated (match rules) and not excluded, is evidence
    /// (match rules) or a side of a proximity rule, paired by [`Matcher::pair_near`].
    fn word_rules(&self, scratch: &mut Scratch, scope: &[bool], text: &str, analysis: &Analysis) {
        let Scratch {
            occurrences,
            unless,
            flags,
            breaks,
            evidence,
            near_a,
            near_b,
            ..
        } = scratch;
        let tokens = &analysis.tokens;
        // proximity rules' sides, in scope and not excluded: (rule, pattern, first, end)
        near_a.clear();
        near_b.clear();
        for &(p, a, b) in occurrences.iter() {
            let (rule_id, role, _) = self.patterns[p as usize];
            let rule = &self.rules[rule_id as usize];
            if role == Role::Unless || !scope[rule_id as usize] {
                continue;
            }
            if self.names_only(p, text, analysis, a, b) {
                continue;
            }
            if role == Role::Match
                && rule.negation
                && is_negated(flags, breaks, a as usize, b as usize, self.negation_window)
            {
                continue;
            }
            if !unless.is_empty() && excluded(unless, self.max_words, rule_id, a, b) {
                continue;
            }
            match role {
                Role::Match => evidence.push((
                    rule.theme,
                    Evidence {
                        start: tokens[a as usize].start,
                        end: tokens[b as usize - 1].end,
                        rule: rule_id,
                        patterns: [p, NO_PATTERN],
                    },
                )),
                Role::NearA => near_a.push((rule_id, p, a, b)),
                Role::NearB => near_b.push((rule_id, p, a, b)),
                Role::Unless => {}
            }
        }
        if !near_a.is_empty() && !near_b.is_empty() {
            near_b.sort_unstable_by_key(|&(r, _, b1, _)| (r, b1));
        }
        self.pair_near(near_a, near_b, tokens, (flags, breaks), evidence);
    }

    /// Regex rules: one pass of the set, then only the regexes that matched (on non-ASCII
    /// text, the set without word boundaries: a superset, on a faster engine); each match
    /// of a rule in `scope`, not negated and not excluded, is evidence.
    fn regex_rules(&self, scratch: &mut Scratch, scope: &[bool], text: &str, tokens: &[Token]) {
        let (false, Some(strict)) = (self.regexes.is_empty(), &self.regex_set) else {
            return;
        };
        let hits = &mut scratch.regex_hits;
        hits.clear();
        match &self.loose_set {
            Some(loose) if !text.is_ascii() => {
                loose.matches(text, &mut scratch.loose_set, |i| hits.push(i))
            }
            _ => strict.matches(text, &mut scratch.strict_set, |i| hits.push(i)),
        }
        for &i in &scratch.regex_hits {
            let (rule_id, re, pid) = &self.regexes[i];
            let rule = &self.rules[*rule_id as usize];
            if !scope[*rule_id as usize] {
                continue;
            }
            for m in re.find_iter(text) {
                let (s, e) = (m.start() as u32, m.end() as u32);
                let first = tokens.partition_point(|t| t.end <= s);
                let end = tokens.partition_point(|t| t.start < e);
                if first < end && self.regex_match_cancelled(scratch, rule, *rule_id, first, end) {
                    continue;
                }
                scratch.evidence.push((
                    rule.theme,
                    Evidence {
                        start: s,
                        end: e,
                        rule: *rule_id,
                        patterns: [*pid, NO_PATTERN],
                    },
                ));
            }
        }
    }

    /// Whether a regex match over words `first..end` is negated (if its rule minds) or
    /// excluded by one of its rule's exclusions.
    fn regex_match_cancelled(
        &self,
        scratch: &Scratch,
        rule: &CompiledRule,
        rule_id: u32,
        first: usize,
        end: usize,
    ) -> bool {
        (rule.negation
            && is_negated(
                &scratch.flags,
                &scratch.breaks,
                first,
                end,
                self.negation_window,
            ))
            || (!scratch.unless.is_empty()
                && excluded(
                    &scratch.unless,
                    self.max_words,
                    rule_id,
                    first as u32,
                    end as u32,
                ))
    }

    /// The evidence grouped by theme, in text order, one evidence per span.
    fn group_by_theme(&self, scratch: &mut Scratch) -> Vec<ThemeHit> {
        scratch.evidence.sort_unstable();
        scratch
            .evidence
            .dedup_by(|b, a| a.0 == b.0 && a.1.start == b.1.start && a.1.end == b.1.end);
        // (each vector allocated once, at its final size: the output is all `code` allocates
        // once the scratch is warm)
        let runs = scratch.evidence.chunk_by(|a, b| a.0 == b.0);
        let mut hits: Vec<ThemeHit> = Vec::with_capacity(runs.clone().count());
        hits.extend(runs.map(|run| ThemeHit {
            theme: run[0].0,
            evidence: run.iter().map(|&(_, ev)| ev).collect(),
            score: None,
        }));
        debug_assert!(hits.iter().all(|h| (h.theme as usize) < self.theme_count));
        hits
    }
}

/// What [`Matcher::compile`] keeps while it adds the codebook's rules one by one.
struct Builder {
    normaliser: Normaliser,
    stemmer: Stemmer,
    /// Every term (stem or glob) met so far, by id.
    term_ids: FxHashMap<TermSpec, u32>,
    /// The regex rules' sources, in the order of `Matcher::regexes`.
    regex_sources: Vec<String>,
    errors: Vec<CodebookError>,
}

impl Builder {
    /// Adds rule `rule` of theme `ti`: its compiled form, its patterns and exclusions.
    fn rule(&mut self, m: &mut Matcher, book: &Codebook, ti: usize, rule: &Rule) {
        let theme = &book.themes[ti];
        let rule_id = m.rules.len() as u32;
        let questions = match (&theme.questions, &rule.questions) {
            (_, Some(r)) => Some(r.clone()),
            (Some(t), None) => Some(t.clone()),
            (None, None) => None,
        };
        let (within, ordered) = match &rule.kind {
            RuleKind::Near {
                within, ordered, ..
            } => (*within, *ordered),
            _ => (0, false),
        };
        m.rules.push(CompiledRule {
            theme: ti as u32,
            name: rule.name.clone(),
            negation: rule.negation,
            within,
            ordered,
            questions,
        });
        match &rule.kind {
            RuleKind::Match(list) => list
                .iter()
                .for_each(|p| self.pattern(m, rule_id, p, Role::Match)),
            RuleKind::Near { a, b, .. } => {
                a.iter()
                    .for_each(|p| self.pattern(m, rule_id, p, Role::NearA));
                b.iter()
                    .for_each(|p| self.pattern(m, rule_id, p, Role::NearB));
            }
            RuleKind::Regex(src) => self.regex(m, book, ti, rule, src),
        }
        rule.unless
            .iter()
            .for_each(|p| self.pattern(m, rule_id, p, Role::Unless));
    }

    /// Adds pattern `raw` of rule `rule_id` to the trie, with ids for its terms.
    fn pattern(&mut self, m: &mut Matcher, rule_id: u32, raw: &str, role: Role) {
        let specs = match parse_with(&self.normaliser, &self.stemmer, raw) {
            Ok(s) => s,
            Err(_) => return, // checked when the codebook was parsed
        };
        let guard = (role != Role::Unless)
            .then(|| guarded_form(&self.normaliser, raw, &specs))
            .flatten();
        let mut ids = Vec::with_capacity(specs.len());
        for spec in specs {
            let next = self.term_ids.len() as u32;
            let id = *self.term_ids.entry(spec.clone()).or_insert_with(|| {
                match &spec {
                    TermSpec::Stem(s) => {
                        m.stem_ids.insert(s.clone(), next);
                    }
                    other => m.globs.push((next, other.clone())),
                }
                next
            });
            ids.push(id);
        }
        let pid = m.patterns.len() as u32;
        m.guarded.push(guard);
        m.patterns.push((rule_id, role, raw.to_string()));
        m.max_words = m.max_words.max(ids.len() as u32);
        m.trie.insert(&ids, pid);
    }

    /// Adds the regex `src` of `rule` (the last rule added), or an error if it does not
    /// compile.
    fn regex(&mut self, m: &mut Matcher, book: &Codebook, ti: usize, rule: &Rule, src: &str) {
        let rule_id = m.rules.len() as u32 - 1;
        match regex::RegexBuilder::new(src).case_insensitive(true).build() {
            Ok(re) => {
                let pid = m.patterns.len() as u32;
                m.guarded.push(None);
                m.patterns.push((rule_id, Role::Match, src.to_string()));
                m.regexes.push((rule_id, re, pid));
                self.regex_sources.push(src.to_string());
            }
            Err(e) => self.errors.push(CodebookError {
                path: book.path.clone(),
                line: rule.line,
                theme: Some(book.themes[ti].id.clone()),
                message: format!("invalid regex: {e}"),
            }),
        }
    }

    /// The regex rules' set, and the same without word boundaries for non-ASCII text.
    fn compile_regex_sets(&mut self, m: &mut Matcher, book: &Codebook) {
        match RegexSet::new(&self.regex_sources) {
            Ok(set) => {
                m.regex_set = Some(set);
                let loose: Option<Vec<String>> = self
                    .regex_sources
                    .iter()
                    .map(|s| crate::loosen::without_word_boundaries(s))
                    .collect();
                m.loose_set = loose.and_then(|l| RegexSet::new(&l).ok());
            }
            Err(e) => self.errors.push(CodebookError {
                path: book.path.clone(),
                line: 0,
                theme: None,
                message: format!("the regexes together are too large to compile: {e}"),
            }),
        }
    }
}

impl Matcher {
    /// Pairs proximity rules' first-list occurrences (`near_a`) with their second-list ones
    /// (`near_b`, sorted by rule and first word) and pushes the pairs that fire as evidence.
    ///
    /// Linear in the response's length: an occurrence of the second list that can pair with
    /// one of the first starts at most `within + max_words` words before it and less than
    /// `within` words after its end, so only that window of `near_b` is looked at (found by
    /// binary search), whatever the number of occurrences elsewhere in the text.
    fn pair_near(
        &self,
        near_a: &[(u32, u32, u32, u32)],
        near_b: &[(u32, u32, u32, u32)],
        tokens: &[Token],
        (flags, breaks): (&[u8], &[bool]),
        evidence: &mut Vec<(u32, Evidence)>,
    ) {
        for &(rule_id, pa, a1, a2) in near_a {
            let rule = &self.rules[rule_id as usize];
            let within = rule.within as u32;
            let lowest = a1.saturating_sub(within + self.max_words);
            // (a short list, as a survey answer's is, is scanned from its start)
            let from = if near_b.len() <= SCAN {
                0
            } else {
                near_b.partition_point(|&(r, _, b1, _)| (r, b1) < (rule_id, lowest))
            };
            for &(r, pb, b1, b2) in &near_b[from..] {
                if r > rule_id || (r == rule_id && b1 >= a2 + within) {
                    break;
                }
                if r < rule_id || b1 < lowest {
                    continue;
                }
                if b1 < a2 && a1 < b2 {
                    continue; // the two sides overlap
                }
                if rule.ordered && b1 < a2 {
                    continue; // the second list before the first
                }
                let gap = if b1 >= a2 { b1 - a2 } else { a1 - b2 };
                let same_sentence = tokens[a1 as usize].sentence == tokens[b1 as usize].sentence;
                if gap >= within || !same_sentence {
                    continue;
                }
                // negation is judged on the pair as a whole
                let (first, last) = (a1.min(b1), a2.max(b2) - 1);
                if rule.negation
                    && is_negated(
                        flags,
                        breaks,
                        first as usize,
                        last as usize + 1,
                        self.negation_window,
                    )
                {
                    continue;
                }
                let pats = if a1 <= b1 { [pa, pb] } else { [pb, pa] };
                evidence.push((
                    rule.theme,
                    Evidence {
                        start: tokens[first as usize].start,
                        end: tokens[last as usize].end,
                        rule: rule_id,
                        patterns: pats,
                    },
                ));
            }
        }
    }
}

/// Up to this many second-side occurrences, [`Matcher::pair_near`] scans them all rather
/// than binary-searching its window (cheaper on short answers; the same pairs).
const SCAN: usize = 8;

/// Whether an exclusion of rule `rule` overlaps words `a..b`. `unless` holds the
/// exclusions' (rule, first word, end word), sorted; none spans more than `max_words`
/// words, so only those starting in `a - max_words + 1 .. b` can overlap: found by binary
/// search, not by scanning every exclusion of a long text.
fn excluded(unless: &[(u32, u32, u32)], max_words: u32, rule: u32, a: u32, b: u32) -> bool {
    let lowest = a.saturating_sub(max_words);
    let from = unless.partition_point(|&(r, x, _)| (r, x) < (rule, lowest));
    unless[from..]
        .iter()
        .take_while(|&&(r, x, _)| r == rule && x < b)
        .any(|&(_, _, y)| a < y)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"
[[themes]]
id = "funding"
label = "Funding"
[[themes.rules]]
name = "money words"
match = ["fund", "underfund*", "more money", "*funded"]
unless = ["fund raising"]
[[themes.rules]]
name = "lack"
match = ["no money"]
negation = false

[[themes]]
id = "placement_market"
label = "Placements"
[[themes.rules]]
match = ["placement"]
unless = ["work placement"]

[[themes]]
id = "pay"
label = "Pay"
questions = ["Q5"]
[[themes.rules]]
near = [["pay", "salary"], ["scale", "band"]]
within = 5
unless = ["scale back", "pay day"]

[[themes]]
id = "money_figure"
label = "A sum of money"
[[themes.rules]]
regex = '£\s?\d+(\.\d+)?\s?(m|bn)\b'
"#;

    fn matcher() -> Matcher {
        Matcher::compile(&Codebook::parse(BOOK, "cb.toml").unwrap()).unwrap()
    }

    /// The (theme id, evidence text) pairs coded for `text` in question `q`.
    fn check(q: &str, text: &str, expected: &[(&str, &str)]) {
        let m = matcher();
        let book = Codebook::parse(BOOK, "cb.toml").unwrap();
        let mut s = Scratch::default();
        let mut got = Vec::new();
        for hit in m.code(&mut s, q, text) {
            for e in &hit.evidence {
                got.push((
                    book.themes[hit.theme as usize].id.as_str(),
                    &text[e.start as usize..e.end as usize],
                ));
            }
        }
        assert_eq!(got, expected, "coding {text:?}");
    }

    #[test]
    fn stems_match_inflections() {
        check(
            "Q1",
            "Funding. Funds! They funded it",
            &[
                ("funding", "Funding"),
                ("funding", "Funds"),
                ("funding", "funded"),
            ],
        );
        check("Q1", "the fundamentals", &[]);
    }

    #[test]
    fn phrases_need_their_words_in_order() {
        check("Q1", "we need more money now", &[("funding", "more money")]);
        check("Q1", "money, more of it", &[]);
    }

    #[test]
    fn globs_match_normalised_words() {
        check(
            "Q1",
            "badly UNDERFUNDED and under-funded",
            &[("funding", "UNDERFUNDED"), ("funding", "funded")],
        );
        check("Q1", "the underground", &[]);
    }

    #[test]
    fn exclusions_cancel_overlapping_matches() {
        check(
            "Q1",
            "placements cost too much",
            &[("placement_market", "placements")],
        );
        check("Q1", "a work placement for students", &[]);
        check("Q1", "fund raising events", &[]);
    }

    #[test]
    fn proximity_within_n_words_either_order_one_sentence() {
        check("Q5", "a national pay scale please", &[("pay", "pay scale")]);
        check(
            "Q5",
            "a band of decent pay",
            &[("pay", "band of decent pay")],
        );
        check(
            "Q5",
            "pay is low and the career structure makes no sense at all with one scale",
            &[],
        );
        check("Q5", "Pay matters. Scale too.", &[]);
        // an exclusion on either side removes the pair
        check("Q5", "they will scale back pay", &[]);
        check("Q5", "pay day comes with a band", &[]);
        check("Q5", "pay day and a salary band", &[("pay", "salary band")]);
        // negation is judged on the pair as a whole
        check("Q5", "we do not want a pay scale", &[]);
        check("Q5", "a pay scale is not the answer", &[]);
    }

    /// Codes `text` with a one-theme codebook whose single rule is `rule` (TOML lines);
    /// returns the evidence texts.
    fn spans_with(rule: &str, text: &str) -> Vec<String> {
        let src = format!("[[themes]]\nid = \"t\"\nlabel = \"T\"\n[[themes.rules]]\n{rule}\n");
        let m = Matcher::compile(&Codebook::parse(&src, "cb.toml").unwrap()).unwrap();
        m.code(&mut Scratch::default(), "Q1", text)
            .iter()
            .flat_map(|h| &h.evidence)
            .map(|e| text[e.start as usize..e.end as usize].to_string())
            .collect()
    }

    #[test]
    fn ordered_proximity_needs_the_first_list_first() {
        let rule = "near = [[\"ltn\", \"low traffic\"], [\"stop\", \"through traffic\"]]\nwithin = 4\nordered = true";
        assert_eq!(
            spans_with(rule, "An LTN to stop through traffic"),
            ["LTN to stop", "LTN to stop through traffic"]
        );
        assert!(spans_with(rule, "Please stop the LTN now").is_empty());
        assert!(spans_with(rule, "through traffic in our low traffic area").is_empty());
        // without `ordered`, either order fires
        let either = rule.replace("\nordered = true", "");
        assert_eq!(
            spans_with(&either, "Please stop the LTN now"),
            ["stop the LTN"]
        );
    }

    #[test]
    fn proximity_and_exclusions_reach_long_patterns_before_a_word() {
        // the second side is a four-word phrase ending `within - 1` words before the first
        let rule = "near = [[\"pay\"], [\"national pay scale framework\"]]\nwithin = 3";
        assert_eq!(
            spans_with(rule, "a national pay scale framework with fair pay"),
            ["national pay scale framework with fair pay"]
        );
        assert!(spans_with(rule, "a national pay scale framework with a fair pay").is_empty());
        // an exclusion that starts four words before a match still cancels it
        let rule = "match = [\"fair\"]\nunless = [\"not very fair at all\"]\nnegation = false";
        assert!(spans_with(rule, "it is not very fair at all").is_empty());
        assert_eq!(spans_with(rule, "it is fair"), ["fair"]);
    }

    #[test]
    fn question_scope_limits_a_theme() {
        check("Q1", "a national pay scale please", &[]);
    }

    #[test]
    fn negation_cancels_unless_the_rule_opts_out() {
        check("Q6", "Funding is not the issue here.", &[]);
        check("Q6", "We do not need funding", &[]);
        check(
            "Q6",
            "I do not think we really need any of the funding",
            &[("funding", "funding")],
        );
        check(
            "Q6",
            "There is not enough funding",
            &[("funding", "funding")],
        );
        check("Q6", "there is no money left", &[("funding", "no money")]);
    }

    #[test]
    fn regexes_match_the_original_text() {
        check(
            "Q6",
            "only £200m against £2.6bn",
            &[("money_figure", "£200m"), ("money_figure", "£2.6bn")],
        );
        check("Q6", "£200 pounds", &[]);
        // non-ASCII text goes through the set without word boundaries first: a letter
        // after "m" still means no word boundary, so no match
        check(
            "Q6",
            "only £200mé and £2.6bn’s worth",
            &[("money_figure", "£2.6bn")],
        );
    }

    #[test]
    fn evidence_slices_multibyte_text_exactly() {
        check(
            "Q1",
            "Café “underfunded” – naïve",
            &[("funding", "underfunded")],
        );
    }

    /// Property: on any text, every evidence span starts and ends on a character boundary,
    /// is non-empty and lies inside the text.
    #[test]
    fn evidence_offsets_always_fall_on_character_boundaries() {
        let m = matcher();
        let mut s = Scratch::default();
        let pieces = [
            "more",
            " money",
            "underfunded",
            "placement",
            "work",
            "pay",
            " scale",
            "£200m",
            "£2.6bn",
            "not",
            " ",
            "’",
            "é",
            "naïve",
            "ﬁ",
            "\u{301}",
            "😀",
            "—",
            "\n",
            ".",
            ",",
            "Fund",
            "ing",
            "ＦＵＮＤ",
            "e\u{301}",
        ];
        let mut checked = 0;
        for text in tally_benchdata::pieced_texts(&pieces, 3000, 4..36, true, 8) {
            for hit in m.code(&mut s, "Q5", &text) {
                for e in &hit.evidence {
                    let (a, b) = (e.start as usize, e.end as usize);
                    assert!(a < b && b <= text.len(), "{a}..{b} in {text:?}");
                    assert!(
                        text.is_char_boundary(a) && text.is_char_boundary(b),
                        "{a}..{b} in {text:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "only {checked} spans checked");
    }

    #[test]
    fn same_result_with_a_warm_or_cold_cache() {
        let m = matcher();
        let mut warm = Scratch::default();
        let texts = [
            "more money for placements",
            "Funding is not the issue",
            "pay band",
            "underfunded £3bn",
        ];
        let first: Vec<_> = texts.iter().map(|t| m.code(&mut warm, "Q5", t)).collect();
        let again: Vec<_> = texts.iter().map(|t| m.code(&mut warm, "Q5", t)).collect();
        let cold: Vec<_> = texts
            .iter()
            .map(|t| m.code(&mut Scratch::default(), "Q5", t))
            .collect();
        assert_eq!(first, again);
        assert_eq!(first, cold);
        // a cache emptied every few words (and its hot slots with it) changes nothing
        let mut small = Scratch {
            cache_limit: Some(3),
            ..Scratch::default()
        };
        for _ in 0..3 {
            let churned: Vec<_> = texts.iter().map(|t| m.code(&mut small, "Q5", t)).collect();
            assert_eq!(first, churned);
        }
    }
}
