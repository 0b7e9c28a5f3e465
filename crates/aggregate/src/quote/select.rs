//! Which quotes are shown: each cell (question × theme × respondent type) keeps its best
//! candidates as responses stream by, ranked by the strength of their evidence, then their
//! score, then their tie-break, never the same words twice; when the question is finished
//! each theme takes up to `n` of them, spread across respondent types, themes raised by
//! more respondents choosing first, a sentence never quoted under two themes, and a
//! one-word match only when nothing stronger is left.

use tally_ingest::Response;
use xxhash_rust::xxh3::xxh3_64;

use super::candidates::QuoteCandidate;
use super::strength::WEAK;
use crate::summary::{Quote, ThemeResult};

/// Candidates kept per cell, as a multiple of the quotes wanted: spares for a theme whose
/// best quotes were taken by another theme of the same question.
const SPARE: usize = 3;

#[derive(Debug, Clone)]
struct Candidate {
    /// How strong the response's evidence for the theme is (`strength.rs`): ranks first.
    strength: u8,
    score: i64,
    tiebreak: u64,
    quote: Quote,
    /// Hash of the quote's letters and digits, lower-cased: the same words quoted twice
    /// (campaign copies) share it.
    key: u64,
}

/// How a quote candidate ranks: strength of evidence, then the quote's score, then the
/// tie-break (lower first).
type Rank = (u8, i64, std::cmp::Reverse<u64>);

impl Candidate {
    fn rank(&self) -> Rank {
        (self.strength, self.score, std::cmp::Reverse(self.tiebreak))
    }

    fn better_than(&self, other: &Candidate) -> bool {
        self.rank() > other.rank()
    }

    /// Whether it quotes the same sentence as `u`: the same words (a campaign copy), or an
    /// overlapping span of the same response.
    fn same_sentence(&self, u: &Candidate) -> bool {
        self.key == u.key
            || (self.quote.response_id == u.quote.response_id
                && self.quote.start < u.quote.end
                && u.quote.start < self.quote.end)
    }
}

/// Hash of a quote's letters and digits, lower-cased, to spot the same words quoted twice
/// (campaign copies) whatever their spacing, case or punctuation. Made only for a candidate
/// that enters a cell's best list.
fn dedup_key(s: &str) -> u64 {
    let mut folded = Vec::with_capacity(s.len());
    if s.is_ascii() {
        folded.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
    } else {
        let mut buf = [0u8; 4];
        for c in s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            folded.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    xxh3_64(&folded)
}

/// One question's kept candidates: `[theme][type]`, best first.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuoteCells {
    cells: Vec<Vec<Vec<Candidate>>>,
}

impl QuoteCells {
    /// Empty cells for `themes` themes.
    pub(crate) fn new(themes: usize) -> Self {
        QuoteCells {
            cells: vec![Vec::new(); themes],
        }
    }

    /// Keeps candidate `c` of response `r` (respondent type `ty`) if it ranks among the
    /// `quotes * SPARE` best of its cell (copying its text only then).
    pub(crate) fn offer(&mut self, r: &Response, ty: usize, c: QuoteCandidate, quotes: usize) {
        let cells = &mut self.cells[c.theme as usize];
        if cells.len() <= ty {
            cells.resize_with(ty + 1, Vec::new);
        }
        let list = &mut cells[ty];
        let n = quotes * SPARE;
        let rank = (c.strength, c.score, std::cmp::Reverse(c.tiebreak));
        let worst_beats = |w: &Candidate| w.rank() >= rank;
        if list.len() >= n && list.last().is_some_and(worst_beats) {
            return; // cannot enter: no strings made
        }
        let quote = &r.text[c.span.start..c.span.end];
        let candidate = Candidate {
            strength: c.strength,
            score: c.score,
            tiebreak: c.tiebreak,
            key: dedup_key(quote),
            quote: Quote {
                response_id: r.id.to_string(),
                respondent_type: r.respondent_type.to_string(),
                text: quote.to_string(),
                start: c.span.start,
                end: c.span.end,
                trimmed_start: c.span.trimmed_start,
                trimmed_end: c.span.trimmed_end,
            },
        };
        keep_best(list, candidate, n);
    }

    /// Chooses each theme's quotes (at most `n`), themes raised by more respondents first,
    /// so that no sentence is quoted under two themes of the question.
    pub(crate) fn assign(self, themes: &mut [ThemeResult], n: usize) {
        let mut quotes = self.cells;
        let mut by_rank: Vec<usize> = (0..themes.len()).collect();
        by_rank.sort_by(|&a, &b| {
            let (x, y) = (&themes[a], &themes[b]);
            (y.main.count, y.total.count, a).cmp(&(x.main.count, x.total.count, b))
        });
        let mut used: Vec<Candidate> = Vec::new();
        for t in by_rank {
            let chosen = select_quotes(std::mem::take(&mut quotes[t]), n, &used);
            themes[t].quotes = chosen.iter().map(|c| c.quote.clone()).collect();
            used.extend(chosen);
        }
    }
}

/// Keeps the `n` best distinct candidates, best first.
fn keep_best(list: &mut Vec<Candidate>, cand: Candidate, n: usize) {
    if list.len() >= n && list.last().is_some_and(|worst| !cand.better_than(worst)) {
        return; // cannot enter
    }
    if list.iter().any(|c| c.key == cand.key) {
        // the same words again (a campaign copy): keep whichever ranks first
        if let Some(i) = list
            .iter()
            .position(|c| c.key == cand.key && cand.better_than(c))
        {
            list.remove(i);
        } else {
            return;
        }
    }
    let at = list
        .iter()
        .position(|c| cand.better_than(c))
        .unwrap_or(list.len());
    if at < n {
        list.insert(at, cand);
        list.truncate(n);
    }
}

/// Up to `n` quotes, spread across respondent types: the best of each type in turn (types
/// ordered by their best quote), never the same words twice, never a sentence in `used`
/// (quoted under another theme). A candidate whose only evidence is one word ([`WEAK`]) is
/// left out when a candidate with stronger evidence is available.
fn select_quotes(per_type: Vec<Vec<Candidate>>, n: usize, used: &[Candidate]) -> Vec<Candidate> {
    let free = |c: &Candidate| !used.iter().any(|u| c.same_sentence(u));
    let mut lists: Vec<Vec<Candidate>> = per_type
        .into_iter()
        .map(|l| l.into_iter().filter(free).collect::<Vec<_>>())
        .collect();
    if lists.iter().flatten().any(|c| c.strength > WEAK) {
        lists
            .iter_mut()
            .for_each(|l| l.retain(|c| c.strength > WEAK));
    }
    lists.retain(|l| !l.is_empty());
    lists.sort_by_key(|l| std::cmp::Reverse(l[0].rank()));
    let mut chosen: Vec<Candidate> = Vec::new();
    let mut round = 0;
    while chosen.len() < n && lists.iter().any(|l| l.len() > round) {
        for l in &lists {
            if chosen.len() >= n {
                break;
            }
            if let Some(c) = l.get(round) {
                if !chosen.iter().any(|x| c.same_sentence(x)) {
                    chosen.push(c.clone());
                }
            }
        }
        round += 1;
    }
    chosen
}
