//! The training data: a consultation's human-coded responses, from its human-coded sample
//! files (`gold` in consultation.toml) and from the label columns of its own tables
//! (`label_columns`), each with the respondent it belongs to (folds are grouped by it).
//!
//! - A label column is named by a theme's `label` in the codebook. Every response read from
//!   a row of a table holding the label columns is a coded item: its themes are the labels
//!   coded on its row (none, when the row's label cells are all blank). Only CSV and TSV
//!   tables are read for labels.
//! - A sample file's theme columns are theme ids; its items take their respondent from the
//!   response of the same id in the input (else the response id stands for the respondent).
//! - A response coded twice (a second coder's sample, or a sample of a labelled table) is
//!   trained on once, with its first coding: label columns first, then sample files in path
//!   order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tally_code::Codebook;
use tally_ingest::{Consultation, Record, Response};

use crate::error::LearnError;

/// One human-coded response.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Response id.
    pub id: String,
    /// The respondent (the group its fold is chosen by).
    pub respondent: String,
    /// Question id.
    pub question: String,
    /// The text as coded.
    pub text: String,
    /// The theme ids people coded.
    pub themes: BTreeSet<String>,
}

/// A file the training data came from, with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Path relative to the analysed folder (a sample file outside it: as found).
    pub path: String,
    /// `labels` (a table's own label columns) or `sample` (a human-coded sample file).
    pub role: String,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// Items trained on from it.
    pub items: u64,
}

/// The human-coded responses of a consultation, and where they came from.
#[derive(Debug, Default)]
pub struct TrainingSet {
    /// The items, label columns first, in input order, then each sample file's.
    pub items: Vec<Item>,
    /// The files read.
    pub files: Vec<SourceFile>,
    /// What was left out and why, one line each (`file:line: reason`).
    pub problems: Vec<String>,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the training data of the consultation `consultation` in `input`, coded with the
/// themes of `book`.
pub fn load(
    input: &Path,
    consultation: Option<&Consultation>,
    book: &Codebook,
) -> Result<TrainingSet, LearnError> {
    let mut responses: Vec<Response> = Vec::new();
    let report = tally_ingest::read_dir(input, consultation, &mut |r| {
        if let Record::Response(r) = r {
            responses.push(r);
        }
    });
    let mut set = TrainingSet::default();
    for f in &report.files {
        for p in &f.problems {
            let line = p.line.map_or(String::new(), |l| format!(":{l}"));
            set.problems.push(format!("{}{line}: {}", f.path, p.reason));
        }
    }
    let mut seen = BTreeSet::new();
    if let Some(c) = consultation.filter(|c| !c.label_columns.is_empty()) {
        let themes = label_themes(&c.label_columns, book)?;
        let sha: BTreeMap<&str, &str> = report
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.sha256.as_str()))
            .collect();
        let mut by_file: BTreeMap<String, Vec<&Response>> = BTreeMap::new();
        for r in &responses {
            by_file.entry(r.source.to_string()).or_default().push(r);
        }
        // files in input order: the order their responses came in
        let mut order: Vec<String> = Vec::new();
        let mut listed = BTreeSet::new();
        for r in &responses {
            if listed.insert(r.source.to_string()) {
                order.push(r.source.to_string());
            }
        }
        for file in order {
            let path = input.join(&file);
            let labels = match crate::labels::read(&path, &c.label_columns) {
                Ok(Some(l)) => l,
                Ok(None) => continue,
                Err(e) => {
                    set.problems
                        .push(format!("{file}: {e}: its labels not used"));
                    continue;
                }
            };
            for (line, message) in &labels.problems {
                set.problems.push(format!("{file}:{line}: {message}"));
            }
            let mut used = 0;
            for r in &by_file[&file] {
                let Some(coded) = labels.rows.get(&r.line) else {
                    continue;
                };
                if !seen.insert(r.id.to_string()) {
                    continue;
                }
                used += 1;
                set.items.push(Item {
                    id: r.id.to_string(),
                    respondent: r.respondent.to_string(),
                    question: r.question.to_string(),
                    text: r.text.clone(),
                    themes: coded.iter().map(|&k| themes[k].clone()).collect(),
                });
            }
            set.files.push(SourceFile {
                path: file.clone(),
                role: "labels".into(),
                sha256: sha
                    .get(file.as_str())
                    .map_or_else(|| hash_file(&path), |s| s.to_string()),
                items: used,
            });
        }
    }
    if let Some(c) = consultation {
        let respondents: BTreeMap<&str, &str> = responses
            .iter()
            .map(|r| (r.id.as_str(), r.respondent.as_str()))
            .collect();
        for path in sample_files(c) {
            add_sample(&mut set, &mut seen, &path, input, book, &respondents)?;
        }
    }
    Ok(set)
}

/// The theme id of each label column: the theme whose label it is.
fn label_themes(columns: &[String], book: &Codebook) -> Result<Vec<String>, LearnError> {
    let mut missing = Vec::new();
    let themes = columns
        .iter()
        .map(|c| match book.themes.iter().find(|t| t.label == *c) {
            Some(t) => t.id.clone(),
            None => {
                missing.push(format!("{c:?}"));
                String::new()
            }
        })
        .collect();
    if missing.is_empty() {
        Ok(themes)
    } else {
        Err(LearnError::Setup(format!(
            "label column(s) {} name no theme of the codebook (a label column is named by its theme's `label`)",
            missing.join(", ")
        )))
    }
}

fn hash_file(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| sha256_hex(&b))
        .unwrap_or_default()
}

/// The consultation's human-coded sample files (its `gold` globs), in path order.
fn sample_files(c: &Consultation) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&c.root)
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
}

/// Adds the items of one sample file.
fn add_sample(
    set: &mut TrainingSet,
    seen: &mut BTreeSet<String>,
    path: &Path,
    input: &Path,
    book: &Codebook,
    respondents: &BTreeMap<&str, &str>,
) -> Result<(), LearnError> {
    let shown = path
        .strip_prefix(input)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let gold = tally_review::GoldSet::load(path).map_err(|e| LearnError::Setup(e.to_string()))?;
    for t in &gold.themes {
        if !book.themes.iter().any(|b| b.id == *t) {
            set.problems.push(format!(
                "{shown}: column {t:?} is no theme id of the codebook: not trained on"
            ));
        }
    }
    let mut used = 0;
    for (id, g) in &gold.items {
        if !seen.insert(id.clone()) {
            continue;
        }
        used += 1;
        set.items.push(Item {
            id: id.clone(),
            respondent: respondents
                .get(id.as_str())
                .map_or_else(|| id.clone(), |r| r.to_string()),
            question: g.question.clone(),
            text: g.text.clone(),
            themes: g
                .themes
                .iter()
                .filter(|t| book.themes.iter().any(|b| b.id == **t))
                .cloned()
                .collect(),
        });
    }
    set.files.push(SourceFile {
        path: shown,
        role: "sample".into(),
        sha256: hash_file(path),
        items: used,
    });
    Ok(())
}
