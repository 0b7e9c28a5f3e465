//! `tally learn` and `tally analyse --coder` (issue 22 §3): a coder learned from a table's
//! own label columns codes what the rules miss, with rule `model`, its score and a
//! sentence of the text as evidence; run.json records the coder's SHA-256.

use std::path::Path;

use crate::common::{fixture, read_output, root, tally};

const CONSULTATION: &str = r#"
label_columns = ["Parking", "Staff manner"]

[respondents]
id_column = "patient"

[long]
id_column = "id"
question_column = "question"
text_column = "answer"

[[questions]]
id = "why"
kind = "open"
"#;

/// The rules find only "car park" and "kind": the other ways people say it are left to
/// the model.
const CODEBOOK: &str = r#"
[[themes]]
id = "parking"
label = "Parking"
[[themes.rules]]
match = ["car park"]

[[themes]]
id = "staff"
label = "Staff manner"
[[themes.rules]]
match = ["kind"]
"#;

/// 180 answers from 90 patients: parking, staff manner or food (no label), each said
/// several ways; the label columns code the first two.
fn data() -> String {
    let parking = [
        "The car park was full again.",
        "Nowhere to park the car, I drove round for ages.",
        "Parking spaces were all taken by staff cars.",
        "Could not find a space to park near the entrance.",
    ];
    let staff = [
        "The nurse was kind to me.",
        "Staff were polite and friendly throughout.",
        "A friendly nurse held my hand.",
        "Everyone was polite, friendly and caring.",
    ];
    let food = [
        "The food was cold.",
        "Lunch came late and the soup was cold.",
        "Meals were bland.",
    ];
    let mut out = String::from("id,patient,question,answer,Parking,Staff manner\n");
    for i in 0..180 {
        let (text, p, s) = match i % 3 {
            0 => (parking[(i / 3) % 4], "1", ""),
            1 => (staff[(i / 3) % 4], "", "1"),
            _ => (food[(i / 3) % 3], "", ""),
        };
        out.push_str(&format!(
            "A{i},P{},why,\"{text} Visit {i}.\",{p},{s}\n",
            i / 2
        ));
    }
    out
}

/// Hex SHA-256 of a file.
fn sha256(path: &Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn issue22_learn_from_label_columns_then_code_with_the_model() {
    let dir = fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/answers.csv", data().as_bytes()),
    ]);
    let d = dir.path();
    let r = tally(d, &["learn", "in", "--out", "coder.json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("trained on 180 coded responses from 90 respondents"),
        "{}",
        r.stdout
    );
    let coder: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("coder.json")).unwrap()).unwrap();
    assert_eq!(coder["training"]["files"][0]["path"], "answers.csv");
    assert_eq!(coder["training"]["files"][0]["role"], "labels");
    assert_eq!(coder["training"]["files"][0]["items"], 180);
    assert_eq!(
        coder["training"]["files"][0]["sha256"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    let features: Vec<&str> = coder["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        features.contains(&"w:park") && features.contains(&"r:staff"),
        "{features:?}"
    );
    assert!(features.contains(&"p:car park"), "word pairs are features");
    let cv = &coder["agreement"];
    let f1 = |who: &str| cv[who]["macro_f1"].as_f64().unwrap();
    assert!(f1("rules") < 0.7, "the rules miss most: {}", f1("rules"));
    assert!(
        f1("model") > 0.95,
        "the model learns the toy data: {}",
        f1("model")
    );
    for t in coder["themes"].as_array().unwrap() {
        assert_eq!(t["weights"].as_array().unwrap().len(), features.len());
        assert!(t["threshold"].as_f64().is_some(), "{}", t["theme"]);
    }

    let r = tally(
        d,
        &[
            "analyse",
            "in",
            "--coder",
            "coder.json",
            "--combine",
            "either",
            "--out",
            "out",
            "--quiet",
        ],
    );
    assert!(r.code <= 1, "{}", r.stderr);
    let audit = read_output(&d.join("out"), "audit.jsonl");
    let mut model_codings = 0;
    for line in audit.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["response_id"].as_str().unwrap();
        let n: usize = id[1..].parse().unwrap();
        let text_len = v["text_bytes"].as_u64().unwrap() as usize;
        for t in v["themes"].as_array().unwrap() {
            let expected = match n % 3 {
                0 => "parking",
                1 => "staff",
                _ => "none",
            };
            assert_eq!(t["theme"], expected, "{line}");
            if t["rule"] == "model" {
                model_codings += 1;
                let score = t["score"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&score), "{line}");
                let e = &t["evidence"][0];
                let (s, end) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                assert!(s < end && end <= text_len, "{line}");
                assert_eq!(e["rule"], "model");
                // the sentence that contributed most: the first one, not "Visit N."
                assert!(!e["text"].as_str().unwrap().starts_with("Visit"), "{line}");
            } else {
                assert!(
                    t.get("score").is_none(),
                    "a rule coding has no score: {line}"
                );
            }
        }
    }
    assert!(
        model_codings >= 60,
        "the model codes what the rules miss: {model_codings}"
    );
    let run: serde_json::Value =
        serde_json::from_str(&read_output(&d.join("out"), "run.json")).unwrap();
    assert_eq!(run["coder"]["combine"], "either");
    assert_eq!(run["coder"]["sha256"], sha256(&d.join("coder.json")));
    assert_eq!(
        coder["training"]["files"][0]["sha256"],
        sha256(&d.join("in/answers.csv"))
    );

    // a reviewer's reject applies to a model coding as to any other
    let (id, theme) = first_model_coding(&audit);
    std::fs::write(
        d.join("decisions.json"),
        format!(
            r#"{{"decisions": [{{"response_id": "{id}", "theme": "{theme}", "decision": "reject", "reviewer": "AB"}}]}}"#
        ),
    )
    .unwrap();
    let r = tally(
        d,
        &[
            "analyse",
            "in",
            "--coder",
            "coder.json",
            "--review",
            "decisions.json",
            "--out",
            "reviewed",
            "--quiet",
        ],
    );
    assert!(r.code <= 1, "{}", r.stderr);
    let reviewed = read_output(&d.join("reviewed"), "audit.jsonl");
    let line = reviewed
        .lines()
        .find(|l| l.contains(&format!("\"response_id\":\"{id}\"")))
        .expect("the response is still audited");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert!(
        v["themes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["theme"] != theme.as_str()),
        "the rejected model coding is gone: {line}"
    );
    assert_eq!(v["rejected"][0]["theme"], theme.as_str(), "{line}");

    // a run without --coder says nothing of one
    let r = tally(d, &["analyse", "in", "--out", "plain", "--quiet"]);
    assert!(r.code <= 1, "{}", r.stderr);
    let run: serde_json::Value =
        serde_json::from_str(&read_output(&d.join("plain"), "run.json")).unwrap();
    assert!(run.get("coder").is_none());

    // another codebook: the coder's rule features would mean something else
    std::fs::write(
        d.join("in/codebook.toml"),
        format!("{CODEBOOK}\n# edited\n"),
    )
    .unwrap();
    let r = tally(
        d,
        &[
            "analyse",
            "in",
            "--coder",
            "coder.json",
            "--out",
            "out2",
            "--quiet",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("another codebook"), "{}", r.stderr);
}

/// The response id and theme of the first model coding in an audit file.
fn first_model_coding(audit: &str) -> (String, String) {
    for line in audit.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for t in v["themes"].as_array().unwrap() {
            if t["rule"] == "model" {
                return (
                    v["response_id"].as_str().unwrap().to_string(),
                    t["theme"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    panic!("no model coding");
}

#[test]
fn issue22_learning_is_the_same_bytes_on_any_thread_count() {
    let dir = fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/answers.csv", data().as_bytes()),
    ]);
    let d = dir.path();
    let mut outs = Vec::new();
    for threads in ["1", "2"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tally"))
            .args(["learn", "in", "--out", &format!("coder{threads}.json")])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(out.status.success());
        outs.push(std::fs::read(d.join(format!("coder{threads}.json"))).unwrap());
    }
    assert!(
        outs[0] == outs[1],
        "coder.json differs between 1 and 2 threads"
    );
}

#[test]
fn issue22_learns_from_the_corpus_human_coded_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("coder.json");
    let r = tally(
        &root(),
        &[
            "learn",
            "corpus/stable-homes",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let coder: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let files = coder["training"]["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["human-coded-second.csv", "human-coded.csv"]);
    assert!(files.iter().all(|f| f["role"] == "sample"));
    // a response both coders coded is trained on once
    let items: u64 = files.iter().map(|f| f["items"].as_u64().unwrap()).sum();
    assert_eq!(items, coder["training"]["items"].as_u64().unwrap());
    let a = &coder["agreement"];
    assert!(a["themes_measured"].as_u64().unwrap() > 10);
    assert!(
        a["rules"]["macro_f1"].as_f64().unwrap() > 0.5,
        "{}",
        a["rules"]
    );
}
