//! Human-coded samples.
//!
//! A sample drawn by `tally review sample` also records each response's inclusion
//! probability in an `inclusion_probability` column (anywhere after `text`; it is not a
//! theme). A file coded by hand without it reads with `None` for every response, and so
//! does a row whose cell is blank.
//!
//! The response id, question, respondent type and text cells are read without the `'` that
//! the sample (like coded.csv) put before a cell a spreadsheet would run as a formula
//! ([`crate::unneutralise`], the exact inverse of `tally_escape::neutralise_cell`), so a
//! sample coded by hand matches the responses it was drawn from.
//!
//! A row's `response_id` is the response's id in the run; a sample coded before ids were
//! unique in a run (a long export's rows by the source's own id) is matched through its
//! `question` column to the one response the id and question name ([`GoldSet::resolve`],
//! [`crate::keys`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::keys::{Found, Key};
use crate::sheet::unneutralise;

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

/// The column holding each response's inclusion probability.
pub const INCLUSION_PROBABILITY: &str = "inclusion_probability";

/// One human-coded response.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldItem {
    /// Question id.
    pub question: String,
    /// Respondent type.
    pub respondent_type: String,
    /// The text as the coder saw it.
    pub text: String,
    /// Themes the coder judged raised.
    pub themes: BTreeSet<String>,
    /// The line of the file the row starts on (0 for an item not read from a file).
    pub line: u64,
    /// The probability that the sampling design drew this response, in (0, 1], when the
    /// file records it (see the module docs); `None` otherwise.
    pub inclusion_probability: Option<f64>,
}

/// A human-coded sample: `response_id, question, respondent_type, text`, then one column
/// per theme id (`1`, `yes`, `y`, `true` or `x` = coded; empty or `0` = not coded), and
/// optionally an `inclusion_probability` column.
#[derive(Debug, Clone, PartialEq)]
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
    /// The themes each response was coded with, as a [`Coding`](crate::Coding).
    pub fn coding(&self) -> crate::Coding {
        self.items
            .iter()
            .map(|(id, item)| (id.clone(), item.themes.clone()))
            .collect()
    }

    /// What names each row's response, in the order of `items` ([`crate::keys`]).
    pub fn keys(&self) -> Vec<Key> {
        self.items
            .iter()
            .map(|(id, item)| Key {
                id: id.clone(),
                question: Some(item.question.trim().to_string()).filter(|q| !q.is_empty()),
            })
            .collect()
    }

    /// Re-keys the rows by the responses they name in the run (`found`, one per row in the
    /// order of [`GoldSet::keys`], from a [`crate::keys::Resolver`]). A row naming several
    /// responses or none keeps its id (no response has it: the agreement lists it as
    /// missing), as does a second row naming a response an earlier row (by id) names; each
    /// is returned as a problem: its line and why.
    pub fn resolve(&mut self, found: &[Found]) -> Vec<(u64, String)> {
        let keys = self.keys();
        let mut problems = Vec::new();
        let mut items = BTreeMap::new();
        let mut kept = Vec::new();
        for ((id, item), (f, key)) in std::mem::take(&mut self.items)
            .into_iter()
            .zip(found.iter().zip(&keys))
        {
            match f {
                Found::One(to) if !items.contains_key(to) => {
                    items.insert(to.clone(), item);
                }
                Found::One(to) => {
                    problems.push((
                        item.line,
                        format!("response_id {id} names response {to}, as an earlier row does: not compared"),
                    ));
                    kept.push((id, item));
                }
                other => {
                    let why = other.problem(key).unwrap_or_default();
                    problems.push((item.line, format!("response_id {id}: {why}: not compared")));
                    kept.push((id, item));
                }
            }
        }
        for (id, item) in kept {
            items.entry(id).or_insert(item);
        }
        self.items = items;
        problems.sort();
        problems
    }

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
        let pi_column = header[4..]
            .iter()
            .position(|h| h == INCLUSION_PROBABILITY)
            .map(|i| i + 4);
        let theme_columns: Vec<usize> = (4..header.len())
            .filter(|&i| Some(i) != pi_column)
            .collect();
        if theme_columns.is_empty() {
            return Err(read_err(format!(
                "header must start with {} and then theme ids",
                FIXED.join(",")
            )));
        }
        let themes: Vec<String> = theme_columns.iter().map(|&i| header[i].clone()).collect();
        let mut items = BTreeMap::new();
        let mut split = BTreeSet::new();
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
            for (&i, t) in theme_columns.iter().zip(&themes) {
                match rec[i].trim().to_lowercase().as_str() {
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
            let id = unneutralise(&rec[0]).trim().to_string();
            if id.is_empty() {
                return Err(row_err("empty response_id".into()));
            }
            let item = GoldItem {
                question: unneutralise(&rec[1]).to_string(),
                respondent_type: unneutralise(&rec[2]).to_string(),
                text: unneutralise(&rec[3]).to_string(),
                themes: coded,
                line,
                inclusion_probability: pi_column
                    .map(|i| probability(&rec[i]))
                    .transpose()
                    .map_err(row_err)?
                    .flatten(),
            };
            file_item(&mut items, &mut split, id, item).map_err(row_err)?;
        }
        Ok(GoldSet {
            path: shown,
            themes,
            items,
        })
    }
}

/// Files a row under its id; a `response_id` on rows of several questions (a long export's
/// id naming its respondent, from before each answer had an id of its own) is filed as
/// `ID:QUESTION` on each, the id the run gives each answer. The same id twice for one
/// question is an error.
fn file_item(
    items: &mut BTreeMap<String, GoldItem>,
    split: &mut BTreeSet<String>,
    id: String,
    item: GoldItem,
) -> Result<(), String> {
    let twice = || format!("response {id} appears twice");
    let per_question = |id: &str, item: &GoldItem| format!("{id}:{}", item.question.trim());
    if let Some(first) = items.remove(&id) {
        let (a, b) = (first.question.trim(), item.question.trim());
        if a == b || a.is_empty() || b.is_empty() {
            return Err(twice());
        }
        items.insert(per_question(&id, &first), first);
        split.insert(id.clone());
    }
    let key = if split.contains(&id) {
        per_question(&id, &item)
    } else {
        id.clone()
    };
    if items.contains_key(&key) {
        return Err(twice());
    }
    items.insert(key, item);
    Ok(())
}

/// An inclusion probability cell: blank is `None`, otherwise a number in (0, 1].
fn probability(cell: &str) -> Result<Option<f64>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    match cell.parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(Some(p)),
        _ => Err(format!(
            "column {INCLUSION_PROBABILITY}: {cell:?} is not a probability in (0, 1]"
        )),
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
        assert_eq!(g.items["R1:Q1"].inclusion_probability, None, "no column");
    }

    #[test]
    fn reads_inclusion_probabilities_when_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        let head = "response_id,question,respondent_type,text,inclusion_probability,funding\n";
        std::fs::write(
            &p,
            format!("{head}R1,Q1,P,t,0.01020408163265306,1\nR2,Q1,P,t,,\nR3,Q2,C,t,1,x\n"),
        )
        .unwrap();
        let g = GoldSet::load(&p).unwrap();
        assert_eq!(g.themes, ["funding"], "the probability is not a theme");
        let pi = |id: &str| g.items[id].inclusion_probability;
        assert_eq!(pi("R1"), Some(1.0 / 98.0), "round-trips exactly");
        assert_eq!(pi("R2"), None, "blank cell");
        assert_eq!(pi("R3"), Some(1.0));
        assert_eq!(g.items["R3"].themes.len(), 1);
        // also read at the end of the row, after the themes
        std::fs::write(
            &p,
            "response_id,question,respondent_type,text,funding,inclusion_probability\nR1,Q1,P,t,1,0.5\n",
        )
        .unwrap();
        let g = GoldSet::load(&p).unwrap();
        assert_eq!(
            (g.themes.len(), g.items["R1"].inclusion_probability),
            (1, Some(0.5))
        );
        for bad in ["0", "1.5", "half", "-0.2", "NaN"] {
            std::fs::write(&p, format!("{head}R1,Q1,P,t,{bad},1\n")).unwrap();
            let err = GoldSet::load(&p).unwrap_err().to_string();
            assert!(
                err.contains(":2: column inclusion_probability"),
                "{bad}: {err}"
            );
        }
        // a probability column alone is not a coded file
        std::fs::write(
            &p,
            "response_id,question,respondent_type,text,inclusion_probability\n",
        )
        .unwrap();
        assert!(GoldSet::load(&p).is_err());
    }

    #[test]
    fn an_id_on_rows_of_two_questions_is_read_per_question_and_resolved() {
        use crate::keys::{Found, Resolver};
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(
            &p,
            "response_id,question,respondent_type,text,funding\nD1,Q1,P,money,1\nD1,Q2,P,staff,\nD2,Q1,P,t,\nD9,Q1,P,gone,1\n",
        )
        .unwrap();
        let mut g = GoldSet::load(&p).unwrap();
        let ids: Vec<&str> = g.items.keys().map(String::as_str).collect();
        assert_eq!(ids, ["D1:Q1", "D1:Q2", "D2", "D9"]);
        assert_eq!(g.items["D1:Q2"].line, 3);
        // the run's ids: D2 is its own respondent's single answer; D9 is no response
        let mut r = Resolver::new(g.keys());
        for (id, q) in [("D1:Q1", "Q1"), ("D1:Q2", "Q2"), ("D2:Q1", "Q1")] {
            r.observe(id, q, "long.csv");
        }
        let found = r.finish();
        assert_eq!(found[2], Found::One("D2:Q1".into()));
        let problems = g.resolve(&found);
        let ids: Vec<&str> = g.items.keys().map(String::as_str).collect();
        assert_eq!(ids, ["D1:Q1", "D1:Q2", "D2:Q1", "D9"]);
        assert_eq!(g.items["D1:Q1"].themes.len(), 1, "each row its own answer");
        assert!(g.items["D1:Q2"].themes.is_empty());
        assert_eq!(
            problems,
            [(
                5,
                "response_id D9: no response with this id and question Q1 in this run: not compared"
                    .to_string()
            )]
        );
        // the same id twice for one question is still an error
        std::fs::write(
            &p,
            "response_id,question,respondent_type,text,funding\nD1,Q1,P,a,1\nD1,Q2,P,b,\nD1,Q1,P,c,\n",
        )
        .unwrap();
        let e = GoldSet::load(&p).unwrap_err().to_string();
        assert!(e.contains(":4: response D1 appears twice"), "{e}");
    }
}
