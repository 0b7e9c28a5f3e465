//! Why a corpus could not be generated.

use std::path::PathBuf;

/// A generation that could not complete; every variant names the file or directory.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A source file could not be read.
    #[error("{}: cannot read: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An output file or directory could not be written.
    #[error("{}: cannot write: {source}", .path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The source CSV is malformed (the error carries the line), or writing CSV failed.
    #[error("{}: {source}", .path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// Why, with the position in the file.
        source: csv::Error,
    },
    /// `consultation.toml` is not valid TOML.
    #[error("{}: {source}", .path.display())]
    Consultation {
        /// The file.
        path: PathBuf,
        /// Why, with the line.
        source: toml::de::Error,
    },
    /// A column named in `consultation.toml` is not in the survey export's header.
    #[error("{}: no column {column:?} (named in consultation.toml)", .path.display())]
    MissingColumn {
        /// The survey export.
        path: PathBuf,
        /// The column that is missing.
        column: String,
    },
    /// The survey export has a header but no rows to draw material from.
    #[error("{}: no responses to draw material from", .path.display())]
    NoRows {
        /// The survey export.
        path: PathBuf,
    },
    /// The output directory is the source directory or inside it, so it would overwrite or
    /// be read with the source.
    #[error(
        "output directory {} is inside the source directory {}: choose one outside it",
        .out.display(), .input.display()
    )]
    OutInsideSource {
        /// The output directory.
        out: PathBuf,
        /// The source directory.
        input: PathBuf,
    },
}
