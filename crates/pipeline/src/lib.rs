//! The pipeline: one streaming, deterministic pass from an input directory to the reports.
//!
//! ```text
//! consultation.toml ─┐
//! codebook.toml ─────┼─► ingest ──records──► batches ──rayon──► code ──in order──► aggregate ──► report
//! inputs ────────────┘                                          └──────────────► audit.jsonl (streamed)
//! ```
//!
//! Responses are coded in parallel in batches and consumed in input order, so outputs are
//! byte-identical whatever the thread count. Memory holds one batch, the counts and a few
//! candidate quotes per cell, never the corpus.
//!
//! ```no_run
//! use tally_pipeline::{analyse, Options, NoProgress};
//! let outcome = analyse(&Options::new("corpus", "output"), &NoProgress).unwrap();
//! println!("{} responses, {} problems", outcome.manifest.totals.responses, outcome.problems);
//! ```
#![deny(missing_docs)]

mod discover;
mod dropbehind;
mod error;
mod freelater;
mod gold;
mod hash;
mod lines;
mod memo;
mod merge;
mod options;
mod pass1;
mod pass2;
mod perthread;
mod plan;
mod publish;
mod qdpx;
mod reader;
mod reread;
mod review;
mod run;
mod stage;

pub use discover::find_codebook;
pub use error::PipelineError;
pub use options::{CampaignMode, NoProgress, Options, Progress, XlsxMode};
pub use run::{analyse, Outcome, OUTPUT_FILES};
