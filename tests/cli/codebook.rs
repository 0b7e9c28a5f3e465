//! `tally codebook check`.

use crate::common::{fixture, root, tally};

#[test]
fn the_example_codebook_is_clean_and_has_exactly_the_frame_ids() {
    let run = tally(
        &root(),
        &[
            "codebook",
            "check",
            "corpus/stable-homes/codebook.toml",
            "--consultation",
            "corpus/stable-homes/consultation.toml",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ok: 21 themes"));
    let src = std::fs::read_to_string(root().join("corpus/stable-homes/codebook.toml")).unwrap();
    let book = tally_code::Codebook::parse(&src, "codebook.toml").unwrap();
    let ids: Vec<&str> = book.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "funding",
            "recruitment_retention",
            "workload",
            "staff_support",
            "pay",
            "agency_staff",
            "training_career",
            "public_perception",
            "disabled_children",
            "family_help_thresholds",
            "early_intervention",
            "kinship_financial",
            "kinship_therapeutic",
            "rcc_concerns",
            "placement_market",
            "poverty",
            "foster_care",
            "care_leavers",
            "equality_diversity",
            "multi_agency",
            "implementation"
        ]
    );
}

#[test]
fn every_error_is_listed_with_its_line_and_theme() {
    let dir = fixture(&[(
        "cb.toml",
        b"[[themes]]\nid = \"a\"\nlabel = \"A\"\nquestions = [\"Q9\"]\n[[themes.rules]]\nregex = \"(\"\n\n[[themes]]\nid = \"a\"\nlabel = \"B\"\n[[themes.rules]]\nmatch = [\"*\"]\n",
    )]);
    let run = tally(dir.path(), &["codebook", "check", "cb.toml"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("cb.toml:6: theme `a`: rule 1: invalid regex"));
    assert!(lines[1].starts_with("cb.toml:9: theme `a`: duplicate theme id"));
    assert!(lines[2].starts_with("cb.toml:12: theme `a`: match pattern \"*\""));
}

#[test]
fn without_the_consultation_scopes_are_warned_of_not_failed() {
    let dir = fixture(&[(
        "cb.toml",
        b"[[themes]]\nid = \"a\"\nlabel = \"A\"\nquestions = [\"Q9\"]\n[[themes.rules]]\nmatch = [\"x\"]\n[[themes]]\nid = \"b\"\nlabel = \"B\"\n[[themes.rules]]\nmatch = [\"y\"]\n",
    )]);
    let run = tally(dir.path(), &["codebook", "check", "cb.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("cb.toml: ok: 2 themes, 2 rules"));
    assert!(
        lines[1].starts_with("cb.toml:1: theme `a`: warning: scoped to \"Q9\" (not verified"),
        "{}",
        lines[1]
    );
}

#[test]
fn every_toml_syntax_error_is_listed_with_its_line() {
    let dir = fixture(&[(
        "cb.toml",
        b"[[themes]]\nid = \"a\nlabel = \"A\"\n[[themes.rules]]\nmatch = [\"x\" \"y\"]\n[[themes]\nid = \"b\"\n",
    )]);
    let run = tally(dir.path(), &["codebook", "check", "cb.toml"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        lines,
        ["cb.toml:2", "cb.toml:5", "cb.toml:6"],
        "{}",
        run.stdout
    );
}
