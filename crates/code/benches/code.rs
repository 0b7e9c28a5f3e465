//! Micro-benchmarks of `Matcher::code` with the example codebook
//! (`corpus/stable-homes/codebook.toml`) over every non-blank free-text answer of
//! `corpus/stable-homes/responses.csv` (free-text columns taken from its
//! consultation.toml). Each benchmark checks the number of themes found inside the timed
//! loop. Run: `cargo bench -p tally-code`.
//!
//! - `code_warm`: one `Scratch` reused across passes, as a pipeline worker does for a whole
//!   run (the word → terms cache is warm: the steady state).
//! - `code_cold`: a new `Scratch` per pass, so every distinct word of the corpus misses the
//!   cache once (stemming + every glob tried): what a corpus with a large vocabulary
//!   (typos, names, numbers) costs.
//! - `compile`: `Codebook::parse` + `Matcher::compile` of the example codebook.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use tally_code::{Codebook, Matcher, Scratch};

fn main() {
    divan::main();
}

use tally_benchdata::{answers, CORPUS as DIR};

fn matcher() -> Matcher {
    let src = std::fs::read_to_string(format!("{DIR}codebook.toml")).expect("codebook.toml");
    let book = Codebook::parse(&src, "codebook.toml").expect("codebook parses");
    Matcher::compile(&book).expect("codebook compiles")
}

fn code_all(m: &Matcher, scratch: &mut Scratch, answers: &[(String, String)]) -> usize {
    answers
        .iter()
        .map(|(q, t)| m.code(scratch, black_box(q), black_box(t)).len())
        .sum()
}

struct Fixture {
    matcher: Matcher,
    answers: Vec<(String, String)>,
    bytes: usize,
    themes: usize,
}

fn fixture() -> Fixture {
    let matcher = matcher();
    let answers = answers();
    let bytes = answers.iter().map(|(_, t)| t.len()).sum();
    let themes = code_all(&matcher, &mut Scratch::default(), &answers);
    assert!(themes > 1000, "the example corpus raises themes: {themes}");
    Fixture {
        matcher,
        answers,
        bytes,
        themes,
    }
}

/// `Matcher::code` over the corpus with a warm per-thread cache.
#[divan::bench]
fn code_warm(bencher: Bencher) {
    let f = fixture();
    let mut scratch = Scratch::default();
    code_all(&f.matcher, &mut scratch, &f.answers);
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        let n = code_all(&f.matcher, &mut scratch, &f.answers);
        assert_eq!(black_box(n), f.themes);
    });
}

/// `Matcher::code` over the corpus with a fresh cache each pass.
#[divan::bench]
fn code_cold(bencher: Bencher) {
    let f = fixture();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        let mut scratch = Scratch::default();
        let n = code_all(&f.matcher, &mut scratch, &f.answers);
        assert_eq!(black_box(n), f.themes);
    });
}

/// Parsing and compiling the example codebook.
#[divan::bench]
fn compile(bencher: Bencher) {
    let src = std::fs::read_to_string(format!("{DIR}codebook.toml")).expect("codebook.toml");
    bencher.bench_local(|| {
        let book = Codebook::parse(black_box(&src), "codebook.toml").expect("parses");
        let m = Matcher::compile(&book).expect("compiles");
        assert!(black_box(m.rule_count()) > 20);
    });
}

/// `Matcher::code` on one long letter of 1, 4 and 16 MB (the corpus's answers cycled, see
/// `tally_benchdata::letter`), coded as the letters' question: the time must grow linearly
/// with the letter's length.
#[divan::bench(args = [1, 4, 16], sample_count = 3, sample_size = 1)]
fn code_letter(bencher: Bencher, megabytes: usize) {
    let matcher = matcher();
    let text = tally_benchdata::letter(megabytes << 20);
    let mut scratch = Scratch::default();
    let themes = matcher.code(&mut scratch, "letter", &text).len();
    assert!(
        themes > 10,
        "a letter this long raises many themes: {themes}"
    );
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            let n = matcher.code(&mut scratch, "letter", black_box(&text)).len();
            assert_eq!(black_box(n), themes);
        });
}
