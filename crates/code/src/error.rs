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

/// 1-based line numbers of byte offsets in a source: its line starts found in one pass,
/// each lookup a binary search over them (a codebook asks once per theme and rule, so a
/// scan from the start for each would be quadratic in the number of themes).
pub(crate) struct Lines {
    /// Byte offsets of the source's line feeds, in order.
    breaks: Vec<usize>,
}

impl Lines {
    /// The line feeds of `src`.
    pub(crate) fn new(src: &str) -> Lines {
        Lines {
            breaks: memchr::memchr_iter(b'\n', src.as_bytes()).collect(),
        }
    }

    /// 1-based line number of byte offset `at`: one more than the line feeds before it.
    pub(crate) fn line(&self, at: usize) -> usize {
        self.breaks.partition_point(|&b| {
            steps::add(1);
            b < at
        }) + 1
    }
}

/// A count of the elementary steps (comparisons) `Codebook::parse` takes, so that a test
/// can check how they grow with the number of themes without timing anything.
pub(crate) mod steps {
    #[cfg(test)]
    thread_local! {
        static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// Counts `n` steps (only in tests).
    #[inline(always)]
    pub(crate) fn add(n: u64) {
        #[cfg(test)]
        STEPS.with(|s| s.set(s.get() + n));
        #[cfg(not(test))]
        let _ = n;
    }

    /// The steps counted on this thread so far.
    #[cfg(test)]
    pub(crate) fn taken() -> u64 {
        STEPS.with(std::cell::Cell::get)
    }
}
