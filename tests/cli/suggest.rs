//! `tally codebook suggest` (issue 22 §1): proposals learned from the human-coded sample,
//! measured out of fold, and `--apply`.

use crate::common::{fixture, tally};

const CODEBOOK: &str = r#"name = "demo"

[[themes]]
id = "funding"
label = "More funding needed"
description = "More money is needed; budgets are cut."

[[themes.rules]]
name = "money"
match = ["money"]

# the next theme
[[themes]]
id = "paperwork"
label = "Too much paperwork"
description = "Recording and admin burden."

[[themes.rules]]
match = ["paperwork"]
"#;

const CONSULTATION: &str = "gold = [\"gold*.csv\"]\n[respondents]\nid_column = \"ID\"\n\
    [[questions]]\nid = \"Q1\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n";

/// A sample where the rules miss a paraphrase many respondents use ("the budget") and
/// fire on a false friend ("money laundering").
fn sample() -> String {
    let mut rows = vec!["response_id,question,respondent_type,text,funding,paperwork".to_string()];
    let mut n = 0;
    let mut row = |text: &str, funding: bool, paperwork: bool| {
        n += 1;
        rows.push(format!(
            "R{n:03}:Q1,Q1,Parent,\"{text}\",{},{}",
            if funding { "1" } else { "" },
            if paperwork { "1" } else { "" }
        ));
    };
    for i in 0..20 {
        row(
            &format!("Our budget was slashed again this year, case {i}."),
            true,
            false,
        );
        row(&format!("We need more money for family {i}."), true, false);
        row(
            &format!("Worried about money laundering by provider {i}."),
            false,
            false,
        );
        row(&format!("Far too much paperwork in team {i}."), false, true);
        row(&format!("Nothing to add about item {i}."), false, false);
    }
    rows.join("\n") + "\n"
}

fn dir() -> tempfile::TempDir {
    let gold = sample();
    fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/gold.csv", gold.as_bytes()),
        ("in/r.csv", b"ID,Q1 text\n1,hello\n"),
    ])
}

#[test]
fn proposals_fix_misses_and_false_hits_measured_out_of_fold() {
    let dir = dir();
    let run = tally(dir.path(), &["codebook", "suggest", "in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(
        md.contains("100 human-coded responses from 100 respondents"),
        "{md}"
    );
    // the paraphrase, as a word of the codebook's syntax, with its held-out effect
    assert!(md.contains("`funding`: add `match = [\"budget\"]` — +20 found, +0 false, F1 0.50 → 0.80 (5-fold; proposed in 5 of 5 folds)"), "{md}");
    // the false friend, as an exclusion of the rule that fired
    assert!(md.contains("`funding`: rule \"money\": add `unless = [\"money laundering\"]` — −20 false, −0 found, F1 0.50 → 0.67"), "{md}");
    // misses and false hits are listed with what fired
    assert!(
        md.contains("- R001:Q1: Our budget was slashed again this year, case 0."),
        "{md}"
    );
    assert!(
        md.contains("(rule \"money\", pattern money on \"money\"): Worried about money laundering"),
        "{md}"
    );
    // never a stopword or a single character
    for stop in ["\"the\"", "\"our\"", "\"a\"", "\"was\""] {
        assert!(!md.contains(&format!("match = [{stop}]")), "{md}");
    }
    // deterministic, and JSON too
    let again = tally(dir.path(), &["codebook", "suggest", "in"]);
    assert_eq!(again.stdout, run.stdout);
    let json = tally(dir.path(), &["codebook", "suggest", "in", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["proposals"].as_array().unwrap().len(),
        2,
        "{}",
        json.stdout
    );
    assert_eq!(v["macro_f1_cross_validated"], 1.0);
}

#[test]
fn apply_writes_a_new_codebook_that_checks_and_prints_the_diff() {
    let dir = dir();
    let run = tally(dir.path(), &["codebook", "suggest", "in", "--apply", "1,2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("+match = [\"budget\"]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+unless = [\"money laundering\"]"),
        "{}",
        run.stdout
    );
    // the input is untouched, the new codebook beside it
    let input = std::fs::read_to_string(dir.path().join("in/codebook.toml")).unwrap();
    assert_eq!(input, CODEBOOK);
    let new = std::fs::read_to_string(dir.path().join("in/codebook.suggested.toml")).unwrap();
    assert!(new.starts_with(&CODEBOOK[..CODEBOOK.find("match = [\"money\"]\n").unwrap()]));
    assert!(new.ends_with("[[themes.rules]]\nmatch = [\"paperwork\"]\n"));
    let check = tally(
        dir.path(),
        &[
            "codebook",
            "check",
            "in/codebook.suggested.toml",
            "--consultation",
            "in/consultation.toml",
        ],
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // with the edits, nothing is left to propose
    let after = tally(
        dir.path(),
        &[
            "codebook",
            "suggest",
            "in",
            "--codebook",
            "in/codebook.suggested.toml",
        ],
    );
    assert!(
        after
            .stdout
            .contains("macro F1 of the codebook on the sample: 1.00"),
        "{}",
        after.stdout
    );
}

#[test]
fn apply_never_overwrites_the_codebook_read_and_rejects_unknown_numbers() {
    let dir = dir();
    let run = tally(
        dir.path(),
        &[
            "codebook",
            "suggest",
            "in",
            "--apply",
            "1",
            "--out",
            "in/codebook.toml",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("is the codebook read"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("in/codebook.toml")).unwrap(),
        CODEBOOK
    );
    let run = tally(dir.path(), &["codebook", "suggest", "in", "--apply", "9"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no proposal 9"), "{}", run.stderr);
}

/// A broad word ("break") that codes "short breaks" rightly and more other breaks wrongly,
/// each in its own words: narrowed to the phrase, applied, and the result checks.
#[test]
fn a_tighter_rule_is_proposed_applied_and_checks() {
    let codebook = "name = \"demo\"\n\n[[themes]]\nid = \"respite\"\nlabel = \"Short breaks\"\n\n\
        [[themes.rules]]\nname = \"breaks\"\nmatch = [\"respite\", \"break\"]  # broad\n";
    let mut rows = vec!["response_id,question,respondent_type,text,respite".to_string()];
    for i in 0..10 {
        rows.push(format!(
            "R{i:03}:Q1,Q1,Parent,\"Family {i} here. We need short breaks.\",1"
        ));
    }
    let others = [
        "lunch", "coffee", "career", "summer", "spring", "clean", "lucky", "tea", "winter",
        "weekend", "prison", "dinner", "morning", "evening", "school", "holiday",
    ];
    for (i, w) in others.iter().enumerate() {
        rows.push(format!(
            "R{:03}:Q1,Q1,Parent,\"Answer {i}. I took a {w} break.\",",
            100 + i
        ));
    }
    let gold = rows.join("\n") + "\n";
    let dir = fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", codebook.as_bytes()),
        ("in/gold.csv", gold.as_bytes()),
        ("in/r.csv", b"ID,Q1 text\n1,hello\n"),
    ]);
    let run = tally(dir.path(), &["codebook", "suggest", "in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "1. `respite`: rule \"breaks\": replace `\"break\"` with `\"short breaks\"` — −16 false, −0 found"
        ),
        "{}",
        run.stdout
    );
    let run = tally(dir.path(), &["codebook", "suggest", "in", "--apply", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = std::fs::read_to_string(dir.path().join("in/codebook.suggested.toml")).unwrap();
    assert_eq!(new, codebook.replace("\"break\"]", "\"short breaks\"]"));
    let check = tally(
        dir.path(),
        &[
            "codebook",
            "check",
            "in/codebook.suggested.toml",
            "--consultation",
            "in/consultation.toml",
        ],
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let after = tally(
        dir.path(),
        &[
            "codebook",
            "suggest",
            "in",
            "--codebook",
            "in/codebook.suggested.toml",
        ],
    );
    assert!(
        after
            .stdout
            .contains("macro F1 of the codebook on the sample: 1.00"),
        "{}",
        after.stdout
    );
}

/// A single-code question (`mode = "single"`) is named in the report, whose figures count
/// only the theme each answer keeps.
#[test]
fn single_code_questions_are_named_and_measured_as_coded() {
    let consultation = CONSULTATION.replace(
        "text_column = \"Q1 text\"\n",
        "text_column = \"Q1 text\"\nmode = \"single\"\n",
    );
    let gold = sample();
    let dir = fixture(&[
        ("in/consultation.toml", consultation.as_bytes()),
        ("in/multi.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/gold.csv", gold.as_bytes()),
        ("in/r.csv", b"ID,Q1 text\n1,hello\n"),
    ]);
    let run = tally(dir.path(), &["codebook", "suggest", "in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Single-code questions (Q1): every figure counts only the theme"),
        "{}",
        run.stdout
    );
    let json = tally(dir.path(), &["codebook", "suggest", "in", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["single_code_questions"], serde_json::json!(["Q1"]));
    // multi-coded (the other tests' consultation), none is named
    let multi = tally(
        dir.path(),
        &[
            "codebook",
            "suggest",
            "in",
            "--consultation",
            "in/multi.toml",
        ],
    );
    assert_eq!(multi.code, 0, "{}", multi.stderr);
    assert!(
        !multi.stdout.contains("Single-code questions"),
        "{}",
        multi.stdout
    );
}
