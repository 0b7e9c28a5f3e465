//! Single-code ("main theme") questions: `mode = "single"` in consultation.toml keeps one
//! theme per answer, so the question's theme counts add up to its base (issue 18 §4).

use crate::common::{fixture, tally, CODEBOOK};

/// (theme, count, base) of `question`'s rows over all respondents in themes.csv.
fn counts(themes_csv: &str, question: &str) -> Vec<(String, u64, u64)> {
    themes_csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[0] == question && f[3] == "all")
        .map(|f| {
            (
                f[1].to_string(),
                f[4].parse().unwrap(),
                f[5].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_single_code_question_counts_one_theme_per_answer() {
    let consultation = "[respondents]\nid_column = \"ID\"\n[[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Q1 text\"\nmode = \"single\"\n[[questions]]\nid = \"Q2\"\nkind = \"open\"\ntext_column = \"Q2 text\"\n";
    // the same four answers to both questions: two raise both themes
    let answers = [
        "more money and less paperwork",
        "caseloads and paperwork, underfunded",
        "nothing relevant here",
        "the paperwork",
    ];
    let mut csv = String::from("ID,Q1 text,Q2 text\n");
    for (i, a) in answers.iter().enumerate() {
        csv.push_str(&format!("{},\"{a}\",\"{a}\"\n", i + 1));
    }
    let dir = fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/r.csv", csv.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let themes = std::fs::read_to_string(dir.path().join("out/themes.csv")).unwrap();

    // single: 1 funding (its phrase outweighs one word of workload), 2 workload (most
    // evidence; the only theme), and 1 answer with none: 1 + 2 + 1 = the base of 4
    let q1 = counts(&themes, "Q1");
    assert_eq!(
        q1,
        [("funding".into(), 1, 4), ("workload".into(), 2, 4)],
        "{themes}"
    );
    let coded: u64 = q1.iter().map(|c| c.1).sum();
    assert_eq!(
        coded + 1,
        4,
        "theme counts and the uncoded answer add up to the base"
    );
    // every theme, as before, where the question does not say single
    let q2 = counts(&themes, "Q2");
    assert_eq!(
        q2,
        [("funding".into(), 2, 4), ("workload".into(), 3, 4)],
        "{themes}"
    );

    // the audit says what was dropped, and only for the single-code question
    let audit = std::fs::read_to_string(dir.path().join("out/audit.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dropped = |q: &str, id: &str| {
        let l = lines
            .iter()
            .find(|l| l["question"] == q && l["respondent_id"] == id)
            .unwrap_or_else(|| panic!("{q} {id} in {audit}"));
        let themes: Vec<&str> = l["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["theme"].as_str().unwrap())
            .collect();
        (themes, l.get("single_mode_dropped").cloned())
    };
    assert_eq!(
        dropped("Q1", "1"),
        (vec!["funding"], Some(serde_json::json!(["workload"])))
    );
    assert_eq!(
        dropped("Q1", "2"),
        (vec!["workload"], Some(serde_json::json!(["funding"])))
    );
    assert_eq!(dropped("Q1", "4"), (vec!["workload"], None));
    assert_eq!(dropped("Q2", "1"), (vec!["funding", "workload"], None));
}
