//! Synthetic consultations: a deterministic generator of large survey exports, made from a
//! real consultation's material, for benchmarks and stress tests.
//!
//! [`generate`] reads a consultation directory's `responses.csv` and `consultation.toml`,
//! learns its material — respondent types and their shares, each type's closed answers and
//! organisation names, each free-text question's answers, sentences and blank rate, and the
//! organised campaign — and writes any number of new respondents to `out/responses.csv`,
//! with exactly the source's header, beside copies of `consultation.toml` and
//! `codebook.toml`, so that `tally analyse out/` runs directly. Letters and human-coded
//! samples are not copied.
//!
//! Each new respondent gets an id `S0000001`…, a type drawn from the source's shares, the
//! closed answers and organisation name of a respondent of that type, a submission time
//! advancing steadily across the source's span, and free-text answers that are blank at
//! the source's rate or else a whole source answer, a mix of sentences from different
//! respondents, or a long answer, lightly perturbed with typos, lower case and missing
//! apostrophes. About 8% are campaign members who send the campaign's text, verbatim or
//! slightly edited.
//!
//! The same seed and respondent count give byte-identical output. Rows are streamed to the
//! file as they are made, so memory stays flat however many respondents are asked for.
//!
//! ```
//! use tally_synth::{generate, SynthOptions};
//!
//! let out = tempfile::tempdir().unwrap();
//! let opts = SynthOptions {
//!     respondents: 1_000,
//!     seed: 42,
//!     source: concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/stable-homes").into(),
//!     out: out.path().to_path_buf(),
//! };
//! let stats = generate(&opts).unwrap();
//! assert_eq!(stats.respondents, 1_000);
//! assert!(stats.campaign_respondents > 0 && stats.free_text_answers > 1_000);
//!
//! let mut rows = csv::Reader::from_path(out.path().join("responses.csv")).unwrap();
//! let first = rows.records().next().unwrap().unwrap();
//! assert_eq!(&first[0], "S0000001");
//! assert!(out.path().join("codebook.toml").exists());
//! ```
#![deny(missing_docs)]

mod answer;
mod campaign;
mod categorical;
mod date;
mod error;
mod material;
mod perturb;
mod writer;

use std::path::{Path, PathBuf};

pub use error::SynthError;

/// What to generate, from what, and where.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// How many respondents to generate.
    pub respondents: u64,
    /// The seed: the same seed and respondent count give byte-identical output.
    pub seed: u64,
    /// A consultation directory holding `responses.csv` and `consultation.toml` (and
    /// usually `codebook.toml`), e.g. `corpus/stable-homes`.
    pub source: PathBuf,
    /// The directory to write to (created if missing); must not be inside `source`.
    pub out: PathBuf,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SynthStats {
    /// Respondents written (rows of `responses.csv`).
    pub respondents: u64,
    /// Non-blank free-text answers written.
    pub free_text_answers: u64,
    /// Respondents who answered as members of the organised campaign.
    pub campaign_respondents: u64,
    /// Size of the generated `responses.csv` in bytes.
    pub bytes: u64,
}

/// Generates `opts.respondents` respondents from the material of `opts.source` into
/// `opts.out`: `responses.csv`, `consultation.toml` and, if the source has one,
/// `codebook.toml`.
pub fn generate(opts: &SynthOptions) -> Result<SynthStats, SynthError> {
    let material = material::Material::read(&opts.source)?;

    // Checked before anything is created, so a refused run leaves the source untouched.
    if absolute(&opts.out)?.starts_with(absolute(&opts.source)?) {
        return Err(SynthError::OutInsideSource {
            out: opts.out.clone(),
            input: opts.source.clone(),
        });
    }
    std::fs::create_dir_all(&opts.out).map_err(|source| SynthError::Write {
        path: opts.out.clone(),
        source,
    })?;

    let stats = writer::write_responses(
        &material,
        opts.respondents,
        opts.seed,
        &opts.out.join("responses.csv"),
    )?;
    for (name, required) in [("consultation.toml", true), ("codebook.toml", false)] {
        let from = opts.source.join(name);
        if !required && !from.exists() {
            continue;
        }
        std::fs::copy(&from, opts.out.join(name)).map_err(|source| SynthError::Write {
            path: opts.out.join(name),
            source,
        })?;
    }
    Ok(stats)
}

/// `path` made absolute with links resolved, for the parts that exist (the rest of a
/// directory yet to be created is appended as given).
fn absolute(path: &Path) -> Result<PathBuf, SynthError> {
    let mut existing = path;
    let mut missing = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(found) => return Ok(missing.iter().rev().fold(found, |p, part| p.join(part))),
            Err(source) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    missing.push(name);
                    existing = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                }
                _ => {
                    return Err(SynthError::Read {
                        path: path.to_path_buf(),
                        source,
                    })
                }
            },
        }
    }
}
