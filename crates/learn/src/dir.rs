//! `tally learn DIR`: the consultation and codebook of a folder found as `tally analyse`
//! finds them, its training data read, and a coder trained.

use std::path::{Path, PathBuf};

use tally_code::{Codebook, Matcher};
use tally_ingest::Consultation;

use crate::coder::{CoderFile, TrainSettings};
use crate::data::{load, sha256_hex};
use crate::error::LearnError;

/// A trained coder and what was left out of its training data.
#[derive(Debug)]
pub struct Learned {
    /// The coder.
    pub coder: CoderFile,
    /// What was left out and why, one line each (`file:line: reason`).
    pub problems: Vec<String>,
}

fn setup(e: impl std::fmt::Display) -> LearnError {
    LearnError::Setup(e.to_string())
}

/// Trains a coder on the human-coded responses of the consultation in `input`
/// (consultation.toml and codebook.toml found in it unless given).
pub fn learn_dir(
    input: &Path,
    consultation: Option<&Path>,
    codebook: Option<&Path>,
    settings: TrainSettings,
) -> Result<Learned, LearnError> {
    if !input.is_dir() {
        return Err(setup(format!(
            "input {}: not a readable directory",
            input.display()
        )));
    }
    let consultation: Option<Consultation> = match consultation {
        Some(p) => Some(Consultation::load(p).map_err(setup)?),
        None => tally_ingest::find_consultation(input).map_err(setup)?,
    };
    let codebook_path: PathBuf = match codebook {
        Some(p) => p.to_path_buf(),
        None => {
            let found = tally_ingest::find_named(input, "codebook.toml");
            match found.as_slice() {
                [one] => one.clone(),
                [] => {
                    return Err(setup(format!(
                        "no codebook.toml in {}: give --codebook",
                        input.display()
                    )))
                }
                _ => {
                    return Err(setup(format!(
                        "several codebook.toml in {} ({}): give --codebook",
                        input.display(),
                        tally_ingest::list_paths(&found)
                    )))
                }
            }
        }
    };
    let src = std::fs::read(&codebook_path)
        .map_err(|e| setup(format!("{}: {e}", codebook_path.display())))?;
    let text = String::from_utf8_lossy(&src);
    let book = Codebook::parse(&text, &codebook_path.display().to_string()).map_err(|es| {
        setup(
            es.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let matcher = Matcher::compile(&book).map_err(|es| {
        setup(
            es.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let set = load(input, consultation.as_ref(), &book)?;
    if set.items.is_empty() {
        return Err(setup(
            "no human-coded responses: declare sample files (`gold`) or the tables' label columns (`label_columns`) in consultation.toml",
        ));
    }
    let coder = crate::train::learn(&set, &book, &matcher, &sha256_hex(&src), settings);
    Ok(Learned {
        coder,
        problems: set.problems,
    })
}
