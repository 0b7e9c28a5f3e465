//! `tally codebook suggest`: rule suggestions learned from the human-coded sample, each
//! measured out of fold.
//!
//! The loop an analyst runs by hand — read the disagreements, fix the rules, measure again —
//! made fast and honest:
//!
//! 1. the consultation's human-coded sample ([`Sample`]) is coded by the current codebook
//!    exactly as `tally analyse` codes it;
//! 2. per theme, the misses and false hits are listed with their text and what fired;
//! 3. edits are proposed ([`learn`]): new phrases and `near` pairs distinctive
//!    of the missed positives (1–3-word n-grams on tally's normalised stems, scored against
//!    all negatives), `unless` exclusions for the contexts of false hits, and tighter forms
//!    of a one-word pattern whose false hits outweigh its hits ([`narrow`]);
//! 4. each edit is measured out of fold ([`crossval`]): k-fold cross-validation grouped by
//!    respondent ([`folds`]), learned on the other folds and counted on the held-out one,
//!    so only edits that generalise are shown;
//! 5. [`apply`](apply::apply) writes the chosen ones into a copy of the codebook.
//!
//! Deterministic: the same inputs give the same report, byte for byte.
#![deny(missing_docs)]

pub mod apply;
pub mod baseline;
pub mod crossval;
pub mod edit;
mod error;
pub mod folds;
pub mod learn;
pub mod narrow;
pub mod prepare;
pub mod quote;
pub mod render;
pub mod sample;
pub mod score;
pub mod stopwords;
pub mod suggest;
pub mod universe;

pub use error::SuggestError;
pub use sample::{Item, Sample};
pub use suggest::{half_split_gain, suggest, Change, Proposal, Report, Settings};
