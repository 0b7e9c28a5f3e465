//! `audit.jsonl`: one line per response, with every theme coded, the rule that fired and
//! the evidence as byte offsets into the response text plus the exact text they cut.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tally_code::{Matcher, ThemeHit, NO_PATTERN, REVIEW_RULE};
use tally_ingest::Response;

/// Where a response came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditSource {
    /// Input file, relative to the analysed directory.
    pub file: String,
    /// 1-based line where the response's row starts.
    pub line: u64,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEvidence {
    /// Byte offset of the start in the response text (UTF-8).
    pub start: u32,
    /// Byte offset just past the end.
    pub end: u32,
    /// Exactly the response text between `start` and `end`.
    pub text: String,
    /// The rule that matched.
    pub rule: String,
    /// The codebook pattern(s) that matched (two, joined by " … ", for a proximity rule).
    pub pattern: String,
}

/// A reviewer's decision on a coding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditReview {
    /// accept, reject or add.
    pub decision: String,
    /// The theme (for rejected codings, which are listed apart).
    pub theme: String,
    /// Who decided.
    pub reviewer: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Personal data found in a response and replaced in every published output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditRedaction {
    /// Byte offset in the response text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// email, url, phone, postcode, ni-number, date, address or name.
    pub kind: String,
}

/// The organised campaign a response belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditCampaign {
    /// Campaign id (`C1` …, as in run.json and summary.md).
    pub id: String,
    /// template, copy or variant.
    pub role: String,
}

/// One theme coded for a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditTheme {
    /// Theme id.
    pub theme: String,
    /// The rule behind the first evidence.
    pub rule: String,
    /// Every span that raises the theme, in text order.
    pub evidence: Vec<AuditEvidence>,
    /// The reviewer's decision, when the coding was reviewed (accepted or added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<AuditReview>,
}

/// One line of audit.jsonl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditLine {
    /// Stable response id.
    pub response_id: String,
    /// Respondent id.
    pub respondent_id: String,
    /// Question id.
    pub question: String,
    /// Respondent type.
    pub respondent_type: String,
    /// Length of the response text in bytes (offsets are below this).
    pub text_bytes: u64,
    /// Where it came from.
    pub source: AuditSource,
    /// Themes coded, in codebook order; empty when none.
    pub themes: Vec<AuditTheme>,
    /// The organised campaign the response belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<AuditCampaign>,
    /// Where personal data was found, and what kind (the data itself is not repeated here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redacted: Vec<AuditRedaction>,
    /// Codings the codebook made and a reviewer rejected (not counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<AuditReview>,
}

impl AuditLine {
    /// The audit line of a coded response.
    pub fn new(
        r: &Response,
        file: &str,
        hits: &[ThemeHit],
        matcher: &Matcher,
        theme_ids: &[String],
    ) -> AuditLine {
        let themes = hits
            .iter()
            .map(|h| {
                let evidence: Vec<AuditEvidence> = h
                    .evidence
                    .iter()
                    .map(|e| {
                        let pattern = e
                            .patterns
                            .iter()
                            .filter(|&&p| p != NO_PATTERN)
                            .map(|&p| matcher.pattern_text(p))
                            .collect::<Vec<_>>()
                            .join(" … ");
                        let rule = if e.rule == REVIEW_RULE {
                            "review: add".to_string()
                        } else {
                            matcher.rule(e.rule).1.to_string()
                        };
                        AuditEvidence {
                            start: e.start,
                            end: e.end,
                            text: r.text[e.start as usize..e.end as usize].to_string(),
                            rule,
                            pattern,
                        }
                    })
                    .collect();
                AuditTheme {
                    theme: theme_ids[h.theme as usize].clone(),
                    rule: evidence
                        .first()
                        .map_or_else(|| "review: add".to_string(), |e| e.rule.clone()),
                    evidence,
                    review: None,
                }
            })
            .collect();
        AuditLine {
            response_id: r.id.clone(),
            respondent_id: r.respondent.clone(),
            question: r.question.clone(),
            respondent_type: r.respondent_type.clone(),
            text_bytes: r.text.len() as u64,
            source: AuditSource {
                file: file.to_string(),
                line: r.line,
            },
            themes,
            campaign: None,
            redacted: Vec::new(),
            rejected: Vec::new(),
        }
    }
}
