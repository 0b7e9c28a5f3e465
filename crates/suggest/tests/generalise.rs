//! Generalisation on the example corpus: proposals learned on half of the human-coded
//! sample (halves grouped by respondent) are measured on the other half, over several
//! splits. The figures are printed (run with `--nocapture`) and reported in
//! corpus/stable-homes/README.md.
//!
//! The test measures the tool on the corpus's codebook as it was before the codebook was
//! improved with the tool (`tests/data/stable-homes-codebook-before.toml`, a copy of
//! corpus/stable-homes/codebook.toml at commit 2565477): the current codebook already has
//! the edits that generalised, so little is left to learn from it (its figure is printed
//! too).

use std::collections::BTreeSet;
use std::path::Path;

use tally_suggest::{half_split_gain, Sample};

fn corpus(codebook: &Path) -> (Sample, tally_code::Codebook) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/stable-homes");
    let src = std::fs::read_to_string(codebook).unwrap();
    let book = tally_code::Codebook::parse(&src, "codebook.toml").unwrap();
    let c = tally_ingest::Consultation::load(&dir.join("consultation.toml")).unwrap();
    (Sample::load(&c, &book).unwrap(), book)
}

/// The mean held-out gain of macro F1 over 10 halvings, each printed.
fn mean_gain(codebook: &Path) -> f64 {
    let (sample, book) = corpus(codebook);
    assert_eq!(sample.items.len(), 271);
    let splits = 10u64;
    let mut gains = Vec::new();
    for seed in 0..splits {
        let (before, after) = half_split_gain(&sample, &book, &BTreeSet::new(), seed).unwrap();
        let (before, after) = (before.unwrap(), after.unwrap());
        println!("split {seed}: macro F1 {before:.4} -> {after:.4}");
        gains.push(after - before);
    }
    let mean = gains.iter().sum::<f64>() / gains.len() as f64;
    println!(
        "{}: mean gain over {splits} splits: {mean:+.4}",
        codebook.display()
    );
    mean
}

#[test]
fn proposals_learned_on_half_the_sample_raise_macro_f1_on_the_other_half() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = mean_gain(&here.join("tests/data/stable-homes-codebook-before.toml"));
    // the bar: on average, learning on one half raises macro F1 on the other; with
    // tighter rules (exact forms) by +0.0147 (phrases, pairs and exclusions alone: +0.0008)
    assert!(before > 0.01, "mean held-out gain {before:+.4}");
    // the current codebook: reported, not asserted (what generalised is in it already),
    // except that learning must not make the held-out half worse on average
    let now = mean_gain(&here.join("../../corpus/stable-homes/codebook.toml"));
    assert!(
        now >= 0.0,
        "mean held-out gain on the current codebook {now:+.4}"
    );
}
