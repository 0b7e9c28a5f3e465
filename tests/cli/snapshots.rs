//! Snapshot ("golden") tests of every output shape, on the small consultation in
//! `tests/fixtures/small/` (two questions, an organised campaign, a letter, personal data,
//! two human-coded samples) rather than the whole corpus, so that one rule change rewrites a
//! few kilobytes, not a megabyte. The snapshots are in `tests/snapshots/`; after a change
//! that is meant to alter an output, refresh them with `just snapshots` (that is,
//! `INSTA_UPDATE=always cargo test --test cli snapshots`) and review the diff, or review
//! them one by one with `cargo insta review`.
//!
//! Nothing is masked: every output is machine-independent (paths are as given on the
//! command line, relative to the repository root; no clock time is written; the REFI-QDA
//! GUIDs are name-based UUIDs), so a snapshot that differs is a changed output.

use std::path::Path;

use tempfile::TempDir;

use crate::common::{read_output, root, tally, Run};

/// The fixture consultation, relative to the repository root (runs start there).
const SMALL: &str = "tests/fixtures/small";

/// Compares `text` with the snapshot `name` in `tests/snapshots/`.
fn check(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// Runs `tally ARGS` from the repository root, asserting its exit code.
fn run(args: &[&str], code: i32) -> Run {
    let run = tally(&root(), args);
    assert_eq!(run.code, code, "tally {args:?}\n{}", run.stderr);
    run
}

/// `tally analyse tests/fixtures/small --out TEMP --quiet EXTRA…`; the output directory.
fn analyse(extra: &[&str], code: i32) -> TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["analyse", SMALL, "--out", path(out.path()), "--quiet"];
    args.extend_from_slice(extra);
    run(&args, code);
    out
}

/// A run's stdout and stderr, each under a heading.
fn streams(run: &Run) -> String {
    format!("stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn a_small_run_writes_every_text_output_as_before() {
    let out = analyse(&[], 0);
    for name in [
        "summary.md",
        "themes.csv",
        "closed.csv",
        "coded.csv",
        "run.json",
        "audit.jsonl",
    ] {
        check(&format!("small_{name}"), &read_output(out.path(), name));
    }
}

#[test]
fn campaigns_counted_once_or_in_full_change_the_summary_as_before() {
    for mode in ["once", "all"] {
        let out = analyse(&["--campaigns", mode], 0);
        check(
            &format!("campaigns_{mode}_summary.md"),
            &read_output(out.path(), "summary.md"),
        );
        check(
            &format!("campaigns_{mode}_themes.csv"),
            &read_output(out.path(), "themes.csv"),
        );
    }
}

#[test]
fn a_reviewed_run_applies_the_decisions_as_before() {
    // one decision matches no response: completed with a problem to review (exit 1)
    let out = analyse(&["--review", "tests/fixtures/small-decisions.json"], 1);
    for name in ["summary.md", "coded.csv", "run.json"] {
        check(&format!("reviewed_{name}"), &read_output(out.path(), name));
    }
}

#[test]
fn an_unredacted_run_publishes_the_personal_data_as_before() {
    let out = analyse(&["--no-redact"], 0);
    for name in ["summary.md", "coded.csv"] {
        check(&format!("no_redact_{name}"), &read_output(out.path(), name));
    }
}

#[test]
fn the_refi_qda_project_is_as_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let qdpx = dir.path().join("small.qdpx");
    analyse(&["--qdpx", path(&qdpx)], 0);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&qdpx).expect("qdpx written"))
        .expect("a zip archive");
    let mut qde = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("project.qde").expect("project.qde"),
        &mut qde,
    )
    .expect("UTF-8 XML");
    check("project.qde", &qde);
}

#[test]
fn agree_reports_in_markdown_and_json_as_before() {
    let out = analyse(&[], 0);
    let audit = out.path().join("audit.jsonl");
    let json = out.path().join("agreement.json");
    let agree = run(
        &[
            "agree",
            "--gold",
            "tests/fixtures/small/human-coded.csv",
            "--gold",
            "tests/fixtures/small/human-coded-second.csv",
            "--audit",
            path(&audit),
            "--json",
            path(&json),
        ],
        0,
    );
    check("agree.md", &agree.stdout);
    check("agree.json", &read_output(out.path(), "agreement.json"));
}

#[test]
fn review_sample_and_export_are_as_before() {
    let sample = run(&["review", "sample", SMALL, "--n", "8", "--seed", "3"], 0);
    check("review_sample.csv", &sample.stdout);
    let out = analyse(&[], 0);
    let audit = out.path().join("audit.jsonl");
    let export = run(
        &[
            "review",
            "export",
            "--audit",
            path(&audit),
            "--reviewer",
            "AB",
        ],
        0,
    );
    check("review_export.json", &export.stdout);
}

#[test]
fn codebook_check_reports_as_before() {
    let consultation = "tests/fixtures/small/consultation.toml";
    let ok = run(
        &[
            "codebook",
            "check",
            "tests/fixtures/small/codebook.toml",
            "--consultation",
            consultation,
        ],
        0,
    );
    check("codebook_check_ok", &streams(&ok));
    let errors = run(
        &[
            "codebook",
            "check",
            "tests/fixtures/small-codebook-errors.toml",
            "--consultation",
            consultation,
        ],
        1,
    );
    check("codebook_check_errors", &streams(&errors));
}
