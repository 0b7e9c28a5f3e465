//! The pipeline: orchestrates one run from an input directory to the published reports.
//! It orders the steps and moves values between them; it renders nothing and defines no
//! output type (every output and its prose are `tally-report`'s).
//!
//! ```text
//! plan ──► pass 1: reader ─► signers (rayon) ─► inserter ──► Campaigns
//!            (consultation, codebook, gold, decisions; cited files hashed)
//!      ──► pass 2: reader ─► workers (rayon; memo of repeats) ─► merge (input order)
//!                                                               ├─► audit.jsonl, coded.csv
//!                                                               └─► Aggregator
//!      ──► same input twice? --strict? ──► publish: tally-report renders, OutputSet commits
//! ```
//!
//! Modules, in the order a run uses them: `plan`, `pass1`, `pass2` (`reader`, `stage`,
//! `memo`, `merge`, `review`), `reread`, `publish`. Responses are coded in parallel in
//! batches and consumed in input order, so outputs are byte-identical whatever the thread
//! count. Memory holds a few batches, the counts and a few candidate quotes per cell, never
//! the corpus. A thread that panics, a manifest that cannot be serialised or a cited file
//! that cannot be hashed fails the run ([`PipelineError`]); nothing is published then.
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
mod resolve;
mod review;
mod run;
mod stage;

pub use discover::find_codebook;
pub use error::PipelineError;
pub use options::{CampaignMode, NoProgress, Options, Progress, XlsxMode};
pub use run::{analyse, Outcome, OUTPUT_FILES};
