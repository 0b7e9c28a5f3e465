//! Verbatim repeats that take their twin's coding (`Options::reuse`, on by default) give the
//! same outputs, byte for byte, as coding every response: on the example corpus, whose
//! campaign copies and short answers ("Yes", "Agree.") repeat word for word.

use std::path::{Path, PathBuf};

use tally_pipeline::{analyse, NoProgress, Options, OUTPUT_FILES};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The run's output files; run.json without its elapsed time (the one field that varies).
fn outputs(dir: &Path) -> Vec<(String, String)> {
    OUTPUT_FILES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).expect("output written");
            let text = if *f == "run.json" {
                let mut v: serde_json::Value = serde_json::from_str(&text).expect("run.json");
                v["elapsed_ms"] = serde_json::json!(0);
                v.to_string()
            } else {
                text
            };
            (f.to_string(), text)
        })
        .collect()
}

#[test]
fn reusing_the_coding_of_verbatim_repeats_changes_no_output() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut runs = Vec::new();
    for reuse in [true, false] {
        let out = tmp.path().join(if reuse { "reuse" } else { "afresh" });
        let mut opts = Options::new(corpus(), &out);
        opts.reuse = reuse;
        let outcome = analyse(&opts, &NoProgress).expect("the example corpus analyses");
        runs.push((outcome.reused, outputs(&out)));
    }
    let (reused, with) = &runs[0];
    let (afresh, without) = &runs[1];
    assert!(*reused > 50, "only {reused} responses took a twin's coding");
    assert_eq!(*afresh, 0, "--no-reuse codes every response");
    for ((name, a), (_, b)) in with.iter().zip(without) {
        assert!(
            a == b,
            "{name} differs when repeats reuse their twin's coding"
        );
    }
}
