//! Codebook errors, each with the line and theme it concerns.

use std::fmt;

/// One problem found in a codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookError {
    /// The codebook's path, as given.
    pub path: String,
    /// 1-based line of the problem (the first line when it concerns the whole file).
    pub line: usize,
    /// The theme the problem is in, if any.
    pub theme: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CodebookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.path, self.line)?;
        if let Some(t) = &self.theme {
            write!(f, "theme `{t}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for CodebookError {}

/// 1-based line number of byte offset `at` in `src`.
pub(crate) fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
