//! `tally discover` (issue 22 §2): candidate themes in the residue.

use crate::common::{fixture, tally, CODEBOOK};

const CONSULTATION: &str = "[respondents]\nid_column = \"ID\"\n[[questions]]\nid = \"Q1\"\ntext = \"Anything?\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n";

/// Twelve respondents write about respite (no theme covers it), eighteen about money.
fn responses() -> String {
    let mut csv = String::from("ID,Q1 text\n");
    for i in 1..=30 {
        let text = match i {
            3 => "We lost our respite breaks, call me on 07700 900481.".to_string(),
            1..=12 => format!("Respite breaks were cut for family {i}. It is exhausting."),
            _ => "We need more money for the service.".to_string(),
        };
        csv.push_str(&format!("{i},\"{text}\"\n"));
    }
    csv
}

fn corpus() -> tempfile::TempDir {
    let csv = responses();
    fixture(&[
        ("in/consultation.toml", CONSULTATION.as_bytes()),
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        ("in/r.csv", csv.as_bytes()),
    ])
}

#[test]
fn finds_the_uncovered_theme_with_redacted_quotes_and_a_stanza_that_parses() {
    let dir = corpus();
    let run = tally(dir.path(), &["discover", "in", "--top", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(md.starts_with("# Candidate themes in the residue"), "{md}");
    let first = md.split("\n## ").nth(1).unwrap_or_default();
    assert!(first.contains("`respite`"), "{md}");
    assert!(first.starts_with("1. "), "{md}");
    assert!(!md.contains("07700 900481"), "quotes are redacted: {md}");
    // the draft stanza, appended to the codebook, parses and compiles
    let stanza = first
        .split("```toml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let book = tally_code::Codebook::parse(&format!("{CODEBOOK}\n{stanza}"), "c.toml").unwrap();
    assert!(book.themes.last().unwrap().id.starts_with("new_"));
    assert!(tally_code::Matcher::compile(&book).is_ok());
    // the same bytes again
    let again = tally(dir.path(), &["discover", "in", "--top", "3"]);
    assert_eq!(again.stdout, md);
}

#[test]
fn json_and_out_file() {
    let dir = corpus();
    let run = tally(
        dir.path(),
        &["discover", "in", "--json", "--out", "found.json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("found.json")).unwrap())
            .unwrap();
    let first = &json["candidates"][0];
    assert_eq!(first["rank"], 1);
    assert!(first["respondents"].as_u64().unwrap() >= 10, "{json}");
    assert_eq!(first["quotes"].as_array().unwrap().len(), 3);
}
