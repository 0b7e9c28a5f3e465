//! Micro-benchmarks of the text chain: `Analyzer::analyse` (split + normalise + sentences)
//! on ASCII and on non-ASCII answers, and English stemming with and without a cache.
//!
//! Input: every non-blank free-text answer of `corpus/stable-homes/responses.csv`, split
//! into answers that are pure ASCII (the fast path) and answers that are not (the
//! `tokenizers` path: curly apostrophes, `£`, accents, dashes). Each benchmark checks its
//! result inside the timed loop. Run: `cargo bench -p tally-text`.

use std::collections::HashMap;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use tally_text::{Analysis, Analyzer};

fn main() {
    divan::main();
}

const RESPONSES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../corpus/stable-homes/responses.csv"
);

/// The free-text columns of the example export (see its consultation.toml).
const TEXT_COLUMNS: [&str; 6] = [
    "Q1. Please explain your answer",
    "Q2. What more should be done",
    "Q3. Please explain your answer",
    "Q4. Please explain your answer",
    "Q5. What would most help",
    "Q6. Is there anything else",
];

/// Every non-blank free-text answer of the example corpus.
fn answers() -> Vec<String> {
    let mut rdr = csv::Reader::from_path(RESPONSES).expect("corpus/stable-homes/responses.csv");
    let headers = rdr.headers().expect("header").clone();
    let text_cols: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| TEXT_COLUMNS.iter().any(|c| h.starts_with(c)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(text_cols.len(), TEXT_COLUMNS.len(), "free-text columns");
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("row");
        for &c in &text_cols {
            let t = rec.get(c).unwrap_or("").trim();
            if !t.is_empty() {
                out.push(t.to_string());
            }
        }
    }
    out
}

struct Set {
    texts: Vec<String>,
    bytes: usize,
    tokens: usize,
}

fn set(ascii: bool) -> Set {
    let texts: Vec<String> = answers()
        .into_iter()
        .filter(|t| t.is_ascii() == ascii)
        .collect();
    let bytes = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::new();
    let mut out = Analysis::default();
    let tokens = texts
        .iter()
        .map(|t| {
            analyzer.analyse(t, &mut out);
            out.tokens.len()
        })
        .sum();
    Set {
        texts,
        bytes,
        tokens,
    }
}

fn bench_analyse(bencher: Bencher, s: &Set) {
    let analyzer = Analyzer::new();
    let mut out = Analysis::default();
    bencher.counter(BytesCount::new(s.bytes)).bench_local(|| {
        let mut n = 0;
        for t in &s.texts {
            analyzer.analyse(black_box(t), &mut out);
            n += out.tokens.len();
        }
        assert_eq!(black_box(n), s.tokens);
    });
}

/// `Analyzer::analyse` over the ASCII answers (fast path).
#[divan::bench]
fn analyse_ascii(bencher: Bencher) {
    bench_analyse(bencher, &set(true));
}

/// `Analyzer::analyse` over the answers with any non-ASCII character (tokenizers path).
#[divan::bench]
fn analyse_non_ascii(bencher: Bencher) {
    bench_analyse(bencher, &set(false));
}

/// Every normalised word of the corpus, in order.
fn words() -> Vec<String> {
    let analyzer = Analyzer::new();
    let mut out = Analysis::default();
    let mut words = Vec::new();
    for t in answers() {
        analyzer.analyse(&t, &mut out);
        words.extend(out.tokens.iter().map(|tok| out.norm(tok).to_string()));
    }
    words
}

fn stem_len_total(words: &[String]) -> usize {
    let s = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    words.iter().map(|w| s.stem(w).len()).sum()
}

/// rust-stemmers directly, every word.
#[divan::bench]
fn stem_uncached(bencher: Bencher) {
    let words = words();
    let expected = stem_len_total(&words);
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    bencher
        .counter(ItemsCount::new(words.len()))
        .bench_local(|| {
            let mut n = 0;
            for w in &words {
                n += stemmer.stem(black_box(w)).len();
            }
            assert_eq!(black_box(n), expected);
        });
}

/// A `HashMap` keyed by the word in front of rust-stemmers, warm (the vocabulary seen once
/// before timing: the steady state of a long run).
#[divan::bench]
fn stem_cached_warm(bencher: Bencher) {
    let words = words();
    let expected = stem_len_total(&words);
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut cache: HashMap<String, String> = HashMap::new();
    for w in &words {
        cache
            .entry(w.clone())
            .or_insert_with(|| stemmer.stem(w).into_owned());
    }
    bencher
        .counter(ItemsCount::new(words.len()))
        .bench_local(|| {
            let mut n = 0;
            for w in &words {
                let stem = match cache.get(black_box(w.as_str())) {
                    Some(s) => s.len(),
                    None => unreachable!("warm cache"),
                };
                n += stem;
            }
            assert_eq!(black_box(n), expected);
        });
}

/// The same cache starting empty each pass: one pass over the corpus, misses included.
#[divan::bench]
fn stem_cached_cold(bencher: Bencher) {
    let words = words();
    let expected = stem_len_total(&words);
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    bencher
        .counter(ItemsCount::new(words.len()))
        .bench_local(|| {
            let mut cache: HashMap<&str, String> = HashMap::new();
            let mut n = 0;
            for w in &words {
                let w = black_box(w.as_str());
                n += cache
                    .entry(w)
                    .or_insert_with(|| stemmer.stem(w).into_owned())
                    .len();
            }
            assert_eq!(black_box(n), expected);
        });
}
