//! Reading tally's own coding back from `audit.jsonl`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::agreement::Coding;
use crate::gold::GoldError;

/// Evidence texts per (response id, theme).
pub type EvidenceTexts = BTreeMap<(String, String), Vec<String>>;

/// Reads an audit.jsonl into the coding it records and the evidence of each coding.
pub fn coding_from_audit(path: &Path) -> Result<(Coding, EvidenceTexts), GoldError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| GoldError::Read {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let mut coding = Coding::new();
    let mut evidence = EvidenceTexts::new();
    for (i, line) in text.lines().enumerate() {
        let row_err = |message: String| GoldError::Row {
            path: shown.clone(),
            line: i as u64 + 1,
            message,
        };
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| row_err(e.to_string()))?;
        let id = v["response_id"]
            .as_str()
            .ok_or_else(|| row_err("no response_id".into()))?
            .to_string();
        let themes = coding.entry(id.clone()).or_default();
        for t in v["themes"].as_array().into_iter().flatten() {
            let theme = t["theme"].as_str().unwrap_or_default().to_string();
            let texts: Vec<String> = t["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["text"].as_str().map(String::from))
                .collect();
            themes.insert(theme.clone());
            evidence.insert((id.clone(), theme), texts);
        }
    }
    Ok((coding, evidence))
}
