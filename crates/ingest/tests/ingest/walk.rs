//! The walk: every file accounted for, in a fixed order; what is ignored and why.

use crate::common::{dir, problems, run, CONSULTATION};
use tally_ingest::{Record, Role};

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
    assert_eq!(
        first.texts(),
        [("2:Q9", "a"), ("a/z.html", "c"), ("1:Q9", "b")]
    );
}

/// The unhashed read is the first of two passes: the same responses in the same order and
/// the same hashes, without the check of repeated respondent ids.
#[test]
fn an_unhashed_read_gives_the_same_records_and_hashes() {
    let csv = format!(
        "{}\nr1,Parent,Agree,Funding is far too low.,\nr1,Council,Maybe,Duplicate id.,x\nr2,Parent,,\"Two\nlines\",\n",
        crate::common::WIDE_HEADER.join(",")
    );
    let d = dir(&[
        ("consultation.toml", CONSULTATION.as_bytes()),
        ("responses.csv", csv.as_bytes()),
        (
            "more.jsonl",
            b"{\"id\":\"j1\",\"question\":\"Q2\",\"text\":\"From JSON lines.\"}\n",
        ),
        ("letter.txt", b"A letter."),
    ]);
    let consultation = tally_ingest::find_consultation(d.path()).unwrap();
    let read = |f: tally_ingest::ReadDir| {
        let mut records = Vec::new();
        let report = f(d.path(), consultation.as_ref(), &mut |r| records.push(r));
        (records, report)
    };
    let (hashed, with) = read(tally_ingest::read_dir);
    let (unhashed, without) = read(tally_ingest::read_dir_unhashed);
    assert!(hashed.len() >= 6, "{hashed:?}");
    assert_eq!(hashed.len(), unhashed.len());
    // the respondent id used twice is made unique only by the full read
    let mut renamed = 0;
    for (a, b) in hashed.iter().zip(&unhashed) {
        match (a, b) {
            (Record::Response(a), Record::Response(b)) if a.respondent == "r1#3" => {
                renamed += 1;
                assert_eq!(a.id, format!("r1#3:{}", a.question));
                assert_eq!(b.id, format!("r1:{}", a.question));
                assert_eq!(b.respondent, "r1");
                let strip =
                    |r: &tally_ingest::Response| (r.question.clone(), r.text.clone(), r.line);
                assert_eq!(strip(a), strip(b));
            }
            _ => assert_eq!(a, b),
        }
    }
    // its answers to Q1 and Q2 ("Maybe" is not a closed answer: skipped)
    assert_eq!(renamed, 2, "{hashed:?}");
    let sha = |r: &tally_ingest::IngestReport, path: &str| {
        r.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.sha256.clone())
            .expect("listed")
    };
    // every file is hashed by both reads, so the pipeline can compare them (issue 19)
    for file in ["responses.csv", "more.jsonl", "letter.txt"] {
        assert_eq!(sha(&with, file).len(), 64, "{file}");
        assert_eq!(sha(&with, file), sha(&without, file), "{file}");
    }
    // everything else in the two accounts is the same
    let strip = |r: &tally_ingest::IngestReport| {
        r.files
            .iter()
            .map(|f| (f.path.clone(), f.role, f.rows, f.responses, f.skipped))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&with), strip(&without));
    let warnings = |r: &tally_ingest::IngestReport| r.files.iter().map(|f| f.warnings).sum::<u64>();
    assert_eq!((warnings(&with), warnings(&without)), (1, 0));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_input_is_listed_as_skipped_not_opened() {
    // issue 19: a FIFO was passed over in silence (and opening one would block for ever)
    let d = dir(&[("a.txt", b"First.")]);
    let fifo = d.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let r = run(d.path());
    assert_eq!(r.texts(), [("a.txt", "First.")]);
    let f = r.file("pipe.csv");
    assert_eq!((f.role, f.skipped), (Role::Unreadable, 1), "{f:#?}");
    assert_eq!(
        problems(f),
        [(None, "not a regular file (a FIFO): not read")]
    );
}
