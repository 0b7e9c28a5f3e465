//! Issue 20: no failure is silent. A reader thread that panics, or a file the outputs cite
//! that cannot be hashed, fails the run with an error that says so, and nothing is
//! published (faults injected through the options' test hooks).

use std::path::{Path, PathBuf};

use tally_pipeline::{analyse, NoProgress, Options, PipelineError};

const BOOK: &str = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"more money\"]\n";

const CONSULTATION: &str = "[respondents]\nid_column = \"ID\"\n[[questions]]\nid = \"Q1\"\ntext = \"Anything?\"\nkind = \"open\"\ntext_column = \"Q1 text\"\n";

/// An input folder (consultation, codebook, a wide CSV of `rows` rows) under `root`.
fn input(root: &Path, rows: usize) -> PathBuf {
    let dir = root.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("codebook.toml"), BOOK).unwrap();
    std::fs::write(dir.join("consultation.toml"), CONSULTATION).unwrap();
    let mut csv = String::from("ID,Q1 text\n");
    for i in 0..rows {
        csv.push_str(&format!("r{i},We need more money for schools ({i})\n"));
    }
    std::fs::write(dir.join("answers.csv"), csv).unwrap();
    dir
}

#[test]
fn issue20_a_panicked_reader_thread_fails_the_run() {
    let root = tempfile::tempdir().unwrap();
    let dir = input(root.path(), 100);
    let out = root.path().join("out");
    let mut opts = Options::new(&dir, &out);
    opts.batch = 8;
    opts.panic_reader_after = Some(20);
    let err = analyse(&opts, &NoProgress).expect_err("the run must fail");
    match &err {
        PipelineError::Panicked { thread, message } => {
            assert_eq!(*thread, "reader");
            assert!(message.contains("injected reader failure"), "{message}");
        }
        other => panic!("expected the reader's panic, got: {other}"),
    }
    assert!(err.to_string().contains("reader thread failed"), "{err}");
    assert!(!out.join("run.json").exists());
    assert!(!out.join("summary.md").exists());
    // without the fault the same input completes
    opts.panic_reader_after = None;
    assert_eq!(
        analyse(&opts, &NoProgress)
            .unwrap()
            .manifest
            .totals
            .responses,
        100
    );
}

#[test]
fn issue20_a_file_that_cannot_be_hashed_fails_the_run() {
    let root = tempfile::tempdir().unwrap();
    let dir = input(root.path(), 5);
    let out = root.path().join("out");
    let mut opts = Options::new(&dir, &out);
    opts.fail_hash_of = Some(dir.join("consultation.toml"));
    let err = analyse(&opts, &NoProgress).expect_err("the run must fail");
    assert!(matches!(err, PipelineError::Hash { .. }), "{err}");
    assert!(err.to_string().contains("consultation.toml"), "{err}");
    assert!(!out.join("run.json").exists());
    opts.fail_hash_of = None;
    let done = analyse(&opts, &NoProgress).unwrap();
    let sha = &done.manifest.consultation.as_ref().unwrap().sha256;
    assert_eq!(sha.len(), 64, "{sha}");
    assert_eq!(done.manifest.codebook.sha256.len(), 64);
}
