//! The discovery run: code, split off the residue, score phrases, group them, describe the
//! groups.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tally_code::{Codebook, CodebookError, Matcher, Scratch};
use tally_redact::Redactor;
use tally_text::{Analysis, Analyzer};

use crate::copies::Copies;
use crate::echo::{Echoes, QuestionText, MIN_CONTENT_WORDS};
use crate::furniture::furniture;
use crate::group::average_link;
use crate::keyness::{g2, overused, P001};
use crate::ngrams::Words;
use crate::quotes::{pick, Offer};
use crate::residue::{blank, covered};
use crate::stanza;
use crate::stopwords::Stopwords;

/// One response to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Response id.
    pub id: String,
    /// Respondent id: phrases are counted once per respondent.
    pub respondent: String,
    /// Question id (theme and rule scopes apply).
    pub question: String,
    /// The answer.
    pub text: String,
}

/// The parameters, fixed once for every consultation (see the crate documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Candidate themes returned, strongest first.
    pub top: usize,
    /// A phrase must be in the residue of at least this many respondents.
    pub min_respondents: usize,
    /// The strongest phrases grouped.
    pub max_phrases: usize,
    /// Average-link Jaccard overlap at which phrase groups merge.
    pub link: f64,
    /// A candidate must be raised by at least this share of the respondents (and by
    /// [`Options::min_respondents`]): below 1%, a theme is "other" in most reports.
    pub min_share: f64,
    /// Key phrases shown (and put in the draft stanza) per candidate.
    pub key_phrases: usize,
    /// Representative quotes per candidate.
    pub quotes: usize,
    /// Redact the quotes (on unless the analyst asked for personal data to be left in).
    pub redact: bool,
}

impl Default for Options {
    /// Ten candidates; phrases of at least 5 respondents, the 150 strongest, grouped at an
    /// average overlap of 0.2 (of the answers using either of two phrases, one in five uses
    /// both); candidates raised by at least 1% of respondents; 8 key phrases and 3 redacted
    /// quotes each.
    fn default() -> Self {
        Options {
            top: 10,
            min_respondents: 5,
            max_phrases: 150,
            link: 0.2,
            min_share: 0.01,
            key_phrases: 8,
            quotes: 3,
            redact: true,
        }
    }
}

/// A distinctive phrase of the residue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phrase {
    /// The phrase as respondents most often wrote it (normalised words).
    pub text: String,
    /// Its stems, as counted.
    pub stems: String,
    /// Log-likelihood keyness of residue against coded text.
    pub g2: f64,
    /// Respondents using it in the residue.
    pub residue_respondents: usize,
    /// Respondents using it in coded text.
    pub coded_respondents: usize,
    #[serde(skip)]
    answers: Vec<u32>,
    #[serde(skip)]
    respondents: Vec<u32>,
}

/// A quote: one residue sentence, redacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The response it is from.
    pub response_id: String,
    /// The sentence.
    pub text: String,
}

/// A candidate theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// 1 for the strongest.
    pub rank: usize,
    /// Summed G² of its phrases (ranks candidates raised by as many respondents).
    pub score: f64,
    /// Respondents with one of its phrases in their residue (the ranking).
    pub respondents: usize,
    /// The responses with one of its phrases in their residue, and the campaign members
    /// of those that are a campaign's template, in input order.
    pub responses: Vec<String>,
    /// Its phrases, strongest first (all of them; the Markdown shows the first few).
    pub phrases: Vec<Phrase>,
    /// Representative quotes.
    pub quotes: Vec<Quote>,
    /// Draft codebook stanza (TOML) to paste at the end of the codebook.
    pub stanza: String,
    #[serde(skip)]
    answers: Vec<u32>,
}

/// What a discovery run found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discovery {
    /// The codebook's name.
    pub codebook: String,
    /// Its themes.
    pub themes: usize,
    /// Responses read.
    pub responses: usize,
    /// Their respondents.
    pub respondents: usize,
    /// Responses no theme was coded in.
    pub uncoded_responses: usize,
    /// Residue sentences (of coded and uncoded responses).
    pub residue_sentences: usize,
    /// Respondents with words in the residue.
    pub residue_respondents: usize,
    /// Respondents with words in coded sentences.
    pub coded_respondents: usize,
    /// Responses whose letter header block or sign-off was left out (by the `furniture` rule).
    pub furniture_responses: usize,
    /// Campaign members whose copied text was left out (counted once, in the template).
    pub campaign_copies: usize,
    /// Answers left out as too short to carry a theme (fewer than two words of their own).
    pub short_answers: usize,
    /// The parameters, as used.
    #[serde(skip)]
    pub options: Options,
    /// The candidates, strongest first.
    pub candidates: Vec<Candidate>,
}

/// Per phrase (stem key): who used it, where, and how it was written.
#[derive(Default)]
struct Count {
    residue: Vec<u32>,
    coded: Vec<u32>,
    answers: Vec<u32>,
    surfaces: FxHashMap<String, u32>,
}

/// The residue of every response and the phrase counts.
struct Tally {
    counts: FxHashMap<String, Count>,
    /// Per response: its respondent and its residue sentences.
    residue: Vec<(u32, Vec<(usize, usize)>)>,
    respondents: usize,
    uncoded: usize,
    residue_respondents: usize,
    coded_respondents: usize,
    /// Residue sentences and covered sentences counted (with words, not left out).
    residue_sentences: u64,
    coded_sentences: u64,
    furniture: usize,
    copies: usize,
    short: usize,
}

impl Tally {
    /// Nothing counted yet, room for `n` responses.
    fn with_capacity(n: usize) -> Self {
        Tally {
            counts: FxHashMap::default(),
            residue: Vec::with_capacity(n),
            respondents: 0,
            uncoded: 0,
            residue_respondents: 0,
            coded_respondents: 0,
            residue_sentences: 0,
            coded_sentences: 0,
            furniture: 0,
            copies: 0,
            short: 0,
        }
    }
}

/// What is read once for the whole run: the coder, the text chain and the references.
struct Readers<'a> {
    matcher: &'a Matcher,
    analyzer: &'a Analyzer,
    stop: &'a Stopwords,
    echoes: &'a Echoes,
    copies: &'a Copies,
}

/// Finds candidate themes in the residue of `book`'s coding of `inputs`; `questions` are
/// the questions as asked (their words are not a theme of their answers; may be empty).
/// Fails only when the codebook does not compile.
pub fn discover(
    inputs: &[Input],
    questions: &[QuestionText],
    book: &Codebook,
    opts: &Options,
) -> Result<Discovery, Vec<CodebookError>> {
    let matcher = Matcher::compile(book)?;
    let analyzer = Analyzer::new();
    let stop = Stopwords::english();
    let echoes = Echoes::new(questions, &analyzer, &stop);
    let copies = Copies::detect(inputs);
    let readers = Readers {
        matcher: &matcher,
        analyzer: &analyzer,
        stop: &stop,
        echoes: &echoes,
        copies: &copies,
    };
    let tally = count(inputs, &readers);
    let phrases = select(&tally, opts);
    let sets: Vec<Vec<u32>> = phrases.iter().map(|p| p.answers.clone()).collect();
    let mut candidates: Vec<Candidate> = average_link(&sets, opts.link)
        .into_iter()
        .map(|g| {
            let group = g.into_iter().map(|i| phrases[i].clone()).collect();
            gather(group, inputs, &copies)
        })
        .collect();
    let least = opts
        .min_respondents
        .max((opts.min_share * tally.respondents as f64).ceil() as usize);
    candidates.retain(|c| c.respondents >= least);
    candidates.sort_by(|a, b| {
        b.respondents
            .cmp(&a.respondents)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.phrases[0].stems.cmp(&b.phrases[0].stems))
    });
    candidates.truncate(opts.top);
    let redactor = opts.redact.then(Redactor::new);
    let ids: FxHashSet<&str> = book.themes.iter().map(|t| t.id.as_str()).collect();
    let mut given: FxHashSet<String> = FxHashSet::default();
    for (i, c) in candidates.iter_mut().enumerate() {
        c.rank = i + 1;
        c.quotes = quotes(c, inputs, &tally, &readers, opts, redactor.as_ref());
        let shown: Vec<&str> = c
            .phrases
            .iter()
            .take(opts.key_phrases)
            .map(|p| p.text.as_str())
            .collect();
        let id = stanza::theme_id(shown[0], &|id| ids.contains(id) || given.contains(id));
        given.insert(id.clone());
        c.stanza = stanza::draft(&id, &shown, c.respondents);
    }
    Ok(Discovery {
        codebook: book.name.clone(),
        themes: book.themes.len(),
        responses: inputs.len(),
        respondents: tally.respondents,
        uncoded_responses: tally.uncoded,
        residue_sentences: tally.residue.iter().map(|r| r.1.len()).sum(),
        residue_respondents: tally.residue_respondents,
        coded_respondents: tally.coded_respondents,
        furniture_responses: tally.furniture,
        campaign_copies: tally.copies,
        short_answers: tally.short,
        options: opts.clone(),
        candidates,
    })
}

/// Codes every response and counts each phrase once per respondent in residue and coded
/// text (and once per answer in the residue), leaving out a letter's furniture, campaign
/// copies and answers too short to carry a theme.
fn count(inputs: &[Input], rd: &Readers) -> Tally {
    let mut scratch = Scratch::default();
    let mut analysis = Analysis::default();
    let mut respondent_ix: FxHashMap<&str, u32> = FxHashMap::default();
    let mut t = Tally::with_capacity(inputs.len());
    let (mut has_residue, mut has_coded) = (FxHashSet::default(), FxHashSet::default());
    for (i, input) in inputs.iter().enumerate() {
        let next = respondent_ix.len() as u32;
        let r = *respondent_ix
            .entry(input.respondent.as_str())
            .or_insert(next);
        let hits = rd.matcher.code(&mut scratch, &input.question, &input.text);
        t.uncoded += usize::from(hits.is_empty());
        let mut out = furniture(&input.text);
        t.furniture += usize::from(!out.is_empty());
        let copied = rd.copies.copied(i, inputs);
        t.copies += usize::from(!copied.is_empty());
        out.extend(copied);
        rd.analyzer
            .analyse(&blank(&input.text, &out), &mut analysis);
        let words = Words::new(
            rd.analyzer,
            &analysis,
            rd.stop,
            rd.echoes.of(&input.question),
        );
        let mut kept = Vec::new();
        if words.content_words() < MIN_CONTENT_WORDS {
            t.short += usize::from(out.is_empty());
            t.residue.push((r, kept));
            continue;
        }
        let cover = covered(&analysis.sentences, &hits);
        for (s, range) in words.by_sentence.iter().enumerate() {
            if range.is_empty() {
                continue;
            }
            let in_residue = !cover[s];
            if in_residue {
                kept.push(analysis.sentences[s]);
                has_residue.insert(r);
                t.residue_sentences += 1;
            } else {
                has_coded.insert(r);
                t.coded_sentences += 1;
            }
            words.phrases(range.clone(), |key, surface| {
                tally_phrase(
                    &mut t.counts,
                    key,
                    surface,
                    r,
                    in_residue.then_some(i as u32),
                );
            });
        }
        t.residue.push((r, kept));
    }
    for c in t.counts.values_mut() {
        for v in [&mut c.residue, &mut c.coded] {
            v.sort_unstable();
            v.dedup();
        }
    }
    t.respondents = respondent_ix.len();
    t.residue_respondents = has_residue.len();
    t.coded_respondents = has_coded.len();
    t
}

/// Counts one use of a phrase by respondent `r`: in the residue of answer `at`, or (no
/// answer) in coded text.
fn tally_phrase(
    counts: &mut FxHashMap<String, Count>,
    key: &str,
    surface: &str,
    r: u32,
    at: Option<u32>,
) {
    let c = counts.entry(key.to_string()).or_default();
    let who = if at.is_some() {
        &mut c.residue
    } else {
        &mut c.coded
    };
    if who.last() != Some(&r) {
        who.push(r);
    }
    if let Some(at) = at {
        if c.answers.last() != Some(&at) {
            c.answers.push(at);
        }
        *c.surfaces.entry(surface.to_string()).or_default() += 1;
    }
}

/// The distinctive phrases: over-used in the residue by at least `min_respondents`, G² at
/// least [`P001`], the `max_phrases` strongest, strongest first (ties by stems). The unit
/// is the sentence — the residue's sentences against the covered ones — with a phrase's
/// uses counted once per respondent on each side.
fn select(t: &Tally, opts: &Options) -> Vec<Phrase> {
    let (n1, n2) = (t.residue_sentences, t.coded_sentences);
    let mut out: Vec<Phrase> = t
        .counts
        .iter()
        .filter_map(|(key, c)| {
            let (a, b) = (c.residue.len() as u64, c.coded.len() as u64);
            if c.residue.len() < opts.min_respondents || !overused(a, n1, b, n2) {
                return None;
            }
            let score = g2(a, n1, b, n2);
            (score >= P001).then(|| Phrase {
                text: most_written(&c.surfaces),
                stems: key.clone(),
                g2: score,
                residue_respondents: c.residue.len(),
                coded_respondents: c.coded.len(),
                answers: c.answers.clone(),
                respondents: c.residue.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.stems.cmp(&b.stems)));
    out.truncate(opts.max_phrases);
    out
}

/// The most frequent spelling; ties to the first in byte order.
fn most_written(surfaces: &FxHashMap<String, u32>) -> String {
    surfaces
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// A candidate from a group of phrases (given strongest first). Its responses are the
/// answers with one of its phrases in their residue and the campaign members of any of
/// them that is a campaign's template.
fn gather(phrases: Vec<Phrase>, inputs: &[Input], copies: &Copies) -> Candidate {
    let mut answers: Vec<u32> = phrases
        .iter()
        .flat_map(|p| p.answers.iter().copied())
        .collect();
    answers.sort_unstable();
    answers.dedup();
    let mut listed = answers.clone();
    listed.extend((0..inputs.len()).filter_map(|i| {
        let t = copies.template_of(i)?;
        answers
            .binary_search(&(t as u32))
            .is_ok()
            .then_some(i as u32)
    }));
    listed.sort_unstable();
    listed.dedup();
    let mut who: Vec<u32> = phrases
        .iter()
        .flat_map(|p| p.respondents.iter().copied())
        .collect();
    who.sort_unstable();
    who.dedup();
    Candidate {
        rank: 0,
        score: phrases.iter().map(|p| p.g2).sum(),
        respondents: who.len(),
        responses: listed
            .iter()
            .map(|&i| inputs[i as usize].id.clone())
            .collect(),
        phrases,
        quotes: Vec::new(),
        stanza: String::new(),
        answers,
    }
}

/// The candidate's quotes, from the residue sentences of its responses.
fn quotes(
    c: &Candidate,
    inputs: &[Input],
    t: &Tally,
    rd: &Readers,
    opts: &Options,
    redactor: Option<&Redactor>,
) -> Vec<Quote> {
    let weights: FxHashMap<&str, f64> =
        c.phrases.iter().map(|p| (p.stems.as_str(), p.g2)).collect();
    let mut analysis = Analysis::default();
    let mut offers = Vec::new();
    for &i in &c.answers {
        let i = i as usize;
        let (r, sentences) = &t.residue[i];
        for &(s, e) in sentences {
            let text = inputs[i].text[s..e].trim();
            rd.analyzer.analyse(text, &mut analysis);
            let echo = rd.echoes.of(&inputs[i].question);
            let words = Words::new(rd.analyzer, &analysis, rd.stop, echo);
            let mut keys = Vec::new();
            for range in words.by_sentence.iter().cloned() {
                words.phrases(range, |k, _| keys.push(k.to_string()));
            }
            offers.push(Offer {
                respondent: *r,
                response: i as u32,
                text,
                keys,
            });
        }
    }
    pick(&offers, &weights, opts.quotes, redactor)
        .into_iter()
        .map(|(i, text)| Quote {
            response_id: inputs[i as usize].id.clone(),
            text,
        })
        .collect()
}
