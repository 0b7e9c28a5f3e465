//! Verbatim repeats that take their twin's coding (`Options::reuse`, on by default) give the
//! same outputs, byte for byte, as coding every response: on the example corpus, whose
//! campaign copies and short answers ("Yes", "Agree.") repeat word for word — with the
//! default options, without redaction, without quotes, and with review decisions on some
//! repeats (a reviewed response is coded afresh and never shared).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tally_ingest::{find_consultation, read_dir, Record};
use tally_pipeline::{analyse, NoProgress, Options, OUTPUT_FILES};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The run's output files, exactly as written (none holds anything that varies).
fn outputs(dir: &Path) -> Vec<(String, String)> {
    OUTPUT_FILES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).expect("output written");
            (f.to_string(), text)
        })
        .collect()
}

/// Runs the corpus with `reuse` on and off; asserts the outputs are the same and that
/// repeats did take their twin's coding.
fn same_both_ways(what: &str, dir: &Path, configure: impl Fn(&mut Options)) {
    let mut runs = Vec::new();
    for reuse in [true, false] {
        let out = dir.join(format!("{what}-{reuse}"));
        let mut opts = Options::new(corpus(), &out);
        configure(&mut opts);
        opts.reuse = reuse;
        let outcome = analyse(&opts, &NoProgress).expect("the example corpus analyses");
        runs.push((outcome.reused, outputs(&out)));
    }
    let (reused, with) = &runs[0];
    let (afresh, without) = &runs[1];
    assert!(
        *reused > 50,
        "{what}: only {reused} responses took a twin's coding"
    );
    assert_eq!(*afresh, 0, "{what}: without reuse every response is coded");
    for ((name, a), (_, b)) in with.iter().zip(without) {
        assert!(
            a == b,
            "{what}: {name} differs when repeats reuse their twin's coding"
        );
    }
}

#[test]
fn reusing_the_coding_of_verbatim_repeats_changes_no_output() {
    let tmp = tempfile::tempdir().expect("temp dir");
    same_both_ways("default", tmp.path(), |_| {});
    same_both_ways("unredacted", tmp.path(), |o| o.no_redact = true);
    same_both_ways("no quotes", tmp.path(), |o| o.quotes = 0);
}

#[test]
fn reviewed_repeats_are_coded_afresh() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // the corpus's verbatim repeats, and the themes tally gives them
    let consultation = find_consultation(&corpus().join("stable-homes"))
        .expect("consultation.toml reads")
        .expect("the corpus has one");
    let mut by_text: HashMap<(String, String), Vec<String>> = HashMap::new();
    read_dir(&corpus(), Some(&consultation), &mut |record| {
        if let Record::Response(r) = record {
            by_text
                .entry((r.question.to_string(), r.text))
                .or_default()
                .push(r.id.to_string());
        }
    });
    let first = tmp.path().join("first");
    analyse(&Options::new(corpus(), &first), &NoProgress).expect("analyses");
    let audit = std::fs::read_to_string(first.join("audit.jsonl")).expect("audit");
    let themes: HashMap<String, Vec<String>> = audit
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("audit line");
            let id = v["response_id"].as_str().unwrap_or_default().to_string();
            let t = v["themes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["theme"].as_str().map(str::to_string))
                .collect();
            (id, t)
        })
        .collect();
    // reject a theme of the second copy of every repeated text that raises one, and of the
    // first of those repeated three times or more (a reviewed coding must not be shared)
    let mut decisions = Vec::new();
    for ids in by_text.values().filter(|ids| ids.len() >= 2) {
        let reviewed = if ids.len() >= 3 {
            &ids[..2]
        } else {
            &ids[1..2]
        };
        for id in reviewed {
            if let Some(theme) = themes.get(id).and_then(|t| t.first()) {
                decisions.push(serde_json::json!({
                    "response_id": id, "theme": theme, "decision": "reject", "reviewer": "test"
                }));
            }
        }
    }
    assert!(
        decisions.len() >= 3,
        "only {} repeated texts",
        decisions.len()
    );
    let path = tmp.path().join("decisions.json");
    let file = serde_json::json!({ "decisions": decisions });
    std::fs::write(&path, file.to_string()).expect("decisions written");
    same_both_ways("reviewed", tmp.path(), |o| o.review = Some(path.clone()));
}
