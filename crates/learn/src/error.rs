//! What stops `tally learn` or a coder from loading.

/// An error of training or loading a coder.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    /// The consultation, codebook or samples do not fit together.
    #[error("{0}")]
    Setup(String),
    /// A coder file cannot be read or used.
    #[error("{path}: {message}")]
    Coder {
        /// The coder file.
        path: String,
        /// Why.
        message: String,
    },
}
