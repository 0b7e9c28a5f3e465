//! Issue 20: audit.jsonl is one typed format. Every line the fast writer makes reads back as
//! a `tally_report::AuditLine` and serialises (with serde_json) to the very same bytes, for
//! the corpus's run and for a reviewed run (accepted, rejected and added codings, notes).

use crate::common::{fixture, root, tally};
use tally_report::AuditReader;

/// Asserts each line of `audit` is the serialisation of the typed line it reads as.
fn assert_lines_are_typed(path: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(path).expect("audit.jsonl");
    let reader = AuditReader::open(path).expect("opens");
    let mut n = 0;
    for (line, typed) in text.lines().zip(reader) {
        n += 1;
        let typed = typed.unwrap_or_else(|e| panic!("{e}"));
        let again = serde_json::to_string(&typed).expect("serialises");
        assert_eq!(again, line, "line {n} of {}", path.display());
    }
    assert_eq!(n, text.lines().count());
    n
}

#[test]
fn issue_20_the_corpus_audit_is_the_typed_lines_serialised() {
    let n = assert_lines_are_typed(&root().join("output/audit.jsonl"));
    assert!(n > 1000, "{n} lines");
}

#[test]
fn issue_20_a_reviewed_audit_is_the_typed_lines_serialised() {
    let book = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"more money\"]\n\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nmatch = [\"salary\"]\n";
    let dir = fixture(&[
        ("in/codebook.toml", book.as_bytes()),
        ("in/a.jsonl", "{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money please\"}\n{\"id\":\"2\",\"question\":\"Q\",\"text\":\"more money and a better \\\"salary\\\"\"}\n{\"id\":\"3\",\"question\":\"Q\",\"text\":\"the wages are poor\\n\\tand low\"}\n{\"id\":\"4\",\"question\":\"Q\",\"text\":\"more money and a good salary\"}\n".as_bytes()),
        (
            "decisions.json",
            br#"{"decisions": [
  {"response_id": "1", "theme": "funding", "decision": "reject", "reviewer": "AB", "note": "\"sarcastic\"\n"},
  {"response_id": "3", "theme": "pay", "decision": "add", "evidence": "wages are poor", "reviewer": "AB"},
  {"response_id": "2", "theme": "pay", "decision": "accept", "reviewer": "C \\ D", "note": "fine"},
  {"response_id": "2", "theme": "funding", "decision": "accept", "reviewer": "CD"},
  {"response_id": "4", "theme": "pay", "decision": "reject", "reviewer": "CD"}
]}"#,
        ),
    ]);
    let run = tally(
        dir.path(),
        &[
            "analyse",
            "in",
            "--out",
            "out",
            "--quiet",
            "--review",
            "decisions.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.path().join("out/audit.jsonl");
    assert_eq!(assert_lines_are_typed(&path), 4);
    let audit = std::fs::read_to_string(&path).unwrap();
    for part in [
        "\"rejected\":[",
        "\"review\":{",
        "\"note\":\"fine\"",
        "review: add",
    ] {
        assert!(audit.contains(part), "{part} missing: {audit}");
    }
}
