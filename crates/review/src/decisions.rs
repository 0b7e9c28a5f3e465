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

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
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
}
