//! `tally analyse` on the example corpus: the committed output is current, runs are
//! deterministic whatever the thread count, and evidence slices the original text.

use std::collections::HashMap;

use crate::common::{analyse_corpus, assert_same, read_output, root, tally};

const FILES: &[&str] = &[
    "summary.md",
    "report.html",
    "themes.csv",
    "closed.csv",
    "audit.jsonl",
    "coded.csv",
    "review.html",
    "run.json",
];

#[test]
fn committed_output_is_what_just_analyse_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyse_corpus(&out, &[]);
    for f in FILES {
        assert_same(
            &format!("output/{f} is stale: run `just analyse corpus/` and commit; "),
            &read_output(&out, f),
            &read_output(&root().join("output"), f),
        );
    }
}

#[test]
fn outputs_are_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2", "5"] {
        let out = tmp.path().join(threads);
        analyse_corpus(&out, &["--threads", threads]);
        outputs.push(
            FILES
                .iter()
                .map(|f| read_output(&out, f))
                .collect::<Vec<_>>(),
        );
    }
    for other in &outputs[1..] {
        for (i, f) in FILES.iter().enumerate() {
            assert_same(f, &other[i], &outputs[0][i]);
        }
    }
}

#[test]
fn every_evidence_span_slices_the_response_text_exactly() {
    // the texts, read independently of the binary
    let mut texts: HashMap<String, String> = HashMap::new();
    let consultation = tally_ingest::find_consultation(&root().join("corpus")).unwrap();
    tally_ingest::read_dir(&root().join("corpus"), consultation.as_ref(), &mut |r| {
        if let tally_ingest::Record::Response(r) = r {
            texts.insert(r.id.into(), r.text);
        }
    });
    let audit = std::fs::read_to_string(root().join("output/audit.jsonl")).unwrap();
    let mut checked = 0;
    for line in audit.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = &texts[v["response_id"].as_str().unwrap()];
        assert_eq!(v["text_bytes"].as_u64().unwrap() as usize, text.len());
        for theme in v["themes"].as_array().unwrap() {
            for e in theme["evidence"].as_array().unwrap() {
                let (s, t) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                assert!(text.is_char_boundary(s) && text.is_char_boundary(t));
                assert_eq!(&text[s..t], e["text"].as_str().unwrap());
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} spans checked");
}

#[test]
fn summary_states_bases_and_quantifiers() {
    let md = std::fs::read_to_string(root().join("output/summary.md")).unwrap();
    assert!(md.contains("## Across all questions"));
    assert!(md.contains("Base: 462 respondents who gave at least one free-text answer or letter, campaign copies reported separately (471 in all"));
    // closed questions are tallied from the answer column, as one sentence
    assert!(md.contains("agreed, "), "closed-question sentence missing");
    assert!(md.contains("fewer than 5"), "small cells are shown as such");
    // every headline has a percentage, a count and a base
    let headline = regex_lite_find(&md, "respondents (");
    assert!(headline > 20);
}

fn regex_lite_find(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn refuses_to_write_inside_the_input_directory() {
    let run = tally(
        &root(),
        &["analyse", "corpus/", "--out", "corpus/out", "--quiet"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("inside the input directory"),
        "{}",
        run.stderr
    );
    assert!(!root().join("corpus/out").exists());
}

#[test]
fn questions_nobody_answered_are_left_out_of_the_summary() {
    let consultation = "[respondents]\nid_column = \"ID\"\n[[questions]]\nid = \"Q1\"\ntext = \"Anything?\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n[[questions]]\nid = \"Q2\"\ntext = \"More?\"\nkind = \"open\"\ntext_column = \"Q2 text\"\n";
    let dir = crate::common::fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/codebook.toml", crate::common::CODEBOOK.as_bytes()),
        (
            "in/r.csv",
            b"ID,Q1 text,Q2 text\n1,more money please,\n2,caseloads,\n",
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(dir.path().join("out/summary.md")).unwrap();
    assert!(md.contains("## Q1. Anything?"));
    assert!(!md.contains("## Q2."), "no one answered Q2");
    assert!(!md.contains("## letter."), "there are no letters");
}
