//! Aggregation: from coded responses to the numbers a published analysis states — counts,
//! bases, percentages rounded half up, plain-English quantifiers, respondent-type
//! breakdowns with small cells flagged, closed-question tallies — and the supporting quotes.
//!
//! The [`Aggregator`] is fed one response at a time (streaming: it keeps counts and a few
//! candidate quotes per cell, never the corpus) and [`Aggregator::finish`]es into a
//! [`Summary`] that the report stage renders.
//!
//! ```
//! use tally_aggregate::{percent, quantifier};
//! assert_eq!(percent(1, 8), Some(13));          // 12.5 rounds half up
//! assert_eq!(quantifier(33, 100), "around a third of respondents");
//! assert_eq!(quantifier(82, 100), "most respondents");
//! ```
#![deny(missing_docs)]

mod aggregator;
mod closed;
mod estimates;
mod numbers;
mod questions;
mod quote;
mod summary;

pub use aggregator::{Aggregator, Membership, QuestionInfo, Settings, ThemeInfo};
pub use closed::ClosedKind;
pub use estimates::{
    share_percent, share_tenths, CellEstimate, Estimates, QuestionEstimates, ThemeEstimates,
};
pub use numbers::{capitalise, percent, quantifier, QUANTIFIER_TABLE};
pub use quote::{
    quote_candidates, quote_candidates_for, quote_candidates_in, quote_span, quote_span_in,
    score_quote, strength, QuoteCandidate, QuoteSpan, STRONG, WEAK, WORDS,
};
pub use summary::{
    CampaignSummary, Cell, ClosedResult, OverallSummary, QuestionSummary, Quote, Summary,
    ThemeResult,
};
