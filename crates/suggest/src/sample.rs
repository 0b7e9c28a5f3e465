//! The evidence: the consultation's human-coded samples, as one list of coded responses.
//!
//! A consultation may declare several samples (`gold` globs): typically a primary coding
//! and a second, independent coding of a subset for inter-coder agreement. The largest
//! file (the first in path order among equals) is the primary sample; the others only add
//! the responses it lacks. Where two coders coded the same response, the primary coding
//! stands, so every figure here is "tally against the primary coder" (for the example
//! corpus: `human-coded.csv`, 271 responses, not its 120-response second coding).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tally_code::Codebook;
use tally_ingest::Consultation;
use tally_review::GoldSet;

use crate::error::SuggestError;

/// One human-coded response.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Response id (`R0123:Q4`, `letters/la-x.txt`).
    pub id: String,
    /// The respondent it belongs to: the id before `:QUESTION`, else the whole id.
    pub respondent: String,
    /// Question id.
    pub question: String,
    /// The text as the coder saw it.
    pub text: String,
    /// Per theme of the codebook (in codebook order): whether the coder coded it.
    pub gold: Vec<bool>,
}

/// The sample the suggestions learn from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The files read, in order (the first is the primary coding).
    pub sources: Vec<String>,
    /// Responses, by id.
    pub items: Vec<Item>,
    /// Per theme of the codebook: whether the sample has a column for it (a theme without
    /// one cannot be measured, and gets no proposals).
    pub evaluated: Vec<bool>,
}

/// The respondent of a response id: `R0123:Q4` → `R0123` when the part after the last `:`
/// is the response's question; any other id is its own respondent (a letter).
pub fn respondent_of(id: &str, question: &str) -> String {
    match id.rsplit_once(':') {
        Some((who, q)) if q == question && !who.is_empty() => who.to_string(),
        _ => id.to_string(),
    }
}

impl Sample {
    /// Merges gold sets (the first wins for a response coded twice) against `book`'s themes.
    pub fn from_golds(golds: &[GoldSet], book: &Codebook) -> Sample {
        let mut order: Vec<&GoldSet> = golds.iter().collect();
        // stable: equals keep their path order
        order.sort_by_key(|g| std::cmp::Reverse(g.items.len()));
        let mut seen = BTreeSet::new();
        let mut items = Vec::new();
        for g in &order {
            for (id, gi) in &g.items {
                if !seen.insert(id.clone()) {
                    continue;
                }
                items.push(Item {
                    id: id.clone(),
                    respondent: respondent_of(id, &gi.question),
                    question: gi.question.clone(),
                    text: gi.text.clone(),
                    gold: book
                        .themes
                        .iter()
                        .map(|t| gi.themes.contains(&t.id))
                        .collect(),
                });
            }
        }
        items.sort_by(|a, b| a.id.cmp(&b.id));
        let evaluated = book
            .themes
            .iter()
            .map(|t| order.first().is_some_and(|g| g.themes.contains(&t.id)))
            .collect();
        Sample {
            sources: order.iter().map(|g| g.path.clone()).collect(),
            items,
            evaluated,
        }
    }

    /// Reads the samples `consultation` declares (its `gold` globs, in path order).
    pub fn load(consultation: &Consultation, book: &Codebook) -> Result<Sample, SuggestError> {
        let golds = gold_paths(consultation)
            .iter()
            .map(|p| GoldSet::load(p).map_err(|e| SuggestError::Gold(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        if golds.is_empty() {
            return Err(SuggestError::NoSample(
                consultation.path.display().to_string(),
            ));
        }
        Ok(Sample::from_golds(&golds, book))
    }
}

/// The files under the consultation's directory that its `gold` globs name, sorted.
fn gold_paths(c: &Consultation) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&c.root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| is_gold(c, e.path()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths
}

fn is_gold(c: &Consultation, path: &Path) -> bool {
    path.strip_prefix(&c.root)
        .is_ok_and(|rel| c.is_gold(&rel.to_string_lossy().replace('\\', "/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondent_is_the_id_before_its_question() {
        assert_eq!(respondent_of("R0123:Q4", "Q4"), "R0123");
        assert_eq!(
            respondent_of("letters/la-x.txt", "letter"),
            "letters/la-x.txt"
        );
        assert_eq!(respondent_of("a:b:Q1", "Q1"), "a:b");
        assert_eq!(respondent_of("R1:Q2", "Q1"), "R1:Q2");
    }
}
