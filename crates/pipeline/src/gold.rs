//! The human-coded samples a consultation declares, and how far tally agrees with them.

use std::path::Path;

use tally_ingest::Consultation;

use crate::discover::shown;
use crate::error::PipelineError;

/// The human-coded samples the consultation declares (`gold` globs), read and checked.
pub(crate) fn load_gold(
    consultation: Option<&Consultation>,
    input: &Path,
) -> Result<Vec<tally_review::GoldSet>, PipelineError> {
    let Some(c) = consultation else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&c.root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .strip_prefix(&c.root)
                .is_ok_and(|rel| c.is_gold(&rel.to_string_lossy().replace('\\', "/")))
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut g =
                tally_review::GoldSet::load(p).map_err(|e| PipelineError::Gold(e.to_string()))?;
            g.path = shown(p, input);
            Ok(g)
        })
        .collect()
}

/// tally against each gold sample, then each pair of gold samples (human against human).
pub(crate) fn agreements(
    golds: &[tally_review::GoldSet],
    coding: &tally_review::Coding,
    evidence: &tally_review::EvidenceTexts,
    theme_ids: &[String],
) -> Vec<tally_review::Agreement> {
    tally_review::agreements(coding, evidence, golds, theme_ids)
}
