//! Generalisation on the example corpus: proposals learned on half of the human-coded
//! sample (halves grouped by respondent) are measured on the other half, over several
//! splits. The figure is printed (run with `--nocapture`) and reported in
//! corpus/stable-homes/README.md.

use std::collections::BTreeSet;
use std::path::Path;

use tally_suggest::{half_split_gain, Sample};

fn corpus() -> (Sample, tally_code::Codebook) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/stable-homes");
    let src = std::fs::read_to_string(dir.join("codebook.toml")).unwrap();
    let book = tally_code::Codebook::parse(&src, "codebook.toml").unwrap();
    let c = tally_ingest::Consultation::load(&dir.join("consultation.toml")).unwrap();
    (Sample::load(&c, &book).unwrap(), book)
}

#[test]
fn proposals_learned_on_half_the_sample_are_measured_on_the_other_half() {
    let (sample, book) = corpus();
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
    println!("mean gain over {splits} splits: {mean:+.4}");
    // the bar: on average, learning on one half raises macro F1 on the other
    assert!(mean > 0.0, "mean held-out gain {mean:+.4}");
}
