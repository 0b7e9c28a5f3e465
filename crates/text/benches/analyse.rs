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

/// Every non-blank free-text answer of the example corpus, trimmed.
fn answers() -> Vec<String> {
    tally_benchdata::answers()
        .into_iter()
        .map(|(_, t)| t.trim().to_string())
        .collect()
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

/// A 300,000-byte line of list markers ("1. 1. 1. …"), which once made sentence splitting
/// quadratic (each marker looked back to the start of its line). Linear now: compare the
/// time per byte with `analyse_ascii`.
#[divan::bench]
fn analyse_long_line_of_markers(bencher: Bencher) {
    let text = "1. ".repeat(100_000);
    let analyzer = Analyzer::new();
    let mut out = Analysis::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            analyzer.analyse(black_box(&text), &mut out);
            assert_eq!(out.tokens.len(), 100_000);
        });
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
