//! Human-coded samples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A gold file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Cannot read it.
    #[error("{path}: {message}")]
    Read {
        /// File.
        path: String,
        /// Why.
        message: String,
    },
    /// A row is malformed.
    #[error("{path}:{line}: {message}")]
    Row {
        /// File.
        path: String,
        /// Line.
        line: u64,
        /// Why.
        message: String,
    },
}

/// One human-coded response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldItem {
    /// Question id.
    pub question: String,
    /// Respondent type.
    pub respondent_type: String,
    /// The text as the coder saw it.
    pub text: String,
    /// Themes the coder judged raised.
    pub themes: BTreeSet<String>,
}

/// A human-coded sample: `response_id, question, respondent_type, text`, then one column
/// per theme id (`1`, `yes`, `y`, `true` or `x` = coded; empty or `0` = not coded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSet {
    /// Path as given.
    pub path: String,
    /// Theme columns, in file order.
    pub themes: Vec<String>,
    /// Items by response id.
    pub items: BTreeMap<String, GoldItem>,
}

const FIXED: [&str; 4] = ["response_id", "question", "respondent_type", "text"];

impl GoldSet {
    /// Reads a gold file.
    pub fn load(path: &Path) -> Result<GoldSet, GoldError> {
        let shown = path.display().to_string();
        let read_err = |message: String| GoldError::Read {
            path: shown.clone(),
            message,
        };
        let mut r = csv::Reader::from_path(path).map_err(|e| read_err(e.to_string()))?;
        let header: Vec<String> = r
            .headers()
            .map_err(|e| read_err(e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        if header.len() < 5 || header[..4] != FIXED {
            return Err(read_err(format!(
                "header must start with {} and then theme ids",
                FIXED.join(",")
            )));
        }
        let themes: Vec<String> = header[4..].to_vec();
        let mut items = BTreeMap::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| read_err(e.to_string()))?;
            let line = rec.position().map_or(0, |p| p.line());
            let row_err = |message: String| GoldError::Row {
                path: shown.clone(),
                line,
                message,
            };
            if rec.len() != header.len() {
                return Err(row_err(format!(
                    "{} fields, header has {}",
                    rec.len(),
                    header.len()
                )));
            }
            let mut coded = BTreeSet::new();
            for (i, t) in themes.iter().enumerate() {
                match rec[4 + i].trim().to_lowercase().as_str() {
                    "" | "0" | "no" | "n" | "false" => {}
                    "1" | "yes" | "y" | "true" | "x" => {
                        coded.insert(t.clone());
                    }
                    other => {
                        return Err(row_err(format!(
                            "column {t}: {other:?} is neither coded (1) nor blank"
                        )))
                    }
                }
            }
            let id = rec[0].trim().to_string();
            if id.is_empty() {
                return Err(row_err("empty response_id".into()));
            }
            let item = GoldItem {
                question: rec[1].to_string(),
                respondent_type: rec[2].to_string(),
                text: rec[3].to_string(),
                themes: coded,
            };
            if items.insert(id.clone(), item).is_some() {
                return Err(row_err(format!("response {id} appears twice")));
            }
        }
        Ok(GoldSet {
            path: shown,
            themes,
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_rejects_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "response_id,question,respondent_type,text,funding,pay\nR1:Q1,Q1,Parent,\"more money,\nplease\",1,\nR2:Q1,Q1,Parent,ok,,x\n").unwrap();
        let g = GoldSet::load(&p).unwrap();
        assert_eq!(g.themes, ["funding", "pay"]);
        assert_eq!(
            g.items["R1:Q1"].themes.iter().collect::<Vec<_>>(),
            ["funding"]
        );
        assert_eq!(g.items["R2:Q1"].themes.iter().collect::<Vec<_>>(), ["pay"]);
        std::fs::write(
            &p,
            "response_id,question,respondent_type,text,funding\nR1,Q1,P,t,maybe\n",
        )
        .unwrap();
        assert!(GoldSet::load(&p)
            .unwrap_err()
            .to_string()
            .contains(":2: column funding: \"maybe\""));
        std::fs::write(&p, "id,text\n").unwrap();
        assert!(GoldSet::load(&p).is_err());
    }
}
