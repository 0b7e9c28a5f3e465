//! `audit.jsonl`: one line per response, with every theme coded, the rule that fired and
//! the evidence as byte offsets into the response text plus the exact text they cut.
//!
//! The text fields are `Cow<str>`: a line made while coding borrows the response, the
//! codebook and the campaign list instead of copying them (one line per response adds up);
//! a line read back from a file owns its strings.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tally_code::{Matcher, ThemeHit, NO_PATTERN, REVIEW_RULE};
use tally_ingest::Response;

/// Where a response came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditSource<'a> {
    /// Input file, relative to the analysed directory.
    pub file: Cow<'a, str>,
    /// 1-based line where the response's row starts.
    pub line: u64,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEvidence<'a> {
    /// Byte offset of the start in the response text (UTF-8).
    pub start: u32,
    /// Byte offset just past the end.
    pub end: u32,
    /// Exactly the response text between `start` and `end`.
    pub text: Cow<'a, str>,
    /// The rule that matched.
    pub rule: Cow<'a, str>,
    /// The codebook pattern(s) that matched (two, joined by " … ", for a proximity rule).
    pub pattern: Cow<'a, str>,
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
pub struct AuditRedaction<'a> {
    /// Byte offset in the response text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// email, url, phone, postcode, ni-number, date, address or name.
    pub kind: Cow<'a, str>,
}

/// The organised campaign a response belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditCampaign<'a> {
    /// Campaign id (`C1` …, as in run.json and summary.md).
    pub id: Cow<'a, str>,
    /// template, copy or variant.
    pub role: Cow<'a, str>,
}

/// One theme coded for a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditTheme<'a> {
    /// Theme id.
    pub theme: Cow<'a, str>,
    /// The rule behind the first evidence.
    pub rule: Cow<'a, str>,
    /// Every span that raises the theme, in text order.
    pub evidence: Vec<AuditEvidence<'a>>,
    /// The reviewer's decision, when the coding was reviewed (accepted or added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<AuditReview>,
}

/// One line of audit.jsonl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditLine<'a> {
    /// Stable response id.
    pub response_id: Cow<'a, str>,
    /// Respondent id.
    pub respondent_id: Cow<'a, str>,
    /// Question id.
    pub question: Cow<'a, str>,
    /// Respondent type.
    pub respondent_type: Cow<'a, str>,
    /// Length of the response text in bytes (offsets are below this).
    pub text_bytes: u64,
    /// Where it came from.
    pub source: AuditSource<'a>,
    /// Themes coded, in codebook order; empty when none.
    pub themes: Vec<AuditTheme<'a>>,
    /// The organised campaign the response belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<AuditCampaign<'a>>,
    /// Where personal data was found, and what kind (the data itself is not repeated here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redacted: Vec<AuditRedaction<'a>>,
    /// Codings the codebook made and a reviewer rejected (not counted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<AuditReview>,
}

impl<'a> AuditLine<'a> {
    /// The audit line of a coded response, borrowing its strings from the response, the
    /// matcher and the theme ids.
    pub fn new(
        r: &'a Response,
        file: &'a str,
        hits: &[ThemeHit],
        matcher: &'a Matcher,
        theme_ids: &'a [String],
    ) -> AuditLine<'a> {
        let themes = hits
            .iter()
            .map(|h| {
                let evidence: Vec<AuditEvidence<'a>> = h
                    .evidence
                    .iter()
                    .map(|e| {
                        let mut patterns = e
                            .patterns
                            .iter()
                            .filter(|&&p| p != NO_PATTERN)
                            .map(|&p| matcher.pattern_text(p));
                        let pattern = match (patterns.next(), patterns.next()) {
                            (Some(a), None) => Cow::Borrowed(a),
                            (Some(a), Some(b)) => Cow::Owned(format!("{a} … {b}")),
                            (None, _) => Cow::Borrowed(""),
                        };
                        let rule = if e.rule == REVIEW_RULE {
                            Cow::Borrowed("review: add")
                        } else {
                            Cow::Borrowed(matcher.rule(e.rule).1)
                        };
                        AuditEvidence {
                            start: e.start,
                            end: e.end,
                            text: Cow::Borrowed(&r.text[e.start as usize..e.end as usize]),
                            rule,
                            pattern,
                        }
                    })
                    .collect();
                AuditTheme {
                    theme: Cow::Borrowed(theme_ids[h.theme as usize].as_str()),
                    rule: evidence
                        .first()
                        .map_or(Cow::Borrowed("review: add"), |e| e.rule.clone()),
                    evidence,
                    review: None,
                }
            })
            .collect();
        AuditLine {
            response_id: Cow::Borrowed(&r.id),
            respondent_id: Cow::Borrowed(&r.respondent),
            question: Cow::Borrowed(&r.question),
            respondent_type: Cow::Borrowed(&r.respondent_type),
            text_bytes: r.text.len() as u64,
            source: AuditSource {
                file: Cow::Borrowed(file),
                line: r.line,
            },
            themes,
            campaign: None,
            redacted: Vec::new(),
            rejected: Vec::new(),
        }
    }
}
