//! A learned coder beside the codebook's rules (`tally learn`, `tally analyse --coder`).
//!
//! Where an organisation holds many human-coded responses, a per-theme logistic regression
//! over the response's normalised stems, pairs of adjacent stems and the codebook's rule
//! hits learns what the rules miss. Everything is auditable and deterministic:
//!
//! - [`data`]: the training data — human-coded sample files and the label columns of the
//!   consultation's own tables — with each file's SHA-256;
//! - [`features`]: what the model reads, by name (`w:stem`, `p:stem stem`, `r:theme`);
//! - [`logistic`]: the L2-regularised, class-weighted fit (L-BFGS, fixed budget);
//! - [`folds`], [`threshold`], [`metrics`]: grouped cross-validation, the per-theme
//!   threshold and the agreement figures;
//! - [`train::learn`]: all of it, into a [`CoderFile`] (coder.json);
//! - [`Model`]: a coder file ready to code, and [`Combine`]: how its codings join the
//!   rules'.
#![deny(missing_docs)]

pub mod coder;
pub mod combine;
pub mod data;
mod dir;
mod error;
pub mod features;
pub mod folds;
mod labels;
pub mod logistic;
pub mod metrics;
pub mod threshold;
pub mod train;
pub mod values;

pub use coder::{CoderFile, Model, ModelHit, TrainSettings};
pub use combine::Combine;
pub use data::{load as load_training, sha256_hex, Item, TrainingSet};
pub use dir::{learn_dir, Learned};
pub use error::LearnError;
pub use train::learn;
