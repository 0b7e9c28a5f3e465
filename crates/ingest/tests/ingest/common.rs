//! Shared helpers: a directory of files, a run of `read_dir`, and lookups in its report.

use std::path::Path;

use tally_ingest::{
    read_dir, ClosedAnswer, Consultation, FileReport, IngestReport, Record, Response,
};

/// A temporary directory holding `files` (paths relative to it; folders made as needed).
pub fn dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let p = d.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    d
}

/// What one `read_dir` gave.
pub struct Run {
    pub responses: Vec<Response>,
    /// Closed answers given.
    pub closed: Vec<ClosedAnswer>,
    /// Closed questions (or grid items) left blank: records without an answer.
    pub blank_closed: Vec<ClosedAnswer>,
    pub report: IngestReport,
}

impl Run {
    /// The report of the file at `path`.
    pub fn file(&self, path: &str) -> &FileReport {
        self.report
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no report for {path}: {:#?}", self.paths()))
    }

    /// Every path in the report, in order.
    pub fn paths(&self) -> Vec<&str> {
        self.report.files.iter().map(|f| f.path.as_str()).collect()
    }

    /// The response with this id.
    pub fn response(&self, id: &str) -> &Response {
        self.responses
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| {
                panic!(
                    "no response {id}: {:?}",
                    self.responses.iter().map(|r| &r.id).collect::<Vec<_>>()
                )
            })
    }

    /// `(id, text)` of every response, in order.
    pub fn texts(&self) -> Vec<(&str, &str)> {
        self.responses
            .iter()
            .map(|r| (r.id.as_str(), r.text.as_str()))
            .collect()
    }
}

/// Reads `dir` (with its consultation.toml, if any) and checks the report's invariants.
pub fn run(dir: &Path) -> Run {
    let consultation = tally_ingest::find_consultation(dir).unwrap();
    run_with(dir, consultation.as_ref())
}

/// Reads `dir` with this consultation and checks the report's invariants.
pub fn run_with(dir: &Path, consultation: Option<&Consultation>) -> Run {
    let mut responses = Vec::new();
    let mut closed = Vec::new();
    let mut blank_closed = Vec::new();
    let report = read_dir(dir, consultation, &mut |r| match r {
        Record::Response(r) => responses.push(r),
        Record::Closed(c) if c.answer.is_none() => blank_closed.push(c),
        Record::Closed(c) => closed.push(c),
    });
    check_invariants(&report, &responses);
    let sum = |g: fn(&FileReport) -> u64| report.files.iter().map(g).sum::<u64>();
    assert_eq!(sum(|f| f.closed_answers), closed.len() as u64);
    assert_eq!(sum(|f| f.blank_closed), blank_closed.len() as u64);
    Run {
        responses,
        closed,
        blank_closed,
        report,
    }
}

/// What must hold of every report: every skip, warning and exclusion has a problem listed
/// (up to the cap), and every response is accounted for by a file.
pub fn check_invariants(report: &IngestReport, responses: &[Response]) {
    for f in &report.files {
        assert_eq!(
            f.problems.len() as u64,
            (f.skipped + f.warnings + f.excluded).min(200),
            "{f:#?}"
        );
        assert!(!f.path.is_empty(), "{f:#?}");
        // a wide table accounts for every free-text cell: rows × open questions =
        // responses + blank + skipped
        assert_ne!(f.wide_identity_holds(), Some(false), "{f:#?}");
    }
    // every response id is unique in the run: decisions and gold samples name one each
    let mut ids = std::collections::BTreeSet::new();
    for r in responses {
        assert!(ids.insert(r.id.as_str()), "response id {} used twice", r.id);
    }
    let counted: u64 = report.files.iter().map(|f| f.responses).sum();
    assert_eq!(counted, responses.len() as u64);
    for r in responses {
        assert!(
            report.files.iter().any(|f| *f.path == *r.source),
            "{} comes from a listed file",
            r.id
        );
    }
}

/// The reasons of a file's problems, with their lines.
pub fn problems(f: &FileReport) -> Vec<(Option<u64>, &str)> {
    f.problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect()
}

/// A consultation.toml with one closed+open question, one open question, id and type
/// columns, and a letters rule.
pub const CONSULTATION: &str = r#"
title = "Test"
[respondents]
id_column = "Response ID"
type_column = "You are"
types = ["Parent", "Council"]

[[questions]]
id = "Q1"
kind = "closed+open"
answer_column = "Q1: Do you agree?"
text_column = "Q1: Why?"
answers = ["Agree", "Disagree"]

[[questions]]
id = "Q2"
kind = "open"
text_column = "Q2: Anything else?"

[documents]
default_type = "Organisation"
[[documents.types]]
paths = ["letters/la-*"]
respondent_type = "Local authority"
"#;

/// The header of the wide export [`CONSULTATION`] describes.
pub const WIDE_HEADER: [&str; 5] = [
    "Response ID",
    "You are",
    "Q1: Do you agree?",
    "Q1: Why?",
    "Q2: Anything else?",
];
