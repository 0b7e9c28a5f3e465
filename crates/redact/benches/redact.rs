//! Micro-benchmarks of the personal-data scan over every non-blank free-text answer of the
//! example corpus (`tally-benchdata`). Each benchmark checks what it found inside the timed
//! loop. Run: `cargo bench -p tally-redact`.
//!
//! - `find`: where personal data is (what every response's audit line records: the
//!   redactor runs on every response of a run);
//! - `redact`: the same plus the text with placeholders (what quotes and exports get).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use tally_redact::Redactor;

fn main() {
    divan::main();
}

struct Fixture {
    redactor: Redactor,
    texts: Vec<String>,
    bytes: usize,
    spans: usize,
}

fn fixture() -> Fixture {
    let texts: Vec<String> = tally_benchdata::answers()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let redactor = Redactor::new();
    let spans = texts.iter().map(|t| redactor.find(t).len()).sum();
    Fixture {
        bytes: texts.iter().map(String::len).sum(),
        redactor,
        texts,
        spans,
    }
}

#[divan::bench]
fn find(bencher: Bencher) {
    let f = fixture();
    assert!(
        f.spans > 0,
        "the example corpus holds personal data to find"
    );
    bencher.counter(BytesCount::new(f.bytes)).bench(|| {
        let n: usize = f
            .texts
            .iter()
            .map(|t| f.redactor.find(black_box(t)).len())
            .sum();
        assert_eq!(n, f.spans);
    });
}

#[divan::bench]
fn redact(bencher: Bencher) {
    let f = fixture();
    bencher.counter(BytesCount::new(f.bytes)).bench(|| {
        let n: usize = f
            .texts
            .iter()
            .map(|t| f.redactor.redact(black_box(t)).found.len())
            .sum();
        assert_eq!(n, f.spans);
    });
}

/// Texts that once made the scan quadratic: one 200,000-byte word of capitals, and one of
/// repeated naming cues ("namename…"). Linear now: compare the time per byte with `find`.
#[divan::bench(args = ["capitals", "naming cues"])]
fn find_long_word(bencher: Bencher, kind: &str) {
    let text = match kind {
        "capitals" => "A".repeat(200_000),
        _ => "name".repeat(50_000),
    };
    let redactor = Redactor::new();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        assert!(redactor.find(black_box(&text)).is_empty());
    });
}
