//! Bad input is reported with its file and line, listed in run.json as skipped, and the
//! rest of the run completes (exit 1); `--strict` fails instead (exit 2).

use crate::common::{fixture, read_output, tally, CODEBOOK};

fn bad_fixture() -> tempfile::TempDir {
    fixture(&[
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/long.csv",
            b"id,respondent_type,question,text\nr1,Parent,Q1,\"We need more money,\nand soon.\"\nr2,Parent,Q1,too,many,fields\nr3,Council,Q1,Caseloads are crushing us\n",
        ),
        ("in/answers.jsonl", b"{\"id\":\"j1\",\"respondent_type\":\"Parent\",\"question\":\"Q2\",\"text\":\"Services are underfunded\"}\n{broken\n\n{\"id\":\"j2\",\"question\":\"Q2\",\"text\":\"   \"}\n"),
        ("in/letters/ok.txt", b"Dear Minister,\n\nThe paperwork is endless.\n"),
        ("in/letters/latin1.txt", b"Caf\xe9 society needs more money\n"),
        ("in/data.xyz", b"what is this"),
        ("in/bad-utf8.jsonl", b"{\"id\":\"u1\",\"question\":\"Q2\",\"text\":\"na\xc3\xafve, more money\"}\n{\"id\":\"u2\",\"question\":\"Q2\",\"text\":\"caf\xe9\"}\n"),
    ])
}

#[test]
fn malformed_rows_are_skipped_with_reasons_and_the_run_completes() {
    let dir = bad_fixture();
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("long.csv:4: row has 6 fields, the header has 4: row skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("bad-utf8.jsonl:2: line is not valid UTF-8: skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("answers.jsonl:2: not valid JSON"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("data.xyz: unknown format"),
        "{}",
        run.stderr
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&read_output(&dir.path().join("out"), "run.json")).unwrap();
    let file = |p: &str| {
        manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == p)
            .unwrap()
            .clone()
    };
    assert_eq!(file("long.csv")["skipped"], 1);
    assert_eq!(file("long.csv")["responses"], 2);
    assert_eq!(file("long.csv")["problems"][0]["line"], 4);
    // Windows-1252 is detected and decoded, not skipped
    assert_eq!(file("letters/latin1.txt")["encoding"], "windows-1252");
    assert_eq!(file("letters/latin1.txt")["skipped"], 0);
    assert_eq!(file("letters/latin1.txt")["responses"], 1);
    assert_eq!(file("answers.jsonl")["blank_answers"], 1);
    assert_eq!(file("bad-utf8.jsonl")["skipped"], 1);
    assert_eq!(file("bad-utf8.jsonl")["responses"], 1);
    assert_eq!(manifest["totals"]["responses"], 6);
    assert_eq!(manifest["totals"]["skipped"], 4);
    // the rest was coded: r1 (multi-line cell) raises funding, r3 workload
    let audit = std::fs::read_to_string(dir.path().join("out/audit.jsonl")).unwrap();
    assert_eq!(audit.lines().count(), 6);
    assert!(
        audit.contains("\"response_id\":\"r1:Q1\"") && audit.contains("\"text\":\"more money\"")
    );
}

#[test]
fn strict_fails_on_any_skip_and_writes_nothing() {
    let dir = bad_fixture();
    let run = tally(
        dir.path(),
        &["analyse", "in", "--out", "out", "--quiet", "--strict"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--strict"));
    assert!(!dir.path().join("out/run.json").exists());
    assert!(!dir.path().join("out/audit.jsonl").exists());
}

#[test]
fn a_clean_run_exits_zero() {
    let dir = fixture(&[
        ("in/codebook.toml", CODEBOOK.as_bytes()),
        (
            "in/a.jsonl",
            b"{\"id\":\"1\",\"question\":\"Q\",\"text\":\"more money\"}\n",
        ),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_missing_codebook_or_input_fails_with_a_clear_message() {
    let dir = fixture(&[("in/a.jsonl", b"{}\n")]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no codebook"), "{}", run.stderr);
    let run = tally(dir.path(), &["analyse", "nowhere", "--out", "out"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a readable directory"),
        "{}",
        run.stderr
    );
}
