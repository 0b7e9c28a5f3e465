//! What can stop `tally codebook suggest`.

/// A failure of the suggestion command.
#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    /// A human-coded sample cannot be read.
    #[error("{0}")]
    Gold(String),
    /// The consultation declares no human-coded sample.
    #[error("{0}: declares no human-coded sample (`gold = [...]`): nothing to learn from")]
    NoSample(String),
    /// The codebook does not compile (a generated probe or an edited codebook).
    #[error("{0}")]
    Codebook(String),
    /// A proposal number given to `--apply` is not in the list.
    #[error("no proposal {0} (the report numbers them from 1 to {1})")]
    NoProposal(usize, usize),
    /// An edit could not be placed in the codebook's text.
    #[error("cannot apply proposal {0}: {1}")]
    Apply(usize, String),
}
