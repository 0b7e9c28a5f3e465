//! Issue 19: a run's outputs are all old or all new. A run that fails while writing (a
//! full disk, injected here byte by byte) or because its input changed between the two
//! reads leaves the previous outputs exactly as they were, and no temporary file.

use std::path::{Path, PathBuf};

use tally_pipeline::{analyse, NoProgress, Options, PipelineError, Progress};

const BOOK: &str = "[[themes]]\nid = \"funding\"\nlabel = \"Funding\"\n[[themes.rules]]\nmatch = [\"more money\"]\n\n[[themes]]\nid = \"pay\"\nlabel = \"Pay\"\n[[themes.rules]]\nmatch = [\"salary\"]\n";

/// An input folder (codebook, a long CSV with `rows` rows, a letter) under `root`.
fn input(root: &Path, rows: usize) -> PathBuf {
    let dir = root.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("codebook.toml"), BOOK).unwrap();
    let mut csv = String::from("id,respondent_type,question,text\n");
    for i in 0..rows {
        let text = if i % 2 == 0 {
            "We need more money for schools"
        } else {
            "The salary is too low"
        };
        csv.push_str(&format!("r{i},Parent,Q1,{text} ({i})\n"));
    }
    std::fs::write(dir.join("answers.csv"), csv).unwrap();
    std::fs::write(
        dir.join("letter.txt"),
        "Dear Minister, more money please.\n",
    )
    .unwrap();
    dir
}

/// Every file in `dir` (name and bytes), sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

fn options(input: &Path, out: &Path) -> Options {
    let mut opts = Options::new(input, out);
    opts.qdpx = Some(out.join("coding.qdpx"));
    opts
}

#[test]
fn issue19_a_full_disk_at_any_byte_leaves_the_previous_outputs() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    analyse(&options(&input(root.path(), 40), &out), &NoProgress).expect("first run");
    let before = snapshot(&out);
    assert_eq!(
        names(&before),
        [
            "audit.jsonl",
            "closed.csv",
            "coded.csv",
            "coded.xlsx",
            "coding.qdpx",
            "report.html",
            "review.html",
            "run.json",
            "summary.md",
            "themes.csv"
        ]
    );
    // a second input with different outputs, and how many bytes they take
    let changed = input(&root.path().join("second"), 60);
    let fresh = root.path().join("fresh");
    analyse(&options(&changed, &fresh), &NoProgress).expect("a fresh run");
    let total: u64 = snapshot(&fresh).iter().map(|(_, b)| b.len() as u64).sum();
    let budgets = [
        0,
        1,
        100,
        4096,
        total / 3,
        total / 2,
        total - 100,
        total - 1,
    ];
    for budget in budgets {
        let mut opts = options(&changed, &out);
        opts.fail_writes_after = Some(budget);
        let err = analyse(&opts, &NoProgress).expect_err("the disk is full");
        let shown = err.to_string();
        assert!(shown.contains("no space left"), "{budget}: {shown}");
        assert!(
            matches!(
                err,
                PipelineError::Write { .. } | PipelineError::Report(_) | PipelineError::Qdpx(_)
            ),
            "{budget}: {err:?}"
        );
        assert!(
            snapshot(&out) == before,
            "{budget} of {total} bytes: the previous outputs changed or a temporary file was left: {:?}",
            names(&snapshot(&out))
        );
    }
    // with room for every byte (run.json's paths and elapsed time differ a little from the
    // fresh run's) the new outputs are published, all of them
    let mut opts = options(&changed, &out);
    opts.fail_writes_after = Some(total + 1000);
    analyse(&opts, &NoProgress).expect("room for every byte");
    let after = snapshot(&out);
    assert_eq!(names(&after), names(&before));
    for ((name, new), (_, want)) in after.iter().zip(&snapshot(&fresh)) {
        if name != "run.json" {
            assert!(new == want, "{name} is not the new run's");
        }
    }
    assert!(after[3].1 != before[3].1, "run.json was not replaced");
}

/// Appends a row to a file when the first read of the input is over.
struct Meddler(PathBuf);

impl Progress for Meddler {
    fn first_read_done(&self) {
        let mut text = std::fs::read_to_string(&self.0).unwrap();
        text.push_str("late,Parent,Q1,Added after campaigns were counted\n");
        std::fs::write(&self.0, text).unwrap();
    }
}

#[test]
fn issue19_a_file_changed_between_the_two_reads_fails_the_run() {
    let root = tempfile::tempdir().unwrap();
    let input = input(root.path(), 10);
    let out = root.path().join("out");
    analyse(&options(&input, &out), &NoProgress).expect("first run");
    let before = snapshot(&out);
    let err = analyse(&options(&input, &out), &Meddler(input.join("answers.csv")))
        .expect_err("the input changed between the reads");
    match &err {
        PipelineError::InputChanged { path, .. } => assert_eq!(path, "answers.csv"),
        other => panic!("{other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.contains("answers.csv") && shown.contains("SHA-256"),
        "{shown}"
    );
    assert!(snapshot(&out) == before, "{:?}", names(&snapshot(&out)));
    // unchanged input: the same run succeeds
    analyse(&options(&input, &out), &NoProgress).expect("a stable input");
}
