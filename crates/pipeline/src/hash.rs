//! SHA-256 of the files the outputs cite (consultation.toml, the codebook, the review
//! file). A file that cannot be hashed fails the run: run.json never cites a file with an
//! empty digest.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::PipelineError;
use crate::options::Options;

/// The SHA-256 of `bytes`, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// The SHA-256 of the file at `path`; an error if it cannot be read.
pub(crate) fn sha256_file(path: &Path, opts: &Options) -> Result<String, PipelineError> {
    let read = if crate::plan::is_failing_hash(path, opts) {
        Err(std::io::Error::other("injected read failure (test hook)"))
    } else {
        std::fs::read(path)
    };
    read.map(|bytes| sha256_hex(&bytes))
        .map_err(|source| PipelineError::Hash {
            path: path.display().to_string(),
            source,
        })
}
