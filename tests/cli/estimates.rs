//! Issue 21: error-corrected estimates in every output, on a fixture whose expected
//! estimates are worked out by hand below.
//!
//! The fixture: 20 respondents answer Q1; 1–10 are "Parent", 11–20 "Worker". Respondents
//! 1–8 write "more money please" (the coder finds `funding`), 9–20 "caseloads" (it finds
//! `workload`). So the coder's `funding` count in Q1 is 8 of 20 (40%). Respondents 1–6 also
//! answer Q2 ("paperwork"), which nobody hand-coded.
//!
//! gold-a.csv hand-codes 10 of Q1's 20 answers (a simple random sample, π = 10/20 = 0.5):
//! 1, 2, 3 funding (coder agrees); 4, 5 not funding (the coder *added* it); 9 funding (the
//! coder *missed* it); 10–13 neither. gold-b.csv double-codes 1 differently; gold-a sorts
//! first and wins, so 1 stays "funding". Workload: the human agrees with the coder.
//!
//! By hand, `funding` in Q1, all 20 respondents: rectifier Δ = (missed − added)/n =
//! (1 − 2)/10 = −0.1, estimate 0.40 − 0.10 = 0.30 → "30.0".
//! Parent: coder 8 of 10; hand-coded 1–5, 9, 10 (n = 7): added 2, missed 1, Δ = −1/7,
//! estimate 0.8 − 0.142857 = 0.657143 → "65.7".
//! Worker: coder 0 of 10; hand-coded 11–13, all agree "no": estimate 0 → "0.0".
//! Parent `workload` is 2 of 10, a small cell (under 5): suppressed, like its count.

use crate::common::{read_output, tally, CODEBOOK};
use tally_estimate::{estimate, Unit};

const CONSULTATION: &str =
    "gold = [\"gold-*.csv\"]\n[respondents]\nid_column = \"ID\"\ntype_column = \"Type\"\n\
[[questions]]\nid = \"Q1\"\ntext = \"Anything?\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n\
[[questions]]\nid = \"Q2\"\ntext = \"More?\"\nkind = \"open\"\ntext_column = \"Q2 text\"\n";

fn responses() -> String {
    let mut csv = String::from("ID,Type,Q1 text,Q2 text\n");
    for i in 1..=20 {
        let ty = if i <= 10 { "Parent" } else { "Worker" };
        let q1 = if i <= 8 {
            "more money please"
        } else {
            "caseloads"
        };
        let q2 = if i <= 6 { "paperwork" } else { "" };
        csv.push_str(&format!("{i},{ty},{q1},{q2}\n"));
    }
    csv
}

/// gold-a.csv, with or without the inclusion probability column.
fn gold_a(with_pi: bool) -> String {
    let pi_head = if with_pi {
        ",inclusion_probability"
    } else {
        ""
    };
    let mut csv = format!("response_id,question,respondent_type,text{pi_head},funding,workload\n");
    // (respondent, human funding, human workload)
    let rows = [
        (1, 1, 0),
        (2, 1, 0),
        (3, 1, 0),
        (4, 0, 0),
        (5, 0, 0),
        (9, 1, 1),
        (10, 0, 1),
        (11, 0, 1),
        (12, 0, 1),
        (13, 0, 1),
    ];
    for (r, f, w) in rows {
        let ty = if r <= 10 { "Parent" } else { "Worker" };
        let pi = if with_pi { ",0.5" } else { "" };
        csv.push_str(&format!("{r}:Q1,Q1,{ty},text{pi},{f},{w}\n"));
    }
    csv
}

fn run(with_pi: bool) -> (tempfile::TempDir, String, String, serde_json::Value) {
    let responses = responses();
    let gold = gold_a(with_pi);
    let dir = crate::common::fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/r.csv", responses.as_bytes()),
        ("in/gold-a.csv", gold.as_bytes()),
        (
            "in/gold-b.csv",
            b"response_id,question,respondent_type,text,funding,workload\n1:Q1,Q1,Parent,text,0,0\n",
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.path().join("out");
    let csv = read_output(&out, "themes.csv");
    let md = read_output(&out, "summary.md");
    let json: serde_json::Value = serde_json::from_str(&read_output(&out, "run.json")).unwrap();
    (dir, csv, md, json)
}

/// The themes.csv row of (question, theme, respondent type).
fn row<'a>(csv: &'a str, q: &str, theme: &str, ty: &str) -> Vec<&'a str> {
    csv.lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f[0] == q && f[1] == theme && f[3] == ty)
        .unwrap_or_else(|| panic!("no row {q},{theme},{ty} in\n{csv}"))
}

/// The hand-listed units of `funding` in Q1 (all respondents): coder, human.
fn funding_units() -> Vec<Unit> {
    let unit = |coder, human| Unit {
        coder,
        human,
        inclusion_probability: 0.5,
    };
    let mut units = vec![unit(true, true); 3]; // 1, 2, 3
    units.extend([unit(true, false); 2]); // 4, 5: added
    units.push(unit(false, true)); // 9: missed
    units.extend([unit(false, false); 4]); // 10–13
    units
}

#[test]
fn issue_21_estimates_match_the_hand_computed_values_in_every_output() {
    let (_dir, csv, md, json) = run(true);
    assert!(csv.starts_with(
        "question,theme,label,respondent_type,count,base,percent,flag,estimate,ci_low,ci_high,method\n"
    ));
    let want = estimate(8, 20, &funding_units()).unwrap();
    assert!((want.share - 0.30).abs() < 1e-12, "by hand: 0.4 − 0.1");
    let tenths = |x: f64| format!("{:.1}", x * 100.0);
    for ty in ["all", "headline"] {
        let r = row(&csv, "Q1", "funding", ty);
        assert_eq!(r[4..6], ["8", "20"]);
        assert_eq!(
            r[8..],
            [
                "30.0",
                tenths(want.low).as_str(),
                tenths(want.high).as_str(),
                want.method.as_str()
            ],
            "{ty}"
        );
    }
    assert_eq!(row(&csv, "Q1", "funding", "Parent")[8], "65.7");
    assert_eq!(row(&csv, "Q1", "funding", "Worker")[8], "0.0");
    // a small cell: no percentage, no estimate
    assert_eq!(
        row(&csv, "Q1", "workload", "Parent")[6..],
        ["", "small", "", "", "", ""]
    );
    // Q2 has no hand-coded response, and across all questions nothing is estimated
    assert_eq!(row(&csv, "Q2", "workload", "all")[8..], ["", "", "", ""]);
    assert_eq!(row(&csv, "all", "funding", "all")[8..], ["", "", "", ""]);

    // summary.md: the count as before, then the estimate; n = 10 is too small to be sure
    let more = want
        .further_needed
        .expect("an interval over 20 points wide");
    let sentence = format!(
        "**Around two in five respondents (40%, 8 of 20) said more funding is needed**; \
         correcting for coding error measured on 10 hand-coded responses gives 30% (95% interval {}–{}%), \
         but that sample is too small to be sure: hand-coding about {more} more responses to this \
         question would narrow the interval to 20 points.",
        tally_aggregate_percent(want.low),
        tally_aggregate_percent(want.high)
    );
    assert!(md.contains(&sentence), "{sentence}\nnot in\n{md}");
    assert!(md.contains("*Not corrected for coding error: no response to Q2 was hand-coded"));
    assert!(md.contains("## Appendix: correcting the counts for coding error"));
    assert!(
        md.contains("**Corrected for coding error.**")
            && md.contains("(#appendix-correcting-the-counts-for-coding-error)")
    );
    assert!(
        !md.contains("Warning:"),
        "every response records its probability"
    );

    // run.json: per question the methods, sample size and warnings
    let qs = json["estimates"]["questions"].as_array().unwrap();
    assert_eq!(qs[0]["question"], "Q1");
    assert_eq!(
        qs[0]["sample_size"], 10,
        "gold-b's double coding is not counted twice"
    );
    assert_eq!(qs[0]["methods"][0], want.method.as_str());
    assert_eq!(qs[0]["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(qs[1]["question"], "Q2");
    assert_eq!(qs[1]["sample_size"], 0);
    assert!(qs[1]["no_estimate"].as_str().unwrap().contains("Q2"));
    assert!(json["estimates"]["overall_no_estimate"].is_string());
}

/// Whole percent, rounded half up, as summary.md prints it.
fn tally_aggregate_percent(x: f64) -> u32 {
    (x * 100.0 + 0.5 + 1e-9).floor() as u32
}

#[test]
fn issue_21_a_sample_without_inclusion_probabilities_is_a_simple_random_sample_with_a_warning() {
    // without the column, π = n/N = 10/20 = 0.5 as before: the same estimates
    let (_dir, csv, md, json) = run(false);
    assert_eq!(row(&csv, "Q1", "funding", "all")[8], "30.0");
    assert_eq!(row(&csv, "Q1", "funding", "Parent")[8], "65.7");
    let warning = "10 hand-coded responses to Q1 (gold-a.csv) have no inclusion probability; \
                   they are treated as a simple random sample of the question";
    assert!(md.contains(&format!("*Warning: {warning}.*")), "{md}");
    assert_eq!(json["estimates"]["questions"][0]["warnings"][0], warning);
}

#[test]
fn issue_21_without_human_coded_samples_nothing_is_estimated() {
    let responses = responses();
    let consultation = CONSULTATION.replace("gold = [\"gold-*.csv\"]\n", "");
    let dir = crate::common::fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/r.csv", responses.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = dir.path().join("out");
    let csv = read_output(&out, "themes.csv");
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",,,,")), "{csv}");
    let md = read_output(&out, "summary.md");
    assert!(!md.contains("coding error"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&read_output(&out, "run.json")).unwrap();
    assert!(json["estimates"].is_null());
}

#[test]
fn issue_21_the_corpus_shows_estimates_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::analyse_corpus(dir.path(), &[]);
    let md = read_output(dir.path(), "summary.md");
    let json: serde_json::Value =
        serde_json::from_str(&read_output(dir.path(), "run.json")).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_path(dir.path().join("themes.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    // every question's headline rows carry an estimate and a method; across all questions
    // none (the sample is per answer, the counts there per respondent)
    for q in ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "letter"] {
        let headline: Vec<&Vec<String>> = rows
            .iter()
            .filter(|f| f[0] == q && f[3] == "headline")
            .collect();
        assert_eq!(headline.len(), 21, "{q}");
        for r in headline {
            assert!(!r[8].is_empty() && !r[11].is_empty(), "{q}: {r:?}");
        }
    }
    assert!(rows
        .iter()
        .filter(|f| f[0] == "all")
        .all(|f| f[8..].iter().all(String::is_empty)));
    assert!(
        md.contains("*Not corrected for coding error: the hand-coded sample is drawn per answer")
    );
    assert_eq!(
        md.matches("correcting for coding error measured on")
            .count() as u64,
        // one per theme raised in each question (ranked themes are those with a count)
        rows.iter()
            .filter(|f| f[0] != "all" && f[3] == "all" && f[4] != "0")
            .count() as u64
    );
    // the corpus's gold files record no inclusion probabilities: warned per question
    let qs = json["estimates"]["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 7);
    for q in qs {
        assert!(
            q["warnings"][0]
                .as_str()
                .unwrap()
                .contains("no inclusion probability"),
            "{q}"
        );
    }
    // Q5's campaign copies are left out of the headline population and of its sample
    // (45 of Q5's hand-coded answers are in the run; 3 are campaign copies)
    let q5 = qs.iter().find(|q| q["question"] == "Q5").unwrap();
    assert_eq!(q5["sample_size"], 42);
    // every letter was hand-coded: exact
    let letter = qs.iter().find(|q| q["question"] == "letter").unwrap();
    assert_eq!(letter["methods"], serde_json::json!(["census"]));
}
