//! The crate's error type, [`QdpxError`], and the problems [`crate::Project::check`]
//! finds in a project, [`Problem`].

use std::path::PathBuf;

/// Writing an archive failed.
#[derive(Debug, thiserror::Error)]
pub enum QdpxError {
    /// Creating, writing or renaming the file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The archive being written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The zip writer failed.
    #[error("cannot write {}: {source}", path.display())]
    Zip {
        /// The archive being written.
        path: PathBuf,
        /// Why.
        source: zip::result::ZipError,
    },
    /// The project cannot be exported as it is; nothing was written.
    #[error("cannot write {}: {problem}", path.display())]
    Invalid {
        /// The archive that was to be written.
        path: PathBuf,
        /// What is wrong with the project.
        problem: Problem,
    },
}

/// What is wrong with a project that cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Two codes share an id (they would share a GUID).
    #[error("code id {0:?} appears more than once")]
    DuplicateCode(String),
    /// Two sources share an id (they would share a GUID).
    #[error("source id {0:?} appears more than once")]
    DuplicateSource(String),
    /// A selection applies a code that is not in the codebook.
    #[error("source {source_id:?}: selection {start}..{end} applies unknown code {code_id:?}")]
    UnknownCode {
        /// The source's id.
        source_id: String,
        /// The unknown code id.
        code_id: String,
        /// The selection's start byte.
        start: usize,
        /// The selection's end byte.
        end: usize,
    },
    /// A selection is empty, reversed, past the end of the text, or off a character
    /// boundary.
    #[error(
        "source {source_id:?}: selection {start}..{end} of code {code_id:?} is not a non-empty \
         range of character boundaries of the text's {len} bytes"
    )]
    BadRange {
        /// The source's id.
        source_id: String,
        /// The selection's code id.
        code_id: String,
        /// The selection's start byte.
        start: usize,
        /// The selection's end byte.
        end: usize,
        /// The text's length in bytes.
        len: usize,
    },
}
