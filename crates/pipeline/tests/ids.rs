//! One answer, one id: a long export's respondent answering two questions, review decisions
//! and a human-coded sample naming one of those answers, the same id in two files, and a
//! decision naming several answers (reported, applied to none).

use std::path::Path;

use tally_pipeline::{analyse, NoProgress, Options, PipelineError};

const CODEBOOK: &str = r#"name = "t"

[[themes]]
id = "funding"
label = "Funding"
statement = "asked for money"
[[themes.rules]]
match = ["money"]

[[themes]]
id = "workload"
label = "Workload"
statement = "raised workload"
[[themes.rules]]
match = ["caseload*"]
"#;

const CONSULTATION: &str = r#"title = "t"
gold = ["human-coded.csv"]

[long]
id_column = "id"
question_column = "question"
text_column = "text"

[[questions]]
id = "Q1"
kind = "open"
text = "One?"

[[questions]]
id = "Q2"
kind = "open"
text = "Two?"
"#;

/// D1 answers Q1 and Q2 (both raise money), D2 answers Q1: a long export, no respondent
/// column.
const LONG: &str = "id,question,text\nD1,Q1,More money please.\nD1,Q2,More money and lower caseloads.\nD2,Q1,Money for schools.\n";

fn input(dir: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("codebook.toml"), CODEBOOK).unwrap();
    for (name, text) in files {
        std::fs::write(input.join(name), text).unwrap();
    }
    input
}

/// Each audit line's response id and themes, in order.
fn coding(out: &Path) -> Vec<(String, Vec<String>)> {
    std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let themes = v["themes"].as_array().unwrap();
            (
                v["response_id"].as_str().unwrap().to_string(),
                themes
                    .iter()
                    .map(|t| t["theme"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn run(
    input: &Path,
    out: &Path,
    decisions: Option<&str>,
    strict: bool,
) -> Result<tally_pipeline::Outcome, PipelineError> {
    let mut opts = Options::new(input, out);
    if let Some(d) = decisions {
        let p = input.parent().unwrap().join("decisions.json");
        std::fs::write(&p, d).unwrap();
        opts.review = Some(p);
    }
    opts.strict = strict;
    analyse(&opts, &NoProgress)
}

fn owned(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(id, ts)| (id.to_string(), ts.iter().map(|t| t.to_string()).collect()))
        .collect()
}

#[test]
fn a_decision_on_one_answer_of_a_long_export_changes_only_that_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path(), &[("long.csv", LONG)]);
    // the run's id, and the source's id with the question: both name D1's Q2 answer only
    for (n, decision) in [
        r#"{"response_id":"D1:Q2","theme":"funding","decision":"reject","reviewer":"AB"}"#,
        r#"{"response_id":"D1","question":"Q2","theme":"funding","decision":"reject","reviewer":"AB"}"#,
    ]
    .into_iter()
    .enumerate()
    {
        let out = tmp.path().join(format!("out{n}"));
        let outcome = run(&input, &out, Some(&format!("{{\"decisions\":[{decision}]}}")), true)
            .expect("the decision names one answer");
        assert_eq!(
            coding(&out),
            owned(&[
                ("D1:Q1", &["funding"]),
                ("D1:Q2", &["workload"]),
                ("D2:Q1", &["funding"]),
            ]),
            "{decision}"
        );
        let review = outcome.manifest.review.unwrap();
        assert_eq!((review.rejected, review.unmatched.len()), (1, 0), "{decision}");
    }
}

#[test]
fn a_decision_naming_several_answers_is_reported_and_applied_to_none() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path(), &[("long.csv", LONG)]);
    let decisions = r#"{"decisions":[{"response_id":"D1","theme":"funding","decision":"reject","reviewer":"AB"}]}"#;
    let out = tmp.path().join("out");
    let outcome = run(&input, &out, Some(decisions), false).unwrap();
    assert_eq!(
        coding(&out),
        owned(&[
            ("D1:Q1", &["funding"]),
            ("D1:Q2", &["funding", "workload"]),
            ("D2:Q1", &["funding"]),
        ]),
        "neither of D1's answers loses the theme"
    );
    let review = outcome.manifest.review.unwrap();
    assert_eq!(review.rejected, 0);
    assert_eq!(review.unmatched.len(), 1);
    let u = &review.unmatched[0];
    assert_eq!(
        (u.response_id.as_str(), u.theme.as_str()),
        ("D1", "funding")
    );
    assert_eq!(
        u.reason,
        "id D1 names 2 responses (D1:Q1, D1:Q2): applied to none; give the response's id in this run or its question (decision 1)"
    );
    assert_eq!(outcome.problems, 1, "a problem of the run");
    // --strict fails on it, writing nothing
    let strict = tmp.path().join("strict");
    let e = run(&input, &strict, Some(decisions), true).unwrap_err();
    assert!(matches!(e, PipelineError::Strict(1)), "{e}");
    assert!(!strict.join("run.json").exists());
}

#[test]
fn a_sample_with_one_id_for_two_questions_compares_each_row_with_its_own_answer() {
    let tmp = tempfile::tempdir().unwrap();
    // the coder agrees with tally on every answer: D1's Q1 and Q2 rows differ in workload
    let gold = "response_id,question,respondent_type,text,funding,workload\nD1,Q1,Not stated,More money please.,1,\nD1,Q2,Not stated,More money and lower caseloads.,1,1\nD2,Q1,Not stated,Money for schools.,1,\nD7,Q1,Not stated,Gone.,1,\n";
    let input = input(
        tmp.path(),
        &[
            ("long.csv", LONG),
            ("consultation.toml", CONSULTATION),
            ("human-coded.csv", gold),
        ],
    );
    let out = tmp.path().join("out");
    let outcome = run(&input, &out, None, false).unwrap();
    let a = &outcome.manifest.agreement[0];
    assert_eq!(a.items, 3, "D1's two rows and D2's; D7 is no response");
    for t in &a.themes {
        assert_eq!(
            (t.theme.as_str(), t.f1),
            (t.theme.as_str(), Some(1.0)),
            "{t:?}"
        );
    }
    // the row naming no response is a warning of the sample, with its line
    let f = outcome
        .manifest
        .files
        .iter()
        .find(|f| f.path == "human-coded.csv")
        .unwrap();
    assert_eq!(f.warnings, 1);
    assert_eq!(f.problems[0].line, Some(5));
    assert_eq!(
        f.problems[0].reason,
        "response_id D7: no response with this id and question Q1 in this run: not compared"
    );
    assert!(matches!(
        run(&input, &tmp.path().join("strict"), None, true),
        Err(PipelineError::Strict(1))
    ));
}

#[test]
fn the_same_id_in_two_files_gives_two_responses_a_decision_can_tell_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let second = "id,question,text\nD1,Q1,Money again.\n";
    let input = input(tmp.path(), &[("a.csv", LONG), ("b.csv", second)]);
    let decisions = r#"{"decisions":[{"response_id":"b.csv/D1:Q1","theme":"funding","decision":"reject","reviewer":"AB"}]}"#;
    let out = tmp.path().join("out");
    let outcome = run(&input, &out, Some(decisions), false).unwrap();
    assert_eq!(
        coding(&out),
        owned(&[
            ("D1:Q1", &["funding"]),
            ("D1:Q2", &["funding", "workload"]),
            ("D2:Q1", &["funding"]),
            ("b.csv/D1:Q1", &[]),
        ])
    );
    let f = outcome
        .manifest
        .files
        .iter()
        .find(|f| f.path == "b.csv")
        .unwrap();
    assert_eq!(
        f.problems[0].reason,
        "response id \"D1:Q1\" already used in a.csv: read as b.csv/D1:Q1"
    );
    // an old decision by the source's id and question now names two answers: reported
    let old = r#"{"decisions":[{"response_id":"D1","question":"Q1","theme":"funding","decision":"reject","reviewer":"AB"}]}"#;
    let outcome = run(&input, &tmp.path().join("old"), Some(old), false).unwrap();
    let review = outcome.manifest.review.unwrap();
    assert_eq!((review.rejected, review.unmatched.len()), (0, 1));
    assert!(
        review.unmatched[0]
            .reason
            .contains("names 2 responses (D1:Q1, b.csv/D1:Q1)"),
        "{}",
        review.unmatched[0].reason
    );
}

#[test]
fn jsonl_ids_work_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = "{\"id\":\"D1\",\"question\":\"Q1\",\"text\":\"More money please.\"}\n{\"id\":\"D1\",\"question\":\"Q2\",\"text\":\"More money and lower caseloads.\"}\n";
    let input = input(tmp.path(), &[("r.jsonl", jsonl)]);
    let decisions = r#"{"decisions":[{"response_id":"D1","question":"Q2","theme":"funding","decision":"reject","reviewer":"AB"}]}"#;
    let out = tmp.path().join("out");
    run(&input, &out, Some(decisions), true).unwrap();
    assert_eq!(
        coding(&out),
        owned(&[("D1:Q1", &["funding"]), ("D1:Q2", &["workload"])])
    );
}
