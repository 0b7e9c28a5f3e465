//! End-to-end tests of the `tally` binary, grouped by topic. Shared helpers are in
//! `common.rs`; regression tests are named after the issue they pin.

mod agreement;
mod analyse;
mod audit_format;
mod bad_input;
mod bounds;
mod campaigns;
mod codebook;
mod common;
mod corpus;
mod discover;
mod document_question;
mod estimates;
mod learn;
mod outputs;
mod personal_data;
mod qdpx;
mod quotes;
mod report_html;
mod review;
mod review_sheet;
mod schemas;
mod shapes;
mod single_mode;
mod snapshots;
mod suggest;
