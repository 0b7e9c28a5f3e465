//! The walk: every file accounted for, in a fixed order; what is ignored and why.

use crate::common::{dir, problems, run, CONSULTATION};
use tally_ingest::Role;

#[test]
fn every_file_is_listed_in_sorted_order_with_its_role() {
    let toml = format!("gold = [\"coded/*.csv\"]\nignore = [\"notes/**\"]\n{CONSULTATION}");
    let d = dir(&[
        ("consultation.toml", toml.as_bytes()),
        ("codebook.toml", b"[[themes]]\n"),
        ("README.md", b"# About these files"),
        ("LICENSE", b"MIT"),
        ("licence.txt", b"OGL"),
        (".hidden.txt", b"secret"),
        (".git/config", b"x"),
        ("coded/human.csv", b"id,theme\n"),
        ("notes/a/b.txt", b"internal"),
        ("zz.xyz", b"what is this"),
        ("b.txt", b"Second."),
        ("a.txt", b"First."),
    ]);
    let r = run(d.path());
    let listed: Vec<(&str, Role)> = r
        .report
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.role))
        .collect();
    assert_eq!(
        listed,
        [
            (".git", Role::Ignored),
            (".hidden.txt", Role::Ignored),
            ("LICENSE", Role::Ignored),
            ("README.md", Role::Ignored),
            ("a.txt", Role::Document),
            ("b.txt", Role::Document),
            ("codebook.toml", Role::Config),
            ("coded/human.csv", Role::Gold),
            ("consultation.toml", Role::Config),
            ("licence.txt", Role::Ignored),
            ("notes/a/b.txt", Role::Ignored),
            ("zz.xyz", Role::Unreadable),
        ]
    );
    assert_eq!(r.texts(), [("a.txt", "First."), ("b.txt", "Second.")]);
    assert_eq!(r.file(".git").format, "folder");
    assert_eq!(
        r.file(".hidden.txt").note.as_deref(),
        Some("hidden: names starting with `.` are not read")
    );
    assert_eq!(
        r.file("notes/a/b.txt").note.as_deref(),
        Some("listed under `ignore` in consultation.toml")
    );
    assert_eq!(r.file("coded/human.csv").sha256.len(), 64);
    assert_eq!(r.file("consultation.toml").sha256.len(), 64);
    let unknown = problems(r.file("zz.xyz"));
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0]
        .1
        .starts_with("unknown format `.xyz`: not read (supported: .csv"));
    // only the unknown file is a problem
    assert_eq!(r.report.problems(), 1);
    assert_eq!(r.report.skipped(), 1);
}

#[test]
fn the_same_inputs_give_the_same_records_and_report() {
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("b/x.csv", b"id,question,text\n1,Q9,b\n"),
        (
            "a/y.jsonl",
            b"{\"id\":\"2\",\"question\":\"Q9\",\"text\":\"a\"}\n",
        ),
        ("a/z.html", b"<p>c</p>"),
    ]);
    let first = run(d.path());
    let second = run(d.path());
    assert_eq!(first.report, second.report);
    assert_eq!(first.responses, second.responses);
    assert_eq!(first.texts(), [("2", "a"), ("a/z.html", "c"), ("1", "b")]);
}
