//! Ingest: reads a consultation's inputs — survey exports (wide or long CSV), JSONL,
//! letters and emails (`.txt`, `.md`) — into [`Response`]s and [`ClosedAnswer`]s, and
//! accounts for every file and row in an [`IngestReport`].
//!
//! A bad row or file never stops ingest: it is recorded as a [`Problem`] naming the file and
//! line, and reading carries on. Files are visited in a fixed order (sorted by name), so the
//! same inputs always give the same records in the same order, with the same stable ids:
//! `RESPONDENT:QUESTION` for survey rows, the relative path for letters.
//!
//! ```
//! use tally_ingest::{read_dir, Record};
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("r.jsonl"),
//!     "{\"id\":\"a1\",\"respondent_type\":\"Parent\",\"question\":\"Q1\",\"text\":\"More funding.\"}\nnot json\n").unwrap();
//! let mut texts = Vec::new();
//! let report = read_dir(dir.path(), None, &mut |r| if let Record::Response(r) = r { texts.push(r.text) });
//! assert_eq!(texts, ["More funding."]);
//! assert_eq!(report.files[0].skipped, 1);
//! assert!(report.files[0].problems[0].reason.contains("not valid JSON"));
//! ```
#![deny(missing_docs)]

mod consultation;
mod csvfile;
mod document;
mod hashing;
mod jsonl;
mod record;
mod report;
mod walk;

pub use consultation::{
    Answer, Consultation, ConsultationError, DocumentType, Question, QuestionKind,
};
pub use record::{ClosedAnswer, Record, Response};
pub use report::{FileReport, IngestReport, Problem, Role};
pub use walk::{find_consultation, read_dir};
