//! Micro-benchmarks of campaign detection over every non-blank free-text answer of the
//! example corpus (`tally-benchdata`). Each benchmark checks its result inside the timed
//! loop. Run: `cargo bench -p tally-campaign`.
//!
//! - `sign`: a `Signer`'s signature of each answer (its words normalised and hashed, the
//!   MinHash of its word triples cut into band hashes): what the run's first pass does on
//!   the workers for every response;
//! - `detect_all`: `Detector::add` for every answer then `finish` (signing, insertion in
//!   input order and the grouping into campaigns), on one thread.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use tally_campaign::{Detector, Signer};

fn main() {
    divan::main();
}

struct Fixture {
    answers: Vec<(String, String)>,
    bytes: usize,
    signed: usize,
    campaigns: usize,
}

fn fixture() -> Fixture {
    let answers = tally_benchdata::answers();
    let bytes = answers.iter().map(|(_, t)| t.len()).sum();
    let signer = Signer::new();
    let signed = answers
        .iter()
        .filter(|(_, t)| signer.sign(t).is_some())
        .count();
    let campaigns = detect(&answers);
    assert!(signed > 1000, "answers long enough to sign: {signed}");
    assert!(campaigns > 0, "the example corpus holds a campaign");
    Fixture {
        answers,
        bytes,
        signed,
        campaigns,
    }
}

fn detect(answers: &[(String, String)]) -> usize {
    let mut d = Detector::new();
    for (i, (q, t)) in answers.iter().enumerate() {
        d.add(i as u64, black_box(q), black_box(t));
    }
    d.finish().campaigns.len()
}

#[divan::bench]
fn sign(bencher: Bencher) {
    let f = fixture();
    let signer = Signer::new();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.answers.len()))
        .bench(|| {
            let n = f
                .answers
                .iter()
                .filter(|(_, t)| signer.sign(black_box(t)).is_some())
                .count();
            assert_eq!(n, f.signed);
        });
}

#[divan::bench]
fn detect_all(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .counter(ItemsCount::new(f.answers.len()))
        .bench(|| assert_eq!(detect(&f.answers), f.campaigns));
}
