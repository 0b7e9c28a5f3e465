//! `review.html`: a self-contained page to review the run's codings in a browser — per
//! theme, the coded responses with their evidence highlighted in the redacted text,
//! filters by question, respondent type, rule and campaign, **accept** / **reject** on each
//! coding and **add theme** on a response. Decisions stay in the browser's localStorage
//! (keyed by the run: codebook and input) and are exported with one button as the
//! decisions file `tally analyse --review` reads; a page written by a run with `--review`
//! shows those decisions as applied, and its export keeps them.
//!
//! The items are collected while coding ([`ReviewItems`], fed the rows coded.csv gets, in
//! input order, capped per theme) and written at the end ([`write_review_page`]).

mod items;
mod render;
mod spans;

pub use items::{PageCoding, PageItem, ReviewItems, DECIDED_MAX, PER_THEME};
pub use render::{write_review_page, ReviewPageMeta, REVIEW_CSP};
pub use spans::MAX_TEXT_BYTES;

#[cfg(test)]
mod tests;
