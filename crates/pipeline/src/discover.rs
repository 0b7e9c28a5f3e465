//! Finding the codebook and checking where outputs may go.

use std::path::{Path, PathBuf};

use crate::error::PipelineError;

/// The single `codebook.toml` under `dir`.
pub fn find_codebook(dir: &Path) -> Result<PathBuf, PipelineError> {
    let found = tally_ingest::find_named(dir, "codebook.toml");
    match found.len() {
        0 => Err(PipelineError::NoCodebook(dir.display().to_string())),
        1 => Ok(found.into_iter().next().unwrap_or_default()),
        _ => Err(PipelineError::AmbiguousCodebook {
            dir: dir.display().to_string(),
            found: tally_ingest::list_paths(&found),
        }),
    }
}

/// The absolute form of a path that may not exist yet: its nearest existing ancestor
/// canonicalised, plus the rest.
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut abs = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        abs.push(name);
    }
    abs
}

/// Refuses an output directory inside the input directory.
pub(crate) fn check_out(input: &Path, out: &Path) -> Result<(), PipelineError> {
    let (i, o) = (absolute(input), absolute(out));
    if o.starts_with(&i) {
        return Err(PipelineError::OutInsideInput {
            out: out.display().to_string(),
            input: input.display().to_string(),
        });
    }
    Ok(())
}

/// Refuses a review file that this run would overwrite: one of the `outputs` in `out`
/// (a reviewer's decisions marked in `output/coded.csv` would be lost to the new one).
pub(crate) fn check_not_overwritten(
    review: &Path,
    out: &Path,
    outputs: &[&str],
) -> Result<(), PipelineError> {
    let r = absolute(review);
    let (o, names) = (absolute(out), outputs.iter().chain(&["coded.xlsx"]));
    if names.into_iter().any(|name| r == o.join(name)) {
        return Err(PipelineError::ReviewOverwritten(
            review.display().to_string(),
        ));
    }
    Ok(())
}

/// `path` shown relative to `base` when inside it (with `/`), else as given.
pub(crate) fn shown(path: &Path, base: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_outputs_inside_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir(&input).unwrap();
        assert!(check_out(&input, &input.join("out")).is_err());
        assert!(check_out(&input, &input).is_err());
        assert!(check_out(&input, &input.join("a/b/../c")).is_err());
        assert!(check_out(&input, &dir.path().join("out")).is_ok());
        assert!(check_out(&input, &dir.path().join("in-out")).is_ok());
    }
}
