//! The example corpus's own invariants (issue 3).

use std::collections::{HashMap, HashSet};

use crate::common::root;

fn corpus_csv(name: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(root().join("corpus/stable-homes").join(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .map(String::from)
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn issue_3_the_corpus_has_its_size_types_campaign_and_letters() {
    let rows = corpus_csv("responses.csv");
    assert!(rows.len() >= 400, "{} respondents", rows.len());
    let text_cols: Vec<&str> = vec![
        "Q1. Please explain your answer",
        "Q2. What more should be done to support disabled children and their families?",
        "Q3. Please explain your answer",
        "Q4. Please explain your answer",
        "Q5. What would most help to recruit and retain children's social workers?",
        "Q6. Is there anything else you would like to tell us about the strategy, including its funding?",
    ];
    let answers: usize = rows
        .iter()
        .map(|r| {
            text_cols
                .iter()
                .filter(|c| !r[**c].trim().is_empty())
                .count()
        })
        .sum();
    assert!(answers >= 1500, "{answers} free-text answers");
    let types: HashSet<&str> = rows
        .iter()
        .map(|r| r["Which of these best describes you?"].as_str())
        .collect();
    for t in [
        "Parent or carer",
        "Kinship carer",
        "Foster carer",
        "Care-experienced person",
        "Social worker",
        "Other practitioner",
        "Member of the public",
        "Local authority",
        "Charity or voluntary organisation",
        "Union or professional body",
        "Academic or research organisation",
        "Other organisation",
    ] {
        assert!(types.contains(t), "no {t}");
    }
    // the campaign: one Q5 text shared verbatim by many respondents
    let mut q5: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        *q5.entry(r[text_cols[4]].as_str()).or_default() += 1;
    }
    let (_, most) = q5
        .iter()
        .filter(|(t, _)| t.len() > 100)
        .max_by_key(|(_, n)| **n)
        .unwrap();
    assert!(*most >= 10, "campaign template repeated {most} times");
    let letters = std::fs::read_dir(root().join("corpus/stable-homes/letters"))
        .unwrap()
        .count();
    assert!(letters >= 15);
}

#[test]
fn issue_3_every_human_coded_id_exists_in_the_corpus() {
    let rows = corpus_csv("responses.csv");
    let ids: HashSet<&str> = rows.iter().map(|r| r["Response ID"].as_str()).collect();
    for file in ["human-coded.csv", "human-coded-second.csv"] {
        let gold = corpus_csv(file);
        assert!(file != "human-coded.csv" || gold.len() >= 250);
        for g in &gold {
            let id = &g["response_id"];
            match id.split_once(':') {
                Some((resp, q)) => {
                    assert!(ids.contains(resp), "{file}: {id} not in responses.csv");
                    assert_eq!(&g["question"], q);
                }
                None => assert!(
                    root().join("corpus/stable-homes").join(id).is_file(),
                    "{file}: {id} not a letter"
                ),
            }
        }
    }
}

#[test]
fn issue_3_a_synthetic_corpus_is_valid_and_read_in_full() {
    let tmp = tempfile::tempdir().unwrap();
    let synth = tmp.path().join("synth");
    let run = crate::common::tally(
        &root(),
        &[
            "synth",
            "--respondents",
            "1500",
            "--seed",
            "4",
            "--out",
            synth.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("out");
    let run = crate::common::tally(
        &root(),
        &[
            "analyse",
            synth.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(run.code, 0, "nothing skipped: {}", run.stderr);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(m["totals"]["rows"], 1500);
    assert_eq!(m["totals"]["skipped"], 0);
    assert!(m["totals"]["responses"].as_u64().unwrap() > 4000);
}
