//! Reporting: renders a run into `summary.md`, `themes.csv`, `closed.csv`, `audit.jsonl`,
//! `coded.csv` (and the workbook `coded.xlsx`) and `run.json`, owns the JSON Schemas of the
//! two JSON formats, and publishes a run's outputs all together ([`OutputSet`]).
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
mod manifest;
mod markdown;
mod publish;
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
pub use manifest::{
    AgreementEntry, CampaignEntry, CodebookInfo, CoderInfo, ConsultationInfo, FileEntry,
    ProblemEntry, ReviewInfo, RunManifest, Settings, ThemeScore, ToolInfo, Totals,
    UnmatchedDecision, WideIdentity,
};
pub use markdown::{render_summary, SummaryMeta};
pub use publish::{OutputFile, OutputSet};
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
