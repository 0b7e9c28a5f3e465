//! Review decisions: a reviewer's verdict on one (response, theme) coding, kept in a plain
//! JSON file and re-applied on every run.
//!
//! ```json
//! { "decisions": [
//!   { "response_id": "R0123:Q4", "theme": "rcc_concerns", "decision": "reject",
//!     "reviewer": "AB", "note": "welcomes the cooperatives" },
//!   { "response_id": "R0456:Q2", "theme": "funding", "decision": "add",
//!     "evidence": "the money has to follow the child", "reviewer": "AB" },
//!   { "response_id": "R0789:Q5", "theme": "pay", "decision": "accept", "reviewer": "CD" }
//! ] }
//! ```
//! `reject` removes a coding from counts and quotes; `add` puts one in (its evidence, when
//! given, must occur in the response and becomes its span); `accept` marks a coding as
//! reviewed. One decision per (response, theme).
//!
//! `response_id` is the response's id in the run (unique in it). A decision may also give
//! the response's `question`: an id that is no response's, such as the source's own id
//! from a long export (`D1`, where the run's id is `D1:Q2`), is then matched to the one
//! response it and the question name ([`crate::keys`]). A decision naming several
//! responses, or none, is reported and applied to none.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;

use crate::keys::{Found, Key};
use serde::{Deserialize, Serialize};

/// What the reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The coding is right.
    Accept,
    /// The coding is wrong: remove it.
    Reject,
    /// The response raises the theme and tally missed it: add it.
    Add,
}

impl Verdict {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Reject => "reject",
            Verdict::Add => "add",
        }
    }
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The response, by its stable id.
    pub response_id: String,
    /// The response's question (optional): with it, an id that is not a response's own is
    /// matched to the one response the id and question name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The theme id.
    pub theme: String,
    /// accept, reject or add.
    pub decision: Verdict,
    /// For `add`: text of the response that raises the theme (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Who decided.
    pub reviewer: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A decisions file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionsFile {
    /// The decisions.
    pub decisions: Vec<Decision>,
}

/// A decisions file that cannot be used (the run stops).
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DecisionsError {
    /// The file.
    pub path: String,
    /// What is wrong, naming the entry.
    pub message: String,
}

/// Decisions indexed by response id, then theme.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// The file, as given.
    pub path: String,
    /// By response id → theme → decision.
    pub by_response: BTreeMap<String, BTreeMap<String, Decision>>,
    /// All decisions, in file order.
    pub all: Vec<Decision>,
    /// Each decision's name in messages (`decision 3`, `row 7`), in file order.
    pub labels: Vec<String>,
    /// Decisions applied to no response, by their index in `all`, with the reason (an id
    /// naming several responses, or none: see [`Decisions::resolve`]).
    pub unresolved: Vec<(usize, String)>,
}

impl Decisions {
    /// Reads and checks a decisions file: valid JSON of the schema, no empty ids or
    /// reviewers, one decision per (response, theme).
    pub fn load(path: &Path) -> Result<Decisions, DecisionsError> {
        let shown = path.display().to_string();
        let err = |message: String| DecisionsError {
            path: shown.clone(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read: {e}")))?;
        Self::parse(&text, &shown)
    }

    /// Parses a decisions file's text.
    pub fn parse(text: &str, shown: &str) -> Result<Decisions, DecisionsError> {
        let err = |message: String| DecisionsError {
            path: shown.to_string(),
            message,
        };
        let file: DecisionsFile = serde_json::from_str(text).map_err(|e| {
            // name the entry: count the decisions opened before the error's line
            let upto: String = text.lines().take(e.line()).collect::<Vec<_>>().join("\n");
            let entry = upto.matches("\"response_id\"").count();
            err(format!(
                "line {}: {e}{}",
                e.line(),
                if entry > 0 {
                    format!(" (in decision {entry})")
                } else {
                    String::new()
                }
            ))
        })?;
        let labels = (1..=file.decisions.len()).map(|n| format!("decision {n}"));
        Self::index(file.decisions, labels, shown)
    }

    /// Checks and indexes decisions read from `shown`, each named in errors by its label
    /// (`decision 3` in a JSON file, `row 7` in a sheet): no empty ids or reviewers, evidence
    /// only on `add`, one decision per (response, theme).
    pub(crate) fn index(
        decisions: Vec<Decision>,
        labels: impl IntoIterator<Item = String>,
        shown: &str,
    ) -> Result<Decisions, DecisionsError> {
        let err = |message: String| DecisionsError {
            path: shown.to_string(),
            message,
        };
        let mut d = Decisions {
            path: shown.to_string(),
            ..Default::default()
        };
        for (dec, n) in decisions.iter().zip(labels) {
            d.labels.push(n.clone());
            if dec.response_id.trim().is_empty() || dec.theme.trim().is_empty() {
                return Err(err(format!("{n}: response_id and theme must not be empty")));
            }
            if dec.reviewer.trim().is_empty() {
                return Err(err(format!(
                    "{n} ({} / {}): reviewer must not be empty",
                    dec.response_id, dec.theme
                )));
            }
            if dec.evidence.is_some() && dec.decision != Verdict::Add {
                return Err(err(format!(
                    "{n} ({} / {}): evidence only goes with \"add\"",
                    dec.response_id, dec.theme
                )));
            }
            let slot = d.by_response.entry(dec.response_id.clone()).or_default();
            if slot.insert(dec.theme.clone(), dec.clone()).is_some() {
                return Err(err(format!(
                    "{n}: a second decision for {} / {}",
                    dec.response_id, dec.theme
                )));
            }
        }
        d.all = decisions;
        Ok(d)
    }

    /// What names each decision's response, in file order ([`crate::keys`]).
    pub fn keys(&self) -> Vec<Key> {
        self.all
            .iter()
            .map(|d| Key {
                id: d.response_id.clone(),
                question: d.question.clone(),
            })
            .collect()
    }

    /// Re-keys the decisions by the responses they name in the run (`found`, one per
    /// decision in file order, from a [`crate::keys::Resolver`] given [`Decisions::keys`]):
    /// each decision naming one response is filed under its id (its `response_id` becomes
    /// that id); one naming several responses or none is left out, in `unresolved` with
    /// why, as is a second decision for a (response, theme) some earlier one already names.
    pub fn resolve(&mut self, found: &[Found]) {
        let keys = self.keys();
        self.by_response.clear();
        self.unresolved.clear();
        for (i, (d, f)) in self.all.iter_mut().zip(found).enumerate() {
            let label = self.labels.get(i).map_or("decision", String::as_str);
            match f {
                Found::One(id) => {
                    let first = self.by_response.entry(id.clone()).or_default();
                    if first.contains_key(&d.theme) {
                        self.unresolved.push((
                            i,
                            format!(
                                "a second decision for response {id} / {}: applied to none ({label})",
                                d.theme
                            ),
                        ));
                        continue;
                    }
                    d.response_id.clone_from(id);
                    first.insert(d.theme.clone(), d.clone());
                }
                other => {
                    let why = other.problem(&keys[i]).unwrap_or_default();
                    self.unresolved.push((i, format!("{why} ({label})")));
                }
            }
        }
        self.by_response.retain(|_, themes| !themes.is_empty());
    }
}

/// The JSON Schema of a decisions file, as pretty JSON.
pub fn decisions_schema() -> String {
    let mut s =
        serde_json::to_string_pretty(&schemars::schema_for!(DecisionsFile)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_indexes() {
        let d = Decisions::parse(
            r#"{"decisions":[{"response_id":"R1:Q1","theme":"pay","decision":"reject","reviewer":"AB","note":"no"},
                             {"response_id":"R1:Q1","theme":"funding","decision":"add","evidence":"money","reviewer":"AB"}]}"#,
            "d.json",
        )
        .unwrap();
        assert_eq!(d.by_response["R1:Q1"]["pay"].decision, Verdict::Reject);
        assert_eq!(d.all.len(), 2);
    }

    #[test]
    fn malformed_files_name_the_entry() {
        let e = Decisions::parse("{\"decisions\":[\n{\"response_id\":\"a\",\"theme\":\"t\",\"decision\":\"maybe\",\"reviewer\":\"x\"}]}", "d.json").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("d.json: line 2: unknown variant `maybe`"),
            "{e}"
        );
        assert!(e.to_string().contains("(in decision 1)"), "{e}");
        let e = Decisions::parse(
            r#"{"decisions":[{"response_id":"a","theme":"t","decision":"accept","reviewer":""}]}"#,
            "d.json",
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("decision 1 (a / t): reviewer must not be empty"));
        let e = Decisions::parse(
            r#"{"decisions":[{"response_id":"a","theme":"t","decision":"accept","reviewer":"x"},{"response_id":"a","theme":"t","decision":"reject","reviewer":"y"}]}"#,
            "d.json",
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("decision 2: a second decision for a / t"));
    }

    #[test]
    fn resolving_files_each_decision_under_the_one_response_it_names() {
        use crate::keys::Resolver;
        let mut d = Decisions::parse(
            r#"{"decisions":[
                {"response_id":"D1","question":"Q2","theme":"pay","decision":"reject","reviewer":"AB"},
                {"response_id":"D1","theme":"funding","decision":"reject","reviewer":"AB"},
                {"response_id":"D1:Q2","theme":"pay","decision":"accept","reviewer":"AB"},
                {"response_id":"D2","theme":"pay","decision":"accept","reviewer":"AB"}]}"#,
            "d.json",
        )
        .unwrap();
        assert_eq!(d.all[0].question.as_deref(), Some("Q2"));
        let mut r = Resolver::new(d.keys());
        for (id, q) in [("D1:Q1", "Q1"), ("D1:Q2", "Q2")] {
            r.observe(id, q, "long.csv");
        }
        d.resolve(&r.finish());
        let keys: Vec<&str> = d.by_response.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["D1:Q2"],
            "only the decision naming one response is filed"
        );
        assert_eq!(d.by_response["D1:Q2"]["pay"].decision, Verdict::Reject);
        assert_eq!(d.all[0].response_id, "D1:Q2", "rewritten to the run's id");
        let why: Vec<(usize, &str)> = d.unresolved.iter().map(|(i, w)| (*i, w.as_str())).collect();
        assert_eq!(
            why,
            [
                (1, "id D1 names 2 responses (D1:Q1, D1:Q2): applied to none; give the response's id in this run or its question (decision 2)"),
                (2, "a second decision for response D1:Q2 / pay: applied to none (decision 3)"),
                (3, "no response with this id in this run (decision 4)"),
            ]
        );
        assert_eq!(d.all.len(), 4, "every decision is still counted");
    }
}
