//! Survey shapes real exports have (issue 18 §4), end to end: multi-select and grid
//! questions in closed.csv and summary.md, blank closed answers counted, respondents who
//! answered only undeclared columns listed in run.json, and the identity a wide export's
//! free-text cells satisfy — on a fixture and on the corpus.

use crate::common::{analyse_corpus, fixture, tally, CODEBOOK};

const CONSULTATION: &str = r#"
[respondents]
id_column = "ID"
type_column = "Type"
[[questions]]
id = "Q1"
text = "How do you travel?"
kind = "multi"
answer_column = "Travel"
answers = ["Walk", "Cycle", "Bus"]
[[questions]]
id = "Q2"
text = "What help would you use?"
kind = "multi"
answers = ["Advice", "Money"]
option_columns = { Advice = "Help: Advice", Money = "Help: Money" }
[[questions]]
id = "Q3"
text = "How important is each of the following?"
kind = "grid"
answers = ["High", "Low"]
items = [{ label = "Safer streets", column = "Imp: Streets" }, { label = "Cleaner air", column = "Imp: Air" }]
[[questions]]
id = "Q4"
text = "Why?"
kind = "open"
text_column = "Why?"
"#;

const EXPORT: &str = "\
ID,Type,Travel,Help: Advice,Help: Money,Imp: Streets,Imp: Air,Why?,Notes
R1,Parent,Walk; Bus,1,,High,Low,more money please,
R2,Parent,Bus,,1,High,,caseloads,
R3,Council,Walk;Cycle;Bus,1,1,Low,Low,,
R4,Council,,,,,,,
R5,Parent,,,,,,,Call me about this
";

/// Runs the fixture; returns (closed.csv, summary.md, run.json as JSON).
fn analyse_fixture() -> (String, String, serde_json::Value) {
    let dir = fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/export.csv", EXPORT.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    // R5's row is a warning to review: the run completes with problems (exit 1)
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("export.csv:6: respondent R5 answered only columns"));
    let read = |name: &str| std::fs::read_to_string(dir.path().join("out").join(name)).unwrap();
    let manifest = serde_json::from_str(&read("run.json")).unwrap();
    (read("closed.csv"), read("summary.md"), manifest)
}

/// closed.csv's rows for all respondents: (question, item, answer, count, base, percent).
fn all_rows(csv: &str) -> Vec<String> {
    csv.lines()
        .filter(|l| l.split(',').nth(3) == Some("all"))
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!("{} {} {} {}/{} {}", c[0], c[1], c[2], c[4], c[5], c[6])
        })
        .collect()
}

#[test]
fn issue_18_multi_select_and_grid_questions_are_tallied_in_closed_csv() {
    let (csv, _, _) = analyse_fixture();
    assert!(csv.starts_with("question,item,answer,respondent_type,count,base,percent,flag\n"));
    assert_eq!(
        all_rows(&csv),
        [
            // a multi-select's base is the respondents who chose any option: 3 of 5 rows
            "Q1  Walk 2/3 67",
            "Q1  Cycle 1/3 33",
            "Q1  Bus 3/3 100",
            "Q1  (not answered) 2/5 40",
            "Q2  Advice 2/3 67",
            "Q2  Money 2/3 67",
            "Q2  (not answered) 2/5 40",
            // a grid: each item its own base and blanks
            "Q3 Safer streets High 2/3 67",
            "Q3 Safer streets Low 1/3 33",
            "Q3 Safer streets (not answered) 2/5 40",
            "Q3 Cleaner air High 0/2 0",
            "Q3 Cleaner air Low 2/2 100",
            "Q3 Cleaner air (not answered) 3/5 60",
        ]
    );
}

#[test]
fn issue_18_summary_lists_options_chosen_and_a_grid_table() {
    let (_, md, _) = analyse_fixture();
    assert!(
        md.contains("Options chosen: Bus 3 (100%), Walk 2 (67%), Cycle 1 (33%)."),
        "{md}"
    );
    assert!(md.contains(
        "Base: 3 respondents who chose at least one option. A further 2 left it blank (40% of 5 respondents). \
         Respondents could choose more than one option, so the shares add up to more than 100%."
    ));
    assert!(
        md.contains("| Item | High | Low | *Base* | Left blank |"),
        "{md}"
    );
    assert!(
        md.contains("| Safer streets | 2 (67%) | 1 (33%) | 3 | 2 |"),
        "{md}"
    );
    assert!(
        md.contains("| Cleaner air | 0 (0%) | 2 (100%) | 2 | 3 |"),
        "{md}"
    );
}

#[test]
fn issue_18_run_json_counts_blanks_lists_undeclared_only_rows_and_states_the_identity() {
    let (_, _, m) = analyse_fixture();
    let f = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "export.csv")
        .unwrap();
    // R4 and R5 left Q1, Q2 and both grid items blank; R2 left "Cleaner air" blank
    assert_eq!(f["blank_closed_answers"], 9);
    assert_eq!(m["totals"]["blank_closed_answers"], 9);
    // R5 wrote only in "Notes", which consultation.toml does not declare: listed
    assert_eq!(f["only_undeclared"], 1);
    assert_eq!(m["totals"]["only_undeclared"], 1);
    let listed = f["problems"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["line"], 6);
    assert!(listed[0]["reason"]
        .as_str()
        .unwrap()
        .contains("respondent R5"));
    assert_eq!(
        f["identity"]["statement"],
        "5 rows × 1 open questions = 2 responses + 3 blank + 0 skipped"
    );
    assert_eq!(f["identity"]["holds"], true);
    // blank answers make no one a respondent: R1, R2, R3
    assert_eq!(m["totals"]["respondents"], 3);
}

#[test]
fn issue_18_the_corpus_export_satisfies_the_wide_identity() {
    let out = tempfile::tempdir().unwrap();
    analyse_corpus(out.path(), &[]);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("run.json")).unwrap())
            .unwrap();
    let f = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "stable-homes/responses.csv")
        .unwrap();
    let id = &f["identity"];
    assert_eq!(id["holds"], true, "{f:#}");
    let n = |v: &serde_json::Value| v.as_u64().unwrap();
    assert_eq!(n(&id["open_questions"]), 6);
    assert_eq!(n(&id["cells"]), n(&f["rows"]) * 6);
    assert_eq!(
        n(&id["cells"]),
        n(&f["responses"]) + n(&f["blank_answers"]) + n(&id["skipped_answers"])
    );
    // the corpus's closed questions left blank are counted
    assert!(n(&f["blank_closed_answers"]) > 0);
}

#[test]
fn issue_18_column_names_match_ignoring_case_and_spacing_and_a_typo_names_the_nearest() {
    let consultation = "[respondents]\nid_column = \"Response ID\"\n[[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Q1. Please explain your answer\"\n[[questions]]\nid = \"Q2\"\nkind = \"open\"\ntext_column = \"Q2. Anything else?\"\n";
    let dir = fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/r.csv",
            "\"RESPONSE\u{a0}ID \",\"q1.  please explain\nyour answer\",Q2. Anything els?\n1,more money please,caseloads\n"
                .as_bytes(),
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "column \"Q2. Anything else?\" (Q2 text) is not in the header (did you mean \"Q2. Anything els?\"?)"
        ),
        "{}",
        run.stderr
    );
    let audit = std::fs::read_to_string(dir.path().join("out/audit.jsonl")).unwrap();
    // the id and Q1 columns were found despite case, spacing and a no-break space
    assert!(audit.contains("\"response_id\":\"1:Q1\""), "{audit}");
}

#[test]
fn issue_18_with_single_answer_questions_blanks_are_counted_and_undeclared_only_rows_listed() {
    let consultation = "[respondents]\nid_column = \"ID\"\n[[questions]]\nid = \"Q1\"\nkind = \"closed+open\"\nanswer_column = \"Agree?\"\ntext_column = \"Why?\"\nanswers = [\"Yes\", \"No\"]\n";
    let dir = fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/r.csv",
            b"ID,Agree?,Why?,Postcode\nR1,Yes,more money,\nR2,,caseloads,\nR3,,,AB1 2CD\n",
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("r.csv:4: respondent R3 answered only columns consultation.toml does not declare (first: \"Postcode\")"), "{}", run.stderr);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/run.json")).unwrap())
            .unwrap();
    assert_eq!(m["totals"]["only_undeclared"], 1);
    assert_eq!(m["totals"]["blank_closed_answers"], 2);
    let csv = std::fs::read_to_string(dir.path().join("out/closed.csv")).unwrap();
    assert!(csv.contains("\nQ1,,Yes,all,1,1,100,\n"), "{csv}");
    assert!(csv.contains("\nQ1,,(not answered),all,2,3,67,\n"), "{csv}");
    let md = std::fs::read_to_string(dir.path().join("out/summary.md")).unwrap();
    assert!(md.contains("Base: 1 respondents who answered the closed question. A further 2 left it blank (67% of 3 respondents)."), "{md}");
}
