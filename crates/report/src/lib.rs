//! Reporting: renders a run into `summary.md`, `report.html`, `themes.csv`, `closed.csv`,
//! `audit.jsonl`, `coded.csv` (and the workbook `coded.xlsx`), the review page `review.html`
//! and `run.json`, owns the JSON Schemas of the two JSON formats, reads `audit.jsonl` back
//! ([`AuditReader`]), and publishes a run's outputs all together ([`OutputSet`]).
//!
//! Writers are pure functions of their inputs: no clock, no absolute paths, no hash-map
//! order, so the same run gives byte-identical files.
//!
//! ```
//! use tally_report::neutralise_cell;
//! assert_eq!(neutralise_cell("=SUM(A1)"), "'=SUM(A1)");
//! assert_eq!(neutralise_cell("Parent or carer"), "Parent or carer");
//! ```
#![deny(missing_docs)]

mod audit;
mod body;
mod coded;
mod csvout;
mod estimates;
mod facts;
mod html;
mod manifest;
mod markdown;
mod prose;
mod publish;
mod reader;
mod review_page;
mod schema;
mod xlsx;

pub use audit::{
    AuditBody, AuditCampaign, AuditEvidence, AuditLine, AuditRedaction, AuditReview, AuditSource,
    AuditTheme, Score,
};
pub use body::BodyWriter;
pub use coded::{redacted_offset, redacted_text, CodedCsv, CodedRow};
pub use csvout::{neutralise_cell, write_closed_csv, write_themes_csv, NOT_ANSWERED};
pub use estimates::{estimates_entry, EstimatesEntry, QuestionEstimateEntry};
pub use facts::{HashedFile, RunFacts, RunSettings};
pub use html::{render_report, CAMPAIGNS_SHOWN, CSP, QUOTES_PER_THEME};
pub use manifest::{
    AgreementEntry, CodebookInfo, CoderInfo, ConsultationInfo, FileEntry, ProblemEntry,
    ReviewCounts, ReviewInfo, RunManifest, Settings, ThemeScore, ToolInfo, Totals,
    UnmatchedDecision, WideIdentity,
};
pub use markdown::{render_summary, SummaryMeta};
pub use prose::{added_now_coded_note, agreement_appendix, review_paragraph};
pub use publish::{OutputFile, OutputSet};
pub use reader::{read_coding, AuditError, AuditReader};
pub use review_page::{
    write_review_page, PageCoding, PageItem, ReviewItems, ReviewPageMeta, DECIDED_MAX,
    MAX_TEXT_BYTES, PER_THEME, REVIEW_CSP,
};
pub use schema::{audit_schema, run_schema};
pub use xlsx::{write_coded_xlsx, XlsxInfo, XLSX_ROWS};

/// An output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}
