//! Issue 20: the document question's id comes from the consultation everywhere. Letters
//! filed under `[documents] question = "submission"` are reported exactly as letters filed
//! under the default `"letter"` are (the summary once counted only a question named
//! `letter` as letters and emails).

use std::path::Path;

use crate::common::{read_output, root, tally};

/// Copies the files of `from` (one level of folders deep is enough for the fixture) to `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// summary.md of the small fixture with its document question named `id`.
fn summary_with_document_question(id: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    copy_dir(&root().join("tests/fixtures/small"), &input);
    let toml = input.join("consultation.toml");
    let text = std::fs::read_to_string(&toml).expect("consultation.toml");
    let renamed = text.replace("question = \"letter\"", &format!("question = \"{id}\""));
    assert!(
        text.contains("question = \"letter\""),
        "the fixture names its document question"
    );
    std::fs::write(&toml, renamed).expect("write consultation.toml");
    let out = dir.path().join("out");
    let run = tally(
        dir.path(),
        &["analyse", "in", "--out", "out", "--quiet", "--threads", "2"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let audit = read_output(&out, "audit.jsonl");
    assert!(
        audit.contains(&format!("\"question\":\"{id}\"")),
        "letters are filed under {id}"
    );
    read_output(&out, "summary.md")
}

#[test]
fn letters_under_another_question_id_are_reported_as_letters() {
    let letter = summary_with_document_question("letter");
    assert!(
        letter.contains("(including 1 letters and emails)"),
        "{letter}"
    );
    let submission = summary_with_document_question("submission");
    assert!(
        submission.contains("## submission. Letters from organisations"),
        "{submission}"
    );
    crate::common::assert_same(
        "summary.md with the document question renamed back",
        &submission.replace("submission", "letter"),
        &letter,
    );
}
