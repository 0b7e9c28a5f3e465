//! Ingest: reads a consultation's inputs — survey exports (wide or long; CSV or TSV with
//! any common delimiter, XLSX / XLS / ODS workbooks), JSONL, letters and emails (`.txt`,
//! `.md`, `.html`, `.docx`, `.odt`, `.pdf`, `.eml` with its attachments) — into
//! [`Response`]s and [`ClosedAnswer`]s, and accounts for every file and row in an
//! [`IngestReport`].
//!
//! Text files may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
//! mark, or Windows-1252 as Excel writes it; the encoding found is recorded per file.
//!
//! A bad row or file never stops ingest: it is recorded as a [`Problem`] naming the file and
//! line, and reading carries on. Files are visited in a fixed order (sorted by name), so the
//! same inputs always give the same records in the same order, with the same stable ids,
//! each unique in the run: `RESPONDENT:QUESTION` for survey rows, the relative path for
//! letters (the [`Response::id`] docs give every case).
//!
//! ```
//! use tally_ingest::{read_dir, Record};
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("r.jsonl"),
//!     "{\"id\":\"a1\",\"respondent_type\":\"Parent\",\"question\":\"Q1\",\"text\":\"More funding.\"}\nnot json\n").unwrap();
//! let mut texts = Vec::new();
//! let report = read_dir(dir.path(), None, &mut |r| if let Record::Response(r) = r { texts.push((r.id, r.text)) });
//! assert_eq!(texts, [("a1:Q1".into(), "More funding.".to_string())]);
//! assert_eq!(report.files[0].skipped, 1);
//! assert!(report.files[0].problems[0].reason.contains("not valid JSON"));
//! ```
#![deny(missing_docs)]

mod bounded;
mod closed;
mod columns;
mod consultation;
mod csvfile;
mod decode;
mod document;
mod email;
mod expansion;
mod hashing;
mod html;
mod ids;
mod jsonl;
mod limits;
mod longid;
mod office;
mod pdf;
mod record;
mod report;
mod runids;
mod shapes;
mod sheet;
mod table;
mod walk;
mod workbook;

pub use consultation::{
    document_question, Answer, CodingMode, Consultation, ConsultationError, DocumentType,
    ExcludeRows, LongColumns, Question, QuestionKind, DEFAULT_DOCUMENT_QUESTION,
    DEFAULT_DOCUMENT_TYPE,
};
pub use ids::Ids;
pub use limits::{max_response_bytes, set_max_response_bytes, DEFAULT_MAX_RESPONSE_BYTES};
pub use record::{ClosedAnswer, Label, Record, Response, SourceName};
pub use report::{FileReport, IngestReport, Problem, Role, WideCount, MAX_LISTED_PROBLEMS};
pub use shapes::{ClosedShape, GridItem, UNTICKED};
pub use walk::{find_consultation, find_named, list_paths, read_dir, read_dir_unhashed, ReadDir};
